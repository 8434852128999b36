import CNNLessons
import Testing
@testable import CNNTutorUI

/// `x`: a cell cursor to point at what is being talked about.
@Suite("The pointer")
struct PointerTests {
    /// Step 7 of the fake lesson: value 2, term 2; X13 and F12 are being multiplied.
    func pointing() -> TutorState {
        var state = fakeState(step: 6)
        state.update(.character("x"))
        return state
    }

    @Test func startsOnTheCellInPlayAndNamesIt() {
        let state = pointing()
        #expect(state.pointer == GridPointer(grid: 0, row: 0, column: 2))
        let screen = render(state)
        #expect(screen.contains("POINT X13 = 3 (Input X)"))
        #expect(screen.contains("[3]"), "the cell is lit as a cursor")
    }

    @Test func arrowsMoveWithinTheGridAndStopAtItsEdges() {
        var state = pointing()
        state.update([.down, .right, .left])
        #expect(state.pointer == GridPointer(grid: 0, row: 1, column: 1))
        state.update([.up, .up, .up, .left, .left])
        #expect(state.pointer == GridPointer(grid: 0, row: 0, column: 0))
        #expect(render(state).contains("X11 = 1"))
    }

    @Test func tabMovesBetweenGridsAndClampsTheCell() {
        var state = pointing()
        state.update([.down, .down, .tab])
        #expect(state.pointer == GridPointer(grid: 1, row: 1, column: 1))
        #expect(render(state).contains("F22 = -1 (Filter F)"))
        state.update(.tab)
        #expect(render(state).contains("O22: not computed yet (Output O)"))
        state.update(.backTab)
        #expect(state.pointer?.grid == 1)
    }

    @Test func theCellBeingComputedSaysSo() {
        var state = pointing()
        state.update([.tab, .tab, .up, .left, .right])
        #expect(render(state).contains("O12 = ? (being computed)"))
    }

    @Test func steppingKeepsPointing() {
        var state = pointing()
        state.update(.down)
        state.update(.character(" "))
        #expect(state.step == 7)
        #expect(state.pointer == GridPointer(grid: 0, row: 1, column: 2))
        state.update(.pageDown)
        #expect(state.pointer != nil)
    }

    @Test(arguments: [Key.character("x"), Key.escape])
    func xOrEscapeTurnsItOff(key: Key) {
        var state = pointing()
        state.update(key)
        #expect(state.pointer == nil)
        #expect(!render(state).contains("POINT"))
    }

    @Test func aStepWithoutGridsHasNothingToPointAt() {
        var state = fakeState(step: 0)
        state.update(.character("x"))
        #expect(state.pointer == nil)
        #expect(render(state).contains("no grid in this step to point at"))
    }

    @Test func onAQuizThePointerTakesTheAnswerBoxsPlaceUntilItIsOff() {
        var state = fakeState(step: 17)
        state.update(.character("x"))
        #expect(state.pointer != nil)
        #expect(state.answer == nil)
        state.update(.character("x"))
        #expect(state.answer == "")
    }

    @Test func thePointedCellIsTheGridDrawingsLitCell() {
        let state = pointing()
        #expect(state.litCell == EditCursor(grid: 0, row: 0, column: 2))
    }
}
