import CNNLessons

/// e, r and o: the keys that change the lesson's numbers; they and q ask first in --present mode.
extension TutorState {
    mutating func perform(_ action: Confirmation, confirmed: Bool) {
        guard let index = lessonIndex, let source = entries[index].current else { return }
        if let refusal = refusal(of: action) {
            message = refusal
        } else if options.present && !confirmed {
            lessonView?.input = .confirm(action)
        } else {
            switch action {
            case .edit:
                let cursor = initialCursor()
                lessonView?.input = .edit(cursor)
            case .randomize:
                replaceNumbers(with: source.randomized(at: step, seed: seed), modified: true)
                seed &+= 1
                message = "random small integers: everything recomputed (o restores the original numbers)"
            case .original:
                replaceNumbers(with: entries[index].original ?? source, modified: false)
                message = "the lesson's original numbers are back"
            case .quit:
                effects.append(.quit)
            }
        }
    }

    /// The answer to --present mode's question: y does it, any other key cancels.
    mutating func updateConfirm(_ key: Key, what: Confirmation) {
        lessonView?.closeInput()
        if Self.isYes(key) {
            perform(what, confirmed: true)
        } else {
            message = what == .quit ? "not quitting" : "cancelled: nothing changed"
        }
    }

    static func isYes(_ key: Key) -> Bool { key == .character("y") || key == .character("Y") }

    /// Why `action` cannot be done here, for the status line; nil when it can.
    private func refusal(of action: Confirmation) -> String? {
        switch action {
        case .edit:
            editableGrids.isEmpty
                ? "nothing to edit in this step: no grid here comes straight from the lesson's numbers" : nil
        case .randomize:
            frame?.grids.isEmpty == false || frame?.formula != nil ? nil : "no numbers in this step to randomize"
        case .original:
            currentEntry?.isModified == true && currentEntry?.original != nil
                ? nil : "these are already the lesson's own numbers"
        case .quit:
            nil
        }
    }

    /// New numbers: every verdict and practice answer was about the old ones, so they go.
    mutating func replaceNumbers(with source: any StepSource, modified: Bool) {
        guard let index = lessonIndex else { return }
        entries[index].current = source
        entries[index].isModified = modified
        quizFeedback = [:]
        lessonView?.practice.forgetAnswers()
        refreshFrame()
    }
}
