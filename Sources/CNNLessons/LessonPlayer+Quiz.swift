import CNNCore

/// Read-only views of a lesson's quizzes, for exercise sheets and their answer keys, which ask the questions
/// away from the tutor and need the sum behind each answer.
extension LessonPlayer {
    /// The lesson steps (0-based) that ask a quiz, in order.
    public var quizSteps: [Int] {
        lesson.steps.indices.filter(hasQuiz)
    }

    /// The sum behind the value the quiz of lesson step `step` asks about, with all its terms (a quiz with
    /// `term:` asks for the running sum after that many of them); nil when the step has no quiz or its value is
    /// not explained term by term (sizes, counts).
    public func quizExplanation(ofStep step: Int) -> Explanation? {
        guard lesson.steps.indices.contains(step), let spec = lesson.steps[step].computation?.quiz,
              let flat = try? Self.askedValue(spec, plan: plans[step]) else { return nil }
        return IndexBase.$current.withValue(conventions.indexBase) {
            plans[step].results[spec.result]?.explain?(flat)
        }
    }
}
