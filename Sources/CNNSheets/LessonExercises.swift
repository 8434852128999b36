import CNNCore
import CNNLessons

/// A lesson's quizzes as exercises: each quiz's frame as the tutor shows it before the answer (its grids, with
/// boxes where values are still to come, and its given values), the question, and the tutor's own answer with
/// the sum behind it.
public enum LessonExercises {
    /// One exercise per quiz of the lesson, in lesson order.
    public static func section(_ player: LessonPlayer) -> ExerciseSection {
        ExerciseSection(title: player.lesson.title,
                        exercises: player.quizSteps.compactMap { exercise(player, step: $0) })
    }

    /// The quiz of lesson step `step` (0-based) as an exercise; nil when the step asks none.
    static func exercise(_ player: LessonPlayer, step: Int) -> Exercise? {
        let frames = player.lessonStepRanges[step]
        let frame = player.frame(at: frames.lowerBound)
        guard let quiz = frame.quiz else { return nil }
        let explanation = player.quizExplanation(ofStep: step)
        let term = player.lesson.steps[step].computation?.quiz?.term
        let solution: Exercise.Solution
        if let explanation {
            solution = .sum(WorkedSum(explanation, stopsAfterTerm: term))
        } else {
            // A size or a count: the step's last frame works the arithmetic out in its facts.
            solution = .lines(player.frame(at: frames.upperBound - 1).facts)
        }
        var exercise = Exercise(heading: frame.heading, facts: frame.facts,
                                grids: frame.grids.map { grid($0, asking: quiz) }, question: quiz.question,
                                answer: explanation?.format(quiz.answer) ?? NumberFormat.string(quiz.answer),
                                answerValue: quiz.answer, solution: solution)
        addKind(quiz, to: &exercise)
        return exercise
    }

    /// A multiple-choice quiz's lettered options and right letter, a "which cell?" quiz's cell, and the
    /// author's explanation (which only the key prints).
    static func addKind(_ quiz: QuizPrompt, to exercise: inout Exercise) {
        exercise.explain = quiz.explain
        if let choices = quiz.choices {
            exercise.choices = choices.map { "\($0.letter)) \($0.text)" }
            exercise.answerText = quiz.rightChoice.map { "\($0.letter)) \($0.text)" }
        } else if let cell = quiz.cell {
            exercise.question += " (Answer with a cell of \(cell.grid).)"
            exercise.answerText = cell.symbol
        }
    }

    /// A frame's grid with the values still to come as blank boxes and the asked cell marked.
    static func grid(_ panel: GridPanel, asking quiz: QuizPrompt) -> ExerciseGrid {
        let rows = panel.cells.enumerated().map { row, cells in
            cells.enumerated().map { column, cell -> ExerciseCell in
                // `at` counts rows and columns of the whole grid from 1; a cropped panel starts further in.
                let position = [panel.firstRow + row + 1, panel.firstColumn + column + 1]
                if quiz.grid == panel.title && quiz.at == position { return .asked }
                return cell.highlight == .pending || cell.text.isEmpty ? .blank : .number(cell.text)
            }
        }
        return ExerciseGrid(title: panel.title, rows: rows)
    }
}

extension WorkedSum {
    /// The core's explanation of a value, numbers printed as the tutor prints them.
    /// - Parameter stopsAfterTerm: for a quiz on a running sum, the terms it adds; nil for the whole value.
    init(_ explanation: Explanation, stopsAfterTerm: Int?) {
        let count = min(stopsAfterTerm ?? explanation.terms.count, explanation.terms.count)
        let shown = explanation.terms.prefix(count)
        let complete = count == explanation.terms.count && stopsAfterTerm == nil
        let factor = { (factor: CNNCore.Factor) in
            Factor(symbol: factor.symbol, value: explanation.format(factor.value))
        }
        var combination: Combination
        switch explanation.reduction {
        case .sum: combination = .sum
        case .maximum: combination = .maximum
        case .mean(let divisor): combination = .mean(divisor: divisor)
        case .rectify: combination = .rectify
        }
        // A running sum of a mean adds the first terms; nothing is divided yet.
        if !complete, case .mean = combination { combination = .sum }
        var total: String?
        if complete, case .mean = combination { total = shown.last.map { explanation.format($0.partial) } }
        let result = complete ? explanation.value : shown.last?.partial ?? explanation.value
        self.init(target: explanation.target.symbol, stopsAfterTerm: complete ? nil : count,
                  combination: combination, terms: shown.map { $0.factors.map(factor) },
                  bias: complete ? explanation.bias.map(factor) : nil, total: total,
                  result: explanation.format(result))
    }
}
