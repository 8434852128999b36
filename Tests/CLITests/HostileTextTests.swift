import Foundation
import Testing

/// Issue 13, item 2: lesson text reaches no terminal as escape sequences, whatever the command prints it.
@Suite struct HostileTextTests {
    /// Runs `arguments` with the hostile folder as the lessons folder.
    private func run(_ arguments: [String], in folder: URL) throws -> CLI.Result {
        try CLI.run(arguments + ["--lessons", folder.path])
    }

    private func expectInert(_ result: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(HostileLessons.terminalActive(result.stdout).isEmpty, "stdout: \(escaped(result.stdout))",
                sourceLocation: sourceLocation)
        #expect(HostileLessons.terminalActive(result.stderr).isEmpty, "stderr: \(escaped(result.stderr))",
                sourceLocation: sourceLocation)
    }

    /// The start of `text` with every non-ASCII or control scalar escaped, safe to print in a test log.
    private func escaped(_ text: String) -> String {
        text.unicodeScalars.prefix(2000).map { $0.escaped(asASCII: true) }.joined()
    }

    @Test func listShowsTitlesAndFileNamesVisibly() throws {
        let folder = try HostileLessons.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["list"], in: folder)
        #expect(result.status == 0)
        expectInert(result)
        let row = result.stdout.split(separator: "\n").first { $0.hasPrefix("hostile-text ") }
        #expect(row?.hasSuffix("  Title " + HostileLessons.shownControls) == true, "\(result.stdout)")
        #expect(result.stderr.contains(#"head\e[2J\u{9b}1m\u{202e}.yaml"#), "\(result.stderr)")
    }

    @Test func checkMessagesShowFileNamesAndQuotedTextVisibly() throws {
        let folder = try HostileLessons.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["hostile-text.yaml", HostileLessons.unplayableFileName, HostileLessons.headlessFileName]
        let result = try CLI.run(["check"] + files.map { folder.appendingPathComponent($0).path })
        #expect(result.status == 1)
        expectInert(result)
        let unknownOperation = HostileLessons.shownUnplayableFileName + #":6:9: error: unknown operation '\e]52;c;"#
        #expect(result.stdout.contains(unknownOperation), "\(result.stdout)")
    }

    @Test func errorsNamingLessonFilesOrTypedIdsAreOneInertLine() throws {
        let folder = try HostileLessons.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = try run(["show", "hostile-broken"], in: folder)
        #expect(broken.status == 65 && broken.stdout.isEmpty)
        expectInert(broken)
        // After the warning about the headless file, one error line naming the file twice.
        let error = try #require(broken.stderrLines.last)
        let file = folder.path + "/" + HostileLessons.shownUnplayableFileName
        #expect(error.hasPrefix("error: " + file) && error.hasSuffix("see `cnn-tutor check \(file)`"), "\(error)")

        let typed = try run(["show", HostileLessons.sequences], in: folder)
        #expect(typed.status != 0)
        expectInert(typed)
        #expect(typed.stderr.contains("error: no lesson with id '" + HostileLessons.shownSequences), "\(typed.stderr)")
    }

    @Test func showPlainAndMarkdownAreInert() throws {
        let folder = try HostileLessons.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ["plain", "markdown"] {
            let result = try run(["show", "hostile-text", "--format", format, "--fine"], in: folder)
            #expect(result.status == 0)
            expectInert(result)
            #expect(result.stdout.contains("gnp.exe"), "the hostile text is shown, not dropped")
        }
    }

    /// JSON escapes the controls its own way (`\u001b`), and C1, DEL and bidi controls too: the raw output is
    /// inert, and a parser reads back the lesson's text exactly.
    @Test func jsonEscapesControlsAndKeepsTheText() throws {
        let folder = try HostileLessons.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["show", "hostile-text", "--format", "json", "--step", "1"], in: folder)
        #expect(result.status == 0)
        expectInert(result)
        #expect(result.stdout.contains(#"\u001b]2;pwned\u0007"#) && result.stdout.contains(#"\u009b31m \u202egnp"#))
        let frame = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(frame["lessonTitle"] as? String == "Title " + HostileLessons.controls)
        #expect(frame["heading"] as? String == "Step " + HostileLessons.controls)
    }
}
