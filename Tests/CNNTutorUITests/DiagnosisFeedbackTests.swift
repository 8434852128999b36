import CNNLessons
import Testing
@testable import CNNTutorUI

/// Issue 16's named cases typed into the bundled lessons through the tutor: one diagnosis per wrong answer,
/// named as the lesson's misconception. The values are worked by hand in CNNLessonsTests/QuizDiagnosisTests.
@Suite("Wrong answers diagnosed in the bundled lessons")
struct DiagnosisFeedbackTests {
    /// The tutor at tutor step `step` (1-based, as the status line counts) of lesson `id`.
    func tutor(_ id: String, step: Int) -> TutorState {
        TutorState(entries: bundledEntries(), width: 100, height: 30, startLesson: id, startStep: step - 1)
    }

    /// 15/19, ∂L/∂X122 = 8: 0 is the unturned filter, and only that is said, first time and second.
    @Test func zeroIsOneDiagnosis() {
        var state = tutor("channels-and-batch-backward", step: 19)
        state.update(Key.typing("0\n"))
        var screen = render(state)
        #expect(screen.contains("✗ 0: that slides the filter as written"))
        #expect(!screen.contains("Not quite"))
        state.update(Key.typing("0\n"))
        screen = render(state)
        #expect(screen.contains("✗ 0: that slides the filter as written"))
        #expect(screen.contains("✗ Still not: 0. The worked terms:"))
        #expect(!screen.contains("lit term"))
    }

    /// 15/19: filter 1's part alone, 3, is named as the sum over the filters left out.
    @Test func oneFiltersPartIsNamed() {
        var state = tutor("channels-and-batch-backward", step: 19)
        state.update(Key.typing("3\n"))
        let screen = render(state)
        #expect(screen.contains("✗ 3: that is filter 1's part alone"))
        #expect(!screen.contains("one row below"))
    }

    /// 1/6, ⌊(5 − 2)/2⌋ + 1 = 2: rounding up gives 3; the hint fills in the numbers; the working ends in 2.
    @Test func anOutputSizeSlipAndItsWorking() {
        var state = tutor("output-size", step: 6)
        state.update(Key.typing("3\n"))
        var screen = render(state)
        #expect(screen.contains("✗ 3: that rounds the division up"))
        #expect(screen.contains("Hint: ⌊(N + 2P − F)/S⌋ + 1 = ⌊(5 + 2·0 − 2)/2⌋ + 1"))
        state.update(Key.typing("3\n"))
        screen = render(state)
        #expect(screen.contains("✗ Still not: 3. The working:"))
        #expect(screen.contains("= ⌊3/2⌋ + 1 = 2"))
        #expect(!screen.contains("The answer is"))
    }

    /// 24/17: O66 = 0, no stamp reaching it; the hint no longer says "O66 = 0".
    @Test func theHintOfAnEmptySumKeepsTheAnswer() {
        var state = tutor("transposed-convolution", step: 17)
        state.update(Key.typing("5\n"))
        let screen = render(state)
        #expect(screen.contains("Hint: O66: find what reaches this cell"))
        #expect(!screen.contains("O66 = 0"))
    }
}
