import CNNLessons

/// The feedback of multiple-choice and "which cell?" quizzes, and the author's hint and explanation of every
/// kind: a first wrong answer gets the hints, a second the answer and the explanation.
extension TutorView {
    /// The lettered choices under the question.
    static func choiceLines(_ quiz: QuizPrompt, width: Int, ascii: Bool) -> [StyledLine] {
        (quiz.choices ?? []).flatMap { choice in
            TextLayout.wrap("  \(choice.letter)) \(choice.text)", width: width, ascii: ascii).map { StyledLine($0) }
        }
    }

    /// The author's hint (first) and the computed one, one paragraph each.
    static func hints(_ quiz: QuizPrompt) -> [String] {
        (quiz.authorHint.map { ["Hint: " + $0] } ?? []) + (quiz.kind == .number ? [hint(quiz)] : [])
    }

    /// The author's explanation, revealed once the answer is known.
    static func explainText(_ quiz: QuizPrompt) -> [String] {
        quiz.explain.map { ["Why: " + $0] } ?? []
    }

    /// The feedback after a letter or a cell: what the wrong one means, the hints, and after a second wrong
    /// answer the right one with the explanation.
    static func kindFeedback(_ quiz: QuizPrompt, _ feedback: QuizFeedback, theme: Theme) -> [(String, Style)] {
        var said: [(String, Style)] = []
        if feedback.verdict == .right {
            said.append(("✓ Right: \(answerText(quiz) ?? feedback.answer).", theme.right))
            return said + explainText(quiz).map { ($0, Style.plain) }
        }
        said.append(("✗ \(feedback.answer): " + (wrongMessage(quiz, feedback) ?? "not it."), theme.wrong))
        if feedback.wrongAnswers < 2 {
            said += hints(quiz).map { ($0, Style.plain) }
            if hints(quiz).isEmpty { said.append(("A second wrong answer shows the answer.", theme.label)) }
        } else {
            said.append(("The answer: \(answerText(quiz) ?? "")", theme.heading))
            said += explainText(quiz).map { ($0, Style.plain) }
        }
        return said + [("Try again, or step on with →.", theme.label)]
    }

    /// "c) ⌊(n − f)/s⌋ + 1", "X25 (row 2, column 5)".
    static func answerText(_ quiz: QuizPrompt) -> String? {
        if let choice = quiz.rightChoice { return "\(choice.letter)) \(choice.text)" }
        return quiz.cell.map(\.symbol)
    }

    /// What the wrong choice or cell means, when the quiz knows.
    static func wrongMessage(_ quiz: QuizPrompt, _ feedback: QuizFeedback) -> String? {
        if let choice = quiz.choices?.first(where: { $0.letter == feedback.answer }) {
            return choice.mistake.map { "\(choice.text) — \($0)" } ?? "\(choice.text) is not it."
        }
        guard let cell = quiz.cell, let picked = feedback.cell else { return nil }
        if let candidate = cell.candidates.first(where: { $0.subscripts == picked }) { return candidate.message }
        return cell.elsewhere
    }
}
