import CNNLessons

/// One grid as drawn: which rows and columns are visible (large grids show a window around the cell in
/// focus), how wide a cell is, where the block goes.
struct GridBlock {
    var index: Int
    var panel: GridPanel
    var rows: Range<Int>
    var columns: Range<Int>
    var cellWidth: Int
    /// Spaces before each cell (2 in --present mode).
    var padding: Int
    /// Blank lines between rows (1 in --present mode when there is room).
    var rowGap: Int
    var title: String
    var titleWidth: Int
    var x = 0
    var y = 0

    /// The room the block may take (its share of the shelf).
    var maxWidth = Int.max
    var gridWidth: Int { columns.count * (cellWidth + padding) + padding + 2 }
    var width: Int { max(gridWidth, min(titleWidth, gridWidth + 16, maxWidth)) }
    var height: Int { 3 + rows.count + max(0, rows.count - 1) * rowGap }
    var isClipped: Bool { rows.count < panel.rowCount || columns.count < panel.columnCount }
}

struct GridLayout {
    var blocks: [GridBlock]
    var height: Int
    var hidden: Int

    static let gap = 3

    /// Lays the frame's grids out side by side (wrapping onto more shelves when needed) within `width` ×
    /// `maxHeight`. When they do not fit: no row gaps, then only the grids in play (the channel of the active
    /// cell, the output), then fewer grids, then a window of rows and columns around the cell in focus.
    /// `compact` shortens the titles ("Input X ch1") so that more grids share a shelf.
    static func make(frame: Frame, symbols: Bool, present: Bool, ascii: Bool, cursor: EditCursor?, width: Int,
                     maxHeight: Int, compact: Bool = false) -> GridLayout {
        let grids = frame.grids
        guard !grids.isEmpty, width > 10, maxHeight >= 4 else {
            return GridLayout(blocks: [], height: 0, hidden: grids.count)
        }
        let padding = present ? 2 : 1
        var candidates = Array(grids.indices)
        var rowGap = present ? 1 : 0

        func blocks(_ indices: [Int], rowGap: Int, clipRows: Int? = nil, clipWidth: Int? = nil) -> [GridBlock] {
            indices.map { index in
                makeBlock(index: index, panel: grids[index], symbols: symbols, padding: padding, rowGap: rowGap,
                          ascii: ascii, cursor: cursor, maxRows: clipRows, maxWidth: clipWidth ?? width,
                          compact: compact)
            }
        }

        // 1. Everything, as large as it comes.
        var attempt = pack(blocks(candidates, rowGap: rowGap), width: width)
        if attempt.height <= maxHeight { return attempt }
        if rowGap > 0 {
            rowGap = 0
            attempt = pack(blocks(candidates, rowGap: 0), width: width)
            if attempt.height <= maxHeight { return attempt }
        }

        // 2. Only the grids in play.
        let scores = grids.indices.map { score(grids[$0], index: $0, cursor: cursor) }
        // Without highlights (a quiz, a narration frame) keep the outputs and the first grid of each operand.
        let highlighted = scores.contains { $0 > 1 }
        let inPlay = candidates.filter { index in
            highlighted ? scores[index] > 0
                : grids[index].role == .output || index == 0 || grids[index].role != grids[index - 1].role
        }
        if !inPlay.isEmpty && inPlay.count < candidates.count {
            candidates = inPlay
            attempt = pack(blocks(candidates, rowGap: 0), width: width)
            attempt.hidden = grids.count - candidates.count
            if attempt.height <= maxHeight { return attempt }
        }
        // In a volume the window covers every channel: keep the channel of the active cell and the output.
        let active = candidates.filter { scores[$0] >= 4 || grids[$0].role == .output }
        if !active.isEmpty && active.count < candidates.count {
            candidates = active
            attempt = pack(blocks(candidates, rowGap: 0), width: width)
            attempt.hidden = grids.count - candidates.count
            if attempt.height <= maxHeight { return attempt }
        }

        // 3. One shelf, the width shared out (small grids whole, big ones a window of columns around the
        //    focus), rows clipped to the height; drop the least important grids while that is too cramped.
        var shelf = candidates
        while true {
            if let widths = share(shelf, width: width, blocks: { blocks($0, rowGap: 0, clipRows: maxHeight - 3) }) {
                var placed: [GridBlock] = []
                for (index, allotted) in zip(shelf, widths) {
                    placed.append(contentsOf: blocks([index], rowGap: 0, clipRows: maxHeight - 3, clipWidth: allotted))
                }
                var result = pack(placed, width: width)
                if result.height <= maxHeight || shelf.count == 1 {
                    result.hidden = grids.count - shelf.count
                    result.height = min(result.height, maxHeight)
                    return result
                }
            }
            guard shelf.count > 1 else { break }
            let weakest = shelf.indices.min { a, b in
                scores[shelf[a]] != scores[shelf[b]] ? scores[shelf[a]] < scores[shelf[b]] : a > b
            }!
            shelf.remove(at: weakest)
        }
        var result = pack(blocks(Array(shelf.prefix(1)), rowGap: 0, clipRows: maxHeight - 3), width: width)
        result.hidden = grids.count - min(1, shelf.count)
        result.height = min(result.height, maxHeight)
        return result
    }

    /// Widths for the grids of one shelf: each its natural width when all fit, else the small ones whole and
    /// the rest an equal share. Nil when a share would be too narrow to show a column.
    static func share(_ indices: [Int], width: Int, blocks: ([Int]) -> [GridBlock]) -> [Int]? {
        let natural = blocks(indices)
        let available = width - gap * (indices.count - 1)
        let wanted = natural.map(\.width)
        if wanted.reduce(0, +) <= available { return wanted }
        var widths = wanted
        var remaining = available
        var left = indices.count
        for position in wanted.indices.sorted(by: { wanted[$0] < wanted[$1] }) {
            let fair = remaining / left
            widths[position] = min(wanted[position], fair)
            remaining -= widths[position]
            left -= 1
        }
        // Too cramped when a grid would show fewer than 6 of its columns.
        for (position, block) in natural.enumerated() {
            let columns = min(block.columns.count, 6)
            if widths[position] < block.padding + 2 + columns * (block.cellWidth + block.padding) { return nil }
        }
        return widths
    }

    /// How much a grid matters to the current term: the edit cursor's grid, the value being computed, the
    /// operands being multiplied, the window; 0 for the channels not in play.
    static func score(_ panel: GridPanel, index: Int, cursor: EditCursor?) -> Int {
        if cursor?.grid == index { return 10 }
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

    static func pack(_ blocks: [GridBlock], width: Int) -> GridLayout {
        var placed: [GridBlock] = []
        var x = 0
        var y = 0
        var shelfHeight = 0
        for var block in blocks {
            if x > 0 && x + block.width > width {
                y += shelfHeight + 1
                x = 0
                shelfHeight = 0
            }
            block.x = x
            block.y = y
            placed.append(block)
            x += block.width + gap
            shelfHeight = max(shelfHeight, block.height)
        }
        return GridLayout(blocks: placed, height: placed.isEmpty ? 0 : y + shelfHeight, hidden: 0)
    }

    static func focus(of panel: GridPanel, index: Int, cursor: EditCursor?) -> (row: Int, column: Int) {
        if let cursor, cursor.grid == index { return (cursor.row, cursor.column) }
        for wanted in [Highlight.active, .target, .winner, .window] {
            for (r, row) in panel.cells.enumerated() {
                if let c = row.firstIndex(where: { $0.highlight == wanted }) { return (r, c) }
            }
        }
        return (0, 0)
    }

    static func text(of cell: Cell, symbols: Bool, ascii: Bool = false) -> String {
        let text = symbols ? cell.symbol : cell.text
        if !text.isEmpty { return text }
        return cell.highlight == .target ? "?" : (ascii ? "." : "·")
    }

    static func makeBlock(index: Int, panel: GridPanel, symbols: Bool, padding: Int, rowGap: Int, ascii: Bool,
                          cursor: EditCursor?, maxRows: Int?, maxWidth: Int, compact: Bool = false) -> GridBlock {
        let focus = focus(of: panel, index: index, cursor: cursor)
        // Measure the cells, or (for huge grids) those around the focus: a frame must build in a few ms.
        let rowCount = panel.rowCount
        let columnCount = panel.columnCount
        let measureRows: Range<Int>
        let measureColumns: Range<Int>
        if rowCount * columnCount > 4096 {
            measureRows = window(around: focus.row, count: 40, total: rowCount)
            measureColumns = window(around: focus.column, count: 80, total: columnCount)
        } else {
            measureRows = 0..<rowCount
            measureColumns = 0..<columnCount
        }
        var cellWidth = 1
        for r in measureRows {
            let row = panel.cells[r]
            for c in measureColumns where c < row.count {
                let shown = text(of: row[c], symbols: symbols, ascii: ascii)
                cellWidth = max(cellWidth, Screen.displayWidth(shown, ascii: ascii))
            }
        }
        var rows = 0..<rowCount
        if let maxRows {
            let fit = max(1, (maxRows + rowGap) / (1 + rowGap))
            if fit < rowCount { rows = window(around: focus.row, count: fit, total: rowCount) }
        }
        var columns = 0..<columnCount
        let fitColumns = max(1, (maxWidth - padding - 2) / (cellWidth + padding))
        if fitColumns < columnCount { columns = window(around: focus.column, count: fitColumns, total: columnCount) }

        var block = GridBlock(index: index, panel: panel, rows: rows, columns: columns, cellWidth: cellWidth,
                              padding: padding, rowGap: rowGap, title: panel.title,
                              titleWidth: Screen.displayWidth(panel.title, ascii: ascii), maxWidth: maxWidth)
        // A title wider than its block may be would be cut: its short form says the same.
        if compact || block.titleWidth > min(block.gridWidth + 16, maxWidth) {
            block.title = shortTitle(panel.title)
            block.titleWidth = Screen.displayWidth(block.title, ascii: ascii)
        }
        return block
    }

    /// "Input X, channel 2 rows 1–8 of 224, columns 1–12 of 224" → "Input X ch2 r1–8/224 c1–12/224".
    static func shortTitle(_ title: String) -> String {
        [(", channel ", " ch"), (" rows ", " r"), (", columns ", " c"), (" columns ", " c"), (" of ", "/")]
            .reduce(title) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    static func window(around center: Int, count: Int, total: Int) -> Range<Int> {
        guard count < total else { return 0..<total }
        let start = max(0, min(center - count / 2, total - count))
        return start..<(start + count)
    }
}
