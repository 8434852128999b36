import CNNCore

/// flatten, dense and dense-backward: vectors and the weight matrix drawn as grids, each value a sum of products.
extension PlanBuilder {
    func flattenPlan(_ fields: FlattenFields) throws -> any StepPlan {
        let given = try tensor(fields.input)
        // One grid is an image X; channels are feature maps P, as the lessons call the pooled maps.
        let names = TensorNames(input: given.rank == 2 ? "X" : "P", output: "a")
        let flatten = try run { try Flatten(input: given, names: names) }
        try budget.charge(flatten.input.count, terms: 1, builder: self)
        let output = flatten.forward()
        let (elements, isAll) = try elements(displayShape: output.shape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, terms: 1)
        let drawing = FlattenGrids(flatten: flatten, output: output, inputTitle: inputTitle, walk: walk)
        let explain: @Sendable (Int) -> Explanation = { flatten.explainOutput($0) }
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in 1 }, grids: { drawing.panels($0) },
                             extraFacts: { _ in [] },
                             results: ["output": NamedResult(tensor: output, explain: explain)],
                             mainResult: "output", channelOf: nil,
                             mistakes: { flat, _ in QuizMistakes.flatten(flatten, flat: flat) })
    }

    func densePlan(_ fields: DenseFields) throws -> any StepPlan {
        let input = try denseInput(fields.input)
        let dense = try run { try Dense(input: input, weights: tensor(fields.weights), bias: fields.bias) }
        try budget.charge(dense.samples.count * dense.outputSize, terms: dense.inputSize, builder: self)
        let output = dense.forward()
        let (elements, isAll) = try elements(displayShape: output.shape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: dense.bias != nil,
                             terms: dense.inputSize)
        let drawing = DenseGrids(dense: dense, output: output, inputTitle: inputTitle, walk: walk,
                                 isInputWritten: try tensor(fields.input).rank <= 2)
        let explain: @Sendable (Int) -> Explanation = { dense.explainOutput($0) }
        let terms = dense.inputSize
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in terms }, grids: { drawing.panels($0) },
                             extraFacts: { _ in [] },
                             results: ["output": NamedResult(tensor: output, explain: explain)],
                             mainResult: "output", channelOf: nil)
    }

    func denseBackwardPlan(_ fields: DenseBackwardFields) throws -> any StepPlan {
        let maps = try tensor(fields.input)
        let input = try denseInput(fields.input)
        let dense = try run { try Dense(input: input, weights: tensor(fields.weights), bias: fields.bias) }
        let backward = try run { try dense.backward(outputGradient: tensor(fields.grad)) }
        // The forward pass and the walked gradient, each a sum over the samples or the outputs.
        let work = dense.samples.count * dense.outputSize * dense.inputSize
        try budget.charge(work, terms: 3, builder: self)
        var results = Self.denseGradients(backward)
        // ∂L/∂a goes back to the maps in their shape, as the layer before them needs it (flat index for flat index).
        let main = "grad_" + fields.gradient.rawValue
        let walked = results[main]!
        results["grad_input"]?.tensor = backward.inputGradient().reshaped(maps.shape)
        let (elements, isAll) = try elements(displayShape: results[main]!.tensor.shape)
        let explain = walked.explain!
        let count: @Sendable (Int) -> Int = { explain($0).terms.count }
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             termCount: count, uniformTerms: nil)
        // Drawn as the vector the layer reads; the flat indices are the same.
        let drawing = DenseBackwardGrids(backward: backward, gradient: fields.gradient, result: walked.tensor,
                                         walk: walk, isInputWritten: maps.rank <= 2)
        return ExplainedPlan(walk: walk, explain: explain, termCount: count, grids: { drawing.panels($0) },
                             extraFacts: { _ in [] }, results: results, mainResult: main, channelOf: nil)
    }

    /// A dense layer's input: a vector (or a batch N×J) as it is, feature maps C×H×W as one vector (a batch
    /// N×C×H×W as N of them), a_j = P_chw as `flatten` lays them out.
    func denseInput(_ operand: OperandValue) throws -> Tensor {
        let given = try tensor(operand)
        switch given.rank {
        case 3: return given.reshaped([given.count])
        case 4: return given.reshaped([given.shape[0], given.count / max(given.shape[0], 1)])
        default: return given
        }
    }

    /// The three gradients and the layer's output, each gradient explained term by term.
    static func denseGradients(_ backward: DenseBackward) -> [String: NamedResult] {
        let dense = backward.dense
        let bias = backward.biasGradient()
        return [
            "grad_weight": NamedResult(tensor: backward.weightGradient(),
                                       explain: { backward.explainWeightGradient($0) }),
            "grad_bias": NamedResult(tensor: try! Tensor(shape: [bias.count], values: bias),
                                     explain: { backward.explainBiasGradient($0) }),
            "grad_input": NamedResult(tensor: backward.inputGradient(),
                                      explain: { backward.explainInputGradient($0) }),
            "output": NamedResult(tensor: dense.forward(), explain: { dense.explainOutput($0) }),
        ]
    }
}

/// The position as written of element j of sample n of a vector operation's layout: [j], or [n, j] in a batch.
private func written(_ samples: Samples, _ n: Int, _ j: Int) -> [Int] {
    samples.isBatch ? [n, j] : [j]
}

/// The flat index of a position as written.
private func flat(_ samples: Samples, _ position: [Int]) -> Int {
    samples.isBatch ? position[0] * samples.width + position[1] : position[0]
}

/// The grids of a flatten frame: the channel of the cell in focus, and the vector it is laid out in.
struct FlattenGrids: Sendable {
    let flatten: Flatten
    let output: Tensor
    let inputTitle: String
    let walk: ValueWalk

    func panels(_ state: WalkState) -> [GridPanel] {
        let layout = flatten.outputSamples
        let focus = state.focus ?? 0
        let (n, j) = focus.quotientAndRemainder(dividingBy: layout.width)
        let cell = CanonicalShape(flatten.input.shape).position(focus)
        let shape = CanonicalShape(flatten.input.shape)
        let plane = flatten.inputAxes.displayIndex([n, cell.c, 0, 0]).dropLast(2)
        let title = PlaneTitle.make("\(inputTitle) \(flatten.names.input)", batch: n, batchCount: shape.count,
                                    channel: cell.c, channelCount: shape.channels)
        let maps = PlaneGrid(title: title, role: .input, name: flatten.names.input, tensor: flatten.input,
                             mask: flatten.inputAxes, plane: (n, cell.c),
                             source: OperandPlane(operand: "input", plane: Array(plane)),
                             scale: flatten.input.magnitude, focus: (cell.row, cell.column))
            .build(highlight: { row, column in
                state.element != nil && (row, column) == (cell.row, cell.column) ? .active : .none
            })
        let here = written(layout, n, j)
        let vector = VectorGrid(title: "Vector \(flatten.names.output)", role: .output, name: flatten.names.output,
                                tensor: output, focus: here)
            .build(highlight: { state.element != nil && $0 == here ? .target : .none },
                   hidden: { state.isPending(flat(layout, $0), walk: walk) })
        return [maps, vector]
    }
}

/// The grids of a dense frame: the input vector, the weights with the row in use lit, the bias and the output.
struct DenseGrids: Sendable {
    let dense: Dense
    let output: Tensor
    let inputTitle: String
    let walk: ValueWalk
    /// The input is drawn as it was written (a vector), so its cells can be edited; maps are drawn flattened.
    let isInputWritten: Bool

    func panels(_ state: WalkState) -> [GridPanel] {
        let names = dense.names, samples = dense.samples, outputs = dense.outputSamples
        let (n, k) = (state.focus ?? 0).quotientAndRemainder(dividingBy: dense.outputSize)
        let j = state.activeTerm?.factors[0].position[1]
        let isComputing = state.element != nil
        let input = VectorGrid(title: "\(inputTitle) \(names.input)", role: .input, name: names.input,
                               tensor: dense.input.reshaped(samples.displayShape),
                               operand: isInputWritten ? "input" : nil, focus: written(samples, n, j ?? 0))
            .build(highlight: { position in
                if let j, position == written(samples, n, j) { return .active }
                return isComputing && (!samples.isBatch || position[0] == n) ? .window : .none
            })
        let weights = VectorGrid(title: "Weights \(names.filter)", role: .filter, name: names.filter,
                                 tensor: dense.weights, operand: "weights", focus: [k, j ?? 0])
            .build(highlight: { position in
                if let j, position == [k, j] { return .active }
                return isComputing && position[0] == k ? .window : .none
            })
        var panels = [input, weights]
        if let bias = dense.bias {
            let addsBias = isComputing && state.complete
            panels.append(VectorGrid(title: "Bias \(names.bias)", role: .filter, name: names.bias,
                                     tensor: try! Tensor(shape: [bias.count], values: bias), focus: [k])
                .build(highlight: { addsBias && $0 == [k] ? .active : .none }))
        }
        let here = written(outputs, n, k)
        panels.append(VectorGrid(title: "Output \(names.output)", role: .output, name: names.output, tensor: output,
                                 focus: here)
            .build(highlight: { isComputing && $0 == here ? .target : .none },
                   hidden: { state.isPending(flat(outputs, $0), walk: walk) }))
        return panels
    }
}

/// The grids of a dense-backward frame: ∂L/∂z, then what the walked gradient multiplies it by (the input for
/// ∂L/∂W, the weights for ∂L/∂a, nothing for ∂L/∂b), then the gradient.
struct DenseBackwardGrids: Sendable {
    let backward: DenseBackward
    let gradient: DenseBackwardFields.Gradient
    /// The walked gradient as written.
    let result: Tensor
    let walk: ValueWalk
    /// As in `DenseGrids`.
    let isInputWritten: Bool

    var dense: Dense { backward.dense }

    func panels(_ state: WalkState) -> [GridPanel] {
        let factors = state.activeTerm?.factors
        let focus = result.multiIndex(state.focus ?? 0)
        let active = factors?[0].position
        let outputs = dense.outputSamples
        let zName = TensorNames.gradient(dense.names.output)
        let upstream = VectorGrid(title: "Gradient \(zName)", role: .gradient, name: zName,
                                  tensor: backward.outputGradient.reshaped(outputs.displayShape), operand: "grad",
                                  focus: active.map { written(outputs, $0[0], $0[1]) } ?? [])
            .build(highlight: { position in
                active.map { position == written(outputs, $0[0], $0[1]) } == true ? .active : .none
            })
        return [upstream] + middle(state, focus: focus, second: factors?.dropFirst().first?.position)
            + [output(state, focus: focus)]
    }

    /// The input vector (∂L/∂W) or the weights (∂L/∂a), their factor of the term lit.
    func middle(_ state: WalkState, focus: [Int], second: [Int]?) -> [GridPanel] {
        let names = dense.names, samples = dense.samples
        switch gradient {
        case .bias:
            return []
        case .weight:
            let here = second.map { written(samples, $0[0], $0[1]) }
            return [VectorGrid(title: "Input \(names.input)", role: .input, name: names.input,
                               tensor: dense.input.reshaped(samples.displayShape),
                               operand: isInputWritten ? "input" : nil, focus: here ?? [])
                .build(highlight: { $0 == here ? .active : .none })]
        case .input:
            let j = focus.last ?? 0
            return [VectorGrid(title: "Weights \(names.filter)", role: .filter, name: names.filter,
                               tensor: dense.weights, operand: "weights", focus: second ?? [0, j])
                .build(highlight: { position in
                    if position == second { return .active }
                    return state.element != nil && position[1] == j ? .window : .none
                })]
        }
    }

    func output(_ state: WalkState, focus: [Int]) -> GridPanel {
        let letter = gradient == .weight ? dense.names.filter : gradient == .bias ? dense.names.bias : dense.names.input
        let name = TensorNames.gradient(letter)
        return VectorGrid(title: "Gradient \(name)", role: .output, name: name, tensor: result, focus: focus)
            .build(highlight: { state.element != nil && $0 == focus ? .target : .none },
                   hidden: { state.isPending(result.flatIndex($0), walk: walk) })
    }
}
