import CNNCore

/// A lesson made steppable: every lesson step planned with the core, frames built on demand, so a walk of
/// 89,320 values costs no more memory than one of four.
public struct LessonPlayer: Sendable {
    public let lesson: Lesson
    let plans: [any StepPlan]
    /// First global frame of each lesson step, and the total at the end.
    let starts: [Int]
    /// The index base of every name and caption, and which operation convolution steps show.
    public let conventions: Conventions

    public init(lesson: Lesson, conventions: Conventions = Conventions()) throws {
        // Plans name what they draw once (a rotated filter's grid) as well as per frame: both under the base.
        (plans, starts) = try IndexBase.$current.withValue(conventions.indexBase) {
            try Self.plan(lesson, swapsKernelFlip: conventions.swapsKernelFlip)
        }
        self.lesson = lesson
        self.conventions = conventions
    }

    static func plan(_ lesson: Lesson, swapsKernelFlip: Bool) throws -> (plans: [any StepPlan], starts: [Int]) {
        var plans: [any StepPlan] = []
        var starts = [0]
        let budget = WorkBudget()
        for (number, step) in lesson.steps.enumerated() {
            let computation = try step.computation.map {
                try Self.resolvingReferences($0, at: number, lesson: lesson, plans: plans)
            }
            let plan: any StepPlan = try computation.map {
                try PlanBuilder(computation: $0, budget: budget, swapsKernelFlip: swapsKernelFlip).build()
            } ?? NarrationPlan()
            if let computation = step.computation {
                try Self.validateQuiz(computation, plan: plan)
            }
            plans.append(plan)
            starts.append(starts.last! + plan.frameCount + (step.computation?.quiz == nil ? 0 : 1))
        }
        return (plans, starts)
    }

    /// The same lesson shown with other conventions (everything recomputed when the operation changes).
    public func with(_ conventions: Conventions) throws -> LessonPlayer {
        conventions == self.conventions ? self : try LessonPlayer(lesson: lesson, conventions: conventions)
    }

    /// The operation the frame's step shows when it is a convolution (after any swap), else nil.
    public func kernelOperation(at index: Int) -> KernelOperation? {
        guard let operation = lesson.steps[locate(index).step].computation?.operation,
              let written = KernelOperation(operation) else { return nil }
        return conventions.swapsKernelFlip ? written.other : written
    }

    public var stepCount: Int { starts.last ?? 0 }

    /// The computation with each referenced operand filled in from the earlier step's computed result.
    static func resolvingReferences(_ computation: Computation, at number: Int, lesson: Lesson,
                                    plans: [any StepPlan]) throws -> Computation {
        var resolved = computation
        for (operand, reference) in computation.references {
            let source: Int
            if let step = reference.step {
                guard step - 1 < number else {
                    throw LessonIssue("a step can only use the result of an earlier step; step \(step) is not before step \(number + 1)", at: reference.location)
                }
                source = step - 1
            } else {
                guard let previous = (0..<number).last(where: { lesson.steps[$0].computation != nil }) else {
                    throw LessonIssue("there is no earlier computation to take '\(reference.result)' from", at: reference.location)
                }
                source = previous
            }
            guard let result = plans[source].results[reference.result] else {
                let available = plans[source].results.keys.sorted().joined(separator: ", ")
                throw LessonIssue("step \(source + 1) has no result '\(reference.result)' (it has: \(available))", at: reference.location)
            }
            resolved.operation[operand] = .tensor(result.tensor)
        }
        return resolved
    }

    /// The frames of each lesson step, in order.
    public var lessonStepRanges: [Range<Int>] {
        (0..<plans.count).map { starts[$0]..<starts[$0 + 1] }
    }

    /// The frames that complete something: narration, a quiz, each finished value, a whole result.
    /// A handout prints these; the fine frames between them add one term each.
    public func completingFrames(in range: Range<Int>) -> [Int] {
        var frames: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let next = nextValue(after: index)
            let end = next > index ? min(next, range.upperBound) : range.upperBound
            frames.append(end - 1)
            index = end
        }
        return frames
    }

    /// Which lesson step a frame belongs to, and its index within that step.
    func locate(_ index: Int) -> (step: Int, local: Int) {
        let index = min(max(index, 0), max(stepCount - 1, 0))
        var low = 0, high = plans.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low, index - starts[low])
    }

    func hasQuiz(_ step: Int) -> Bool { lesson.steps[step].computation?.quiz != nil }

    public func frame(at index: Int) -> Frame {
        IndexBase.$current.withValue(conventions.indexBase) { namedFrame(at: index) }
    }

    func namedFrame(at index: Int) -> Frame {
        let (stepNumber, local) = locate(index)
        let step = lesson.steps[stepNumber]
        let plan = plans[stepNumber]
        var frame = Frame(lessonID: lesson.id, lessonTitle: lesson.title, stepIndex: starts[stepNumber] + local, stepCount: stepCount,
                          heading: step.title, narration: step.narration)
        let body: FrameBody
        if hasQuiz(stepNumber) && local == 0, let spec = step.computation?.quiz {
            body = plan.quizBody()
            frame.quiz = try? Self.quizPrompt(spec, plan: plan, id: "\(lesson.id)/\(stepNumber + 1)")
        } else {
            body = plan.body(at: local - (hasQuiz(stepNumber) ? 1 : 0))
        }
        frame.grids = body.grids
        frame.formula = body.formula
        frame.facts = body.facts
        frame.progress = body.progress
        return frame
    }

    /// The first frame of the next value (or of the next lesson step), clamped to the last frame.
    public func nextValue(after index: Int) -> Int {
        let (stepNumber, local) = locate(index)
        let offset = hasQuiz(stepNumber) ? 1 : 0
        if local >= offset, let next = plans[stepNumber].nextValueStart(after: local - offset) {
            return starts[stepNumber] + offset + next
        }
        if local < offset { return starts[stepNumber] + offset }
        return min(starts[stepNumber + 1], stepCount - 1)
    }

    /// The first frame of the current value if past it, else of the previous value.
    public func previousValue(before index: Int) -> Int {
        let clamped = min(max(index, 0), stepCount - 1)
        let (stepNumber, local) = locate(clamped)
        let offset = hasQuiz(stepNumber) ? 1 : 0
        if local > offset {
            let start = offset + plans[stepNumber].valueStart(containing: local - offset)
            if start < local { return starts[stepNumber] + start }
            return starts[stepNumber] + offset + plans[stepNumber].valueStart(containing: local - offset - 1)
        }
        if local == offset && offset == 1 { return starts[stepNumber] }
        guard stepNumber > 0 else { return 0 }
        let previous = stepNumber - 1
        let previousLast = starts[stepNumber] - 1 - starts[previous]
        let previousOffset = hasQuiz(previous) ? 1 : 0
        guard previousLast >= previousOffset else { return starts[previous] }
        return starts[previous] + previousOffset + plans[previous].valueStart(containing: previousLast - previousOffset)
    }

    // MARK: Editing

    /// The lesson with one operand value changed (grid coordinates of a panel whose `source` is set),
    /// everything recomputed.
    public func replacingValue(_ value: Double, in source: OperandPlane, row: Int, column: Int, at index: Int) throws -> LessonPlayer {
        guard value.isFinite else { throw LessonIssue("not a finite number", at: location(index)) }
        let (stepNumber, _) = locate(index)
        guard var computation = lesson.steps[stepNumber].computation,
              let operand = OperandName(rawValue: source.operand), var tensor = computation.operation[operand]?.tensor else {
            throw LessonIssue("this grid cannot be edited", at: location(index))
        }
        let position = source.plane + [row + source.rowOffset, column + source.columnOffset]
        guard tensor.contains(position) else { throw LessonIssue("padding cells are always zero", at: location(index)) }
        tensor[position] = value
        computation.operation[operand] = .tensor(tensor)
        return try replacing(computation, at: stepNumber)
    }

    /// The lesson with every operand of the step at `index` replaced by small random integers.
    public func randomized(at index: Int, seed: UInt64) -> LessonPlayer {
        let (stepNumber, _) = locate(index)
        guard var computation = lesson.steps[stepNumber].computation else { return self }
        var generator = SplitMix(state: seed)
        for name in OperandName.allCases {
            guard let tensor = computation.operation[name]?.tensor else { continue }
            // Inputs 0…9 like pixel values; weights and gradients −3…3 so signs vary.
            let range: ClosedRange<Int> = name == .input ? 0...9 : -3...3
            let values = tensor.values.map { _ in Double(Int.random(in: range, using: &generator)) }
            if let random = try? Tensor(shape: tensor.shape, values: values) { computation.operation[name] = .tensor(random) }
        }
        computation.operation.bias = computation.operation.bias.map { $0.map { _ in Double(Int.random(in: -2...2, using: &generator)) } }
        return (try? replacing(computation, at: stepNumber)) ?? self
    }

    func replacing(_ computation: Computation, at stepNumber: Int) throws -> LessonPlayer {
        var edited = lesson
        edited.steps[stepNumber].computation = computation
        return try LessonPlayer(lesson: edited, conventions: conventions)
    }

    func location(_ index: Int) -> SourceLocation {
        lesson.steps[locate(index).step].location
    }

    // MARK: Checks

    /// Every `expect:` of the lesson against the computed results: one issue per disagreement.
    public func expectationIssues() -> [LessonIssue] {
        var issues: [LessonIssue] = []
        for (stepNumber, step) in lesson.steps.enumerated() {
            guard let computation = step.computation else { continue }
            let plan = plans[stepNumber]
            for expectation in computation.expectations {
                let name = expectation.result ?? plan.mainResult
                guard let result = plan.results[name] else {
                    issues.append(LessonIssue("no result named '\(name)' (this step has: \(plan.results.keys.sorted().joined(separator: ", ")))", at: expectation.location))
                    continue
                }
                let computed = result.tensor
                guard computed.count == expectation.values.count else {
                    issues.append(LessonIssue("expected \(expectation.values.count) value(s) for '\(name)', computed \(computed.count) (shape \(Shape.describe(computed.shape)))", at: expectation.location))
                    continue
                }
                let scale = computed.magnitude
                for (index, (expected, actual)) in zip(expectation.values, computed.values).enumerated()
                where abs(expected - actual) > 1e-9 * max(1, abs(actual)) {
                    let position = computed.multiIndex(index).map { String($0 + 1) }.joined(separator: ",")
                    issues.append(LessonIssue("expect disagrees with the computation: '\(name)' at (\(position)) is \(NumberFormat.string(actual, scale: scale)), expected \(NumberFormat.string(expected))", at: expectation.location))
                    break
                }
            }
        }
        return issues
    }

    static func validateQuiz(_ computation: Computation, plan: any StepPlan) throws {
        guard let spec = computation.quiz else { return }
        _ = try quizPrompt(spec, plan: plan, id: "")
    }

    static func quizPrompt(_ spec: QuizSpec, plan: any StepPlan, id: String) throws -> QuizPrompt {
        guard let result = plan.results[spec.result] else {
            throw LessonIssue("the quiz asks for '\(spec.result)' but this step computes: \(plan.results.keys.sorted().joined(separator: ", "))", at: spec.location)
        }
        let tensor = result.tensor
        let isNumber = tensor.shape == [1]
        let position = spec.position.isEmpty && isNumber ? [1] : spec.position
        guard position.count == tensor.rank, zip(position, tensor.shape).allSatisfy({ $0 >= 1 && $0 <= $1 }) else {
            throw LessonIssue("quiz position \(spec.position) is outside '\(spec.result)' of shape \(Shape.describe(tensor.shape)) (1-based)", at: spec.location)
        }
        let flat = tensor.flatIndex(position.map { $0 - 1 })
        let explanation = result.explain?(flat)
        var answer = tensor.values[flat]
        if let term = spec.term {
            guard let explanation, term <= explanation.terms.count else {
                throw LessonIssue("quiz term \(term) does not exist: that value has \(explanation?.terms.count ?? 0) term(s)", at: spec.location)
            }
            answer = explanation.terms[term - 1].partial
        }
        let worked = explanation.map { [$0.symbolicLine(), $0.numericLine()] } ?? ["The answer is \(NumberFormat.string(answer))."]
        let question = explanation.map { renamingTarget(in: spec.question, $0.target) } ?? spec.question
        return QuizPrompt(id: id, question: question, answer: answer, worked: worked)
    }

    /// The question as written names its value from 1 ("What is O12?"); in another base that exact name
    /// becomes the value's name there ("What is O01?"). Other prose stays as the author wrote it.
    static func renamingTarget(in question: String, _ target: Factor) -> String {
        let written = Symbols.name(target.name, target.subscripts, base: .one)
        let shown = target.symbol
        guard written != shown, let range = question.range(of: written),
              !(question[range.upperBound...].first.map { $0.isNumber || $0 == "," } ?? false) else { return question }
        return question.replacingCharacters(in: range, with: shown)
    }
}

/// A seedable generator so "random" inputs can be reproduced.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
