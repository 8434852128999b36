import CNNCore

/// Read-only views of what each lesson step computed, for exporters (LaTeX handouts, numpy and PyTorch scripts)
/// that lay a lesson out their own way instead of frame by frame.
extension LessonPlayer {
    /// Every result lesson step `step` (0-based) computed, by name, in the shape the lesson wrote;
    /// empty for narration.
    public func results(ofStep step: Int) -> [String: Tensor] {
        plans[step].results.mapValues(\.tensor)
    }

    /// How many values lesson step `step` walks one at a time, each with its sum: 0 for narration, one-frame
    /// steps (rotate, dilate, size, efficiency) and `walk: result`.
    public func walkedValueCount(ofStep step: Int) -> Int {
        let walk = (plans[step] as? ExplainedPlan)?.walk ?? (plans[step] as? DerivationPlan)?.walk
        guard let walk, walk.walk != .result else { return 0 }
        return walk.elements.count
    }

    /// The sum behind the `position`-th value lesson step `step` walks (0-based, in walk order), or nil
    /// when the step walks fewer values.
    public func walkedExplanation(ofStep step: Int, at position: Int) -> Explanation? {
        guard position >= 0, position < walkedValueCount(ofStep: step), let plan = plans[step] as? ExplainedPlan else {
            return nil
        }
        return plan.explain(plan.walk.elements[position])
    }

    /// The lines that derive the `position`-th value lesson step `step` walks (softmax: m, E_k, S, p_k), or nil
    /// when the step is not a derivation or walks fewer values.
    public func walkedDerivation(ofStep step: Int, at position: Int) -> [DerivationLine]? {
        guard position >= 0, position < walkedValueCount(ofStep: step), let plan = plans[step] as? DerivationPlan else {
            return nil
        }
        return plan.lines(plan.walk.elements[position])
    }

    /// The tutor's numbers of the frames lesson step `step` (0-based) shows: 1-based, as its status line
    /// ("[step 21/25]") and `show --step` count them.
    ///
    /// - Precondition: `step` is a lesson step of this lesson; every lesson step shows at least one frame.
    public func tutorSteps(ofStep step: Int) -> ClosedRange<Int> {
        (firstFrames[step] + 1)...firstFrames[step + 1]
    }

    /// `tutorSteps(ofStep:)` as every exporter names them: "step 21" for one frame, "steps 21–25" for several.
    ///
    /// - Parameters:
    ///   - step: a lesson step of this lesson (0-based).
    ///   - capitalized: "Step"/"Steps", for a heading.
    public func tutorStepsLabel(ofStep step: Int, capitalized: Bool = false) -> String {
        let steps = tutorSteps(ofStep: step)
        let label = steps.count == 1 ? "step \(steps.lowerBound)" : "steps \(steps.lowerBound)–\(steps.upperBound)"
        return capitalized ? label.prefix(1).uppercased() + label.dropFirst() : label
    }
}
