import CNNNetwork
import CNNTutorUI
import Testing
@testable import CNNTrainingUI

/// The live training screen without a terminal: keys in, screens out.
struct TrainingScreenTests {
    /// A short run on a few images, so that epochs end quickly.
    func screen(epochs: Int = 2, width: Int = 100, height: Int = 30) -> TrainingScreen {
        let run = TrainingRun(settings: TrainingSettings(epochs: epochs, seed: 1, learningRate: 0.3, batchSize: 5),
                              trainingSet: Array(Digits.training.prefix(20)),
                              heldOutSet: Array(Digits.heldOut.prefix(10)))
        return TrainingScreen(run: run, width: width, height: height)
    }

    @Test func beforeTrainingTheScreenShowsTheNetworkAnEmptyBarAndTheFilters() {
        let view = screen().view()
        #expect(view.contains("cnn-tutor train: conv 3×3 ×4 → ReLU → max pool 2"))
        #expect(view.contains("epoch 1/2 · batch 1/4 [░░░░"))
        #expect(view.contains("0 %"))
        #expect(view.contains("filters (shade: |w|, red < 0)") && view.contains("F1      F2      F3      F4"))
        #expect(view.contains("q: stop"))
    }

    @Test func trainingAdvancesAtLeastOneBatchAndThePlotsFill() {
        var state = screen()
        state.train { false }
        #expect(state.run.batches.count == 1)
        var count = 0
        state.train { count += 1; return count < 3 }
        #expect(state.run.batches.count == 4 && state.run.epochsDone == 1)
        let view = state.view()
        #expect(view.contains("epoch 2/2 · batch 1/4 [█"))
        #expect(view.contains("•") && view.contains("+") && view.contains("100 %"))
        #expect(view.contains("After epoch 1: held-out accuracy"))
    }

    @Test func theRunEndsDoneAndQQuits() {
        var state = screen(epochs: 1)
        state.train { true }
        #expect(!state.isTraining)
        let view = state.view()
        #expect(view.contains("done: 1 epoch [" + String(repeating: "█", count: 10)))
        #expect(view.contains("Done: held-out accuracy") && view.contains("q: quit"))
        state.train { true }
        #expect(state.run.batches.count == 4, "a finished run trains no further")
        let continues = state.handle(.character("q"))
        #expect(!continues)
    }

    @Test func qStopsTrainingAndAResizeRedrawsAtTheNewSize() {
        var state = screen()
        let afterResize = state.handle(.resize(width: 90, height: 26))
        #expect(afterResize && state.view().width == 90 && state.view().height == 26)
        let afterOtherKey = state.handle(.character("x"))
        let afterQ = state.handle(.character("q"))
        #expect(afterOtherKey && !afterQ)
    }

    @Test func filtersAreShadedByMagnitude() {
        #expect(TrainingView.shade(0) == " " && TrainingView.shade(0.5) == "▒" && TrainingView.shade(1) == "█")
        // The largest weight of the four filters is drawn full.
        #expect(screen().view().contains("██"))
    }

    @Test func plotColumnsAverageTheirBatchesAndWaitForThem() {
        // 6 planned values on 3 columns: (1, 3) → 2, (5, 7) → 6, the third not yet known.
        #expect(PlotColumns.means(of: [1, 3, 5, 7], total: 6, width: 3) == [2, 6, nil])
        // More columns than values: one value a column.
        #expect(PlotColumns.means(of: [4], total: 2, width: 10) == [4, nil])
        #expect(PlotColumns.level(0.5, maximum: 1, rows: 5) == 2)
        #expect(PlotColumns.level(3, maximum: 1, rows: 5) == 4)
    }
}
