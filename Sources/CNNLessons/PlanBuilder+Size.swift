import CNNCore

/// size: the output-size formula with its numbers, and why the floor.
extension PlanBuilder {
    func sizePlan(_ fields: SizeFields) throws -> any StepPlan {
        let (n, f, s, p) = (fields.inputSize, fields.filterSize, fields.stride, fields.padding)
        let size = try run { try OutputSize.compute(inputSize: n, filterSize: f, stride: s, padding: p) }
        let line = try run { try OutputSize.explain(inputSize: n, filterSize: f, stride: s, padding: p) }
        var facts = ["N = \(n), F = \(f), S = \(s), P = \(p)", line]
        if s == 1, let same = OutputSize.samePadding(filterSize: f), same == p { facts.append("P = (F − 1)/2 = "
                + "\(same): the size is preserved (\"same\" padding).") }
        if (n + 2 * p - f) % s != 0 { facts.append("\(n + 2 * p - f) is not a multiple of \(s): the last "
                                                   + "\((n + 2 * p - f) % s) row(s) are never reached, hence the "
                                                     + "floor.") }
        return StaticPlan(grids: [], facts: facts, quizFacts: [facts[0], "⌊(N + 2P − F)/S⌋ + 1 = ?"],
                          results: ["output": NamedResult(tensor: try! Tensor(shape: [1], values: [Double(size)]),
                                                          explain: nil)], mainResult: "output")
    }
}
