import Foundation
import Testing

/// Shell completions: the README's lines work on a fresh HOME, and lesson ids complete.
struct CompletionTests {
    /// Runs `script` in a bash with a fresh HOME and this build's `cnn-tutor` first on PATH.
    func bash(_ script: String, home: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--norc", "--noprofile", "-c", script]
        process.environment = ["HOME": home.path, "PATH": CLI.productsDirectory.path + ":/usr/bin:/bin",
                               "LANG": "C.UTF-8"]
        process.currentDirectoryURL = home
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func freshHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    /// README's completion lines, verbatim (those that need no man page build).
    static func readmeCompletionLines() throws -> [String] {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("mkdir -p ~/") || $0.hasPrefix("cnn-tutor --generate-completion-script") }
    }

    @Test func readmeLinesWorkOnAFreshHome() throws {
        try CLI.requireBinary()
        let lines = try Self.readmeCompletionLines()
        #expect(lines.count == 4)
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try bash("set -e\n" + lines.joined(separator: "\n"), home: home)
        #expect(result.status == 0, "\(result.output)")
        for file in [".local/share/bash-completion/completions/cnn-tutor", ".zfunc/_cnn-tutor",
                     ".config/fish/completions/cnn-tutor.fish"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: home.path + "/" + file)[.size]) as? Int
            #expect((size ?? 0) > 1000, "\(file) missing or empty")
        }
    }

    @Test func bashCompletesLessonIDsAfterShow() throws {
        try CLI.requireBinary()
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let script = """
            source <(cnn-tutor --generate-completion-script bash)
            COMP_LINE='cnn-tutor show max'; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(cnn-tutor show max); COMP_CWORD=2
            _cnn-tutor; printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try bash(script, home: home)
        #expect(result.output.split(separator: "\n") == ["max-pooling"], "\(result.output)")
    }

    @Test func lessonOptionCompletesTheInstructorsOwnLessons() throws {
        let folder = try freshHome()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id: zeta-edges\norder: 100\ntitle: Edges\nsummary: s\nsteps:\n  - say: hi\n"
            .write(to: folder.appendingPathComponent("zeta.yaml"), atomically: true, encoding: .utf8)
        let line = ["cnn-tutor", "--lessons", folder.path, "--lesson", "ze"]
        let result = try CLI.run(["---completion", "tutor", "--", "--lesson", "4", "2"] + line)
        #expect(result.stdout.split(separator: "\n") == ["zeta-edges"], "\(result.stdout) \(result.stderr)")
        let bundledOnly = try CLI.run(["---completion", "tutor", "--", "--lesson", "2", "2",
                                       "cnn-tutor", "--lesson", "ze"])
        #expect(bundledOnly.stdout.split(separator: "\n").isEmpty, "\(bundledOnly.stdout)")
    }
}
