import CNNCore

/// The wrong answers classic slips produce for a quiz value, worked out from the step's own numbers by
/// redoing the computation the slipped way. Each message names the slip, never the right value.
enum QuizMistakes {
    static func slip(_ kind: QuizMistakeKind, _ value: Double, _ message: String) -> KnownMistake {
        KnownMistake(kind, value: value, message: message)
    }

    /// The four one-cell moves, with the words for a moved window and for a cell beside the asked one.
    static let moves: [(rows: Int, columns: Int, words: String, beside: String)] = [
        (0, 1, "one column right", "one column to the right of"),
        (0, -1, "one column left", "one column to the left of"),
        (1, 0, "one row down", "one row below"), (-1, 0, "one row up", "one row above"),
    ]

    /// Mistakes of a convolution value (canonical flat index); `activated` when the asked value is after ReLU.
    static func convolution(_ conv: Convolution, flat: Int, activated: Bool) -> [KnownMistake] {
        let finish: (Double) -> Double = { activated ? max(0, $0) : $0 }
        let here = conv.explainOutput(flat)
        var found: [KnownMistake] = []
        if let flipped = conv.rebuilt(flipsKernel: !conv.flipsKernel) {
            let message = conv.flipsKernel
                ? "that is the cross-correlation value: here the filter is turned by 180° before it slides"
                : "that is the true-convolution value, the filter turned by 180°: here it slides as written"
            found.append(slip(.flippedFilter, finish(flipped.explainOutput(flat).value), message))
        }
        if activated {
            found.append(slip(.beforeReLU, here.value, "that is the value before ReLU: apply max(0, ·) to it"))
        }
        if let bias = here.bias, bias.value != 0 {
            let when = activated ? ", before ReLU" : ""
            let added = "\(bias.symbol) = \(here.format(bias.value))"
            found.append(slip(.biasForgotten, finish(here.value - bias.value),
                              "that is the sum without the bias: add \(added)\(when)"))
        }
        found += paddingForgotten(conv, flat: flat, finish: finish)
        found += dilationIgnored(conv, flat: flat, finish: finish)
        found += shiftedWindows(conv, flat: flat, finish: finish)
        found += otherGroups(conv, flat: flat, finish: finish)
        return found
    }

    /// The window placed at the same row and column of the unpadded input.
    static func paddingForgotten(_ conv: Convolution, flat: Int, finish: (Double) -> Double) -> [KnownMistake] {
        guard conv.padding != Extent2D(0), let unpadded = conv.rebuilt(padding: Extent2D(0)) else { return [] }
        let (n, k, i, j) = conv.output(at: flat)
        guard i < unpadded.outputHeight, j < unpadded.outputWidth else { return [] }
        let value = unpadded.explainOutput(unpadded.flatOutput(n: n, k: k, i: i, j: j)).value
        let base = IndexBase.current
        return [slip(.paddingForgotten, finish(value), "that is the window at row \(base.shown(i)), column "
                     + "\(base.shown(j)) of the unpadded input: the zero border was left out — pad first, then slide")]
    }

    /// With a stride above 1, the window moved by one cell instead of one stride (a stride of 1 makes these the
    /// neighbouring outputs, which `neighbours` names).
    static func shiftedWindows(_ conv: Convolution, flat: Int, finish: (Double) -> Double) -> [KnownMistake] {
        guard conv.stride != Extent2D(1), let single = conv.rebuilt(stride: Extent2D(1)) else { return [] }
        let (n, k, i, j) = conv.output(at: flat)
        return moves.compactMap { move in
            let row = i * conv.stride.rows + move.rows, column = j * conv.stride.columns + move.columns
            guard row >= 0, row < single.outputHeight, column >= 0, column < single.outputWidth else { return nil }
            let value = single.explainOutput(single.flatOutput(n: n, k: k, i: row, j: column)).value
            return slip(.strideIgnored, finish(value), "that is the sum over the window moved \(move.words) "
                        + "(by one cell, not one stride): the window is off by one")
        }
    }

    /// Mistakes of a pooled value: the wrong reduction, the average rounded as the slide prints it, a window
    /// off by one cell.
    static func pooling(_ pooling: Pooling, flat: Int) -> [KnownMistake] {
        let here = pooling.explainOutput(flat)
        let cells = here.terms.filter { !$0.factors[0].isPadding }.map(\.product)
        guard !cells.isEmpty else { return [] }
        return reductions(pooling, cells: cells, value: here.value) + shiftedWindows(pooling, flat: flat)
    }

    static func reductions(_ pooling: Pooling, cells: [Double], value: Double) -> [KnownMistake] {
        let sum = cells.reduce(0, +)
        guard pooling.mode == .average else {
            return [slip(.meanForMaximum, sum / Double(cells.count),
                         "that is the window's mean: max pooling keeps the largest value")]
        }
        let count = pooling.size.rows * pooling.size.columns
        return [
            slip(.rounding, value.rounded(), "that is the average rounded to a whole number, as the slide prints it; "
                 + "the mean need not be whole — give it exactly"),
            slip(.fractionDropped, (sum / Double(count)).rounded(.down),
                 "that is the mean with its fraction dropped (integer division): keep the decimals"),
            slip(.sumNotDivided, sum, "that is the window's sum: the average divides it by its \(count) cells"),
            slip(.maximumForMean, cells.max()!, "that is the window's maximum: average pooling asks for the mean"),
        ]
    }

    /// With a stride above 1, the pooling window moved by one cell instead of one stride.
    static func shiftedWindows(_ pooling: Pooling, flat: Int) -> [KnownMistake] {
        let input = pooling.input.reshaped(pooling.inputAxes.displayShape(pooling.input.shape))
        guard pooling.stride != Extent2D(1),
              let single = try? Pooling(input: input, mode: pooling.mode, size: pooling.size.columns, stride: 1,
                                        padding: pooling.padding.columns, names: pooling.names) else { return [] }
        let (n, c, i, j) = pooling.outputPosition(flat)
        return moves.compactMap { move in
            let row = i * pooling.stride.rows + move.rows, column = j * pooling.stride.columns + move.columns
            guard row >= 0, row < single.outputHeight, column >= 0, column < single.outputWidth else { return nil }
            let index = ((n * single.channels + c) * single.outputHeight + row) * single.outputWidth + column
            return slip(.strideIgnored, single.explainOutput(index).value, "that pools the window moved \(move.words) "
                        + "(by one cell, not one stride): the window is off by one")
        }
    }

    /// A running-sum quiz (after term `term`, 1-based): the whole sum typed, or one term too few or too many.
    static func partialSum(_ explanation: Explanation, term: Int) -> [KnownMistake] {
        let terms = explanation.terms
        guard term >= 1, term <= terms.count else { return [] }
        var found = [slip(.wholeSum, terms[terms.count - 1].partial,
                          "that is the whole sum of all \(terms.count) terms: the question stops after term \(term)")]
        if explanation.bias != nil {
            found.append(slip(.wholeSum, explanation.value, "that is the finished value, bias and all: "
                              + "the question asks for the running sum after term \(term)"))
        }
        if term >= 2 {
            let short = "that is the running sum after term \(term - 1): one term short"
            found.append(slip(.termMiscounted, terms[term - 2].partial, short))
        }
        if term < terms.count {
            found.append(slip(.termMiscounted, terms[term].partial,
                              "that is the running sum after term \(term + 1): one term too many"))
        }
        return found
    }

    /// ∂L/∂X with the filter slid over the padded gradient as written, not turned by 180° (stride 1 only: the
    /// other strides have no such sliding form).
    static func unrotatedFilter(_ backward: ConvolutionBackward, flat: Int) -> [KnownMistake] {
        guard let sliding = backward.inputGradientAsConvolution(),
              let unrotated = sliding.rebuilt(flipsKernel: !sliding.flipsKernel) else { return [] }
        return [slip(.unrotatedFilter, unrotated.explainOutput(flat).value, "that slides the filter as written "
                     + "over the padded gradient: for ∂L/∂X it is turned by 180° first")]
    }

    /// A gradient that sums over the outputs (the bias gradient) averaged instead.
    static func averagedSum(_ explanation: Explanation) -> [KnownMistake] {
        guard explanation.terms.count > 1 else { return [] }
        return [slip(.averagedGradient, explanation.value / Double(explanation.terms.count),
                     "that is the mean of the \(explanation.terms.count) values: the gradient adds them up")]
    }

    /// The values next to the asked one in its grid: the right computation at the wrong place.
    static func neighbours(_ result: NamedResult, flat: Int) -> [KnownMistake] {
        let tensor = result.tensor
        guard tensor.rank >= 1 else { return [] }
        let position = tensor.multiIndex(flat)
        return moves.compactMap { move in
            var next = position
            if tensor.rank >= 2 { next[tensor.rank - 2] += move.rows } else if move.rows != 0 { return nil }
            next[tensor.rank - 1] += move.columns
            guard tensor.contains(next) else { return nil }
            let index = tensor.flatIndex(next)
            let (row, column) = (next[max(0, tensor.rank - 2)], next[tensor.rank - 1])
            let base = IndexBase.current
            let name = result.explain?(index).target.symbol
                ?? "the value at row \(base.shown(row)), column \(base.shown(column))"
            return slip(.wrongCell, tensor.values[index],
                        "that is \(name), \(move.beside) the value asked: the right sum in the wrong place")
        }
    }

    /// One mistake for each value, without the right answer or numbers that are not finite. Where slips give
    /// the same value, a `declared` one is kept before the others, then the kind of lower priority, then the first.
    static func distinct(_ mistakes: [KnownMistake], answer: Double, declared: [QuizMistakeKind] = [])
        -> [KnownMistake] {
        var kept: [KnownMistake] = []
        let close = QuizDiagnosis.close
        let rank: (KnownMistake) -> Int = { declared.contains($0.kind) ? -1 : $0.kind.priority }
        for mistake in mistakes where mistake.value.isFinite && !close(mistake.value, answer) {
            if let index = kept.firstIndex(where: { close($0.value, mistake.value) }) {
                if rank(mistake) < rank(kept[index]) { kept[index] = mistake }
            } else {
                kept.append(mistake)
            }
        }
        return kept
    }
}

/// The first wrong answer's hint, from the value's explanation: the terms by name and how they combine.
enum QuizHint {
    static func hint(_ explanation: Explanation, term: Int?) -> String? {
        let count = explanation.terms.count
        let target = explanation.target.symbol
        guard count > 0 else {
            return "\(target): find what reaches this cell — which windows or stamps cover it — and add what each "
                + "puts there."
        }
        if let term {
            let first = explanation.symbolicLine(terms: term)
            return "\(first) — only the first \(term) of the \(count) products, added; stop there."
        }
        let symbolic = explanation.symbolicLine()
        switch explanation.reduction {
        case .maximum:
            return "\(symbolic) — the largest of the window's \(count) cells."
        case .mean(let divisor):
            return "\(symbolic) — add the window's \(count) cells, then divide by \(divisor)."
        case .rectify:
            return "\(symbolic) — ReLU keeps a positive value and turns a negative one into 0."
        case .sum:
            let bias = explanation.bias == nil ? "." : ", then the bias."
            // One term named is the answer read off the grids: say where to look instead.
            guard count > 1 else {
                return "\(target) is a single term: find in the grids which cell reaches it and what it is "
                    + "multiplied by\(bias)"
            }
            let products = explanation.terms[0].factors.count > 1
            let what = products ? "\(count) products, each worked on its own" : "\(count) values"
            return "\(symbolic) — \(what), then added" + bias
        }
    }
}

extension Convolution {
    /// The same layer with some settings changed (nil when the core refuses them, e.g. no output fits).
    func rebuilt(stride: Extent2D? = nil, padding: Extent2D? = nil, dilation: Extent2D? = nil,
                 flipsKernel: Bool? = nil) -> Convolution? {
        try? Convolution(input: input.reshaped(inputAxes.displayShape(input.shape)),
                         filter: filters.reshaped(filterAxes.displayShape(filters.shape)), bias: bias,
                         stride: stride ?? self.stride, padding: padding ?? self.padding,
                         dilation: dilation ?? self.dilation,
                         flipsKernel: flipsKernel ?? self.flipsKernel, groups: groups, names: names)
    }
}
