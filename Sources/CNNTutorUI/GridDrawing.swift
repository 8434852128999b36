import CNNLessons

/// A cell of a grid as drawn: 0-based row and column of the grid.
public struct GridCellIndex: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// Cells lit in one style over their own: the playground's gathered window or scattered outputs, a cell pointed
/// at. With `joined`, the gaps between two lit neighbours are lit too, so that the cells read as one block.
public struct GridLight: Sendable {
    public var cells: Set<GridCellIndex>
    public var style: Style
    public var joined: Bool

    public init(cells: Set<GridCellIndex>, style: Style, joined: Bool = false) {
        self.cells = cells
        self.style = style
        self.joined = joined
    }
}

/// What one cell shows: its text, its style, and whether it belongs to the window (the gaps between two window
/// cells take the grid's `windowStyle`).
struct GridCellLook {
    var text: String
    var style: Style
    var inWindow = false
}

/// The cell being edited and the number typed into it so far.
struct GridCursor {
    var cell: GridCellIndex
    var typed: String?
    var style: Style
}

/// How large a grid's cells are drawn. At magnification 1 a cell is one row and its widest text; at m > 1 a cell
/// takes m times the columns and rows (blank rows between cell rows), and from m = 4 (6 on an ASCII screen)
/// numbers are drawn large where the cell has room.
struct GridScale: Equatable {
    var magnification: Int

    static let normal = GridScale(magnification: 1)

    /// An odd number of rows, so that a number sits in the middle one: the most below the row pitch.
    var cellHeight: Int { magnification <= 2 ? 1 : (magnification - 2) / 2 * 2 + 1 }
    var rowGap: Int { max(1, magnification) - cellHeight }
    let columnGap = 1

    /// The columns of a cell whose widest text is `textWidth` columns.
    func cellWidth(textWidth: Int) -> Int {
        magnification <= 1 ? textWidth : magnification * (textWidth + 1) - 1
    }

    /// Whether numbers of `textWidth` characters are drawn large.
    func drawsLarge(textWidth: Int, ascii: Bool) -> Bool {
        cellHeight >= BigText.height(ascii: ascii) && cellWidth(textWidth: textWidth) >= BigText.width(
            String(repeating: "0", count: textWidth))
    }
}

/// One grid as the tutor and the playground draw it: a plane of `rowCount`×`columnCount` cells whose looks are
/// asked for as they are drawn, so that a 224×224 plane costs only the window shown.
struct GridContent {
    var title: String
    var role: GridRole
    var rowCount: Int
    var columnCount: Int
    var cell: (GridCellIndex) -> GridCellLook
    /// The cell a window of a big grid is kept around.
    var focus: GridCellIndex
    var cursor: GridCursor?
    var lights: [GridLight] = []
    /// The style of the gaps between two window cells.
    var windowStyle: Style
    /// How much the grid matters to the current term when not all grids fit (0: not in play).
    var importance: Int
    /// The widest text among the cells around the focus (all of them in a lesson-sized grid).
    private(set) var textWidth = 1

    init(title: String, role: GridRole, rowCount: Int, columnCount: Int, focus: GridCellIndex,
         cursor: GridCursor? = nil, lights: [GridLight] = [], windowStyle: Style, importance: Int, ascii: Bool,
         cell: @escaping (GridCellIndex) -> GridCellLook) {
        (self.title, self.role, self.rowCount, self.columnCount) = (title, role, rowCount, columnCount)
        (self.focus, self.cursor, self.lights) = (focus, cursor, lights)
        (self.windowStyle, self.importance, self.cell) = (windowStyle, importance, cell)
        textWidth = measure(ascii: ascii)
    }

    /// Measured around the focus only in a big grid (the playground's 64×64): a key must redraw in a millisecond
    /// or two.
    private func measure(ascii: Bool) -> Int {
        let big = rowCount * columnCount > 1024
        let rows = big ? GridLayout.window(around: focus.row, count: 24, total: rowCount) : 0..<rowCount
        let columns = big ? GridLayout.window(around: focus.column, count: 48, total: columnCount) : 0..<columnCount
        var widest = Screen.displayWidth(cursor?.typed ?? "", ascii: ascii)
        for row in rows {
            for column in columns {
                widest = max(widest, Screen.displayWidth(cell(GridCellIndex(row: row, column: column)).text,
                                                         ascii: ascii))
            }
        }
        // A cursor's closing bracket needs a column of its own in the cell.
        return max(1, widest) + (cursor == nil ? 0 : 1)
    }

    /// The style the cell at `index` (which looks like `look`) shares with the gaps to its neighbours when both
    /// are in one block; nil when it is in none.
    func joinStyle(_ index: GridCellIndex, look: GridCellLook) -> Style? {
        if let light = lights.last(where: { $0.joined && $0.cells.contains(index) }) { return light.style }
        return look.inWindow ? windowStyle : nil
    }
}

/// One grid as laid out: the rows and columns shown (a window around the focus when the grid is too big), the
/// scale, the title (short when the full one does not fit) and where the block goes.
struct GridBlock {
    var index: Int
    var content: GridContent
    var rows: Range<Int>
    var columns: Range<Int>
    var scale: GridScale
    var title: String
    var titleWidth: Int
    var x = 0
    var y = 0
    /// The room the block may take (its share of the shelf).
    var maxWidth = Int.max

    var cellWidth: Int { scale.cellWidth(textWidth: content.textWidth) }
    var gridWidth: Int { columns.count * (cellWidth + scale.columnGap) + scale.columnGap + 2 }
    var width: Int { max(gridWidth, min(titleWidth, gridWidth + 16, maxWidth)) }
    var innerHeight: Int { rows.count * scale.cellHeight + max(0, rows.count - 1) * scale.rowGap }
    var height: Int { 3 + innerHeight }
    var isClipped: Bool { rows.count < content.rowCount || columns.count < content.columnCount }
}

/// Draws laid-out grids: title, borders (dashed where a big grid is cropped, with the rows and columns shown),
/// cells shaded by their part in the step, the window and lit cells as one block gaps included, numbers drawn
/// large where the scale gives them room, the edit cursor in brackets.
enum GridDrawing {
    /// Draws `layout` with its top-left corner at (top, left), nothing below row `top + maxHeight`.
    static func draw(_ screen: inout Screen, layout: GridLayout, top: Int, left: Int, maxHeight: Int, theme: Theme) {
        let limit = top + maxHeight
        for block in layout.blocks {
            let x0 = left + block.x
            guard top + block.y < limit, screen.width - x0 - 1 > 2 else { continue }
            draw(&screen, block, x0: x0, top: top + block.y, limit: limit, theme: theme)
        }
    }

    static func draw(_ screen: inout Screen, _ block: GridBlock, x0: Int, top: Int, limit: Int, theme: Theme) {
        let room = screen.width - x0 - 1
        let titleColumn = block.scale.magnification > 1 ? x0 + max(0, (block.gridWidth - block.titleWidth) / 2) : x0
        screen.put(block.title, row: top, column: titleColumn, style: theme.gridTitle,
                   maxWidth: min(block.width, room) - (titleColumn - x0))
        drawBorder(&screen, block, top: true, x0: x0, row: top + 1, limit: limit, theme: theme)
        let inside = top + 2
        for y in inside..<min(limit, inside + block.innerHeight) {
            drawSides(&screen, block, x0: x0, row: y, theme: theme)
        }
        let large = block.scale.drawsLarge(textWidth: block.content.textWidth, ascii: screen.ascii)
        let painter = CellPainter(block: block, x0: x0, top: inside, limit: limit, large: large)
        painter.paintGaps(&screen)
        painter.paintCells(&screen)
        let bottom = inside + block.innerHeight
        drawBorder(&screen, block, top: false, x0: x0, row: bottom, limit: limit, theme: theme)
        if block.isClipped, bottom < limit {
            drawCropLabel(&screen, block, x0: x0, row: bottom, room: room, theme: theme)
        }
    }

    /// The top or bottom border, dashed on the side where rows are cropped away.
    private static func drawBorder(_ screen: inout Screen, _ block: GridBlock, top: Bool, x0: Int, row: Int,
                                   limit: Int, theme: Theme) {
        guard row < limit else { return }
        let cropped = top ? block.rows.lowerBound > 0 : block.rows.upperBound < block.content.rowCount
        let line = (top ? "┌" : "└") + String(repeating: cropped ? "┄" : "─", count: block.gridWidth - 2)
            + (top ? "┐" : "┘")
        screen.put(line, row: row, column: x0, style: theme.border, maxWidth: screen.width - x0 - 1, ellipsis: false)
    }

    /// The left and right sides of a row, dashed where columns are cropped away.
    private static func drawSides(_ screen: inout Screen, _ block: GridBlock, x0: Int, row: Int, theme: Theme) {
        screen.put(block.columns.lowerBound > 0 ? "┆" : "│", row: row, column: x0, style: theme.border)
        let right = x0 + block.gridWidth - 1
        if right < screen.width - 1 {
            screen.put(block.columns.upperBound < block.content.columnCount ? "┆" : "│", row: row, column: right,
                       style: theme.border)
        }
    }

    /// Which part of a big grid this is, on its bottom border ("rows 1–8/224 cols 1–12/224").
    private static func drawCropLabel(_ screen: inout Screen, _ block: GridBlock, x0: Int, row: Int, room: Int,
                                      theme: Theme) {
        func part(_ name: String, _ shown: Range<Int>, of count: Int) -> String? {
            shown.count < count ? "\(name) \(shown.lowerBound + 1)–\(shown.upperBound)/\(count)" : nil
        }
        let parts = [part("rows", block.rows, of: block.content.rowCount),
                     part("cols", block.columns, of: block.content.columnCount)].compactMap { $0 }
        let label = " " + parts.joined(separator: " ") + " "
        screen.put(label, row: row, column: x0 + 1, style: theme.label, maxWidth: min(block.gridWidth - 2, room - 1))
    }
}

/// The cells of one block and the gaps between them, in screen coordinates.
private struct CellPainter {
    let block: GridBlock
    let x0: Int
    let top: Int
    let limit: Int
    let large: Bool
    /// Each visible cell's look and block style (window or joined light), row by row: looked up once.
    private var looks: [GridCellLook] = []
    private var joins: [Style?] = []

    init(block: GridBlock, x0: Int, top: Int, limit: Int, large: Bool) {
        (self.block, self.x0, self.top, self.limit, self.large) = (block, x0, top, limit, large)
        looks.reserveCapacity(block.rows.count * block.columns.count)
        for row in block.rows {
            for column in block.columns {
                let index = GridCellIndex(row: row, column: column)
                let look = block.content.cell(index)
                looks.append(look)
                joins.append(block.content.joinStyle(index, look: look))
            }
        }
    }

    /// The position in `looks` and `joins` of a visible cell; nil for one outside the window shown.
    private func slot(_ row: Int, _ column: Int) -> Int? {
        guard block.rows.contains(row), block.columns.contains(column) else { return nil }
        return (row - block.rows.lowerBound) * block.columns.count + column - block.columns.lowerBound
    }

    private func join(_ row: Int, _ column: Int) -> Style? { slot(row, column).flatMap { joins[$0] } }

    /// The screen column and row of a visible cell's top-left corner.
    func origin(_ index: GridCellIndex) -> (x: Int, y: Int) {
        let scale = block.scale
        let x = x0 + 1 + scale.columnGap + (index.column - block.columns.lowerBound) * (block.cellWidth
            + scale.columnGap)
        let y = top + (index.row - block.rows.lowerBound) * (scale.cellHeight + scale.rowGap)
        return (x, y)
    }

    /// The gaps between two cells of one block (the window, a joined light) take its style: it reads as one.
    func paintGaps(_ screen: inout Screen) {
        let scale = block.scale
        for row in block.rows {
            for column in block.columns {
                guard let style = join(row, column) else { continue }
                let (x, y) = origin(GridCellIndex(row: row, column: column))
                let joinsLeft = join(row, column - 1) != nil
                if joinsLeft {
                    // A style without a background shows on the text row only (underlined blanks are no block).
                    let textRow = style.isSolid ? y : y + (scale.cellHeight - 1) / 2
                    fill(&screen, x: x - scale.columnGap, y: textRow, width: scale.columnGap,
                         height: style.isSolid ? scale.cellHeight : 1, style: style)
                }
                guard scale.rowGap > 0, style.isSolid, join(row - 1, column) != nil else { continue }
                let reachesLeft = joinsLeft && join(row - 1, column - 1) != nil
                fill(&screen, x: reachesLeft ? x - scale.columnGap : x, y: y - scale.rowGap,
                     width: block.cellWidth + (reachesLeft ? scale.columnGap : 0), height: scale.rowGap, style: style)
            }
        }
    }

    func paintCells(_ screen: inout Screen) {
        for row in block.rows {
            for column in block.columns {
                paint(&screen, GridCellIndex(row: row, column: column), look: looks[slot(row, column)!])
            }
        }
    }

    private func paint(_ screen: inout Screen, _ index: GridCellIndex, look: GridCellLook) {
        let content = block.content
        let cursor = content.cursor.flatMap { $0.cell == index ? $0 : nil }
        let light = content.lights.last { $0.cells.contains(index) }
        let style = cursor?.style ?? light?.style ?? look.style
        let text = cursor?.typed.flatMap { $0.isEmpty ? nil : $0 } ?? look.text
        let (x, y) = origin(index)
        let width = block.cellWidth
        if style.isSolid { fill(&screen, x: x, y: y, width: width, height: block.scale.cellHeight, style: style) }
        if large, BigText.canDraw(text) {
            let textTop = y + (block.scale.cellHeight - BigText.height(ascii: screen.ascii)) / 2
            let textLeft = x + (width - BigText.width(text)) / 2
            if textTop + BigText.height(ascii: screen.ascii) <= limit, textLeft + BigText.width(text) < screen.width {
                screen.putBig(text, row: textTop, column: textLeft, style: style)
            }
            if cursor != nil { bracket(&screen, x: x, y: y, closing: x + width, style: style) }
        } else {
            // A grid with a cursor keeps a spare column in every cell (`GridContent.textWidth`): the closing
            // bracket takes it, never the gap before the next number ("[-2]-9").
            let end = putText(&screen, text, x: x, y: y + (block.scale.cellHeight - 1) / 2, style: style,
                              reserving: cursor == nil ? 0 : 1)
            if cursor != nil { bracket(&screen, x: x, y: y, closing: end, style: style) }
        }
    }

    /// The edit cursor's brackets: "[" in the gap before the cell, "]" at column `closing`.
    private func bracket(_ screen: inout Screen, x: Int, y: Int, closing: Int, style: Style) {
        let textRow = y + (block.scale.cellHeight - 1) / 2
        guard textRow < limit else { return }
        screen.put("[", row: textRow, column: x - 1, style: style)
        if closing < screen.width - 1 { screen.put("]", row: textRow, column: closing, style: style) }
    }

    /// `text` right-aligned in a field of the grid's text width less `reserving` columns, the field centred in
    /// the cell; returns the column after the field.
    @discardableResult
    private func putText(_ screen: inout Screen, _ text: String, x: Int, y: Int, style: Style,
                         reserving: Int = 0) -> Int {
        guard y < limit, x < screen.width - 1 else { return x }
        let field = max(block.content.textWidth - reserving, Screen.displayWidth(text, ascii: screen.ascii))
        let start = x + max(0, (block.cellWidth - field) / 2)
        let padded = String(repeating: " ", count: max(0, field - Screen.displayWidth(text, ascii: screen.ascii)))
            + text
        screen.put(padded, row: y, column: start, style: style,
                   maxWidth: min(block.cellWidth - (start - x), screen.width - 1 - start))
        return start + field
    }

    private func fill(_ screen: inout Screen, x: Int, y: Int, width: Int, height: Int, style: Style) {
        for row in y..<min(limit, y + height) {
            screen.fill(row: row, column: x, count: min(width, screen.width - 1 - x), style: style)
        }
    }
}

extension Style {
    /// Whether the style shows on a blank (a background colour, reverse video): only then are whole cells and
    /// the gaps between them filled with it.
    var isSolid: Bool { background != .standard || reverse }
}
