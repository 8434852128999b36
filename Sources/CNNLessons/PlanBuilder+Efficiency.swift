import CNNCore

/// efficiency: what convolution stores and computes beside a dense and a sparse matrix.
extension PlanBuilder {
    func efficiencyPlan(_ fields: EfficiencyFields) throws -> any StepPlan {
        let (h, w, kh, kw) = (fields.inputHeight, fields.inputWidth, fields.kernelHeight, fields.kernelWidth)
        try checkCountsFit(fields)
        let counts = try run { try EfficiencyCounts(inputHeight: h, inputWidth: w, kernelHeight: kh, kernelWidth: kw) }
        let grouped: (Int) -> String = { value in
            let digits = String(value)
            let marked = digits.reversed().enumerated().map { place, digit in
                place > 0 && place % 3 == 0 ? "\(digit)," : "\(digit)"
            }
            return marked.reversed().joined()
        }
        let facts = [
            "Input \(h)×\(w), kernel \(kh)×\(kw), output \(counts.outputHeight)×\(counts.outputWidth) = "
            + "\(grouped(counts.outputCount)) values",
            "Convolution:   stores \(grouped(counts.convolutionStored)) weights; \(grouped(counts.outputCount)) × "
            + "\(2 * counts.kernelCount - 1) = \(grouped(counts.convolutionOperations)) multiplies and adds",
            "Dense matrix:  stores \(counts.outputHeight)×\(counts.outputWidth)×\(h)×\(w) = "
            + "\(grouped(counts.denseStored)) weights; \(grouped(counts.denseOperations)) multiplies and adds",
            "Sparse matrix: stores \(counts.kernelCount)×\(counts.outputHeight)×\(counts.outputWidth) = "
            + "\(grouped(counts.sparseStored)) weights; \(grouped(counts.sparseOperations)) multiplies and adds",
            "Dense needs \(grouped(counts.denseStored / max(counts.convolutionStored, 1)))× the storage of "
            + "convolution and \(grouped(counts.denseOperations / max(counts.convolutionOperations, 1)))× its "
              + "arithmetic.",
        ]
        var results: [String: NamedResult] = [:]
        let hints = Self.countHints(counts, input: (h, w), kernel: (kh, kw))
        for (name, value) in counts.named {
            let line = facts[name.hasPrefix("conv") ? 1 : name.hasPrefix("dense") ? 2 : 3]
            results[name] = NamedResult(tensor: try! Tensor(shape: [1], values: [Double(value)]), explain: nil,
                                        derivation: { _ in [line] }, hint: hints[name])
        }
        return StaticPlan(grids: [], facts: facts, quizFacts: [facts[0]], results: results, mainResult: "conv_ops")
    }

    /// How each count is made, with the step's numbers, not worked out: a quiz's first hint.
    static func countHints(_ counts: EfficiencyCounts, input: (Int, Int), kernel: (Int, Int)) -> [String: String] {
        let outputs = "\(counts.outputHeight)·\(counts.outputWidth) outputs"
        let taps = "Kh·Kw = \(kernel.0)·\(kernel.1)", inputs = "\(input.0)·\(input.1)"
        let convolutionOperations = "each of the \(outputs) takes \(taps) multiplies, and one add fewer."
        return [
            "conv_stored": "one shared weight per kernel cell: \(taps).",
            "conv_ops": convolutionOperations,
            "dense_stored": "one weight per (output, input) pair: \(outputs) × \(inputs) inputs.",
            "dense_ops": "each of the \(outputs) takes \(inputs) multiplies, one per input, and one add fewer.",
            "sparse_stored": "\(taps) nonzero weights in the row of each of the \(outputs).",
            "sparse_ops": convolutionOperations,
        ]
    }

    /// The dense matrix's counts (outputs × inputs) are the largest; refuse sizes whose counts overflow an Int.
    func checkCountsFit(_ fields: EfficiencyFields) throws {
        let (h, w, kh, kw) = (fields.inputHeight, fields.inputWidth, fields.kernelHeight, fields.kernelWidth)
        guard h > 0, w > 0, kh > 0, kw > 0, kh <= h, kw <= w else { return }  // the core explains these
        let outputs = [h - kh + 1, w - kw + 1]
        guard Self.product(outputs + [h, w, 2]) != nil, Self.product(outputs + [kh, kw, 2]) != nil else {
            throw issue("a \(h)×\(w) input is too large to count: its dense matrix's operations exceed \(Int.max)",
                        field: "input_size")
        }
    }

    /// The product of positive factors, nil when it overflows an Int.
    static func product(_ factors: [Int]) -> Int? {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }
}
