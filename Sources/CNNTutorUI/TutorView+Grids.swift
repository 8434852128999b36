import CNNLessons

/// A lesson frame's grids for the grid drawing: each cell's number (or symbol) shaded by its part in the step,
/// the edit cursor on the grid it is in.
extension TutorView {
    /// The frame's grids, the cell of edit mode or of the pointer (`TutorState.litCell`) lit as a cursor.
    static func gridContents(_ frame: Frame, state: TutorState, theme: Theme, ascii: Bool) -> [GridContent] {
        frame.grids.enumerated().map { index, panel in
            gridContent(panel, index: index, symbols: state.showSymbols, editing: state.litCell, theme: theme,
                        ascii: ascii, shades: state.showShades)
        }
    }

    /// Highlights that make up the window: the gaps between two of its cells take its style too.
    static let windowHighlights: Set<Highlight> = [.window, .active, .winner]

    /// - Parameter shades: whether a shaded grid's shown values are drawn as shades (`ShadeRamp`) rather than
    ///   numbers; symbols win over shades.
    static func gridContent(_ panel: GridPanel, index: Int, symbols: Bool, editing: EditCursor?, theme: Theme,
                            ascii: Bool, shades: Bool = false) -> GridContent {
        let shaded = shades && !symbols && panel.shading != nil
        let cursor = editing.flatMap { $0.grid == index ? $0 : nil }.map { edit in
            GridCursor(cell: GridCellIndex(row: edit.row, column: edit.column), typed: edit.buffer,
                       style: theme.cursor)
        }
        let empty = Cell(text: "", symbol: "")
        return GridContent(title: panel.title, role: panel.role, rowCount: panel.rowCount,
                           columnCount: panel.columnCount, focus: cursor?.cell ?? focus(of: panel), cursor: cursor,
                           windowStyle: theme.cell(.window), importance: importance(of: panel, editing: cursor != nil),
                           ascii: ascii) { place in
            let row = panel.cells[place.row]
            let cell = place.column < row.count ? row[place.column] : empty
            let shown = shaded ? cell.shade.map { ShadeRamp.cell($0, ascii: ascii) } : nil
            return GridCellLook(text: shown ?? text(of: cell, symbols: symbols, ascii: ascii),
                                style: theme.cell(cell.highlight),
                                inWindow: windowHighlights.contains(cell.highlight))
        }
    }

    /// How much a grid matters to the current term: the edit cursor's grid, the value being computed, the
    /// operands being multiplied, the window; 0 for the channels not in play.
    static func importance(of panel: GridPanel, editing: Bool) -> Int {
        if editing { return 10 }
        var best = panel.role == .output ? 1 : 0
        for row in panel.cells {
            for cell in row {
                switch cell.highlight {
                case .target: best = max(best, 5)
                case .active, .winner: best = max(best, 4)
                case .window: best = max(best, 3)
                default: break
                }
            }
            if best == 5 { break }
        }
        return best
    }

    /// The cell a big grid's window is kept around: the active one, else the value computed, the winner, the
    /// window.
    static func focus(of panel: GridPanel) -> GridCellIndex {
        for wanted in [Highlight.active, .target, .winner, .window] {
            for (r, row) in panel.cells.enumerated() {
                if let c = row.firstIndex(where: { $0.highlight == wanted }) { return GridCellIndex(row: r, column: c) }
            }
        }
        return GridCellIndex(row: 0, column: 0)
    }

    /// A cell's number or symbol; "?" for the value being computed, a dot for one still to come.
    static func text(of cell: Cell, symbols: Bool, ascii: Bool = false) -> String {
        let text = symbols ? cell.symbol : cell.text
        if !text.isEmpty { return text }
        return cell.highlight == .target ? "?" : (ascii ? "." : "·")
    }
}
