/// Flatten: a sample's C×H×W feature maps laid out as one vector for a dense layer, a_j = P_chw with
/// j = (c·H + h)·W + w — row by row, channel after channel. Nothing is computed: each a_j is one input value, and
/// its gradient goes back to the cell it came from.
public struct Flatten: Sendable {
    /// Canonical N×C×H×W.
    public let input: Tensor
    public let inputAxes: AxisMask
    /// input "P" (the pooled maps), output "a".
    public let names: TensorNames

    /// - Parameters:
    ///   - input: H×W, C×H×W or a batch N×C×H×W.
    ///   - names: the letters the explanations use.
    /// - Throws: `CoreError.badRank` unless the input has rank 2 to 4.
    public init(input: Tensor, names: TensorNames = TensorNames(input: "P", output: "a")) throws {
        guard (2...4).contains(input.rank) else {
            throw CoreError.badRank(what: .input, rank: input.rank, allowed: "2 (H×W), 3 (C×H×W) or 4 (N×C×H×W)")
        }
        (self.input, self.inputAxes) = try AxisMask.canonicalize(input, what: .input)
        self.names = names
    }

    /// The output's layout: one vector of C·H·W values a sample, a batch when the input had N.
    public var outputSamples: Samples {
        Samples(count: input.shape[0], width: input.count / input.shape[0], isBatch: inputAxes.visible[0])
    }

    /// The vector (C·H·W) or the batch of vectors (N×C·H·W): the input's values in the same order.
    public func forward() -> Tensor { input.reshaped(outputSamples.displayShape) }

    /// ∂L/∂P in the input's displayed shape: each ∂L/∂a_j back in the cell a_j came from.
    /// - Throws: `CoreError.shapeMismatch` unless the gradient has the output's displayed or canonical shape.
    public func backward(outputGradient: Tensor) throws -> Tensor {
        let gradient = try outputSamples.canonicalGradient(outputGradient)
        return gradient.reshaped(inputAxes.displayShape(input.shape))
    }

    /// a_j at canonical flat index n·(C·H·W) + j: the input cell it copies.
    public func explainOutput(_ flat: Int) -> Explanation {
        let position = input.multiIndex(flat)
        let source = Factor(name: names.input, position: position, subscripts: inputAxes.subscripts(position),
                            value: input.values[flat])
        let layout = outputSamples
        let (n, j) = flat.quotientAndRemainder(dividingBy: layout.width)
        let target = Factor(name: names.output, position: [n, j], subscripts: layout.subscripts(sample: n, j),
                            value: source.value)
        return Explanation(target: target, reduction: .sum,
                           terms: [Term(factors: [source], product: source.value, partial: source.value)],
                           value: source.value)
    }

    /// ∂L/∂P at canonical flat index: the gradient of the a_j the cell became.
    public func explainInputGradient(_ flat: Int, outputGradient: Tensor) throws -> Explanation {
        let gradient = try outputSamples.canonicalGradient(outputGradient)
        let layout = outputSamples
        let (n, j) = flat.quotientAndRemainder(dividingBy: layout.width)
        let source = layout.factor(TensorNames.gradient(names.output), sample: n, j, values: gradient.values)
        let position = input.multiIndex(flat)
        let target = Factor(name: TensorNames.gradient(names.input), position: position,
                            subscripts: inputAxes.subscripts(position), value: source.value)
        return Explanation(target: target, reduction: .sum,
                           terms: [Term(factors: [source], product: source.value, partial: source.value)],
                           value: source.value)
    }
}
