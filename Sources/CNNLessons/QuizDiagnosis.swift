/// What a wrong answer to a quiz most likely came from, worked out from the quiz's numbers and terms: exactly
/// one diagnosis, never two. A slip the lesson declares comes first, then the other known slips (a slip
/// names its mistake better than a term does), then where in the sum the answer went astray.
public struct QuizDiagnosis: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A named slip (the flipped filter, a filter's part alone, the + 1 forgotten…).
        case mistake(QuizMistakeKind)
        /// The running sum before the lit term: the sum stopped early.
        case stoppedEarly
        /// The sum without the lit term.
        case termLeftOut
        /// The sum with the lit term's sign turned.
        case termSignFlipped
        /// Nothing the numbers tell.
        case unrecognised
    }

    public var kind: Kind
    /// What went wrong, in words that never give the right value ("" when unrecognised).
    public var message: String
    /// The 0-based term of the quiz's formula the slip is at, to light; nil when it is not one term.
    public var term: Int?

    /// The diagnosis of `answer` to `quiz`, a number that is not the quiz's answer.
    public init(_ quiz: QuizPrompt, answer: Double) {
        if let known = quiz.mistakes?.first(where: { Self.close($0.value, answer) }) {
            (kind, message, term) = (.mistake(known.kind), known.message, nil)
        } else if let found = Self.astray(answer, quiz: quiz) {
            self = found
        } else {
            (kind, message, term) = (.unrecognised, "", nil)
        }
    }

    init(kind: Kind, message: String, term: Int?) {
        self.kind = kind
        self.message = message
        self.term = term
    }

    /// Where a wrong answer to a sum went astray: stopped early (it equals a running sum), a term left out,
    /// or a term's sign turned; nil when the numbers do not tell (or the quiz is not a plain sum).
    static func astray(_ answer: Double, quiz: QuizPrompt) -> QuizDiagnosis? {
        guard let formula = quiz.formula, formula.reduction == .sum, formula.terms.count > 1,
              formula.bias == nil, let value = formula.value, close(value, quiz.answer) else { return nil }
        let products = formula.terms.map(\.product)
        for (index, term) in formula.terms.enumerated().dropLast() where close(term.partial, answer) {
            let terms = index == 0 ? "the first term" : "the first \(index + 1) terms"
            return QuizDiagnosis(kind: .stoppedEarly, message: "your answer is the running sum of \(terms): "
                                 + "the lit term and those after it are missing", term: index + 1)
        }
        for (index, product) in products.enumerated() where product != 0 {
            if close(value - product, answer) {
                return QuizDiagnosis(kind: .termLeftOut, message: "your answer leaves out the lit term", term: index)
            }
            if close(value - 2 * product, answer) {
                return QuizDiagnosis(kind: .termSignFlipped, message: "your answer has the lit term with the wrong "
                                     + "sign", term: index)
            }
        }
        return nil
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }
}

extension QuizPrompt {
    /// The diagnosis of a typed wrong answer; nil when the text is not a number or is the right answer.
    public func diagnosis(of text: String) -> QuizDiagnosis? {
        guard check(text) == .wrong, let value = Self.number(text) else { return nil }
        return QuizDiagnosis(self, answer: value)
    }
}
