import CNNCore

/// Writes explanations for people: the symbolic line, the numeric line, a blank line; long sums cut short
/// unless `--all`.
struct ExplanationText {
    let out: TextOutput
    let detail: Detail

    /// "O11 = X11·F11 + …" then "O11 = 1·1 + … = -4".
    func write(_ explanation: Explanation) {
        let count = explanation.terms.count
        if detail.all || count <= Detail.manyTerms {
            out.line(explanation.symbolicLine())
            out.line(explanation.numericLine())
        } else {
            out.line(explanation.symbolicLine(terms: Detail.shownTerms))
            out.line(explanation.numericLine(terms: Detail.shownTerms))
            out.line("  … \(count - Detail.shownTerms) more terms left out (--all prints all); in all "
                     + explanation.target.symbol + " = " + explanation.format(explanation.value))
        }
        out.line()
    }

    /// Elements 0..<count explained one after another, the first 20 only when there are over 400.
    func writeAll(count: Int, noun: String, explain: (Int) -> Explanation) {
        let shown = detail.shown(count)
        for flat in 0..<shown { write(explain(flat)) }
        if shown < count {
            out.line("… \(count - shown) more \(noun) left out (--all prints all)")
            out.line()
        }
    }

    /// A titled grid followed by a blank line.
    func grid(_ tensor: Tensor, title: String, scale: Double? = nil, axisNames: [String] = ["sample", "channel"]) {
        out.line(GridText.render(tensor, title: title, scale: scale, axisNames: axisNames))
        out.line()
    }

    func heading(_ text: String) {
        out.line(text)
        out.line(String(repeating: "─", count: text.count))
    }
}

extension Tensor {
    /// Every H×W plane surrounded by `rows` and `columns` zeros; nil when that would be too large.
    func zeroPadded(rows: Int, columns: Int) -> Tensor? {
        guard rank >= 2, rows >= 0, columns >= 0 else { return nil }
        let height = shape[rank - 2], width = shape[rank - 1]
        var newShape = shape
        newShape[rank - 2] = height + 2 * rows
        newShape[rank - 1] = width + 2 * columns
        guard var result = try? Tensor(zeros: newShape) else { return nil }
        let newWidth = newShape[rank - 1], newPlane = newShape[rank - 2] * newWidth
        let planes = count / (height * width)
        for plane in 0..<planes {
            for row in 0..<height {
                for column in 0..<width {
                    result.values[plane * newPlane + (row + rows) * newWidth + column + columns] =
                        values[(plane * height + row) * width + column]
                }
            }
        }
        return result
    }
}
