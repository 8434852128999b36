/// The kinds of question the lessons ask, each a generator of its own. The raw value is the name used on the
/// command line, in JSON and in result files; it never changes once released.
public enum ProblemKind: String, CaseIterable, Sendable, Codable {
    case convolutionValue = "convolution-value"
    case partialSum = "partial-sum"
    case maxPoolValue = "max-pool-value"
    case averagePoolValue = "average-pool-value"
    case weightGradient = "weight-gradient"
    case biasGradient = "bias-gradient"
    case inputGradient = "input-gradient"
    case transposedValue = "transposed-value"
    case outputSize = "output-size"
    case receptiveField = "receptive-field"
    case parameterCount = "parameter-count"

    /// A short title for lists and summaries.
    public var title: String {
        switch self {
        case .convolutionValue: return "convolution output value"
        case .partialSum: return "running sum after a term"
        case .maxPoolValue: return "max-pooled value"
        case .averagePoolValue: return "average-pooled value"
        case .weightGradient: return "weight gradient ∂L/∂F"
        case .biasGradient: return "bias gradient ∂L/∂b"
        case .inputGradient: return "input gradient ∂L/∂X"
        case .transposedValue: return "transposed-convolution value"
        case .outputSize: return "output size"
        case .receptiveField: return "receptive field"
        case .parameterCount: return "parameter count"
        }
    }
}

/// One grid of a problem, as shown: its tensor name ("X", "F", "∂L/∂O"), what it is, and its integers.
public struct ProblemGrid: Equatable, Sendable {
    public let name: String
    /// "input", "filter", "output gradient", … .
    public let caption: String
    public let rows: [[Int]]

    public init(name: String, caption: String, rows: [[Int]]) {
        self.name = name
        self.caption = caption
        self.rows = rows
    }
}

/// A named setting of a problem ("stride": 2): with the grids, everything needed to work out the answer.
public struct ProblemParameter: Equatable, Sendable {
    public let name: String
    public let value: Int

    public init(_ name: String, _ value: Int) {
        self.name = name
        self.value = value
    }
}

/// One number entering a worked term: a grid cell (0-based row and column), a padded zero outside a grid, or a
/// scalar such as the bias (no cell).
public struct Operand: Equatable, Sendable {
    /// The grid's name; for a padded zero, the grid the padding surrounds.
    public let grid: String
    public let row: Int?
    public let column: Int?
    public let value: Rational
    public let isPadding: Bool
    /// As the lessons print it: "X12" (from 1), "0" for padding, "b" for a scalar.
    public let symbol: String
}

/// One term of a worked sum (or one candidate of a maximum), with the running result after it.
public struct WorkedTerm: Equatable, Sendable {
    public let operands: [Operand]
    public let product: Rational
    public let running: Rational
}

/// How the terms make the value.
public enum Combination: Equatable, Sendable {
    case sum
    case maximum
    /// The sum divided by the window's cell count.
    case mean(divisor: Int)
}

/// One line of a formula worked out (sizes, receptive fields, parameter counts).
public struct FormulaStep: Equatable, Sendable {
    /// What the line computes, in symbols: "N + 2P − D·(F − 1) − 1".
    public let name: String
    /// The same with the problem's numbers: "28 + 2·1 − 1·(5 − 1) − 1".
    public let numbers: String
    public let value: Int
}

/// The worked solution: the terms as the core explains them, or the steps of a formula.
public struct Working: Equatable, Sendable {
    /// The value asked for, by name: "O12", "∂L/∂F21", "output width".
    public let target: String
    public let combination: Combination
    public let terms: [WorkedTerm]
    public let bias: Operand?
    public let steps: [FormulaStep]
    public let result: Rational
    /// The whole working on one line, as the core's explanation prints it.
    public let line: String
}

/// A classic slip, named so that a class's mistakes can be counted. The raw value is stable.
public enum MistakeKind: String, CaseIterable, Sendable, Codable {
    case flippedFilter = "flipped-filter"
    case biasForgotten = "bias-forgotten"
    case paddingForgotten = "padding-forgotten"
    case paddingCountedOnce = "padding-counted-once"
    case paddingInMaximum = "padding-in-maximum"
    case paddingLeftOutOfMean = "padding-left-out-of-mean"
    case dilationIgnored = "dilation-ignored"
    case strideIgnored = "stride-ignored"
    case windowOffByOne = "window-off-by-one"
    case wrongCell = "wrong-cell"
    case rounding = "rounding"
    case fractionDropped = "fraction-dropped"
    case sumNotDivided = "sum-not-divided"
    case wrongReduction = "wrong-reduction"
    case wholeSum = "whole-sum"
    case termMiscounted = "term-miscounted"
    case productAlone = "product-alone"
    case averagedGradient = "averaged-gradient"
    case forwardBiasAdded = "forward-bias-added"
    case inputLeftOut = "input-left-out"
    case plusOneForgotten = "plus-one-forgotten"
    case outputPaddingAtStart = "output-padding-at-start"
    case kernelsAdded = "kernels-added"
    case kernelsMultiplied = "kernels-multiplied"
    case channelsForgotten = "channels-forgotten"
    case oneFilterOnly = "one-filter-only"
    case weightsPerPosition = "weights-per-position"
}

/// The wrong answer a slip produces, worked out by redoing the computation the slipped way, and what to say
/// about it (never the right value).
public struct KnownMistake: Equatable, Sendable {
    public let kind: MistakeKind
    public let value: Rational
    public let message: String

    public init(_ kind: MistakeKind, _ value: Rational, _ message: String) {
        self.kind = kind
        self.value = value
        self.message = message
    }
}

/// A seeded problem, complete without any interface: its grids and settings, the question, the exact answer,
/// the worked solution, two graduated hints and the slips it recognises.
public struct Problem: Equatable, Sendable {
    public let kind: ProblemKind
    public let seed: UInt64
    public let parameters: [ProblemParameter]
    public let grids: [ProblemGrid]
    public let question: String
    public let answer: Rational
    public let working: Working
    /// First: which cells or quantities are involved. Second: the terms worked out, short of the total.
    public let hints: [String]
    /// Distinct wrong values, none equal to the answer, most telling first.
    public let mistakes: [KnownMistake]
}
