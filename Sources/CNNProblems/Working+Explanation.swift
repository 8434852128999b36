import CNNCore

extension Working {
    /// The structured working of a value the core explains term by term. Every number is the core's; they are
    /// whole numbers or small fractions because every operand is a small integer.
    /// - Parameter explanation: from `Convolution`, `ConvolutionBackward`, `Pooling` or `TransposedConvolution`.
    init(_ explanation: Explanation) {
        let terms = explanation.terms.map { term in
            WorkedTerm(operands: term.factors.map(Operand.init), product: exact(term.product),
                       running: exact(term.partial))
        }
        let combination: Combination
        switch explanation.reduction {
        case .maximum: combination = .maximum
        case .mean(let divisor): combination = .mean(divisor: divisor)
        case .sum, .rectify: combination = .sum
        }
        self.init(target: explanation.target.symbol, combination: combination, terms: terms,
                  bias: explanation.bias.map(Operand.init), steps: [], result: exact(explanation.value),
                  line: explanation.numericLine())
    }

    /// The working of a formula: its steps, the last of which is the result.
    init(target: String, steps: [FormulaStep], line: String) {
        self.init(target: target, combination: .sum, terms: [], bias: nil, steps: steps,
                  result: Rational(steps.last?.value ?? 0), line: line)
    }
}

extension Operand {
    /// A core factor: a canonical tensor position ends with its row and column; a bias has one index.
    init(_ factor: Factor) {
        let hasCell = factor.position.count == 4
        self.init(grid: factor.name, row: hasCell ? factor.position[2] : nil,
                  column: hasCell ? factor.position[3] : nil, value: exact(factor.value),
                  isPadding: factor.isPadding, symbol: factor.symbol)
    }
}

/// A core result as the fraction it is (operands are small integers, so it always is one).
/// - Precondition: `value` is a fraction with a denominator up to 64, as every value from integer operands and
///   a window of at most 64 cells is.
func exact(_ value: Double) -> Rational {
    guard let fraction = Rational(approximating: value) else {
        preconditionFailure("\(value) is not a small fraction: a problem's operands must be small integers")
    }
    return fraction
}
