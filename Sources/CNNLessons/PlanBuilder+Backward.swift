import CNNCore

extension PlanBuilder {
    // MARK: conv-backward

    func backwardPlan() throws -> any StepPlan {
        let conv = try run { try Convolution(input: input, filter: tensor("filter"), bias: computation.bias,
                                             stride: integer("stride", default: 1), padding: integer("padding", default: 0)) }
        let backward = try run { try conv.backward(outputGradient: tensor("grad")) }
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
        let which = computation.words["gradient"] ?? "weight"
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
            PlaneGrid(title: PlaneTitle.make(conv.filterAxes.visible[0] ? "Filter F\(k + 1)" : "Filter F", batch: nil, batchCount: 1,
                                             channel: c, channelCount: conv.channels),
                      role: .filter, name: "F", tensor: conv.filters, mask: conv.filterAxes, plane: (k, c),
                      source: OperandPlane(operand: "filter", plane: conv.filterAxes.displayIndex([k, c, 0, 0]).dropLast(2)), scale: filterScale)
                .build(highlight: { row, column in active == [k, c, row, column] ? .active : .none })
        }

        switch which {
        case "input":
            let (elements, isAll) = try elements(displayShape: conv.inputAxes.displayShape(conv.input.shape))
            let count: @Sendable (Int) -> Int = { flat in
                let column = flat % conv.width, row = (flat / conv.width) % conv.height
                let rows = (0..<conv.outputHeight).filter { i in (0..<conv.kernelHeight).contains(row + conv.padding.rows - i * conv.stride.rows) }.count
                let columns = (0..<conv.outputWidth).filter { j in (0..<conv.kernelWidth).contains(column + conv.padding.columns - j * conv.stride.columns) }.count
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
        case "bias":
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
        default:
            let (elements, isAll) = try elements(displayShape: conv.filterAxes.displayShape(conv.filters.shape))
            let terms = conv.batchCount * conv.outputHeight * conv.outputWidth
            let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: { _ in terms }, uniformTerms: terms)
            let target = gradWeight
            let grids: @Sendable (WalkState) -> [GridPanel] = { state in
                let position = state.element.map { target.multiIndex($0) } ?? [0, 0, 0, 0]
                let g = state.activeTerm?.factors[0].position, x = state.activeTerm?.factors[1].position
                let n = g?[0] ?? 0
                return [inputGrid(n, position[1], x, false), gradientGrid(n, position[0], g?[2] ?? 0, g?[3] ?? 0, g),
                        PlaneGrid(title: PlaneTitle.make(conv.filterAxes.visible[0] ? "∂L/∂F\(position[0] + 1)" : "∂L/∂F", batch: nil, batchCount: 1,
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

    // MARK: pool, pool-backward

    func poolingPlan() throws -> any StepPlan {
        let mode: Pooling.Mode = computation.words["mode"] == "avg" ? .average : .max
        let size = integer("size", default: 2)
        let pooling = try run { try Pooling(input: input, mode: mode, size: size, stride: computation.integers["stride"],
                                            padding: integer("padding", default: 0)) }
        let output = pooling.forward()
        let inputScale = pooling.input.magnitude
        var results = ["output": NamedResult(tensor: output.reshaped(pooling.displayOutputShape), explain: { pooling.explainOutput($0) })]
        let inputGrid: @Sendable (Int, Int, (Int, Int) -> Highlight, (Int, Int)) -> GridPanel = { n, c, highlight, focus in
            PlaneGrid(title: PlaneTitle.make(inputTitle + " X" + (pooling.padding == Extent2D(0) ? "" : " (padded)"), batch: n,
                                             batchCount: pooling.batchCount, channel: c, channelCount: pooling.channels),
                      role: .input, name: "X", tensor: pooling.input, mask: pooling.inputAxes, plane: (n, c), padding: pooling.padding,
                      source: OperandPlane(operand: "input", plane: pooling.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)),
                      scale: inputScale, focus: focus).build(highlight: highlight)
        }
        let window: @Sendable (Int, Int, Int, Int) -> Bool = { i, j, row, column in
            let origin = pooling.windowOrigin(i: i, j: j)
            return row >= origin.row && row < origin.row + pooling.size.rows && column >= origin.column && column < origin.column + pooling.size.columns
        }

        if computation.operation == .pool {
            let (elements, isAll) = try elements(displayShape: pooling.displayOutputShape)
            let count: @Sendable (Int) -> Int = { flat in
                guard mode == .max else { return pooling.size.rows * pooling.size.columns }
                let (_, _, i, j) = pooling.outputPosition(flat)
                let origin = pooling.windowOrigin(i: i, j: j)
                let rows = max(0, min(pooling.height, origin.row + pooling.size.rows) - max(0, origin.row))
                let columns = max(0, min(pooling.width, origin.column + pooling.size.columns) - max(0, origin.column))
                return rows * columns
            }
            let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: count,
                                 uniformTerms: mode == .average || pooling.padding == Extent2D(0) ? size * size : nil)
            let grids: @Sendable (WalkState) -> [GridPanel] = { state in
                let (n, c, i, j) = state.element.map { pooling.outputPosition($0) } ?? (0, 0, 0, 0)
                let active = state.activeTerm?.factors[0].position
                // The cell holding the running maximum among the terms shown so far.
                var leader: [Int]?
                if mode == .max, let explanation = state.explanation {
                    let shown = explanation.terms.prefix { $0 != state.activeTerm } + (state.activeTerm.map { [$0] } ?? [])
                    let running = state.complete ? explanation.value : (shown.last?.partial ?? 0)
                    leader = (state.complete ? explanation.terms : Array(shown)).first { $0.product == running }?.factors[0].position
                }
                let origin = pooling.windowOrigin(i: i, j: j)
                let x = inputGrid(n, c, { row, column in
                    if [n, c, row, column] == leader { return .winner }
                    if [n, c, row, column] == active { return .active }
                    return state.element != nil && window(i, j, row, column) ? .window : .none
                }, (origin.row + pooling.size.rows / 2, origin.column + pooling.size.columns / 2))
                let p = PlaneGrid(title: PlaneTitle.make(mode == .max ? "Max-pooled P" : "Average-pooled P", batch: n, batchCount: pooling.batchCount,
                                                         channel: c, channelCount: pooling.channels),
                                  role: .output, name: "P", tensor: output, mask: pooling.inputAxes, plane: (n, c), scale: output.magnitude, focus: (i, j))
                    .build(highlight: { row, column in state.element == ((n * pooling.channels + c) * pooling.outputHeight + row) * pooling.outputWidth + column ? .target : .none },
                           hidden: { row, column in state.isPending(((n * pooling.channels + c) * pooling.outputHeight + row) * pooling.outputWidth + column, walk: walk) })
                return [x, p]
            }
            return ExplainedPlan(walk: walk, explain: { pooling.explainOutput($0) }, termCount: count, grids: grids,
                                 extraFacts: { _ in [] }, results: results, mainResult: "output", channelOf: nil)
        }

        let gradient = try run { try tensor("grad") }
        let gradInput = try run { try pooling.backward(outputGradient: gradient) }
        let canonicalGradient = gradient.reshaped(pooling.outputShape)
        let explain: @Sendable (Int) -> Explanation = { try! pooling.explainInputGradient($0, outputGradient: canonicalGradient) }
        results["grad_input"] = NamedResult(tensor: gradInput.reshaped(pooling.inputAxes.displayShape(gradInput.shape)), explain: explain)
        let (elements, isAll) = try elements(displayShape: pooling.inputAxes.displayShape(pooling.input.shape))
        let count: @Sendable (Int) -> Int = { explain($0).terms.count }
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: count, uniformTerms: nil)
        let grids: @Sendable (WalkState) -> [GridPanel] = { state in
            let position = state.element.map { gradInput.multiIndex($0) } ?? [0, 0, 0, 0]
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

    // MARK: relu, relu-backward

    func reluPlan() throws -> any StepPlan {
        let raw = try input
        let relu = ReLU(input: raw)
        let (canonical, mask) = try run { try AxisMask.canonicalize(raw, what: .input) }
        let activated = relu.forward().reshaped(canonical.shape)
        var results = ["output": NamedResult(tensor: relu.forward(), explain: { relu.explainOutput($0) })]
        let gradient: Tensor? = computation.operation == .reluBackward ? try tensor("grad") : nil
        let gradInput: Tensor? = try gradient.map { given in try run { try relu.backward(outputGradient: given) } }
        if let gradient, let gradInput {
            results["grad_input"] = NamedResult(tensor: gradInput, explain: { relu.explainInputGradient($0, outputGradient: gradient) })
        }
        let target = gradInput ?? relu.forward()
        let (elements, isAll) = try elements(displayShape: raw.shape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, termCount: { _ in 1 }, uniformTerms: 1)
        let canonicalTarget = target.reshaped(canonical.shape), canonicalGradient = gradient?.reshaped(canonical.shape)
        let isBackward = gradient != nil
        let grids: @Sendable (WalkState) -> [GridPanel] = { state in
            let position = state.element.map { canonical.multiIndex($0) } ?? [0, 0, 0, 0]
            let (n, c) = (position[0], position[1])
            let here: (Int, Int) -> Bool = { row, column in state.element != nil && [n, c, row, column] == position }
            var panels = [PlaneGrid(title: PlaneTitle.make("Pre-activation O", batch: n, batchCount: canonical.shape[0], channel: c, channelCount: canonical.shape[1]),
                                    role: .input, name: "O", tensor: canonical, mask: mask, plane: (n, c),
                                    source: OperandPlane(operand: "input", plane: mask.displayIndex([n, c, 0, 0]).dropLast(2)),
                                    scale: canonical.magnitude, focus: (position[2], position[3]))
                .build(highlight: { row, column in here(row, column) ? .active : .none })]
            if let canonicalGradient {
                panels.append(PlaneGrid(title: "Gradient ∂L/∂A", role: .gradient, name: "∂L/∂A", tensor: canonicalGradient, mask: mask, plane: (n, c),
                                        source: OperandPlane(operand: "grad", plane: mask.displayIndex([n, c, 0, 0]).dropLast(2)),
                                        scale: canonicalGradient.magnitude, focus: (position[2], position[3]))
                    .build(highlight: { row, column in here(row, column) ? .active : .none }))
            }
            panels.append(PlaneGrid(title: isBackward ? "∂L/∂O" : "A = ReLU(O)", role: .output, name: isBackward ? "∂L/∂O" : "A",
                                    tensor: isBackward ? canonicalTarget : activated, mask: mask, plane: (n, c),
                                    scale: canonicalTarget.magnitude, focus: (position[2], position[3]))
                .build(highlight: { row, column in here(row, column) ? .target : .none },
                       hidden: { row, column in state.isPending(canonical.flatIndex([n, c, row, column]), walk: walk) }))
            return panels
        }
        let explain: @Sendable (Int) -> Explanation = { flat in
            if let gradient { return relu.explainInputGradient(flat, outputGradient: gradient) }
            return relu.explainOutput(flat)
        }
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in 1 }, grids: grids, extraFacts: { _ in [] },
                             results: results, mainResult: isBackward ? "grad_input" : "output", channelOf: nil)
    }

    // MARK: rotate, dilate, size, efficiency

    func reshapePlan() throws -> any StepPlan {
        let isRotation = computation.operation == .rotate
        let given = try tensor(isRotation ? "filter" : "grad")
        let (canonical, mask) = try run { try AxisMask.canonicalize(given, what: isRotation ? .filter : Subject(.gradient, "the gradient")) }
        let result = isRotation ? canonical.rotated180() : try run { try canonical.dilated(by: integer("stride", default: 2)) }
        let name = isRotation ? "F" : "∂L/∂O"
        var panels: [GridPanel] = []
        for a in 0..<canonical.shape[0] {
            for b in 0..<canonical.shape[1] {
                let suffix = canonical.shape[0] * canonical.shape[1] > 1 ? " \(mask.displayIndex([a, b, 0, 0]).dropLast(2).map { String($0 + 1) }.joined(separator: ","))" : ""
                panels.append(PlaneGrid(title: (isRotation ? "Filter F" : "Gradient ∂L/∂O") + suffix, role: isRotation ? .filter : .gradient, name: name,
                                        tensor: canonical, mask: mask, plane: (a, b),
                                        source: OperandPlane(operand: isRotation ? "filter" : "grad", plane: mask.displayIndex([a, b, 0, 0]).dropLast(2)),
                                        scale: canonical.magnitude).build())
                var panel = PlaneGrid(title: (isRotation ? "F rotated 180°" : "Spread out for stride \(integer("stride", default: 2))") + suffix,
                                      role: .output, name: name, tensor: result, mask: mask, plane: (a, b), scale: result.magnitude).build()
                // Each cell keeps the name of the element it came from; inserted zeros are plain 0.
                let (height, width) = (canonical.shape[2], canonical.shape[3])
                let step = isRotation ? 1 : integer("stride", default: 2)
                for row in panel.cells.indices {
                    for column in panel.cells[row].indices {
                        let original: (Int, Int)? = isRotation ? (height - 1 - row, width - 1 - column)
                            : (row % step == 0 && column % step == 0 ? (row / step, column / step) : nil)
                        panel.cells[row][column].symbol = original.map { Symbols.name(name, mask.subscripts([a, b, $0.0, $0.1])) } ?? "0"
                    }
                }
                panels.append(panel)
            }
        }
        let output = result.reshaped(mask.displayShape(result.shape))
        return StaticPlan(grids: panels, facts: [], quizFacts: [], results: ["output": NamedResult(tensor: output, explain: nil)], mainResult: "output")
    }

    func sizePlan() throws -> any StepPlan {
        let (n, f) = (integer("input_size", default: 0), integer("filter_size", default: 0))
        let (s, p) = (integer("stride", default: 1), integer("padding", default: 0))
        let size = try run { try OutputSize.compute(inputSize: n, filterSize: f, stride: s, padding: p) }
        let line = try run { try OutputSize.explain(inputSize: n, filterSize: f, stride: s, padding: p) }
        var facts = ["N = \(n), F = \(f), S = \(s), P = \(p)", line]
        if s == 1, let same = OutputSize.samePadding(filterSize: f), same == p { facts.append("P = (F − 1)/2 = \(same): the size is preserved (\"same\" padding).") }
        if (n + 2 * p - f) % s != 0 { facts.append("\(n + 2 * p - f) is not a multiple of \(s): the last \((n + 2 * p - f) % s) row(s) are never reached, hence the floor.") }
        return StaticPlan(grids: [], facts: facts, quizFacts: [facts[0], "⌊(N + 2P − F)/S⌋ + 1 = ?"],
                          results: ["output": NamedResult(tensor: try! Tensor(shape: [1], values: [Double(size)]), explain: nil)], mainResult: "output")
    }

    func efficiencyPlan() throws -> any StepPlan {
        guard let (h, w) = computation.pairs["input_size"], let (kh, kw) = computation.pairs["kernel_size"] else {
            throw issue("efficiency needs input_size: [H, W] and kernel_size: [Kh, Kw]")
        }
        let counts = try run { try EfficiencyCounts(inputHeight: h, inputWidth: w, kernelHeight: kh, kernelWidth: kw) }
        let grouped: (Int) -> String = { value in
            let digits = String(value)
            return digits.reversed().enumerated().map { $0.offset > 0 && $0.offset % 3 == 0 ? "\($0.element)," : "\($0.element)" }.reversed().joined()
        }
        let facts = [
            "Input \(h)×\(w), kernel \(kh)×\(kw), output \(counts.outputHeight)×\(counts.outputWidth) = \(grouped(counts.outputCount)) values",
            "Convolution:   stores \(grouped(counts.convolutionStored)) weights; \(grouped(counts.outputCount)) × \(2 * counts.kernelCount - 1) = \(grouped(counts.convolutionOperations)) multiplies and adds",
            "Dense matrix:  stores \(counts.outputHeight)×\(counts.outputWidth)×\(h)×\(w) = \(grouped(counts.denseStored)) weights; \(grouped(counts.denseOperations)) multiplies and adds",
            "Sparse matrix: stores \(counts.kernelCount)×\(counts.outputHeight)×\(counts.outputWidth) = \(grouped(counts.sparseStored)) weights; \(grouped(counts.sparseOperations)) multiplies and adds",
            "Dense needs \(grouped(counts.denseStored / max(counts.convolutionStored, 1)))× the storage of convolution and \(grouped(counts.denseOperations / max(counts.convolutionOperations, 1)))× its arithmetic.",
        ]
        var results: [String: NamedResult] = [:]
        for (name, value) in counts.named {
            results[name] = NamedResult(tensor: try! Tensor(shape: [1], values: [Double(value)]), explain: nil)
        }
        return StaticPlan(grids: [], facts: facts, quizFacts: [facts[0]], results: results, mainResult: "conv_ops")
    }
}
