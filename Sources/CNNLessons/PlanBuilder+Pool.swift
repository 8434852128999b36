import CNNCore

/// pool and pool-backward: one window at a time, the running maximum or sum lit.
extension PlanBuilder {
    func poolPlan(_ fields: PoolFields) throws -> any StepPlan {
        try poolingPlan(fields, gradientOperand: nil)
    }

    func poolBackwardPlan(_ fields: PoolBackwardFields) throws -> any StepPlan {
        try poolingPlan(fields.pool, gradientOperand: fields.grad)
    }

    func poolingPlan(_ fields: PoolFields, gradientOperand: OperandValue?) throws -> any StepPlan {
        let (mode, size) = (fields.mode, fields.size)
        let pooling = try run {
            try Pooling(input: shifted(fields.input), mode: mode, size: size, stride: fields.stride,
                        padding: fields.padding)
        }
        // The forward pass, then for the backward pass every input cell's sum over the windows covering it.
        let passes = gradientOperand == nil ? 1 : 2
        try budget.charge(pooling.outputCount, terms: passes * pooling.size.rows * pooling.size.columns, builder: self)
        let output = pooling.forward()
        let inputScale = pooling.input.magnitude, inputTitle = self.inputTitle
        var results = ["output": NamedResult(tensor: output.reshaped(pooling.displayOutputShape), explain: { pooling.explainOutput($0) })]
        let inputGrid: @Sendable (Int, Int, (Int, Int) -> Highlight, (Int, Int)) -> GridPanel = { n, c, highlight, focus in
            PlaneGrid(title: PlaneTitle.make(inputTitle + " X" + (pooling.padding == Extent2D(0) ? "" : " (padded)"), batch: n,
                                             batchCount: pooling.batchCount, channel: c, channelCount: pooling.channels),
                      role: .input, name: "X", tensor: pooling.input, mask: pooling.inputAxes, plane: (n, c), padding: pooling.padding,
                      source: OperandPlane(operand: "input", plane: pooling.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)),
                      scale: inputScale, focus: focus).build(highlight: highlight)
        }
        let window: @Sendable (Int, Int, Int, Int) -> Bool = { i, j, row, column in
            pooling.window(i: i, j: j).contains(row: row, column: column)
        }

        guard let gradientOperand else {
            let (elements, isAll) = try elements(displayShape: pooling.displayOutputShape)
            let count: @Sendable (Int) -> Int = { flat in
                guard mode == .max else { return pooling.size.rows * pooling.size.columns }
                let (_, _, i, j) = pooling.outputPosition(flat)
                return pooling.window(i: i, j: j).clipped(height: pooling.height, width: pooling.width).count
            }
            let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: count,
                                 uniformTerms: mode == .average || pooling.padding == Extent2D(0) ? size * size : nil)
            let outputShape = CanonicalShape(pooling.outputShape)
            let grids: @Sendable (WalkState) -> [GridPanel] = { state in
                let (n, c, i, j) = state.focus.map { pooling.outputPosition($0) } ?? (0, 0, 0, 0)
                let active = state.activeTerm?.factors[0].position
                // The cell holding the running maximum among the terms shown so far.
                var leader: [Int]?
                if mode == .max, let explanation = state.explanation {
                    let shown = explanation.terms.prefix { $0 != state.activeTerm } + (state.activeTerm.map { [$0] } ?? [])
                    let running = state.complete ? explanation.value : (shown.last?.partial ?? 0)
                    leader = (state.complete ? explanation.terms : Array(shown)).first { $0.product == running }?.factors[0].position
                }
                let window = pooling.window(i: i, j: j)
                let x = inputGrid(n, c, { row, column in
                    if [n, c, row, column] == leader { return .winner }
                    if [n, c, row, column] == active { return .active }
                    return state.element != nil && window.contains(row: row, column: column) ? .window : .none
                }, window.center)
                let p = PlaneGrid(title: PlaneTitle.make(mode == .max ? "Max-pooled P" : "Average-pooled P", batch: n, batchCount: pooling.batchCount,
                                                         channel: c, channelCount: pooling.channels),
                                  role: .output, name: "P", tensor: output, mask: pooling.inputAxes, plane: (n, c), scale: output.magnitude, focus: (i, j))
                    .build(highlight: { row, column in state.element == outputShape.flat(n, c, row, column) ? .target : .none },
                           hidden: { row, column in state.isPending(outputShape.flat(n, c, row, column), walk: walk) })
                return [x, p]
            }
            return ExplainedPlan(walk: walk, explain: { pooling.explainOutput($0) }, termCount: count, grids: grids,
                                 extraFacts: { _ in [] }, results: results, mainResult: "output", channelOf: nil,
                                 mistakes: { flat, _ in QuizMistakes.pooling(pooling, flat: flat) })
        }

        let gradient = try run { try tensor(gradientOperand) }
        let gradInput = try run { try pooling.backward(outputGradient: gradient) }
        let canonicalGradient = gradient.reshaped(pooling.outputShape)
        let explain: @Sendable (Int) -> Explanation = { try! pooling.explainInputGradient($0, outputGradient: canonicalGradient) }
        results["grad_input"] = NamedResult(tensor: gradInput.reshaped(pooling.inputAxes.displayShape(gradInput.shape)), explain: explain)
        let (elements, isAll) = try elements(displayShape: pooling.inputAxes.displayShape(pooling.input.shape))
        let count: @Sendable (Int) -> Int = { explain($0).terms.count }
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: count, uniformTerms: nil)
        let grids: @Sendable (WalkState) -> [GridPanel] = { state in
            let position = state.focus.map { gradInput.multiIndex($0) } ?? [0, 0, 0, 0]
            let (n, c) = (position[0], position[1])
            let g = state.activeTerm?.factors[0].position
            // The winners of every window, so the student sees where each gradient is routed.
            let winners: Set<[Int]> = mode == .max ? Set((0..<pooling.outputHeight).flatMap { i in (0..<pooling.outputWidth).map { j in
                let best = pooling.argmax(n: n, c: c, i: i, j: j)
                return [best.row, best.column]
            } }) : []
            let x = inputGrid(n, c, { row, column in
                if [n, c, row, column] == position && state.element != nil { return .target }
                if let g, window(g[2], g[3], row, column) { return winners.contains([row, column]) ? .winner : .window }
                return winners.contains([row, column]) ? .winner : .none
            }, (position[2], position[3]))
            let dp = PlaneGrid(title: PlaneTitle.make("Gradient ∂L/∂P", batch: n, batchCount: pooling.batchCount, channel: c, channelCount: pooling.channels),
                               role: .gradient, name: "∂L/∂P", tensor: canonicalGradient, mask: pooling.inputAxes, plane: (n, c),
                               source: OperandPlane(operand: "grad", plane: pooling.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)),
                               scale: canonicalGradient.magnitude, focus: (g?[2] ?? 0, g?[3] ?? 0))
                .build(highlight: { row, column in g == [n, c, row, column] ? .active : .none })
            let dx = PlaneGrid(title: PlaneTitle.make("∂L/∂X", batch: n, batchCount: pooling.batchCount, channel: c, channelCount: pooling.channels),
                               role: .output, name: "∂L/∂X", tensor: gradInput, mask: pooling.inputAxes, plane: (n, c),
                               scale: gradInput.magnitude, focus: (position[2], position[3]))
                .build(highlight: { row, column in state.element != nil && [n, c, row, column] == position ? .target : .none },
                       hidden: { row, column in state.isPending(gradInput.flatIndex([n, c, row, column]), walk: walk) })
            return [x, dp, dx]
        }
        return ExplainedPlan(walk: walk, explain: explain, termCount: count, grids: grids,
                             extraFacts: { state in
                                 guard state.complete, state.explanation?.terms.isEmpty == true else { return [] }
                                 return [mode == .max ? "This cell wins no window: no gradient reaches it." : "No window covers this cell."]
                             },
                             results: results, mainResult: "grad_input", channelOf: nil)
    }
}

extension Pooling {
    /// The input cells (padding included) output (i, j) pools.
    func window(i: Int, j: Int) -> Window {
        Window(i: i, j: j, size: size, stride: stride, padding: padding)
    }
}
