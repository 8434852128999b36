import CNNLessons

/// Edit mode: a cursor over the grids that come from the lesson's numbers; Enter sets the typed number.
extension TutorState {
    /// The cursor on the first active cell of an editable grid, else on the first grid's first cell that is
    /// not padding.
    func initialCursor() -> EditCursor {
        let editable = editableGrids
        let first = editable.first ?? 0
        guard let grids = frame?.grids else { return EditCursor(grid: first, row: 0, column: 0) }
        for index in editable {
            if let (r, c) = Self.firstCell(of: grids[index], where: { $0.highlight == .active }) {
                return EditCursor(grid: index, row: r, column: c)
            }
        }
        let (r, c) = Self.firstCell(of: grids[first], where: { $0.highlight != .padding }) ?? (0, 0)
        return EditCursor(grid: first, row: r, column: c)
    }

    private static func firstCell(of grid: GridPanel, where wanted: (Cell) -> Bool) -> (Int, Int)? {
        for (r, row) in grid.cells.enumerated() {
            if let c = row.firstIndex(where: wanted) { return (r, c) }
        }
        return nil
    }

    mutating func updateEdit(_ key: Key, cursor: EditCursor) {
        guard let grids = frame?.grids, cursor.grid < grids.count else {
            lessonView?.closeInput()
            return
        }
        guard let action = Keymap.edit.action(for: key) else {
            if case .resize = key { return }
            message = "edit mode: move with arrows or hjkl, type a number, Enter; Esc leaves"
            return
        }
        var cursor = cursor
        switch action {
        case .left, .right, .up, .down, .nextGrid, .previousGrid:
            moveCursor(&cursor, action, grids: grids)
        case .type:
            if case .character(let character) = key, cursor.buffer.count < 12 {
                cursor.buffer.append(character == "−" ? "-" : character)
            }
        case .erase:
            if !cursor.buffer.isEmpty { cursor.buffer.removeLast() }
        case .set:
            setTyped(&cursor)
        case .leave:
            if cursor.buffer.isEmpty || key == .character("e") {
                lessonView?.closeInput()
                return
            }
            cursor.buffer = ""
        }
        if case .edit = input { lessonView?.input = .edit(cursor) }
    }

    /// Arrows move within a grid and across its edge into the next editable grid; Tab jumps grids.
    private func moveCursor(_ cursor: inout EditCursor, _ action: EditAction, grids: [GridPanel]) {
        let editable = editableGrids
        let position = editable.firstIndex(of: cursor.grid) ?? 0
        let grid = grids[cursor.grid]
        var target: Int?
        switch action {
        case .left:
            if cursor.column > 0 { cursor.column -= 1 } else if position > 0 { target = position - 1 }
        case .right:
            if cursor.column < grid.columnCount - 1 { cursor.column += 1 }
            else if position < editable.count - 1 { target = position + 1 }
        case .up: cursor.row = max(0, cursor.row - 1)
        case .down: cursor.row = min(grid.rowCount - 1, cursor.row + 1)
        case .nextGrid: target = (position + 1) % editable.count
        case .previousGrid: target = (position + editable.count - 1) % editable.count
        default: break
        }
        guard let target else { return }
        cursor.grid = editable[target]
        let next = grids[cursor.grid]
        cursor.row = min(cursor.row, next.rowCount - 1)
        switch action {
        case .left: cursor.column = next.columnCount - 1
        case .right: cursor.column = 0
        default: cursor.column = min(cursor.column, next.columnCount - 1)
        }
    }

    private mutating func setTyped(_ cursor: inout EditCursor) {
        guard !cursor.buffer.isEmpty else {
            message = "type a number first, then Enter"
            return
        }
        guard let value = Self.number(cursor.buffer) else {
            message = "\"\(cursor.buffer)\" is not a number"
            cursor.buffer = ""
            return
        }
        apply(value, cursor: cursor)
        cursor.buffer = ""
    }

    private mutating func apply(_ value: Double, cursor: EditCursor) {
        guard let index = lessonIndex, let source = entries[index].current,
              let grid = frame?.grids[cursor.grid], let plane = grid.source else { return }
        do {
            let changed = try source.replacingValue(value, in: plane, row: cursor.row, column: cursor.column, at: step)
            let cell = grid.cells[cursor.row][cursor.column]
            replaceNumbers(with: changed, modified: true)
            message = "\(cell.symbol) = \(Self.format(value)): everything recomputed"
        } catch let refused as EditRefused {
            message = refused.message
        } catch {
            message = "\(error)"
        }
    }

    static func number(_ text: String) -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, let numerator = Double(parts[0]), let denominator = Double(parts[1]), denominator != 0 {
            return numerator / denominator
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
