import Foundation
import Testing
import CNNLessons
@testable import CNNText

/// `show ID --format latex`: structure (balanced environments, braces and math), values worked out by hand,
/// escaping; and, where pdflatex is installed, every bundled lesson compiled.
struct ExportLaTeXTests {
    static let library = LessonLibrary.load(userDirectories: [], environment: [:])
    static let lessonIDs = library.headers.map(\.id)
    static let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex", "/Library/TeX/texbin/pdflatex"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    func bundled(_ id: String) throws -> LessonPlayer {
        try #require(Self.library.entries.first { $0.header.id == id }).player.get()
    }

    func sample(_ steps: String, title: String = "Sample") throws -> LessonPlayer {
        let text = "id: sample\ntitle: \"\(title)\"\nsummary: x\nsteps:\n" + steps
        return try LessonPlayer(lesson: LessonLoader.load(text: text, file: "sample.yaml").get())
    }

    @Test func theForwardPassShowsO11SymbolsThenNumbers() throws {
        let latex = LaTeXExport().render(try bundled("forward-pass"))
        // X = 4 3 1 / 8 6 7 / 9 5 2, F = 1 −2 / 3 −3: O11 = 4 − 6 + 24 − 18 = 4, worked by hand.
        #expect(latex.contains("""
            \\begin{align*}
            O_{11} &= X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22} \\\\
            &= 4 \\cdot 1 + 3 \\cdot (-2) + 8 \\cdot 3 + 6 \\cdot (-3) = 4
            \\end{align*}
            """))
        #expect(latex.contains("\\begin{bmatrix}\n4 & 3 & 1 \\\\\n8 & 6 & 7 \\\\\n9 & 5 & 2\n\\end{bmatrix}"))
        // The tutor shows step 3 of the file as its frames 3–6 ("[step 3/25]" … "[step 6/25]").
        #expect(latex.contains("\\subsection*{Steps 3--6: Some numbers}"))
        #expect(latex.contains("\\paragraph{Quiz.} What is O12?"))
        try expectWellFormed(latex)
    }

    @Test func anAverageShowsTheSumOverTheWindowSize() throws {
        let player = try sample("  - op: pool\n    mode: avg\n    size: 2\n    input: \"1 3; 2 9\"\n    walk: values\n")
        let latex = LaTeXExport().render(player)
        // (1 + 3 + 2 + 9)/4 = 15/4 = 3.75, by hand.
        #expect(latex.contains("P_{11} &= \\tfrac{1}{4}(X_{11} + X_{12} + X_{21} + X_{22}) \\\\\n"
                               + "&= \\tfrac{1}{4}(1 + 3 + 2 + 9) = \\frac{15}{4} = 3.75"))
        try expectWellFormed(latex)
    }

    @Test func aMaximumAndGradientNamesReadAsMath() throws {
        let player = try sample("""
              - op: pool
                mode: max
                size: 2
                input: "1 -3; 2 0"
                walk: values
              - op: conv-backward
                input: "1 2; 3 4"
                filter: "2"
                grad: "1 -1; 0.5 2"
                gradient: input
                walk: values
                only: [[1, 2]]

            """)
        let latex = LaTeXExport().render(player)
        #expect(latex.contains("P_{11} &= \\max(X_{11}, X_{12}, X_{21}, X_{22}) \\\\\n&= \\max(1, -3, 2, 0) = 2"))
        // ∂L/∂X12 = ∂L/∂O12 · F11 = −1 · 2 = −2 for a 1×1 filter.
        #expect(latex.contains("\\partial L/\\partial X_{12} &= \\partial L/\\partial O_{12} \\cdot F_{11} \\\\\n"
                               + "&= -1 \\cdot 2 = -2"))
        try expectWellFormed(latex)
    }

    @Test func longSumsBreakIntoLinesOfSixTerms() throws {
        let ones = Array(repeating: "\"1 1 1; 1 1 1; 1 1 1\"", count: 3).joined(separator: ", ")
        let player = try sample("  - op: conv\n    input: [\(ones)]\n    filter: [\(ones)]\n    walk: values\n")
        let latex = LaTeXExport().render(player)
        let sum = try #require(latex.components(separatedBy: "\\begin{align*}\n").dropFirst().first?
            .components(separatedBy: "\n\\end{align*}").first)
        // 27 terms: five lines of symbols, five of numbers, the last ending in the value 27.
        #expect(sum.components(separatedBy: " \\\\\n").count == 10)
        #expect(sum.hasSuffix("&\\quad + 1 \\cdot 1 + 1 \\cdot 1 + 1 \\cdot 1 = 27"))
        try expectWellFormed(latex)
    }

    /// Transposed (gather with bias, scatter, zero insertion of a signal), tiled 1-D, a mean across channels.
    static let newerOperations = """
              - op: transposed
                input: "2 -1"
                filter: "1 3"
                bias: [0.5]
                stride: 2
                walk: values
              - op: transposed
                input: [2, -1]
                filter: [1, 3]
                stride: 2
                form: scatter
              - op: transposed
                input: [2, -1]
                filter: [1, 3]
                stride: 2
                padding: 1
                form: zero-insertion
                walk: values
              - op: tiled-conv
                input: [1, 3, -2, 4]
                filter: "1 2; -1 0"
                tiles: 2
                walk: values
              - op: pool
                input: ["1 3", "-2 4"]
                mode: avg
                across: channels
                walk: values

            """

    @Test func theNewerOperationsShowTheirSums() throws {
        let player = try sample(Self.newerOperations)
        let latex = LaTeXExport().render(player)
        // Scattered by hand: 2 places 2·(1, 3) at columns 1–2, −1 places −1·(1, 3) at columns 3–4; b = 0.5.
        #expect(latex.contains("O_{12} &= X_{11}F_{12} + b \\\\\n&= 2 \\cdot 3 + 0.5 = 6.5"))
        #expect(latex.contains("\\text{X2 $\\cdot$ F placed}"))
        // Z = 2 0 −1 (one zero between, border 1·(2 − 1) − 1 = 0); the flipped filter 3 1 gives 0·3 + (−1)·1.
        #expect(latex.contains("\\text{Zero-inserted Z} \\\\ \\begin{bmatrix}\n2 & 0 & -1\n"))
        #expect(latex.contains("O_{2} &= Z_{2}F_{2} + Z_{3}F_{1} \\\\\n&= 0 \\cdot 3 + (-1) \\cdot 1 = -1"))
        // Tiles of 2 in 1-D: output 2 uses filter 2 = (−1, 0) on X2, X3.
        #expect(latex.contains("O_{2} &= X_{2}F_{21} + X_{3}F_{22} \\\\\n&= 3 \\cdot (-1) + (-2) \\cdot 0 = -3"))
        // The mean of channels 1 and 2 at column 2: (3 + 4)/2.
        #expect(latex.contains("P_{112} &= \\tfrac{1}{2}(X_{112} + X_{212}) \\\\\n"
                               + "&= \\tfrac{1}{2}(3 + 4) = \\frac{7}{2} = 3.5"))
        try expectWellFormed(latex)
    }

    @Test func specialCharactersAreEscaped() throws {
        let player = try sample("""
              - title: "Costs: 5% & #1_{x} ~ $3 ^ \\\\ ok"
                say: |
                  ∂L/∂O × 2 − 1 → ⌊x⌋ … ok

            """, title: "Odd {title}")
        let latex = LaTeXExport().render(player)
        #expect(latex.contains("\\section*{Odd \\{title\\}}"))
        #expect(latex.contains("\\subsection*{Step 1: Costs: 5\\% \\& \\#1\\_\\{x\\} \\textasciitilde{} \\$3 \\^{} "
                               + "\\textbackslash{} ok}"))
        #expect(latex.contains("$\\partial$L/$\\partial$O $\\times$ 2 $-$ 1 $\\to$ $\\lfloor$x$\\rfloor$ \\ldots{} ok"))
        try expectWellFormed(latex)
    }

    /// Lesson text is a stranger's: a line break cannot end a heading's argument or a paragraph, no control
    /// character reaches TeX, and a backslash or brace is escaped however it is written.
    @Test func hostileTextStaysOnItsLineAndInsideItsBraces() throws {
        // YAML escapes: \n newline, \r CR, \0 NUL, \e ESC, \a BEL, \L U+2028, \x85 NEL.
        let player = try sample("""
              - title: "T\\n\\n\\\\end{document}\\r\\0\\e]2;x\\a\\L}"
                say: "a\\Lb\\x85c"

            """, title: "H\\n\\\\input{/etc/passwd}")
        let latex = LaTeXExport().render(player)
        #expect(latex.contains("\\section*{H\\textbackslash{}n\\textbackslash{}input\\{/etc/passwd\\}}\n"))
        #expect(latex.contains("\\subsection*{Step 1: T\\textbackslash{}n\\textbackslash{}n"
                               + "\\textbackslash{}end\\{document\\}\\textbackslash{}r\\textbackslash{}0"
                               + "\\textbackslash{}e]2;x\\textbackslash{}a\\textbackslash{}u\\{2028\\}\\}}\n"))
        #expect(latex.contains("\na\\textbackslash{}u\\{2028\\}b\\textbackslash{}u\\{85\\}c\n"))
        #expect(!latex.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        try expectWellFormed(latex)
    }

    @Test func combiningMarksDoNotHideABackslashOrABrace() {
        #expect(LaTeXText.escape("\\\u{301}x{\u{301}") == "\\textbackslash{}\u{301}x\\{\u{301}")
        #expect(LaTeXText.escape("e\u{301}") == "\\'e")
    }

    @Test(arguments: lessonIDs)
    func everyBundledLessonIsWellFormedASCII(id: String) throws {
        try expectWellFormed(LaTeXExport().render(try bundled(id)))
    }

    /// Each heading carries the numbers the tutor's status line shows for the step's frames: the frames are walked
    /// one by one and grouped by their heading (these lessons give consecutive steps different titles).
    @Test(arguments: ["forward-pass", "stride-backward", "channels-and-batch-backward"])
    func headingsNumberTheStepsAsTheTutorDoes(id: String) throws {
        let player = try bundled(id)
        var runs: [(heading: String, first: Int, last: Int)] = []
        for index in 0..<player.stepCount {
            let frame = player.frame(at: index)
            let shown = frame.stepIndex + 1
            if runs.last?.heading == frame.heading {
                runs[runs.count - 1].last = shown
            } else {
                runs.append((frame.heading, shown, shown))
            }
        }
        #expect(runs.count == player.lesson.steps.count)
        let expected = runs.map { run in
            let steps = run.first == run.last ? "Step \(run.first)" : "Steps \(run.first)--\(run.last)"
            return "\\subsection*{\(steps): \(LaTeXText.escape(run.heading))}"
        }
        let headings = LaTeXExport().render(player).split(separator: "\n").filter { $0.hasPrefix("\\subsection*{") }
        #expect(headings.map(String.init) == expected)
    }

    @Test(.enabled(if: pdflatex != nil, "pdflatex is not installed: the handouts were checked for structure only"))
    func everyBundledLessonCompilesWithPdflatex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("latex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var document = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
        for id in Self.lessonIDs {
            try LaTeXExport().render(try bundled(id)).write(to: folder.appendingPathComponent("\(id).tex"),
                                                             atomically: true, encoding: .utf8)
            document += "\\input{\(id)}\n"
        }
        try LaTeXExport().render(try sample(Self.newerOperations))
            .write(to: folder.appendingPathComponent("newer.tex"), atomically: true, encoding: .utf8)
        document += "\\input{newer}\n"
        try (document + "\\end{document}\n").write(to: folder.appendingPathComponent("handout.tex"),
                                                    atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.pdflatex))
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "handout.tex"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let log = (try? String(contentsOf: folder.appendingPathComponent("handout.log"), encoding: .utf8)) ?? ""
        let firstError = log.components(separatedBy: "\n!").dropFirst().first ?? String(log.suffix(2000))
        #expect(process.terminationStatus == 0, "\(firstError)")
    }

    /// ASCII only; `\begin`/`\end` nest properly; braces balance; `$` pairs on every line.
    func expectWellFormed(_ latex: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let nonASCII = String(String.UnicodeScalarView(latex.unicodeScalars.filter { !$0.isASCII }))
        #expect(nonASCII.isEmpty, "non-ASCII: \(nonASCII)", sourceLocation: sourceLocation)
        var environments: [String] = []
        let pattern = try NSRegularExpression(pattern: #"\\(begin|end)\{([^}]*)\}"#)
        for match in pattern.matches(in: latex, range: NSRange(latex.startIndex..., in: latex)) {
            let kind = String(latex[Range(match.range(at: 1), in: latex)!])
            let name = String(latex[Range(match.range(at: 2), in: latex)!])
            if kind == "begin" {
                environments.append(name)
            } else {
                #expect(environments.popLast() == name, "\\end{\(name)} closes nothing open",
                        sourceLocation: sourceLocation)
            }
        }
        #expect(environments.isEmpty, "left open: \(environments)", sourceLocation: sourceLocation)
        var depth = 0, escaped = false
        for character in latex {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "{": depth += 1
            case "}": depth -= 1
            default: break
            }
            #expect(depth >= 0, "a } closes nothing", sourceLocation: sourceLocation)
            if depth < 0 { return }
        }
        #expect(depth == 0, "\(depth) brace(s) left open", sourceLocation: sourceLocation)
        let dollars = latex.replacingOccurrences(of: "\\$", with: "").filter { $0 == "$" }.count
        #expect(dollars % 2 == 0, "an odd number of $", sourceLocation: sourceLocation)
    }
}
