import CNNCore

/// im2col: patches as columns, filters as rows, one matrix product for every output.
extension PlanBuilder {
    func im2colPlan(_ fields: Im2colFields) throws -> any StepPlan {
        let conv = try run {
            try Convolution(input: shifted(fields.input), filter: tensor(fields.filter), stride: fields.stride,
                            padding: fields.padding)
        }
        try budget.charge(conv.outputCount, terms: conv.termsPerOutput, builder: self)
        let patches = conv.patchMatrix()
        let filterMatrix = conv.filterMatrix()
        let product = try run { try Tensor.matrixProduct(filterMatrix, patches) }
        let (elements, isAll) = try elements(displayShape: [conv.filterCount, conv.outputHeight * conv.outputWidth])
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             terms: conv.termsPerOutput)
        let drawing = Im2colGrids(conv: conv, patches: patches, filterMatrix: filterMatrix, product: product,
                                  walk: walk)
        let explain: @Sendable (Int) -> Explanation = { flat in
            let columns = conv.outputHeight * conv.outputWidth
            let (i, j) = ((flat % columns) / conv.outputWidth, flat % conv.outputWidth)
            return conv.explainOutput(conv.flatOutput(n: 0, k: flat / columns, i: i, j: j))
        }
        let shape = "\(conv.filterCount)×\(conv.termsPerOutput) times "
            + "\(conv.termsPerOutput)×\(conv.outputHeight * conv.outputWidth)"
        let results = ["patches": NamedResult(tensor: patches, explain: nil),
                       "output": NamedResult(tensor: conv.forward().reshaped(conv.displayOutputShape), explain: nil)]
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in conv.termsPerOutput },
                             grids: { drawing.panels($0) },
                             extraFacts: { _ in ["One matrix product, \(shape), computes every output at once."] },
                             results: results, mainResult: "output", channelOf: nil,
                             mistakes: { flat, _ in QuizMistakes.convolution(conv, flat: flat, activated: false) })
    }
}

/// The grids of an im2col frame: the input with the window lit, the filter rows, the patch columns, the product.
struct Im2colGrids: Sendable {
    let conv: Convolution
    let patchPlane, filterPlane, productPlane: Tensor
    let walk: ValueWalk
    let scale: Double

    init(conv: Convolution, patches: Tensor, filterMatrix: Tensor, product: Tensor, walk: ValueWalk) {
        self.conv = conv
        let asPlane: (Tensor) -> Tensor = { $0.reshaped([1, 1] + $0.shape) }
        (patchPlane, filterPlane, productPlane) = (asPlane(patches), asPlane(filterMatrix), asPlane(product))
        self.walk = walk
        scale = max(conv.input.magnitude, product.magnitude)
    }

    var columns: Int { conv.outputHeight * conv.outputWidth }

    func panels(_ state: WalkState) -> [GridPanel] {
        let columns = columns
        let row = state.focus.map { $0 / columns } ?? -1, column = state.focus.map { $0 % columns } ?? -1
        let activeTerm = state.activeTerm.flatMap { term in state.explanation?.terms.firstIndex(of: term) }
        let (i, j) = (column / max(conv.outputWidth, 1), column % max(conv.outputWidth, 1))
        let window = conv.window(i: i, j: j)
        var panels = (0..<conv.channels).map { inputPanel(state, window: window, channel: $0) }
        let filterGrid = PlaneGrid(title: "Filters as rows (\(conv.filterCount)×\(conv.termsPerOutput))",
                                   role: .derived,
                                   name: "W", tensor: filterPlane, mask: AxisMask(rank: 2), plane: (0, 0), scale: scale,
                                   focus: (max(row, 0), activeTerm ?? 0))
        panels.append(filterGrid.build(highlight: { r, q in r == row ? (q == activeTerm ? .active : .window) : .none }))
        let patchGrid = PlaneGrid(title: "Patches as columns (\(conv.termsPerOutput)×\(columns))", role: .derived,
                                  name: "P", tensor: patchPlane, mask: AxisMask(rank: 2), plane: (0, 0), scale: scale,
                                  focus: (activeTerm ?? 0, max(column, 0)))
        panels.append(patchGrid.build(highlight: { r,
                                      q in q == column ? (r == activeTerm ? .active : .window) : .none }))
        let productGrid = PlaneGrid(title: "Product = output (\(conv.filterCount)×\(columns))", role: .output,
                                    name: "O", tensor: productPlane, mask: AxisMask(rank: 2), plane: (0, 0),
                                    scale: scale, focus: (max(row, 0), max(column, 0)))
        // The product's cell is the target only while computed; under a quiz it stays pending.
        let isTarget: (Int, Int) -> Bool = { r, q in state.element != nil && r == row && q == column }
        panels.append(productGrid.build(highlight: { r, q in isTarget(r, q) ? .target : .none },
                                        hidden: { r, q in state.isPending(r * columns + q, walk: walk) }))
        return panels
    }

    func inputPanel(_ state: WalkState, window: Window, channel c: Int) -> GridPanel {
        let plane = conv.inputAxes.displayIndex([0, c, 0, 0]).dropLast(2)
        let grid = PlaneGrid(title: PlaneTitle.make("Input X", batch: nil, batchCount: 1, channel: c,
                                                    channelCount: conv.channels),
                             role: .input, name: "X", tensor: conv.input, mask: conv.inputAxes, plane: (0, c),
                             padding: conv.padding, source: OperandPlane(operand: "input", plane: Array(plane)),
                             scale: scale, focus: window.origin)
        return grid.build(highlight: { r, q in
            state.element != nil && window.contains(row: r, column: q) ? .window : .none
        })
    }
}
