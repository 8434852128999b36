import CNNSafeText

/// An exercise sheet, or its answer key, as Markdown: grids as tables, empty cells and answer boxes as code spans
/// of one width (`[ ]`, `[?]` for the asked cell), so that they line up. Every string from a lesson goes through
/// `MarkdownText`.
public enum MarkdownSheet {
    /// The answer box: a code span, so that it keeps its width.
    static let answerBox = "`[                    ]`"

    /// - Parameter answers: the key (answers and working) instead of the sheet (empty boxes to fill in).
    public static func render(_ sheet: ExerciseSheet, answers: Bool) -> String {
        var lines = ["# " + (answers ? "Answer key: " : "Exercises: ") + MarkdownText.escaped(sheet.title), ""]
        for note in sheet.notes { lines += [MarkdownText.escaped(note), ""] }
        if !answers { lines += ["Name: " + answerBox, ""] }
        var number = 0
        for section in sheet.sections {
            if sheet.sections.count > 1 { lines += ["## " + MarkdownText.escaped(section.title), ""] }
            for exercise in section.exercises {
                number += 1
                lines += self.exercise(exercise, position: number, level: sheet.sections.count > 1 ? 3 : 2,
                                       answers: answers)
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    static func exercise(_ exercise: Exercise, position: Int, level: Int, answers: Bool) -> [String] {
        let heading = exercise.heading.isEmpty ? "" : ": " + MarkdownText.escaped(exercise.heading)
        var lines = [String(repeating: "#", count: level) + " Exercise \(position)\(heading)", ""]
        if !exercise.facts.isEmpty { lines += exercise.facts.map { "- " + MarkdownText.escaped($0) } + [""] }
        for grid in exercise.grids where !grid.rows.isEmpty { lines += table(grid) + [""] }
        lines += [MarkdownText.escaped(exercise.question), ""]
        if !exercise.choices.isEmpty { lines += exercise.choices.map { "- " + MarkdownText.escaped($0) } + [""] }
        guard answers else { return lines + ["**Answer:** " + answerBox, ""] }
        lines += ["**Answer:** " + MarkdownText.escaped(exercise.answerText ?? exercise.answer), ""]
        if let explain = exercise.explain { lines += ["*Why:* " + MarkdownText.escaped(explain), ""] }
        let working: [String]
        switch exercise.solution {
        case .sum(let sum):
            let worked = sum.lines(.plain)
            working = [worked.symbols, worked.numbers]
        case .lines(let steps): working = steps
        }
        if !working.isEmpty { lines += working.map { "- " + MarkdownText.escaped($0) } + [""] }
        return lines
    }

    /// The grid's title in bold over a table with an empty header row (Markdown tables need one).
    static func table(_ grid: ExerciseGrid) -> [String] {
        let columns = grid.rows.first?.count ?? 0
        var lines = ["**\(MarkdownText.escaped(grid.title))**", ""]
        lines.append("|" + String(repeating: "   |", count: columns))
        lines.append("|" + String(repeating: "---|", count: columns))
        for row in grid.rows {
            lines.append("| " + row.map { cell in
                switch cell {
                case .number(let text): return MarkdownText.escaped(text)
                case .blank: return "`[ ]`"
                case .asked: return "`[?]`"
                }
            }.joined(separator: " | ") + " |")
        }
        return lines
    }
}
