import CNNCore

/// relu and relu-backward: one value at a time, each a single comparison.
extension PlanBuilder {

    func reluPlan(input: OperandValue, gradient gradientOperand: OperandValue?) throws -> any StepPlan {
        let raw = try shifted(input)
        let relu = ReLU(input: raw)
        let (canonical, mask) = try run { try AxisMask.canonicalize(raw, what: .input) }
        let activated = relu.forward().reshaped(canonical.shape)
        var results = ["output": NamedResult(tensor: relu.forward(), explain: { relu.explainOutput($0) })]
        let gradient: Tensor? = try gradientOperand.map { try tensor($0) }
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
            let position = state.focus.map { canonical.multiIndex($0) } ?? [0, 0, 0, 0]
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
}
