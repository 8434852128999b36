import CNNCore

/// pool and pool-backward: one window at a time, the running maximum or sum lit.
extension PlanBuilder {
    func poolPlan(_ fields: PoolFields) throws -> any StepPlan {
        let pooling = try pooling(fields, passes: 1)
        let drawing = PoolingGrids(pooling: pooling, inputTitle: inputTitle, names: computation.names)
        let (elements, isAll) = try elements(displayShape: pooling.displayOutputShape)
        let count: @Sendable (Int) -> Int = { flat in
            guard pooling.mode == .max else { return pooling.size.rows * pooling.size.columns }
            let (_, _, i, j) = pooling.outputPosition(flat)
            return pooling.window(i: i, j: j).clipped(height: pooling.height, width: pooling.width).count
        }
        let uniform = pooling.mode == .average || pooling.padding == Extent2D(0)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             termCount: count, uniformTerms: uniform ? fields.size * fields.size : nil)
        return ExplainedPlan(walk: walk, explain: { pooling.explainOutput($0) }, termCount: count,
                             grids: { drawing.forwardPanels($0, walk: walk) }, extraFacts: { _ in [] },
                             results: drawing.forwardResults, mainResult: "output", channelOf: nil,
                             mistakes: { flat, _ in QuizMistakes.pooling(pooling, flat: flat) })
    }

    func poolBackwardPlan(_ fields: PoolBackwardFields) throws -> any StepPlan {
        let pooling = try pooling(fields.pool, passes: 2)
        let gradient = try run { try tensor(fields.grad) }
        let gradInput = try run { try pooling.backward(outputGradient: gradient) }
        let drawing = PoolingGrids(pooling: pooling, inputTitle: inputTitle, names: computation.names,
                                   gradient: gradient.reshaped(pooling.outputShape), gradInput: gradInput)
        let explain = drawing.explainInputGradient
        var results = drawing.forwardResults
        results["grad_input"] = NamedResult(tensor: gradInput.reshaped(pooling.inputAxes.displayShape(gradInput.shape)),
                                            explain: explain)
        let (elements, isAll) = try elements(displayShape: pooling.inputAxes.displayShape(pooling.input.shape))
        let count: @Sendable (Int) -> Int = { explain($0).terms.count }
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             termCount: count, uniformTerms: nil)
        let noTerms = pooling.mode == .max ? "This cell wins no window: no gradient reaches it."
            : "No window covers this cell."
        return ExplainedPlan(walk: walk, explain: explain, termCount: count,
                             grids: { drawing.backwardPanels($0, walk: walk) },
                             extraFacts: { state in
                                 state.complete && state.explanation?.terms.isEmpty == true ? [noTerms] : []
                             },
                             results: results, mainResult: "grad_input", channelOf: nil)
    }

    /// The layer, its work charged: `passes` is 1 for the forward pass, 2 with the backward pass.
    func pooling(_ fields: PoolFields, passes: Int) throws -> Pooling {
        let names = computation.names
        let pooling = try run {
            try Pooling(input: shifted(fields.input), mode: fields.mode, size: fields.size, stride: fields.stride,
                        padding: fields.padding,
                        names: TensorNames(input: names.symbol("input"), output: names.symbol("output")))
        }
        try budget.charge(pooling.outputCount, terms: passes * pooling.size.rows * pooling.size.columns, builder: self)
        return pooling
    }
}

/// The grids of a pooling frame: the input with the window (and its winner) lit, then the pooled output, or for
/// the backward pass the output gradient and the input gradient.
struct PoolingGrids: Sendable {
    let pooling: Pooling
    let inputTitle: String
    /// What the step calls its grids (`names:`).
    let names: StepNames
    let output: Tensor
    let inputScale, outputScale: Double
    /// ∂L/∂P in the output's canonical shape, and ∂L/∂X (backward pass only).
    let gradient, gradInput: Tensor?

    init(pooling: Pooling, inputTitle: String, names: StepNames, gradient: Tensor? = nil, gradInput: Tensor? = nil) {
        self.pooling = pooling
        self.inputTitle = inputTitle
        self.names = names
        output = pooling.forward()
        inputScale = pooling.input.magnitude
        outputScale = output.magnitude
        self.gradient = gradient
        self.gradInput = gradInput
    }

    var forwardResults: [String: NamedResult] {
        let pooling = pooling
        return ["output": NamedResult(tensor: output.reshaped(pooling.displayOutputShape),
                                      explain: { pooling.explainOutput($0) })]
    }

    var explainInputGradient: @Sendable (Int) -> Explanation {
        let (pooling, gradient) = (pooling, gradient ?? output)
        return { try! pooling.explainInputGradient($0, outputGradient: gradient) }
    }

    func inputPanel(n: Int, c: Int, focus: (Int, Int), highlight: (Int, Int) -> Highlight) -> GridPanel {
        let x = pooling.names.input
        let base = names.title("input", else: inputTitle + " " + x)
        let title = PlaneTitle.make(base + (pooling.padding == Extent2D(0) ? "" : " (padded)"), batch: n,
                                    batchCount: pooling.batchCount, channel: c, channelCount: pooling.channels)
        let plane = pooling.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)
        return PlaneGrid(title: title, role: .input, name: x, tensor: pooling.input, mask: pooling.inputAxes,
                         plane: (n, c), padding: pooling.padding,
                         source: OperandPlane(operand: "input", plane: Array(plane)), scale: inputScale, focus: focus)
            .build(highlight: highlight)
    }

    /// The cell holding the running maximum among the terms shown so far.
    func leader(_ state: WalkState) -> [Int]? {
        guard pooling.mode == .max, let explanation = state.explanation else { return nil }
        let shown = explanation.terms.prefix { $0 != state.activeTerm } + (state.activeTerm.map { [$0] } ?? [])
        let running = state.complete ? explanation.value : (shown.last?.partial ?? 0)
        return (state.complete ? explanation.terms : Array(shown)).first { $0.product == running }?.factors[0].position
    }

    func forwardPanels(_ state: WalkState, walk: ValueWalk) -> [GridPanel] {
        let (n, c, i, j) = state.focus.map { pooling.outputPosition($0) } ?? (0, 0, 0, 0)
        let active = state.activeTerm?.factors[0].position, leader = leader(state)
        let window = pooling.window(i: i, j: j)
        let x = inputPanel(n: n, c: c, focus: window.center) { row, column in
            if [n, c, row, column] == leader { return .winner }
            if [n, c, row, column] == active { return .active }
            return state.element != nil && window.contains(row: row, column: column) ? .window : .none
        }
        let made = (pooling.mode == .max ? "Max-pooled " : "Average-pooled ") + pooling.names.output
        let title = PlaneTitle.make(names.title("output", else: made), batch: n,
                                    batchCount: pooling.batchCount, channel: c, channelCount: pooling.channels)
        let shape = CanonicalShape(pooling.outputShape)
        let p = PlaneGrid(title: title, role: .output, name: pooling.names.output, tensor: output,
                          mask: pooling.inputAxes,
                          plane: (n, c), scale: outputScale, focus: (i, j))
            .build(highlight: { row, column in state.element == shape.flat(n, c, row, column) ? .target : .none },
                   hidden: { row, column in state.isPending(shape.flat(n, c, row, column), walk: walk) })
        return [x, p]
    }

    /// The winners of every window of plane (n, c), so the student sees where each gradient is routed.
    func winners(n: Int, c: Int) -> Set<[Int]> {
        guard pooling.mode == .max else { return [] }
        return Set((0..<pooling.outputHeight).flatMap { i in
            (0..<pooling.outputWidth).map { j in
                let best = pooling.argmax(n: n, c: c, i: i, j: j)
                return [best.row, best.column]
            }
        })
    }

    func backwardPanels(_ state: WalkState, walk: ValueWalk) -> [GridPanel] {
        guard let gradient, let gradInput else { return [] }
        let inputShape = CanonicalShape(gradInput.shape)
        let position = state.focus.map { inputShape.position($0) } ?? (n: 0, c: 0, row: 0, column: 0)
        let (n, c) = (position.n, position.c)
        let here = [n, c, position.row, position.column]
        let g = state.activeTerm?.factors[0].position
        let winners = winners(n: n, c: c)
        let x = inputPanel(n: n, c: c, focus: (position.row, position.column)) { row, column in
            if [n, c, row, column] == here && state.element != nil { return .target }
            if let g, pooling.window(i: g[2], j: g[3]).contains(row: row, column: column) {
                return winners.contains([row, column]) ? .winner : .window
            }
            return winners.contains([row, column]) ? .winner : .none
        }
        let plane = pooling.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)
        let (dpName, dxName) = (names.symbol("grad"), names.symbol("grad_input"))
        let dp = PlaneGrid(title: PlaneTitle.make(names.title("grad", else: "Gradient " + dpName), batch: n,
                                                  batchCount: pooling.batchCount, channel: c,
                                                  channelCount: pooling.channels),
                           role: .gradient, name: dpName, tensor: gradient, mask: pooling.inputAxes, plane: (n, c),
                           source: OperandPlane(operand: "grad", plane: Array(plane)),
                           scale: gradient.magnitude, focus: (g?[2] ?? 0, g?[3] ?? 0))
            .build(highlight: { row, column in g == [n, c, row, column] ? .active : .none })
        let dx = PlaneGrid(title: PlaneTitle.make(names.title("grad_input", else: dxName), batch: n,
                                                  batchCount: pooling.batchCount, channel: c,
                                                  channelCount: pooling.channels),
                           role: .output, name: dxName, tensor: gradInput, mask: pooling.inputAxes, plane: (n, c),
                           scale: gradInput.magnitude, focus: (position.row, position.column))
            .build(highlight: { row, column in state.element != nil && [n, c, row, column] == here ? .target : .none },
                   hidden: { row, column in state.isPending(inputShape.flat(n, c, row, column), walk: walk) })
        return [x, dp, dx]
    }
}

extension Pooling {
    /// The input cells (padding included) output (i, j) pools.
    func window(i: Int, j: Int) -> Window {
        Window(i: i, j: j, size: size, stride: stride, padding: padding)
    }
}
