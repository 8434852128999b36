import CNNCore

/// local-conv and tiled-conv: one output value at a time, its window lit and the filter that position uses shown,
/// with the weight counts of this layer, a convolution and a dense layer side by side.
extension PlanBuilder {
    func unsharedPlan(_ fields: UnsharedConvFields) throws -> any StepPlan {
        let filterRank = try tensor(fields.filter).rank
        let layer = try run {
            try LocallyConnected(input: shifted(fields.input), filters: tensor(fields.filter),
                                 sharing: fields.tiles.map { .tiled($0) } ?? .none, stride: fields.stride)
        }
        try budget.charge(layer.outputCount, terms: layer.termsPerOutput, builder: self)
        let output = layer.forward()
        let (elements, isAll) = try elements(displayShape: layer.displayOutputShape)
        let terms = layer.termsPerOutput
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             terms: terms)
        let explain: @Sendable (Int) -> Explanation = { layer.explainOutput($0) }
        let counts = layer.countFacts()
        let grids: @Sendable (WalkState) -> [GridPanel] = { state in UnsharedGrids(layer: layer, output: output,
            filterRank: filterRank).panels(state, walk: walk) }
        let facts: @Sendable (WalkState) -> [String] = { state in
            guard let element = state.element else { return counts }
            let position = CanonicalShape(layer.outputShape).position(element)
            let filter = layer.filterIndex(i: position.row, j: position.column)
            return ["This position uses filter \(IndexBase.current.shown(filter))."] + counts
        }
        let number: (Int, String, String) -> NamedResult = { count, line, hint in
            NamedResult(tensor: try! Tensor(shape: [1], values: [Double(count)]), explain: nil,
                        derivation: { _ in [line] }, hint: hint)
        }
        let hints = layer.countHints()
        let results = ["output": NamedResult(tensor: output.reshaped(layer.displayOutputShape), explain: explain),
                       "parameters": number(layer.parameterCount, counts[0], hints.parameters),
                       "conv_parameters": number(layer.convolutionParameterCount, counts[1], hints.convolution),
                       "dense_parameters": number(layer.denseParameterCount, counts[1], hints.dense)]
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in terms }, grids: grids, extraFacts: facts,
                             results: results, mainResult: "output", channelOf: nil,
                             mistakes: { flat, _ in QuizMistakes.otherTileFilter(layer, flat: flat) })
    }
}

extension LocallyConnected {
    /// The three weight counts, each with its arithmetic.
    func countFacts() -> [String] {
        let perFilter = channels * kernelHeight * kernelWidth, filterCount = filters.shape[0]
        let kind: String
        switch sharing {
        case .none: kind = "Locally connected: \(filterCount) positions × \(perFilter)"
        case .tiled(let t): kind = "Tiled, t = \(t): \(filterCount) filters × \(perFilter)"
        }
        let outputs = outputHeight * outputWidth, inputs = channels * height * width
        return ["Weights: \(kind) = \(parameterCount)",
                "Beside it: convolution \(convolutionParameterCount); "
                    + "dense \(outputs) outputs × \(inputs) inputs = \(denseParameterCount)"]
    }
}

extension LocallyConnected {
    /// How each count is made, with this layer's numbers, not worked out.
    func countHints() -> (parameters: String, convolution: String, dense: String) {
        let filterCount = filters.shape[0]
        let perFilter = "C·Kh·Kw = \(channels)·\(kernelHeight)·\(kernelWidth) weights"
        let which: String
        switch sharing {
        case .none: which = "one filter per output position, \(filterCount) of them"
        case .tiled(let t): which = "t·t = \(t)·\(t) filters"
        }
        return ("\(which), each of \(perFilter): multiply.",
                "one shared filter of \(perFilter).",
                "every output (\(outputHeight)·\(outputWidth)) to every input "
                    + "(\(channels)·\(height)·\(width)): multiply.")
    }
}

/// Input (window lit), the filter in use, the output.
struct UnsharedGrids {
    let layer: LocallyConnected
    let output: Tensor
    /// The rank the filters were written in, which decides how an edit finds its cell.
    let filterRank: Int

    /// Filter p, channel c of the operand as written; a 1-D bank (one row per filter) is not edited in place.
    func filterSource(p: Int, c: Int) -> OperandPlane? {
        filterRank >= 3 ? OperandPlane(operand: "filter", plane: Array([p, c].suffix(filterRank - 2))) : nil
    }

    func panels(_ state: WalkState, walk: ValueWalk) -> [GridPanel] {
        let shape = CanonicalShape(layer.outputShape)
        let position = state.focus.map { shape.position($0) } ?? (n: 0, c: 0, row: 0, column: 0)
        let p = layer.filterIndex(i: position.row, j: position.column)
        let active = state.activeTerm?.factors
        let c = active?[0].position[1] ?? 0
        let window = Window(i: position.row, j: position.column, size: Extent2D(rows: layer.kernelHeight,
            columns: layer.kernelWidth),
                            stride: layer.stride, padding: Extent2D(0))
        let x = PlaneGrid(title: PlaneTitle.make("Input X", batch: position.n, batchCount: layer.batchCount, channel: c,
                                                 channelCount: layer.channels),
                          role: .input, name: "X", tensor: layer.input, mask: layer.inputAxes, plane: (position.n, c),
                          source: OperandPlane(operand: "input", plane: layer.inputAxes.displayIndex([position.n, c,
                              0, 0]).dropLast(2)),
                          scale: layer.input.magnitude, focus: window.center)
            .build(highlight: { row, column in
                if active?[0].position == [position.n, c, row, column] { return .active }
                return state.element != nil && window.contains(row: row, column: column) ? .window : .none
            })
        let filterTitle = "Filter \(Symbols.name("F", [p])) of \(layer.filters.shape[0])"
        let f = PlaneGrid(title: PlaneTitle.make(filterTitle, batch: nil, batchCount: 1,
                                                 channel: c, channelCount: layer.channels),
                          role: .filter, name: "F", tensor: layer.filters, mask: layer.filterAxes, plane: (p, c),
                          source: filterSource(p: p, c: c),
                          scale: layer.filters.magnitude)
            .build(highlight: { row, column in active?[1].position == [p, c, row, column] ? .active : .none })
        let o = PlaneGrid(title: PlaneTitle.make("Output O", batch: position.n, batchCount: layer.batchCount,
            channel: nil,
                                                 channelCount: 1),
                          role: .output, name: "O", tensor: output, mask: layer.outputAxes, plane: (position.n, 0),
                          scale: output.magnitude, focus: (position.row, position.column))
            .build(highlight: { row, column in state.element == shape.flat(position.n, 0, row,
                column) ? .target : .none },
                   hidden: { row, column in state.isPending(shape.flat(position.n, 0, row, column), walk: walk) })
        return [x, f, o]
    }
}
