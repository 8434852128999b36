/// What an answer to a problem was.
public enum Verdict: Equatable, Sendable {
    case right
    /// Wrong; the slip that explains the value when one does.
    case wrong(KnownMistake?)
    /// Nothing typed.
    case unanswered
    /// Typed, but not a number.
    case unreadable

    public var isRight: Bool { self == .right }
}

extension Problem {
    /// Grades `text` as typed: right only when it is exactly the answer ("3.25" and "13/4" for 13/4); a wrong
    /// number is diagnosed with the first slip whose value it matches (one diagnosis per answer).
    public func grade(_ text: String?) -> Verdict {
        guard let text, !text.trimmingSpaces().isEmpty else { return .unanswered }
        guard let typed = TypedAnswer(text) else { return .unreadable }
        if typed.value == answer { return .right }
        return .wrong(mistakes.first { typed.matches($0.value) })
    }
}

/// Keeps the first mistake for each value, dropping those equal to the answer: one diagnosis per wrong number.
func distinctMistakes(_ candidates: [KnownMistake?], answer: Rational) -> [KnownMistake] {
    var kept: [KnownMistake] = []
    for case let mistake? in candidates where mistake.value != answer {
        if !kept.contains(where: { $0.value == mistake.value }) { kept.append(mistake) }
    }
    return kept
}
