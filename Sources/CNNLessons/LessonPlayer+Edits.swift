import CNNCore

/// A lesson's numbers changed in the tutor (an edit, random numbers), and what the playground starts from.
extension LessonPlayer {
    /// The lesson with operands of lesson step `lessonStep` replaced, each also in every other step that wrote the
    /// same numbers for it: a lesson that repeats its X step after step has one X, and an edit of it stays from
    /// step to step. Everything is recomputed.
    ///
    /// - Parameters:
    ///   - replacements: the new tensor of each operand named; an operand the step does not write is skipped.
    ///   - bias: the step's new bias, when it changes.
    func replacing(_ replacements: [OperandName: Tensor], bias: [Double]? = nil,
                   at lessonStep: Int) throws -> LessonPlayer {
        var edited = lesson
        for (name, tensor) in replacements {
            guard let written = lesson.steps[lessonStep].computation?.operation[name]?.tensor else { continue }
            for step in edited.steps.indices
            where step == lessonStep || edited.steps[step].computation?.operation[name]?.tensor == written {
                edited.steps[step].computation?.operation[name] = .tensor(tensor)
            }
        }
        if let bias { edited.steps[lessonStep].computation?.operation.bias = bias }
        return try LessonPlayer(lesson: edited, conventions: conventions)
    }

    /// The frames of the lesson steps whose numbers differ from `original`'s (the same lesson, under the same
    /// conventions): an operand or a bias changed, or a result computed from one that did. Neighbouring steps'
    /// frames make one range.
    public func changedFrames(comparedWith original: LessonPlayer) -> [Range<Int>] {
        lessonStepRanges.indices.filter { step in
            guard step < original.plans.count, original.lesson.steps.count == lesson.steps.count else { return true }
            let (mine, theirs) = (lesson.steps[step].computation?.operation, original.lesson.steps[step].computation?
                .operation)
            let operandsDiffer = OperandName.allCases.contains { mine?[$0]?.tensor != theirs?[$0]?.tensor }
                || mine?.bias != theirs?.bias
            let (results, originalResults) = (plans[step].results, original.plans[step].results)
            return operandsDiffer || results.contains { originalResults[$0.key]?.tensor != $0.value.tensor }
        }.reduce(into: []) { ranges, step in
            // Neighbouring steps as one range of frames.
            let frames = lessonStepRanges[step]
            if let last = ranges.last, last.upperBound == frames.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<frames.upperBound
            } else {
                ranges.append(frames)
            }
        }
    }

    /// The operation of the lesson step showing frame `index` with its numbers as its frames show them: each
    /// operand taken from an earlier step's result filled in, the input shifted when the step says `shift:`;
    /// nil for a step that computes nothing.
    public func resolvedOperation(at index: Int) -> Operation? {
        let lessonStep = locate(index).lessonStep
        // Each step's operands as it took them, up to this one (`{from: N, result: input}` reads them).
        var operands: [[OperandName: Tensor]] = []
        var resolved: Computation?
        for number in 0...lessonStep {
            resolved = lesson.steps[number].computation.flatMap {
                try? Self.resolvingReferences($0, at: number, lesson: lesson, plans: plans, operands: operands)
            }
            operands.append(resolved?.operation.operands.compactMapValues(\.tensor) ?? [:])
        }
        guard let computation = resolved else { return nil }
        var operation = computation.operation
        if let (rows, columns) = computation.shift, let input = operation[.input]?.tensor, input.rank >= 2 {
            operation[.input] = .tensor(input.shifted(rows: rows, columns: columns))
        }
        return operation
    }
}
