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
        guard let plan = plans[step] as? ExplainedPlan, plan.walk.walk != .result else { return 0 }
        return plan.walk.elements.count
    }

    /// The sum behind the `position`-th value lesson step `step` walks (0-based, in walk order), or nil
    /// when the step walks fewer values.
    public func walkedExplanation(ofStep step: Int, at position: Int) -> Explanation? {
        guard position >= 0, position < walkedValueCount(ofStep: step), let plan = plans[step] as? ExplainedPlan else {
            return nil
        }
        return plan.explain(plan.walk.elements[position])
    }
}
