import CNNCore
import CNNLessons

/// Answering a multiple-choice quiz (a letter) and a "which cell?" quiz (a typed row and column, or the pointer
/// moved onto the cell and Enter).
extension TutorState {
    mutating func checkChoice(_ letter: String) {
        guard let quiz = frame?.quiz, let choices = quiz.choices else { return }
        let verdict = quiz.checkChoice(letter)
        guard verdict != .unreadable else {
            message = "there is no choice \(letter): choose a–\(choices.last?.letter ?? "a")"
            return
        }
        record(quiz, answer: letter, verdict: verdict)
    }

    /// "2 3" or "2,3": a row and a column in the index base shown.
    mutating func check(cell text: String) {
        guard let quiz = frame?.quiz else { return }
        let numbers = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { Int($0) }
        guard numbers.count == 2, let row = numbers[0], let column = numbers[1] else {
            message = "\"\(text)\" is not a cell: type its row and column, e.g. 2 3"
            return
        }
        let base = conventions.indexBase.rawValue
        let subscripts = [row - base, column - base]
        record(quiz, answer: "\(row) \(column)", verdict: quiz.checkCell(subscripts: subscripts), cell: subscripts)
    }

    /// `x` on a "which cell?" quiz puts the pointer on the grid asked about.
    mutating func pointAtAskedGrid(_ key: Key) -> Bool {
        guard let quiz = frame?.quiz, let grids = frame?.grids,
              let grid = grids.firstIndex(where: { $0.title == quiz.cell?.grid }) else { return false }
        lessonView?.input = .pointer(GridPointer(grid: grid, row: 0, column: 0))
        message = "arrows move the pointer; Enter answers with that cell"
        return true
    }

    /// With the pointer on during a "which cell?" quiz: Enter answers with the cell pointed at, a digit starts a
    /// typed answer. Returns whether the key was taken.
    mutating func updatePointedAnswer(_ key: Key, pointer: GridPointer) -> Bool {
        guard let quiz = frame?.quiz, let grids = frame?.grids, grids.indices.contains(pointer.grid) else {
            return false
        }
        if case .character(let character) = key, character.isNumber {
            lessonView?.input = .answer(AnswerBox(text: String(character)))
            return true
        }
        guard key == .enter else { return false }
        let grid = grids[pointer.grid]
        guard grid.cells.indices.contains(pointer.row), grid.cells[pointer.row].indices.contains(pointer.column) else {
            return false
        }
        let position = [grid.firstRow + pointer.row + 1, grid.firstColumn + pointer.column + 1]
        let candidate = quiz.cell?.candidates.first { $0.at == position && quiz.cell?.grid == grid.title }
        let subscripts = candidate?.subscripts ?? grid.source.map {
            [position[0] - 1 + $0.rowOffset, position[1] - 1 + $0.columnOffset]
        }
        record(quiz, answer: grid.cells[pointer.row][pointer.column].symbol,
               verdict: quiz.checkCell(grid: grid.title, at: position), cell: subscripts)
        return true
    }
}

extension Keymap {
    /// The answer box's keys for a quiz of `kind` (practice mode's running sums are numbers).
    public static func answerKeys(for kind: QuizKind?) -> [KeyBinding<AnswerAction>] {
        switch kind {
        case .choice: choice
        case .cell: cellAnswer
        case .number, nil: answer
        }
    }
}
