import CNNLessons

/// `x`: a pointer to talk about a cell. It lights one cell of any grid of the frame (the grid drawing lights
/// `litCell`) and the status line names it ("X23 = 4"); it stays on while stepping, on the same cell where the
/// next frame has it.
extension TutorState {
    /// The cell the pointer is on, when it is on.
    public var pointer: GridPointer? { if case .pointer(let pointer) = input { pointer } else { nil } }

    /// The cell the grid drawing lights as a cursor: edit mode's, or the pointer's.
    public var litCell: EditCursor? {
        editCursor ?? pointer.map { EditCursor(grid: $0.grid, row: $0.row, column: $0.column) }
    }

    mutating func togglePointer() {
        if pointer != nil {
            lessonView?.closeInput()
        } else if let grids = frame?.grids, !grids.isEmpty {
            lessonView?.input = .pointer(Self.initialPointer(in: grids))
        } else {
            message = "no grid in this step to point at"
        }
    }

    mutating func updatePointer(_ action: PointerAction, pointer: GridPointer) {
        guard let grids = frame?.grids, !grids.isEmpty else {
            lessonView?.closeInput()
            return
        }
        var moved = pointer
        let grid = grids[pointer.grid]
        switch action {
        case .left: moved.column = max(0, pointer.column - 1)
        case .right: moved.column = min(grid.columnCount - 1, pointer.column + 1)
        case .up: moved.row = max(0, pointer.row - 1)
        case .down: moved.row = min(grid.rowCount - 1, pointer.row + 1)
        case .nextGrid: moved.grid = (pointer.grid + 1) % grids.count
        case .previousGrid: moved.grid = (pointer.grid + grids.count - 1) % grids.count
        case .off:
            lessonView?.closeInput()
            return
        }
        lessonView?.input = .pointer(Self.keep(moved, in: grids) ?? pointer)
    }

    /// Where the pointer starts: the cell the step is about (the term being multiplied, else the value being
    /// computed), else the first grid's first cell.
    static func initialPointer(in grids: [GridPanel]) -> GridPointer {
        for wanted in [Highlight.active, .target, .winner] {
            for (index, grid) in grids.enumerated() {
                for (row, cells) in grid.cells.enumerated() {
                    if let column = cells.firstIndex(where: { $0.highlight == wanted }) {
                        return GridPointer(grid: index, row: row, column: column)
                    }
                }
            }
        }
        return GridPointer(grid: 0, row: 0, column: 0)
    }

    /// The pointer on a cell of `grids`: its grid and position clamped to what there is; nil without grids.
    static func keep(_ pointer: GridPointer, in grids: [GridPanel]) -> GridPointer? {
        guard !grids.isEmpty else { return nil }
        let grid = min(pointer.grid, grids.count - 1)
        let panel = grids[grid]
        guard panel.rowCount > 0, panel.columnCount > 0 else { return nil }
        return GridPointer(grid: grid, row: min(pointer.row, panel.rowCount - 1),
                           column: min(pointer.column, panel.columnCount - 1))
    }

    /// "X23 = 4 (Input X)": the pointed cell for the status line.
    public var pointerDescription: String? {
        guard let pointer, let grids = frame?.grids, pointer.grid < grids.count else { return nil }
        let grid = grids[pointer.grid]
        guard pointer.row < grid.rowCount, pointer.column < grid.cells[pointer.row].count else { return nil }
        let cell = grid.cells[pointer.row][pointer.column]
        let what: String
        if cell.highlight == .padding {
            what = "zero padding"
        } else if cell.text.isEmpty {
            what = cell.symbol + (cell.highlight == .target ? " = ? (being computed)" : ": not computed yet")
        } else {
            what = "\(cell.symbol) = \(cell.text)"
        }
        return "\(what) (\(grid.title))"
    }
}
