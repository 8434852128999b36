import CNNLessons
import Foundation
import Testing

/// What the docs promise an author, held to the built binary: every YAML block in README.md and docs/*.md is a
/// lesson that passes `check --strict` and whose numpy script reproduces the tutor, and the tutorial
/// docs/first-lesson.md runs as written, each shown output being what its commands print.
struct DocsExamplesTests {
    /// A fenced block of a Markdown file: its info string ("yaml", "sh exit=1"), its text, its first line (1-based).
    struct FencedBlock {
        var info: String
        var text: String
        var line: Int
    }

    static func blocks(in file: String) throws -> [FencedBlock] {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(file), encoding: .utf8)
        var blocks: [FencedBlock] = []
        var open: FencedBlock?
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if var block = open {
                if line == "```" {
                    blocks.append(block)
                    open = nil
                } else {
                    block.text += line + "\n"
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = FencedBlock(info: String(line.dropFirst(3)), text: "", line: index + 2)
            }
        }
        #expect(open == nil, "\(file): a fenced block is never closed")
        return blocks
    }

    static var documents: [String] {
        let docs = (try? FileManager.default.contentsOfDirectory(
            atPath: CLI.packageRoot.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    /// Every YAML block of the docs, written to `folder` under a name that says where it is (so that a failure
    /// points at the doc's line).
    static func writeYAMLBlocks(to folder: URL) throws -> [URL] {
        var files: [URL] = []
        for document in documents {
            for block in try blocks(in: document) where block.info == "yaml" {
                let name = document.replacingOccurrences(of: "/", with: "-") + "-line-\(block.line).yaml"
                let file = folder.appendingPathComponent(name)
                try block.text.write(to: file, atomically: true, encoding: .utf8)
                files.append(file)
            }
        }
        return files
    }

    @Test func everyYAMLBlockOfTheDocsPassesTheStrictCheck() throws {
        let folder = try Self.temporaryFolder("docs-yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.writeYAMLBlocks(to: folder)
        #expect(files.count >= 10, "found only \(files.count) YAML blocks")
        let result = try CLI.run(["check", "--strict"] + files.map(\.path))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasSuffix("checked \(files.count) files: no problems\n"), "\(result.stderr)")
    }

    @Test func everyYAMLBlockOfTheDocsExportsAScriptThatReproducesTheTutor() throws {
        let folder = try Self.temporaryFolder("docs-numpy")
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try Self.writeYAMLBlocks(to: folder) {
            let player = try LessonLoader.player(file: file.path).get()
            let script = try CLI.run(["show", player.lesson.id, "--lessons", folder.path, "--format", "numpy"])
            #expect(script.status == 0, "\(file.lastPathComponent): \(script.stderr)")
            try ExportScriptTests().expectSameResults(player: player, script: script.stdout)
        }
    }

    /// The tutorial, in order: a YAML block whose first line is `# PATH` is written to PATH; a `sh` block runs as
    /// one script (`exit=N` in its info string: the status it must end with, else 0); a `text` block right after
    /// it is what the script printed, standard output and error together as a terminal shows them.
    @Test func theFirstLessonTutorialRunsAsWritten() throws {
        let folder = try Self.temporaryFolder("tutorial")
        defer { try? FileManager.default.removeItem(at: folder) }
        var lastOutput: (line: Int, text: String)?
        for block in try Self.blocks(in: "docs/first-lesson.md") {
            switch block.info.split(separator: " ").first ?? "" {
            case "yaml":
                guard let path = block.text.firstMatch(of: /^# (\S+\.yaml)\n/)?.1 else { continue }
                try block.text.write(to: folder.appendingPathComponent(String(path)), atomically: true, encoding: .utf8)
            case "sh":
                let expected = Int32(block.info.firstMatch(of: /exit=(\d+)/)?.1 ?? "0") ?? 0
                let (status, output) = try Self.runScript(block.text, in: folder)
                #expect(status == expected, "docs/first-lesson.md:\(block.line): exit \(status)\n\(output)")
                lastOutput = (block.line, output)
            case "text":
                let printed = lastOutput?.text ?? "(no command before it)"
                #expect(lastOutput?.text == block.text,
                        "docs/first-lesson.md:\(block.line) shows an output its commands do not print:\n\(printed)")
                lastOutput = nil
            default:
                continue
            }
        }
    }

    static func temporaryFolder(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `script` with `/bin/sh -e` in `folder`, the built `cnn-tutor` first on PATH; standard output and error
    /// go to one file, in the order they were written.
    static func runScript(_ script: String, in folder: URL) throws -> (status: Int32, output: String) {
        try CLI.requireBinary()
        let outputFile = folder.appendingPathComponent(".output-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let handle = try FileHandle(forWritingTo: outputFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-e", "-c", script]
        process.currentDirectoryURL = folder
        var environment = CLI.environment([:])
        environment["PATH"] = CLI.productsDirectory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["CNN_TUTOR_LESSONS"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: outputFile, encoding: .utf8))
    }
}
