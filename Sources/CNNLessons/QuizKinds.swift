import CNNCore
import YAMLDocument

/// How a quiz is answered.
public enum QuizKind: String, Equatable, Sendable, Codable {
    /// A number typed (the value, or a running sum).
    case number
    /// A letter: one of the lettered choices.
    case choice
    /// A cell of a grid: the one that decides the value (a pooling window's maximum, a sum's largest term).
    case cell
}

/// One option of a multiple-choice quiz as written: a text the author marks right or wrong, or a value the step
/// computes (another cell, a running sum), right when it equals the quiz's answer.
public struct ChoiceSpec: Sendable {
    public enum Option: Sendable {
        case text(String, right: Bool)
        /// A result of the step (nil: the quiz's), at a 1-based position (nil: the quiz's), after `term` terms.
        case value(result: String?, position: [Int]?, term: Int?)
    }

    public var option: Option
    /// What choosing it (when wrong) says.
    public var mistake: String?
    public var location: SourceLocation
}

/// A lettered option as the student sees it.
public struct QuizChoice: Equatable, Sendable, Codable {
    /// "a", "b", …
    public var letter: String
    /// The author's text, or the computed value as the tutor prints it.
    public var text: String
    /// The computed value of a value choice; nil for a text choice.
    public var value: Double?
    public var isRight: Bool
    /// What choosing it says, when it is wrong (nil: no more than "not it").
    public var mistake: String?
}

/// The answer of a "which cell?" quiz, and what each other cell of the value means.
public struct QuizCell: Equatable, Sendable, Codable {
    /// The title of the grid asked about, in the quiz frame.
    public var grid: String
    /// The right cell: 1-based [row, column] of the whole grid as drawn (padding included).
    public var at: [Int]
    /// The right cell as a student names it: its symbol's row and column subscripts, 0-based.
    public var subscripts: [Int]
    /// Its symbol ("X42").
    public var symbol: String
    /// Every cell that enters the value, the right one included, with why it is not the answer.
    public var candidates: [Candidate]
    /// Said of a cell that does not enter the value at all.
    public var elsewhere: String

    public struct Candidate: Equatable, Sendable, Codable {
        public var at: [Int]
        public var subscripts: [Int]
        public var symbol: String
        /// Why this cell is not the one (empty for the right cell).
        public var message: String
    }
}

extension QuizPrompt {
    /// The lettered choice `letter` against the right one; `.unreadable` for a letter with no choice.
    public func checkChoice(_ letter: String) -> Verdict {
        guard let choice = choices?.first(where: { $0.letter == letter.lowercased() }) else { return .unreadable }
        return choice.isRight ? .right : .wrong
    }

    /// A cell named by its row and column subscripts (0-based) against the right one.
    public func checkCell(subscripts: [Int]) -> Verdict {
        guard let cell else { return .unreadable }
        return subscripts == cell.subscripts ? .right : .wrong
    }

    /// A cell of the grid named by its 1-based row and column of the whole grid, against the right one.
    public func checkCell(grid: String, at position: [Int]) -> Verdict {
        guard let cell else { return .unreadable }
        return grid == cell.grid && position == cell.at ? .right : .wrong
    }

    /// The right choice, on a multiple-choice quiz.
    public var rightChoice: QuizChoice? { choices?.first(where: \.isRight) }
}

// MARK: Reading

extension LessonReader {
    static let choiceKeys: Set<String> = ["text", "right", "value", "at", "term", "mistake"]
    /// Letters a–f: the answer keys of a multiple-choice quiz, which take those keys from the lesson's.
    static let maxChoices = 6

    /// `hint:`, `explain:`, `choices:` and `cell:` of a quiz mapping.
    mutating func readQuizKinds(_ mapping: Node.Mapping, into spec: inout QuizSpec) {
        spec.hint = optionalString(mapping, "hint")
        requireVisible(spec.hint, field: "the quiz's hint", mapping["hint"])
        spec.explain = optionalString(mapping, "explain")
        requireVisible(spec.explain, field: "the quiz's explanation", mapping["explain"])
        if let node = mapping["cell"] {
            spec.cell = node.scalar?.string
            if !["input", "filter", "grad"].contains(spec.cell ?? "") {
                fail("cell must name the grid asked about: input, filter or grad", node)
            }
            if spec.term != nil { fail("a 'which cell?' quiz asks about a whole value: drop 'term'", node) }
        }
        guard let node = mapping["choices"] else { return }
        if spec.cell != nil { fail("a quiz asks for a cell or offers choices, not both", node) }
        guard let sequence = node.sequence, (2...Self.maxChoices).contains(sequence.count) else {
            fail("choices must be a list of 2 to \(Self.maxChoices) options (each {text: …} or {at: […]})", node)
            return
        }
        spec.choices = sequence.compactMap { choice($0) }
        guard spec.choices.count == sequence.count else { return }
        checkTextChoices(spec.choices, node: node)
    }

    /// One option: `{text: …, right: true}` or `{at: [r, c]}` / `{term: n}` / `{value: NAME, at: …}`, each with
    /// an optional `mistake:` for choosing it.
    mutating func choice(_ node: Node) -> ChoiceSpec? {
        guard let mapping = node.mapping else {
            fail("a choice is a mapping: {text: …, right: true} or {at: [1, 2]}", node)
            return nil
        }
        checkKeys(mapping, allowed: Self.choiceKeys, what: "choice")
        let mistake = optionalString(mapping, "mistake")
        requireVisible(mistake, field: "a choice's mistake", mapping["mistake"])
        if let text = optionalString(mapping, "text") {
            requireVisible(text, field: "a choice", mapping["text"])
            for key in ["value", "at", "term"] where mapping[key] != nil {
                fail("a text choice is right or wrong by 'right: true'; '\(key)' is for a computed choice",
                     mapping[key])
            }
            let right = mapping["right"].map { $0.scalar?.string == "true" } ?? false
            if let node = mapping["right"], !["true", "false"].contains(node.scalar?.string ?? "") {
                fail("right must be true or false", node)
            }
            return ChoiceSpec(option: .text(text, right: right), mistake: mistake, location: location(node))
        }
        if let node = mapping["right"] {
            fail("a computed choice is right when it equals the answer: drop 'right'", node)
        }
        guard mapping["value"] != nil || mapping["at"] != nil || mapping["term"] != nil else {
            fail("a choice needs 'text', or 'at', 'term' or 'value' for a value the step computes", node)
            return nil
        }
        let result = optionalString(mapping, "value")
        let position = mapping["at"].flatMap { node -> [Int]? in
            if let list = integerList(node) { return list }
            fail("at must be a 1-based position like [1, 2]", node)
            return nil
        }
        let term = mapping["term"].flatMap { node -> Int? in
            if let value = integer(node), value >= 1 { return value }
            fail("term must be a positive integer", node)
            return nil
        }
        return ChoiceSpec(option: .value(result: result, position: position, term: term), mistake: mistake,
                          location: location(node))
    }

    /// Text and computed choices do not mix, and exactly one text choice is right (none carrying a mistake).
    mutating func checkTextChoices(_ choices: [ChoiceSpec], node: Node) {
        let texts = choices.compactMap { choice -> (String, Bool)? in
            if case .text(let text, let right) = choice.option { return (text, right) }
            return nil
        }
        guard !texts.isEmpty else { return }
        guard texts.count == choices.count else {
            fail("choices are all texts or all computed values, not a mix", node)
            return
        }
        let rightCount = texts.filter(\.1).count
        if rightCount != 1 {
            fail("exactly one text choice must be 'right: true' (found \(rightCount))", node)
        }
        for choice in choices {
            if case .text(_, true) = choice.option, choice.mistake != nil {
                issues.append(LessonIssue("the right choice carries a mistake: only wrong choices have one",
                                          at: choice.location))
            }
        }
        if Set(texts.map(\.0)).count < texts.count { fail("two choices have the same text", node) }
    }
}
