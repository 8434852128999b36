import CNNCore
import CNNNetwork

/// evaluate: a bundled network on the 500 held-out digits, in one frame of facts and a grid of right answers by
/// digit; every count computed as the lesson opens.
extension PlanBuilder {
    func evaluatePlan(_ fields: EvaluateFields) throws -> any StepPlan {
        let (rows, columns) = computation.shift ?? (0, 0)
        let images = Digits.heldOut.map { $0.shifted(rows: rows, columns: columns) }
        let report = fields.network == .bundled
            ? try NetworkReport(BundledNetwork.weights, images: images, builder: self)
            : try NetworkReport(BundledNetwork.denseFirst, images: images, builder: self)
        let shifted = rows == 0 && columns == 0 ? "" : ", each moved by (\(rows), \(columns))"
        let imagesLine = "Held-out images: \(images.count)\(shifted), never trained on."
        let right = report.results["right_by_digit"]!.tensor
        let grid = VectorGrid(title: "Right, by digit", role: .output, name: "r", tensor: right).build()
        return StaticPlan(grids: [grid], facts: [report.summary, imagesLine] + report.facts,
                          quizFacts: [report.summary, imagesLine], results: report.results, mainResult: "accuracy")
    }
}

/// What one network makes of the images: its size, its right answers and its loss.
struct NetworkReport {
    let summary: String
    let facts: [String]
    let results: [String: NamedResult]

    /// - Throws: `LessonIssue` when evaluating would pass the lesson's work budget.
    init<Network: DigitNetwork>(_ network: Network, images: [DigitImage], builder: PlanBuilder) throws {
        try builder.budget.charge(images.count, terms: Network.parameterCount, builder: builder)
        let evaluation = network.evaluated(on: images)
        let result = evaluation.result
        var byDigit = Array(repeating: 0, count: TinyCNN.classCount)
        for (image, predicted) in zip(images, evaluation.predictions) where image.label == predicted {
            byDigit[image.label] += 1
        }
        let number = { (value: Double) in NamedResult(tensor: try! Tensor(shape: [1], values: [value])) }
        let accuracy = Double(result.correct) / Double(result.count)
        results = ["parameters": number(Double(Network.parameterCount)), "correct": number(Double(result.correct)),
                   "count": number(Double(result.count)), "accuracy": number(accuracy), "loss": number(result.loss),
                   "right_by_digit": NamedResult(tensor: try! Tensor(shape: [byDigit.count],
                                                                     values: byDigit.map(Double.init)))]
        summary = "Network: " + Network.summary
        let counts = Network.tensorShapes.map { $0.shape.map(String.init).joined(separator: "·") }
        facts = ["Parameters: \(counts.joined(separator: " + ")) = \(Network.parameterCount)",
                 "Right: \(result.correct) of \(result.count) = \(NumberFormat.string(100 * accuracy)) %",
                 "Mean loss: \(NumberFormat.string(result.loss))"]
    }
}
