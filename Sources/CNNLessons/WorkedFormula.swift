import CNNCore

/// A formula as terms, for every renderer and for recognising mistakes: the value it makes, each term's
/// operands (with the grid cell that shows each), products and running results, the bias, how the terms
/// combine. Built from the core's `Explanation`; numbers carry their printed text so every renderer prints
/// them alike. Nothing ever reads a rendered formula back.
public struct WorkedFormula: Equatable, Sendable, Codable {
    /// The value made ("O11"); its grid cell when the frame draws it.
    public var target: WorkedTarget
    public var reduction: WorkedReduction
    /// The divisor of a mean (average pooling), nil otherwise.
    public var divisor: Int?
    /// The terms shown so far (all of them when complete), in order.
    public var terms: [WorkedTerm]
    /// How many terms the value has in all.
    public var termCount: Int
    public var bias: WorkedOperand?
    /// The value, once complete (nil while terms are still to come).
    public var value: Double?
    public var valueText: String?

    public var isComplete: Bool { value != nil }

    /// - Parameters:
    ///   - explanation: the value's terms, from the core.
    ///   - shown: how many terms a walk has reached; nil for the complete value.
    public init(_ explanation: Explanation, shown: Int? = nil) {
        let format = explanation.format
        let count = min(shown ?? explanation.terms.count, explanation.terms.count)
        let complete = shown == nil || shown! >= explanation.terms.count
        target = WorkedTarget(name: explanation.target.name, symbol: explanation.target.symbol)
        switch explanation.reduction {
        case .sum: reduction = .sum
        case .maximum: reduction = .maximum
        case .mean(let by): (reduction, divisor) = (.mean, by)
        case .rectify: reduction = .rectify
        }
        terms = explanation.terms.prefix(count).map { term in
            WorkedTerm(operands: term.factors.map { WorkedOperand($0, text: format($0.value)) },
                       product: term.product, partial: term.partial, partialText: format(term.partial))
        }
        termCount = explanation.terms.count
        bias = explanation.bias.map { WorkedOperand($0, text: format($0.value)) }
        if complete { (value, valueText) = (explanation.value, format(explanation.value)) }
    }

    /// Each operand (and the target) given the first grid of `grids` whose cell carries its symbol: the cells
    /// the formula's numbers come from. A padded zero, or a number no grid draws, keeps no cell.
    public func locating(in grids: [GridPanel]) -> WorkedFormula {
        var located = self
        let place = Self.placer(grids)
        let cell = place(target.symbol, true)
        (located.target.grid, located.target.cell) = (cell?.grid, cell?.cell)
        located.terms = terms.map { term in
            var term = term
            term.operands = term.operands.map { $0.isPadding ? $0 : $0.placed(place($0.symbol, false)) }
            return term
        }
        return located
    }

    /// Finds a symbol's cell: among output grids for the target, among the others for an operand.
    static func placer(_ grids: [GridPanel]) -> (String, Bool) -> (grid: String, cell: [Int])? {
        var found: [String: (grid: String, cell: [Int])] = [:]
        for isOutput in [true, false] {
            for grid in grids where (grid.role == .output) == isOutput {
                for (row, cells) in grid.cells.enumerated() {
                    for (column, cell) in cells.enumerated() where cell.highlight != .padding {
                        let key = (isOutput ? "=" : "") + cell.symbol
                        if found[key] == nil {
                            found[key] = (grid.title, [grid.firstRow + row + 1, grid.firstColumn + column + 1])
                        }
                    }
                }
            }
        }
        return { symbol, isTarget in found[(isTarget ? "=" : "") + symbol] }
    }
}

/// How a formula's terms combine.
public enum WorkedReduction: String, Equatable, Sendable, Codable {
    case sum, maximum, mean
    /// max(0, x): ReLU.
    case rectify
}

/// The value a formula makes, by name, and the grid cell that draws it.
public struct WorkedTarget: Equatable, Sendable, Codable {
    public var name: String
    public var symbol: String
    public var grid: String? = nil
    public var cell: [Int]? = nil
}

/// One number of a formula: a tensor element (or a padded zero, or a constant such as 1/4).
public struct WorkedOperand: Equatable, Sendable, Codable {
    /// The tensor's letter as the slides write it ("X", "∂L/∂O"); a constant's text.
    public var name: String
    /// "X11"; a padded cell is "0".
    public var symbol: String
    public var value: Double
    /// The number as printed.
    public var text: String
    public var isPadding: Bool
    /// The title of the frame's grid that draws it, and its 1-based [row, column] there (nil: none draws it).
    public var grid: String?
    public var cell: [Int]?

    init(_ factor: Factor, text: String) {
        name = factor.name
        symbol = factor.symbol
        value = factor.value
        self.text = text
        isPadding = factor.isPadding
    }

    func placed(_ place: (grid: String, cell: [Int])?) -> WorkedOperand {
        var placed = self
        (placed.grid, placed.cell) = (place?.grid, place?.cell)
        return placed
    }
}

/// One term: its operands multiplied, and the running result after it.
public struct WorkedTerm: Equatable, Sendable, Codable {
    public var operands: [WorkedOperand]
    public var product: Double
    /// The running sum (or maximum) including this term.
    public var partial: Double
    public var partialText: String
}
