import CNNCore
import CNNLessons
import CNNProblems
import Foundation
import Testing
@testable import CNNSheets

/// Sheets and keys from the lessons' own quizzes and from seeded problems: the key's answers are the tutor's, the
/// sheet has boxes and no answers, lesson text is escaped.
struct SheetTests {
    /// Every quiz answer of a lesson, straight from its frames (not through the sheet code).
    static func quizAnswers(_ player: LessonPlayer) -> [Double] {
        player.lessonStepRanges.compactMap { player.frame(at: $0.lowerBound).quiz?.answer }
    }

    static func close(_ printed: Double?, _ expected: Double) -> Bool {
        guard let printed else { return false }
        // Printed answers are rounded as the tutor rounds them: at most 1e-6 off for the bundled lessons.
        return abs(printed - expected) <= 1e-6 * max(1, abs(expected))
    }

    @Test func everyBundledKeyGivesTheTutorsAnswers() throws {
        for player in try SheetSupport.bundled() {
            let expected = Self.quizAnswers(player)
            let sheet = SheetBuilder.lessonSheet([player])
            #expect(sheet.exercises.map(\.answerValue) == expected, "\(player.lesson.id)")
            // A choice's letter or a cell is printed as text (checked in the quiz kinds' tests), not a number.
            let numbers = zip(sheet.exercises, expected).filter { $0.0.answerText == nil }.map(\.1)
            for all in [KeyAnswers.latex(LaTeXSheet.render(sheet, answers: true)),
                        KeyAnswers.markdown(MarkdownSheet.render(sheet, answers: true))] {
                // Markdown's key writes every answer on an "Answer:" line: the texts read as nil.
                let printed = all.count == sheet.exercises.count
                    ? zip(sheet.exercises, all).filter { $0.0.answerText == nil }.map(\.1) : all
                #expect(printed.count == numbers.count, "\(player.lesson.id): \(printed.count) answers")
                for (value, answer) in zip(printed, numbers) {
                    #expect(Self.close(value, answer),
                            "\(player.lesson.id): printed \(String(describing: value)), the tutor computes \(answer)")
                }
            }
        }
    }

    /// forward-pass: O12 = 3·1 + 1·(−2) + 6·3 + 7·(−3) = −2, and after two terms of O22 6·1 + 7·(−2) = −8, by hand.
    @Test func theForwardPassKeyWorksBothSums() throws {
        let player = try #require(try SheetSupport.bundled().first { $0.lesson.id == "forward-pass" })
        let key = LaTeXSheet.render(SheetBuilder.lessonSheet([player]), answers: true)
        #expect(key.contains("\\worked{$O_{12} = {X_{12} \\cdot F_{11}} + {X_{13} \\cdot F_{12}} + "
                             + "{X_{22} \\cdot F_{21}} + {X_{23} \\cdot F_{22}}$}"))
        #expect(key.contains("\\worked{$O_{12} = {3 \\cdot 1} + {1 \\cdot (-2)} + {6 \\cdot 3} + "
                             + "{7 \\cdot (-3)} = -2$}"))
        #expect(key.contains("\\worked{$O_{22}\\ \\text{after term 2} = {6 \\cdot 1} + {7 \\cdot (-2)} = -8$}"))
        let markdown = MarkdownSheet.render(SheetBuilder.lessonSheet([player]), answers: true)
        #expect(markdown.contains("- O12 = 3·1 + 1·(-2) + 6·3 + 7·(-3) = -2"))
    }

    /// A mean is shown over its divisor: (1 + 3 + 2 + 9)/4 = 15/4 = 3.75, by hand.
    @Test func aMeanShowsItsSumOverTheWindow() throws {
        let player = try SheetSupport.sample("""
              - op: pool
                mode: avg
                size: 2
                input: "1 3; 2 9"
                quiz:
                  ask: What is the mean?
                  value: output
                  at: [1, 1]

            """)
        let sheet = SheetBuilder.lessonSheet([player])
        #expect(MarkdownSheet.render(sheet, answers: true).contains("- P11 = (1 + 3 + 2 + 9)/4 = 15/4 = 3.75"))
        #expect(LaTeXSheet.render(sheet, answers: true).contains("= \\tfrac{1}{4}({1} + {3} + {2} + {9}) = "
                                                                   + "\\tfrac{15}{4} = 3.75$}"))
    }

    @Test func aSheetHasABoxPerExerciseAndNoAnswer() throws {
        for player in try SheetSupport.bundled() {
            let sheet = SheetBuilder.lessonSheet([player])
            let latex = LaTeXSheet.render(sheet, answers: false)
            #expect(latex.components(separatedBy: "Answer: \\answerbox").count - 1 == Self.quizAnswers(player).count)
            #expect(!latex.contains("\\worked{") && !latex.contains("\\mathbf{"), "\(player.lesson.id)")
            let markdown = MarkdownSheet.render(sheet, answers: false)
            #expect(markdown.components(separatedBy: "**Answer:** `[").count - 1 == Self.quizAnswers(player).count)
        }
    }

    /// The asked cell is marked and the values still to come are boxes: forward-pass's O12 quiz shows O11 = 4.
    @Test func theQuizGridShowsTheAskedCell() throws {
        let player = try #require(try SheetSupport.bundled().first { $0.lesson.id == "forward-pass" })
        let first = try #require(SheetBuilder.lessonSheet([player]).exercises.first)
        let output = try #require(first.grids.first { $0.title == "Output O" })
        #expect(output.rows == [[.number("4"), .asked], [.blank, .blank]])
    }

    /// Seeded: problem i's seed is SplitMix64's (i + 1)-th output from the sheet's seed, its kind the lesson's
    /// i-th quiz's, and the key's answer the generator's.
    @Test(arguments: [0, 7, 2026, UInt64.max])
    func aSeededKeyGivesTheGeneratorsAnswers(seed: UInt64) throws {
        let players = try SheetSupport.bundled()
        let forward = try #require(players.first { $0.lesson.id == "forward-pass" })
        let gradient = try #require(players.first { $0.lesson.id == "weight-gradient" })
        let sheet = try #require(SheetBuilder.seededSheet(lessons: [forward.lesson, gradient.lesson], seed: seed,
                                                          count: 6))
        let kinds: [ProblemKind] = [.convolutionValue, .partialSum, .weightGradient, .weightGradient]
        var seeds = SplitMix64(seed: seed)
        let expected = (0..<6).map { ProblemGenerator.problem(kinds[$0 % 4], seed: seeds.next()) }
        let printed = KeyAnswers.latex(LaTeXSheet.render(sheet, answers: true))
        #expect(printed.count == 6)
        for (value, problem) in zip(printed, expected) {
            #expect(value == problem.answer.doubleValue, "\(problem.kind) seed \(problem.seed)")
        }
        let headings = expected.map { "\($0.kind.title) (\($0.kind.rawValue), seed \($0.seed))" }
        #expect(sheet.exercises.map(\.heading) == headings)
    }

    @Test func withoutLessonsASeededSheetHasEveryKind() throws {
        let sheet = try #require(SheetBuilder.seededSheet(lessons: [], seed: 3, count: nil))
        let kinds = sheet.exercises.map { $0.heading.split(separator: "(")[1].split(separator: ",")[0] }
        #expect(kinds.map(String.init) == ProblemKind.allCases.map(\.rawValue))
    }

    @Test func lessonsMapToTheKindsTheyAsk() throws {
        let players = try SheetSupport.bundled()
        let kinds = { (id: String) in
            players.first { $0.lesson.id == id }.map { LessonProblemKinds.kinds(of: $0.lesson) }
        }
        #expect(kinds("forward-pass") == [.convolutionValue, .partialSum])
        #expect(kinds("output-size") == Array(repeating: .outputSize, count: 9))
        #expect(kinds("max-pooling") == [.maxPoolValue, .maxPoolValue, .maxPoolValue])
        #expect(kinds("bias-relu-pool-backward") == [.biasGradient])
        #expect(kinds("transposed-convolution") == [.transposedValue, .transposedValue, .transposedValue])
    }

    /// Lesson text is a stranger's: nothing in it reaches LaTeX or Markdown as markup.
    @Test func lessonTextIsEscaped() throws {
        let hostile = "\\\\input{/etc/passwd} $x$ & 100% #1 _a_ <script>alert(1)</script> [l](http://x)"
        // A question writes a brace as {{ (a single one opens a cell placeholder): it shows the same text.
        let asked = hostile.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        let player = try SheetSupport.sample("""
              - title: "\(hostile)"
                op: conv
                input: "1 2; 3 4"
                filter: "1"
                quiz:
                  ask: "\(asked)"
                  value: output
                  at: [1, 1]

            """, title: hostile)
        let sheet = SheetBuilder.lessonSheet([player])
        for latex in [LaTeXSheet.render(sheet, answers: false), LaTeXSheet.render(sheet, answers: true)] {
            #expect(!latex.contains("\\input{") && !latex.contains(" $x$") && !latex.contains("100%"))
            #expect(latex.contains("\\textbackslash{}input\\{/etc/passwd\\} \\$x\\$ \\& 100\\% \\#1"))
        }
        let markdown = MarkdownSheet.render(sheet, answers: true)
        #expect(!markdown.contains("<script>") && !markdown.contains("[l](http"))
        #expect(markdown.contains("&lt;script&gt;"))
    }

    /// A multiple-choice exercise lists its lettered options on the sheet, the right letter and the explanation
    /// only in the key; a "which cell?" exercise's key names the engine's cell.
    @Test func choicesAndCellsAreOnTheSheetAndTheirAnswersOnlyInTheKey() throws {
        let players = try SheetSupport.bundled().filter { ["output-size", "max-pooling"].contains($0.lesson.id) }
        let sheet = SheetBuilder.lessonSheet(players)
        let choice = try #require(sheet.exercises.first { !$0.choices.isEmpty })
        let cell = try #require(sheet.exercises.first { $0.choices.isEmpty && $0.answerText != nil })
        let right = try #require(choice.answerText)
        let why = try #require(choice.explain)
        let renderers = [MarkdownSheet.render, LaTeXSheet.render]
        for (student, key) in renderers.map({ ($0(sheet, false), $0(sheet, true)) }) {
            #expect(choice.choices.allSatisfy { student.contains(String($0.prefix(3))) })
            #expect(!student.contains("Why"))
            #expect(!student.contains(String(why.prefix(30))))
            #expect(key.contains(String(why.prefix(30))))
            #expect(key.contains(String(right.prefix(3))))
            #expect(key.contains(try #require(cell.answerText)))
        }
    }
}
