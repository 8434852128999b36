import CNNLessons
import Foundation
import Testing

/// Issue 13: a lesson file is a stranger's, and its text stays text in every export. The hostile fixture, and one
/// lesson per payload made from it, are exported by the binary under a hostile file name; the numpy script runs
/// under `python3 -I` in an empty folder and must print the lesson's numbers and nothing else, creating no file.
struct HostileExportTests {
    static let fixture = CLI.packageRoot.appendingPathComponent("Tests/fixtures/hostile/export-injection.yaml")

    /// Each tries to end a comment, a string or a line and run Python that creates `pwned`, or to drive a terminal,
    /// a Markdown renderer or TeX.
    static let payloads = [
        "\nimport os; os.system('touch pwned')\n#",
        "\rimport os; os.system('touch pwned')\r#",
        "\r\nopen('pwned', 'w')\r\n#",
        "\u{2028}open('pwned', 'w')\u{2029}\u{85}\u{0B}\u{0C}\u{1C}#",
        "\"; open('pwned', 'w'); \"",
        "'''; open('pwned', 'w'); '''",
        "\"\"\"; open('pwned', 'w'); \"\"\"",
        "\\\nopen('pwned', 'w')\\",
        "\u{0}\u{1B}]2;owned\u{07}\u{1B}[2J\u{9B}\u{7F}",
        "{open('pwned', 'w')} {0} {} # f-string bait",
        "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))\n# heading",
        "coding: utf-7 +AAo-open(+ACc-pwned+ACc-, +ACc-w+ACc-)+AAo-#",
        "\\end{document}\\input{/etc/passwd}$x^^M%\n\n\\section{x}",
    ]

    /// The fixture's title, summary, 4 step titles, 4 narrations and 1 quiz question.
    static let textFieldCount = 11

    /// The results the scripts print, worked by hand in the fixture's header; F turned 180° is 2 −1 / 0 1.
    /// Under the tutor's step numbers: the narration is step 1, the conv its quiz and 4 values (steps 2–6), the
    /// ReLU and the pooling one frame each (steps 7 and 8).
    static let handWorked = [
        PrintedKey(steps: 2...6, name: "output"): PrintedResult(shape: [2, 2], values: [-4, 7, 5, 6]),
        PrintedKey(steps: 2...6, name: "rotated_filter"): PrintedResult(shape: [2, 2], values: [2, -1, 0, 1]),
        PrintedKey(steps: 7...7, name: "output"): PrintedResult(shape: [2, 2], values: [0, 7, 5, 6]),
        PrintedKey(steps: 8...8, name: "output"): PrintedResult(shape: [1, 1], values: [7]),
    ]

    /// Variant 0 is the fixture as written; variant n carries payload n − 1.
    static let variants = Array(0...payloads.count)

    @Test(arguments: variants)
    func theNumpyScriptComputesTheLessonAndNothingElse(variant: Int) throws {
        let lesson = try HostileLesson(variant: variant)
        defer { lesson.remove() }
        let script = try lesson.show("numpy")
        let run = try lesson.runIsolated(script)
        #expect(run.python.status == 0, "\(run.python.output.suffix(2000).debugDescription)")
        #expect(run.leftBehind.isEmpty, "the script created \(run.leftBehind)")
        let printed = Python.printed(run.python.output)
        #expect(printed.results == Self.handWorked)
        // 4 + 4 + 4 + 1 values, as above.
        #expect(printed.verdict == "all 13 values agree with the tutor")
        expectOnlyCommentsDiffer(script, try HostileLesson.benignShow("numpy"))
    }

    @Test(arguments: variants)
    func thePytorchScriptParsesAndDiffersOnlyInComments(variant: Int) throws {
        let lesson = try HostileLesson(variant: variant)
        defer { lesson.remove() }
        let script = try lesson.show("pytorch")
        let file = try Python.temporaryFile(script)
        defer { try? FileManager.default.removeItem(at: file) }
        let parsed = try Python.run(["-I", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", file.path])
        #expect(parsed.status == 0, "\(parsed.output.debugDescription)")
        expectOnlyCommentsDiffer(script, try HostileLesson.benignShow("pytorch"))
    }

    @Test(arguments: variants)
    func theMarkdownHandoutShowsTheTextWithoutRunningIt(variant: Int) throws {
        let lesson = try HostileLesson(variant: variant)
        defer { lesson.remove() }
        let markdown = try lesson.show("markdown")
        expectNoControls(markdown)
        #expect(!markdown.lowercased().contains("<script") && !markdown.lowercased().contains("<img"))
        #expect(markdown.range(of: #"(?<!\\)\]\("#, options: .regularExpression) == nil, "a live link")
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        // One `# ` title, then one `### ` heading per frame; a line break kept in a title would add lines.
        #expect(lines.filter { $0.hasPrefix("# ") }.count == 1 && lines.first?.hasPrefix("# ") == true)
        let separators = lines.filter { $0 == "---" }.count
        #expect(lines.filter { $0.hasPrefix("#") }.count == 1 + separators + 1)
    }

    @Test(arguments: variants)
    func theLaTeXHandoutKeepsEveryTitleInItsCommand(variant: Int) throws {
        let lesson = try HostileLesson(variant: variant)
        defer { lesson.remove() }
        let latex = try lesson.show("latex")
        expectNoControls(latex)
        #expect(!latex.contains("<script") && !latex.contains("\\end{document}") && !latex.contains("\\input{/"))
        let lines = latex.split(separator: "\n")
        let headings = lines.filter { $0.hasPrefix("\\section*{") || $0.hasPrefix("\\subsection*{") }
        #expect(headings.count == 1 + 4, "the title and the four steps' titles, each on a line")
        #expect(headings.allSatisfy { $0.hasSuffix("}") && !$0.hasSuffix("\\}") })
    }

    @Test(arguments: variants)
    func thePlainTextAndCheckAreQuiet(variant: Int) throws {
        let lesson = try HostileLesson(variant: variant)
        defer { lesson.remove() }
        // Narration keeps its tabs in plain text, as the tutor shows them.
        expectNoControls(try lesson.show("plain"), allowingTab: true)
        // The lesson is valid data: `check` finds nothing to refuse, and exits normally.
        let check = try CLI.run(["check", lesson.file.path])
        #expect(check.status == 0 && !check.signaled, "\((check.stdout + check.stderr).debugDescription)")
        #expect(check.stderr.hasSuffix("checked 1 file: no problems\n"), "\(check.stderr.debugDescription)")
    }

    /// The tutor's engine computes the hand-worked numbers for the fixture, and shows them at the hand-counted
    /// steps: they are the lesson's own.
    @Test func theEngineAgreesWithTheHandWorkedNumbers() throws {
        let player = try LessonLoader.player(file: Self.fixture.path).get()
        var computed: [PrintedKey: PrintedResult] = [:]
        for (step, frames) in player.lessonStepRanges.enumerated() {
            // The tutor's step numbers: 1-based frames.
            let steps = (frames.lowerBound + 1)...frames.upperBound
            for (name, tensor) in player.results(ofStep: step) {
                let result = PrintedResult(shape: tensor.shape, values: tensor.values)
                computed[PrintedKey(steps: steps, name: name)] = result
            }
        }
        #expect(computed == Self.handWorked)
    }

    /// Lesson text reaches a script only in comments: without them, the hostile and the benign scripts are one.
    func expectOnlyCommentsDiffer(_ script: String, _ benign: String,
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        // Every line is the benign script's code or a comment: a step's narration is as many comment lines as it
        // has, and nothing in it can end its comment.
        let code = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(code(script) == code(benign), sourceLocation: sourceLocation)
    }

    /// No C0 control but the newline (and the tab if allowed), no C1 control or DEL, no line or paragraph
    /// separator, bidi or zero-width mark.
    func expectNoControls(_ text: String, allowingTab: Bool = false,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let forbidden = text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x0A: false
            case 0x09: !allowingTab
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x2028...0x202E: true
            default: false
            }
        }
        // Named by its code, never printed: the test log is read in a terminal too.
        let code = forbidden.map { "U+" + String($0.value, radix: 16) }
        #expect(code == nil, sourceLocation: sourceLocation)
    }
}

/// The fixture with its text replaced (or not), written under a hostile file name in a folder of its own.
struct HostileLesson {
    let folder: URL
    let file: URL

    /// Variant 0: the fixture as it is, in a file whose name carries line breaks, quotes and controls.
    init(variant: Int) throws {
        let fixture = try String(contentsOf: HostileExportTests.fixture, encoding: .utf8)
        guard variant > 0 else {
            try self.init(text: fixture, fileName: "pwned\nimport os; os.system('touch pwned')\n#'''\"\"\"\\\r"
                + "\u{2028}\u{1B}]2;x\u{07}{}#.yaml")
            return
        }
        let payload = HostileExportTests.payloads[variant - 1]
        // Letters around the payload: the reader trims spaces and line breaks at the ends of a field.
        let text = try Self.replacingText(of: fixture, with: "A " + payload + " Z")
        let name = "lesson " + payload.filter { $0 != "/" && $0 != "\0" } + ".yaml"
        try self.init(text: text, fileName: name)
    }

    /// `show … --format FORMAT` of the fixture with harmless text, to compare scripts against.
    static func benignShow(_ format: String) throws -> String {
        let fixture = try String(contentsOf: HostileExportTests.fixture, encoding: .utf8)
        let lesson = try HostileLesson(text: try replacingText(of: fixture, with: "Plain text"), fileName: "plain.yaml")
        defer { lesson.remove() }
        return try lesson.show(format)
    }

    init(text: String, fileName: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        file = folder.appendingPathComponent(fileName)
        try text.write(to: file, atomically: false, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// `show hostile-export --format FORMAT`, which must succeed quietly.
    func show(_ format: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let result = try CLI.run(["show", "hostile-export", "--lessons", folder.path, "--format", format])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(format): \(result.stderr.debugDescription)",
                sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs `script` with `python3 -I` in an empty folder; what it printed and the files it left there.
    func runIsolated(_ script: String) throws -> (python: Python.Output, leftBehind: [String]) {
        let scriptFile = folder.appendingPathComponent("script.py"), workspace = folder.appendingPathComponent("run")
        try script.write(to: scriptFile, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        let output = try Python.run(["-I", scriptFile.path], in: workspace)
        let created = try FileManager.default.contentsOfDirectory(atPath: workspace.path)
        let besides = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { ![file.lastPathComponent, "script.py", "run"].contains($0) }
        return (output, created + besides)
    }

    /// `fixture` with every double-quoted title, summary, say and ask replaced by `text`. In a `say:` or an `ask:`
    /// the braces are doubled, as an author writes them there (a single one opens a cell placeholder), so the text
    /// shown is the same.
    static func replacingText(of fixture: String, with text: String) throws -> String {
        let prose = text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        var result = fixture
        var count = 0
        for (keys, shown) in [("title|summary", text), ("say|ask", prose)] {
            let pattern = #"(?m)^(\s*(?:- )?(?:"# + keys + #"): )"(?:[^"\\]|\\.)*""#
            let field = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            let range = NSRange(result.startIndex..., in: result)
            count += field.numberOfMatches(in: result, range: range)
            let template = "$1" + NSRegularExpression.escapedTemplate(for: yamlQuoted(shown))
            result = field.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        #expect(count == HostileExportTests.textFieldCount)
        return result
    }

    /// `text` as a YAML double-quoted scalar: printable ASCII, everything else as a `\U` escape.
    static func yamlQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case " "..."~": quoted.unicodeScalars.append(scalar)
            default: quoted += String(format: "\\U%08X", scalar.value)
            }
        }
        return quoted + "\""
    }
}
