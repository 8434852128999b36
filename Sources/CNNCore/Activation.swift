/// ReLU, max(0, x), element by element, and its backward pass (the gradient passes where x > 0).
public struct ReLU: Sendable {
    public let input: Tensor
    public let names: TensorNames

    /// `names.input` is the pre-activation (default "O"), `names.output` the activation ("A").
    public init(input: Tensor, names: TensorNames = TensorNames(input: "O", output: "A")) {
        self.input = input
        self.names = names
    }

    public func forward() -> Tensor {
        var output = input
        for index in output.values.indices { output.values[index] = max(0, output.values[index]) }
        return output
    }

    /// ∂L/∂O = ∂L/∂A where O > 0, else 0. The gradient has the input's shape.
    public func backward(outputGradient: Tensor) throws -> Tensor {
        guard outputGradient.shape == input.shape else {
            throw CoreError.shapeMismatch(what: Subject(.gradient, "the gradient"), expected: input.shape,
                found: outputGradient.shape)
        }
        var result = outputGradient
        for index in result.values.indices where input.values[index] <= 0 { result.values[index] = 0 }
        return result
    }

    public func explainOutput(_ flat: Int) -> Explanation {
        let position = input.multiIndex(flat)
        let x = Factor(name: names.input, position: position, subscripts: position, value: input.values[flat])
        let value = max(0, x.value)
        let target = Factor(name: names.output, position: position, subscripts: position, value: value)
        return Explanation(target: target, reduction: .rectify, terms: [Term(factors: [x], product: x.value,
            partial: value)], value: value)
    }

    /// ∂L/∂O at flat index = ∂L/∂A · (1 if O > 0 else 0).
    public func explainInputGradient(_ flat: Int, outputGradient: Tensor) -> Explanation {
        let position = input.multiIndex(flat)
        let g = Factor(name: TensorNames.gradient(names.output), position: position, subscripts: position,
            value: outputGradient.values[flat])
        let passes = input.values[flat] > 0
        let gate = Factor.constant(passes ? "1" : "0", passes ? 1 : 0)
        let product = g.value * gate.value
        let target = Factor(name: TensorNames.gradient(names.input), position: position, subscripts: position,
            value: product)
        return Explanation(target: target, reduction: .sum, terms: [Term(factors: [g, gate], product: product,
            partial: product)], value: product)
    }
}
