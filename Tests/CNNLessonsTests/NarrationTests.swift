import CNNCore
import CNNText
import Foundation
import Testing
@testable import CNNLessons

/// Narration layout (paragraphs, displayed lines, fenced text, bullets) and cell placeholders: parsing, naming in
/// both index bases, `check`'s errors, and each renderer.
struct NarrationTests {
    func sample(_ steps: String) throws -> LessonPlayer {
        let text = "id: sample\ntitle: Sample\nsummary: x\nsteps:\n" + steps
        return try LessonPlayer(lesson: LessonLoader.load(text: text, file: "sample.yaml").get())
    }

    func problems(_ steps: String) -> [String] {
        let text = "id: sample\ntitle: Sample\nsummary: x\nsteps:\n" + steps
        switch LessonLoader.load(text: text, file: "sample.yaml") {
        case .success: return []
        case .failure(let issues): return issues.issues.map(\.description)
        }
    }

    static let layout = """
          - title: Layout
            say: |
              First line of a paragraph
              and its second line.

              The cell {X 2 2} is in the middle.
                  {O 1 1} = {X 1 1}·{F 1 1}
                    + {X 1 2}·{F 1 2}
              - a bullet item
                that goes on
              - {∂L/∂O 1 2} in a bullet
              ```
              a | b {X 9 9}
                c
              ```
            op: conv
            input: |
              1 2 3
              4 5 6
              7 8 9
            filter: |
              1 0
              0 1
            quiz:
              ask: What is {O 1 2}, from {X 1 2} and {X 2 3}?
              value: output
              at: [1, 2]

        """

    // MARK: Parsing

    @Test func blankLinesSeparateParagraphsWhoseLinesAreJoined() {
        let narration = NarrationReader.read("One\ntwo.\n\nThree.\n").narration
        #expect(narration.blocks == [NarrationBlock(.paragraph, lines: [[.text("One two.")]]),
                                     NarrationBlock(.paragraph, lines: [[.text("Three.")]])])
    }

    @Test func windowsLineEndsReadAsLineBreaks() {
        let narration = NarrationReader.read("One\r\ntwo.\r\n\r\n    a = b\r\n").narration
        #expect(narration.plainParagraphs == ["One two.", "a = b"])
    }

    @Test func indentedLinesAreOneDisplayKeepingTheirRelativeIndent() {
        let narration = NarrationReader.read("Sum:\n    O = a\n      + b\nAfter.").narration
        #expect(narration.blocks.map(\.kind) == [.paragraph, .display, .paragraph])
        #expect(narration.blocks[1].plainLines == ["O = a", "  + b"])
    }

    @Test func aFencedBlockIsKeptVerbatimWithItsBracesAsText() {
        let (narration, problems) = NarrationReader.read("```\n| a | {b |\n\n  c\n```\nAfter.")
        #expect(problems.isEmpty)
        #expect(narration.blocks[0]
                == NarrationBlock(.preformatted, lines: [[.text("| a | {b |")], [], [.text("  c")]]))
        #expect(narration.blocks[1].kind == .paragraph)
    }

    @Test func bulletsTakeTheirContinuationLines() {
        let narration = NarrationReader.read("Intro:\n- one\n  more\n• two\n\nEnd.").narration
        #expect(narration.blocks.map(\.kind) == [.paragraph, .bullet, .bullet, .paragraph])
        #expect(narration.plainParagraphs == ["Intro:", "one more", "two", "End."])
    }

    // MARK: Placeholders

    @Test func aPlaceholderIsACellWrittenFromOneAndNamedInEitherBase() throws {
        let runs = NarrationReader.runs("See {X 2 3} and {∂L/∂O 1 2 3}; {{braces}} and V_{l,j}.").runs
        guard case .cell(let x) = runs[1], case .cell(let gradient) = runs[3] else {
            Issue.record("no cells in \(runs)")
            return
        }
        #expect(x.name == "X" && x.subscripts == [1, 2])
        #expect(gradient.name == "∂L/∂O" && gradient.subscripts == [0, 1, 2])
        #expect(runs.last == .text("; {braces} and V_{l,j}."))
        let narration = Narration([NarrationBlock(.paragraph, lines: [runs])])
        #expect(narration.named(base: .one).plainParagraphs == ["See X23 and ∂L/∂O123; {braces} and V_{l,j}."])
        #expect(narration.named(base: .zero).plainParagraphs == ["See X12 and ∂L/∂O012; {braces} and V_{l,j}."])
    }

    @Test func framesNameCellsInTheirBaseInNarrationAndQuestion() throws {
        let player = try sample(Self.layout)
        let quizFrame = player.frame(at: 0)
        #expect(quizFrame.narration[1] == "The cell X22 is in the middle.")
        #expect(quizFrame.narration[2] == "O11 = X11·F11\n  + X12·F12")
        #expect(quizFrame.quiz?.question == "What is O12, from X12 and X23?")
        let zero = try player.with(Conventions(indexBase: .zero)).frame(at: 0)
        #expect(zero.narration[1] == "The cell X11 is in the middle.")
        #expect(zero.narration[3] == "a bullet item that goes on")
        #expect(zero.narration[4] == "∂L/∂O01 in a bullet")
        #expect(zero.narration[5] == "a | b {X 9 9}\n  c")
        #expect(zero.quiz?.question == "What is O01, from X01 and X12?")
        // The grids of the same frame use the same names.
        #expect(zero.grids.first?.cells[1][1].symbol == "X11")
    }

    // MARK: check

    @Test func malformedPlaceholdersAreErrorsAtTheirLineAndColumn() {
        let found = problems("""
              - say: |
                  Fine line
                  A {Xy 1 1} here, {X 0 1}, {X} and {}
                  then a stray } and {X 1 2
                  ```
                  never closed
            """)
        #expect(found.contains { $0.hasPrefix("sample.yaml:7:9: error: unknown tensor name 'Xy'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("sample.yaml:7:24: error: '0' in {X 0 1} is not a subscript") })
        #expect(found.contains { $0.hasPrefix("sample.yaml:7:33: error: {X} needs 1 to 4 subscripts") })
        #expect(found.contains { $0.hasPrefix("sample.yaml:7:41: error: {} names no cell") })
        #expect(found.contains { $0.hasPrefix("sample.yaml:8:20: error: '}' without its '{'") })
        #expect(found.contains { $0.hasPrefix("sample.yaml:8:26: error: '{' without its '}' on the same line") })
        #expect(found.contains { $0.hasPrefix("sample.yaml:9:7: error: this ``` block is never closed") })
    }

    @Test func aQuizQuestionsPlaceholderIsCheckedToo() {
        let found = problems("""
              - op: relu
                input: "1 -2"
                quiz:
                  ask: What is {Q+ 1 1}?
                  value: output
                  at: [1, 1]
            """)
        #expect(found.contains { $0.hasPrefix("sample.yaml:8:20: error: unknown tensor name 'Q+'") }, "\(found)")
    }

    // MARK: Renderers

    @Test func plainTextKeepsDisplayedLinesAndListsBullets() throws {
        let text = FrameText(style: .plain).render(try sample(Self.layout).frame(at: 0))
        #expect(text.contains("First line of a paragraph and its second line.\n\nThe cell X22 is in the middle.\n\n"
                              + "    O11 = X11·F11\n      + X12·F12\n\n  - a bullet item that goes on\n"
                              + "  - ∂L/∂O12 in a bullet\n\n    a | b {X 9 9}\n      c\n"))
    }

    @Test func markdownFencesKeptLinesAndEscapesProse() throws {
        let text = FrameText(style: .markdown).render(try sample(Self.layout).frame(at: 0))
        #expect(text.contains("```\nO11 = X11·F11\n  + X12·F12\n```"))
        #expect(text.contains("- a bullet item that goes on\n- ∂L/∂O12 in a bullet\n\n"))
        #expect(text.contains("**Quiz:** What is O12, from X12 and X23?"))
    }

    @Test func latexDisplaysFormulasItemizesBulletsAndSetsFencedTextInTypewriter() throws {
        let latex = LaTeXExport().render(try sample(Self.layout).with(Conventions(indexBase: .zero)))
        #expect(latex.contains("The cell $X_{11}$ is in the middle."))
        #expect(latex.contains("\\[\\begin{array}{l}\n\\text{$O_{00}$~=~$X_{00}$$\\cdot$$F_{00}$} \\\\\n"
                               + "\\text{~~+~$X_{01}$$\\cdot$$F_{01}$}\n\\end{array}\\]"))
        #expect(latex.contains("\\begin{itemize}\n\\item a bullet item that goes on\n"
                               + "\\item $\\partial L/\\partial O_{01}$ in a bullet\n\\end{itemize}"))
        #expect(latex.contains("\\begin{flushleft}\\ttfamily\n\\mbox{a~\\textbar{}~b~\\{X~9~9\\}} \\\\\n\\mbox{~~c}"))
    }

    @Test func jsonCarriesTheBlocksAndThePlainNarration() throws {
        let frame = try sample(Self.layout).frame(at: 0)
        let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(frame)) as? [String: Any])
        #expect(object["narration"] as? [String] == frame.narration)
        let blocks = try #require(object["narrationBlocks"] as? [[String: Any]])
        #expect(blocks.map { $0["kind"] as? String } == ["paragraph", "paragraph", "display", "bullet", "bullet",
                                                        "preformatted"])
        let cell = try #require((blocks[1]["lines"] as? [[[String: Any]]])?[0][1]["cell"] as? [String: Any])
        #expect(cell["name"] as? String == "X" && cell["subscripts"] as? [Int] == [1, 1])
        #expect(cell["symbol"] as? String == "X22")
        #expect(try JSONDecoder().decode(Frame.self, from: JSONEncoder().encode(frame)) == frame)
    }

    // MARK: Hostile text

    /// Escape sequences, Markdown, TeX and Python in a paragraph, a displayed line, a bullet and a fenced block.
    static let hostile = "  - title: Hostile\n    say: \"" + [
        #"Prose \e[2J with `code` and <b>"#,
        #"    \e]0;pwned\a = \\end{{array}}\\] $x$ ```"#,
        #"- \\end{{itemize}} # not a heading"#,
        #"````"#,
        #"``` \\end{flushleft} \e[31m"#,
        #"import os; os.system(\"x\")"#,
        #"````"#,
    ].joined(separator: #"\n"#) + "\"\n    op: relu\n    input: \"1 -2\"\n"

    @Test func hostileTextInEveryKindOfBlockStaysData() throws {
        let player = try sample(Self.hostile)
        let frame = player.frame(at: 0)
        let plain = FrameText(style: .plain).render(frame)
        #expect(!plain.contains("\u{1B}") && !plain.contains("\u{07}"))
        let markdown = FrameText(style: .markdown).render(frame)
        #expect(!markdown.contains("<b>") && markdown.contains("&lt;b&gt;"))
        // The kept lines hold a run of three backticks: the fence around them is four long.
        #expect(markdown.contains("````\n``` \\end{flushleft} \\e[31m\nimport os; os.system(\"x\")\n````"))
        let latex = LaTeXExport().render(player)
        for name in ["array", "itemize", "flushleft"] {
            #expect(latex.contains("\\textbackslash{}end\\{\(name)\\}"))
            #expect(latex.components(separatedBy: "\\begin{\(name)}").count
                    == latex.components(separatedBy: "\\end{\(name)}").count)
        }
        #expect(!latex.contains("\u{1B}"))
        let script = ScriptExport(library: .numpy).render(player)
        #expect(script.contains("\n#       import os; os.system(\"x\")\n"))
        #expect(!script.split(separator: "\n").contains { $0.hasPrefix("import os") })
    }
}
