/// One number that enters a term: a tensor element (or a padded zero, or a constant such as 1/4).
public struct Factor: Equatable, Sendable {
    /// The tensor's letter as the slides write it: "X", "F", "∂L/∂O"; for a constant, its text ("1/4").
    public let name: String
    /// 0-based position in the tensor the operation stores (canonical N×C×H×W for convolution);
    /// for padding, the position in the unpadded tensor, which lies outside it; empty for a constant.
    public let position: [Int]
    /// 0-based subscripts of the axes the user wrote; `symbol` prints them from the index base.
    public let subscripts: [Int]
    public let value: Double
    /// The factor lies in the zero padding around the tensor.
    public let isPadding: Bool

    public init(name: String, position: [Int], subscripts: [Int], value: Double, isPadding: Bool = false) {
        self.name = name
        self.position = position
        self.subscripts = subscripts
        self.value = value
        self.isPadding = isPadding
    }

    public static func constant(_ text: String, _ value: Double) -> Factor {
        Factor(name: text, position: [], subscripts: [], value: value)
    }

    /// "X11", "F2,10" (from 1), "X00" (from 0); a padded cell reads "0" because that is all it is.
    public var symbol: String {
        if isPadding { return "0" }
        return Symbols.name(name, subscripts)
    }
}

/// Where printed subscripts start: the slides count from 1 (X11), seed 002 and numpy from 0 (x[0,0],
/// printed X00). The core keeps every index 0-based; only names and captions add the base.
public enum IndexBase: Int, Sendable, CaseIterable {
    case zero = 0
    case one = 1

    /// The base names are made with. A task-local value rather than a parameter so that every name a lesson
    /// makes (formulas, grid symbols, captions, in any plan) follows one setting: `LessonPlayer` sets it
    /// around building plans and frames; everything else prints from 1, as the slides do.
    @TaskLocal public static var current: IndexBase = .one

    /// A 0-based index as printed.
    public func shown(_ index: Int) -> Int { index + rawValue }

    /// "indices from 1" / "indices from 0", for labels.
    public var label: String { "indices from \(rawValue)" }
}

public enum Symbols {
    /// The 0-based `subscripts` printed from `base`, run together as on the slides (X11, X00) unless one
    /// printed subscript has two digits (X1,10 or X0,9 … X0,10): the same rule in both bases.
    public static func name(_ name: String, _ subscripts: [Int], base: IndexBase = .current) -> String {
        guard !subscripts.isEmpty else { return name }
        let shown = subscripts.map(base.shown)
        let separator = shown.allSatisfy({ $0 < 10 }) ? "" : ","
        return name + shown.map(String.init).joined(separator: separator)
    }
}

/// One term of a sum (or one candidate of a maximum), with the running result after it.
public struct Term: Equatable, Sendable {
    public let factors: [Factor]
    /// The product of the factors.
    public let product: Double
    /// The running sum (or running maximum) including this term.
    public let partial: Double

    public init(factors: [Factor], product: Double, partial: Double) {
        self.factors = factors
        self.product = product
        self.partial = partial
    }
}

/// How the terms combine into the value.
public enum Reduction: Equatable, Sendable {
    var isMean: Bool {
        if case .mean = self { return true }
        return false
    }

    case sum
    case maximum
    /// The sum divided by `divisor`: average pooling.
    case mean(divisor: Int)
    /// max(0, x): ReLU.
    case rectify
}

/// How one output value (of any operation, forward or backward) comes about: its terms in order, the
/// running partial results, an added bias, the value. Built on demand for one element at a time.
public struct Explanation: Equatable, Sendable {
    /// The element explained, e.g. "O11" or "∂L/∂X22".
    public let target: Factor
    public let reduction: Reduction
    public let terms: [Term]
    public let bias: Factor?
    public let value: Double
    /// The channel group whose channels the terms run over, for a grouped convolution (nil when there is one group).
    public let group: ChannelGroup?

    public init(target: Factor, reduction: Reduction, terms: [Term], bias: Factor? = nil, value: Double,
                group: ChannelGroup? = nil) {
        self.target = target
        self.reduction = reduction
        self.terms = terms
        self.bias = bias
        self.value = value
        self.group = group
    }

    /// Largest magnitude among the numbers involved: results this much smaller are noise.
    public var scale: Double {
        var scale = abs(bias?.value ?? 0)
        for term in terms {
            scale = max(scale, abs(term.product))
            for factor in term.factors { scale = max(scale, abs(factor.value)) }
        }
        return scale
    }

    /// "O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22 + b1", or for the first `count` terms only ("O11 = X11·F11
    /// + …"): the bias comes last, so a line that stops before the last term has none.
    public func symbolicLine(terms count: Int? = nil) -> String {
        let shown = terms.prefix(count ?? terms.count)
        let pieces = shown.map { $0.factors.map(\.symbol).joined(separator: "·") }
        let complete = count == nil || count! >= terms.count
        return target.symbol + " = " + combine(pieces, complete: complete, bias: complete ? bias?.symbol : nil)
    }

    /// "O11 = 1·2 + 3·(−1) + … + 4·1 + (−1) = 4": the same formula with numbers, then the value; for the first
    /// `count` terms only, "O11 = 1·2 + … → 2", the running sum of those terms (the bias is added last).
    public func numericLine(terms count: Int? = nil) -> String {
        let complete = count == nil || count! >= terms.count
        if terms.isEmpty && bias == nil { return target.symbol + " = " + format(value) }
        let shown = terms.prefix(count ?? terms.count)
        // A negative number is bracketed only where it follows "·" or "+": 3·(-2), 1 + (-4); never in
        // max(1, -3) or alone.
        let isSum = reduction == .sum || reduction.isMean
        let pieces = shown.enumerated().map { termIndex, term in
            term.factors.enumerated().map { index, factor in
                index > 0 || (isSum && termIndex > 0) ? factorText(factor.value) : format(factor.value)
            }.joined(separator: "·")
        }
        let biasText = complete ? bias.map { factorText($0.value) } : nil
        var line = target.symbol + " = " + combine(pieces, complete: complete, bias: biasText)
        if complete {
            if case .mean(let divisor) = reduction, let last = terms.last {
                line += " = " + format(last.partial) + "/\(divisor)"
            }
            line += " = " + format(value)
        } else if let last = shown.last {
            line += " → " + format(last.partial)
        }
        return line
    }

    public func format(_ number: Double) -> String {
        NumberFormat.string(number, scale: scale)
    }

    private func factorText(_ number: Double) -> String {
        let text = format(number)
        return text.hasPrefix("-") ? "(" + text + ")" : text
    }

    private func combine(_ pieces: [String], complete: Bool, bias: String?) -> String {
        let body: String
        switch reduction {
        case .sum:
            body = pieces.isEmpty ? "0" : pieces.joined(separator: " + ")
            let tail = complete ? "" : (pieces.count < terms.count ? " + …" : "")
            return body + tail + (bias.map { " + " + $0 } ?? "")
        case .maximum:
            return "max(" + pieces.joined(separator: ", ") + (complete ? "" : ", …") + ")"
        case .mean(let divisor):
            return "(" + pieces.joined(separator: " + ") + (complete ? "" : " + …") + ")/\(divisor)"
        case .rectify:
            return "max(0, " + (pieces.first ?? "0") + ")"
        }
    }
}
