/// A fully connected (dense) layer: each output is a weighted sum of every input plus a bias,
/// Z_k = Σ_j W_kj·a_j + b_k.
///
/// The input is one sample of J values (rank 1) or a batch N×J; the weights are K×J, one row per output; the bias
/// has K values. Each output adds its J products in the order j = 1…J and then the bias, multiplying and adding
/// separately (no fused multiply-add), so `forward()` and `explainOutput` give the same value to the last bit.
public struct Dense: Sendable {
    /// The input, canonical N×J.
    public let input: Tensor
    /// K×J.
    public let weights: Tensor
    public let bias: [Double]?
    /// input "a", filter (the weights) "W", output "z", bias "b".
    public let names: TensorNames
    /// The input's layout (N, J).
    public let samples: Samples
    /// K.
    public let outputSize: Int

    /// The default letters: Z_k = Σ_j W_kj·a_j + b_k, the output named z as the softmax reads it.
    public static let defaultNames = TensorNames(input: "a", filter: "W", output: "z", bias: "b")

    /// - Parameters:
    ///   - input: one sample (J values) or a batch (N×J).
    ///   - weights: K×J, row k holding output k's weights.
    ///   - bias: K values, or nil for none.
    ///   - names: the letters the explanations use.
    /// - Throws: `CoreError` when a rank or a shape does not fit, or the layer exceeds `Limits.maxWork`.
    public init(input: Tensor, weights: Tensor, bias: [Double]? = nil,
                names: TensorNames = Dense.defaultNames) throws {
        let samples = try Samples(of: input, what: .input)
        guard weights.rank == 2 else {
            throw CoreError.badRank(what: Dense.weightsSubject, rank: weights.rank, allowed: "2 (K outputs × J inputs)")
        }
        guard weights.shape[1] == samples.width else {
            throw CoreError.shapeMismatch(what: Dense.weightsSubject, expected: [weights.shape[0], samples.width],
                                          found: weights.shape)
        }
        let outputSize = weights.shape[0]
        if let bias, bias.count != outputSize {
            throw CoreError.shapeMismatch(what: .bias, expected: [outputSize], found: [bias.count])
        }
        try Convolution.checkWork(outputShape: [samples.count, outputSize], termsPerOutput: samples.width)
        self.input = input.reshaped(samples.shape)
        (self.weights, self.bias, self.names, self.samples, self.outputSize) =
            (weights, bias, names, samples, outputSize)
    }

    static let weightsSubject = Subject(.filter, "the weights")

    /// J.
    public var inputSize: Int { samples.width }
    /// The output's layout (N, K).
    public var outputSamples: Samples { samples.with(width: outputSize) }
    /// K values, or N×K.
    public var displayOutputShape: [Int] { outputSamples.displayShape }

    // MARK: Forward

    /// Z, in the displayed shape (K, or N×K).
    public func forward() -> Tensor {
        let (count, width) = (samples.count, inputSize)
        var output = Array(repeating: 0.0, count: count * outputSize)
        input.values.withUnsafeBufferPointer { a in
            weights.values.withUnsafeBufferPointer { w in
                for n in 0..<count {
                    for k in 0..<outputSize {
                        var sum = 0.0
                        for j in 0..<width { sum += w[k * width + j] * a[n * width + j] }
                        // The bias comes last, as in the explanation.
                        output[n * outputSize + k] = sum + (bias?[k] ?? 0)
                    }
                }
            }
        }
        return try! Tensor(shape: displayOutputShape, values: output)
    }

    /// Term by term, output k of sample n at canonical flat index n·K + k: W_k1·a_1 + … + W_kJ·a_J + b_k.
    public func explainOutput(_ flat: Int) -> Explanation {
        let (n, k) = flat.quotientAndRemainder(dividingBy: outputSize)
        var terms: [Term] = []
        terms.reserveCapacity(inputSize)
        var partial = 0.0
        for j in 0..<inputSize {
            let w = weightFactor(k: k, j: j)
            let a = samples.factor(names.input, sample: n, j, values: input.values)
            let product = w.value * a.value
            partial += product
            terms.append(Term(factors: [w, a], product: product, partial: partial))
        }
        let biasFactor = bias.map { Factor(name: names.bias, position: [k], subscripts: [k], value: $0[k]) }
        let value = partial + (biasFactor?.value ?? 0)
        let target = Factor(name: names.output, position: [n, k], subscripts: outputSamples.subscripts(sample: n, k),
                            value: value)
        return Explanation(target: target, reduction: .sum, terms: terms, bias: biasFactor, value: value)
    }

    func weightFactor(k: Int, j: Int) -> Factor {
        Factor(name: names.filter, position: [k, j], subscripts: [k, j], value: weights.values[k * inputSize + j])
    }

    // MARK: Backward

    /// The gradients of a loss for a given ∂L/∂Z, in the output's displayed (K or N×K) or canonical shape.
    /// - Throws: `CoreError.shapeMismatch` when the gradient has neither shape.
    public func backward(outputGradient: Tensor) throws -> DenseBackward {
        DenseBackward(dense: self, outputGradient: try outputSamples.canonicalGradient(outputGradient))
    }
}
