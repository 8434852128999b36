import CNNLessons

/// The quiz's lines with graduated feedback, and practice mode's hidden running sum.
extension TutorView {
    static func quizLines(_ state: TutorState, frame: Frame, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        guard let quiz = frame.quiz else { return [] }
        var lines = TextLayout.wrap("Quiz: " + quiz.question, width: width, ascii: ascii)
            .map { StyledLine($0, theme.heading) }
        lines += choiceLines(quiz, width: width, ascii: ascii)
        lines.append(answerBox(state, theme: theme))
        guard let feedback = state.quizFeedback[quiz.id] else { return lines }
        func say(_ text: String, _ style: Style) {
            lines += TextLayout.wrap(text, width: width, ascii: ascii).map { StyledLine($0, style) }
        }
        if quiz.kind != .number {
            for (text, style) in kindFeedback(quiz, feedback, theme: theme) { say(text, style) }
            return lines
        }
        if feedback.verdict == .right {
            say("✓ Right: \(feedback.answer) is correct.", theme.right)
            explainText(quiz).forEach { say($0, .plain) }
            return lines
        }
        let value = TutorState.number(feedback.answer) ?? .nan
        if let known = QuizCoach.mistake(value, quiz: quiz) {
            say("✗ \(feedback.answer): \(known)", theme.wrong)
        }
        if feedback.wrongAnswers < 2 {
            if QuizCoach.mistake(value, quiz: quiz) == nil {
                say("✗ Not quite: \(feedback.answer) is not it.", theme.wrong)
            }
            hints(quiz).forEach { say($0, .plain) }
        } else {
            let suspect = QuizCoach.suspect(value, quiz: quiz)
            let heading = "✗ Still not: \(feedback.answer). The worked terms" + (suspect == nil ? ":" : ", one lit:")
            say(heading, theme.wrong)
            lines += workedLines(quiz, lit: suspect?.term, width: width - 2, ascii: ascii, theme: theme)
            if let suspect { say("  " + suspect.reason, theme.label) }
            explainText(quiz).forEach { say($0, .plain) }
        }
        say("Try again, or step on with →.", theme.label)
        return lines
    }

    static func answerBox(_ state: TutorState, theme: Theme) -> StyledLine {
        let label = state.frame?.quiz != nil ? "your answer: " : "running sum ?: "
        let keys = switch state.frame?.quiz?.kind {
        case .choice: "   (a letter: checked at once)"
        case .cell: "   (row column, e.g. 2 3, or x to point; Enter checks)"
        case .number, nil: "   (digits, -, ., /; Enter checks)"
        }
        return StyledLine([Segment(label, theme.label), Segment((state.answer ?? "") + "_", .bold),
                           Segment(keys, theme.label)])
    }

    /// The worked formula, symbols above numbers, with term `lit` (0-based) lit in both.
    static func workedLines(_ quiz: QuizPrompt, lit: Int?, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        guard let (symbolic, numeric) = QuizCoach.formulas(quiz) else {
            return quiz.worked.flatMap { TextLayout.wrap($0, width: width, ascii: ascii) }.map { StyledLine("  " + $0) }
        }
        let symbols = QuizCoach.terms(symbolic)
        let numbers = QuizCoach.terms(numeric)
        let term = lit.flatMap { $0 < symbols.count && $0 < numbers.count ? (symbols[$0], numbers[$0]) : nil }
        let litWidth = term.map { max($0.0.count, $0.1.count) } ?? 0
        return TextLayout.alignedFormula(symbolic: symbolic, numeric: numeric, width: width, ascii: ascii)
            .flatMap { top, bottom -> [StyledLine] in
                let start = term.flatMap { column(of: $0.0, in: top) }.map { $0.0 + 2 }
                return [lighting("  " + top, start, litWidth, base: theme.symbolic, lit: theme.wrong),
                        lighting("  " + bottom, start, litWidth, base: .plain, lit: theme.wrong)]
            }
    }

    /// The character offset of `term` in `line` as a whole term (not part of a longer one), and its length.
    static func column(of term: String, in line: String) -> (Int, Int)? {
        let characters = Array(line)
        let wanted = Array(term)
        guard !wanted.isEmpty, characters.count >= wanted.count else { return nil }
        for start in 0...(characters.count - wanted.count)
        where Array(characters[start..<start + wanted.count]) == wanted {
            let end = start + wanted.count
            let before = start == 0 || characters[start - 1] == " "
            let after = end == characters.count || characters[end] == " "
            if before && after { return (start, wanted.count) }
        }
        return nil
    }

    /// `line` in `base`, with `count` characters from `start` in `lit`.
    static func lighting(_ line: String, _ start: Int?, _ count: Int, base: Style, lit: Style) -> StyledLine {
        guard let start, count > 0, start < line.count else { return StyledLine(line, base) }
        let characters = Array(line)
        let end = min(characters.count, start + count)
        return StyledLine([Segment(String(characters[..<start]), base), Segment(String(characters[start..<end]), lit),
                           Segment(String(characters[end...]), base)])
    }

    // MARK: Practice

    /// The frame as practice mode shows it: the running sum the student is to type replaced by "?".
    static func practiceFrame(_ state: TutorState, _ frame: Frame) -> Frame {
        guard state.practiceTarget != nil, var formula = frame.formula,
              let last = TutorState.lastPartial(formula) else { return frame }
        var masked = frame
        var partials = formula.partials.components(separatedBy: " → ")
        partials[partials.count - 1] = "?"
        formula.partials = partials.joined(separator: " → ")
        let marker = formula.isComplete ? " = " : " → "
        if let range = formula.numeric.range(of: marker, options: .backwards),
           formula.numeric[range.upperBound...] == Substring(last) {
            formula.numeric = formula.numeric[..<range.upperBound] + "?"
        }
        formula.channelSums = hidingLastChannelSum(formula.channelSums)
        formula.isComplete = false
        masked.formula = formula
        masked.grids = frame.grids.map { grid in
            var grid = grid
            grid.cells = grid.cells.map { row in
                row.map { cell in
                    var cell = cell
                    if cell.highlight == .target && cell.text == last { cell.text = "?" }
                    return cell
                }
            }
            return grid
        }
        return masked
    }

    /// "channel 1: 3", "channel 2: 5" → "channel 1: 3", "channel 2: ?": the newest term's channel (the last one
    /// walked) holds the running sum being asked for, or gives it away added to the channels before it.
    static func hidingLastChannelSum(_ sums: [String]) -> [String] {
        guard let last = sums.last, let colon = last.range(of: ": ") else { return sums }
        return sums.dropLast() + [last[..<colon.upperBound] + "?"]
    }

    /// Practice mode's box and, after a wrong running sum, the hint.
    static func practiceLines(_ state: TutorState, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        guard state.practiceTarget != nil, let formula = state.frame?.formula else { return [] }
        var lines = [answerBox(state, theme: theme)]
        if let wrong = state.practice.wrong[state.step] {
            let product = lastProduct(formula)?.number ?? "the new product"
            let partials = formula.partials.components(separatedBy: " → ")
            let before = partials.count > 1 ? "the running sum so far, \(partials[partials.count - 2])" : "nothing yet"
            let text = "✗ \(wrong) is not it: add the lit product, \(product), to \(before)."
            lines += TextLayout.wrap(text, width: width, ascii: ascii).map { StyledLine($0, theme.wrong) }
        }
        return lines
    }

    /// The walk's newest product as symbols and as numbers ("X22·F22", "5·(−1)").
    static func lastProduct(_ formula: FormulaPanel) -> (symbol: String, number: String)? {
        func last(_ line: String) -> String? {
            QuizCoach.terms(line).map { $0.components(separatedBy: " → ")[0] }.last { $0 != "…" && !$0.isEmpty }
        }
        guard let symbol = last(formula.symbolic), let number = last(formula.numeric) else { return nil }
        return (symbol, number)
    }
}
