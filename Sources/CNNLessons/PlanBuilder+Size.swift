import CNNCore

/// size: the output-size formula with its numbers, and why the floor.
extension PlanBuilder {
    func sizePlan(_ fields: SizeFields) throws -> any StepPlan {
        let (n, f, s, p, d) = (fields.inputSize, fields.filterSize, fields.stride, fields.padding, fields.dilation)
        let size = try run { try OutputSize.compute(inputSize: n, filterSize: f, stride: s, padding: p, dilation: d) }
        let line = try run { try OutputSize.explain(inputSize: n, filterSize: f, stride: s, padding: p, dilation: d) }
        var facts = ["N = \(n), F = \(f), S = \(s), P = \(p)" + (d == 1 ? "" : ", D = \(d)"), line]
        if d > 1 { facts.append("The dilated filter spans D·(F − 1) + 1 = \(d * (f - 1) + 1) input cells.") }
        if s == 1, d == 1, let same = OutputSize.samePadding(filterSize: f), same == p {
            facts.append("P = (F − 1)/2 = \(same): the size is preserved (\"same\" padding).")
        }
        let reach = n + 2 * p - d * (f - 1) - 1
        if reach % s != 0 {
            facts.append("\(reach) is not a multiple of \(s): the last \(reach % s) row(s) are never reached, "
                         + "hence the floor.")
        }
        let formula = d == 1 ? "⌊(N + 2P − F)/S⌋ + 1 = ?" : "⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 = ?"
        let filled = OutputSize.formula(inputSize: n, filterSize: f, stride: s, padding: p, dilation: d)
        let output = NamedResult(tensor: try! Tensor(shape: [1], values: [Double(size)]), explain: nil,
                                 derivation: { _ in [line] },
                                 hint: filled + " — work out the bracket, divide by S and round down, then add 1.")
        return StaticPlan(grids: [], facts: facts, quizFacts: [facts[0], formula], results: ["output": output],
                          mainResult: "output",
                          slips: ["output": QuizMistakes.outputSize(n: n, f: f, s: s, p: p, d: d)])
    }
}
