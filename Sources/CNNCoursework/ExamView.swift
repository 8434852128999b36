import CNNProblems
import CNNSafeText
import FoundationEssentials

/// What an exam shows: while it runs, the problem asked; at the end, the score and every problem's solution
/// with the hints it kept back. Plain lines, the same for the interactive and the line-by-line exam.
public enum ExamView {
    /// The header, the problem and, when the last line was refused, why.
    public static func asking(_ session: ExamSession, at now: Date) -> [String] {
        guard !session.isFinished else { return [] }
        let student = TerminalText.singleLine(session.plan.student)
        var header = "Exam for \(student), seed \(session.plan.seed) · problem \(session.current + 1) of "
            + "\(session.answers.count)"
        if let left = session.secondsLeft(at: now) { header += " · \(clock(left)) left" }
        var lines = [header, ""] + ProblemText.statement(session.plan.problems[session.current])
        if let notice = session.notice { lines += ["", notice] }
        return lines
    }

    /// The line that asks for the answer.
    public static let prompt = "Answer (an empty line skips): "

    /// The score, then for each problem the question, the answer given and the right one, the slip it shows,
    /// the hints and the worked solution.
    public static func results(_ session: ExamSession) -> [String] {
        let total = session.answers.count
        let why: String
        switch session.ending {
        case .timeUp?: why = "Time is up."
        case .inputEnded?: why = "The input ended before the last problem."
        case .completed?, nil: why = "All problems answered."
        }
        var lines = [why, "Score: \(session.score) of \(total) (\(percentText(right: session.score, of: total))%)"]
        for (index, problem) in session.plan.problems.enumerated() {
            lines += [""] + solution(number: index + 1, problem: problem, given: session.answers[index],
                                     verdict: session.verdicts[index])
        }
        return lines
    }

    static func solution(number: Int, problem: Problem, given: String?, verdict: Verdict) -> [String] {
        let mark: String
        switch verdict {
        case .right: mark = "right"
        case .unanswered: mark = "not answered"
        case .unreadable: mark = "not a number"
        case .wrong(let mistake?): mark = "wrong — \(mistake.message)"
        case .wrong(nil): mark = "wrong"
        }
        let answer = given.map { "Your answer: \(TerminalText.singleLine($0)) (\(mark))" } ?? "Your answer: none"
        return ["\(number). \(problem.kind.title) (seed \(problem.seed))"] + ProblemText.statement(problem)
            + ProblemText.wrapped(answer, width: 80) + ProblemText.hints(problem) + ProblemText.solution(problem)
    }

    /// "12:05" from seconds.
    static func clock(_ seconds: Int) -> String {
        let rest = seconds % 60
        return "\(seconds / 60):" + (rest < 10 ? "0" : "") + String(rest)
    }
}

/// right/total as a percentage with at most two decimals, rounded half up: "70", "66.67", "0".
/// - Precondition: `total > 0`, `0 ≤ right ≤ total`.
public func percentText(right: Int, of total: Int) -> String {
    let hundredths = (right * 10_000 * 2 + total) / (2 * total)
    let whole = hundredths / 100, fraction = hundredths % 100
    if fraction == 0 { return String(whole) }
    let digits = fraction < 10 ? "0\(fraction)" : String(fraction)
    return "\(whole)." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
}
