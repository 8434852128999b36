import CNNCore
import FoundationEssentials
import Glibc

/// A lesson made steppable: every lesson step planned with the core, frames built on demand, so a walk of
/// 89,320 values costs no more memory than one of four.
public struct LessonPlayer: Sendable {
    public let lesson: Lesson
    let plans: [any StepPlan]
    /// First frame of each lesson step, and the frame count at the end.
    let firstFrames: [Int]
    /// The index base of every name and caption, and which operation convolution steps show.
    public let conventions: Conventions

    public init(lesson: Lesson, conventions: Conventions = Conventions()) throws {
        // Plans name what they draw once (a rotated filter's grid) as well as per frame: both under the base.
        (plans, firstFrames) = try IndexBase.$current.withValue(conventions.indexBase) {
            try Self.plan(lesson, swapsKernelFlip: conventions.swapsKernelFlip)
        }
        self.lesson = lesson
        self.conventions = conventions
    }

    static func plan(_ lesson: Lesson, swapsKernelFlip: Bool) throws -> (plans: [any StepPlan], firstFrames: [Int]) {
        var planning = LessonPlanning(lesson: lesson, swapsKernelFlip: swapsKernelFlip)
        var plans: [any StepPlan] = []
        var firstFrames = [0]
        for (number, step) in lesson.steps.enumerated() {
            let plan = try planning.plan(step: number)
            plans.append(plan)
            firstFrames.append(firstFrames.last! + plan.frameCount + (step.computation?.quiz == nil ? 0 : 1))
        }
        return (plans, firstFrames)
    }

    /// The same lesson shown with other conventions (everything recomputed when the operation changes).
    public func with(_ conventions: Conventions) throws -> LessonPlayer {
        conventions == self.conventions ? self : try LessonPlayer(lesson: lesson, conventions: conventions)
    }

    /// The operation the frame's step shows when it is a convolution (after any swap), else nil.
    public func kernelOperation(at index: Int) -> KernelOperation? {
        guard let operation = lesson.steps[locate(index).lessonStep].computation?.operation,
              let written = KernelOperation(operation) else { return nil }
        return conventions.swapsKernelFlip ? written.other : written
    }

    /// The number of frames. A lesson step (one entry of the file's `steps:`) shows one or more frames; the
    /// tutor's status line counts frames and calls them steps ("step 7/24"), hence `stepCount`.
    public var frameCount: Int { firstFrames.last ?? 0 }

    /// The number of frames, as the tutor's "step N/M" counts them (see `frameCount`).
    public var stepCount: Int { frameCount }

    /// The computation with each referenced operand filled in from the earlier step's computed result (or
    /// operand, `operands` holding each earlier step's).
    /// - Throws: `LessonIssue` at a reference that names no earlier step or result; `BrokenSource` when the
    ///   referenced step has no plan (`plans` holds nil for a step that failed).
    static func resolvingReferences(_ computation: Computation, at number: Int, lesson: Lesson,
                                    plans: [(any StepPlan)?], operands: [[OperandName: Tensor]]) throws -> Computation {
        var resolved = computation
        for (operand, reference) in computation.references {
            let source: Int
            if let step = reference.step {
                guard step - 1 < number else {
                    throw LessonIssue("a step can only use the result of an earlier step; step \(step) is not before "
                                      + "step \(number + 1)", at: reference.location)
                }
                source = step - 1
            } else {
                guard let previous = (0..<number).last(where: { lesson.steps[$0].computation != nil }) else {
                    throw LessonIssue("there is no earlier computation to take '\(reference.result)' from",
                                      at: reference.location)
                }
                source = previous
            }
            guard let sourcePlan = plans[source] else { throw BrokenSource() }
            let tensor = try referencedTensor(reference, step: source, results: sourcePlan.results,
                                              operands: operands[source])
            resolved.operation[operand] = .tensor(tensor)
        }
        return resolved
    }

    /// The frames of each lesson step, in order.
    public var lessonStepRanges: [Range<Int>] {
        (0..<plans.count).map { firstFrames[$0]..<firstFrames[$0 + 1] }
    }

    /// The frames that complete something: narration, a quiz, each finished value, a whole result.
    /// A handout prints these; the fine frames between them add one term each.
    public func completingFrames(in range: Range<Int>) -> [Int] {
        var frames: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let end = min(nextValueStart(after: index), range.upperBound)
            frames.append(end - 1)
            index = end
        }
        return frames
    }

    /// Which lesson step a frame belongs to, and its index within that step.
    func locate(_ index: Int) -> (lessonStep: Int, local: Int) {
        let index = min(max(index, 0), max(stepCount - 1, 0))
        var low = 0, high = plans.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firstFrames[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low, index - firstFrames[low])
    }

    func hasQuiz(_ step: Int) -> Bool { lesson.steps[step].computation?.quiz != nil }

    public func frame(at index: Int) -> Frame {
        IndexBase.$current.withValue(conventions.indexBase) { namedFrame(at: index) }
    }

    func namedFrame(at index: Int) -> Frame {
        let display = GridDisplay(lesson, step: locate(index).lessonStep)
        return GridDisplay.$current.withValue(display) { displayedFrame(at: index) }
    }

    func displayedFrame(at index: Int) -> Frame {
        let (lessonStep, local) = locate(index)
        let step = lesson.steps[lessonStep]
        let plan = plans[lessonStep]
        var frame = Frame(lessonID: lesson.id, lessonTitle: lesson.title, stepIndex: firstFrames[lessonStep] + local,
                          stepCount: stepCount,
                          heading: step.title, narration: step.narration.named())
        var body: FrameBody
        if hasQuiz(lessonStep) && local == 0, let spec = step.computation?.quiz {
            (body, frame.quiz) = quizFrame(spec, plan: plan, id: "\(lesson.id)/\(lessonStep + 1)")
            body.grids = hidingUncomputed(body.grids, before: lessonStep)
        } else {
            body = plan.body(at: local - (hasQuiz(lessonStep) ? 1 : 0))
        }
        frame.grids = body.grids
        frame.formula = body.formula
        frame.facts = body.facts
        frame.progress = body.progress
        return frame
    }

    /// A quiz frame: the grids of the asked value with nothing computed, and the question naming its cell.
    func quizFrame(_ spec: QuizSpec, plan: any StepPlan, id: String) -> (FrameBody, QuizPrompt?) {
        guard let asked = try? Self.askedValue(spec, plan: plan),
              var quiz = try? Self.quizPrompt(spec, plan: plan, id: id) else { return (plan.quizBody(), nil) }
        var body = plan.quizBody(asking: asked, of: spec.result)
        body.facts += Self.biasFacts(plan.results[spec.result]?.explain?(asked), grids: body.grids)
        if let cell = plan.quizCell(asking: asked, of: spec.result), cell.grid < body.grids.count {
            quiz.grid = body.grids[cell.grid].title
            quiz.at = [cell.row + 1, cell.column + 1]
        }
        quiz.formula = quiz.formula?.locating(in: body.grids)
        if let digits = lesson.displayDigits {
            acceptDisplayedPrecision(&quiz, digits: digits)
        }
        return (body, quiz)
    }

    /// "b2 = 1 (the bias)": the bias of the asked value, which its worked terms add and no grid draws.
    static func biasFacts(_ explanation: Explanation?, grids: [GridPanel]) -> [String] {
        guard let bias = explanation?.bias,
              !grids.contains(where: { $0.cells.joined().contains { $0.symbol == bias.symbol } }) else { return [] }
        return ["\(bias.symbol) = \(NumberFormat.string(bias.value)) (the bias)"]
    }

    /// Under a lesson's `digits: N`, a quiz whose answer has more digits than the grids show accepts an answer
    /// within half a unit of the N-th, and its question says so.
    func acceptDisplayedPrecision(_ quiz: inout QuizPrompt, digits: Int) {
        let halfUnit = NumberFormat.halfUnit(of: quiz.answer, digits: digits)
        guard halfUnit > 0 else { return }
        quiz.tolerance = halfUnit
        // As a decimal (0.00005), not as NumberFormat writes numbers this small (5e-05).
        let decimals = max(0, -Int(log10(halfUnit).rounded(.down)))
        quiz.question += " (\(digits) significant digits: within ±" + String(cFormat: "%.*f", decimals, halfUnit) + ")"
    }

    /// The first frame of the next value (or of the next lesson step), clamped to the last frame.
    public func nextValue(after index: Int) -> Int {
        min(nextValueStart(after: index), stepCount - 1)
    }

    /// The first frame after the value `index` belongs to: past the last frame (`stepCount`) at the end.
    func nextValueStart(after index: Int) -> Int {
        let (lessonStep, local) = locate(index)
        let offset = hasQuiz(lessonStep) ? 1 : 0
        if local >= offset, let next = plans[lessonStep].nextValueStart(after: local - offset) {
            return firstFrames[lessonStep] + offset + next
        }
        if local < offset { return firstFrames[lessonStep] + offset }
        return firstFrames[lessonStep + 1]
    }

    /// The first frame of the current value if past it, else of the previous value.
    public func previousValue(before index: Int) -> Int {
        let clamped = min(max(index, 0), stepCount - 1)
        let (lessonStep, local) = locate(clamped)
        let offset = hasQuiz(lessonStep) ? 1 : 0
        if local > offset {
            let start = offset + plans[lessonStep].valueStart(containing: local - offset)
            if start < local { return firstFrames[lessonStep] + start }
            return firstFrames[lessonStep] + offset + plans[lessonStep].valueStart(containing: local - offset - 1)
        }
        if local == offset && offset == 1 { return firstFrames[lessonStep] }
        guard lessonStep > 0 else { return 0 }
        let previous = lessonStep - 1
        let previousLast = firstFrames[lessonStep] - 1 - firstFrames[previous]
        let previousOffset = hasQuiz(previous) ? 1 : 0
        guard previousLast >= previousOffset else { return firstFrames[previous] }
        let start = plans[previous].valueStart(containing: previousLast - previousOffset)
        return firstFrames[previous] + previousOffset + start
    }

    // MARK: Editing

    /// The lesson with one operand value changed (grid coordinates of a panel whose `source` is set),
    /// everything recomputed.
    public func replacingValue(_ value: Double, in source: OperandPlane, row: Int, column: Int,
                               at index: Int) throws -> LessonPlayer {
        guard abs(value) <= Limits.maxMagnitude else {
            throw LessonIssue("\(NumberFormat.string(value)) is outside the -1e100 to 1e100 a lesson's numbers must "
                              + "stay within", at: location(index))
        }
        let (lessonStep, _) = locate(index)
        guard let computation = lesson.steps[lessonStep].computation,
              let operand = OperandName(rawValue: source.operand),
              var tensor = computation.operation[operand]?.tensor else {
            throw LessonIssue("this grid cannot be edited", at: location(index))
        }
        // A grid is always drawn as rows and columns: a 1-D operand's single row has no axis of its own.
        let drawn = source.plane + [row + source.rowOffset, column + source.columnOffset]
        let position = Array(drawn.suffix(tensor.rank))
        guard drawn.dropLast(tensor.rank).allSatisfy({ $0 == 0 }), tensor.contains(position) else {
            throw LessonIssue("padding cells are always zero", at: location(index))
        }
        tensor[position] = value
        return try replacing([operand: tensor], at: lessonStep)
    }

    /// The lesson with every operand of the step at `index` replaced by small random integers (and so in the
    /// other steps that wrote the same numbers).
    public func randomized(at index: Int, seed: UInt64) -> LessonPlayer {
        let (lessonStep, _) = locate(index)
        guard let computation = lesson.steps[lessonStep].computation else { return self }
        var generator = SplitMix(state: seed)
        var replacements: [OperandName: Tensor] = [:]
        for name in OperandName.allCases {
            guard let tensor = computation.operation[name]?.tensor else { continue }
            // Inputs 0…9 like pixel values; weights and gradients −3…3 so signs vary.
            let range: ClosedRange<Int> = name == .input ? 0...9 : -3...3
            let values = tensor.values.map { _ in Double(Int.random(in: range, using: &generator)) }
            replacements[name] = try? Tensor(shape: tensor.shape, values: values)
        }
        let bias = computation.operation.bias.map { $0.map { _ in Double(Int.random(in: -2...2,
                using: &generator)) } }
        return (try? replacing(replacements, bias: bias, at: lessonStep)) ?? self
    }

    func location(_ index: Int) -> SourceLocation {
        lesson.steps[locate(index).lessonStep].location
    }

    // MARK: Checks

    /// Every `expect:` of the lesson against the computed results: one issue per disagreement.
    public func expectationIssues() -> [LessonIssue] {
        lesson.steps.indices.flatMap { lessonStep in
            lesson.steps[lessonStep].computation.map { Self.expectationIssues($0, plan: plans[lessonStep]) } ?? []
        }
    }

    /// The `expect:` entries of one step against its plan's results: one issue per disagreement.
    static func expectationIssues(_ computation: Computation, plan: any StepPlan) -> [LessonIssue] {
        var issues: [LessonIssue] = []
        for expectation in computation.expectations {
            let name = expectation.result ?? plan.mainResult
            guard let result = plan.results[name] else {
                let names = plan.results.keys.sorted().joined(separator: ", ")
                issues.append(LessonIssue("no result named '\(name)' (this step has: \(names))",
                                          at: expectation.location))
                continue
            }
            let computed = result.tensor
            guard computed.count == expectation.values.count else {
                issues.append(LessonIssue("expected \(expectation.values.count) value(s) for '\(name)', computed "
                                          + "\(computed.count) (shape "
                                            + "\(Shape.describe(computed.shape)))", at: expectation.location))
                continue
            }
            let scale = computed.magnitude
            for (index, (expected, actual)) in zip(expectation.values, computed.values).enumerated()
            where abs(expected - actual) > 1e-9 * max(1, abs(actual)) {
                let position = computed.multiIndex(index).map { String($0 + 1) }.joined(separator: ",")
                issues.append(LessonIssue("expect disagrees with the computation: '\(name)' at (\(position)) is "
                                          + "\(NumberFormat.string(actual, scale: scale)), expected "
                                            + "\(NumberFormat.string(expected))", at: expectation.location))
                break
            }
        }
        return issues
    }

    /// Refuses a step whose results leave the bound every written number obeys (±`Limits.maxMagnitude`): steps
    /// chained by `from:` could otherwise grow to ±∞ or NaN, which no frame, quiz or export can show. Within the
    /// bound, every product and sum one step forms stays finite.
    ///
    /// - Parameters:
    ///   - plan: the step's plan, its results computed.
    ///   - step: the step's 1-based number in the file, for the message.
    ///   - location: where the step's computation is written.
    static func checkBound(_ plan: any StepPlan, step: Int, location: SourceLocation) throws {
        let names = [plan.mainResult] + plan.results.keys.sorted().filter { $0 != plan.mainResult }
        for name in names {
            guard let tensor = plan.results[name]?.tensor,
                  let flat = tensor.values.firstIndex(where: { !(abs($0) <= Limits.maxMagnitude) }) else { continue }
            let position = tensor.multiIndex(flat).map { String($0 + 1) }.joined(separator: ",")
            let value = tensor.values[flat]
            let shown = value.isNaN ? "NaN (not a number)" : NumberFormat.string(value)
            throw LessonIssue("step \(step) computes '\(name)' at (\(position)) = \(shown), outside the -1e100 to "
                              + "1e100 a lesson's numbers must stay within (each step feeds the next: make the "
                              + "numbers smaller)", at: location)
        }
    }

    static func validateQuiz(_ computation: Computation, plan: any StepPlan) throws {
        guard let spec = computation.quiz else { return }
        _ = try quizPrompt(spec, plan: plan, id: "")
    }

    /// The flat index of the value a quiz asks about in its result.
    static func askedValue(_ spec: QuizSpec, plan: any StepPlan) throws -> Int {
        guard let result = plan.results[spec.result] else {
            throw LessonIssue("the quiz asks for '\(spec.result)' but this step computes: "
                              + "\(plan.results.keys.sorted().joined(separator: ", "))", at: spec.location)
        }
        let tensor = result.tensor
        let isNumber = tensor.shape == [1]
        let position = spec.position.isEmpty && isNumber ? [1] : spec.position
        guard position.count == tensor.rank, zip(position, tensor.shape).allSatisfy({ $0 >= 1 && $0 <= $1 }) else {
            throw LessonIssue("quiz position \(spec.position) is outside '\(spec.result)' of shape "
                              + "\(Shape.describe(tensor.shape)) (1-based)", at: spec.location)
        }
        return tensor.flatIndex(position.map { $0 - 1 })
    }

    static func quizPrompt(_ spec: QuizSpec, plan: any StepPlan, id: String) throws -> QuizPrompt {
        let flat = try askedValue(spec, plan: plan)
        let result = plan.results[spec.result]!
        let tensor = result.tensor
        let explanation = result.explain?(flat)
        var answer = tensor.values[flat]
        if let term = spec.term {
            guard let explanation, term <= explanation.terms.count else {
                throw LessonIssue("quiz term \(term) does not exist: that value has \(explanation?.terms.count ?? 0) "
                                  + "term(s)", at: spec.location)
            }
            answer = explanation.terms[term - 1].partial
        }
        let formula = explanation.map { WorkedFormula($0) }
        let worked = formula.map { [$0.symbolicLine, $0.numericLine] } ?? result.derivation?(flat)
            ?? ["The answer is \(NumberFormat.string(answer))."]
        let question = questionText(spec.question, target: explanation?.target)
        var prompt = QuizPrompt(id: id, question: question, answer: answer, worked: worked)
        prompt.formula = formula
        let mistakes: [KnownMistake]
        if let term = spec.term, let explanation {
            mistakes = QuizMistakes.partialSum(explanation, term: term)
        } else {
            mistakes = plan.knownMistakes(asking: flat, of: spec.result)
                + (tensor.shape == [1] ? [] : QuizMistakes.neighbours(result, flat: flat))
        }
        prompt.hint = explanation.flatMap { QuizHint.hint($0, term: spec.term) }
            ?? result.hint
        let declared = spec.mistakes.map(\.kind)
        prompt.declaredMistakes = declared.isEmpty ? nil : declared
        let kept = QuizMistakes.distinct(mistakes, answer: answer, declared: declared)
        prompt.mistakes = kept.isEmpty ? nil : kept
        try addKinds(spec, to: &prompt, plan: plan, flat: flat)
        return prompt
    }

    /// The question as written names its value from 1 ("What is O12?"); in another base that exact name
    /// becomes the value's name there ("What is O01?"). Other prose stays as the author wrote it.
    static func renamingTarget(in question: String, _ target: Factor) -> String {
        let written = Symbols.name(target.name, target.subscripts, base: .one)
        let shown = target.symbol
        guard written != shown, let range = question.firstRange(of: written),
              !(question[range.upperBound...].first.map { $0.isNumber || $0 == "," } ?? false) else {
            return question
        }
        var renamed = question
        renamed.replaceSubrange(range, with: shown)
        return renamed
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
