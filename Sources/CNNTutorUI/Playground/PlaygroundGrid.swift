import CNNLessons

/// How one playground cell is drawn.
enum PlaygroundMark: Equatable {
    case plain
    /// Zero padding around the input.
    case padding
    /// Feeds the value under the cursor (gather), or is fed by it (scatter).
    case lit
    /// A padding cell inside the window: it contributes a zero.
    case litPadding
    /// An input cell inside a dilated window that the filter's taps skip.
    case hole
    /// A padding cell inside a dilated window that the taps skip.
    case paddingHole
}

/// One grid of the playground: a plane of a tensor (the input with its padding ring), in the tensor's coordinates;
/// `content` gives it to the grid drawing, which shows it whole when it fits and otherwise as a window that
/// follows `focus`.
struct PlaygroundGrid {
    var title: String
    var role: GridRole
    var rows: Int
    var columns: Int
    /// The grid's (0, 0) in the tensor's coordinates: (−P, −P) for a padded input.
    var origin = (row: 0, column: 0)
    /// Text and mark of the cell at tensor coordinates (row, column).
    var cell: (_ row: Int, _ column: Int) -> (text: String, mark: PlaygroundMark)
    /// The cells lit by the value under the cursor, in grid coordinates (0-based from `origin`).
    var lit: Set<GridCellIndex> = []
    /// The cell to keep in view, in tensor coordinates.
    var focus = (row: 0, column: 0)
    /// The cursor, in tensor coordinates, when it is on this grid.
    var cursor: (row: Int, column: Int)?
    /// Text typed for the cell under the cursor.
    var editText: String?

    /// The grid for the grid drawing: the lit cells (gathered from or scattered to) as one block, lit padding
    /// dimmer; the cursor's cell in brackets with what is being typed.
    func content(theme: Theme, ascii: Bool, importance: Int) -> GridContent {
        let (origin, cell) = (origin, cell)
        let litPadding = lit.filter { cell($0.row + origin.row, $0.column + origin.column).mark == .litPadding }
        let lights = [
            GridLight(cells: lit.subtracting(litPadding), style: Self.style(.lit, theme: theme), joined: true),
            GridLight(cells: litPadding, style: Self.style(.litPadding, theme: theme), joined: true),
        ]
        let cursor = cursor.map { place in
            GridCursor(cell: GridCellIndex(row: place.row - origin.row, column: place.column - origin.column),
                       typed: editText.map { $0 + "_" }, style: theme.cursor)
        }
        return GridContent(title: title, role: role, rowCount: rows, columnCount: columns,
                           focus: GridCellIndex(row: focus.row - origin.row, column: focus.column - origin.column),
                           cursor: cursor, lights: lights, windowStyle: Self.style(.lit, theme: theme),
                           importance: importance, ascii: ascii) { place in
            let (text, mark) = cell(place.row + origin.row, place.column + origin.column)
            return GridCellLook(text: text, style: Self.style(mark, theme: theme))
        }
    }

    static func style(_ mark: PlaygroundMark, theme: Theme) -> Style {
        switch mark {
        case .plain: .plain
        case .padding: theme.cell(.padding)
        case .lit: theme.cell(.window)
        case .litPadding: theme.cell(.window).with(dim: true)
        case .hole: theme.cell(.pending)
        case .paddingHole: theme.cell(.padding).with(dim: true)
        }
    }
}

extension Style {
    func with(dim: Bool) -> Style {
        var copy = self
        copy.dim = dim
        return copy
    }
}
