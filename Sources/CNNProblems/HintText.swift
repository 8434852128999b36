import CNNCore

/// The two graduated hints of a value the core explains term by term, in the lessons' words: the first names
/// the cells that enter and how they combine; the second works out every term but leaves the total to the
/// student.
enum HintText {
    /// "O12 = X12·F11 + X13·F12 + … + b — 9 products, each worked on its own, then added, then the bias."
    /// - Parameter terms: for a running sum, how many terms the question stops after.
    static func cells(_ explanation: Explanation, terms: Int? = nil) -> String {
        let count = explanation.terms.count
        if let terms {
            return explanation.symbolicLine(terms: terms) + " — only the first \(terms) of the \(count) products; "
                + "stop there."
        }
        let line = explanation.symbolicLine()
        switch explanation.reduction {
        case .maximum: return line + " — the largest of the window's \(count) cells (padding never wins)."
        case .mean(let divisor): return line + " — add the window's cells, then divide by \(divisor)."
        case .sum, .rectify:
            let bias = explanation.bias == nil ? "." : ", then the bias."
            let products = explanation.terms.first?.factors.count ?? 0 > 1
            let noun = products ? (count == 1 ? "product" : "products") : (count == 1 ? "value" : "values")
            return line + " — \(count) \(noun), added" + bias
        }
    }

    /// "X12·F11 = 3·(-1) = -3; X13·F12 = 2·1 = 2; … — now add them, then b = 2."
    /// - Parameter terms: for a running sum, only the first `terms` are worked.
    static func worked(_ working: Working, terms: Int? = nil) -> String {
        let shown = working.terms.prefix(terms ?? working.terms.count)
        let pieces = shown.map { term -> String in
            let names = term.operands.map(\.symbol).joined(separator: "·")
            guard term.operands.count > 1 else { return "\(names) = \(term.product)" }
            let values = term.operands.map { bracketed($0.value) }.joined(separator: "·")
            return "\(names) = \(values) = \(term.product)"
        }
        let finish: String
        switch working.combination {
        case .maximum: finish = " — now take the largest."
        case .mean(let divisor): finish = " — now add them and divide by \(divisor)."
        case .sum:
            let bias = terms == nil ? working.bias.map { ", then \($0.symbol) = \($0.value)" } ?? "" : ""
            finish = " — now add them\(bias)."
        }
        return pieces.joined(separator: "; ") + finish
    }

    /// A negative number in brackets, as it is written after "·".
    static func bracketed(_ value: Rational) -> String {
        value.numerator < 0 ? "(\(value))" : value.description
    }
}
