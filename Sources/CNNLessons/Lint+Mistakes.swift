import CNNCore
import CNNSafeText
import FoundationEssentials

/// The quiz lints of `check` about mistakes and hints: a declared mistake no wrong answer reaches (an error),
/// a hint that gives the answer away (a warning, an error with --strict).
extension LessonLint {
    /// Each quiz's declared mistakes that no wrong answer reaches: the slip does not apply to the asked value,
    /// gives the right answer itself, or gives a number the tutor names as another slip.
    public func unreachableMistakes() -> [LessonIssue] {
        quizzes.flatMap { _, _, quiz, spec in
            spec.mistakes.compactMap { declared -> LessonIssue? in
                let name = declared.kind.rawValue
                guard let slip = quiz.mistakes?.first(where: { $0.kind == declared.kind }) else {
                    return LessonIssue("mistake '\(name)' is not reachable: no wrong answer to this quiz comes from "
                                       + "that slip (it does not apply to the value asked, or gives the answer "
                                       + "itself)", at: declared.location)
                }
                let diagnosis = QuizDiagnosis(quiz, answer: slip.value)
                guard diagnosis.kind == .mistake(declared.kind) else {
                    return LessonIssue("mistake '\(name)' is not reachable: its wrong answer, "
                                       + "\(NumberFormat.string(slip.value)), is named as another slip",
                                       at: declared.location)
                }
                return nil
            }
        }
    }

    /// Hints that give the answer away: one that states the answer as a result ("= 0"), or one that names the
    /// value's single term, which the grids then show.
    func hintsGivingAnswers() -> [LessonWarning] {
        quizzes.compactMap { _, _, quiz, spec in
            guard let hint = quiz.hint else { return nil }
            if Self.states(quiz.answer, in: hint) {
                return LessonWarning("the quiz's hint gives the answer away: it states "
                                     + "\(NumberFormat.string(quiz.answer)) as a result; name where to look instead",
                                     at: spec.location)
            }
            if let formula = quiz.formula, formula.terms.count == 1, formula.bias == nil,
               let term = formula.symbolicTerms.first, Self.names(term, in: hint) {
                return LessonWarning("the quiz's hint gives the answer away: it names the value's one term, "
                                     + "\(term), which the grids show; name where to look instead", at: spec.location)
            }
            return nil
        }
    }

    /// Whether `text` has `value` right after "=", "→" or "is": the number stated as a result.
    static func states(_ value: Double, in text: String) -> Bool {
        let words = text.replacing("−", with: "-").split(whereSeparator: { $0 == " " })
        return zip(words, words.dropFirst()).contains { before, word in
            guard ["=", "→", "is"].contains(before) else { return false }
            let number = word.trimmingScalars { ".,;:!?)".unicodeScalars.contains($0) }
            guard let stated = QuizPrompt.number(number) else { return false }
            return abs(stated - value) <= 1e-9 * max(1, abs(value))
        }
    }

    /// Whether `symbols` appears in `text` as a whole term, not inside a longer name.
    static func names(_ symbols: String, in text: String) -> Bool {
        var searched = text[...]
        while let range = searched.firstRange(of: symbols) {
            let after = text[range.upperBound...].first
            if !(after.map { $0.isNumber || $0.isLetter || $0 == "," || $0 == "·" } ?? false) { return true }
            searched = text[range.upperBound...]
        }
        return false
    }
}
