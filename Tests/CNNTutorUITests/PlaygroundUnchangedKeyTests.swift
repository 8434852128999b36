import Testing
@testable import CNNTutorUI

/// A key that changes nothing costs nothing (issue 13, item 11): held at a setting's bound it once recomputed the
/// layer's explanation and redrew the screen at every repeat.
@Suite("The playground: a key that changes nothing")
struct PlaygroundUnchangedKeyTests {
    /// 8 filters is the most: K only says so, and from the second press on the state is the same.
    @Test(arguments: [0, 1, 2])
    func aKeyAtItsBoundComputesNothingAndLeavesTheStateAsItWas(tabs: Int) {
        var state = playground(PlaygroundSettings(channels: 2, filters: 8, filterSize: 5))
        state.update(Array(repeating: .tab, count: tabs))
        let computed = state.computationCount
        state.update(.character("K"))
        #expect(state.message == "number of filters is at its largest here (8)")
        #expect(state.computationCount == computed)
        let before = state
        for _ in 0..<10 { state.update(.character("K")) }
        #expect(state == before)
        #expect(state.computationCount == computed)
        #expect(PlaygroundView.render(state) == PlaygroundView.render(before))
    }

    @Test func aCursorAtTheEdgeStaysAndComputesNothing() {
        var state = playground()
        state.update(.up)
        let before = state
        state.update([.up, .left, .up])
        #expect(state == before)
        #expect(state.computationCount == before.computationCount)
    }

    /// The counter is raised by what does compute: a new setting computes the layer and its explanation, a cursor
    /// move only the explanation.
    @Test func aKeyThatChangesSomethingComputesAndDiffers() {
        var state = playground(PlaygroundSettings(filters: 8))
        var before = state
        state.update(.character("k"))
        #expect(state.settings.filters == 7)
        #expect(state != before)
        #expect(state.computationCount == before.computationCount + 2)
        before = state
        state.update(.right)
        #expect(state != before)
        #expect(state.computationCount == before.computationCount + 1)
    }

    /// Whatever the keys, two states that compare equal draw the same screen: the driver draws nothing for a key
    /// after which the state is equal to the one before.
    @Test func equalStatesDrawEqualScreens() {
        let keys: [Key] = Key.typing("HhWwCcKkFfSsPpDdAao[]re5?q") + [.tab, .up, .down, .left, .right, .enter,
                                                                     .escape, .backspace]
        var state = playground(PlaygroundSettings(inputHeight: 5, inputWidth: 7, channels: 2, filters: 2))
        var random: UInt64 = 7
        var unchanged = 0
        for _ in 0..<400 {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            let before = state
            state.update(keys[Int(random >> 33) % keys.count])
            if state == before {
                unchanged += 1
                #expect(PlaygroundView.render(state) == PlaygroundView.render(before))
            }
        }
        #expect(unchanged > 0)
    }
}
