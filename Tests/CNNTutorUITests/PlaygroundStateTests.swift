import CNNCore
import Testing
@testable import CNNTutorUI

@Suite("The playground's state: keys, recomputation, refusals")
struct PlaygroundStateTests {
    @Test func startsWithSeededSmallIntegers() {
        let first = playground(), again = playground(), other = playground(seed: 2)
        #expect(first.input == again.input && first.filter == again.filter)
        #expect(first.input != other.input)
        #expect(first.input.values.allSatisfy { $0 == $0.rounded() && abs($0) <= 3 })
        #expect(first.filter.values.allSatisfy { $0 == $0.rounded() && abs($0) <= 2 })
        #expect(Set(first.input.values).count > 2)
    }

    @Test func outputIsTheCrossCorrelationOfInputAndFilter() throws {
        let state = playground()
        let expected = PlaygroundReference.crossCorrelation(PlaygroundReference.plane(state.input, 0),
                                                            PlaygroundReference.plane(state.filter, 0))
        let output = state.computation.output
        #expect(output.shape == [1, 1, 4, 4])
        #expect(PlaygroundReference.plane(output, 0) == expected)
    }

    @Test func parameterKeysRecomputeAtOnce() throws {
        var state = playground()
        state.update(.character("S"))
        // ⌊(6 − 3)/2⌋ + 1 = 2.
        #expect(state.settings.stride == 2)
        #expect(state.computation.output.shape == [1, 1, 2, 2])
        state.update(.character("P"))
        // ⌊(6 + 2 − 3)/2⌋ + 1 = 3, and the values are the padded, strided cross-correlation.
        let output = state.computation.output
        #expect(output.shape == [1, 1, 3, 3])
        let expected = PlaygroundReference.crossCorrelation(PlaygroundReference.plane(state.input, 0),
                                                            PlaygroundReference.plane(state.filter, 0),
                                                            stride: 2, padding: 1)
        #expect(PlaygroundReference.plane(output, 0) == expected)
        state.update(Key.typing("HW"))
        #expect(state.input.shape == [1, 7, 7])
        state.update(Key.typing("CK"))
        #expect(state.input.shape == [2, 7, 7])
        #expect(state.filter.shape == [2, 2, 3, 3])
        #expect(state.computation.output.shape == [1, 2, 4, 4])
    }

    @Test func growingTheInputKeepsTheNumbersOnScreen() {
        var state = playground(PlaygroundSettings(channels: 2))
        let before = (0..<2).map { PlaygroundReference.plane(state.input, $0) }
        let gradient = PlaygroundReference.plane(state.computation.outputGradient, 0)
        state.update(Key.typing("HW"))
        #expect(state.input.shape == [2, 7, 7])
        for channel in 0..<2 {
            let after = PlaygroundReference.plane(state.input, channel)
            #expect(after.prefix(6).map { Array($0.prefix(6)) } == before[channel])
        }
        // The new cells are random small integers too, and ∂L/∂O keeps its values where it still has them.
        #expect(state.input.values.allSatisfy { $0 == $0.rounded() && abs($0) <= 3 })
        let grown = PlaygroundReference.plane(state.computation.outputGradient, 0)
        #expect(grown.prefix(4).map { Array($0.prefix(4)) } == gradient)
        state.update(Key.typing("hhww"))
        let shrunk = (0..<2).map { PlaygroundReference.plane(state.input, $0) }
        #expect(shrunk == before.map { $0.prefix(5).map { Array($0.prefix(5)) } })
    }

    @Test func aSettingWithNoOutputIsExplainedAndTheLastOneKept() {
        var state = playground(PlaygroundSettings(inputHeight: 3, inputWidth: 3, filterSize: 3))
        state.update(.character("F"))
        #expect(state.settings.filterSize == 3)
        let message = try! #require(state.message)
        #expect(message.contains("no output with filter size 4"))
        #expect(message.contains("larger than the padded input"))
        #expect(message.contains("kept 3"))
        #expect(!message.contains("\n"))
        // Padding makes room: the same key then works.
        state.update(.character("P"))
        state.update(.character("F"))
        #expect(state.settings.filterSize == 4)
        #expect(state.computation.output.shape == [1, 1, 2, 2])
    }

    @Test func boundsOfThePlaygroundAreNamed() {
        var state = playground(PlaygroundSettings(stride: 1))
        state.update(.character("s"))
        #expect(state.settings.stride == 1)
        #expect(state.message == "stride is at its smallest here (1)")
    }

    @Test func cyclingSkipsAnOperationWithNoOutput() {
        // Pooling refuses padding 2 with a 3×3 window.
        var state = playground(PlaygroundSettings(padding: 2))
        state.update(.character("o"))
        #expect(state.settings.operation == .trueConvolution)
        state.update(.character("o"))
        #expect(state.settings.operation == .transposed)
        #expect(state.message?.contains("skipped max pool") == true)
        #expect(state.message?.contains("average pool") == true)
    }

    @Test func editChangesAValueAndEverythingRecomputes() throws {
        var state = playground()
        state.update(.tab)
        #expect(state.focus == .input)
        state.update([.right, .down])
        state.update(.character("e"))
        state.update(Key.typing("-7\n"))
        #expect(state.editBuffer == nil)
        #expect(state.input[[0, 1, 1]] == -7)
        let expected = PlaygroundReference.crossCorrelation(PlaygroundReference.plane(state.input, 0),
                                                            PlaygroundReference.plane(state.filter, 0))
        #expect(PlaygroundReference.plane(state.computation.output, 0) == expected)
        state.update(.character("e"))
        state.update(Key.typing("abc"))
        #expect(state.editBuffer == "")
        state.update(Key.typing("1000001\n"))
        #expect(state.editBuffer == "1000001")
        #expect(state.message?.contains("not a number between") == true)
        state.update(.escape)
        #expect(state.editBuffer == nil)
        #expect(state.message == "edit cancelled: nothing changed")
    }

    @Test func editingAFilterWeightRecomputes() throws {
        var state = playground()
        state.update([.tab, .tab])
        #expect(state.focus == .filter)
        state.update([.down, .down, .right])
        state.update(.character("e"))
        state.update(Key.typing("5\n"))
        #expect(state.filter[[0, 0, 2, 1]] == 5)
        let expected = PlaygroundReference.crossCorrelation(PlaygroundReference.plane(state.input, 0),
                                                            PlaygroundReference.plane(state.filter, 0))
        #expect(PlaygroundReference.plane(state.computation.output, 0) == expected)
        #expect(state.message == "set to 5: everything recomputed")
    }

    @Test func severalChannelsAndFiltersShowOnePlaneAtATime() throws {
        var state = playground(PlaygroundSettings(channels: 2, filters: 2))
        state.update(.character("]"))
        #expect(state.plane == 1)
        // Filter 2's output sums the cross-correlations of both channels with its two channel slices.
        let parts = (0..<2).map { c in
            PlaygroundReference.crossCorrelation(PlaygroundReference.plane(state.input, c),
                                                 PlaygroundReference.plane(state.filter, 2 + c))
        }
        let expected = zip(parts[0], parts[1]).map { zip($0, $1).map { $0 + $1 } }
        let output = state.computation.output
        #expect(PlaygroundReference.plane(output, 1) == expected)
        guard case .gather(let explanation) = state.detail else {
            Issue.record("no gather explanation on the output")
            return
        }
        #expect(explanation.value == expected[0][0])
        #expect(explanation.terms.count == 2 * 3 * 3)
        state.update(.character("]"))
        #expect(state.plane == 0)
        // Pooling shows the input channel that feeds the output plane in view.
        state.update(.character("]"))
        state.update(Key.typing("oo"))
        #expect(state.settings.operation == .maxPool)
        #expect(state.plane == 1 && state.channel == 1)
        guard case .gather(let window) = state.detail else {
            Issue.record("no gather explanation on the pooled output")
            return
        }
        #expect(window.terms.allSatisfy { $0.factors[0].position[1] == 1 })
    }

    @Test func randomNumbersChangeWithR() {
        var state = playground()
        let before = state.input
        let gradient = state.computation.outputGradient
        state.update(.character("r"))
        #expect(state.input != before)
        #expect(state.input.shape == before.shape)
        #expect(state.computation.outputGradient != gradient)
    }

    @Test func qAsksTheDriverToLeave() {
        var state = playground()
        #expect(state.update(.character("?")) == .none)
        #expect(state.showingHelp)
        #expect(state.update(.character("q")) == .none)
        #expect(!state.showingHelp)
        #expect(state.update(.character("q")) == .quit)
    }

    @Test func startsFromALessonsNumbers() throws {
        let input = try Tensor(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        let filter = try Tensor(rows: [[1, 0], [0, -1]])
        let state = try PlaygroundState(input: input, filter: filter, stride: 1, padding: 0)
        #expect(state.settings.inputHeight == 3 && state.settings.filterSize == 2)
        // 1·1 − 5 = −4 in every window of this input.
        #expect(state.computation.output.values == [-4, -4, -4, -4])
        let oblong = try Tensor(rows: [[1, 2]])
        #expect(throws: PlaygroundRefusal.self) { try PlaygroundState(input: input, filter: oblong) }
    }

    @Test func keymapHasOneActionPerKey() {
        var seen: Set<Key> = []
        for binding in PlaygroundKeymap.bindings {
            for key in binding.keys {
                #expect(!seen.contains(key), "\(key) is bound twice")
                seen.insert(key)
            }
        }
        #expect(PlaygroundKeymap.action(for: .character("H")) == .increase(.inputHeight))
        #expect(PlaygroundKeymap.action(for: .character("h")) == .decrease(.inputHeight))
        #expect(PlaygroundKeymap.helpRows.contains { $0.keys == "H h" && $0.action == "input height + 1 / − 1" })
    }
}
