import CNNCore

/// (d) A quiz's answer given away in prose: narration the student reads before the question (the quiz's own
/// step and every step before it) that states the answer next to the asked name: "O11 = 3", "O11 is 3",
/// "O11 = 1·2 + 1 = 3", or a computation "= 3 per side" with the name just after. A bare "3" elsewhere in
/// the text is no giveaway: the answer must follow an "=" (or "NAME is").
extension LessonLint {
    func narrationGiveaways() -> [LessonWarning] {
        var warnings: [LessonWarning] = []
        for (step, lessonStep) in player.lesson.steps.enumerated() {
            guard let spec = lessonStep.computation?.quiz, let asked = askedNames(spec, step: step) else { continue }
            for earlier in player.lesson.steps[...step] {
                guard let claim = Self.plainNarration(of: earlier).lazy.compactMap({
                    ProseClaims.claim(in: $0, names: asked.names, answer: asked.answer)
                }).first else { continue }
                let location = earlier.narrationLocation ?? earlier.location
                warnings.append(LessonWarning("the narration gives away the quiz's answer: '\(claim)' is shown "
                                              + "before the quiz at line \(spec.location.line) asks for it",
                                              at: location))
                break
            }
        }
        return warnings
    }

    /// The narration of a step as plain paragraphs: the one place the prose lint reads narration.
    static func plainNarration(of step: LessonStep) -> [String] {
        step.narration.named().plainParagraphs
    }

    /// The quiz's answer and the names it goes by: the asked value's symbol as the slides write it (O11,
    /// O_11, O_{11}); for a value without one (an output size, a loss), the question's own words.
    func askedNames(_ spec: QuizSpec, step: Int) -> (names: ProseClaims.Names, answer: Double)? {
        let plan = player.plans[step]
        guard spec.term == nil, let flat = try? LessonPlayer.askedValue(spec, plan: plan),
              let result = plan.results[spec.result] else { return nil }
        let answer = result.tensor.values[flat]
        guard let target = result.explain?(flat).target else {
            return (.words(ProseClaims.contentWords(of: spec.question)), answer)
        }
        let written = target.subscripts.map { String($0 + 1) }.joined()
        let symbols = [Symbols.name(target.name, target.subscripts, base: .one),
                       target.name + "_" + written, target.name + "_{" + written + "}"]
        return (.symbols(Set(symbols)), answer)
    }
}

/// Finding "NAME = VALUE" claims in prose.
enum ProseClaims {
    /// Words after an "= ANSWER" within which the asked name still counts as next to it ("= 3 per side").
    static let nameReach = 3

    /// What the asked value is called: exact symbols, or (for a quantity without one) words of the question.
    enum Names {
        case symbols(Set<String>)
        case words(Set<String>)

        func contains(_ token: String) -> Bool {
            switch self {
            case .symbols(let symbols): symbols.contains(token)
            case .words(let words): words.contains(token.lowercased())
            }
        }
    }

    enum Token: Equatable {
        case word(String)
        case number(String)
        case equals
        /// A comma or colon: the left side of an "=" does not reach past it ("F = 3, (5 − 3)/1 + 1 = 3").
        case pause
        /// +, −, ·, ×, *, ^: "= 5·2" does not state 5.
        case operation

        var isWord: Bool {
            if case .word = self { return true }
            return false
        }
    }

    /// The text of the first claim of `answer` next to one of `names` in `paragraph`, nil when there is none.
    static func claim(in paragraph: String, names: Names, answer: Double) -> String? {
        for sentence in sentences(paragraph) {
            let tokens = tokenize(sentence)
            for index in tokens.indices where states(tokens, at: index, answer: answer, names: names) {
                return LessonReader.trimmingSpaces(sentence)
            }
        }
        return nil
    }

    /// Whether `tokens[index]` starts "= ANSWER" (or "is ANSWER") with an asked name next to it.
    static func states(_ tokens: [Token], at index: Int, answer: Double, names: Names) -> Bool {
        guard index + 1 < tokens.count, case .number(let text) = tokens[index + 1], matches(text, answer),
              index + 2 == tokens.count || tokens[index + 2] != .operation else { return false }
        if tokens[index] == .word("is") {
            if index > 0, case .word(let name) = tokens[index - 1] { return names.contains(name) }
            return false
        }
        guard tokens[index] == .equals else { return false }
        // The left side: back over the numbers and "=" of a worked equation to the first word.
        let left = tokens[..<index].last { $0 == .pause || $0.isWord }
        if case .word(let name) = left {
            if names.contains(name) { return true }
            // Another quantity's value ("F = 3"), not the asked one's.
            if isSymbol(name) { return false }
        }
        let after = tokens[(index + 2)...].prefix(nameReach)
        return after.contains { if case .word(let word) = $0 { names.contains(word) } else { false } }
    }

    /// A quantity's symbol (F, N, X11, ∂L/∂O, p_k) rather than an English word.
    static func isSymbol(_ word: String) -> Bool {
        word.count <= 2 || word.contains { $0.isNumber || "_∂/{}'".contains($0) || $0.isUppercase }
    }

    /// Whether a number as written is `answer`: within 1e-6 (relative), or written "1/4" for 0.25.
    static func matches(_ text: String, _ answer: Double) -> Bool {
        let ascii = text.replacing("−", with: "-")
        let parts = ascii.split(separator: "/")
        guard let numerator = Double(parts[0]) else { return false }
        var value = numerator
        if parts.count == 2 {
            guard let denominator = Double(parts[1]), denominator != 0 else { return false }
            value /= denominator
        }
        return abs(value - answer) <= 1e-6 * max(1, abs(answer))
    }

    /// Sentences end at ". ", "? ", "! ", ";" and the end of the paragraph (a decimal point is no end).
    static func sentences(_ paragraph: String) -> [String] {
        var sentences: [String] = [], current = ""
        let characters = Array(paragraph)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if character == ";" || (".?!".contains(character) && next.isWhitespace) {
                sentences.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        return sentences + [current]
    }

    /// Words (letters, digits, ∂, _, /, braces: "∂L/∂O11", "O_{11}"), numbers ("3", "−2", "0.25", "1/4"),
    /// "=" signs, operators and pauses (commas, colons); everything else (brackets, spaces) separates them.
    static func tokenize(_ sentence: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        let flush = {
            guard !current.isEmpty else { return }
            let isNumber = current.allSatisfy { $0.isNumber || "./−-".contains($0) }
                && current.contains { $0.isNumber } && !current.hasSuffix("/")
            let trimmed = current.hasSuffix(".") ? String(current.dropLast()) : current
            tokens.append(isNumber ? .number(trimmed) : .word(trimmed))
            current = ""
        }
        for character in sentence {
            if character.isLetter || character.isNumber || "∂_{}'".contains(character)
                || (character == "/" && !current.isEmpty)
                || (character == "." && current.last?.isNumber == true) {
                current.append(character)
            } else if (character == "−" || character == "-") && current.isEmpty
                        && (tokens.last == .equals || tokens.last == .word("is")) {
                current.append(character)
            } else {
                flush()
                if "+−-·×*^".contains(character) { tokens.append(.operation) }
                if character == "=" { tokens.append(.equals) }
                if character == "," || character == ":" { tokens.append(.pause) }
            }
        }
        flush()
        return tokens
    }

    /// The words of a question that can name what it asks ("positions", "side"): four letters or more, not
    /// the question's grammar.
    static func contentWords(of question: String) -> Set<String> {
        let grammar: Set<String> = ["what", "which", "many", "much", "does", "comes", "come", "with", "from", "that",
                                    "this", "there", "have", "into", "when", "where", "value", "after", "give",
                                    "gives", "their", "your", "each", "along"]
        let words = tokenize(question).compactMap { token -> String? in
            if case .word(let word) = token { word.lowercased() } else { nil }
        }
        return Set(words.filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) && !grammar.contains($0) })
    }
}
