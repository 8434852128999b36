import CNNCore

/// Builds the plan of one computation step with the core, mapping every refusal to the field it concerns.
struct PlanBuilder {
    let computation: Computation
    /// The lesson's work so far, shared by its steps.
    let budget: WorkBudget
    /// conv steps computed as true convolution, convolve steps as cross-correlation (`Conventions`).
    var swapsKernelFlip = false

    func issue(_ message: String, field: String? = nil) -> LessonIssue {
        LessonIssue(message, at: field.flatMap { computation.fieldLocations[$0] } ?? computation.location)
    }

    /// The lesson field a core refusal is about, from the operand the core names.
    func field(for error: CoreError) -> String? {
        switch error.operand {
        case .filter:
            computation.operation[.filter] != nil ? "filter"
                : (computation.operation[.weights] != nil ? "weights" : "size")
        case .poolSize: "size"
        case .gradient: "grad"
        case .bias: "bias"
        case .stride: "stride"
        case .padding: "padding"
        case .dilation: "dilation"
        case .outputPadding: "output_padding"
        case .group: "group"
        case .groups: "groups"
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

    /// An operand's tensor; references are resolved by the player before a plan is built.
    func tensor(_ value: OperandValue) throws -> Tensor {
        guard let tensor = value.tensor else { throw issue("an unresolved reference to an earlier result") }
        return tensor
    }

    /// The input, translated first when the step has `shift:`.
    func shifted(_ value: OperandValue) throws -> Tensor {
        let input = try tensor(value)
        guard let (rows, columns) = computation.shift, input.rank >= 2 else { return input }
        return input.shifted(rows: rows, columns: columns)
    }

    var inputTitle: String {
        guard let (rows, columns) = computation.shift else { return "Input" }
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
                throw issue("position \(position) is outside the result's shape \(Shape.describe(displayShape)) "
                            + "(1-based)", field: "only")
            }
            var flat = 0
            for (index, extent) in zip(position, displayShape) { flat = flat * extent + index - 1 }
            result.append(flat)
        }
        return (result, false)
    }

    func build() throws -> any StepPlan {
        switch computation.operation {
        case .conv(let fields): try convPlan(fields)
        case .convolve(let fields): try convolvePlan(fields)
        case .fullConv(let fields): try fullConvPlan(fields)
        case .im2col(let fields): try im2colPlan(fields)
        case .convBackward(let fields): try convBackwardPlan(fields)
        case .pool(let fields): try fields.across == .channels ? crossChannelPlan(fields) : poolPlan(fields)
        case .poolBackward(let fields): try poolBackwardPlan(fields)
        case .relu(let fields): try reluPlan(input: fields.input, gradient: nil)
        case .reluBackward(let fields): try reluPlan(input: fields.input, gradient: fields.grad)
        case .rotate(let fields): try rotatePlan(fields)
        case .dilate(let fields): try dilatePlan(fields)
        case .size(let fields): try sizePlan(fields)
        case .efficiency(let fields): try efficiencyPlan(fields)
        case .transposed(let fields): try transposedPlan(fields)
        case .localConv(let fields), .tiledConv(let fields): try unsharedPlan(fields)
        case .flatten(let fields): try flattenPlan(fields)
        case .dense(let fields): try densePlan(fields)
        case .denseBackward(let fields): try denseBackwardPlan(fields)
        case .softmax(let fields): try softmaxPlan(fields)
        case .crossEntropy(let fields): try crossEntropyPlan(fields)
        case .softmaxCrossEntropyBackward(let fields): try scoreGradientPlan(fields)
        case .sgdStep(let fields): try sgdStepPlan(fields)
        case .evaluate(let fields): try evaluatePlan(fields)
        }
    }
}

/// The work a lesson may ask of the core: values × terms summed over its steps. Each step is charged before it
/// is computed, so a lesson that would take minutes is refused in milliseconds, at the step that goes over.
final class WorkBudget {
    /// Multiply-adds (or comparisons) a whole lesson may need; the bundled lessons use under 1 %.
    static let lessonLimit = 20_000_000
    private(set) var used = 0

    func charge(_ values: Int, terms: Int, builder: PlanBuilder) throws {
        let (work, overflow) = values.multipliedReportingOverflow(by: max(terms, 1))
        let (total, overflowTotal) = used.addingReportingOverflow(work)
        guard !overflow, !overflowTotal, total <= Self.lessonLimit else {
            throw builder.issue("this step brings the lesson's work past \(Self.lessonLimit) multiply-adds "
                                + "(values × terms); a lesson is meant to be read, not to wait for")
        }
        used = total
    }
}
