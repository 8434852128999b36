import CNNCore
import CNNLessons

/// `g`: go to a step ("12") or to the first step computing an output cell ("2,3").
extension TutorState {
    mutating func updateGoTo(_ key: Key, text: String) {
        guard let action = Keymap.goTo.action(for: key) else { return }
        switch action {
        case .type:
            if case .character(let character) = key, text.count < 9 {
                lessonView?.input = .goTo(text + String(character))
            }
        case .erase:
            if text.isEmpty {
                lessonView?.closeInput()
            } else {
                lessonView?.input = .goTo(String(text.dropLast()))
            }
        case .go:
            lessonView?.closeInput()
            go(to: text)
        case .cancel:
            lessonView?.closeInput()
        }
    }

    /// "12" is a step; "2,3" is the output cell in row 2, column 3 (counted from the index base shown).
    /// Out of range stays put.
    private mutating func go(to text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, let row = Int(parts[0]), let column = Int(parts[1]) {
            goToCell(row: row, column: column)
        } else if parts.count == 1, let number = Int(parts[0]) {
            if number < 1 || number > stepCount {
                message = "no step \(number): this lesson has steps 1 to \(stepCount)"
            } else {
                move(to: number - 1)
            }
        } else if !text.isEmpty {
            message = "\"\(text)\" is neither a step (12) nor an output cell (row,column: 2,3)"
        }
    }

    /// Moves to the first step of the output value at (row, column), searching value by value from here.
    private mutating func goToCell(row: Int, column: Int) {
        guard let source = currentSource else { return }
        var candidate = source.nextValue(after: step)
        var visited = Set<Int>()
        // Every value's first step, from the next one round to this one.
        for start in [candidate, 0] {
            candidate = start
            while !visited.contains(candidate) {
                visited.insert(candidate)
                let base = conventions.indexBase.rawValue
                if Self.computes(source.frame(at: candidate), row: row - base, column: column - base) {
                    move(to: candidate)
                    return
                }
                candidate = source.nextValue(after: candidate)
            }
        }
        message = "no output cell \(row),\(column) is computed in this lesson"
    }

    /// Whether the frame's output grid is computing the cell at (row, column), 0-based.
    static func computes(_ frame: Frame, row: Int, column: Int) -> Bool {
        frame.grids.contains { grid in
            let r = row - grid.firstRow
            let c = column - grid.firstColumn
            return grid.role == .output && r >= 0 && r < grid.cells.count && c >= 0 && c < grid.cells[r].count
                && grid.cells[r][c].highlight == .target
        }
    }
}
