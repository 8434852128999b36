import CNNCore
import Testing
@testable import CNNTutorUI

/// The playground's screens rendered to text: their structure, and numbers checked against the references.
@Suite("The playground's screens")
struct PlaygroundViewTests {
    /// The cells of a grid's first `rows` rows, read back from the screen under its title.
    func gridRows(_ screen: Screen, title: String, rows: Int) throws -> [[String]] {
        let top = try #require(screen.find(title))
        return (0..<rows).map { offset in
            let line = Array(screen.lines[top.row + 2 + offset])
            var text = String(line[top.column...])
            text = String(text.dropFirst()) // the left border
            return String(text.prefix { $0 != "│" }).replacingOccurrences(of: "[", with: " ")
                .replacingOccurrences(of: "]", with: " ").split(separator: " ").map(String.init)
        }
    }

    @Test func gatherScreenSnapshot() throws {
        let state = playground()
        let screen = PlaygroundView.render(state)
        #expect(screen.lines[0].hasPrefix(" cnn-tutor │ playground · cross-correlation"))
        #expect(screen.lines[0].hasSuffix("gather view: cursor on the output"))
        #expect(screen.lines[1] == " X 6×6 · 1 filter 3×3 · stride 1 · padding 0 · dilation 1 → O 4×4")
        #expect(screen.lines[2] == " output size ⌊(N + 2P − F)/S⌋ + 1 = ⌊(6 + 2·0 − 3)/1⌋ + 1 = 3 + 1 = 4")
        let titles = try #require(screen.line(containing: "Input X 6×6"))
        #expect(titles.contains("Filter F 3×3") && titles.contains("Output O 4×4"))
        #expect(screen.lines.last!.contains("H/h  W/w") && screen.lines.last!.contains("q quit"))

        let reference = PlaygroundReference.crossCorrelation(PlaygroundReference.plane(state.input, 0),
                                                             PlaygroundReference.plane(state.filter, 0))
        let shown = try gridRows(screen, title: "Output O 4×4", rows: 4)
        #expect(shown == reference.map { $0.map { NumberFormat.string($0) } })
        // The output cursor sits on O11 and its sum is written out, ending in O11's value.
        #expect(screen.contains("O11 = 3·"))
        let value = NumberFormat.string(reference[0][0])
        #expect(screen.lines.contains { $0.hasPrefix("       + ") && $0.hasSuffix("= \(value)") })
        #expect(screen.contains("O11 = X11·F11 + X12·F12"))
    }

    @Test func gatherLightsTheWindowAndItsPaddingCells() throws {
        var state = playground(PlaygroundSettings(padding: 1))
        state.update(.right)
        let grids = PlaygroundGrids(state)
        let input = grids.inputGrid
        // O12 with padding 1 reads rows −1…1, columns 0…2: three padding cells and six real ones.
        #expect(input.cell(-1, 0).mark == .litPadding)
        #expect(input.cell(-1, 3).mark == .padding)
        #expect(input.cell(0, 0).mark == .lit && input.cell(1, 2).mark == .lit)
        #expect(input.cell(0, 3).mark == .plain && input.cell(0, -1).mark == .padding)
        let screen = PlaygroundView.render(state)
        #expect(screen.contains("O12 comes from the 9 lit input cells"))
        #expect(screen.contains("O12 = 0·"))
        // The lit cells are drawn in the window's style, padding cells in padding's.
        let theme = Theme(colors: true)
        let top = try #require(screen.find("Input X 6×6"))
        #expect(screen[top.row + 2, top.column + 2].style == theme.cell(.padding))
        #expect(screen[top.row + 3, top.column + 5].style == theme.cell(.window))
    }

    @Test func scatterScreenShowsBothRoutesAndTheyAgree() throws {
        var state = playground(PlaygroundSettings(stride: 2, padding: 1), width: 130)
        state.update(.tab)
        state.update([.down, .right, .right])
        let screen = PlaygroundView.render(state)
        #expect(screen.lines[0].hasSuffix("scatter view: cursor on the input"))
        #expect(screen.contains("∂L/∂O (random) 3×3"))
        #expect(screen.contains(": rot180(F) with ∂L/∂O stride-dilated by 2, zero-padded by F − 1, at (3, 4)"))
        let computation = state.computation
        let expected = PlaygroundReference.inputGradient(
            [PlaygroundReference.plane(computation.outputGradient, 0)], [[PlaygroundReference.plane(state.filter, 0)]],
            c: 0, row: 1, column: 2, stride: 2, padding: 1)
        // The full convolution's row 1 + 1 = 2, column 2 + 1 = 3 (0-based input cell plus the padding): (3, 4).
        let route = try #require(screen.line(containing: "full convolution gives "))
        #expect(route.contains("gives \(NumberFormat.string(expected)) ✓ the same:"))
        #expect(screen.line(containing: "scatter: ∂L/∂X23 = Σ ∂L/∂O·F over the 2 lit outputs it feeds = ")!
            .hasSuffix("= \(NumberFormat.string(expected))"))
        #expect(screen.contains("∂L/∂X23 = ∂L/∂O"))
        #expect(screen.line(containing: "∂L/∂X23 = ")!.contains("= \(NumberFormat.string(expected))") ||
                screen.lines.contains { $0.hasSuffix("= \(NumberFormat.string(expected))") })
        // X23 is input row 1, column 2 (0-based). With stride 2 and padding 1, output (i, j) reads rows 2i−1…2i+1
        // and columns 2j−1…2j+1: rows i = 0, 1 reach row 1; only j = 1 reaches column 2.
        let grids = PlaygroundGrids(state).all
        let output = try #require(grids.first { $0.title.hasPrefix("Output O") })
        let lit = (0..<3).flatMap { r in (0..<3).map { (r, $0) } }.filter { output.cell($0.0, $0.1).mark == .lit }
        #expect(lit.map { [$0.0, $0.1] } == [[0, 1], [1, 1]])
    }

    @Test func trueConvolutionPairsTheWindowWithTheTurnedFilter() throws {
        var state = playground()
        state.update(.character("o"))
        let screen = PlaygroundView.render(state)
        #expect(screen.contains("playground · true convolution"))
        #expect(screen.contains("(F turned by 180°: X11 meets the last F)"))
        #expect(screen.contains("O11 = X11·F33 + X12·F32 + X13·F31"))
        let turned = PlaygroundReference.plane(state.filter, 0).reversed().map { Array($0.reversed()) }
        let expected = PlaygroundReference.crossCorrelation(PlaygroundReference.plane(state.input, 0), turned)
        #expect(PlaygroundReference.plane(state.computation.output, 0) == expected)
    }

    @Test func poolingGatherAndScatter() throws {
        var state = playground(PlaygroundSettings(filterSize: 2, stride: 2, operation: .maxPool))
        let input = PlaygroundReference.plane(state.input, 0)
        let output = state.computation.output
        // Each output is the largest of its 2×2 window.
        for i in 0..<3 {
            for j in 0..<3 {
                let window = [input[2 * i][2 * j], input[2 * i][2 * j + 1],
                              input[2 * i + 1][2 * j], input[2 * i + 1][2 * j + 1]]
                #expect(output.values[i * 3 + j] == window.max())
            }
        }
        var screen = PlaygroundView.render(state)
        #expect(screen.contains("playground · max pool"))
        #expect(!screen.contains("Filter F"))
        #expect(screen.contains("P11 = max("))
        state.update(.tab)
        screen = PlaygroundView.render(state)
        #expect(screen.contains("the backward pass over the whole input gives"))
        #expect(screen.contains("✓ the same"))
        state.update(.tab)
        #expect(state.focus == .output)
    }

    @Test func largeInputScrollsWithTheCursor() throws {
        let large = PlaygroundSettings(inputHeight: 64, inputWidth: 64, channels: 4, filters: 4, filterSize: 5)
        var state = playground(large, width: 80, height: 24)
        var screen = PlaygroundView.render(state)
        #expect(screen.contains("Input X 64×64"))
        #expect(screen.lines[1] == " X 4×64×64 · 4 filters 5×5 · stride 1 · padding 0 · dilation 1 → O 4×60×60")
        #expect(screen.contains("rows 1–"))
        for _ in 0..<40 { state.update(.right) }
        screen = PlaygroundView.render(state)
        let label = try #require(screen.line(containing: "/60 cols"))
        #expect(!label.contains("cols 1–"))
        #expect(screen.contains("O1,1,41 = "))
        #expect(screen.contains("more lines (a taller terminal shows them)"))
        #expect(screen.lines.allSatisfy { Screen.displayWidth($0, ascii: false) <= 80 })
    }

    @Test func twelveByTwelveIsDrawnWholeAt80By24() throws {
        var state = playground(PlaygroundSettings(inputHeight: 12, inputWidth: 12), width: 80, height: 24)
        state.update(.tab)
        let screen = PlaygroundView.render(state)
        #expect(!screen.contains("rows "))
        let top = try #require(screen.find("Input X 12×12"))
        #expect(screen.lines[top.row + 1].contains("┌"))
        #expect(screen.lines[top.row + 14].contains("└"))
        #expect(screen.contains("scatter: ∂L/∂X11"))
        #expect(screen.contains("✓ the same"))
    }

    @Test func asciiScreensHoldOnlyASCII() {
        var state = try! PlaygroundState(options: TutorOptions(ascii: true))
        state.update(.tab)
        let screen = PlaygroundView.render(state)
        #expect(screen.text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(screen.contains("dL/dX11"))
        // The new screens too: a dilated window's holes, and a transposed convolution's scatter view.
        let dilated = try! PlaygroundState(settings: PlaygroundSettings(padding: 1, dilation: 2),
                                           options: TutorOptions(ascii: true))
        #expect(PlaygroundView.render(dilated).text.unicodeScalars.allSatisfy { $0.isASCII })
        var transposed = try! PlaygroundState(settings: PlaygroundSettings(stride: 2, operation: .transposed),
                                              options: TutorOptions(ascii: true))
        transposed.update(.tab)
        #expect(PlaygroundView.render(transposed).text.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func helpListsTheKeymapAndTinyTerminalsAreTold() {
        var state = playground()
        state.update(.character("?"))
        let help = PlaygroundView.render(state)
        #expect(help.contains("playground keys"))
        #expect(help.contains("input height + 1 / − 1"))
        #expect(help.contains("Tab"))
        #expect(help.contains("↑ ↓ ← →  move the cursor"))
        #expect(help.contains("+ -      zoom in / out"))
        #expect(help.contains("Upper case makes a number larger"))
        state.update(.resize(width: 59, height: 20))
        let tiny = PlaygroundView.render(state)
        #expect(tiny.contains("enlarge the terminal to at least 60×20"))
        #expect(tiny.contains("(it is 59×20 now)"))
        #expect(state.update(.character("q")) == .quit)
    }
}
