#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The cross-entropy loss of a softmax against a target distribution y (one-hot for a label), from the scores z:
///
///     L = −Σ_k y_k·ln p_k = Σ_k y_k·(−ln p_k),   with −ln p_k = ln S − (z_k − m),
///
/// m and S being the softmax's own (`Softmax`), so −ln p_k stays finite even where p_k rounds to 0. Its gradient with
/// respect to the scores is the probabilities minus the target,
///
///     ∂L/∂z_k = p_k − y_k,
///
/// because Σ_k y_k = 1. Each sample has its own loss; a batch's mean, if wanted, is the caller's to take.
public struct SoftmaxCrossEntropy: Sendable {
    public let softmax: Softmax
    /// y, canonical N×K.
    public let target: Tensor

    /// How far a sample's target may sum from 1 (rounding in targets written as decimals).
    public static let sumTolerance = 1e-9

    /// - Parameters:
    ///   - scores: z, one sample (K) or a batch (N×K).
    ///   - target: y in the same shape: each sample's values at least 0 and summing to 1.
    /// - Throws: `CoreError` for a bad rank or shape, `TargetError` when y is not a distribution.
    public init(scores: Tensor, target: Tensor) throws {
        softmax = try Softmax(input: scores)
        guard target.shape == scores.shape else {
            throw CoreError.shapeMismatch(what: SoftmaxCrossEntropy.targetSubject, expected: scores.shape,
                                          found: target.shape)
        }
        let samples = softmax.samples
        self.target = target.reshaped(samples.shape)
        for n in 0..<samples.count {
            let row = Array(self.target.values[(n * samples.width)..<((n + 1) * samples.width)])
            try TargetError.check(row, sample: samples.isBatch ? n : nil)
        }
    }

    static let targetSubject = Subject(nil, "the target y")

    var samples: Samples { softmax.samples }

    /// m, E_1 … E_K, S and ln S of sample n, computed as `Softmax` computes them.
    func pieces(sample n: Int) -> (maximum: Double, exponentials: [Double], total: Double, logTotal: Double) {
        let m = softmax.maximum(sample: n)
        let exponentials = softmax.exponentials(sample: n, maximum: m)
        let total = Softmax.sum(exponentials)
        return (m, exponentials, total, log(total))
    }

    // MARK: Values

    /// −ln p_k at canonical flat index n·K + k: ln S − (z_k − m).
    public func negativeLogProbability(_ flat: Int) -> Double {
        let pieces = pieces(sample: flat / samples.width)
        return pieces.logTotal - (softmax.input.values[flat] - pieces.maximum)
    }

    /// L for sample n: y_1·(−ln p_1) + … + y_K·(−ln p_K), added in that order.
    public func loss(sample n: Int) -> Double {
        let pieces = pieces(sample: n)
        var sum = 0.0
        for k in 0..<samples.width {
            let flat = n * samples.width + k
            sum += target.values[flat] * (pieces.logTotal - (softmax.input.values[flat] - pieces.maximum))
        }
        return sum
    }

    /// Each sample's loss.
    public func losses() -> [Double] { (0..<samples.count).map(loss(sample:)) }

    /// ∂L/∂z = p − y, each sample the gradient of its own loss, in the scores' displayed shape.
    public func scoreGradient() -> Tensor {
        let probabilities = softmax.forward().values
        let values = zip(probabilities, target.values).map { $0 - $1 }
        return try! Tensor(shape: samples.displayShape, values: values)
    }

    // MARK: Term by term

    /// −ln p_k = ln S − (z_k − m) at canonical flat index n·K + k.
    public func explainNegativeLogProbability(_ flat: Int) -> Formula {
        let (n, k) = flat.quotientAndRemainder(dividingBy: samples.width)
        let pieces = pieces(sample: n)
        let z = softmax.score(sample: n, k)
        let m = softmax.sampleFactor("m", sample: n, value: pieces.maximum)
        let s = softmax.sampleFactor("S", sample: n, value: pieces.total)
        let shifted = z.value - m.value
        let target = negativeLogFactor(sample: n, k, value: pieces.logTotal - shifted)
        return Formula(
            target: target, operands: [s, z, m],
            symbolicLine: "\(target.symbol) = ln \(s.symbol) − (\(z.symbol) − \(m.symbol))",
            numericLine: "\(target.symbol) = ln \(Formula.text(s.value)) − (\(Formula.text(z.value)) − "
                + "\(Formula.operand(m.value))) = \(Formula.text(pieces.logTotal)) − \(Formula.operand(shifted)) = "
                + Formula.text(target.value))
    }

    /// L = y_1·(−ln p_1) + … + y_K·(−ln p_K) for sample n, with the running sums.
    public func explainLoss(_ n: Int) -> Explanation {
        let pieces = pieces(sample: n)
        var terms: [Term] = []
        var partial = 0.0
        for k in 0..<samples.width {
            let flat = n * samples.width + k
            let y = samples.factor("y", sample: n, k, values: target.values)
            let surprise = negativeLogFactor(sample: n, k,
                value: pieces.logTotal - (softmax.input.values[flat] - pieces.maximum))
            let product = y.value * surprise.value
            partial += product
            terms.append(Term(factors: [y, surprise], product: product, partial: partial))
        }
        let loss = softmax.sampleFactor("L", sample: n, value: partial)
        return Explanation(target: loss, reduction: .sum, terms: terms, value: partial)
    }

    /// ∂L/∂z_k = p_k − y_k at canonical flat index n·K + k.
    public func explainScoreGradient(_ flat: Int) -> Formula {
        let (n, k) = flat.quotientAndRemainder(dividingBy: samples.width)
        let p = softmax.explainOutput(flat).target
        let y = samples.factor("y", sample: n, k, values: target.values)
        let gradient = Factor(name: TensorNames.gradient(softmax.names.input), position: [n, k],
                              subscripts: samples.subscripts(sample: n, k), value: p.value - y.value)
        return Formula(target: gradient, operands: [p, y],
                       symbolicLine: "\(gradient.symbol) = \(p.symbol) − \(y.symbol)",
                       numericLine: "\(gradient.symbol) = \(Formula.text(p.value)) − \(Formula.operand(y.value)) = "
                           + Formula.text(gradient.value))
    }

    func negativeLogFactor(sample n: Int, _ k: Int, value: Double) -> Factor {
        Factor(name: "−ln " + softmax.names.output, position: [n, k], subscripts: samples.subscripts(sample: n, k),
               value: value)
    }
}

/// Why a target y is not a probability distribution; one line a student can act on.
public struct TargetError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    /// Refuses a sample's target that has a negative or non-finite value, or does not sum to 1.
    /// - Parameters:
    ///   - row: the sample's K target values.
    ///   - sample: the sample's 0-based index in a batch, nil for a single sample.
    static func check(_ row: [Double], sample: Int?) throws {
        let which = sample.map { "the target y of sample \(IndexBase.current.shown($0))" } ?? "the target y"
        if let bad = row.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw TargetError(description: "\(which) has \(NumberFormat.string(row[bad])) at position "
                + "\(IndexBase.current.shown(bad)); a target's values are probabilities, 0 to 1")
        }
        let total = Softmax.sum(row)
        guard abs(total - 1) <= SoftmaxCrossEntropy.sumTolerance else {
            throw TargetError(description: "\(which) sums to \(NumberFormat.string(total)), not 1: cross-entropy "
                + "needs a probability distribution (one-hot, e.g. \"0 0 1\", for a label)")
        }
    }
}
