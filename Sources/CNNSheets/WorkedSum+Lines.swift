/// A worked sum's two lines, symbols above numbers, in any notation: plain text and LaTeX differ only in how a
/// symbol, a number and the joining signs are written.
struct SumNotation: Sendable {
    let symbol: @Sendable (String) -> String
    let number: @Sendable (String) -> String
    /// Between the factors of a term.
    let times: String
    let plus: String
    /// Between the candidates of a maximum.
    let comma: String
    let maximum: @Sendable (String) -> String
    let mean: @Sendable (_ sum: String, _ divisor: Int) -> String
    /// A whole term, as one unit (LaTeX keeps it on one line).
    let term: @Sendable (String) -> String
    let fraction: @Sendable (_ total: String, _ divisor: Int) -> String
    /// "O22 after term 2", for a running sum.
    let partialTarget: @Sendable (_ target: String, _ term: Int) -> String
}

extension WorkedSum {
    /// "O12 = X12·F11 + X13·F12 + b", then "O12 = 3·1 + 1·(-2) + 2 = 3".
    func lines(_ notation: SumNotation) -> (symbols: String, numbers: String) {
        let target = stopsAfterTerm.map { notation.partialTarget(notation.symbol(self.target), $0) }
            ?? notation.symbol(self.target)
        let symbols = combined(terms.map { term in term.map { notation.symbol($0.symbol) } },
                               bias: bias.map { notation.symbol($0.symbol) }, notation)
        let numbers = combined(numericTerms(notation), bias: bias.map { bracketed($0.value, notation) }, notation)
        var tail = ""
        if case .mean(let divisor) = combination, let total { tail += " = " + notation.fraction(total, divisor) }
        tail += " = " + notation.number(result)
        guard !terms.isEmpty || bias != nil else { return (target + tail, target + tail) }
        return (target + " = " + symbols, target + " = " + numbers + tail)
    }

    /// Negative numbers bracketed where they follow a product's sign or a "+", as the tutor prints them.
    func numericTerms(_ notation: SumNotation) -> [[String]] {
        terms.enumerated().map { termIndex, term in
            term.enumerated().map { index, factor in
                index > 0 || (adds && termIndex > 0) ? bracketed(factor.value, notation) : notation.number(factor.value)
            }
        }
    }

    func bracketed(_ value: String, _ notation: SumNotation) -> String {
        value.hasPrefix("-") ? "(" + notation.number(value) + ")" : notation.number(value)
    }

    /// The terms joined as the combination joins them, the bias added last.
    func combined(_ terms: [[String]], bias: String?, _ notation: SumNotation) -> String {
        let pieces = terms.map { notation.term($0.joined(separator: notation.times)) }
        let plus = bias.map { notation.plus + $0 } ?? ""
        switch combination {
        case .sum: return pieces.joined(separator: notation.plus) + plus
        case .maximum: return notation.maximum(pieces.joined(separator: notation.comma)) + plus
        case .mean(let divisor): return notation.mean(pieces.joined(separator: notation.plus), divisor) + plus
        case .rectify: return notation.maximum("0" + notation.comma + pieces.joined(separator: notation.plus) + plus)
        }
    }
}

extension SumNotation {
    /// As the tutor prints sums on a terminal: "X12·F11 + X13·F12", "max(1, -3)", "(1 + 3 + 2 + 9)/4".
    static let plain = SumNotation(
        symbol: { $0 }, number: { $0 }, times: "·", plus: " + ", comma: ", ", maximum: { "max(\($0))" },
        mean: { "(\($0))/\($1)" }, term: { $0 }, fraction: { "\($0)/\($1)" },
        partialTarget: { "\($0) after term \($1)" })
}
