#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax over each sample's K scores, turning them into probabilities that are positive and sum to 1:
///
///     m = max_i z_i,   E_k = e^(z_k − m),   S = E_1 + … + E_K,   p_k = E_k / S.
///
/// Subtracting the largest score first changes nothing mathematically and keeps e^x finite (see `whyMaximum`).
/// The input is one sample (K scores) or a batch N×K. Every value is computed in the order its explanation
/// reads (the maximum and the sum run over i = 1…K), so values and explanations agree to the last bit.
public struct Softmax: Sendable {
    /// The scores, canonical N×K.
    public let input: Tensor
    public let samples: Samples
    /// input "z" (the scores), output "p" (the probabilities).
    public let names: TensorNames

    /// Why the largest score is subtracted, in one paragraph for explanations.
    public static let whyMaximum = "Why subtract m? e^x overflows a double for x above about 709.78 (e^710 is "
        + "infinite) and underflows to 0 below about −745, so e^z of large or very negative scores gives ∞/∞ or "
        + "0/0. With m subtracted every exponent z_i − m is at most 0: each E_i lies in (0, 1], the largest is "
        + "exactly 1, so S ≥ 1. The probabilities do not change, since e^(z_k − m)/Σ_i e^(z_i − m) = "
        + "e^(−m)·e^z_k/(e^(−m)·Σ_i e^z_i)."

    /// - Parameters:
    ///   - input: the scores, one sample (K) or a batch (N×K).
    ///   - names: the letters the explanations use.
    /// - Throws: `CoreError.badRank` unless the input has rank 1 or 2.
    public init(input: Tensor, names: TensorNames = TensorNames(input: "z", output: "p")) throws {
        samples = try Samples(of: input, what: .input)
        self.input = input.reshaped(samples.shape)
        self.names = names
    }

    var width: Int { samples.width }

    // MARK: The pieces

    /// m for sample n: the running maximum of z_1 … z_K.
    public func maximum(sample n: Int) -> Double {
        var result = -Double.infinity
        for i in 0..<width { result = max(result, input.values[n * width + i]) }
        return result
    }

    /// E at canonical flat index n·K + k: e^(z_k − m).
    public func exponential(_ flat: Int) -> Double {
        exp(input.values[flat] - maximum(sample: flat / width))
    }

    /// The exponentials E_1 … E_K of sample n, given its maximum.
    func exponentials(sample n: Int, maximum m: Double) -> [Double] {
        (0..<width).map { exp(input.values[n * width + $0] - m) }
    }

    /// S for sample n: E_1 + … + E_K, added in that order.
    public func denominator(sample n: Int) -> Double {
        Softmax.sum(exponentials(sample: n, maximum: maximum(sample: n)))
    }

    static func sum(_ values: [Double]) -> Double {
        var total = 0.0
        for value in values { total += value }
        return total
    }

    /// The probabilities p, in the input's displayed shape.
    public func forward() -> Tensor {
        var output: [Double] = []
        output.reserveCapacity(input.count)
        for n in 0..<samples.count {
            let exponentials = exponentials(sample: n, maximum: maximum(sample: n))
            let total = Softmax.sum(exponentials)
            output.append(contentsOf: exponentials.map { $0 / total })
        }
        return try! Tensor(shape: samples.displayShape, values: output)
    }

    // MARK: Term by term

    /// m = max(z_1, …, z_K) for sample n, with the running maximum.
    public func explainMaximum(_ n: Int) -> Explanation {
        var terms: [Term] = []
        var partial = -Double.infinity
        for i in 0..<width {
            let z = score(sample: n, i)
            partial = max(partial, z.value)
            terms.append(Term(factors: [z], product: z.value, partial: partial))
        }
        return Explanation(target: sampleFactor("m", sample: n, value: partial), reduction: .maximum, terms: terms,
                           value: partial)
    }

    /// E_k = e^(z_k − m) at canonical flat index n·K + k.
    public func explainExponential(_ flat: Int) -> Formula {
        let (n, k) = flat.quotientAndRemainder(dividingBy: width)
        let z = score(sample: n, k), m = sampleFactor("m", sample: n, value: maximum(sample: n))
        let shifted = z.value - m.value
        let target = Factor(name: "E", position: [n, k], subscripts: samples.subscripts(sample: n, k),
                            value: exp(shifted))
        return Formula(target: target, operands: [z, m],
                       symbolicLine: "\(target.symbol) = e^(\(z.symbol) − \(m.symbol))",
                       numericLine: "\(target.symbol) = e^(\(Formula.text(z.value)) − \(Formula.operand(m.value))) "
                           + "= e^\(Formula.operand(shifted)) = \(Formula.text(target.value))")
    }

    /// S = E_1 + … + E_K for sample n, with the running sums.
    public func explainDenominator(_ n: Int) -> Explanation {
        let exponentials = exponentials(sample: n, maximum: maximum(sample: n))
        var terms: [Term] = []
        var partial = 0.0
        for (i, value) in exponentials.enumerated() {
            partial += value
            let e = Factor(name: "E", position: [n, i], subscripts: samples.subscripts(sample: n, i), value: value)
            terms.append(Term(factors: [e], product: value, partial: partial))
        }
        return Explanation(target: sampleFactor("S", sample: n, value: partial), reduction: .sum, terms: terms,
                           value: partial)
    }

    /// p_k = E_k / S at canonical flat index n·K + k.
    public func explainOutput(_ flat: Int) -> Formula {
        let (n, k) = flat.quotientAndRemainder(dividingBy: width)
        let exponentials = exponentials(sample: n, maximum: maximum(sample: n))
        let e = Factor(name: "E", position: [n, k], subscripts: samples.subscripts(sample: n, k),
                       value: exponentials[k])
        let s = sampleFactor("S", sample: n, value: Softmax.sum(exponentials))
        let target = Factor(name: names.output, position: [n, k], subscripts: e.subscripts, value: e.value / s.value)
        return Formula(target: target, operands: [e, s], symbolicLine: "\(target.symbol) = \(e.symbol)/\(s.symbol)",
                       numericLine: "\(target.symbol) = \(Formula.text(e.value))/\(Formula.text(s.value)) = "
                           + Formula.text(target.value))
    }

    /// z_i of sample n as a factor.
    func score(sample n: Int, _ i: Int) -> Factor { samples.factor(names.input, sample: n, i, values: input.values) }

    /// A per-sample quantity (m, S): subscripted by the sample only in a batch.
    func sampleFactor(_ name: String, sample n: Int, value: Double) -> Factor {
        Factor(name: name, position: [n], subscripts: samples.isBatch ? [n] : [], value: value)
    }
}
