import Testing
@testable import CNNLessons

/// Issue 19, item 6: narration read before a quiz that states its answer next to the asked name is a warning
/// at the narration; numbers that merely coincide with the answer are not.
struct ProseLintTests {
    func warnings(_ steps: String) throws -> [String] {
        let lesson = try LessonLoader.load(text: LessonPlayerTests.header + steps, file: "l.yaml").get()
        return LessonLint(player: try LessonPlayer(lesson: lesson)).narrationGiveaways().map(\.description)
    }

    /// A conv step quizzing O11 after `say`. By hand: O11 = 1·1 + 2·0 + 3·0 + 4·1 = 5.
    func convQuiz(say: String) -> String {
        """
          - say: "\(say)"
            op: conv
            input: "1 2; 3 4"
            filter: "1 0; 0 1"
            walk: result
            quiz: {ask: What is O11?, value: output, at: [1, 1]}

        """
    }

    @Test(arguments: ["Here O11 = 5.", "Worked out, O11 = 1·1 + 4·1 = 5, as you will see.", "O11 is 5 here.",
                      "The corner O_11 = 5."])
    func theAnswerNextToTheAskedSymbol(say: String) throws {
        let found = try warnings(convQuiz(say: say))
        #expect(found.count == 1)
        // The `say:` value is on line 5, column 10; the quiz on line 10.
        #expect(found.first?.hasPrefix("l.yaml:5:10: warning: the narration gives away the quiz's answer: '") == true,
                "\(found)")
        #expect(found.first?.hasSuffix("is shown before the quiz at line 10 asks for it") == true)
    }

    @Test(arguments: ["Take F = 5 as the filter's size.", "A 5×5 image has 25 cells, O11 among them.",
                      "Here O11 = 6.", "Here O12 = 5.", "O11 = 5·2 is a different sum.", "Five is O11's answer."])
    func numbersThatOnlyCoincideAreNoGiveaway(say: String) throws {
        #expect(try warnings(convQuiz(say: say)) == [])
    }

    @Test func narrationOfAnEarlierStepCountsAndOfALaterOneDoesNot() throws {
        let earlier = try warnings("  - say: By hand, O11 = 5.\n" + convQuiz(say: "Now compute it."))
        #expect(earlier.first?.hasPrefix("l.yaml:5:10: warning:") == true, "\(earlier)")
        let later = try warnings(convQuiz(say: "Compute it.") + "  - say: So O11 = 5.\n")
        #expect(later == [])
    }

    /// A size quiz has no symbol: the question's words name it. By hand: (5 − 3)/1 + 1 = 3.
    func sizeQuiz(say: String) -> String {
        """
          - say: "\(say)"
            op: size
            input_size: 5
            filter_size: 3
            quiz: {ask: How many window positions fit along one side?, value: output}

        """
    }

    @Test func aComputationNextToTheQuestionsWordsIsAGiveaway() throws {
        #expect(try warnings(sizeQuiz(say: "With N = 5 and F = 3, (5 − 3)/1 + 1 = 3 per side.")).count == 1)
        #expect(try warnings(sizeQuiz(say: "With N = 5 and F = 3, count the positions.")) == [])
    }

    @Test func aPartialSumQuizIsNotCheckedAgainstTheValue() throws {
        let steps = convQuiz(say: "O11 = 5 in the end.")
            .replacingOccurrences(of: "at: [1, 1]}", with: "at: [1, 1], term: 1}")
        #expect(try warnings(steps) == [])
    }

    @Test func claimsAreReadAsNumbersFractionsAndNegatives() {
        #expect(ProseClaims.matches("1/4", 0.25))
        #expect(ProseClaims.matches("−2", -2))
        #expect(!ProseClaims.matches("2", -2))
        #expect(ProseClaims.tokenize("∂L/∂O11 = −2, so") == [.word("∂L/∂O11"), .equals, .number("−2"), .pause,
                                                             .word("so")])
        #expect(ProseClaims.tokenize("= 5·2 − 1") == [.equals, .number("5"), .operation, .number("2"), .operation,
                                                      .number("1")])
        #expect(ProseClaims.sentences("0.25 here. Next") == ["0.25 here", " Next"])
    }
}
