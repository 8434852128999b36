import CNNCore

/// Plans a lesson's steps in file order, each with the results of the steps before it (for `from:`), sharing one
/// work budget. The player stops at the first problem; `check` plans every step on its own (`issues(in:…)`).
struct LessonPlanning {
    let lesson: Lesson
    let swapsKernelFlip: Bool
    let budget = WorkBudget()
    /// Each step's plan so far; nil for a step that failed, so the steps taking its results are skipped.
    private(set) var plans: [(any StepPlan)?] = []
    /// Each step's operands as it took them, for `{from: N, result: input}`.
    private(set) var operands: [[OperandName: Tensor]] = []

    init(lesson: Lesson, swapsKernelFlip: Bool = false) {
        self.lesson = lesson
        self.swapsKernelFlip = swapsKernelFlip
    }

    /// Plans step `number` (0-based; every step before it planned or skipped), then checks its bound and quiz.
    /// - Throws: `LessonIssue` for the first problem of the step; `BrokenSource` when it takes a result of a step
    ///   that failed. Either way the step counts as failed for the steps after it.
    mutating func plan(step number: Int) throws -> any StepPlan {
        precondition(number == plans.count, "steps are planned in order")
        let step = lesson.steps[number]
        skip()
        guard let written = step.computation else {
            plans[number] = NarrationPlan()
            return NarrationPlan()
        }
        let computation = try LessonPlayer.resolvingReferences(written, at: number, lesson: lesson, plans: plans,
                                                               operands: operands)
        operands[number] = computation.operation.operands.compactMapValues(\.tensor)
        let plan = try GridDisplay.$current.withValue(GridDisplay(lesson, step: number)) {
            try PlanBuilder(computation: computation, budget: budget, swapsKernelFlip: swapsKernelFlip).build()
        }
        try LessonPlayer.checkBound(plan, step: number + 1, location: written.location)
        plans[number] = plan
        // A quiz problem leaves the results sound for the steps that take them.
        try LessonPlayer.validateQuiz(written, plan: plan)
        return plan
    }

    /// Step `plans.count` counts as failed: later steps taking its results are skipped, not reported again.
    mutating func skip() {
        plans.append(nil)
        operands.append([:])
    }

    /// Every problem of the lesson's steps, each step planned on its own: a step that fails does not hide the
    /// next, and a step taking the results of a failed one is skipped (its own problem would only repeat the
    /// first). Also each planned step's `expect:` disagreements.
    /// - Parameters:
    ///   - lesson: the steps as read (their header may be a placeholder).
    ///   - unreadSteps: 0-based steps whose operation could not be read; they count as failed.
    static func issues(in lesson: Lesson, unreadSteps: Set<Int>) -> [LessonIssue] {
        var planning = LessonPlanning(lesson: lesson)
        var issues: [LessonIssue] = []
        for (number, step) in lesson.steps.enumerated() {
            guard !unreadSteps.contains(number) else {
                planning.skip()
                continue
            }
            do {
                let plan = try planning.plan(step: number)
                issues += step.computation.map { LessonPlayer.expectationIssues($0, plan: plan) } ?? []
            } catch let issue as LessonIssue {
                issues.append(issue)
            } catch {
                if !(error is BrokenSource) { issues.append(LessonIssue("\(error)", at: step.location)) }
            }
        }
        return issues
    }
}

/// A step takes a result of an earlier step that failed: its own problem is that one, already reported.
struct BrokenSource: Error {}
