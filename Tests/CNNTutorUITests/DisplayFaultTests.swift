import CNNLessons
import Testing
@testable import CNNTutorUI

/// The display faults of issue 16, item 8, driven through the tutor and the playground.
struct DisplayFaultTests {
    func lessonScreen(_ lesson: String, step: Int, width: Int = 100, height: Int = 30) -> (TutorState, Screen) {
        let state = TutorState(entries: bundledEntries(), width: width, height: height, startLesson: lesson,
                               startStep: step - 1)
        return (state, render(state))
    }

    /// Layer 2 pads the 11-value signal by 2: all 15 cells are drawn, with no crop caption ("columns -1–10 of 11").
    @Test func theDilatedLayersPaddedSignalIsDrawnWhole() throws {
        for step in 16...27 {
            let (state, screen) = lessonScreen("dilated-convolution", step: step)
            let grid = try #require(state.frame?.grids.first { $0.title.hasPrefix("Input X (zero-padded)") })
            #expect(grid.title == "Input X (zero-padded)" && grid.columnCount == 15 && !grid.isCropped)
            #expect(grid.cells[0].filter { $0.symbol == "0" }.count == 4)
            let row = try #require(screen.lines.firstIndex { $0.contains("Input X (zero-padded)") })
            #expect(!screen.lines[row].contains(" of 11"), "\(dump(screen))")
            // The padded row, drawn: 15 numbers between the borders.
            let cells = screen.lines[row + 2].split(separator: "│")[1].split(separator: " ")
            #expect(cells.count == 15, "step \(step)\n\(dump(screen))")
        }
    }

    /// The first filter's O11 = 3 (the lesson's `expect`) is 4 plus the bias −1; until its last term the formula
    /// shows the running sum of the products so far, without the bias, and the bias only on the last line.
    @Test func theRunningSumNeverShowsTheBiasItLeavesOut() throws {
        for step in 3...28 {
            let (state, screen) = lessonScreen("convolution-over-volume", step: step)
            let formula = try #require(state.frame?.formula)
            // Nothing after the "…" but the running sum: "O11 = 1·1 + … → 1", never "… + (-1) → 1".
            #expect(!formula.isComplete && !formula.numeric.contains("… +") && !formula.symbolic.hasSuffix("+ b"),
                    "step \(step): \(formula.numeric)")
            #expect(!screen.contains("+ (-1) →"))
        }
        let last = try #require(lessonScreen("convolution-over-volume", step: 29).0.frame?.formula)
        #expect(last.symbolic.hasSuffix("X333·F333 + b") && last.numeric.hasSuffix("+ (-1) = 3"))
    }

    /// The scatter form's quizzes name their grid and cell: O33 of the 5×5 output, the fifth of the 1-D one.
    @Test func theScatterQuizzesNameTheirCell() throws {
        for (step, at) in [(2, [3, 3]), (20, [1, 5])] {
            let (state, screen) = lessonScreen("transposed-convolution", step: step)
            let quiz = try #require(state.frame?.quiz)
            #expect(quiz.grid == "Output O" && quiz.at == at, "step \(step)")
            #expect(screen.contains("Output O"))
        }
    }

    /// At 100 columns the scatter view's verdict line is wrapped whole, where it was cut ("zero-padded by F −…").
    @Test func thePlaygroundExplanationIsNeverCut() {
        var state = playground(PlaygroundSettings(inputHeight: 7, inputWidth: 7, stride: 2, padding: 1,
                                                  dilation: 2), width: 100)
        state.update([.tab, .down, .right])
        let screen = PlaygroundView.render(state)
        let text = screen.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains("rot180(F) dilated by 2 with ∂L/∂O stride-dilated by 2, zero-padded by D·(F − 1), at ("),
                "\(dump(screen))")
        #expect(!screen.lines.contains { $0.contains("…") && !$0.contains("more lines") })
    }

    /// The cursor's brackets keep a column from the next number, and a dilation hole is a mark, not "·-3".
    @Test func theCursorAndTheHolesStandApartFromTheirNeighbours() {
        for seed: UInt64 in 1...12 {
            let state = playground(PlaygroundSettings(padding: 1, dilation: 2), seed: seed)
            let screen = PlaygroundView.render(state)
            for line in screen.lines where line.contains("│") {
                let characters = Array(line)
                for (index, character) in characters.enumerated().dropLast() {
                    let next = characters[index + 1]
                    #expect(!(character == "]" && next != " " && next != "│"), "seed \(seed): \(line)")
                    #expect(!(character == "·" && (next == "-" || next.isNumber)), "seed \(seed): \(line)")
                }
            }
        }
    }
}
