import CNNSafeText

/// The gradebook as tables: CSV for an LMS grade import (see docs/grading.md for the column mapping) and aligned
/// plain text for a terminal. Names and quiz ids come from files a student could edit: CSV cells are quoted and
/// neutralised (`CSV.text`), terminal cells made inert (`TerminalText`).
public enum GradebookTable {
    /// A cell before it is written: text from a file, a number the tutor computed, or nothing known.
    enum Cell {
        case text(String)
        case number(String)
        case empty

        var csv: String {
            switch self {
            case .text(let value): return CSV.text(value)
            case .number(let value): return value
            case .empty: return ""
            }
        }

        var plain: String {
            switch self {
            case .text(let value): return TerminalText.singleLine(value)
            case .number(let value): return value
            case .empty: return "-"
            }
        }
    }

    /// Canvas needs these five columns first (it matches a student by ID, SIS User ID or SIS Login ID);
    /// Moodle maps any one of them to the user in its import dialogue.
    static let identityColumns = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]

    // MARK: Grades

    public static func gradesCSV(_ book: Gradebook) -> String {
        let header = (identityColumns + gradeColumns(book)).map(CSV.text)
        return CSV.record(header) + book.rows.map { row in
            CSV.record(([.text(row.student), .empty, .empty, .text(row.student), .empty] + grades(row, book))
                .map(\.csv))
        }.joined()
    }

    public static func gradesText(_ book: Gradebook) -> [String] {
        aligned([["Student"] + gradeColumns(book)] + book.rows.map { row in
            ([Cell.text(row.student)] + grades(row, book)).map(\.plain)
        })
    }

    static func gradeColumns(_ book: Gradebook) -> [String] {
        ["Lessons completed", "Quizzes right first try", "Practice sums", "Drill accuracy (%)"]
            + book.examSeeds.map { "Exam \($0) (%)" }
    }

    static func grades(_ row: Gradebook.Row, _ book: Gradebook) -> [Cell] {
        let counts = [row.lessonsCompleted, row.quizzesRightFirstTry, row.practiceSums].map { count in
            count.map { Cell.number(String($0)) } ?? .empty
        }
        let drill = row.drill.flatMap { $0.total == 0 ? nil : Cell.number(percentText(right: $0.right, of: $0.total)) }
        let exams = book.examSeeds.map { seed in
            row.exams[seed].map { Cell.number(percentText(right: $0.right, of: $0.total)) } ?? .empty
        }
        return counts + [drill ?? .empty] + exams
    }

    // MARK: Questions

    public static func questionsCSV(_ book: Gradebook) -> String {
        CSV.record(questionColumns.map(CSV.text)) + book.questions.map { CSV.record(cells($0).map(\.csv)) }.joined()
    }

    public static func questionsText(_ book: Gradebook) -> [String] {
        aligned([questionColumns] + book.questions.map { cells($0).map(\.plain) })
    }

    static let questionColumns = ["Question", "Source", "Asked", "Wrong", "Wrong (%)", "Commonest mistake"]

    static func cells(_ question: Gradebook.Question) -> [Cell] {
        let mistake = question.commonestMistake.map { Cell.text("\($0.name) (\($0.count))") } ?? .empty
        return [.text(question.name), .text(question.source.rawValue), .number(String(question.asked)),
                .number(String(question.wrong)), .number(percentText(right: question.wrong, of: question.asked)),
                mistake]
    }

    /// Rows padded to equal column widths, two spaces apart.
    static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
