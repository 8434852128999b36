import CNNCore

/// Builds the plan of one computation step with the core, mapping every refusal to the field it concerns.
struct PlanBuilder {
    let computation: Computation

    func issue(_ message: String, field: String? = nil) -> LessonIssue {
        LessonIssue(message, at: field.flatMap { computation.fieldLocations[$0] } ?? computation.location)
    }

    /// The lesson field a core refusal is about, from the operand the core names.
    func field(for error: CoreError) -> String? {
        switch error.operand {
        case .filter: computation.tensors["filter"] != nil ? "filter" : "size"
        case .poolSize: "size"
        case .gradient: "grad"
        case .bias: "bias"
        case .stride: "stride"
        case .padding: "padding"
        case .dilation: "dilation"
        case .outputPadding: "output_padding"
        case .input, nil: nil
        }
    }

    func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CoreError {
            throw issue("\(error)", field: field(for: error))
        }
    }

    func tensor(_ name: String) throws -> Tensor {
        guard let tensor = computation.tensors[name] else { throw issue("missing '\(name)'") }
        return tensor
    }

    func integer(_ name: String, default value: Int) -> Int { computation.integers[name] ?? value }

    var input: Tensor {
        get throws {
            let input = try tensor("input")
            guard let (rows, columns) = computation.pairs["shift"] else { return input }
            guard input.rank >= 2 else { return input }
            return input.shifted(rows: rows, columns: columns)
        }
    }

    var inputTitle: String {
        guard let (rows, columns) = computation.pairs["shift"] else { return "Input" }
        return "Input shifted by (\(rows), \(columns))"
    }

    /// Flat indices to walk: all, or the 1-based positions of `only:` in the display shape.
    func elements(displayShape: [Int]) throws -> (elements: [Int], isAll: Bool) {
        let count = displayShape.reduce(1, *)
        guard let only = computation.only else { return (Array(0..<count), true) }
        var result: [Int] = []
        for position in only {
            guard position.count == displayShape.count,
                  zip(position, displayShape).allSatisfy({ $0 >= 1 && $0 <= $1 }) else {
                throw issue("position \(position) is outside the result's shape \(Shape.describe(displayShape)) (1-based)", field: "only")
            }
            var flat = 0
            for (index, extent) in zip(position, displayShape) { flat = flat * extent + index - 1 }
            result.append(flat)
        }
        return (result, false)
    }

    func build() throws -> any StepPlan {
        switch computation.operation {
        case .conv: return try convolutionPlan(try run { try Convolution(input: input, filter: tensor("filter"), bias: computation.bias,
                                                                          stride: integer("stride", default: 1), padding: integer("padding", default: 0)) },
                                               relu: computation.relu)
        case .convolve:
            let conv = try run {
                computation.words["mode"] == "full"
                    ? try Convolution.full(input: input, filter: tensor("filter"))
                    : try Convolution(input: input, filter: tensor("filter"), flipsKernel: true)
            }
            return try convolutionPlan(conv, relu: false)
        case .fullConv:
            let names = TensorNames(input: "∂L/∂O", filter: "F", output: "∂L/∂X")
            return try convolutionPlan(try run { try Convolution.full(input: tensor("grad"), filter: tensor("filter"), names: names) }, relu: false)
        case .im2col:
            return try im2colPlan(try run { try Convolution(input: input, filter: tensor("filter"), stride: integer("stride", default: 1),
                                                            padding: integer("padding", default: 0)) })
        case .convBackward: return try backwardPlan()
        case .pool, .poolBackward: return try poolingPlan()
        case .relu, .reluBackward: return try reluPlan()
        case .rotate, .dilate: return try reshapePlan()
        case .size: return try sizePlan()
        case .efficiency: return try efficiencyPlan()
        }
    }

    // MARK: Convolution forward (conv, convolve, full-conv)

    func convolutionPlan(_ conv: Convolution, relu: Bool) throws -> any StepPlan {
        let output = conv.forward()
        let activated = relu ? ReLU(input: output).forward() : output
        let (elements, isAll) = try elements(displayShape: conv.displayOutputShape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: conv.bias != nil,
                             termCount: { _ in conv.termsPerOutput }, uniformTerms: conv.termsPerOutput)
        let inputScale = conv.input.magnitude, filterScale = conv.filters.magnitude
        let outputScale = output.magnitude, activatedScale = activated.magnitude
        let names = conv.names
        let isGradientInput = names.input.hasPrefix("∂")
        let inputSourceName = isGradientInput ? "grad" : "input"
        let explain: @Sendable (Int) -> Explanation = { conv.explainOutput($0) }
        let rotated = conv.filters.rotated180()
        let inputTitle = isGradientInput ? "Gradient \(names.input)" : "\(self.inputTitle) \(names.input)"

        let grids: @Sendable (WalkState) -> [GridPanel] = { state in
            let position = state.element.map { conv.output(at: $0) } ?? (n: 0, k: 0, i: 0, j: 0)
            let (n, k, i, j) = position
            let rowStart = i * conv.stride.rows - conv.padding.rows, columnStart = j * conv.stride.columns - conv.padding.columns
            let inWindow: (Int, Int) -> Bool = { row, column in
                state.element != nil && row >= rowStart && row < rowStart + conv.kernelHeight
                    && column >= columnStart && column < columnStart + conv.kernelWidth
            }
            let activeX = state.activeTerm?.factors[0].position
            let activeW = state.activeTerm?.factors[1].position
            var panels: [GridPanel] = []
            for c in 0..<conv.channels {
                let title = PlaneTitle.make(inputTitle + (conv.padding == Extent2D(0) ? "" : " (zero-padded)"),
                                            batch: n, batchCount: conv.batchCount, channel: c, channelCount: conv.channels)
                let grid = PlaneGrid(title: title, role: isGradientInput ? .gradient : .input, name: names.input, tensor: conv.input,
                                     mask: conv.inputAxes, plane: (n, c), padding: conv.padding,
                                     source: OperandPlane(operand: inputSourceName, plane: conv.inputAxes.displayIndex([n, c, 0, 0]).dropLast(2)),
                                     scale: inputScale, focus: (rowStart + conv.kernelHeight / 2, columnStart + conv.kernelWidth / 2))
                panels.append(grid.build(highlight: { row, column in
                    if activeX == [n, c, row, column] { return .active }
                    return inWindow(row, column) ? .window : .none
                }))
            }
            for c in 0..<conv.channels {
                let filterName = conv.filterAxes.visible[0] ? "Filter \(names.filter)\(k + 1)" : "Filter \(names.filter)"
                let grid = PlaneGrid(title: PlaneTitle.make(filterName, batch: nil, batchCount: 1, channel: c, channelCount: conv.channels),
                                     role: .filter, name: names.filter, tensor: conv.filters, mask: conv.filterAxes, plane: (k, c),
                                     source: OperandPlane(operand: "filter", plane: conv.filterAxes.displayIndex([k, c, 0, 0]).dropLast(2)),
                                     scale: filterScale)
                panels.append(grid.build(highlight: { row, column in
                    if activeW == [k, c, row, column] { return .active }
                    return state.element != nil ? .window : .none
                }))
                if conv.flipsKernel {
                    // The rotated copy is what slides: its cell (m, q) holds F at (Kh−1−m, Kw−1−q).
                    var turned = PlaneGrid(title: PlaneTitle.make("\(names.filter) rotated 180°", batch: nil, batchCount: 1, channel: c, channelCount: conv.channels),
                                           role: .derived, name: names.filter, tensor: rotated, mask: conv.filterAxes, plane: (k, c), scale: filterScale)
                    turned.name = names.filter
                    var panel = turned.build(highlight: { row, column in
                        if activeW == [k, c, conv.kernelHeight - 1 - row, conv.kernelWidth - 1 - column] { return .active }
                        return state.element != nil ? .window : .none
                    })
                    for row in panel.cells.indices {
                        for column in panel.cells[row].indices {
                            panel.cells[row][column].symbol = Symbols.name(names.filter, conv.filterAxes.subscripts(
                                [k, c, conv.kernelHeight - 1 - row, conv.kernelWidth - 1 - column]))
                        }
                    }
                    panels.append(panel)
                }
            }
            let outputTitle = PlaneTitle.make("Output \(names.output)", batch: n, batchCount: conv.batchCount, channel: k,
                                              channelCount: conv.filterAxes.visible[0] ? conv.filterCount : 1, channelWord: "filter")
            let planes: [(String, String, Tensor, Double)] = relu
                ? [(outputTitle, names.output, output, outputScale), ("ReLU(\(names.output)) = A", "A", activated, activatedScale)]
                : [(outputTitle, names.output, output, outputScale)]
            for (title, name, tensor, scale) in planes {
                let grid = PlaneGrid(title: title, role: .output, name: name, tensor: tensor, mask: conv.outputAxes, plane: (n, k),
                                     scale: scale, focus: (i, j))
                panels.append(grid.build(
                    highlight: { row, column in
                        state.element == conv.flatOutput(n: n, k: k, i: row, j: column) ? .target : .none
                    },
                    hidden: { row, column in state.isPending(conv.flatOutput(n: n, k: k, i: row, j: column), walk: walk) }))
            }
            return panels
        }
        let facts: @Sendable (WalkState) -> [String] = { state in
            guard relu, state.complete, let explanation = state.explanation else { return [] }
            let value = explanation.value
            return ["ReLU: A = max(0, \(explanation.format(value))) = \(explanation.format(max(0, value)))"]
        }
        var results: [String: NamedResult] = ["output": NamedResult(tensor: activated.reshaped(conv.displayOutputShape), explain: relu ? nil : explain)]
        if relu { results["pre_activation"] = NamedResult(tensor: output.reshaped(conv.displayOutputShape), explain: explain) }
        results["rotated_filter"] = NamedResult(tensor: rotated.reshaped(conv.filterAxes.displayShape(rotated.shape)), explain: nil)
        let termsPerOutput = conv.termsPerOutput
        var channelOf: (@Sendable (Term) -> Int)?
        if conv.channels > 1 { channelOf = { term in term.factors[0].position[1] } }
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in termsPerOutput }, grids: grids, extraFacts: facts,
                             results: results, mainResult: "output", channelOf: channelOf)
    }

    // MARK: im2col

    func im2colPlan(_ conv: Convolution) throws -> any StepPlan {
        let patches = conv.patchMatrix()
        let filterMatrix = conv.filterMatrix()
        let product = try run { try Tensor.matrixProduct(filterMatrix, patches) }
        let (elements, isAll) = try elements(displayShape: [conv.filterCount, conv.outputHeight * conv.outputWidth])
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             termCount: { _ in conv.termsPerOutput }, uniformTerms: conv.termsPerOutput)
        let asPlane: (Tensor) -> Tensor = { $0.reshaped([1, 1] + $0.shape) }
        let patchPlane = asPlane(patches), filterPlane = asPlane(filterMatrix), productPlane = asPlane(product)
        let scale = max(conv.input.magnitude, product.magnitude)
        let explain: @Sendable (Int) -> Explanation = { flat in
            let columns = conv.outputHeight * conv.outputWidth
            return conv.explainOutput(conv.flatOutput(n: 0, k: flat / columns, i: (flat % columns) / conv.outputWidth, j: flat % conv.outputWidth))
        }
        let grids: @Sendable (WalkState) -> [GridPanel] = { state in
            let columns = conv.outputHeight * conv.outputWidth
            let row = state.element.map { $0 / columns } ?? -1, column = state.element.map { $0 % columns } ?? -1
            let activeTerm = state.activeTerm.flatMap { term in state.explanation?.terms.firstIndex(of: term) }
            let (i, j) = (column / max(conv.outputWidth, 1), column % max(conv.outputWidth, 1))
            let rowStart = i * conv.stride.rows - conv.padding.rows, columnStart = j * conv.stride.columns - conv.padding.columns
            var panels: [GridPanel] = []
            for c in 0..<conv.channels {
                let grid = PlaneGrid(title: PlaneTitle.make("Input X", batch: nil, batchCount: 1, channel: c, channelCount: conv.channels),
                                     role: .input, name: "X", tensor: conv.input, mask: conv.inputAxes, plane: (0, c), padding: conv.padding,
                                     source: OperandPlane(operand: "input", plane: conv.inputAxes.displayIndex([0, c, 0, 0]).dropLast(2)),
                                     scale: scale, focus: (rowStart, columnStart))
                panels.append(grid.build(highlight: { r, q in
                    state.element != nil && r >= rowStart && r < rowStart + conv.kernelHeight && q >= columnStart && q < columnStart + conv.kernelWidth ? .window : .none
                }))
            }
            let filterGrid = PlaneGrid(title: "Filters as rows (\(conv.filterCount)×\(conv.termsPerOutput))", role: .derived, name: "W",
                                       tensor: filterPlane, mask: AxisMask(rank: 2), plane: (0, 0), scale: scale, focus: (max(row, 0), activeTerm ?? 0))
            panels.append(filterGrid.build(highlight: { r, q in r == row ? (q == activeTerm ? .active : .window) : .none }))
            let patchGrid = PlaneGrid(title: "Patches as columns (\(conv.termsPerOutput)×\(columns))", role: .derived, name: "P",
                                      tensor: patchPlane, mask: AxisMask(rank: 2), plane: (0, 0), scale: scale, focus: (activeTerm ?? 0, max(column, 0)))
            panels.append(patchGrid.build(highlight: { r, q in q == column ? (r == activeTerm ? .active : .window) : .none }))
            let productGrid = PlaneGrid(title: "Product = output (\(conv.filterCount)×\(columns))", role: .output, name: "O",
                                        tensor: productPlane, mask: AxisMask(rank: 2), plane: (0, 0), scale: scale, focus: (max(row, 0), max(column, 0)))
            panels.append(productGrid.build(highlight: { r, q in r == row && q == column ? .target : .none },
                                            hidden: { r, q in state.isPending(r * columns + q, walk: walk) }))
            return panels
        }
        let shape = "\(conv.filterCount)×\(conv.termsPerOutput) times \(conv.termsPerOutput)×\(conv.outputHeight * conv.outputWidth)"
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in conv.termsPerOutput }, grids: grids,
                             extraFacts: { _ in ["One matrix product, \(shape), computes every output at once."] },
                             results: ["patches": NamedResult(tensor: patches, explain: nil),
                                       "output": NamedResult(tensor: conv.forward().reshaped(conv.displayOutputShape), explain: nil)],
                             mainResult: "output", channelOf: nil)
    }
}

extension Convolution {
    /// Canonical (n, k, i, j) of an output flat index.
    func output(at flat: Int) -> (n: Int, k: Int, i: Int, j: Int) {
        let j = flat % outputWidth, i = (flat / outputWidth) % outputHeight
        let k = (flat / (outputWidth * outputHeight)) % filterCount
        return (flat / (outputWidth * outputHeight * filterCount), k, i, j)
    }

    func flatOutput(n: Int, k: Int, i: Int, j: Int) -> Int {
        ((n * filterCount + k) * outputHeight + i) * outputWidth + j
    }
}
