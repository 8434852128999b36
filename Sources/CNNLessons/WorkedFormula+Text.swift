/// The formula's plain-text lines, the one place they are made: "O11 = X11·F11 + X12·F12" above
/// "O11 = 1·2 + 3·(−1) = −1" (the frame's `symbolic` and `numeric`, the quiz's `worked`, the CLI's show).
/// The same text as the core's `Explanation` lines, which the CLI's compute command prints.
extension WorkedFormula {
    /// "O11 = X11·F11 + X12·F12 + …": the shown terms' symbols.
    public var symbolicLine: String {
        target.symbol + " = " + combine(symbolicTerms, bias: bias?.symbol)
    }

    /// "O11 = 1·2 + 3·(−1) + … → 5", or complete "… = 5".
    public var numericLine: String {
        numericLine(showingResult: true)
    }

    /// The numeric line; without its result ("O11 = 1·2 + 3·(−1) → ?") when `showingResult` is false, for a
    /// running sum the student is to type.
    public func numericLine(showingResult: Bool) -> String {
        let hidden = "?"
        guard termCount > 0 || bias != nil else {
            return target.symbol + " = " + (showingResult ? valueText ?? "" : hidden)
        }
        var line = target.symbol + " = " + combine(numericTerms, bias: bias.map { bracketed($0.text) })
        if let valueText {
            if reduction == .mean, let divisor, let last = terms.last {
                line += " = " + (showingResult ? last.partialText : hidden) + "/\(divisor)"
            }
            line += " = " + (showingResult ? valueText : hidden)
        } else if let last = terms.last {
            line += " → " + (showingResult ? last.partialText : hidden)
        }
        return line
    }

    /// Each shown term as symbols: "X11·F11".
    public var symbolicTerms: [String] {
        terms.map { $0.operands.map(\.symbol).joined(separator: "·") }
    }

    /// Each shown term as numbers: "3·(−1)". A negative number is bracketed only where it follows "·" or "+":
    /// never in max(1, −3) or alone.
    public var numericTerms: [String] {
        let isSum = reduction == .sum || reduction == .mean
        return terms.enumerated().map { termIndex, term in
            term.operands.enumerated().map { index, operand in
                index > 0 || (isSum && termIndex > 0) ? bracketed(operand.text) : operand.text
            }.joined(separator: "·")
        }
    }

    /// How the terms are labelled where their running results are listed.
    public var runningLabel: String {
        switch reduction {
        // max(0, x) is a maximum too.
        case .maximum, .rectify: "running maximum"
        case .sum, .mean: terms.count > 1 || bias != nil || terms.count < termCount ? "partial sums" : "running"
        }
    }

    func bracketed(_ text: String) -> String {
        text.hasPrefix("-") ? "(" + text + ")" : text
    }

    func combine(_ pieces: [String], bias: String?) -> String {
        let complete = isComplete
        switch reduction {
        case .sum:
            let body = pieces.isEmpty ? "0" : pieces.joined(separator: " + ")
            let tail = complete ? "" : (pieces.count < termCount ? " + …" : "")
            // The bias comes last: a line that stops before the last term has none (its running sum has none).
            let shownBias = pieces.count < termCount ? nil : bias
            return body + tail + (shownBias.map { " + " + $0 } ?? "")
        case .maximum:
            return "max(" + pieces.joined(separator: ", ") + (complete ? "" : ", …") + ")"
        case .mean:
            return "(" + pieces.joined(separator: " + ") + (complete ? "" : " + …") + ")/\(divisor ?? 1)"
        case .rectify:
            return "max(0, " + (pieces.first ?? "0") + ")"
        }
    }
}
