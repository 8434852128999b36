/// The backward pass of a `Dense` layer for a given ∂L/∂Z (canonical N×K), each gradient a chain-rule sum:
///
/// - ∂L/∂W_kj = Σ_n ∂L/∂Z_nk · a_nj (one term a sample),
/// - ∂L/∂b_k = Σ_n ∂L/∂Z_nk,
/// - ∂L/∂a_nj = Σ_k ∂L/∂Z_nk · W_kj (every output the input fed).
///
/// The whole tensors add their terms in the order the explanations list them, so each value equals its explanation.
public struct DenseBackward: Sendable {
    public let dense: Dense
    /// ∂L/∂Z, canonical N×K.
    public let outputGradient: Tensor

    var gradientName: String { TensorNames.gradient(dense.names.output) }

    // MARK: Whole tensors

    /// ∂L/∂a in the input's displayed shape (J or N×J).
    public func inputGradient() -> Tensor {
        let (count, width, outputs) = (dense.samples.count, dense.inputSize, dense.outputSize)
        var result = Array(repeating: 0.0, count: count * width)
        for n in 0..<count {
            for j in 0..<width {
                var sum = 0.0
                for k in 0..<outputs {
                    sum += outputGradient.values[n * outputs + k] * dense.weights.values[k * width + j]
                }
                result[n * width + j] = sum
            }
        }
        return try! Tensor(shape: dense.samples.displayShape, values: result)
    }

    /// ∂L/∂W, K×J.
    public func weightGradient() -> Tensor {
        let (count, width, outputs) = (dense.samples.count, dense.inputSize, dense.outputSize)
        var result = Array(repeating: 0.0, count: outputs * width)
        for k in 0..<outputs {
            for j in 0..<width {
                var sum = 0.0
                for n in 0..<count {
                    sum += outputGradient.values[n * outputs + k] * dense.input.values[n * width + j]
                }
                result[k * width + j] = sum
            }
        }
        return try! Tensor(shape: dense.weights.shape, values: result)
    }

    /// ∂L/∂b, K values.
    public func biasGradient() -> [Double] {
        (0..<dense.outputSize).map { k in
            var sum = 0.0
            for n in 0..<dense.samples.count { sum += outputGradient.values[n * dense.outputSize + k] }
            return sum
        }
    }

    // MARK: Term by term

    /// ∂L/∂a at canonical flat index n·J + j: ∂L/∂Z_n1·W_1j + … + ∂L/∂Z_nK·W_Kj.
    public func explainInputGradient(_ flat: Int) -> Explanation {
        let (n, j) = flat.quotientAndRemainder(dividingBy: dense.inputSize)
        var terms: [Term] = []
        var partial = 0.0
        for k in 0..<dense.outputSize {
            let g = gradientFactor(sample: n, k)
            let w = dense.weightFactor(k: k, j: j)
            let product = g.value * w.value
            partial += product
            terms.append(Term(factors: [g, w], product: product, partial: partial))
        }
        let target = Factor(name: TensorNames.gradient(dense.names.input), position: [n, j],
                            subscripts: dense.samples.subscripts(sample: n, j), value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial)
    }

    /// ∂L/∂W at flat index k·J + j: ∂L/∂Z_1k·a_1j + … over the samples (a single term for one sample).
    public func explainWeightGradient(_ flat: Int) -> Explanation {
        let (k, j) = flat.quotientAndRemainder(dividingBy: dense.inputSize)
        var terms: [Term] = []
        var partial = 0.0
        for n in 0..<dense.samples.count {
            let g = gradientFactor(sample: n, k)
            let a = dense.samples.factor(dense.names.input, sample: n, j, values: dense.input.values)
            let product = g.value * a.value
            partial += product
            terms.append(Term(factors: [g, a], product: product, partial: partial))
        }
        let target = Factor(name: TensorNames.gradient(dense.names.filter), position: [k, j], subscripts: [k, j],
                            value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial)
    }

    /// ∂L/∂b_k: the sum of output k's gradients over the samples.
    public func explainBiasGradient(_ k: Int) -> Explanation {
        var terms: [Term] = []
        var partial = 0.0
        for n in 0..<dense.samples.count {
            let g = gradientFactor(sample: n, k)
            partial += g.value
            terms.append(Term(factors: [g], product: g.value, partial: partial))
        }
        let target = Factor(name: TensorNames.gradient(dense.names.bias), position: [k], subscripts: [k],
                            value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial)
    }

    func gradientFactor(sample n: Int, _ k: Int) -> Factor {
        dense.outputSamples.factor(gradientName, sample: n, k, values: outputGradient.values)
    }
}
