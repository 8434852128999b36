import CNNLessons

/// Edit mode: a cursor over the grids that come from the lesson's numbers; Enter sets the typed number.
extension TutorState {
    func initialCursor(defaultGrid: Int) -> EditCursor {
        guard let grids = frame?.grids else { return EditCursor(grid: defaultGrid, row: 0, column: 0) }
        for index in editableGrids {
            for (r, row) in grids[index].cells.enumerated() {
                if let c = row.firstIndex(where: { $0.highlight == .active }) {
                    return EditCursor(grid: index, row: r, column: c)
                }
            }
        }
        // The first cell that is not padding.
        for (r, row) in grids[defaultGrid].cells.enumerated() {
            if let c = row.firstIndex(where: { $0.highlight != .padding }) {
                return EditCursor(grid: defaultGrid, row: r, column: c)
            }
        }
        return EditCursor(grid: defaultGrid, row: 0, column: 0)
    }

    mutating func updateEdit(_ key: Key, cursor: EditCursor) {
        guard let grids = frame?.grids, cursor.grid < grids.count else {
            prompt = .none
            return
        }
        var cursor = cursor
        let editable = editableGrids
        let grid = grids[cursor.grid]
        let position = editable.firstIndex(of: cursor.grid) ?? 0
        guard let action = Keymap.edit.action(for: key) else {
            if case .resize = key { return }
            message = "edit mode: move with arrows or hjkl, type a number, Enter; Esc leaves"
            return
        }
        switch action {
        case .left:
            if cursor.column > 0 {
                cursor.column -= 1
            } else if position > 0 {
                cursor.grid = editable[position - 1]
                cursor.column = grids[cursor.grid].columnCount - 1
                cursor.row = min(cursor.row, grids[cursor.grid].rowCount - 1)
            }
        case .right:
            if cursor.column < grid.columnCount - 1 {
                cursor.column += 1
            } else if position < editable.count - 1 {
                cursor.grid = editable[position + 1]
                cursor.column = 0
                cursor.row = min(cursor.row, grids[cursor.grid].rowCount - 1)
            }
        case .up: cursor.row = max(0, cursor.row - 1)
        case .down: cursor.row = min(grid.rowCount - 1, cursor.row + 1)
        case .nextGrid, .previousGrid:
            let next = (position + (action == .nextGrid ? 1 : editable.count - 1)) % editable.count
            cursor.grid = editable[next]
            cursor.row = min(cursor.row, grids[cursor.grid].rowCount - 1)
            cursor.column = min(cursor.column, grids[cursor.grid].columnCount - 1)
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
                prompt = .none
                return
            }
            cursor.buffer = ""
        }
        if case .edit = prompt { prompt = .edit(cursor) }
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
