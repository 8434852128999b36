import Foundation
import Testing

/// The man pages: swift-argument-parser's generator keeps only the ASCII of the help it reads (the binary's
/// `--experimental-dump-help`), so that dump must say everything in ASCII; and the pages, generated and
/// formatted as `man` would, read right.
struct ManualPageTests {
    @Test func theDumpTheGeneratorReadsIsASCIIAndSaysItAll() throws {
        let dump = try CLI.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        #expect(dump.stdout.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(dump.stdout.contains("at least 80x24"))
        #expect(dump.stdout.contains(#"(dL\/dX, dL\/dF, dL\/db)"#))
        #expect(dump.stdout.contains("Right l space"))
        let parsed = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8))
        #expect(parsed is [String: Any])
    }

    /// The generator, built on its own (a scratch folder of its own, so `swift test`'s build is not disturbed).
    static func generator() throws -> String {
        let built = CLI.packageRoot.appendingPathComponent(".build/debug/generate-manual").path
        if FileManager.default.isExecutableFile(atPath: built) { return built }
        let scratch = CLI.packageRoot.appendingPathComponent(".build-manual")
        try runTool("/usr/bin/env", ["swift", "build", "--product", "generate-manual", "--scratch-path", scratch.path,
                                     "--package-path", CLI.packageRoot.path])
        return scratch.appendingPathComponent("debug/generate-manual").path
    }

    @discardableResult
    static func runTool(_ path: String, _ arguments: [String], in folder: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(path) \(arguments): \(text)")
        return text
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "groff is not installed"))
    func generatedPagesFormatWithEveryCharacter() throws {
        try CLI.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("man-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.runTool(try Self.generator(), [CLI.binaryPath, "--multi-page", "--output-directory", folder.path])
        let tutor = try Self.runTool("/usr/bin/groff", ["-man", "-Tutf8", "-P", "-cbou",
                                                         folder.appendingPathComponent("cnn-tutor.tutor.1").path])
        #expect(try Self.words(of: "cnn-tutor.tutor.1", in: folder).contains("at least 80x24"), "\(tutor)")
        let lines = tutor.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // The keys as a list: one key a line.
        #expect(lines.contains { $0.hasPrefix("Right l space") && $0.hasSuffix("next term") }, "\(tutor)")
        #expect(lines.contains { $0.hasPrefix("q  Ctrl-C") && $0.hasSuffix("quit (saves progress)") })
        #expect(lines.contains { $0.hasPrefix("Up  k") && $0.hasSuffix("previous value") })
        #expect(!tutor.contains("warning"), "\(tutor)")
        let backward = try Self.words(of: "cnn-tutor.compute.backward.1", in: folder)
        #expect(backward.contains("(dL/dX, dL/dF, dL/db)"), "\(backward)")
        let size = try Self.words(of: "cnn-tutor.compute.size.1", in: folder)
        #expect(size.contains("floor((N + 2P - D*(F - 1) - 1)/S) + 1"), "\(size)")
    }

    /// A formatted page's words joined by single spaces, so text that wraps still matches.
    static func words(of page: String, in folder: URL) throws -> String {
        let text = try runTool("/usr/bin/groff", ["-man", "-Tutf8", "-P", "-cbou",
                                                  folder.appendingPathComponent(page).path])
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
