import Testing
@testable import CNNTutorUI

/// The state's mode carries its own data: the menu keeps the lesson to go back to, and a lesson collects one
/// line of input at a time.
@Suite("Modes and their inputs")
struct TutorModeTests {
    /// Step 18 of the fake lesson is its quiz.
    let quizStep = 17

    @Test func theMenuKeepsTheLessonToGoBackTo() {
        var state = fakeState(step: quizStep)
        state.update(Key.typing("4"))
        #expect(state.input == .answer(AnswerBox(text: "4")))
        state.update(.character("m"))
        #expect(state.isInMenu)
        #expect(state.input == .none)
        #expect(state.lastLesson?.step == quizStep)
        state.update(.down)
        #expect(state.menuSelection == 1)
        state.update(.escape)
        // Back where the student was, the half-typed answer still there.
        #expect(!state.isInMenu)
        #expect(state.step == quizStep)
        #expect(state.answer == "4")
        #expect(render(state).contains("your answer: 4_"))
    }

    @Test func theMenuWithNoLessonOpenStaysTheMenu() {
        var state = TutorState(entries: [])
        #expect(state.isInMenu)
        #expect(state.lastLesson == nil)
        state.update(.escape)
        #expect(state.isInMenu)
    }

    @Test func oneInputAtATime() {
        var state = fakeState(step: quizStep)
        #expect(state.answer == "")
        state.update(.character("g"))
        // Going to a step closes the answer box: its digits are the step's.
        #expect(state.input == .goTo(""))
        #expect(state.answer == nil)
        state.update(Key.typing("3"))
        #expect(state.input == .goTo("3"))
        state.update(.escape)
        #expect(state.input == .answer(AnswerBox()))
        state.update(.character("e"))
        #expect(state.editCursor != nil)
        #expect(state.answer == nil)
        state.update(.escape)
        #expect(state.input == .answer(AnswerBox()))
        // A step with no question has no box.
        state.update(.home)
        #expect(state.input == .none)
    }
}
