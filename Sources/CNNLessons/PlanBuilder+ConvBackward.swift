import CNNCore

/// conv-backward: the gradient the step names (weight, input or bias), each value a sum over the outputs.
extension PlanBuilder {
    func convBackwardPlan(_ fields: ConvBackwardFields) throws -> any StepPlan {
        let conv = try run {
            try Convolution(input: shifted(fields.input), filter: tensor(fields.filter), bias: fields.bias,
                            stride: fields.stride, padding: fields.padding, dilation: fields.dilation,
                            groups: fields.groups, names: computation.names.tensorNames)
        }
        // Forward, and the two gradients each a sum over the output: three times the forward work.
        try budget.charge(conv.outputCount, terms: 3 * conv.termsPerOutput, builder: self)
        let backward = try run { try conv.backward(outputGradient: tensor(fields.grad)) }
        let drawing = BackwardGrids(backward: backward, names: computation.names)
        switch fields.gradient {
        case .input: return try inputGradientPlan(drawing)
        case .bias: return biasGradientPlan(drawing)
        case .weight: return try weightGradientPlan(drawing)
        }
    }

    func inputGradientPlan(_ drawing: BackwardGrids) throws -> any StepPlan {
        let conv = drawing.conv
        let (elements, isAll) = try elements(displayShape: conv.inputAxes.displayShape(conv.input.shape))
        let backward = drawing.backward
        // Dilation and stride leave some (output, tap) pairs out: the explanation knows which remain.
        let count: @Sendable (Int) -> Int = { backward.explainInputGradient($0).terms.count }
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             termCount: count, uniformTerms: nil)
        return ExplainedPlan(walk: walk, explain: { backward.explainInputGradient($0) }, termCount: count,
                             grids: { drawing.inputGradientPanels($0, walk: walk) },
                             extraFacts: { state in
                                 guard state.complete, state.explanation?.terms.isEmpty == true else { return [] }
                                 return ["No output window's stride lines up with this cell: its gradient is 0."]
                             },
                             results: drawing.results, mainResult: "grad_input", channelOf: nil,
                             mistakes: { flat, _ in
                                 let explanation = backward.explainInputGradient(flat)
                                 return QuizMistakes.filtersNotSummed(explanation)
                                     + QuizMistakes.unrotatedFilter(backward, flat: flat)
                                     + QuizMistakes.gradientSign(explanation)
                             },
                             focusFacts: conv.groupFacts { conv.channelGroup(ofChannel: conv.channel(ofInput: $0)) })
    }

    func biasGradientPlan(_ drawing: BackwardGrids) -> any StepPlan {
        let conv = drawing.conv
        let terms = conv.batchCount * conv.outputHeight * conv.outputWidth
        let walk = ValueWalk(walk: computation.walk, elements: Array(0..<conv.filterCount), isAll: true,
                             addsBias: false, terms: terms)
        let backward = drawing.backward
        return ExplainedPlan(walk: walk, explain: { backward.explainBiasGradient($0) }, termCount: { _ in terms },
                             grids: { drawing.biasGradientPanels($0, walk: walk) }, extraFacts: { _ in [] },
                             results: drawing.results, mainResult: "grad_bias", channelOf: nil,
                             mistakes: { flat, _ in QuizMistakes.averagedSum(backward.explainBiasGradient(flat)) })
    }

    func weightGradientPlan(_ drawing: BackwardGrids) throws -> any StepPlan {
        let conv = drawing.conv
        let (elements, isAll) = try elements(displayShape: conv.filterAxes.displayShape(conv.filters.shape))
        let terms = conv.batchCount * conv.outputHeight * conv.outputWidth
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             terms: terms)
        let backward = drawing.backward
        return ExplainedPlan(walk: walk, explain: { backward.explainWeightGradient($0) }, termCount: { _ in terms },
                             grids: { drawing.weightGradientPanels($0, walk: walk) }, extraFacts: { _ in [] },
                             results: drawing.results, mainResult: "grad_weight", channelOf: nil,
                             mistakes: { flat, _ in
                                 let explanation = backward.explainWeightGradient(flat)
                                 return QuizMistakes.batchAveraged(explanation, batch: conv.batchCount)
                                     + QuizMistakes.gradientSign(explanation)
                             },
                             focusFacts: conv.groupFacts { conv.channelGroup(ofFilter: conv.filter(ofWeight: $0)) })
    }
}

/// The gradients of a convolution layer, and the grids that show how each value of one of them is summed.
struct BackwardGrids: Sendable {
    let backward: ConvolutionBackward
    /// What the step calls its grids (`names:`).
    let names: StepNames
    let gradWeight, gradInput, gradBias: Tensor
    let gradientScale, inputScale, filterScale: Double

    init(backward: ConvolutionBackward, names: StepNames) {
        self.backward = backward
        self.names = names
        gradWeight = backward.weightGradient()
        gradInput = backward.inputGradient()
        gradBias = try! Tensor(shape: [1, 1, 1, backward.convolution.filterCount], values: backward.biasGradient())
        gradientScale = backward.outputGradient.magnitude
        inputScale = backward.convolution.input.magnitude
        filterScale = backward.convolution.filters.magnitude
    }

    var conv: Convolution { backward.convolution }

    var results: [String: NamedResult] {
        let (conv, backward) = (conv, backward)
        return [
            "grad_weight": NamedResult(tensor: gradWeight.reshaped(conv.filterAxes.displayShape(gradWeight.shape)),
                                       explain: { backward.explainWeightGradient($0) }),
            "grad_input": NamedResult(tensor: gradInput.reshaped(conv.inputAxes.displayShape(gradInput.shape)),
                                      explain: { backward.explainInputGradient($0) }),
            "grad_bias": NamedResult(tensor: gradBias.reshaped([conv.filterCount]),
                                     explain: { backward.explainBiasGradient($0) }),
            "output": NamedResult(tensor: conv.forward().reshaped(conv.displayOutputShape),
                                  explain: { conv.explainOutput($0) }),
        ]
    }

    func gradientPanel(n: Int, k: Int, focus: (Int, Int), active: [Int]?) -> GridPanel {
        let title = PlaneTitle.make(names.title("grad", else: "Gradient " + names.symbol("grad")), batch: n,
                                    batchCount: conv.batchCount, channel: k,
                                    channelCount: conv.filterAxes.visible[0] ? conv.filterCount : 1,
                                    channelWord: "filter")
        let plane = conv.outputAxes.displayIndex([n, k, 0, 0]).dropLast(2)
        return PlaneGrid(title: title, role: .gradient, name: names.symbol("grad"), tensor: backward.outputGradient,
                         mask: conv.outputAxes, plane: (n, k), source: OperandPlane(operand: "grad",
                                 plane: Array(plane)),
                         scale: gradientScale, focus: focus)
            .build(highlight: { row, column in active == [n, k, row, column] ? .active : .none })
    }

    func inputPanel(n: Int, c: Int, active: [Int]?) -> GridPanel {
        let x = names.symbol("input")
        let padded = conv.padding == Extent2D(0) ? "" : " (zero-padded)"
        let title = PlaneTitle.make(names.title("input", else: "Input " + x) + padded, batch: n,
                                    batchCount: conv.batchCount, channel: c, channelCount: conv.channels)
        let plane = conv.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)
        return PlaneGrid(title: title, role: .input, name: x, tensor: conv.input, mask: conv.inputAxes, plane: (n, c),
                         padding: conv.padding, source: OperandPlane(operand: "input", plane: Array(plane)),
                         scale: inputScale, focus: (active?[2] ?? 0, active?[3] ?? 0))
            .build(highlight: { row, column in active == [n, c, row, column] ? .active : .none })
    }

    /// Channel `c` (the filter's own, 0..<C/G) of filter `k`.
    func filterPanel(k: Int, c: Int, active: [Int]?) -> GridPanel {
        let f = names.symbol("filter")
        let numbered = conv.filterAxes.visible[0]
        let name = names.filterTitle(k, numbered: numbered, else: "Filter " + Symbols.name(f, numbered ? [k] : []))
        let title = PlaneTitle.make(name, batch: nil, batchCount: 1, channel: c, channelCount: conv.channelsPerGroup)
        let plane = conv.filterAxes.displayIndex([k, c, 0, 0]).dropLast(2)
        return PlaneGrid(title: title, role: .filter, name: f, tensor: conv.filters, mask: conv.filterAxes,
                         plane: (k, c), source: OperandPlane(operand: "filter",
                                                             plane: Array(plane)), scale: filterScale)
            .build(highlight: { row, column in active == [k, c, row, column] ? .active : .none })
    }

    /// A result plane with the value in focus lit and the values not reached yet hidden.
    func resultPanel(_ title: String, name: String, tensor: Tensor, mask: AxisMask, plane: (Int, Int),
                     focus: (Int, Int), state: WalkState, walk: ValueWalk) -> GridPanel {
        let shape = CanonicalShape(tensor.shape)
        let grid = PlaneGrid(title: title, role: .output, name: name, tensor: tensor, mask: mask, plane: plane,
                             scale: tensor.magnitude, focus: focus)
        return grid.build(
            highlight: { row, column in state.element == shape.flat(plane.0, plane.1, row, column) ? .target : .none },
            hidden: { row, column in state.isPending(shape.flat(plane.0, plane.1, row, column), walk: walk) })
    }

    func inputGradientPanels(_ state: WalkState, walk: ValueWalk) -> [GridPanel] {
        let position = state.focus.map { CanonicalShape(gradInput.shape).position($0) } ?? (n: 0, c: 0, row: 0,
                column: 0)
        let g = state.activeTerm?.factors[0].position, w = state.activeTerm?.factors[1].position
        let group = conv.channelGroup(ofChannel: position.c)
        let k = g?[1] ?? group.filters.lowerBound
        let dx = names.symbol("grad_input")
        let title = PlaneTitle.make(names.title("grad_input", else: dx), batch: position.n,
                                    batchCount: conv.batchCount, channel: position.c,
                                    channelCount: conv.channels)
        // A quiz asks for the whole sum: the ∂L/∂O plane and the weights of every filter of the group.
        let filters = state.isAsking ? Array(group.filters) : [k]
        let operands = filters.flatMap { k in
            [gradientPanel(n: position.n, k: k, focus: (g?[2] ?? 0, g?[3] ?? 0), active: g),
             filterPanel(k: k, c: position.c - group.channels.lowerBound, active: w)]
        }
        return operands + [resultPanel(title, name: dx, tensor: gradInput, mask: conv.inputAxes,
                                       plane: (position.n, position.c), focus: (position.row, position.column),
                                       state: state, walk: walk)]
    }

    func biasGradientPanels(_ state: WalkState, walk: ValueWalk) -> [GridPanel] {
        let k = state.focus ?? 0
        let g = state.activeTerm?.factors[0].position
        let biasGrid = PlaneGrid(title: "∂L/∂b", role: .output, name: "∂L/∂b", tensor: gradBias,
                                 mask: AxisMask(rank: conv.filterAxes.visible[0] ? 1 : 0), plane: (0, 0),
                                 scale: gradBias.magnitude)
            .build(highlight: { _, column in column == state.element ? .target : .none },
                   hidden: { _, column in state.isPending(column, walk: walk) })
        return [gradientPanel(n: g?[0] ?? 0, k: k, focus: (g?[2] ?? 0, g?[3] ?? 0), active: g), biasGrid]
    }

    func weightGradientPanels(_ state: WalkState, walk: ValueWalk) -> [GridPanel] {
        let position = state.focus.map { CanonicalShape(gradWeight.shape).position($0) } ?? (n: 0, c: 0, row: 0,
                column: 0)
        let (k, c) = (position.n, position.c)
        let g = state.activeTerm?.factors[0].position, x = state.activeTerm?.factors[1].position
        let n = g?[0] ?? 0
        let df = names.symbol("grad_weight")
        let name = names.given["grad_weight"]?.title
            ?? Symbols.name(df, conv.filterAxes.visible[0] ? [k] : [])
        let title = PlaneTitle.make(name, batch: nil, batchCount: 1, channel: c, channelCount: conv.channelsPerGroup)
        // A quiz asks for the sum over the whole batch: every image beside its ∂L/∂O.
        let images = state.isAsking ? Array(0..<conv.batchCount) : [n]
        let operands = images.flatMap { n in
            [inputPanel(n: n, c: conv.channelGroup(ofFilter: k).channels.lowerBound + c, active: x),
             gradientPanel(n: n, k: k, focus: (g?[2] ?? 0, g?[3] ?? 0), active: g)]
        }
        return operands + [resultPanel(title, name: df, tensor: gradWeight, mask: conv.filterAxes,
                                       plane: (k, c), focus: (0, 0), state: state, walk: walk)]
    }
}
