import CNNCore

/// conv-backward: the gradient the step names (weight, input or bias), each value a sum over the outputs.
extension PlanBuilder {

    func convBackwardPlan(_ fields: ConvBackwardFields) throws -> any StepPlan {
        let conv = try run {
            try Convolution(input: shifted(fields.input), filter: tensor(fields.filter), bias: fields.bias,
                            stride: fields.stride, padding: fields.padding)
        }
        // Forward, and the two gradients each a sum over the output: three times the forward work.
        try budget.charge(conv.outputCount, terms: 3 * conv.termsPerOutput, builder: self)
        let backward = try run { try conv.backward(outputGradient: tensor(fields.grad)) }
        let gradWeight = backward.weightGradient(), gradInput = backward.inputGradient()
        let gradBias = try! Tensor(shape: [1, 1, 1, conv.filterCount], values: backward.biasGradient())
        let gradientScale = backward.outputGradient.magnitude, inputScale = conv.input.magnitude, filterScale = conv.filters.magnitude
        let results: [String: NamedResult] = [
            "grad_weight": NamedResult(tensor: gradWeight.reshaped(conv.filterAxes.displayShape(gradWeight.shape)),
                                       explain: { backward.explainWeightGradient($0) }),
            "grad_input": NamedResult(tensor: gradInput.reshaped(conv.inputAxes.displayShape(gradInput.shape)),
                                      explain: { backward.explainInputGradient($0) }),
            "grad_bias": NamedResult(tensor: gradBias.reshaped([conv.filterCount]), explain: { backward.explainBiasGradient($0) }),
            "output": NamedResult(tensor: conv.forward().reshaped(conv.displayOutputShape), explain: { conv.explainOutput($0) }),
        ]
        let which = fields.gradient
        let gradientGrid: @Sendable (Int, Int, Int, Int, [Int]?) -> GridPanel = { n, k, fi, fj, active in
            let title = PlaneTitle.make("Gradient ∂L/∂O", batch: n, batchCount: conv.batchCount, channel: k,
                                        channelCount: conv.filterAxes.visible[0] ? conv.filterCount : 1, channelWord: "filter")
            return PlaneGrid(title: title, role: .gradient, name: "∂L/∂O", tensor: backward.outputGradient, mask: conv.outputAxes, plane: (n, k),
                             source: OperandPlane(operand: "grad", plane: conv.outputAxes.displayIndex([n, k, 0, 0]).dropLast(2)),
                             scale: gradientScale, focus: (fi, fj))
                .build(highlight: { row, column in active == [n, k, row, column] ? .active : .none })
        }
        let inputGrid: @Sendable (Int, Int, [Int]?, Bool) -> GridPanel = { n, c, active, isTarget in
            PlaneGrid(title: PlaneTitle.make("Input X" + (conv.padding == Extent2D(0) ? "" : " (zero-padded)"), batch: n, batchCount: conv.batchCount,
                                             channel: c, channelCount: conv.channels),
                      role: .input, name: "X", tensor: conv.input, mask: conv.inputAxes, plane: (n, c), padding: conv.padding,
                      source: OperandPlane(operand: "input", plane: conv.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)),
                      scale: inputScale, focus: (active?[2] ?? 0, active?[3] ?? 0))
                .build(highlight: { row, column in active == [n, c, row, column] ? .active : .none })
        }
        let filterGrid: @Sendable (Int, Int, [Int]?) -> GridPanel = { k, c, active in
            PlaneGrid(title: PlaneTitle.make("Filter " + Symbols.name("F", conv.filterAxes.visible[0] ? [k] : []), batch: nil, batchCount: 1,
                                             channel: c, channelCount: conv.channels),
                      role: .filter, name: "F", tensor: conv.filters, mask: conv.filterAxes, plane: (k, c),
                      source: OperandPlane(operand: "filter", plane: conv.filterAxes.displayIndex([k, c, 0, 0]).dropLast(2)), scale: filterScale)
                .build(highlight: { row, column in active == [k, c, row, column] ? .active : .none })
        }

        switch which {
        case .input:
            let (elements, isAll) = try elements(displayShape: conv.inputAxes.displayShape(conv.input.shape))
            let count: @Sendable (Int) -> Int = { flat in
                let position = CanonicalShape(conv.input.shape).position(flat)
                let rows = SlidingAxis.coveringCount(index: position.row, outputCount: conv.outputHeight,
                                                     size: conv.kernelHeight, stride: conv.stride.rows,
                                                     padding: conv.padding.rows)
                let columns = SlidingAxis.coveringCount(index: position.column, outputCount: conv.outputWidth,
                                                        size: conv.kernelWidth, stride: conv.stride.columns,
                                                        padding: conv.padding.columns)
                return conv.filterCount * rows * columns
            }
            let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: count, uniformTerms: nil)
            let target = gradInput
            let grids: @Sendable (WalkState) -> [GridPanel] = { state in
                let position = state.element.map { target.multiIndex($0) } ?? [0, 0, 0, 0]
                let g = state.activeTerm?.factors[0].position, w = state.activeTerm?.factors[1].position
                let k = g?[1] ?? 0
                return [gradientGrid(position[0], k, g?[2] ?? 0, g?[3] ?? 0, g), filterGrid(k, position[1], w),
                        PlaneGrid(title: PlaneTitle.make("∂L/∂X", batch: position[0], batchCount: conv.batchCount, channel: position[1], channelCount: conv.channels),
                                  role: .output, name: "∂L/∂X", tensor: target, mask: conv.inputAxes, plane: (position[0], position[1]),
                                  scale: target.magnitude, focus: (position[2], position[3]))
                            .build(highlight: { row, column in state.element.map { target.multiIndex($0) } == [position[0], position[1], row, column] ? .target : .none },
                                   hidden: { row, column in state.isPending(target.flatIndex([position[0], position[1], row, column]), walk: walk) })]
            }
            return ExplainedPlan(walk: walk, explain: { backward.explainInputGradient($0) }, termCount: count, grids: grids,
                                 extraFacts: { state in
                                     guard state.complete, state.explanation?.terms.isEmpty == true else { return [] }
                                     return ["No output window's stride lines up with this cell: its gradient is 0."]
                                 },
                                 results: results, mainResult: "grad_input", channelOf: nil)
        case .bias:
            let elements = Array(0..<conv.filterCount)
            let terms = conv.batchCount * conv.outputHeight * conv.outputWidth
            let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: true, addsBias: false, termCount: { _ in terms }, uniformTerms: terms)
            let grids: @Sendable (WalkState) -> [GridPanel] = { state in
                let k = state.element ?? 0
                let g = state.activeTerm?.factors[0].position
                let biasGrid = PlaneGrid(title: "∂L/∂b", role: .output, name: "∂L/∂b", tensor: gradBias, mask: AxisMask(rank: conv.filterAxes.visible[0] ? 1 : 0),
                                         plane: (0, 0), scale: gradBias.magnitude)
                    .build(highlight: { _, column in column == state.element ? .target : .none },
                           hidden: { _, column in state.isPending(column, walk: walk) })
                return [gradientGrid(g?[0] ?? 0, k, g?[2] ?? 0, g?[3] ?? 0, g), biasGrid]
            }
            return ExplainedPlan(walk: walk, explain: { backward.explainBiasGradient($0) }, termCount: { _ in terms }, grids: grids,
                                 extraFacts: { _ in [] }, results: results, mainResult: "grad_bias", channelOf: nil)
        case .weight:
            let (elements, isAll) = try elements(displayShape: conv.filterAxes.displayShape(conv.filters.shape))
            let terms = conv.batchCount * conv.outputHeight * conv.outputWidth
            let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: { _ in terms }, uniformTerms: terms)
            let target = gradWeight
            let grids: @Sendable (WalkState) -> [GridPanel] = { state in
                let position = state.element.map { target.multiIndex($0) } ?? [0, 0, 0, 0]
                let g = state.activeTerm?.factors[0].position, x = state.activeTerm?.factors[1].position
                let n = g?[0] ?? 0
                return [inputGrid(n, position[1], x, false), gradientGrid(n, position[0], g?[2] ?? 0, g?[3] ?? 0, g),
                        PlaneGrid(title: PlaneTitle.make(Symbols.name("∂L/∂F", conv.filterAxes.visible[0] ? [position[0]] : []), batch: nil, batchCount: 1,
                                                         channel: position[1], channelCount: conv.channels),
                                  role: .output, name: "∂L/∂F", tensor: target, mask: conv.filterAxes, plane: (position[0], position[1]),
                                  scale: target.magnitude)
                            .build(highlight: { row, column in state.element.map { target.multiIndex($0) } == [position[0], position[1], row, column] ? .target : .none },
                                   hidden: { row, column in state.isPending(target.flatIndex([position[0], position[1], row, column]), walk: walk) })]
            }
            return ExplainedPlan(walk: walk, explain: { backward.explainWeightGradient($0) }, termCount: { _ in terms }, grids: grids,
                                 extraFacts: { _ in [] }, results: results, mainResult: "grad_weight", channelOf: nil)
        }
    }
}
