import CNNCore
import CNNLessons

/// `i` and `c`: the index base of every name and caption, and cross-correlation ↔ true convolution. Both are
/// settings of the session: the open lesson is recomputed with them, and so is each lesson opened later.
extension TutorState {
    mutating func toggleIndexBase() {
        let typed = input
        conventions.indexBase = conventions.indexBase == .one ? .zero : .one
        refreshFrame()
        // Only the names changed, not the values: an answer being typed stays.
        if case .answer = typed, case .answer = input { lessonView?.input = typed }
        message = conventions.indexBase == .one
            ? "indices from 1, as the slides: X11 is the top-left cell"
            : "indices from 0, as numpy and seed 002: X00 is x[0,0], the top-left cell"
    }

    mutating func toggleKernelFlip() {
        guard let operation = currentSource?.kernelOperation(at: step) else {
            message = "c switches cross-correlation ↔ true convolution on a convolution step; this step is not one"
            return
        }
        conventions.swapsKernelFlip.toggle()
        // The values change, so verdicts and practice answers about the old ones go, as after `r`.
        quizFeedback = [:]
        lessonView?.practice.forgetAnswers()
        refreshFrame()
        let shown = currentSource?.kernelOperation(at: step) ?? operation
        message = "now \(shown): everything recomputed (c switches back)"
    }

    /// The source of the open lesson under the session's conventions, kept in its entry so that the
    /// recomputation happens once per change, not per frame. A lesson that cannot be recomputed stays as it is.
    mutating func showingConventions(_ source: any StepSource) -> any StepSource {
        guard source.conventions != conventions, let index = lessonIndex else { return source }
        guard let converted = source.applying(conventions) else {
            message = "this lesson cannot be shown that way; it stays as it was"
            return source
        }
        entries[index].current = converted
        return converted
    }

    /// "true convolution (filter turned 180°) · indices from 0": what the frame is shown as, when that is not
    /// simply the slides' cross-correlation counted from 1; nil when there is nothing to say.
    public var conventionsLabel: String? {
        var parts: [String] = []
        if let operation = currentSource?.kernelOperation(at: step) { parts.append(operation.description) }
        if conventions.indexBase != .one { parts.append(conventions.indexBase.label) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
