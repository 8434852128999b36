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
        // One diagnosis per answer, from the lesson engine: a named slip, or where in the sum it went astray.
        let diagnosis = quiz.diagnosis(of: feedback.answer)
        let named: String? = if case .mistake = diagnosis?.kind { diagnosis?.message } else { nil }
        if let named { say("✗ \(feedback.answer): \(named)", theme.wrong) }
        if feedback.wrongAnswers < 2 {
            if named == nil { say("✗ Not quite: \(feedback.answer) is not it.", theme.wrong) }
            hints(quiz).forEach { say($0, .plain) }
        } else {
            let lit = named == nil ? diagnosis?.term : nil
            let what = quiz.formula == nil ? "The working" : "The worked terms"
            say("✗ Still not: \(feedback.answer). \(what)" + (lit == nil ? ":" : ", one lit:"), theme.wrong)
            lines += workedLines(quiz, lit: lit, width: width - 2, ascii: ascii, theme: theme)
            if lit != nil, let diagnosis { say("  " + diagnosis.message, theme.label) }
            explainText(quiz).forEach { say($0, .plain) }
        }
        say("Try again, or step on with →.", theme.label)
        return lines
    }

    /// The first wrong answer's hint: the lesson engine's (which terms make the value, never the value).
    static func hint(_ quiz: QuizPrompt) -> String {
        if let hint = quiz.hint { return "Hint: " + hint }
        return quiz.grid == nil
            ? "Hint: work it through again from the numbers shown; a second wrong answer shows the work."
            : "Hint: look again at the grid the question is about; a second wrong answer shows the work."
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
        guard let formula = quiz.formula else {
            return quiz.worked.flatMap { TextLayout.wrap($0, width: width, ascii: ascii) }.map { StyledLine("  " + $0) }
        }
        let symbols = formula.symbolicTerms, numbers = formula.numericTerms
        let term = lit.flatMap { $0 < symbols.count ? (symbols[$0], numbers[$0]) : nil }
        let litWidth = term.map { max($0.0.count, $0.1.count) } ?? 0
        return TextLayout.alignedFormula(symbolic: formula.symbolicLine, numeric: formula.numericLine, width: width,
                                         ascii: ascii)
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

    /// The frame as practice mode shows it: the running sum the student is to type shown as "?", in the
    /// numbers, the running results, the last channel's sum and the target cell.
    static func practiceFrame(_ state: TutorState, _ frame: Frame) -> Frame {
        guard state.practiceTarget != nil, var formula = frame.formula, let worked = formula.worked,
              let last = worked.terms.last else { return frame }
        var masked = frame
        formula.partials = (worked.terms.dropLast().map(\.partialText) + ["?"]).joined(separator: " → ")
        formula.numeric = worked.numericLine(showingResult: false)
        formula.channelParts = hidingLastChannelSum(formula.channelParts)
        formula.isComplete = false
        masked.formula = formula
        let shown = [last.partialText, worked.valueText].compactMap { $0 }
        masked.grids = frame.grids.map { grid in
            var grid = grid
            grid.cells = grid.cells.map { row in
                row.map { cell in
                    var cell = cell
                    if cell.highlight == .target && shown.contains(cell.text) { cell.text = "?" }
                    return cell
                }
            }
            return grid
        }
        return masked
    }

    /// "channel 1: 3", "channel 2: 5" → "channel 1: 3", "channel 2: ?": the newest term's channel (the last one
    /// walked) holds the running sum being asked for, or gives it away added to the channels before it.
    static func hidingLastChannelSum(_ sums: [ChannelSum]) -> [ChannelSum] {
        guard var last = sums.last else { return sums }
        last.text = "?"
        return sums.dropLast() + [last]
    }

    /// Practice mode's box and, after a wrong running sum, the hint.
    static func practiceLines(_ state: TutorState, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        guard state.practiceTarget != nil, let formula = state.frame?.formula else { return [] }
        var lines = [answerBox(state, theme: theme)]
        if let wrong = state.practice.wrong[state.step] {
            let product = lastProduct(formula)?.number ?? "the new product"
            let terms = formula.worked?.terms ?? []
            let before = terms.count > 1 ? "the running sum so far, \(terms[terms.count - 2].partialText)"
                : "nothing yet"
            let text = "✗ \(wrong) is not it: add the lit product, \(product), to \(before)."
            lines += TextLayout.wrap(text, width: width, ascii: ascii).map { StyledLine($0, theme.wrong) }
        }
        return lines
    }

    /// The walk's newest product as symbols and as numbers ("X22·F22", "5·(−1)").
    static func lastProduct(_ formula: FormulaPanel) -> (symbol: String, number: String)? {
        guard let worked = formula.worked, let symbol = worked.symbolicTerms.last,
              let number = worked.numericTerms.last else { return nil }
        return (symbol, number)
    }
}
