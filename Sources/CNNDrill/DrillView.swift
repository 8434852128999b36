import CNNCoursework
import CNNProblems
import CNNSafeText
import FoundationEssentials

/// What a drill shows: the streak and accuracy, what is due, the last line's feedback, then the problem; at the
/// end, a table of every kind. Plain lines, the same for the interactive and the line-by-line drill. Text the
/// student typed is made inert (`TerminalText`).
public enum DrillView {
    /// The line that asks for the answer.
    public static let prompt = "Answer (h hint, s solution, q quit): "

    /// The whole screen: header, what is due, the last line's feedback, the problem and the hints shown.
    public static func asking(_ session: DrillSession, at now: Date) -> [String] {
        let schedule = session.schedule
        var lines = [header(session)] + ProblemText.wrapped(dueLine(schedule, at: now, asking: session.problem.kind),
                                                            width: 80)
        if !session.feedback.isEmpty { lines += [""] + reply(session) }
        let problem = session.problem
        let kind = problem.kind
        lines += ["", "Problem \(session.asked): \(kind.title) (\(kind.rawValue), seed \(problem.seed))"]
        if let card = schedule.card(problem.kind) { lines.append(record(card)) }
        lines += [""] + ProblemText.statement(problem)
        lines += problem.hints.prefix(session.hintsShown).enumerated().flatMap { index, hint in
            ProblemText.wrapped("Hint \(index + 1): \(hint)", width: 80)
        }
        return lines
    }

    /// The last line's feedback alone, for a plain drill still on the same problem (the problem is on the lines
    /// above already).
    public static func reply(_ session: DrillSession) -> [String] {
        session.feedback.flatMap { ProblemText.wrapped(TerminalText.singleLine($0), width: 80) }
    }

    /// "Drill for ann · streak 3 · 14 answered, 71.43% right at the first try".
    static func header(_ session: DrillSession) -> String {
        let answered = session.history.count, right = session.history.filter(\.right).count
        let accuracy = answered == 0 ? "none answered yet"
            : "\(answered) answered, \(percentText(right: right, of: answered))% right at the first try"
        return "Drill for \(TerminalText.singleLine(session.student)) · streak \(session.streak) · \(accuracy)"
    }

    /// "Due now: partial-sum, output-size" (besides the problem asked), or when the next kind is due.
    static func dueLine(_ schedule: LeitnerSchedule, at now: Date, asking current: ProblemKind) -> String {
        let due = schedule.due(at: now).filter { $0 != current }
        if !due.isEmpty { return "Due now: " + due.map(\.rawValue).joined(separator: ", ") }
        let next = schedule.cards.filter { $0.kind != current }.compactMap(\.due).min()
        return "Nothing else due" + (next.map { "; the next kind is due \(when($0, from: now))" } ?? "")
    }

    /// "This kind: box 2, 3 answered, 66.67% right at the first try".
    static func record(_ card: LeitnerSchedule.Card) -> String {
        guard card.answered > 0 else { return "This kind: new, box 1" }
        return "This kind: box \(card.box), \(card.answered) answered, "
            + "\(percentText(right: card.right, of: card.answered))% right at the first try"
    }

    /// At the end: the session's count, then each kind's box, record and when it is due.
    public static func summary(_ session: DrillSession, at now: Date) -> [String] {
        let rows = session.schedule.cards.map { card in
            [card.kind.rawValue, String(card.box), String(card.answered),
             card.answered == 0 ? "-" : percentText(right: card.right, of: card.answered),
             card.due.map { when($0, from: now) } ?? "now"]
        }
        return ["Drill ended after \(session.asked - 1) problem(s).", ""]
            + aligned([["Kind", "Box", "Answered", "Right first try (%)", "Due"]] + rows)
    }

    /// "now", "in 40 s", "in 9 min", "in 3 h", "in 2 days".
    static func when(_ due: Date, from now: Date) -> String {
        let seconds = Int(due.timeIntervalSince(now).rounded(.up))
        switch seconds {
        case ...0: return "now"
        case ..<60: return "in \(seconds) s"
        case ..<3600: return "in \((seconds + 59) / 60) min"
        case ..<86_400: return "in \((seconds + 3599) / 3600) h"
        default: return "in \((seconds + 86_399) / 86_400) days"
        }
    }

    /// Rows padded to equal column widths, two spaces apart.
    static func aligned(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
