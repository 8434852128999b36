import CNNCore

/// rotate and dilate: a tensor beside its rearranged copy, every cell named after the element it came from.
extension PlanBuilder {
    func rotatePlan(_ fields: RotateFields) throws -> any StepPlan {
        try reshapePlan(try tensor(fields.filter), dilation: nil)
    }

    func dilatePlan(_ fields: DilateFields) throws -> any StepPlan {
        try reshapePlan(try tensor(fields.grad), dilation: fields.stride)
    }

    /// A rotation when `dilation` is nil, else the gradient spread out for that stride.
    func reshapePlan(_ given: Tensor, dilation: Int?) throws -> any StepPlan {
        let isRotation = dilation == nil
        let what = isRotation ? Subject.filter : Subject(.gradient, "the gradient")
        let (canonical, mask) = try run { try AxisMask.canonicalize(given, what: what) }
        let result = try dilation.map { stride in try run { try canonical.dilated(by: stride) } }
            ?? canonical.rotated180()
        let name = isRotation ? "F" : "∂L/∂O"
        var panels: [GridPanel] = []
        for a in 0..<canonical.shape[0] {
            for b in 0..<canonical.shape[1] {
                let plane = Array(mask.displayIndex([a, b, 0, 0]).dropLast(2))
                let isOnePlane = canonical.shape[0] * canonical.shape[1] == 1
                let planeText = plane.map { String(IndexBase.current.shown($0)) }.joined(separator: ",")
                let suffix = isOnePlane ? "" : " " + planeText
                panels.append(PlaneGrid(title: (isRotation ? "Filter F" : "Gradient ∂L/∂O") + suffix,
                                        role: isRotation ? .filter : .gradient, name: name,
                                        tensor: canonical, mask: mask, plane: (a, b),
                                        source: OperandPlane(operand: isRotation ? "filter" : "grad", plane: plane),
                                        scale: canonical.magnitude).build())
                let title = (isRotation ? "F rotated 180°" : "Spread out for stride \(dilation ?? 1)") + suffix
                var panel = PlaneGrid(title: title, role: .output, name: name, tensor: result, mask: mask,
                                      plane: (a, b), scale: result.magnitude).build()
                Self.nameCells(&panel, name: name, mask: mask, plane: (a, b), source: canonical, dilation: dilation)
                panels.append(panel)
            }
        }
        let output = result.reshaped(mask.displayShape(result.shape))
        return StaticPlan(grids: panels, facts: [], quizFacts: [],
                          results: ["output": NamedResult(tensor: output, explain: nil)], mainResult: "output")
    }

    /// Each cell of a rearranged plane keeps the name of the element it came from; inserted zeros are plain 0.
    static func nameCells(_ panel: inout GridPanel, name: String, mask: AxisMask, plane: (Int, Int), source: Tensor,
                          dilation: Int?) {
        let (height, width) = (source.shape[2], source.shape[3])
        let step = dilation ?? 1
        for row in panel.cells.indices {
            for column in panel.cells[row].indices {
                let original: (Int, Int)? = dilation == nil ? (height - 1 - row, width - 1 - column)
                    : (row % step == 0 && column % step == 0 ? (row / step, column / step) : nil)
                panel.cells[row][column].symbol = original.map {
                    Symbols.name(name, mask.subscripts([plane.0, plane.1, $0.0, $0.1]))
                } ?? "0"
            }
        }
    }
}
