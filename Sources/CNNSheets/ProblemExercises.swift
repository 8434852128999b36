import struct CNNCore.SplitMix64
import CNNLessons
import CNNProblems

/// Seeded problems as exercises: a sheet with fresh numbers of the kinds a lesson's quizzes ask.
///
/// **Seeds.** A sheet's seed N gives its problems' own seeds as an exam does: problem i (from 0) has seed = the
/// (i + 1)-th output of SplitMix64 started at N. Each problem's heading prints its seed, so that
/// `cnn-tutor problem --kind K --seed S --solution` shows it again on its own.
public enum ProblemExercises {
    /// The problems of a seeded sheet: `kinds` in order, taken again from the first when `count` is larger.
    /// - Precondition: `kinds` is not empty; `count ≥ 1`.
    public static func problems(kinds: [ProblemKind], count: Int, seed: UInt64) -> [Problem] {
        precondition(!kinds.isEmpty && count >= 1, "a seeded sheet needs a kind and a problem")
        var seeds = SplitMix64(seed: seed)
        return (0..<count).map { ProblemGenerator.problem(kinds[$0 % kinds.count], seed: seeds.next()) }
    }

    /// A problem as an exercise: its grids titled as `cnn-tutor problem` titles them, its question, its exact answer
    /// and its working.
    public static func exercise(_ problem: Problem) -> Exercise {
        let grids = problem.grids.map { grid in
            ExerciseGrid(title: "\(grid.name) (\(grid.caption), \(grid.rows.count)×\(grid.rows.first?.count ?? 0))",
                         rows: grid.rows.map { $0.map { ExerciseCell.number(String($0)) } })
        }
        let working = problem.working
        let solution: Exercise.Solution = working.steps.isEmpty
            ? .sum(WorkedSum(working, stopsAfterTerm: problem.kind == .partialSum ? working.terms.count : nil))
            : .lines(working.steps.map { "\($0.name) = \($0.numbers) = \($0.value)" })
        return Exercise(heading: "\(problem.kind.title) (\(problem.kind.rawValue), seed \(problem.seed))", facts: [],
                        grids: grids, question: problem.question, answer: problem.answer.decimalText,
                        answerValue: problem.answer.doubleValue, solution: solution)
    }
}

extension WorkedSum {
    /// A problem's structured working; a running sum's target is the value it is part of.
    init(_ working: Working, stopsAfterTerm: Int?) {
        let factor = { (operand: Operand) in Factor(symbol: operand.symbol, value: operand.value.decimalText) }
        let combination: Combination
        var total: String?
        switch working.combination {
        case .sum: combination = .sum
        case .maximum: combination = .maximum
        case .mean(let divisor):
            combination = .mean(divisor: divisor)
            total = working.terms.last?.running.decimalText
        }
        // "O12 after term 3" names the value "O12".
        let target = stopsAfterTerm == nil ? working.target : String(working.target.prefix { $0 != " " })
        self.init(target: target, stopsAfterTerm: stopsAfterTerm, combination: combination,
                  terms: working.terms.map { $0.operands.map(factor) }, bias: working.bias.map(factor), total: total,
                  result: working.result.decimalText)
    }
}

/// Which problem kind asks what a lesson's quiz asks, so that a seeded sheet gives fresh numbers for the same
/// questions.
public enum LessonProblemKinds {
    /// One kind per quiz that a kind matches, in lesson order (quizzes on a ReLU's or a pooling's gradient match
    /// none).
    public static func kinds(of lesson: Lesson) -> [ProblemKind] {
        lesson.steps.compactMap(kind)
    }

    static func kind(of step: LessonStep) -> ProblemKind? {
        guard let computation = step.computation, let quiz = computation.quiz else { return nil }
        switch computation.operation {
        case .size: return .outputSize
        case .conv, .convolve, .im2col, .tiledConv: return quiz.term == nil ? .convolutionValue : .partialSum
        case .fullConv: return quiz.term == nil ? .inputGradient : .partialSum
        case .pool(let fields): return fields.mode == .max ? .maxPoolValue : .averagePoolValue
        case .transposed: return .transposedValue
        case .efficiency, .localConv: return .parameterCount
        case .convBackward:
            switch quiz.result {
            case "grad_weight": return .weightGradient
            case "grad_input": return .inputGradient
            case "grad_bias": return .biasGradient
            default: return nil
            }
        default: return nil
        }
    }
}
