import CNNCore

/// conv, convolve and full-conv: one output value at a time, its window lit in the input.
extension PlanBuilder {
    func convPlan(_ fields: ConvFields) throws -> any StepPlan {
        let conv = try run {
            try Convolution(input: shifted(fields.input), filter: tensor(fields.filter), bias: fields.bias,
                            stride: fields.stride, padding: fields.padding, dilation: fields.dilation,
                            flipsKernel: swapsKernelFlip, groups: fields.groups, names: computation.names.tensorNames)
        }
        return try convolutionPlan(conv, relu: fields.relu, note: swappedNote)
    }

    func convolvePlan(_ fields: ConvolveFields) throws -> any StepPlan {
        let conv = try run {
            fields.mode == .full
                ? try Convolution.full(input: shifted(fields.input), filter: tensor(fields.filter),
                                       flipsKernel: !swapsKernelFlip)
                : try Convolution(input: shifted(fields.input), filter: tensor(fields.filter),
                                  flipsKernel: !swapsKernelFlip)
        }
        return try convolutionPlan(conv, relu: false, note: swappedNote)
    }

    /// The label of a step shown with the other operation than the lesson wrote.
    var swappedNote: String? {
        guard swapsKernelFlip, let written = KernelOperation(computation.operation) else { return nil }
        let how = written == .crossCorrelation ? "the filter turned 180°" : "the filter as given, not turned"
        return "Shown as \(written.other), \(how): this step is a \(written) in the lesson."
    }

    func fullConvPlan(_ fields: FullConvFields) throws -> any StepPlan {
        let names = TensorNames(input: "∂L/∂O", filter: "F", output: "∂L/∂X")
        let conv = try run { try Convolution.full(input: tensor(fields.grad), filter: tensor(fields.filter),
                                                  names: names) }
        return try convolutionPlan(conv, relu: false)
    }

    /// `inputTitle` replaces the input grid's title (and marks input and filter as derived, not editable in place);
    /// `extraResults` and `facts` join the step's own; `note`, when given, heads the facts of every frame, quiz too.
    func convolutionPlan(_ conv: Convolution, relu: Bool, inputTitle givenTitle: String? = nil,
                         extraResults: [String: NamedResult] = [:], facts givenFacts: [String] = [],
                         note: String? = nil) throws -> any StepPlan {
        let label = note.map { [$0] } ?? []
        let sharedFacts = label + givenFacts
        try budget.charge(conv.outputCount, terms: conv.termsPerOutput, builder: self)
        let output = conv.forward()
        let activated = relu ? ReLU(input: output).forward() : output
        let (elements, isAll) = try elements(displayShape: conv.displayOutputShape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: conv.bias != nil,
                             terms: conv.termsPerOutput)
        let isGradientInput = conv.names.input.hasPrefix("∂")
        let inputTitle = givenTitle ?? computation.names.title("input", else: isGradientInput
            ? "Gradient \(conv.names.input)" : "\(self.inputTitle) \(conv.names.input)")
        let drawing = ConvolutionGrids(conv: conv, output: output, activated: relu ? activated : nil,
                                       inputTitle: inputTitle, walk: walk, isDerived: givenTitle != nil,
                                       titles: computation.names)
        let explain: @Sendable (Int) -> Explanation = { conv.explainOutput($0) }
        // A grouped layer's weight count, where a value (or the whole result) is finished.
        let counts = conv.groups > 1 ? conv.parameterCountLines : []
        let facts: @Sendable (WalkState) -> [String] = { state in
            guard state.complete else { return sharedFacts }
            guard relu, let explanation = state.explanation else { return sharedFacts + counts }
            let value = explanation.value
            let rectified = explanation.format(max(0, value))
            return sharedFacts + ["ReLU: A = max(0, \(explanation.format(value))) = \(rectified)"] + counts
        }
        let display = conv.displayOutputShape
        var results = extraResults
        results["output"] = NamedResult(tensor: activated.reshaped(display), explain: relu ? nil : explain)
        if relu { results["pre_activation"] = NamedResult(tensor: output.reshaped(display), explain: explain) }
        let rotated = drawing.rotated
        results["rotated_filter"] = NamedResult(tensor: rotated.reshaped(conv.filterAxes.displayShape(rotated.shape)),
                                                explain: nil)
        if conv.groups > 1 { results.merge(conv.parameterResults) { $1 } }
        let termsPerOutput = conv.termsPerOutput
        var channelOf: (@Sendable (Term) -> Int)?
        if conv.channelsPerGroup > 1 { channelOf = { term in term.factors[0].position[1] } }
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in termsPerOutput },
                             grids: { drawing.panels($0) }, extraFacts: facts,
                             results: results, mainResult: "output", channelOf: channelOf,
                             otherWalkedResults: relu ? ["pre_activation"] : [],
                             mistakes: { flat, result in
                                 QuizMistakes.convolution(conv, flat: flat, activated: relu && result == "output")
                             },
                             quizFacts: label,
                             focusFacts: conv.groupFacts { conv.channelGroup(ofFilter: conv.output(at: $0).k) })
    }
}

/// The grids of a convolution frame: every input channel with the window lit, the filter (and its rotated
/// copy for a true convolution), the output (and its ReLU).
struct ConvolutionGrids: Sendable {
    let conv: Convolution
    let output: Tensor
    let activated: Tensor?
    let inputTitle: String
    /// The titles the step gives its filter and output grids (`names:`).
    let titles: StepNames
    /// Input and filter were derived from the step's operands (zero insertion): their grids are not edited in place.
    let isDerived: Bool
    let walk: ValueWalk
    let rotated: Tensor
    let inputScale, filterScale, outputScale: Double
    let activatedScale: Double?

    init(conv: Convolution, output: Tensor, activated: Tensor?, inputTitle: String, walk: ValueWalk,
         isDerived: Bool = false, titles: StepNames) {
        self.isDerived = isDerived
        self.titles = titles
        self.conv = conv
        self.output = output
        self.activated = activated
        self.inputTitle = inputTitle
        self.walk = walk
        rotated = conv.filters.rotated180()
        inputScale = conv.input.magnitude
        filterScale = conv.filters.magnitude
        outputScale = output.magnitude
        activatedScale = activated?.magnitude
    }

    var names: TensorNames { conv.names }
    var isGradientInput: Bool { names.input.hasPrefix("∂") }

    /// The input channels of the focused filter's group (all of them with one group), the filter and the output.
    func panels(_ state: WalkState) -> [GridPanel] {
        let position = state.focus.map { conv.output(at: $0) } ?? (n: 0, k: 0, i: 0, j: 0)
        let channels = conv.channelGroup(ofFilter: position.k).channels
        var panels = channels.map { inputPanel(state, position: position, channel: $0) }
        for c in 0..<conv.channelsPerGroup {
            panels.append(filterPanel(state, filter: position.k, channel: c))
            if conv.flipsKernel { panels.append(rotatedPanel(state, filter: position.k, channel: c)) }
        }
        return panels + outputPanels(state, position: position)
    }

    func inputPanel(_ state: WalkState, position: (n: Int, k: Int, i: Int, j: Int), channel c: Int) -> GridPanel {
        let n = position.n
        let window = conv.window(i: position.i, j: position.j)
        let activeX = state.activeTerm?.factors[0].position
        let title = PlaneTitle.make(inputTitle + (conv.padding == Extent2D(0) ? "" : " (zero-padded)"),
                                    batch: n, batchCount: conv.batchCount, channel: c, channelCount: conv.channels)
        let plane = conv.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)
        let grid = PlaneGrid(title: title, role: isGradientInput ? .gradient : .input, name: names.input,
                             tensor: conv.input, mask: conv.inputAxes, plane: (n, c), padding: conv.padding,
                             source: isDerived ? nil
                                 : OperandPlane(operand: isGradientInput ? "grad" : "input", plane: Array(plane)),
                             scale: inputScale, focus: window.center)
        return grid.build(highlight: { row, column in
            if activeX == [n, c, row, column] { return .active }
            let isTap = conv.isTap(i: position.i, j: position.j, row: row, column: column)
            return state.element != nil && isTap ? .window : .none
        })
    }

    /// Channel `c` of filter `k`: the filter's own channel, 0..<C/G.
    func filterPanel(_ state: WalkState, filter k: Int, channel c: Int) -> GridPanel {
        let activeW = state.activeTerm?.factors[1].position
        let numbered = conv.filterAxes.visible[0]
        let filterName = titles.filterTitle(k, numbered: numbered,
                                            else: "Filter " + Symbols.name(names.filter, numbered ? [k] : []))
        let plane = conv.filterAxes.displayIndex([k, c, 0, 0]).dropLast(2)
        let grid = PlaneGrid(title: PlaneTitle.make(filterName, batch: nil, batchCount: 1, channel: c,
                                                    channelCount: conv.channelsPerGroup),
                             role: .filter, name: names.filter, tensor: conv.filters, mask: conv.filterAxes,
                             plane: (k, c),
                             source: isDerived ? nil : OperandPlane(operand: "filter", plane: Array(plane)),
                             scale: filterScale)
        return grid.build(highlight: { row, column in
            if activeW == [k, c, row, column] { return .active }
            return state.element != nil ? .window : .none
        })
    }

    /// The rotated copy is what slides: its cell (m, q) holds F at (Kh−1−m, Kw−1−q).
    func rotatedPanel(_ state: WalkState, filter k: Int, channel c: Int) -> GridPanel {
        let activeW = state.activeTerm?.factors[1].position
        let (lastRow, lastColumn) = (conv.kernelHeight - 1, conv.kernelWidth - 1)
        let title = PlaneTitle.make("\(names.filter) rotated 180°", batch: nil, batchCount: 1, channel: c,
                                    channelCount: conv.channelsPerGroup)
        let turned = PlaneGrid(title: title, role: .derived, name: names.filter, tensor: rotated, mask: conv.filterAxes,
                               plane: (k, c), scale: filterScale)
        var panel = turned.build(highlight: { row, column in
            if activeW == [k, c, lastRow - row, lastColumn - column] { return .active }
            return state.element != nil ? .window : .none
        })
        for row in panel.cells.indices {
            for column in panel.cells[row].indices {
                let subscripts = conv.filterAxes.subscripts([k, c, lastRow - row, lastColumn - column])
                panel.cells[row][column].symbol = Symbols.name(names.filter, subscripts)
            }
        }
        return panel
    }

    func outputPanels(_ state: WalkState, position: (n: Int, k: Int, i: Int, j: Int)) -> [GridPanel] {
        let (n, k) = (position.n, position.k)
        let outputTitle = PlaneTitle.make(titles.title("output", else: "Output \(names.output)"), batch: n,
                                          batchCount: conv.batchCount, channel: k,
                                          channelCount: conv.filterAxes.visible[0] ? conv.filterCount : 1,
                                          channelWord: "filter")
        var planes = [(outputTitle, names.output, output, outputScale)]
        if let activated, let activatedScale {
            let filters = conv.filterAxes.visible[0] ? conv.filterCount : 1
            let title = PlaneTitle.make("ReLU(\(names.output)) = A", batch: n, batchCount: conv.batchCount, channel: k,
                                        channelCount: filters, channelWord: "filter")
            planes.append((title, "A", activated, activatedScale))
        }
        return planes.map { title, name, tensor, scale in
            let grid = PlaneGrid(title: title, role: .output, name: name, tensor: tensor, mask: conv.outputAxes,
                                 plane: (n, k), scale: scale, focus: (position.i, position.j))
            return grid.build(
                highlight: { row, column in
                    state.element == conv.flatOutput(n: n, k: k, i: row, j: column) ? .target : .none
                },
                hidden: { row, column in state.isPending(conv.flatOutput(n: n, k: k, i: row, j: column), walk: walk) })
        }
    }
}

extension Convolution {
    /// Canonical (n, k, i, j) of an output flat index.
    func output(at flat: Int) -> (n: Int, k: Int, i: Int, j: Int) {
        let position = CanonicalShape(outputShape).position(flat)
        return (position.n, position.c, position.row, position.column)
    }

    func flatOutput(n: Int, k: Int, i: Int, j: Int) -> Int {
        CanonicalShape(outputShape).flat(n, k, i, j)
    }

    /// The input cells (padding included) output (i, j)'s dilated filter spans, holes included.
    func window(i: Int, j: Int) -> Window {
        let span = Extent2D(rows: dilation.rows * (kernelHeight - 1) + 1,
                            columns: dilation.columns * (kernelWidth - 1) + 1)
        return Window(i: i, j: j, size: span, stride: stride, padding: padding)
    }

    /// Whether input cell (row, column) is one of output (i, j)'s taps: inside its window and not in a dilation hole.
    func isTap(i: Int, j: Int, row: Int, column: Int) -> Bool {
        let origin = window(i: i, j: j)
        guard origin.contains(row: row, column: column) else { return false }
        return (row - origin.rows.lowerBound) % dilation.rows == 0
            && (column - origin.columns.lowerBound) % dilation.columns == 0
    }
}
