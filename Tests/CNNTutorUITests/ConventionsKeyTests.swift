import CNNLessons
import Testing
@testable import CNNTutorUI

/// `i` and `c` through `update`, on the bundled forward-pass lesson (X = 4 3 1 / 8 6 7 / 9 5 2,
/// F = 1 −2 / 3 −3); expected lines worked by hand.
struct ConventionsKeyTests {
    let entries = bundledEntries()

    /// forward-pass at step 6: O11 complete.
    func tutor() -> TutorState {
        TutorState(entries: entries, width: 100, height: 30, startLesson: "forward-pass", startStep: 5)
    }

    @Test func iSwitchesEveryNameBetweenFromOneAndFromZero() {
        var state = tutor()
        #expect(state.frame?.formula?.symbolic == "O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22")
        state.update(.character("i"))
        #expect(state.conventions.indexBase == .zero)
        #expect(state.frame?.formula?.symbolic == "O00 = X00·F00 + X01·F01 + X10·F10 + X11·F11")
        #expect(state.frame?.grids.first?.cells[0][0].symbol == "X00")
        #expect(render(state).lines[0].contains("indices from 0"))
        // Moving keeps the base: past the quiz on O12, its first term.
        state.update([.down, .down])
        #expect(state.frame?.formula?.symbolic.hasPrefix("O01 = X01·F00") == true)
        state.update(.character("i"))
        #expect(state.frame?.formula?.symbolic.hasPrefix("O12 = X12·F11") == true)
        #expect(!render(state).lines[0].contains("indices from"))
    }

    @Test func goToACellCountsFromTheBaseShown() {
        var state = tutor()
        state.update(.character("i"))
        state.update(Key.typing("g0,1\n"))
        #expect(state.frame?.formula?.symbolic.hasPrefix("O01 = ") == true)
    }

    @Test func cRecomputesAConvolutionStepWithTheKernelFlipped() {
        var state = tutor()
        #expect(render(state).lines[0].contains("cross-correlation"))
        state.update(.character("c"))
        #expect(state.conventions.swapsKernelFlip)
        // F turned 180° is −3 3 / −2 1: 4·(−3) + 3·3 + 8·(−2) + 6·1 = −13.
        #expect(state.frame?.formula?.symbolic == "O11 = X11·F22 + X12·F21 + X21·F12 + X22·F11")
        #expect(state.frame?.formula?.numeric == "O11 = 4·(-3) + 3·3 + 8·(-2) + 6·1 = -13")
        #expect(render(state).lines[0].contains("true convolution"))
        #expect(state.message?.contains("true convolution") == true)
        state.update(.character("c"))
        #expect(state.frame?.formula?.numeric == "O11 = 4·1 + 3·(-2) + 8·3 + 6·(-3) = 4")
    }

    @Test func cOnAStepThatIsNotAConvolutionSaysSoAndChangesNothing() {
        var state = TutorState(entries: entries, width: 100, height: 30, startLesson: "forward-pass", startStep: 0)
        let before = state.frame
        state.update(.character("c"))
        #expect(!state.conventions.swapsKernelFlip)
        #expect(state.frame == before)
        #expect(state.message?.contains("not one") == true)
    }

    @Test func cForgetsVerdictsAboutTheOldValues() throws {
        var state = TutorState(entries: entries, width: 100, height: 30, startLesson: "forward-pass", startStep: 6)
        // The quiz on O12: 3·1 + 1·(−2) + 6·3 + 7·(−3) = −2 as a cross-correlation.
        #expect(state.frame?.quiz?.answer == -2)
        state.update(Key.typing("-2\n"))
        #expect(state.quizFeedback.values.first?.verdict == .right)
        state.update(Key.typing("g7\n"))
        state.update(.character("c"))
        #expect(state.quizFeedback.isEmpty)
        // As a true convolution: 3·(−3) + 1·3 + 6·(−2) + 7·1 = −11.
        #expect(state.frame?.quiz?.answer == -11)
        #expect(state.frame?.facts.first?.hasPrefix("Shown as true convolution") == true)
    }

    @Test func pAfterCStartsThePlaygroundWithTheOperationShown() {
        var state = tutor()
        #expect(state.playgroundStart.operation == .crossCorrelation)
        state.update(.character("c"))
        #expect(state.playgroundStart.operation == .trueConvolution)
    }

    @Test func iKeepsAnAnswerBeingTypedWhileCDropsIt() {
        var state = TutorState(entries: entries, width: 100, height: 30, startLesson: "forward-pass", startStep: 6)
        state.update(Key.typing("-2"))
        state.update(.character("i"))
        #expect(state.frame?.quiz?.question == "What is O01?")
        #expect(state.answer == "-2")
        state.update(.character("c"))
        #expect(state.answer == "")
    }
}
