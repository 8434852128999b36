import CNNCore

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

/// One grid of the playground: a plane of a tensor (the input with its padding ring), drawn whole when it fits
/// and otherwise as a window that scrolls to keep `focus` in view.
struct PlaygroundGrid {
    var title: String
    var rows: Int
    var columns: Int
    /// The grid's (0, 0) in the tensor's coordinates: (−P, −P) for a padded input.
    var origin = (row: 0, column: 0)
    /// Text and mark of the cell at tensor coordinates (row, column).
    var cell: (_ row: Int, _ column: Int) -> (text: String, mark: PlaygroundMark)
    /// The cell to keep in view, in tensor coordinates.
    var focus = (row: 0, column: 0)
    /// The cursor, in tensor coordinates, when it is on this grid.
    var cursor: (row: Int, column: Int)?
    /// Text typed for the cell under the cursor.
    var editText: String?

    /// Widest text among the cells around the focus (all of them for a lesson-sized grid).
    func cellWidth(ascii: Bool) -> Int {
        let rowRange = Self.window(around: focus.row - origin.row, count: 24, total: rows)
        let columnRange = Self.window(around: focus.column - origin.column, count: 24, total: columns)
        var width = 1
        for r in rowRange {
            for c in columnRange {
                width = max(width, Screen.displayWidth(cell(r + origin.row, c + origin.column).text, ascii: ascii))
            }
        }
        return max(width, Screen.displayWidth(editText ?? "", ascii: ascii))
    }

    static func naturalWidth(columns: Int, cellWidth: Int) -> Int { columns * (cellWidth + 1) + 3 }

    static func window(around center: Int, count: Int, total: Int) -> Range<Int> {
        guard count < total else { return 0..<total }
        let start = max(0, min(center - count / 2, total - count))
        return start..<(start + count)
    }

    /// Draws the grid at (top, left) within `maxWidth` columns and `maxHeight` rows; returns its width.
    @discardableResult
    func draw(_ screen: inout Screen, top: Int, left: Int, maxWidth: Int, maxHeight: Int, cellWidth: Int,
              theme: Theme) -> Int {
        let visibleColumns = Self.window(around: focus.column - origin.column,
                                         count: max(1, (maxWidth - 3) / (cellWidth + 1)), total: columns)
        let visibleRows = Self.window(around: focus.row - origin.row, count: max(1, maxHeight - 3), total: rows)
        let width = Self.naturalWidth(columns: visibleColumns.count, cellWidth: cellWidth)
        screen.put(title, row: top, column: left, style: theme.gridTitle, maxWidth: max(width, maxWidth))
        let clipped = visibleRows.count < rows || visibleColumns.count < columns
        let rule = String(repeating: clipped ? "┄" : "─", count: width - 2)
        screen.put("┌" + rule + "┐", row: top + 1, column: left, style: theme.border, ellipsis: false)
        for (offset, r) in visibleRows.enumerated() {
            let y = top + 2 + offset
            screen.put("│", row: y, column: left, style: theme.border)
            for (index, c) in visibleColumns.enumerated() {
                drawCell(&screen, row: r + origin.row, column: c + origin.column, y: y,
                         x: left + 1 + index * (cellWidth + 1), cellWidth: cellWidth, theme: theme)
            }
            screen.put("│", row: y, column: left + width - 1, style: theme.border)
        }
        let bottom = top + 2 + visibleRows.count
        screen.put("└" + rule + "┘", row: bottom, column: left, style: theme.border, ellipsis: false)
        if clipped {
            var parts: [String] = []
            if visibleRows.count < rows {
                parts.append("rows \(visibleRows.lowerBound + 1)–\(visibleRows.upperBound)/\(rows)")
            }
            if visibleColumns.count < columns {
                parts.append("cols \(visibleColumns.lowerBound + 1)–\(visibleColumns.upperBound)/\(columns)")
            }
            let label = " " + parts.joined(separator: " ") + " "
            screen.put(label, row: bottom, column: left + 1, style: theme.label, maxWidth: width - 2)
        }
        return width
    }

    private func drawCell(_ screen: inout Screen, row: Int, column: Int, y: Int, x: Int, cellWidth: Int, theme: Theme) {
        let (text, mark) = cell(row, column)
        let isCursor = cursor.map { $0 == (row, column) } ?? false
        let shown = isCursor ? (editText.map { $0 + "_" } ?? text) : text
        let padded = String(repeating: " ", count: max(0, cellWidth - Screen.displayWidth(shown, ascii: screen.ascii)))
            + shown
        if isCursor {
            screen.put("[", row: y, column: x, style: theme.cursor)
            screen.put(padded, row: y, column: x + 1, style: theme.cursor, maxWidth: cellWidth)
            screen.put("]", row: y, column: x + 1 + cellWidth, style: theme.cursor)
        } else {
            screen.put(padded, row: y, column: x + 1, style: Self.style(mark, theme: theme), maxWidth: cellWidth)
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
