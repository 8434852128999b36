import Testing
@testable import CNNTutorUI

/// --present in front of a class: q asks, b and . black the screen out, a remote's PgDn/PgUp step.
@Suite("Presenter mode")
struct PresenterTests {
    func presenter(step: Int = 6) -> TutorState {
        var state = fakeState(options: TutorOptions(present: true), step: step)
        state.message = nil
        return state
    }

    @Test func qAsksFirstInALesson() {
        var state = presenter()
        #expect(state.update(.character("q")).isEmpty)
        #expect(render(state).contains("Quit the tutor? (y/n)"))
        #expect(state.update(.character("n")).isEmpty)
        #expect(render(state).contains("not quitting"))
        #expect(state.step == 6)
        state.update(.character("q"))
        #expect(state.update(.character("y")) == [.quit])
    }

    @Test func qAsksFirstInTheMenu() {
        var state = presenter()
        state.update(.character("m"))
        #expect(state.update(.character("q")).isEmpty)
        #expect(render(state).contains("Quit the tutor? (y/n)"))
        #expect(state.update(.down).isEmpty)
        #expect(state.isInMenu)
        #expect(state.menuSelection == 0, "the key that answered the question does nothing else")
        state.update(.character("q"))
        #expect(state.update(.character("y")) == [.quit])
    }

    @Test func aStudentsQQuitsAtOnce() {
        var state = fakeState(step: 6)
        #expect(state.update(.character("q")) == [.quit])
    }

    @Test(arguments: ["b", "."])
    func blackoutBlanksTheScreenUntilAKeyThatDoesNothingElse(key: String) {
        var state = presenter()
        let before = render(state)
        state.update(.character(Character(key)))
        let blank = render(state)
        #expect(blank.lines.allSatisfy { $0.allSatisfy { $0 == " " } })
        #expect(blank.cells.allSatisfy { $0.style == .plain })
        // The key that ends the blackout is consumed: → does not step.
        #expect(state.update(.right).isEmpty)
        #expect(state.step == 6)
        #expect(render(state) == before)
    }

    @Test func aResizeDuringTheBlackoutKeepsItBlack() {
        var state = presenter()
        state.update(.character("b"))
        state.update(.resize(width: 120, height: 35))
        #expect(state.isBlackedOut)
        #expect(render(state).lines.allSatisfy { $0.allSatisfy { $0 == " " } })
    }

    /// On a quiz the answer box takes `.` as a decimal point; `b` still blacks out.
    @Test func onAQuizTheDotIsADecimalPoint() {
        var state = presenter(step: 17)
        state.update(.character("."))
        #expect(state.answer == ".")
        #expect(!state.isBlackedOut)
        state.update(.character("b"))
        #expect(state.isBlackedOut)
    }

    @Test func theClickerStepsAndBracketsScroll() {
        var state = presenter()
        state.update(.pageDown)
        #expect(state.step == 7)
        state.update([.pageUp, .pageUp])
        #expect(state.step == 5)
        state.update(.character("]"))
        #expect(state.narrationScroll == 3)
        #expect(state.step == 5)
        state.update(.character("["))
        #expect(state.narrationScroll == 0)
    }

    @Test func aStudentsPgDnStillScrolls() {
        var state = fakeState(step: 6)
        state.update(.pageDown)
        #expect(state.step == 6)
        #expect(state.narrationScroll == 3)
    }

    @Test func theHelpSaysPresentModeKeepsNoProgress() {
        var state = presenter()
        state.update(.character("?"))
        let screen = render(state)
        #expect(screen.contains("clicker: next / back"))
        #expect(screen.contains("quit (q asks first)"))
        #expect(screen.contains("--present keeps no progress"))
        #expect(!screen.contains("Progress is saved"))
    }
}
