import CNNCore
import FoundationEssentials

/// Slips that leave part of a sum out or treat the whole wrongly: one filter's part of ∂L/∂X, one stamp of a
/// transposed convolution, a batch averaged, a sign turned, a dilation or a tile's filter ignored.
extension QuizMistakes {
    /// ∂L/∂X with the sum over the filters left out: one filter's part alone (each filter's output used the cell).
    static func filtersNotSummed(_ explanation: Explanation) -> [KnownMistake] {
        let parts = sums(explanation.terms) { $0.factors[0].position[1] }
        guard parts.count > 1 else { return [] }
        return parts.map { filter, sum in
            slip(.filtersNotSummed, sum, "that is filter \(IndexBase.current.shown(filter))'s part alone: ∂L/∂X "
                 + "adds the parts of all \(parts.count) filters, as every filter's output used this cell")
        }
    }

    /// A transposed-convolution value with the overlapping stamps not added: one input cell's stamp alone.
    static func stampsNotAdded(_ explanation: Explanation) -> [KnownMistake] {
        let stamps = sums(explanation.terms) { $0.factors[0].position }
        guard stamps.count > 1 else { return [] }
        let symbols = Dictionary(explanation.terms.map { ($0.factors[0].position, $0.factors[0].symbol) },
                                 uniquingKeysWith: { first, _ in first })
        return stamps.map { key, sum in
            slip(.stampsNotAdded, sum, "that is \(symbols[key] ?? "one input cell")'s stamp alone: "
                 + "\(stamps.count) stamps overlap here, and overlapping stamps add")
        }
    }

    /// A batch's weight gradient averaged over the samples instead of summed.
    static func batchAveraged(_ explanation: Explanation, batch: Int) -> [KnownMistake] {
        guard batch > 1 else { return [] }
        return [slip(.batchAveraged, explanation.value / Double(batch), "that is the mean over the \(batch) "
                     + "samples: the batch's gradient adds each sample's part, it does not average them")]
    }

    /// A gradient with its sign turned round.
    static func gradientSign(_ explanation: Explanation) -> [KnownMistake] {
        [slip(.gradientSign, -explanation.value, "that has the sign turned: add the products with their own "
              + "signs, ∂L/∂O·(the other factor), with nothing subtracted")]
    }

    /// A dilated convolution computed with its taps side by side (dilation 1), at the same output place.
    static func dilationIgnored(_ conv: Convolution, flat: Int, finish: (Double) -> Double) -> [KnownMistake] {
        guard conv.dilation != Extent2D(1), let plain = conv.rebuilt(dilation: Extent2D(1)) else { return [] }
        let (n, k, i, j) = conv.output(at: flat)
        guard i < plain.outputHeight, j < plain.outputWidth else { return [] }
        let value = plain.explainOutput(plain.flatOutput(n: n, k: k, i: i, j: j)).value
        return [slip(.dilationIgnored, finish(value), "that puts the filter's taps side by side: with dilation "
                     + "\(conv.dilation.columns) the taps are \(conv.dilation.columns) cells apart")]
    }

    /// A locally connected or tiled value computed with another position's filter.
    static func otherTileFilter(_ layer: LocallyConnected, flat: Int) -> [KnownMistake] {
        let here = layer.explainOutput(flat)
        guard let own = here.terms.first?.factors[1].position.first else { return [] }
        let rule: String
        switch layer.sharing {
        case .none: rule = "each position has its own filter"
        case .tiled(let t): rule = "the filters take turns, \(t) along each row and column"
        }
        return (0..<layer.filters.shape[0]).filter { $0 != own }.map { other in
            let value = here.terms.reduce(0.0) { sum, term in
                var position = term.factors[1].position
                position[0] = other
                return sum + term.factors[0].value * layer.filters[position]
            }
            return slip(.otherTileFilter, value, "that uses filter \(IndexBase.current.shown(other))'s weights: "
                        + "this position uses filter \(IndexBase.current.shown(own)), as \(rule)")
        }
    }

    /// Each group's sum of products, in the order the groups first appear.
    static func sums<Key: Hashable>(_ terms: [Term], by key: (Term) -> Key) -> [(key: Key, sum: Double)] {
        var order: [Key] = []
        var totals: [Key: Double] = [:]
        for term in terms {
            let group = key(term)
            if totals[group] == nil { order.append(group) }
            totals[group, default: 0] += term.product
        }
        return order.map { ($0, totals[$0]!) }
    }

    /// The output-size formula ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 slipped: rounded up or to the nearest, the + 1
    /// left off, the padding added once, the dilation left out.
    static func outputSize(n: Int, f: Int, s: Int, p: Int, d: Int) -> [KnownMistake] {
        let exact = Double(n + 2 * p - d * (f - 1) - 1) / Double(s)
        let once = Double(n + p - d * (f - 1) - 1) / Double(s)
        let undilated = Double(n + 2 * p - f) / Double(s)
        var found = [
            slip(.roundedUp, exact.rounded(.up) + 1, "that rounds the division up: a window that would hang "
                 + "over the edge does not fit — round down (⌊ ⌋)"),
            slip(.roundedToNearest, exact.rounded(.toNearestOrAwayFromZero) + 1, "that rounds the division to "
                 + "the nearest whole number: the formula rounds down (⌊ ⌋), a window over the edge does not fit"),
            slip(.plusOneForgotten, exact.rounded(.down), "that leaves off the + 1: the division counts the "
                 + "strides after the first position, so add 1 for the first one"),
        ]
        if p > 0 {
            found.append(slip(.paddingCountedOnce, once.rounded(.down) + 1, "that adds the padding once: P zeros "
                              + "go on each side, so N grows by 2P"))
        }
        if d > 1 {
            found.append(slip(.dilationIgnored, undilated.rounded(.down) + 1, "that leaves out the dilation: the "
                              + "dilated filter spans D·(F − 1) + 1 cells, not F"))
        }
        return found
    }
}
