import CNNCore
import CNNNetwork
import CNNTutorUI

/// Draws a `TrainingScreen`: the network and settings, a progress bar, the loss and accuracy of every batch as two
/// plots, the four filters as shaded 3×3 grids, and a table of finished epochs.
struct TrainingView {
    let screen: TrainingScreen
    var run: TrainingRun { screen.run }

    /// Columns left of the filters and the epoch table.
    static let sideWidth = 34

    /// Rows of each plot: the two share what the header and footer leave, at least 4 each.
    var plotRows: Int { max(4, (screen.height - 8) / 2 - 1) }

    func render() -> Screen {
        var canvas = Screen(width: screen.width, height: screen.height, ascii: screen.ascii)
        canvas.put("cnn-tutor train: " + TinyCNN.summary, row: 0, column: 0, style: .bold)
        canvas.put("seed \(run.settings.seed) · learning rate \(NumberFormat.string(run.settings.learningRate)) · "
                   + "batches of \(run.settings.batchSize) · \(run.trainingSet.count) training images, "
                   + "\(run.heldOutSet.count) held out", row: 1, column: 0)
        canvas.put(progressLine(width: screen.width), row: 2, column: 0)
        let plotWidth = max(10, screen.width - Self.sideWidth - 12)
        let losses = run.batches.map(\.loss)
        let lossTop = max(1, losses.max() ?? 1)
        let lossScale = lossTop.rounded(.up)
        drawPlot(&canvas, title: "loss of each batch", values: losses,
                 scale: (lossScale, NumberFormat.string(lossScale)), top: 4, width: plotWidth, mark: "•")
        drawPlot(&canvas, title: "accuracy of each batch", values: run.batches.map(\.accuracy),
                 scale: (1, "100 %"), top: 6 + plotRows, width: plotWidth, mark: "+")
        let side = screen.width - Self.sideWidth
        drawFilters(&canvas, top: 4, left: side)
        drawEpochs(&canvas, top: 10, left: side)
        canvas.put(footer, row: screen.height - 1, column: 0, style: Style(dim: true))
        return canvas
    }

    /// "epoch 3/10 · batch 17/50 [█████░░░░] 34 %".
    func progressLine(width: Int) -> String {
        let epoch = min(run.epochsDone + 1, run.settings.epochs)
        let label = run.isFinished
            ? "done: \(run.settings.epochs) epoch\(run.settings.epochs == 1 ? "" : "s")"
            : "epoch \(epoch)/\(run.settings.epochs) · batch \(run.batchesDone + 1)/\(run.batchesPerEpoch)"
        let percent = " \(Int((run.progress * 100).rounded(.down))) %"
        let barWidth = max(10, min(50, width - label.count - percent.count - 3))
        let filled = Int((run.progress * Double(barWidth)).rounded(.down))
        return label + " [" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            + "]" + percent
    }

    var footer: String {
        guard let last = run.epochs.last else { return "q: stop, keeping the weights trained so far" }
        let accuracy = "held-out accuracy \(Self.percent(last.heldOutAccuracy)) "
            + "(\(last.heldOutCorrect)/\(last.heldOutCount))"
        return run.isFinished ? "Done: \(accuracy) · q: quit" : "After epoch \(last.epoch): \(accuracy) · q: stop"
    }

    static func percent(_ share: Double) -> String { String(cFormat: "%.1f %%", share * 100) }

    // MARK: Plots

    /// A plot of `values` (one a batch) over the whole run's batches, `width` columns wide: each column the mean of
    /// its batches, one mark at its height from 0 (bottom) to `scale.maximum` (top, labelled `scale.label`).
    func drawPlot(_ canvas: inout Screen, title: String, values: [Double], scale: (maximum: Double, label: String),
                  top: Int, width: Int, mark: String) {
        canvas.put(title, row: top, column: 0)
        let columns = PlotColumns.means(of: values, total: run.settings.epochs * run.batchesPerEpoch, width: width)
        for row in 0..<plotRows { canvas.put("│", row: top + 1 + row, column: 6) }
        canvas.put(scale.label, row: top + 1, column: 0, maxWidth: 6)
        canvas.put("0", row: top + plotRows, column: 0)
        for (column, mean) in columns.enumerated() {
            guard let mean else { continue }
            let level = PlotColumns.level(mean, maximum: scale.maximum, rows: plotRows)
            canvas.put(mark, row: top + plotRows - level, column: 7 + column)
        }
    }

    // MARK: Filters and epochs

    /// The four filters side by side, each cell two columns shaded by |w| (relative to the largest weight of all
    /// four), negative weights in red (dim without colours), positive in green.
    func drawFilters(_ canvas: inout Screen, top: Int, left: Int) {
        canvas.put("filters (shade: |w|, red < 0)", row: top, column: left)
        for k in 0..<TinyCNN.filterCount { canvas.put("F\(k + 1)", row: top + 1, column: left + k * 8) }
        let filters = run.weights.filters
        let largest = max(filters.magnitude, 1e-12)
        let area = TinyCNN.kernelSize * TinyCNN.kernelSize
        for k in 0..<TinyCNN.filterCount {
            for cell in 0..<area {
                let weight = filters.values[k * area + cell]
                let style = screen.colors ? Style(foreground: weight < 0 ? .red : .green)
                    : Style(dim: weight < 0)
                let (row, column) = cell.quotientAndRemainder(dividingBy: TinyCNN.kernelSize)
                canvas.put(String(repeating: Self.shade(abs(weight) / largest), count: 2), row: top + 2 + row,
                           column: left + k * 8 + 2 * column, style: style)
            }
        }
    }

    /// " ░▒▓█" for a share of 0 to 1.
    static func shade(_ share: Double) -> String {
        let shades = [" ", "░", "▒", "▓", "█"]
        return shades[min(shades.count - 1, Int((share * Double(shades.count)).rounded(.down)))]
    }

    /// The last finished epochs: loss, training and held-out accuracy.
    func drawEpochs(_ canvas: inout Screen, top: Int, left: Int) {
        canvas.put("epoch  loss   train   held out", row: top, column: left)
        let rows = max(0, screen.height - top - 3)
        for (offset, epoch) in run.epochs.suffix(rows).enumerated() {
            let line = String(epoch.epoch).leftPadded(to: 5) + "  " + String(cFormat: "%.4f", epoch.trainingLoss) + "  "
                + Self.percent(epoch.trainingAccuracy).leftPadded(to: 6) + "  "
                + Self.percent(epoch.heldOutAccuracy).leftPadded(to: 7)
            canvas.put(line, row: top + 1 + offset, column: left)
        }
    }
}

/// The columns of a plot, apart from drawing, so they can be tested.
enum PlotColumns {
    /// `width` columns over `total` planned values: column c holds values ⌊c·total/width⌋ ..< ⌊(c+1)·total/width⌋
    /// (at least one), and shows their mean once any is known; nil before.
    static func means(of values: [Double], total: Int, width: Int) -> [Double?] {
        guard total > 0, width > 0 else { return [] }
        let columns = min(width, total)
        return (0..<columns).map { column in
            let start = column * total / columns, end = max(start + 1, (column + 1) * total / columns)
            let known = values[min(start, values.count)..<min(end, values.count)]
            guard !known.isEmpty else { return nil }
            var sum = 0.0
            for value in known { sum += value }
            return sum / Double(known.count)
        }
    }

    /// The row, 0 (bottom) to rows − 1 (top), of `value` on a scale from 0 to `maximum`.
    static func level(_ value: Double, maximum: Double, rows: Int) -> Int {
        let share = min(1, max(0, value / maximum))
        return Int((share * Double(rows - 1)).rounded())
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
