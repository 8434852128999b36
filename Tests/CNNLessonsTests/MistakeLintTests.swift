import Foundation
import Testing
@testable import CNNLessons

/// `check`'s lints on declared mistakes and on hints.
struct MistakeLintTests {
    func lint(_ steps: String) throws -> LessonLint {
        let text = LessonPlayerTests.header + steps
        return LessonLint(player: try LessonPlayer(lesson: LessonLoader.load(text: text, file: "m.yaml").get()))
    }

    /// One filter: no filter's part can be left out of ∂L/∂X, so declaring that slip is an error at its line.
    @Test func anUnreachableDeclaredMistakeIsAnErrorAtItsLine() throws {
        let issues = try lint("""
          - op: conv-backward
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 2; 3 4"
            grad: "1 0; 0 0"
            gradient: input
            quiz:
              ask: What is ∂L/∂X22?
              value: grad_input
              at: [2, 2]
              mistakes: [unrotated-filter, filters-not-summed]

        """).unreachableMistakes()
        #expect(issues.map(\.description) == ["m.yaml:14:36: error: mistake 'filters-not-summed' is not reachable: "
            + "no wrong answer to this quiz comes from that slip (it does not apply to the value asked, or gives "
            + "the answer itself)"])
    }

    /// Two filters: the same declaration is reached (∂L/∂X22 = 1·4 + 1·1 = 5 by hand, each filter's part 4
    /// and 1), and check has nothing to say.
    @Test func aReachableDeclaredMistakeIsQuiet() throws {
        let issues = try lint("""
          - op: conv-backward
            input: "1 2 3; 4 5 6; 7 8 9"
            filters: ["1 2; 3 4", "1 1; 1 1"]
            grad: ["1 0; 0 0", "1 0; 0 0"]
            gradient: input
            quiz:
              ask: What is ∂L/∂X22?
              value: grad_input
              at: [2, 2]
              mistakes: [filters-not-summed]

        """).unreachableMistakes()
        #expect(issues.isEmpty)
    }

    @Test func anUnknownMistakeIsAnErrorNamingTheKnownOnes() throws {
        let text = LessonPlayerTests.header + """
          - op: size
            input_size: 5
            filter_size: 3
            quiz: {ask: Size?, value: output, mistakes: [forgot-everything]}

        """
        guard case .failure(let issues) = LessonLoader.load(text: text, file: "m.yaml") else {
            Issue.record("an unknown mistake was accepted")
            return
        }
        let line = try #require(issues.issues.first?.description)
        #expect(line.hasPrefix("m.yaml:8:50: error: unknown mistake 'forgot-everything'; known: flipped-filter, "))
    }

    /// A hint that states the answer as a result, or names the one term the answer is, gives it away.
    @Test func aHintGivingTheAnswerIsCaught() {
        #expect(LessonLint.states(0, in: "O66 = 0 — one term"))
        #expect(LessonLint.states(-1.5, in: "the sum is −1.5."))
        #expect(!LessonLint.states(3, in: "⌊(5 + 2·0 − 3)/1⌋ + 1 — round down, then add 1"))
        #expect(LessonLint.names("∂L/∂P21", in: "∂L/∂X42 = ∂L/∂P21 — one term"))
        #expect(!LessonLint.names("X1", in: "X12·F11 + X13·F12"))
    }

    /// The bundled lessons' hints give nothing away (the lint that `check --strict` turns into errors).
    @Test func noBundledHintGivesTheAnswer() throws {
        for entry in LessonLibrary.load(userDirectories: [], environment: [:]).entries {
            let lint = LessonLint(player: try entry.player.get())
            #expect(lint.hintsGivingAnswers().map(\.description) == [], "\(entry.header.id)")
            #expect(lint.unreachableMistakes().map(\.description) == [], "\(entry.header.id)")
        }
    }
}
