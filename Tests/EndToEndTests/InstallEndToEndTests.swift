import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// The binary alone is the whole tutor: copied into an empty folder, far from the source tree and with an
    /// empty HOME, it lists, shows and teaches the bundled lessons (README's "Install").
    @Suite("The binary alone, installed", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct InstallEndToEndTests {
        let folder: URL
        let binary: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-install-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("home"),
                                                    withIntermediateDirectories: true)
            binary = folder.appendingPathComponent("cnn-tutor").path
            try FileManager.default.copyItem(atPath: tutorBinary, toPath: binary)
        }

        var environment: [String: String] {
            ["HOME": folder.appendingPathComponent("home").path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        }

        @Test func listAndShowNeedNoFileBesideTheBinary() throws {
            let list = try run(binary, ["list"], environment: environment)
            #expect(list.status == 0 && list.stderr.isEmpty, "\(list.stderr)")
            #expect(list.stdout.split(separator: "\n").count == 28)
            #expect(list.stdout.contains("forward-pass"))
            let show = try run(binary, ["show", "forward-pass", "--step", "3"], environment: environment)
            #expect(show.status == 0 && show.stderr.isEmpty, "\(show.stderr)")
            #expect(show.stdout.contains("[step 3/"))
            let version = try run(binary, ["--version"], environment: environment)
            #expect(version.stdout.hasPrefix("cnn-tutor "), "\(version.stdout)")
            #expect(version.stdout.contains("commit"))
        }

        @Test func theTutorOpensABundledLesson() throws {
            let session = try TmuxSession(arguments: ["--lesson", "max-pooling"],
                                          environment: ["HOME": folder.appendingPathComponent("home").path],
                                          executable: binary)
            let screen = try session.waitFor("step 1/")
            #expect(screen.contains("pool"), "\(screen)")
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }
    }
}
