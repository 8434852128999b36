import CNNCore
import CNNLessons

/// A share against the follower's own copy of the lesson: the presenter's numbers and conventions applied to it,
/// and, the other way, the presenter's numbers as edits of the lesson file's.
extension ClassroomShare {
    /// The operands of `current` that differ from `original`'s, whole: what a follower needs to recompute them.
    ///
    /// - Parameters:
    ///   - original: the lesson as loaded.
    ///   - current: the same lesson after edits and random numbers (any conventions).
    public static func edits(from original: LessonPlayer, to current: LessonPlayer) -> [OperandEdit] {
        var edits: [OperandEdit] = []
        for (index, (was, now)) in zip(original.lesson.steps, current.lesson.steps).enumerated() {
            guard let was = was.computation?.operation, let now = now.computation?.operation else { continue }
            for name in OperandName.allCases {
                if let tensor = now[name]?.tensor, tensor != was[name]?.tensor {
                    edits.append(OperandEdit(fileStep: index + 1, operand: name.rawValue, shape: tensor.shape,
                                             values: tensor.values))
                }
            }
            if let bias = now.bias, bias != was.bias {
                edits.append(OperandEdit(fileStep: index + 1, operand: OperandEdit.biasOperand, shape: [bias.count],
                                         values: bias))
            }
        }
        return edits
    }

    /// The lesson as the presenter shows it: `original` with the share's edits and conventions, every number
    /// recomputed. Throws when the share does not fit this copy of the lesson (another lesson, another version
    /// of it, a step past its end).
    ///
    /// - Parameter original: the follower's copy of the lesson the share names, with its own numbers.
    /// - Precondition: `decode` accepted the share (the fields are within their bounds).
    public func player(from original: LessonPlayer) throws(ShareProblem) -> LessonPlayer {
        guard original.lesson.id == lesson else {
            throw ShareProblem("is about lesson \(Self.quoted(lesson)), not \(Self.quoted(original.lesson.id))")
        }
        var edited = original.lesson
        for edit in edits {
            try apply(edit, to: &edited)
        }
        let player: LessonPlayer
        do {
            player = try LessonPlayer(lesson: edited, conventions: conventions)
        } catch {
            throw ShareProblem("has numbers this tutor cannot compute: \(Self.quoted("\(error)"))")
        }
        guard step <= player.stepCount else {
            throw ShareProblem("is at step \(step) of \(lesson), which has steps 1 to \(player.stepCount) here "
                               + "(another version of the lesson?)")
        }
        return player
    }

    /// Puts one edit's numbers in place of the operand it names, which must be there with the same shape.
    private func apply(_ edit: OperandEdit, to edited: inout Lesson) throws(ShareProblem) {
        let place = "\(edit.operand) of file step \(edit.fileStep)"
        guard edit.fileStep <= edited.steps.count, var computation = edited.steps[edit.fileStep - 1].computation else {
            throw ShareProblem("edits \(place), which this copy of \(lesson) does not compute")
        }
        if edit.operand == OperandEdit.biasOperand {
            guard computation.operation.bias?.count == edit.values.count else {
                throw ShareProblem("edits \(place), which has no bias of \(edit.values.count) numbers here")
            }
            computation.operation.bias = edit.values
        } else {
            guard let name = OperandName(rawValue: edit.operand), let written = computation.operation[name]?.tensor,
                  written.shape == edit.shape, let tensor = try? Tensor(shape: edit.shape, values: edit.values) else {
                throw ShareProblem("edits \(place), which has another shape here (or comes from an earlier step)")
            }
            computation.operation[name] = .tensor(tensor)
        }
        edited.steps[edit.fileStep - 1].computation = computation
    }
}
