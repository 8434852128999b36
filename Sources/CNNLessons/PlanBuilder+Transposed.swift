import CNNCore

/// transposed: every output value gathered term by term (`form: gather`), each input value scattering a scaled
/// copy of the filter (`form: scatter`), or the zero-inserted input convolved with the flipped filter
/// (`form: zero-insertion`). All three give the same `output`.
extension PlanBuilder {
    func transposedPlan(_ fields: TransposedFields) throws -> any StepPlan {
        let transposed = try run {
            try TransposedConvolution(input: tensor(fields.input), filter: tensor(fields.filter), bias: fields.bias,
                                      stride: fields.stride, padding: fields.padding,
                                      outputPadding: fields.outputPadding,
                                      dilation: fields.dilation)
        }
        try budget.charge(transposed.input.count, terms: transposed.filters.count / transposed.inputChannels,
            builder: self)
        let output = transposed.forward()
        let sizes = try run { try transposed.sizeFacts() }
        switch fields.form {
        case .gather: return try gatherPlan(transposed, output: output, sizes: sizes)
        case .scatter: return ScatterPlan(transposed: transposed, output: output, sizes: sizes)
        case .zeroInsertion: return try zeroInsertionPlan(transposed, sizes: sizes)
        }
    }

    func gatherPlan(_ transposed: TransposedConvolution, output: Tensor, sizes: [String]) throws -> any StepPlan {
        let display = transposed.displayOutputShape
        let (elements, isAll) = try elements(displayShape: display)
        let explain: @Sendable (Int) -> Explanation = { transposed.explainOutput($0) }
        let count: @Sendable (Int) -> Int = { explain($0).terms.count }
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: transposed.bias != nil,
                             termCount: count, uniformTerms: nil)
        let drawing = TransposedGrids(transposed: transposed, output: output)
        let grids: @Sendable (WalkState) -> [GridPanel] = { state in
            let position = state.focus.map { transposed.outputPosition($0) } ?? [0, 0, 0, 0]
            let sources = Set(state.explanation?.terms.map { $0.factors[0].position } ?? [])
            let active = state.activeTerm?.factors
            let x = drawing.inputPanel(n: position[0], c: active?[0].position[1] ?? 0) { cell in
                if cell == active?[0].position { return .active }
                return sources.contains(cell) ? .window : .none
            }
            let (ci, co) = (active?[1].position[0] ?? 0, position[1])
            let f = drawing.filterPanel(ci: ci, co: co) { cell in cell == active?[1].position ? .active : .none }
            let o = drawing.outputPanel(tensor: output, n: position[0], co: co, focus: (position[2], position[3]),
                                        highlight: { $0 == position && state.element != nil ? .target : .none },
                                        hidden: { flat in state.isPending(flat, walk: walk) })
            return [x, f, o]
        }
        let facts: @Sendable (WalkState) -> [String] = { state in
            guard state.complete, state.explanation?.terms.isEmpty == true else { return sizes }
            return sizes + ["No input's filter copy reaches this cell: only the bias (or 0) is left."]
        }
        return ExplainedPlan(walk: walk, explain: explain, termCount: count, grids: grids, extraFacts: facts,
                             results: ["output": NamedResult(tensor: output.reshaped(display), explain: explain)],
                             mainResult: "output", channelOf: nil,
                             mistakes: { flat, _ in QuizMistakes.transposed(transposed, flat: flat) })
    }

    func zeroInsertionPlan(_ transposed: TransposedConvolution, sizes: [String]) throws -> any StepPlan {
        let form = try run { try transposed.zeroInsertionForm() }
        let between = transposed.stride.columns - 1, border = form.border.columns
        let spread = "Z: S − 1 = \(between) zero\(between == 1 ? "" : "s") between inputs, a border of "
            + "D·(K − 1) − P = \(border)" + (border < 0 ? " (negative: cells cut away)" : "")
        return try convolutionPlan(form.convolution, relu: false, inputTitle: "Zero-inserted Z",
                                   extraResults: ["spread": NamedResult(tensor: form.spread, explain: nil)],
                                   facts: sizes + [spread])
    }
}

extension TransposedConvolution {
    /// The output-size arithmetic: one line, or one per axis when height and width differ.
    func sizeFacts() throws -> [String] {
        let widthLine = try OutputSize.explainTransposed(
            inputSize: width, filterSize: kernelWidth, stride: stride.columns, padding: padding.columns,
            outputPadding: outputPadding.columns, dilation: dilation.columns)
        guard inputAxes.visible[2], height != width || kernelHeight != kernelWidth else {
            return ["Output size: " + widthLine]
        }
        let heightLine = try OutputSize.explainTransposed(
            inputSize: height, filterSize: kernelHeight, stride: stride.rows, padding: padding.rows,
            outputPadding: outputPadding.rows, dilation: dilation.rows)
        return ["Output height: " + heightLine, "Output width: " + widthLine]
    }
}

/// The grids of a transposed convolution: an input plane, a filter plane, an output plane.
struct TransposedGrids: Sendable {
    let transposed: TransposedConvolution
    let output: Tensor

    func inputPanel(n: Int, c: Int, highlight: @escaping ([Int]) -> Highlight) -> GridPanel {
        let t = transposed
        let title = PlaneTitle.make("Input X", batch: n, batchCount: t.batchCount, channel: c,
            channelCount: t.inputChannels)
        return PlaneGrid(title: title, role: .input, name: "X", tensor: t.input, mask: t.inputAxes, plane: (n, c),
                         source: OperandPlane(operand: "input", plane: t.inputAxes.displayIndex([n, c, 0,
                             0]).dropLast(2)),
                         scale: t.input.magnitude)
            .build(highlight: { row, column in highlight([n, c, row, column]) })
    }

    func filterPanel(ci: Int, co: Int, highlight: @escaping ([Int]) -> Highlight) -> GridPanel {
        let t = transposed
        var title = "Filter F"
        let base = IndexBase.current
        if t.filterAxes.visible[0] { title += ", in \(base.shown(ci)) → out \(base.shown(co))" }
        return PlaneGrid(title: title, role: .filter, name: "F", tensor: t.filters, mask: t.filterAxes, plane: (ci, co),
                         source: OperandPlane(operand: "filter", plane: t.filterAxes.displayIndex([ci, co, 0,
                             0]).dropLast(2)),
                         scale: t.filters.magnitude)
            .build(highlight: { row, column in highlight([ci, co, row, column]) })
    }

    func outputPanel(tensor: Tensor, title: String = "Output O", role: GridRole = .output, n: Int, co: Int,
                     focus: (Int, Int), highlight: @escaping ([Int]) -> Highlight,
                     hidden: @escaping (Int) -> Bool) -> GridPanel {
        let t = transposed
        let shape = CanonicalShape(t.outputShape)
        let heading = PlaneTitle.make(title, batch: n, batchCount: t.batchCount, channel: co,
                                      channelCount: t.filterAxes.visible[0] ? t.outputChannels : 1)
        return PlaneGrid(title: heading, role: role, name: "O", tensor: tensor, mask: t.outputAxes, plane: (n, co),
                         scale: max(output.magnitude, tensor.magnitude), focus: focus)
            .build(highlight: { row, column in highlight([n, co, row, column]) },
                   hidden: { row, column in hidden(shape.flat(n, co, row, column)) })
    }
}

/// The scatter form, one frame per input value: that value times the filter, placed at (i·S − P, j·S − P) with
/// taps D apart, beside the output accumulated so far. A last frame adds the bias when there is one.
struct ScatterPlan: StepPlan {
    let transposed: TransposedConvolution
    let output: Tensor
    let sizes: [String]

    var frameCount: Int { transposed.input.count + (transposed.bias == nil ? 0 : 1) }
    func valueStart(containing local: Int) -> Int { local }
    func nextValueStart(after local: Int) -> Int? { local + 1 < frameCount ? local + 1 : nil }
    var results: [String: NamedResult] {
        let explain: @Sendable (Int) -> Explanation = { [transposed] in transposed.explainOutput($0) }
        return ["output": NamedResult(tensor: output.reshaped(transposed.displayOutputShape), explain: explain)]
    }
    var mainResult: String { "output" }
    func knownMistakes(asking flat: Int, of result: String) -> [KnownMistake] {
        QuizMistakes.transposed(transposed, flat: flat)
    }

    /// Canonical output tensors: the copy input `local` scatters, and the sum of the copies of inputs 0…local.
    func accumulate(through local: Int) -> (copy: [Int: Double], sum: [Double], reached: Set<Int>) {
        let shape = CanonicalShape(transposed.outputShape)
        var sum = Array(repeating: 0.0, count: transposed.outputCount)
        var copy: [Int: Double] = [:], reached: Set<Int> = []
        for flat in 0...min(local, transposed.input.count - 1) {
            for contribution in transposed.scatter(flat) {
                let p = contribution.output, index = shape.flat(p[0], p[1], p[2], p[3])
                sum[index] += contribution.product
                reached.insert(index)
                if flat == local { copy[index, default: 0] += contribution.product }
            }
        }
        return (copy, sum, reached)
    }

    func body(at local: Int) -> FrameBody {
        guard local < transposed.input.count else { return biasBody() }
        let (copy, sum, reached) = accumulate(through: local)
        let drawing = TransposedGrids(transposed: transposed, output: output)
        let cell = CanonicalShape(transposed.input.shape).position(local)
        let x = drawing.inputPanel(n: cell.n, c: cell.c) { $0 == [cell.n, cell.c, cell.row,
            cell.column] ? .active : .none }
        let contributions = transposed.scatter(local)
        let co = contributions.first?.output[1] ?? 0
        let f = drawing.filterPanel(ci: cell.c, co: co) { _ in .window }
        let copyTensor = try! Tensor(shape: transposed.outputShape,
                                     values: (0..<transposed.outputCount).map { copy[$0] ?? 0 })
        let focus = contributions.first.map { ($0.output[2], $0.output[3]) } ?? (0, 0)
        let copyPanel = drawing.outputPanel(tensor: copyTensor, title: "\(xSymbol(contributions, local)) · F placed",
                                            role: .derived, n: cell.n, co: co, focus: focus,
                                            highlight: { copy[flat($0)] != nil ? .window : .none },
                                            hidden: { copy[$0] == nil })
        let sumTensor = try! Tensor(shape: transposed.outputShape, values: sum)
        let sumPanel = drawing.outputPanel(tensor: sumTensor, title: "Output O so far", n: cell.n, co: co, focus: focus,
                                           highlight: { copy[flat($0)] != nil ? .target : .none },
                                           hidden: { !reached.contains($0) })
        return FrameBody(grids: [x, f, copyPanel, sumPanel], facts: sizes + scatterLines(contributions),
                         progress: "input value \(local + 1) of \(transposed.input.count)")
    }

    func biasBody() -> FrameBody {
        let drawing = TransposedGrids(transposed: transposed, output: output)
        let panel = drawing.outputPanel(tensor: output, n: 0, co: 0, focus: (0, 0), highlight: { _ in .none },
                                        hidden: { _ in false })
        let bias = transposed.bias ?? []
        let text = bias.map { NumberFormat.string($0, scale: output.magnitude) }.joined(separator: ", ")
        return FrameBody(grids: [panel],
            facts: sizes + ["Every input has scattered its copy; the bias \(text) is added to every output value."],
                         progress: "bias")
    }

    func quizBody() -> FrameBody {
        let drawing = TransposedGrids(transposed: transposed, output: output)
        let x = drawing.inputPanel(n: 0, c: 0) { _ in .none }
        let f = drawing.filterPanel(ci: 0, co: 0) { _ in .none }
        let o = drawing.outputPanel(tensor: output, n: 0, co: 0, focus: (0, 0), highlight: { _ in .none },
                                    hidden: { _ in true })
        return FrameBody(grids: [x, f, o], facts: sizes)
    }

    /// The quiz frame of output value `flat`: every input channel of its item beside the filter that stamps it
    /// onto the value's output channel, the output all still to come.
    func quizBody(asking flat: Int, of result: String) -> FrameBody {
        let drawing = TransposedGrids(transposed: transposed, output: output)
        let position = transposed.outputPosition(flat)
        let (n, co) = (position[0], position[1])
        let operands = (0..<transposed.inputChannels).flatMap { ci in
            [drawing.inputPanel(n: n, c: ci) { _ in .none }, drawing.filterPanel(ci: ci, co: co) { _ in .none }]
        }
        let o = drawing.outputPanel(tensor: output, n: n, co: co, focus: (position[2], position[3]),
                                    highlight: { _ in .none }, hidden: { _ in true })
        return FrameBody(grids: operands + [o], facts: sizes)
    }

    /// The asked value's cell in the quiz frame's output grid, the last one.
    func quizCell(asking flat: Int, of result: String) -> (grid: Int, row: Int, column: Int)? {
        let position = transposed.outputPosition(flat)
        return (2 * transposed.inputChannels, position[2], position[3])
    }

    func flat(_ position: [Int]) -> Int {
        CanonicalShape(transposed.outputShape).flat(position[0], position[1], position[2], position[3])
    }

    func xSymbol(_ contributions: [ScatterContribution], _ local: Int) -> String {
        contributions.first?.input.symbol ?? Symbols.name("X",
            transposed.inputAxes.subscripts(transposed.input.multiIndex(local)))
    }

    /// "O11 += 2·1 = 2" for each cell the copy lands on, a few per line.
    func scatterLines(_ contributions: [ScatterContribution]) -> [String] {
        guard let first = contributions.first else {
            return ["This value's filter copy falls wholly in the cropped padding."]
        }
        let scale = max(output.magnitude, transposed.input.magnitude, transposed.filters.magnitude)
        let pieces = contributions.map { c -> String in
            let target = Symbols.name("O", transposed.outputAxes.subscripts(c.output))
            let w = NumberFormat.string(c.weight.value, scale: scale)
            let x = NumberFormat.string(c.input.value, scale: scale)
            return "\(target) += \(x)·\(c.weight.value < 0 ? "(\(w))" : w)"
        }
        let value = NumberFormat.string(first.input.value, scale: scale)
        var lines = ["\(first.input.symbol) = \(value) scatters a scaled copy of F:"]
        for start in stride(from: 0, to: pieces.count, by: 3) {
            lines.append(pieces[start..<min(start + 3, pieces.count)].joined(separator: ",  "))
        }
        return lines
    }
}
