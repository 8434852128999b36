import CNNLessons

/// The grids of a lesson frame, block by block: title, borders (dashed where a big grid is cropped), cells
/// shaded by their part in the step, the edit cursor in brackets.
extension TutorView {
    static func drawGrids(_ screen: inout Screen, layout: GridLayout, top: Int, left: Int, maxHeight: Int,
                          state: TutorState, theme: Theme, cursor: EditCursor?) {
        let limit = top + maxHeight
        for block in layout.blocks {
            let x0 = left + block.x
            guard top + block.y < limit, screen.width - x0 - 1 > 2 else { continue }
            drawBlock(&screen, block, x0: x0, top: top + block.y, limit: limit, state: state, theme: theme,
                      cursor: cursor)
        }
    }

    private static func drawBlock(_ screen: inout Screen, _ block: GridBlock, x0: Int, top: Int, limit: Int,
                                  state: TutorState, theme: Theme, cursor: EditCursor?) {
        let room = screen.width - x0 - 1
        screen.put(block.title, row: top, column: x0, style: theme.gridTitle, maxWidth: min(block.width, room))
        var y = top + 1
        drawBorder(&screen, block, top: true, x0: x0, row: y, limit: limit, theme: theme)
        y += 1
        for (offset, r) in block.rows.enumerated() {
            for _ in 0..<(offset > 0 ? block.rowGap : 0) where y < limit {
                drawSides(&screen, block, x0: x0, row: y, theme: theme)
                y += 1
            }
            guard y < limit else { break }
            drawCells(&screen, block, row: r, x0: x0, y: y, state: state, theme: theme, cursor: cursor)
            y += 1
        }
        drawBorder(&screen, block, top: false, x0: x0, row: y, limit: limit, theme: theme)
        if block.isClipped, y < limit {
            drawCropLabel(&screen, block, x0: x0, row: y, room: room, theme: theme)
        }
    }

    /// The top or bottom border, dashed on the side where rows are cropped away.
    private static func drawBorder(_ screen: inout Screen, _ block: GridBlock, top: Bool, x0: Int, row: Int,
                                   limit: Int, theme: Theme) {
        guard row < limit else { return }
        let cropped = top ? block.rows.lowerBound > 0 : block.rows.upperBound < block.panel.rowCount
        let line = (top ? "┌" : "└") + String(repeating: cropped ? "┄" : "─", count: block.gridWidth - 2)
            + (top ? "┐" : "┘")
        screen.put(line, row: row, column: x0, style: theme.border, maxWidth: screen.width - x0 - 1, ellipsis: false)
    }

    /// The left and right sides of a row, dashed where columns are cropped away.
    private static func drawSides(_ screen: inout Screen, _ block: GridBlock, x0: Int, row: Int, theme: Theme) {
        screen.put(block.columns.lowerBound > 0 ? "┆" : "│", row: row, column: x0, style: theme.border)
        let right = x0 + block.gridWidth - 1
        if right < screen.width {
            screen.put(block.columns.upperBound < block.panel.columnCount ? "┆" : "│", row: row, column: right,
                       style: theme.border)
        }
    }

    private static func drawCells(_ screen: inout Screen, _ block: GridBlock, row r: Int, x0: Int, y: Int,
                                  state: TutorState, theme: Theme, cursor: EditCursor?) {
        drawSides(&screen, block, x0: x0, row: y, theme: theme)
        let inWindow: Set<Highlight> = [.window, .active, .winner]
        let row = block.panel.cells[r]
        var x = x0 + 1
        for c in block.columns {
            let isCursor = cursor?.grid == block.index && cursor?.row == r && cursor?.column == c
            let cell = c < row.count ? row[c] : Cell(text: "", symbol: "")
            // The window is one block: the gap between two of its cells takes its style too.
            if c > block.columns.lowerBound, c - 1 < row.count,
               inWindow.contains(row[c - 1].highlight), inWindow.contains(cell.highlight) {
                screen.fill(row: y, column: x, count: block.padding, style: theme.cell(.window))
            }
            x += block.padding
            var text = GridLayout.text(of: cell, symbols: state.showSymbols, ascii: screen.ascii)
            if isCursor, let buffer = cursor?.buffer, !buffer.isEmpty { text = buffer }
            drawCell(&screen, text, x: x, y: y, width: block.cellWidth, style: isCursor ? theme.cursor
                     : theme.cell(cell.highlight), bracketed: isCursor)
            x += block.cellWidth
        }
    }

    /// One cell's text, right-aligned in `width` columns; the edit cursor's cell in brackets.
    private static func drawCell(_ screen: inout Screen, _ text: String, x: Int, y: Int, width: Int, style: Style,
                                 bracketed: Bool) {
        if bracketed { screen.put("[", row: y, column: x - 1, style: style) }
        let textWidth = Screen.displayWidth(text, ascii: screen.ascii)
        let padded = String(repeating: " ", count: max(0, width - textWidth)) + text
        if x < screen.width - 1 {
            screen.put(padded, row: y, column: x, style: style, maxWidth: min(width, screen.width - 1 - x))
        }
        if bracketed { screen.put("]", row: y, column: x + width, style: style) }
    }

    /// Which part of a big grid this is, on its bottom border ("rows 1–8/224 cols 1–12/224").
    private static func drawCropLabel(_ screen: inout Screen, _ block: GridBlock, x0: Int, row: Int, room: Int,
                                      theme: Theme) {
        func part(_ name: String, _ shown: Range<Int>, of count: Int) -> String? {
            shown.count < count ? "\(name) \(shown.lowerBound + 1)–\(shown.upperBound)/\(count)" : nil
        }
        let parts = [part("rows", block.rows, of: block.panel.rowCount),
                     part("cols", block.columns, of: block.panel.columnCount)].compactMap { $0 }
        let label = " " + parts.joined(separator: " ") + " "
        screen.put(label, row: row, column: x0 + 1, style: theme.label, maxWidth: min(block.gridWidth - 2, room - 1))
    }
}
