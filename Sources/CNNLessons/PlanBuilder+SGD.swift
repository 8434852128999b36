import CNNCore
import CNNNetwork

/// sgd-step: the whole network's forward and backward pass on one image, every parameter moved by −η·∂L/∂W, and
/// the image's loss again with the new weights. The frames walk the weights of one layer.
extension PlanBuilder {
    func sgdStepPlan(_ fields: SGDStepFields) throws -> any StepPlan {
        let side = DigitImage.side
        let input = try tensor(fields.input)
        guard input.shape == [side, side] else {
            throw issue("sgd-step reads one \(side)×\(side) image; this is \(Shape.describe(input.shape))",
                        field: "input")
        }
        guard fields.label < TinyCNN.classCount else {
            throw issue("label \(fields.label + 1) is not one of the network's \(TinyCNN.classCount) classes",
                        field: "label")
        }
        // Two forward passes and one backward pass, each about the network's multiply-adds.
        try budget.charge(3 * SGDStep.multiplyAdds, terms: 1, builder: self)
        let step = SGDStep(weights: fields.network, input: input.reshaped([1, 1, side, side]), label: fields.label,
                           learningRate: fields.learningRate, layer: fields.layer)
        let (elements, isAll) = try elements(displayShape: step.updated.shape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, terms: 1)
        let lines: @Sendable (Int) -> [DerivationLine] = { [.formula(step.explainUpdate($0))] }
        return DerivationPlan(walk: walk, lines: lines, grids: { step.panels($0, walk: walk) },
                              facts: step.facts, resultFacts: step.resultFacts,
                              results: step.results(derivation: { DerivationPlan.worked(lines($0)) }),
                              mainResult: "new_weight",
                              mistakes: { QuizMistakes.descent(step.explainUpdate($0), learningRate: step.learningRate) })
    }
}

/// One step of gradient descent on one image, by the network's own passes (`ForwardPass`, `BackwardPass`).
struct SGDStep: Sendable {
    /// conv 6·6·4 outputs × 9 terms, dense 10 × 36.
    static let multiplyAdds = TinyCNN.convolvedSide * TinyCNN.convolvedSide * TinyCNN.filterCount
        * TinyCNN.kernelSize * TinyCNN.kernelSize + TinyCNN.classCount * TinyCNN.featureCount
    let layer: SGDStepFields.Layer
    let learningRate: Double
    let label: Int
    let before, after: ForwardPass
    /// The walked layer's weights, their gradient and the updated weights, as the lessons write them: the filters
    /// 4×1×3×3, the dense weights 10×36.
    let weights, gradient, updated: Tensor
    let bias, biasGradient, updatedBias: [Double]

    init(weights network: NetworkWeights, input: Tensor, label: Int, learningRate: Double,
         layer: SGDStepFields.Layer) {
        (self.layer, self.learningRate, self.label) = (layer, learningRate, label)
        before = ForwardPass(weights: network, input: input, labels: [label])
        let gradients = before.backward().gradients
        let next = network.descending(gradients, learningRate: learningRate)
        after = ForwardPass(weights: next, input: input, labels: [label])
        let isConv = layer == .conv
        (weights, gradient, updated) = isConv ? (network.filters, gradients.filters, next.filters)
            : (network.denseWeights, gradients.denseWeights, next.denseWeights)
        (bias, biasGradient, updatedBias) = isConv ? (network.filterBias, gradients.filterBias, next.filterBias)
            : (network.denseBias, gradients.denseBias, next.denseBias)
    }

    var letter: String { layer == .conv ? "F" : "W" }

    func factor(_ name: String, _ tensor: Tensor, _ flat: Int) -> Factor {
        let position = tensor.multiIndex(flat)
        return Factor(name: name, position: position, subscripts: position, value: tensor.values[flat])
    }

    /// W′ = W − η·∂L/∂W for the weight at flat index `flat`, computed as `NetworkWeights.descending` computes it.
    func explainUpdate(_ flat: Int) -> Formula {
        let w = factor(letter, weights, flat), g = factor(TensorNames.gradient(letter), gradient, flat)
        let target = factor(letter + "′", updated, flat)
        return Formula(target: target, operands: [w, g],
                       symbolicLine: "\(target.symbol) = \(w.symbol) − η·\(g.symbol)",
                       numericLine: "\(target.symbol) = \(NumberFormat.string(w.value)) − "
                           + "\(Self.bracketed(learningRate))·\(Self.bracketed(g.value)) = "
                           + NumberFormat.string(target.value))
    }

    /// A number after an operator, negative ones in brackets: 0.3·(−0.02).
    static func bracketed(_ value: Double) -> String {
        let text = NumberFormat.string(value)
        return text.hasPrefix("-") ? "(" + text + ")" : text
    }

    var facts: [String] {
        ["η = \(NumberFormat.string(learningRate)); the digit is a \(label), "
            + "so y\(IndexBase.current.shown(label)) = 1.",
         "Before the step: L = \(NumberFormat.string(before.meanLoss)), "
            + "p\(IndexBase.current.shown(label)) = \(NumberFormat.string(probability(before)))."]
    }

    var resultFacts: [String] {
        ["After the step: L = \(NumberFormat.string(after.meanLoss)), "
            + "p\(IndexBase.current.shown(label)) = \(NumberFormat.string(probability(after)))."]
    }

    func probability(_ pass: ForwardPass) -> Double { pass.probabilities.values[label] }

    func results(derivation: @escaping @Sendable (Int) -> [String]) -> [String: NamedResult] {
        let number = { (value: Double) in NamedResult(tensor: try! Tensor(shape: [1], values: [value])) }
        let vector = { (values: [Double]) in NamedResult(tensor: try! Tensor(shape: [values.count], values: values)) }
        return ["grad_weight": NamedResult(tensor: gradient),
                "new_weight": NamedResult(tensor: updated, explain: nil, derivation: derivation),
                "grad_bias": vector(biasGradient), "new_bias": vector(updatedBias),
                "loss": number(before.meanLoss), "new_loss": number(after.meanLoss),
                "probability": number(probability(before)), "new_probability": number(probability(after))]
    }

    /// W, ∂L/∂W and W′ (for the conv layer, the filter of the weight in focus).
    func panels(_ state: WalkState, walk: ValueWalk) -> [GridPanel] {
        let focus = updated.multiIndex(state.focus ?? 0)
        let isComputing = state.element != nil
        let lit: ([Int]) -> Highlight = { isComputing && $0 == focus ? .active : .none }
        let grids = [(weights, letter, GridRole.filter, "Weights \(letter)"),
                     (gradient, TensorNames.gradient(letter), GridRole.gradient, "Gradient ∂L/∂\(letter)"),
                     (updated, letter + "′", GridRole.output, "Updated \(letter)′")]
        return grids.map { tensor, name, role, title in
            let isOutput = role == .output
            return grid(tensor, name: name, role: role, title: title, focus: focus,
                        highlight: { isOutput ? (isComputing && $0 == focus ? .target : .none) : lit($0) },
                        hidden: { isOutput && state.isPending(tensor.flatIndex($0), walk: walk) })
        }
    }

    /// A dense matrix as it is; a filter bank one filter at a time, the filter in focus.
    func grid(_ tensor: Tensor, name: String, role: GridRole, title: String, focus: [Int],
              highlight: @escaping ([Int]) -> Highlight, hidden: @escaping ([Int]) -> Bool) -> GridPanel {
        guard layer == .conv else {
            return VectorGrid(title: title, role: role, name: name, tensor: tensor, focus: focus)
                .build(highlight: highlight, hidden: hidden)
        }
        let k = focus[0]
        return PlaneGrid(title: "\(title), filter \(IndexBase.current.shown(k))",
                         role: role, name: name, tensor: tensor, mask: AxisMask(rank: 4), plane: (k, 0),
                         scale: tensor.magnitude, focus: (focus[2], focus[3]))
            .build(highlight: { highlight([k, 0, $0, $1]) }, hidden: { hidden([k, 0, $0, $1]) })
    }
}
