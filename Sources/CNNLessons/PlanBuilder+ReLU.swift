import CNNCore

/// relu and relu-backward: one value at a time, each a single comparison.
extension PlanBuilder {
    func reluPlan(input: OperandValue, gradient gradientOperand: OperandValue?) throws -> any StepPlan {
        let raw = try shifted(input)
        try budget.charge(raw.count, terms: gradientOperand == nil ? 1 : 2, builder: self)
        let names = computation.names
        let relu = ReLU(input: raw, names: TensorNames(input: names.symbol("input"), output: names.symbol("output")))
        let (canonical, mask) = try run { try AxisMask.canonicalize(raw, what: .input) }
        var results = ["output": NamedResult(tensor: relu.forward(), explain: { relu.explainOutput($0) })]
        let gradient: Tensor? = try gradientOperand.map { try tensor($0) }
        let gradInput: Tensor? = try gradient.map { given in try run { try relu.backward(outputGradient: given) } }
        if let gradient, let gradInput {
            results["grad_input"] = NamedResult(tensor: gradInput,
                                                explain: { relu.explainInputGradient($0, outputGradient: gradient) })
        }
        let (elements, isAll) = try elements(displayShape: raw.shape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false,
                             terms: 1)
        let drawing = ReLUGrids(canonical: canonical, mask: mask, names: names,
                                gradient: gradient?.reshaped(canonical.shape),
                                target: (gradInput ?? relu.forward()).reshaped(canonical.shape), walk: walk)
        let explain: @Sendable (Int) -> Explanation = { flat in
            if let gradient { return relu.explainInputGradient(flat, outputGradient: gradient) }
            return relu.explainOutput(flat)
        }
        return ExplainedPlan(walk: walk, explain: explain, termCount: { _ in 1 }, grids: { drawing.panels($0) },
                             extraFacts: { _ in [] }, results: results,
                             mainResult: gradient == nil ? "output" : "grad_input", channelOf: nil)
    }
}

/// The grids of a ReLU frame: the pre-activation, the incoming gradient (backward), and the result.
struct ReLUGrids: Sendable {
    let canonical: Tensor
    let mask: AxisMask
    /// What the step calls its grids (`names:`).
    let names: StepNames
    /// ∂L/∂A in canonical shape, for the backward pass.
    let gradient: Tensor?
    /// A = ReLU(O), or ∂L/∂O for the backward pass, in canonical shape.
    let target: Tensor
    let walk: ValueWalk

    func panels(_ state: WalkState) -> [GridPanel] {
        let shape = CanonicalShape(canonical.shape)
        let position = state.focus.map { shape.position($0) } ?? (n: 0, c: 0, row: 0, column: 0)
        let (n, c) = (position.n, position.c)
        let focus = (position.row, position.column)
        let here: (Int, Int) -> Bool = { row, column in state.element == shape.flat(n, c, row, column) }
        let plane = Array(mask.displayIndex([n, c, 0, 0]).dropLast(2))
        let (o, a) = (names.symbol("input"), names.symbol("output"))
        let title = PlaneTitle.make(names.title("input", else: "Pre-activation " + o), batch: n,
                                    batchCount: shape.count, channel: c, channelCount: shape.channels)
        var panels = [PlaneGrid(title: title, role: .input, name: o, tensor: canonical, mask: mask, plane: (n, c),
                                source: OperandPlane(operand: "input", plane: plane), scale: canonical.magnitude,
                                focus: focus)
            .build(highlight: { row, column in here(row, column) ? .active : .none })]
        if let gradient {
            let da = names.symbol("grad")
            panels.append(PlaneGrid(title: names.title("grad", else: "Gradient " + da), role: .gradient, name: da,
                                    tensor: gradient,
                                    mask: mask, plane: (n, c), source: OperandPlane(operand: "grad", plane: plane),
                                    scale: gradient.magnitude, focus: focus)
                .build(highlight: { row, column in here(row, column) ? .active : .none }))
        }
        let name = gradient == nil ? a : names.symbol("grad_input")
        let made = gradient == nil ? "\(a) = ReLU(\(o))" : name
        panels.append(PlaneGrid(title: names.title(gradient == nil ? "output" : "grad_input", else: made),
                                role: .output, name: name,
                                tensor: target, mask: mask, plane: (n, c), scale: target.magnitude, focus: focus)
            .build(highlight: { row, column in here(row, column) ? .target : .none },
                   hidden: { row, column in state.isPending(shape.flat(n, c, row, column), walk: walk) }))
        return panels
    }
}
