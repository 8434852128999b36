import CNNCore
import Testing
@testable import CNNTutorUI

/// Dilation and transposed convolution in the playground: numbers against the definitions written out with loops
/// (PlaygroundReference) and against small cases worked by hand, refusals explained with the last setting kept.
@Suite("The playground's dilated and transposed convolutions")
struct PlaygroundDilationTransposedTests {
    func plane(_ tensor: Tensor, _ index: Int = 0) -> [[Double]] { PlaygroundReference.plane(tensor, index) }

    @Test func dilationKeyComputesTheDilatedConvolution() {
        var state = playground(PlaygroundSettings(inputHeight: 7, inputWidth: 7))
        state.update(.character("D"))
        #expect(state.settings.dilation == 2)
        // 7 − 2·(3 − 1) − 1 = 2, ⌊2/1⌋ + 1 = 3.
        #expect(state.computation.output.shape == [1, 1, 3, 3])
        #expect(plane(state.computation.output) == PlaygroundReference.dilatedCrossCorrelation(
            plane(state.input), plane(state.filter), stride: 1, padding: 0, dilation: 2))
        let screen = PlaygroundView.render(state)
        #expect(screen.lines[1] == " X 7×7 · 1 filter 3×3 · stride 1 · padding 0 · dilation 2 → O 3×3")
        #expect(screen.lines[2]
                == " output size ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 = ⌊(7 + 2·0 − 2·(3 − 1) − 1)/1⌋ + 1 = 2 + 1 = 3")
    }

    @Test func aDilatedFilterLargerThanThePaddedInputIsExplainedAndTheLastDilationKept() throws {
        var state = playground()
        state.update(Key.typing("DD"))
        #expect(state.settings.dilation == 2)
        let message = try #require(state.message)
        // A 3×3 filter at dilation 3 spans 7 cells; the input has 6.
        #expect(message.hasPrefix("no output with dilation 3: ") && message.hasSuffix("; kept 2"))
        #expect(message.contains("7") && !message.contains("\n"))
        state.update(Key.typing("PD"))
        #expect(state.settings.dilation == 3)
        // ⌊(6 + 2 − 6 − 1)/1⌋ + 1 = 2.
        #expect(state.computation.output.shape == [1, 1, 2, 2])
    }

    @Test func gatherDrawsTheHolesAndThePaddingOfADilatedWindow() throws {
        let state = playground(PlaygroundSettings(padding: 1, dilation: 2))
        let input = PlaygroundGrids(state).inputGrid
        // O11 reads padded rows and columns −1, 1, 3: the cells between them are holes.
        #expect(input.cell(-1, -1).mark == .litPadding && input.cell(-1, 1).mark == .litPadding)
        #expect(input.cell(-1, 0).mark == .paddingHole && input.cell(0, -1).mark == .paddingHole)
        #expect(input.cell(0, 0).mark == .hole && input.cell(1, 0).mark == .hole && input.cell(2, 3).mark == .hole)
        #expect(input.cell(1, 1).mark == .lit && input.cell(3, 3).mark == .lit && input.cell(1, 3).mark == .lit)
        #expect(input.cell(4, 4).mark == .plain && input.cell(1, 4).mark == .plain && input.cell(6, 0).mark == .padding)
        let screen = PlaygroundView.render(state)
        let rows = try PlaygroundViewTests().gridRows(screen, title: "Input X 6×6", rows: 3)
        // A hole shows the mark alone, never glued to its number ("·-3" read as a product).
        #expect(rows[0] == ["0", "·", "0", "·", "0", "0", "0", "0"])
        let x = plane(state.input)
        #expect(rows[1] == ["·", "·", "·", "·", "·"] + x[0].suffix(2).map { NumberFormat.string($0) } + ["0"])
        #expect(screen.contains("gather: O11 comes from the 9 lit input cells; · marks the holes between the taps, "
                                + "which it skips"))
        #expect(screen.contains("O11 = 0·F11  + 0·F12  + 0·F13 + 0·F21 + X22·F22"))
    }

    @Test func scatterWithStrideAndDilationAgreesWithTheDefinition() throws {
        var state = playground(PlaygroundSettings(inputHeight: 7, inputWidth: 7, stride: 2, padding: 1, dilation: 2),
                               width: 150)
        state.update([.tab, .down, .right])
        guard case .scatter(let routes) = state.detail else {
            Issue.record("no scatter view: \(state.detail)")
            return
        }
        // X22 (0-based 1,1) is read where 2·i + 2·m − 1 = 1: (i, m) = (0, 1) or (1, 0) on each axis.
        #expect(routes.chainRule.terms.count == 4)
        let expected = PlaygroundReference.inputGradient([plane(state.computation.outputGradient)],
                                                         [[plane(state.filter)]], c: 0, row: 1, column: 1,
                                                         stride: 2, padding: 1, dilation: 2)
        #expect(routes.chainRule.value == expected && routes.fullConvolutionValue == expected)
        // The full convolution's output (r, q) is ∂L/∂X at (r − P, q − P): 1-based (3, 3) for X22 with P = 1.
        let screen = PlaygroundView.render(state)
        #expect(screen.contains("✓ the same: rot180(F) dilated by 2 with ∂L/∂O stride-dilated by 2, zero-padded by"
                                + " D·(F − 1), at (3, 3)"))
    }

    @Test func transposedConvolutionWorkedByHand() throws {
        let input = try Tensor(rows: [[1, 2], [3, 4]])
        let ones = try Tensor(rows: [[1, 1], [1, 1]])
        // Every input value adds a 2×2 block of itself; with stride 1 the blocks overlap.
        let overlapping = try PlaygroundState(input: input, filter: ones, operation: .transposed)
        #expect(plane(overlapping.computation.output) == [[1, 3, 2], [4, 10, 6], [3, 7, 4]])
        // Stride 2: the blocks tile a 4×4 output; padding 1 crops one cell from each side.
        var state = try PlaygroundState(input: input, filter: ones, stride: 2, padding: 1, operation: .transposed)
        #expect(plane(state.computation.output) == [[1, 2], [3, 4]])
        state.update(.character("A"))
        #expect(state.settings.outputPadding == 1)
        #expect(plane(state.computation.output) == [[1, 2, 2], [3, 4, 4], [3, 4, 4]])
        let screen = PlaygroundView.render(state)
        #expect(screen.lines[0].hasPrefix(" cnn-tutor │ playground · transposed convolution"))
        #expect(screen.lines[1]
                == " X 2×2 · 1 filter 2×2 · stride 2 · padding 1 · dilation 1 · output padding 1 → O 3×3")
        #expect(screen.lines[2] == " output size (H − 1)·S − 2P + D·(K − 1) + A + 1 = (2 − 1)·2 − 2·1 + 1·(2 − 1)"
                + " + 1 + 1 = 3")
        // The input is drawn without a padding ring: a transposed convolution's padding crops its output.
        #expect(screen.contains("Input X 2×2  ") && !screen.contains("Input X 2×2 · padding"))
    }

    @Test func transposedMatchesTheDefinitionOverChannelsAndFilters() {
        let settings = PlaygroundSettings(inputHeight: 4, inputWidth: 3, channels: 2, filters: 3, filterSize: 3,
                                          stride: 2, padding: 1, dilation: 2, outputPadding: 1,
                                          operation: .transposed)
        let state = playground(settings)
        // (4 − 1)·2 − 2 + 2·2 + 1 + 1 = 10 rows, (3 − 1)·2 − 2 + 4 + 1 + 1 = 8 columns.
        #expect(state.computation.output.shape == [1, 3, 10, 8])
        for k in 0..<3 {
            var expected = Array(repeating: Array(repeating: 0.0, count: 8), count: 10)
            for c in 0..<2 {
                let part = PlaygroundReference.transposed(plane(state.input, c), plane(state.filter, k * 2 + c),
                                                          stride: 2, padding: 1, dilation: 2, outputPadding: 1)
                expected = zip(expected, part).map { zip($0, $1).map(+) }
            }
            #expect(plane(state.computation.output, k) == expected, "output plane \(k)")
        }
    }

    @Test func outputPaddingMustStaySmallerThanStrideOrDilation() throws {
        var state = playground(PlaygroundSettings(operation: .transposed))
        state.update(.character("A"))
        #expect(state.settings.outputPadding == 0)
        let message = try #require(state.message)
        #expect(message.hasPrefix("no output with output padding 1: ") && message.hasSuffix("; kept 0"))
        state.update(Key.typing("SA"))
        #expect(state.settings.outputPadding == 1)
        // Lowering the stride back would leave A = S: refused, stride 2 kept.
        state.update(.character("s"))
        #expect(state.settings.stride == 2)
        #expect(state.message?.hasPrefix("no output with stride 1: ") == true)
        var convolution = playground()
        convolution.update(.character("A"))
        #expect(convolution.message == "output padding belongs to transposed convolution: o picks it")
    }

    @Test func transposedGatherLightsTheInputsThatFeedAnOutput() throws {
        var state = playground(PlaygroundSettings(inputHeight: 3, inputWidth: 3, stride: 2, operation: .transposed))
        state.update([.down, .down, .right, .right])
        let input = PlaygroundGrids(state).inputGrid
        #expect(input.rows == 3 && input.columns == 3)
        // O33 (0-based 2,2) = Σ X[i][j]·F[m][n] with 2·i + m = 2: (i, m) = (0, 2) or (1, 0) on each axis.
        let lit = (0..<3).flatMap { r in (0..<3).filter { input.cell(r, $0).mark == .lit }.map { [r, $0] } }
        #expect(lit == [[0, 0], [0, 1], [1, 0], [1, 1]])
        guard case .gather(let explanation) = state.detail else {
            Issue.record("no gather view")
            return
        }
        let (x, f) = (plane(state.input), plane(state.filter))
        let byHand = x[0][0] * f[2][2] + x[0][1] * f[2][0] + x[1][0] * f[0][2] + x[1][1] * f[0][0]
        #expect(explanation.value == byHand && plane(state.computation.output)[2][2] == byHand)
        #expect(PlaygroundView.render(state).contains("gather: O33 sums the 4 lit input values"))
    }

    @Test func transposedScatterLightsTheOutputsAnInputFeeds() throws {
        var state = playground(PlaygroundSettings(inputHeight: 3, inputWidth: 3, stride: 2, padding: 1,
                                                  outputPadding: 1, operation: .transposed))
        state.update([.tab, .right])
        let grids = PlaygroundGrids(state)
        let output = try #require(grids.all.first { $0.title.hasPrefix("Output O") })
        // X12 lands at rows 2·0 − 1 + m and columns 2·1 − 1 + n: rows 0…1 and columns 1…3 survive the crop.
        let lit = (0..<6).flatMap { r in (0..<6).filter { output.cell(r, $0).mark == .lit }.map { [r, $0] } }
        #expect(lit == [[0, 1], [0, 2], [0, 3], [1, 1], [1, 2], [1, 3]])
        let screen = PlaygroundView.render(state)
        let x = NumberFormat.string(plane(state.input)[0][1])
        #expect(screen.contains("scatter: X12 = \(x) adds a copy of F scaled by it to the 6 lit output cells"))
        #expect(screen.contains("O12 += X12·F21 = "))
        #expect(!screen.contains("∂L/∂O (random)"))
    }

    @Test func poolingRefusesADilation() throws {
        var state = playground()
        state.update(Key.typing("ooD"))
        #expect(state.settings.operation == .maxPool && state.settings.dilation == 1)
        #expect(state.message == "no output with dilation 2: a pooling window here has no dilation (d lowers it to 1);"
                + " kept 1")
    }
}
