/// The backward pass of softmax on its own, for any ∂L/∂p: each score collects every probability's gradient
/// through the Jacobian J_ik = ∂p_i/∂z_k = p_i·(δ_ik − p_k),
///
///     ∂L/∂z_k = Σ_i ∂L/∂p_i · J_ik.
///
/// (Followed by cross-entropy this collapses to p − y: see `SoftmaxCrossEntropy`.)
extension Softmax {
    /// J_ik for sample n: p_i·(δ_ik − p_k), given the sample's probabilities.
    static func jacobian(_ probabilities: ArraySlice<Double>, _ i: Int, _ k: Int) -> Double {
        let base = probabilities.startIndex
        return probabilities[base + i] * ((i == k ? 1 : 0) - probabilities[base + k])
    }

    /// ∂L/∂z in the input's displayed shape.
    /// - Parameter outputGradient: ∂L/∂p in the displayed (K or N×K) or canonical shape.
    /// - Throws: `CoreError.shapeMismatch` when the gradient has neither shape.
    public func backward(outputGradient: Tensor) throws -> Tensor {
        let gradient = try samples.canonicalGradient(outputGradient).values
        let probabilities = forward().values
        var result = Array(repeating: 0.0, count: input.count)
        for n in 0..<samples.count {
            let row = probabilities[(n * width)..<((n + 1) * width)]
            for k in 0..<width {
                var sum = 0.0
                for i in 0..<width { sum += gradient[n * width + i] * Softmax.jacobian(row, i, k) }
                result[n * width + k] = sum
            }
        }
        return try! Tensor(shape: samples.displayShape, values: result)
    }

    /// J_ik = ∂p_i/∂z_k = p_i·(δ_ik − p_k) for sample n.
    public func explainJacobian(sample n: Int, _ i: Int, _ k: Int) -> Formula {
        let probabilities = forward().values
        let p = { (index: Int) in samples.factor(names.output, sample: n, index, values: probabilities) }
        let (pi, pk) = (p(i), p(k))
        let row = probabilities[(n * width)..<((n + 1) * width)]
        let delta = i == k ? "1" : "0"
        let subscripts = samples.isBatch ? [n, i, k] : [i, k]
        let target = Factor(name: "J", position: [n, i, k], subscripts: subscripts,
                            value: Softmax.jacobian(row, i, k))
        return Formula(target: target, operands: [pi, pk],
                       symbolicLine: "\(target.symbol) = ∂\(pi.symbol)/∂\(score(sample: n, k).symbol) = "
                           + "\(pi.symbol)·(\(delta) − \(pk.symbol))",
                       numericLine: "\(target.symbol) = \(Formula.text(pi.value))·(\(delta) − "
                           + "\(Formula.operand(pk.value))) = \(Formula.text(target.value))")
    }

    /// ∂L/∂z at canonical flat index n·K + k: ∂L/∂p_1·J_1k + … + ∂L/∂p_K·J_Kk.
    /// - Throws: `CoreError.shapeMismatch` when the gradient has neither the displayed nor the canonical shape.
    public func explainInputGradient(_ flat: Int, outputGradient: Tensor) throws -> Explanation {
        let gradient = try samples.canonicalGradient(outputGradient).values
        let (n, k) = flat.quotientAndRemainder(dividingBy: width)
        let probabilities = forward().values
        let row = probabilities[(n * width)..<((n + 1) * width)]
        var terms: [Term] = []
        var partial = 0.0
        for i in 0..<width {
            let g = samples.factor(TensorNames.gradient(names.output), sample: n, i, values: gradient)
            let j = Factor(name: "J", position: [n, i, k], subscripts: samples.isBatch ? [n, i, k] : [i, k],
                           value: Softmax.jacobian(row, i, k))
            let product = g.value * j.value
            partial += product
            terms.append(Term(factors: [g, j], product: product, partial: partial))
        }
        let target = Factor(name: TensorNames.gradient(names.input), position: [n, k],
                            subscripts: samples.subscripts(sample: n, k), value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial)
    }
}
