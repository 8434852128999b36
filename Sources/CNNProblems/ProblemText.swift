/// A problem as plain text for a terminal or a pipe: the grids, the question, and on request the hints and the
/// worked solution. Sheets in other formats build on the same `Problem` fields.
public enum ProblemText {
    /// The grids, each titled ("X (input, 5×4)") with its rows right-aligned, then the question in lines of at
    /// most `width` characters.
    public static func statement(_ problem: Problem, width: Int = 80) -> [String] {
        problem.grids.flatMap(grid) + wrapped(problem.question, width: width)
    }

    /// `text` broken between words into lines of at most `width` characters (a longer word stands alone).
    public static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines + (line.isEmpty ? [] : [line])
    }

    /// "X (input, 5×4)" and one line a row, numbers right-aligned in equal columns.
    public static func grid(_ grid: ProblemGrid) -> [String] {
        let width = grid.rows.joined().map { String($0).count }.max() ?? 1
        let title = "\(grid.name) (\(grid.caption), \(grid.rows.count)×\(grid.rows.first?.count ?? 0))"
        return [title] + grid.rows.map { row in
            "  " + row.map { String(repeating: " ", count: width - String($0).count) + String($0) }
                .joined(separator: " ")
        } + [""]
    }

    /// "Hint 1: …", "Hint 2: …", in lines of at most `width` characters.
    public static func hints(_ problem: Problem, width: Int = 80) -> [String] {
        problem.hints.enumerated().flatMap { wrapped("Hint \($0.offset + 1): \($0.element)", width: width) }
    }

    /// "Answer: 13/4 (3.25)" and the working: the core's one-line explanation, or a formula's steps.
    public static func solution(_ problem: Problem) -> [String] {
        let decimal = problem.answer.decimalText
        let answer = decimal == problem.answer.description ? decimal : "\(problem.answer) (\(decimal))"
        let steps = problem.working.steps
        guard !steps.isEmpty else {
            return ["Answer: \(answer)"] + wrapped("Working: \(problem.working.line)", width: 80)
        }
        return ["Answer: \(answer)", "Working:"] + steps.map { "  \($0.name) = \($0.numbers) = \($0.value)" }
    }
}
