import CNNCore

/// pool with `across: channels`: at each position, the maximum (or mean) over a group of channels.
extension PlanBuilder {
    func crossChannelPlan(_ fields: PoolFields) throws -> any StepPlan {
        let input = try shifted(fields.input)
        let channels = input.rank >= 3 ? input.shape[input.rank - 3] : 1
        let names = computation.names
        let pooling = try run { try CrossChannelPooling(input: input, mode: fields.mode,
            group: fields.group ?? channels,
            names: TensorNames(input: names.symbol("input"), output: names.symbol("output"))) }
        try budget.charge(pooling.outputCount, terms: pooling.group, builder: self)
        let output = pooling.forward()
        let (elements, isAll) = try elements(displayShape: pooling.displayOutputShape)
        let group = pooling.group
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             terms: group)
        let explain: @Sendable (Int) -> Explanation = { pooling.explainOutput($0) }
        let grids: @Sendable (WalkState) -> [GridPanel] = { state in crossChannelPanels(pooling, output: output,
            names: names, state: state, walk: walk) }
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in group }, grids: grids,
            extraFacts: { _ in [] },
                             results: ["output": NamedResult(tensor: output.reshaped(pooling.displayOutputShape),
                                 explain: explain)],
                             mainResult: "output", channelOf: nil)
    }
}

/// The group's input channels, the position lit in each (the running winner marked), then the pooled plane.
private func crossChannelPanels(_ pooling: CrossChannelPooling, output: Tensor, names: StepNames, state: WalkState,
    walk: ValueWalk) -> [GridPanel] {
    let (x, p) = (pooling.names.input, pooling.names.output)
    let shape = CanonicalShape(pooling.outputShape)
    let position = state.focus.map { shape.position($0) } ?? (n: 0, c: 0, row: 0, column: 0)
    let active = state.activeTerm?.factors[0].position
    var leader: [Int]?
    if pooling.mode == .max, let explanation = state.explanation {
        let shown = state.complete ? explanation.terms : Array(explanation.terms.prefix { $0 != state.activeTerm })
            + (state.complete ? [] : state.activeTerm.map { [$0] } ?? [])
        leader = shown.max { $0.product < $1.product }?.factors[0].position
    }
    let group = (position.c * pooling.group)..<((position.c + 1) * pooling.group)
    var panels = group.map { c in
        PlaneGrid(title: PlaneTitle.make(names.title("input", else: "Input " + x), batch: position.n,
                                         batchCount: pooling.batchCount, channel: c,
                                         channelCount: pooling.channels),
                  role: .input, name: x, tensor: pooling.input, mask: pooling.inputAxes, plane: (position.n, c),
                  source: OperandPlane(operand: "input", plane: pooling.inputAxes.displayIndex([position.n, c, 0,
                      0]).dropLast(2)),
                  scale: pooling.input.magnitude, focus: (position.row, position.column))
            .build(highlight: { row, column in
                let cell = [position.n, c, row, column]
                if cell == leader { return .winner }
                if cell == active { return .active }
                return state.element != nil && row == position.row && column == position.column ? .window : .none
            })
    }
    let word = pooling.mode == .max ? "Max" : "Mean"
    panels.append(PlaneGrid(title: PlaneTitle.make(names.title("output", else: "\(word) over channels \(p)"),
        batch: position.n,
        batchCount: pooling.batchCount,
                                                   channel: position.c, channelCount: pooling.outputChannels),
                            role: .output, name: p, tensor: output, mask: pooling.inputAxes, plane: (position.n,
                                position.c),
                            scale: output.magnitude, focus: (position.row, position.column))
        .build(highlight: { row, column in state.element == shape.flat(position.n, position.c, row,
            column) ? .target : .none },
               hidden: { row, column in state.isPending(shape.flat(position.n, position.c, row, column), walk: walk) }))
    return panels
}
