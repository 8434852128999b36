import CNNLessons

/// Where each grid of a frame goes, at a scale: which ones are shown and which part of each.
struct GridLayout {
    var blocks: [GridBlock]
    var height: Int
    var hidden: Int

    static let gap = 3

    /// Whether every grid is shown, whole.
    var showsEverything: Bool { hidden == 0 && !blocks.contains { $0.isClipped } }

    /// The grids at the largest magnification, up to `largest`, that shows every one of them whole within
    /// `width` × `maxHeight`; at magnification 1 (grids hidden or cropped as `make` does) when none does.
    static func fitted(_ grids: [GridContent], largest: Int, ascii: Bool, width: Int, maxHeight: Int,
                       compact: Bool = false, minimumColumns: Int = 6) -> GridLayout {
        // None larger than one under which some grid alone would overflow the room.
        let bound = grids.map { grid -> Int in
            let across = (width - 2) / max(1, (grid.textWidth + 1) * grid.columnCount)
            let down = (maxHeight - 2) / max(1, grid.rowCount)
            return min(across, down)
        }.min() ?? 1
        for magnification in stride(from: min(largest, bound), to: 1, by: -1) {
            let layout = make(grids, scale: GridScale(magnification: magnification), ascii: ascii, width: width,
                              maxHeight: maxHeight, compact: compact, minimumColumns: minimumColumns)
            if layout.showsEverything && layout.height <= maxHeight { return layout }
        }
        return make(grids, scale: .normal, ascii: ascii, width: width, maxHeight: maxHeight, compact: compact,
                    minimumColumns: minimumColumns)
    }

    /// Lays the grids out side by side at `scale` (wrapping onto more shelves when needed) within `width` ×
    /// `maxHeight`. When they do not fit: only the grids in play (the channel of the active cell, the output),
    /// then fewer grids, then a window of rows and columns around the cell in focus. `compact` shortens the titles
    /// ("Input X ch1") so that more grids share a shelf; a grid is never narrowed below `minimumColumns` columns.
    static func make(_ grids: [GridContent], scale: GridScale, ascii: Bool, width: Int, maxHeight: Int,
                     compact: Bool = false, minimumColumns: Int = 6) -> GridLayout {
        guard !grids.isEmpty, width > 10, maxHeight >= 4 else {
            return GridLayout(blocks: [], height: 0, hidden: grids.count)
        }
        var candidates = Array(grids.indices)

        func blocks(_ indices: [Int], clipRows: Int? = nil, clipWidth: Int? = nil) -> [GridBlock] {
            indices.map { index in
                makeBlock(index: index, content: grids[index], scale: scale, ascii: ascii, maxRows: clipRows,
                          maxWidth: clipWidth ?? width, compact: compact)
            }
        }

        // 1. Everything, as large as it comes.
        var attempt = pack(blocks(candidates), width: width)
        if attempt.height <= maxHeight { return attempt }

        // 2. Only the grids in play.
        let scores = grids.map(\.importance)
        // Without highlights (a quiz, a narration frame) keep the outputs and the first grid of each operand.
        let highlighted = scores.contains { $0 > 1 }
        let inPlay = candidates.filter { index in
            highlighted ? scores[index] > 0
                : grids[index].role == .output || index == 0 || grids[index].role != grids[index - 1].role
        }
        if !inPlay.isEmpty && inPlay.count < candidates.count {
            candidates = inPlay
            attempt = pack(blocks(candidates), width: width)
            attempt.hidden = grids.count - candidates.count
            if attempt.height <= maxHeight { return attempt }
        }
        // In a volume the window covers every channel: keep the channel of the active cell and the output.
        let active = candidates.filter { scores[$0] >= 4 || grids[$0].role == .output }
        if !active.isEmpty && active.count < candidates.count {
            candidates = active
            attempt = pack(blocks(candidates), width: width)
            attempt.hidden = grids.count - candidates.count
            if attempt.height <= maxHeight { return attempt }
        }

        // 3. One shelf, the width shared out (small grids whole, big ones a window of columns around the
        //    focus), rows clipped to the height; drop the least important grids while that is too cramped.
        var shelf = candidates
        while true {
            if let widths = share(shelf, width: width, minimumColumns: minimumColumns,
                                  blocks: { blocks($0, clipRows: maxHeight - 3) }) {
                var placed: [GridBlock] = []
                for (index, allotted) in zip(shelf, widths) {
                    placed.append(contentsOf: blocks([index], clipRows: maxHeight - 3, clipWidth: allotted))
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
        var result = pack(blocks(Array(shelf.prefix(1)), clipRows: maxHeight - 3), width: width)
        result.hidden = grids.count - min(1, shelf.count)
        result.height = min(result.height, maxHeight)
        return result
    }

    /// Widths for the grids of one shelf: each its natural width when all fit; else each starts with room for
    /// `minimumColumns` of its columns, small grids (a filter) take their whole width, and the rest is shared
    /// out, the grid with the edit cursor taking a double share. Nil when even the minimums do not fit.
    static func share(_ indices: [Int], width: Int, minimumColumns: Int,
                      blocks: ([Int]) -> [GridBlock]) -> [Int]? {
        let natural = blocks(indices)
        let available = width - gap * (indices.count - 1)
        let wanted = natural.map(\.width)
        if wanted.reduce(0, +) <= available { return wanted }
        var widths = natural.map { block in
            block.scale.columnGap + 2 + min(block.columns.count, minimumColumns) * (block.cellWidth
                + block.scale.columnGap)
        }
        var remaining = available - widths.reduce(0, +)
        guard remaining >= 0 else { return nil }
        let small = Set(wanted.indices.filter { wanted[$0] <= available / indices.count })
        let weight = { (position: Int) in natural[position].content.importance >= 10 ? 2 : 1 }
        var weights = wanted.indices.filter { !small.contains($0) }.reduce(0) { $0 + weight($1) }
        // The small ones first, then narrowest first: what a grid does not need flows to the wider ones.
        let order = small.sorted() + wanted.indices.filter { !small.contains($0) }.sorted { wanted[$0] < wanted[$1] }
        for position in order {
            let share = small.contains(position) ? remaining : remaining * weight(position) / max(1, weights)
            let extra = max(0, min(wanted[position] - widths[position], share))
            widths[position] += extra
            remaining -= extra
            if !small.contains(position) { weights -= weight(position) }
        }
        return widths
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

    /// A grid at `scale`: all its rows and columns, or a window of them around its focus when more than
    /// `maxRows` screen rows or `maxWidth` columns would be needed.
    static func makeBlock(index: Int, content: GridContent, scale: GridScale, ascii: Bool, maxRows: Int?,
                          maxWidth: Int, compact: Bool = false) -> GridBlock {
        var rows = 0..<content.rowCount
        if let maxRows {
            let fit = max(1, (maxRows + scale.rowGap) / (scale.cellHeight + scale.rowGap))
            if fit < content.rowCount { rows = window(around: content.focus.row, count: fit, total: content.rowCount) }
        }
        var columns = 0..<content.columnCount
        let pitch = scale.cellWidth(textWidth: content.textWidth) + scale.columnGap
        let fitColumns = max(1, (maxWidth - scale.columnGap - 2) / pitch)
        if fitColumns < content.columnCount {
            columns = window(around: content.focus.column, count: fitColumns, total: content.columnCount)
        }
        var block = GridBlock(index: index, content: content, rows: rows, columns: columns, scale: scale,
                              title: content.title, titleWidth: Screen.displayWidth(content.title, ascii: ascii),
                              maxWidth: maxWidth)
        // A title wider than its block may be would be cut: its short form says the same.
        if compact || block.titleWidth > min(block.gridWidth + 16, maxWidth) {
            block.title = shortTitle(content.title)
            block.titleWidth = Screen.displayWidth(block.title, ascii: ascii)
        }
        return block
    }

    /// "Input X, channel 2 rows 1–8 of 224, columns 1–12 of 224" → "Input X ch2 r1–8/224 c1–12/224";
    /// "Gradient ∂L/∂O, filter 2" → "∂L/∂O f2"; "Input X, item 2" → "Input X item2".
    static func shortTitle(_ title: String) -> String {
        let short = [(", channel ", " ch"), (", filter ", " f"), (", item ", " item"), (" rows ", " r"),
                     (", columns ", " c"), (" columns ", " c"), (" of ", "/")]
            .reduce(title) { $0.replacing($1.0, with: $1.1) }
        return short.hasPrefix("Gradient ∂") ? String(short.dropFirst("Gradient ".count)) : short
    }

    static func window(around center: Int, count: Int, total: Int) -> Range<Int> {
        guard count < total else { return 0..<total }
        let start = max(0, min(center - count / 2, total - count))
        return start..<(start + count)
    }
}
