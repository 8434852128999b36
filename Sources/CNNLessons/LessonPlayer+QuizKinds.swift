import CNNCore

/// The kinds of quiz beyond a typed number: lettered choices and "which cell?", with the author's hint and
/// explanation. Every right answer is computed here, never taken from the lesson file (a text choice excepted,
/// which the author marks and the reader checks is marked once).
extension LessonPlayer {
    static let letters = ["a", "b", "c", "d", "e", "f"]

    /// Adds the author's hint and explanation, and the choices or the cell the quiz asks for.
    static func addKinds(_ spec: QuizSpec, to prompt: inout QuizPrompt, plan: any StepPlan, flat: Int) throws {
        prompt.authorHint = spec.hint
        prompt.explain = spec.explain
        if !spec.choices.isEmpty {
            prompt.kind = .choice
            prompt.choices = try choices(spec, answer: prompt.answer, plan: plan)
        } else if let operand = spec.cell {
            prompt.kind = .cell
            prompt.cell = try decidingCell(spec, operand: operand, plan: plan, flat: flat)
        }
    }

    // MARK: Choices

    /// The lettered choices: texts as marked, values computed; exactly one value choice equals the answer.
    static func choices(_ spec: QuizSpec, answer: Double, plan: any StepPlan) throws -> [QuizChoice] {
        var choices: [QuizChoice] = []
        for (letter, choice) in zip(letters, spec.choices) {
            switch choice.option {
            case .text(let text, let right):
                choices.append(QuizChoice(letter: letter, text: text, value: nil, isRight: right,
                                          mistake: right ? nil : choice.mistake))
            case .value(let result, let position, let term):
                var asked = spec
                asked.result = result ?? spec.result
                asked.position = position ?? (result == nil ? spec.position : [])
                asked.term = term
                asked.location = choice.location
                let value = try quizValue(asked, plan: plan)
                let right = abs(value - answer) <= 1e-9 * max(1, abs(answer))
                if right, choice.mistake != nil {
                    throw LessonIssue("this choice equals the answer (\(NumberFormat.string(value))), yet carries a "
                                      + "mistake", at: choice.location)
                }
                choices.append(QuizChoice(letter: letter, text: NumberFormat.string(value), value: value,
                                          isRight: right, mistake: right ? nil : choice.mistake))
            }
        }
        try checkComputedChoices(choices, answer: answer, location: spec.location)
        return choices
    }

    /// Computed choices: one equals the answer, and no two are equal (a student could not tell them apart).
    static func checkComputedChoices(_ choices: [QuizChoice], answer: Double, location: SourceLocation) throws {
        let values = choices.compactMap(\.value)
        guard !values.isEmpty else { return }
        let right = choices.filter(\.isRight).count
        guard right == 1 else {
            let found = right == 0 ? "no choice equals" : "\(right) choices equal"
            throw LessonIssue("\(found) the answer \(NumberFormat.string(answer)); exactly one must",
                              at: location)
        }
        if Set(choices.map(\.text)).count < choices.count {
            throw LessonIssue("two choices compute the same value: every choice must differ", at: location)
        }
    }

    /// The number a quiz (or a choice) asks for: the value, or its running sum after `term` terms.
    static func quizValue(_ spec: QuizSpec, plan: any StepPlan) throws -> Double {
        let flat = try askedValue(spec, plan: plan)
        let result = plan.results[spec.result]!
        guard let term = spec.term else { return result.tensor.values[flat] }
        let explanation = result.explain?(flat)
        guard let explanation, term <= explanation.terms.count else {
            throw LessonIssue("term \(term) does not exist: that value has \(explanation?.terms.count ?? 0) term(s)",
                              at: spec.location)
        }
        return explanation.terms[term - 1].partial
    }

    // MARK: Which cell

    /// The cell of `operand`'s grid that decides the asked value: a maximum's winner, a sum's largest term.
    static func decidingCell(_ spec: QuizSpec, operand: String, plan: any StepPlan, flat: Int) throws -> QuizCell {
        guard let explanation = plan.results[spec.result]?.explain?(flat), !explanation.terms.isEmpty else {
            throw LessonIssue("'\(spec.result)' is not made of cells term by term: no cell decides it",
                              at: spec.location)
        }
        let body = plan.quizBody(asking: flat, of: spec.result)
        guard let grid = body.grids.first(where: { $0.source?.operand == operand }), let source = grid.source else {
            let shown = body.grids.compactMap(\.source?.operand)
            throw LessonIssue("the quiz frame shows no \(operand) grid (it shows: "
                              + "\(shown.isEmpty ? "none" : shown.joined(separator: ", ")))", at: spec.location)
        }
        let winner = try decidingTerm(explanation, location: spec.location)
        let cells = explanation.terms.map { term in term.factors.first { place($0, in: source) != nil } }
        guard let right = cells[winner], let at = place(right, in: source) else {
            throw LessonIssue("the deciding term has no cell in the \(operand) grid (a padded zero?)",
                              at: spec.location)
        }
        let candidates = zip(explanation.terms, cells).compactMap { term, factor -> QuizCell.Candidate? in
            guard let factor, let position = place(factor, in: source) else { return nil }
            let message = factor == right ? "" : why(term, factor, isNot: explanation.terms[winner], right,
                                                     explanation)
            return QuizCell.Candidate(at: position, subscripts: Array(factor.subscripts.suffix(2)),
                                      symbol: factor.symbol, message: message)
        }
        let names = candidates.map(\.symbol).joined(separator: ", ")
        return QuizCell(grid: grid.title, at: at, subscripts: Array(right.subscripts.suffix(2)), symbol: right.symbol,
                        candidates: candidates,
                        elsewhere: "it does not enter \(explanation.target.symbol): its cells are \(names)")
    }

    /// The index of the term that decides the value: the maximum of a max, the largest magnitude of a sum.
    /// Refused when two terms tie, as the question would have two answers.
    static func decidingTerm(_ explanation: Explanation, location: SourceLocation) throws -> Int {
        let isMaximum = explanation.reduction == .maximum
        let weights = explanation.terms.map { isMaximum ? $0.product : abs($0.product) }
        let best = weights.max()!
        let winners = weights.indices.filter { weights[$0] == best }
        guard winners.count == 1 else {
            let symbols = winners.map { explanation.terms[$0].factors.map(\.symbol).joined(separator: "·") }
            let what = isMaximum ? "the maximum" : "the largest term"
            throw LessonIssue("\(symbols.joined(separator: " and ")) tie for \(what): a 'which cell?' quiz needs one "
                              + "answer", at: location)
        }
        return winners[0]
    }

    /// Why `factor`'s term is not the deciding one.
    static func why(_ term: Term, _ factor: Factor, isNot winning: Term, _ winner: Factor,
                    _ explanation: Explanation) -> String {
        let format = explanation.format
        if explanation.reduction == .maximum {
            return "\(factor.symbol) = \(format(term.product)) is in the window, but \(winner.symbol) = "
                + "\(format(winning.product)) is larger"
        }
        return "\(factor.symbol)'s term is \(format(term.product)), smaller in size than \(winner.symbol)'s "
            + "\(format(winning.product))"
    }

    /// Where `factor` is drawn in a grid showing `source`: 1-based [row, column] of the whole grid; nil when
    /// the factor belongs to another tensor or plane. Grids name their plane by the axes the author wrote, as the
    /// factor's subscripts do.
    static func place(_ factor: Factor, in source: OperandPlane) -> [Int]? {
        let indices = factor.subscripts
        guard indices.count >= 2, !factor.isPadding, Array(indices.dropLast(2)) == source.plane else { return nil }
        let row = indices[indices.count - 2] - source.rowOffset
        let column = indices[indices.count - 1] - source.columnOffset
        return [row + 1, column + 1]
    }
}
