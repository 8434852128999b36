import CNNLessons

/// Feedback that teaches, worked out from the quiz's own worked terms ("O22 = X22·F11 + …" above
/// "O22 = 5·1 + … = −4"): a hint that names the terms without their value, and which term a wrong answer
/// most likely went astray at.
enum QuizCoach {
    /// A wrong answer's likely slip: the 0-based term to light, and why.
    struct Suspect: Equatable {
        var term: Int
        var reason: String
    }

    /// The worked formula as symbols and as numbers, when the quiz has one.
    static func formulas(_ quiz: QuizPrompt) -> (symbolic: String, numeric: String)? {
        quiz.worked.count >= 2 && quiz.worked[0].contains(" = ") ? (quiz.worked[0], quiz.worked[1]) : nil
    }

    /// "O22 = X22·F11 + X23·F12" → ["X22·F11", "X23·F12"].
    static func terms(_ line: String) -> [String] {
        let parts = line.components(separatedBy: " = ")
        guard parts.count >= 2 else { return [] }
        return parts[1].components(separatedBy: " + ")
    }

    /// The value of each term of the numeric line ("5·1" → 5, "(−1)" → −1); nil when a term is not a product
    /// of numbers (a max, an ellipsis).
    static func products(_ numeric: String) -> [Double]? {
        let values = terms(numeric).map { term -> Double? in
            let factors = term.components(separatedBy: "·").map { factor in
                TutorState.number(factor.filter { $0 != "(" && $0 != ")" }.replacingOccurrences(of: "−", with: "-"))
            }
            guard !factors.contains(where: { $0 == nil }) else { return nil }
            return factors.reduce(1.0) { $0 * $1! }
        }
        guard !values.isEmpty, !values.contains(where: { $0 == nil }) else { return nil }
        return values.map { $0! }
    }

    /// The first wrong answer's hint: which terms make the value, not what it is.
    static func hint(_ quiz: QuizPrompt) -> String {
        if let hint = quiz.hint { return "Hint: " + hint }
        guard let (symbolic, _) = formulas(quiz) else {
            return "Hint: look again at the grids the question is about; a second wrong answer shows the work."
        }
        let count = terms(symbolic).count
        let what = count == 1 ? "one term" : "\(count) terms, each a product of the two cells it names, added"
        return "Hint: \(symbolic) — \(what). Find each cell, multiply, then keep the running sum."
    }

    /// The message of a classic mistake the answer equals, when the quiz knows it.
    static func mistake(_ answer: Double, quiz: QuizPrompt) -> String? {
        quiz.mistakes?.first { close($0.value, answer) }?.message
    }

    /// Where a wrong answer could have gone wrong: stopped early (it equals a running sum), a term left out,
    /// or a term's sign flipped. Nil when the numbers do not tell.
    static func suspect(_ answer: Double, quiz: QuizPrompt) -> Suspect? {
        guard let (_, numeric) = formulas(quiz), let products = products(numeric), products.count > 1 else {
            return nil
        }
        let total = products.reduce(0, +)
        guard close(total, quiz.answer) else { return nil }
        var running = 0.0
        for (index, product) in products.enumerated().dropLast() {
            running += product
            if close(running, answer) {
                let terms = index == 0 ? "the first term" : "the first \(index + 1) terms"
                return Suspect(term: index + 1, reason: "your answer is the running sum of \(terms): "
                    + "the lit term and those after it are missing")
            }
        }
        for (index, product) in products.enumerated() where product != 0 {
            if close(total - product, answer) {
                return Suspect(term: index, reason: "your answer leaves out the lit term")
            }
            if close(total - 2 * product, answer) {
                return Suspect(term: index, reason: "your answer has the lit term with the wrong sign")
            }
        }
        return nil
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }
}
