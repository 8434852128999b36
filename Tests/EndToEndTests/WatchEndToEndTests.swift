import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// `cnn-tutor --lessons FILE --watch` in tmux: an author saves the lesson file and the tutor shows the save.
    @Suite("Watching a lesson in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct WatchEndToEndTests {
        static func lesson(title: String, mode: String = "mode: max") -> String {
            """
            id: watched-e2e
            order: 95
            title: Watched in tmux
            summary: Saved while the tutor shows it.
            steps:
              - title: \(title)
                op: pool
                input: |
                  1 3 2 1
                  2 9 1 1
                  1 3 2 3
                  5 6 1 2
                \(mode)
                size: 2
                stride: 2
                walk: values

            """
        }

        @Test func aSaveIsShownABrokenOneReportedAndTheNextGoodOneRestoresTheStep() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-watch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("watched.yaml").path
            try Self.lesson(title: "Before the save").write(toFile: file, atomically: true, encoding: .utf8)

            let session = try TmuxSession(width: 80, height: 24,
                                          arguments: ["--lessons", file, "--watch", "--lesson", "watched-e2e"])
            try session.waitFor("Before the save")
            try session.send("Right")
            try session.waitFor("step 2/4")

            try Self.lesson(title: "After the save").write(toFile: file, atomically: true, encoding: .utf8)
            let saved = try session.waitFor("After the save")
            #expect(saved.contains("step 2/4"))

            try Self.lesson(title: "Broken", mode: "mood: max").write(toFile: file, atomically: true, encoding: .utf8)
            let broken = try session.waitFor("unknown field 'mood'")
            #expect(broken.contains("watched.yaml:13:5: error"))

            try Self.lesson(title: "Fixed again").write(toFile: file, atomically: true, encoding: .utf8)
            let fixed = try session.waitFor("Fixed again")
            #expect(fixed.contains("step 2/4"))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }
    }
}
