import CNNLessons
import Testing
@testable import CNNTutorUI

/// The style of the first screen cell where `needle` starts.
private func style(of needle: String, in screen: Screen) -> Style? {
    for (row, line) in screen.lines.enumerated() {
        if let range = line.range(of: needle) {
            return screen[row, line.distance(from: line.startIndex, to: range.lowerBound)].style
        }
    }
    return nil
}

private let wrongStyle = Theme(colors: true).wrong

/// The fake lesson's quiz asks for O22 = X22·F11 + X23·F12 + X32·F21 + X33·F22 with X = [[1,2,3],[4,5,6],[7,8,9]]
/// and F = [[1,0],[0,−1]]: 5 + 0 + 0 − 9 = −4 (worked by hand).
@Suite("Quiz feedback that teaches")
struct QuizFeedbackTests {
    func atQuiz(mistakes: [KnownMistake]? = nil) -> TutorState {
        var lesson = FakeConvolution()
        lesson.mistakes = mistakes
        var state = TutorState(entries: [LessonEntry(source: lesson)], width: 100, height: 30)
        state.update(.end)
        return state
    }

    @Test func firstWrongAnswerGetsAHintWithoutTheValue() {
        var state = atQuiz()
        state.update(Key.typing("7\n"))
        let screen = render(state)
        #expect(screen.contains("✗ Not quite: 7 is not it."))
        #expect(screen.contains("Hint: O22 = X22·F11 + X23·F12 + X32·F21 + X33·F22 — 4 products"))
        // Neither the value nor the numbers of the terms.
        #expect(!screen.contains("= -4"))
        #expect(!screen.contains("5·1"))
    }

    @Test func secondWrongAnswerShowsTheWorkWithTheMissingTermLit() {
        var state = atQuiz()
        // 5 is the running sum after the first term: the second term is where it stopped.
        state.update(Key.typing("5\n5\n"))
        let screen = render(state)
        #expect(screen.contains("✗ Still not: 5. The worked terms, one lit:"))
        #expect(screen.line(containing: "O22 = 5·1")?.hasSuffix("+ 9·(-1) = -4") == true)
        #expect(screen.contains("running sum of the first term: the lit term and those after it are missing"))
        #expect(style(of: "X23·F12", in: screen) == wrongStyle)
        #expect(style(of: "6·0", in: screen) == wrongStyle)
        #expect(style(of: "X22·F11", in: screen) != wrongStyle)
    }

    @Test func aFlippedSignAndALeftOutTermAreLit() {
        var state = atQuiz()
        // −4 − 2·(−9) = 14: the last term's sign flipped.
        state.update(Key.typing("1\n14\n"))
        var screen = render(state)
        #expect(screen.contains("the lit term with the wrong sign"))
        #expect(style(of: "X33·F22", in: screen) == wrongStyle)
        // −4 − 5 = −9: the first term left out.
        state.update(Key.typing("-9\n"))
        screen = render(state)
        #expect(screen.contains("leaves out the lit term"))
        #expect(style(of: "X22·F11", in: screen) == wrongStyle)
    }

    @Test func aKnownMistakeIsNamed() {
        // True convolution flips the filter: F' = [[−1,0],[0,1]], so O22 = −5 + 9 = 4.
        let flipped: [[Double]] = [[-1, 0], [0, 1]]
        let input = FakeConvolution().input
        var convolution = 0.0
        for term in 0..<4 {
            let (r, c) = (term / 2, term % 2)
            convolution += input[1 + r][1 + c] * flipped[r][c]
        }
        let message = "that is the true-convolution value: the filter was flipped"
        var state = atQuiz(mistakes: [KnownMistake(.flippedFilter, value: convolution, message: message)])
        state.update(Key.typing("4\n"))
        #expect(convolution == 4)
        #expect(render(state).contains("✗ 4: " + message))
        state.update(Key.typing("3\n"))
        #expect(!render(state).contains(message))
    }

    @Test(arguments: ["1/0", "-", ".", "1..2"])
    func anUnreadableAnswerStaysEditable(text: String) {
        var state = atQuiz()
        state.update(Key.typing(text + "\n"))
        var screen = render(state)
        #expect(screen.contains("\"\(text)\" is not a number"))
        #expect(screen.contains("your answer: \(text)_"))
        #expect(state.progress[lesson: "fake-conv"].quizzes.isEmpty)
        state.update(.backspace)
        screen = render(state)
        #expect(screen.contains("your answer: \(text.dropLast())_"))
    }

    @Test func backspaceInAnEmptyBoxDoesNothing() {
        var state = atQuiz()
        let step = state.step
        state.update([.backspace, .backspace])
        #expect(state.step == step)
        #expect(render(state).contains("Quiz: What is O22?"))
    }

    @Test(arguments: [Key.character("r"), Key.character("o")])
    func aVerdictGoesWhenTheNumbersChange(key: Key) {
        var state = atQuiz()
        if key == .character("o") { state.update(.character("r")) }
        state.update(Key.typing("7\n"))
        #expect(render(state).contains("Not quite"))
        state.update(key)
        #expect(!render(state).contains("Not quite"))
    }

    @Test func aVerdictGoesAfterAnEdit() {
        var state = atQuiz()
        state.update(Key.typing("7\n"))
        state.update(Key.typing("e9\n"))
        state.update(.escape)
        #expect(!render(state).contains("Not quite"))
    }
}

/// The fake lesson's first value: O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22 = 1·1 + 2·0 + 4·0 + 5·(−1),
/// running sums 1, 1, 1, −4 (by hand).
@Suite("Practice mode")
struct PracticeTests {
    @Test func theStudentTypesEachRunningSum() {
        var state = fakeState(step: 1)
        state.update(.character("t"))
        var screen = render(state)
        #expect(screen.contains("running sum ?: _"))
        #expect(screen.line(containing: "O11 = 1·1")?.hasSuffix("+ … → ?") == true)
        #expect(screen.contains("partial sums: ?"))
        // Right: the walk advances.
        state.update(Key.typing("1\n"))
        #expect(state.step == 2)
        screen = render(state)
        #expect(screen.contains("✓ 1 is right"))
        #expect(screen.contains("→ ?"))
        // Wrong: the product that differs is lit, with a hint; the walk stays.
        state.update(Key.typing("3\n"))
        #expect(state.step == 2)
        screen = render(state)
        #expect(screen.contains("✗ 3 is not it: add the lit product, 2·0, to the running sum so far, 1."))
        #expect(style(of: "X12·F12", in: screen) == wrongStyle)
        state.update(Key.typing("1\n"))
        #expect(state.step == 3)
        // The first running sum was right at the first try; the second was not.
        #expect(state.progress[lesson: "fake-conv"].practiceFirstTries == 1)
        state.update(.character("m"))
        #expect(render(state).contains("✎1"))
    }

    @Test func practiceOffShowsTheSumsAgain() {
        var state = fakeState(step: 2)
        state.update([.character("t"), .character("t")])
        let screen = render(state)
        #expect(!screen.contains("running sum ?"))
        #expect(screen.line(containing: "O11 = 1·1")?.hasSuffix("+ … → 1") == true)
    }
}

@Suite("Going to a step or an output cell")
struct GoToTests {
    @Test func goToAnOutputCellByRowAndColumn() {
        var state = fakeState(step: 0)
        state.update(Key.typing("g2,1\n"))
        // O21 is the third value: steps 10–13 (1-based).
        #expect(state.step == 9)
        #expect(render(state).contains("value 3 of 4 · term 1 of 4"))
        state.update(Key.typing("g1,2\n"))
        #expect(state.step == 5)
        state.update(Key.typing("g3,3\n"))
        #expect(state.step == 5)
        #expect(render(state).contains("no output cell 3,3"))
    }

    @Test func goToAStepOutOfRangeStaysPut() {
        var state = fakeState(step: 4)
        state.update(Key.typing("g999\n"))
        #expect(state.step == 4)
        #expect(render(state).contains("no step 999"))
    }
}
