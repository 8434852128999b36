import CNNCore

/// Turns one H×W plane of a canonical tensor into a `GridPanel`: numbers, symbols, highlights, an optional
/// ring of zero padding, and a crop around the cell in focus when the plane is too big to show whole.
struct PlaneGrid {
    /// Largest side shown; bigger planes are cropped around the focus.
    static let maxSide = 12
    /// Longest 1-D signal (a plane of one row) shown whole, padding included: a single row has room to go on.
    static let maxRowLength = 24

    var title: String
    var role: GridRole
    /// Symbol letter, e.g. "X" or "∂L/∂O".
    var name: String
    var tensor: Tensor
    var mask: AxisMask
    /// Leading canonical indices (n, c) or (k, c) of the plane.
    var plane: (Int, Int)
    var padding = Extent2D(0)
    var source: OperandPlane?
    /// Magnitude that printed noise is measured against.
    var scale: Double
    var focus: (row: Int, column: Int) = (0, 0)

    var height: Int { tensor.shape[2] }
    var width: Int { tensor.shape[3] }

    func value(_ row: Int, _ column: Int) -> Double? {
        guard row >= 0, row < height, column >= 0, column < width else { return nil }
        return tensor.values[((plane.0 * tensor.shape[1] + plane.1) * height + row) * width + column]
    }

    func symbol(_ row: Int, _ column: Int) -> String {
        guard value(row, column) != nil else { return "0" }
        return Symbols.name(name, mask.subscripts([plane.0, plane.1, row, column]))
    }

    /// `highlight` and `hidden` take plane coordinates (negative or past the edge inside the padding).
    func build(highlight: (Int, Int) -> Highlight = { _, _ in .none }, hidden: (Int, Int) -> Bool = { _,
               _ in false }) -> GridPanel {
        let display = GridDisplay.current
        let shading = display.shadedRoles.contains(role) ? planeShading() : nil
        let rows = (-padding.rows)..<(height + padding.rows)
        let columns = (-padding.columns)..<(width + padding.columns)
        let shownRows = Self.window(rows, around: focus.row)
        let shownColumns = Self.window(columns, around: focus.column, side: rows.count == 1 ? Self.maxRowLength
                                       : Self.maxSide)
        let cells = shownRows.map { row in
            shownColumns.map { column -> Cell in
                guard let number = value(row, column) else {
                    let mark = highlight(row, column)
                    return Cell(text: "0", symbol: "0", highlight: mark == .none ? .padding : mark)
                }
                let isHidden = hidden(row, column)
                var cell = Cell(text: isHidden ? "" : display.text(number, scale: scale),
                                symbol: symbol(row, column), highlight: isHidden && highlight(row,
                                        column) == .none ? .pending : highlight(row, column))
                // A hidden value gets no shade either: the shade would give the answer away.
                if !isHidden { cell.shade = shading?.level(number) }
                return cell
            }
        }
        var shownSource = source
        shownSource?.rowOffset = shownRows.lowerBound
        shownSource?.columnOffset = shownColumns.lowerBound
        var heading = title
        if shownRows.count < rows.count || shownColumns.count < columns.count {
            heading += " " + Self.crop(rows: shownRows, of: rows, columns: shownColumns, of: columns)
        }
        var panel = GridPanel(title: heading, role: role, cells: cells, source: shownSource,
                              firstRow: shownRows.lowerBound - rows.lowerBound,
                              firstColumn: shownColumns.lowerBound - columns.lowerBound,
                              totalRows: rows.count, totalColumns: columns.count)
        panel.shading = shading
        return panel
    }
    /// The ramp of the whole plane (not only the crop shown), so that a cell's shade is the same in every crop.
    func planeShading() -> Shading {
        let start = (plane.0 * tensor.shape[1] + plane.1) * height * width
        let values = tensor.values[start..<(start + height * width)]
        return Shading(low: values.min() ?? 0, high: values.max() ?? 0)
    }

    /// "columns 1–12 of 36", "rows 1–12 of 14, columns 1–12 of 14": the axes a crop cuts (only those, so that the
    /// caption stays whole over a quiz's narrow grid of blanks), each counted in the grid as drawn (with its
    /// padding, which has no index of its own: "columns 1–12 of 15" of a padded row).
    static func crop(rows shownRows: Range<Int>, of rows: Range<Int>, columns shownColumns: Range<Int>,
                     of columns: Range<Int>) -> String {
        [shownRows.count < rows.count ? "rows \(span(shownRows, from: rows)) of \(rows.count)" : nil,
         shownColumns.count < columns.count ? "columns \(span(shownColumns, from: columns)) of \(columns.count)" : nil]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// "1–12" (from 1) or "0–11" (from 0): the first and last index shown, counted from `whole`'s first.
    static func span(_ range: Range<Int>, from whole: Range<Int>) -> String {
        let base = IndexBase.current
        let first = range.lowerBound - whole.lowerBound
        return "\(base.shown(first))–\(base.shown(first + range.count - 1))"
    }

    static func window(_ range: Range<Int>, around focus: Int, side: Int = maxSide) -> Range<Int> {
        guard range.count > side else { return range }
        let start = min(max(range.lowerBound, focus - side / 2), range.upperBound - side)
        return start..<(start + side)
    }
}

/// Titles that name a plane only when there is more than one: "Input X, channel 2", "Filter F2, channel 1".
enum PlaneTitle {
    static func make(_ base: String, batch: Int?, batchCount: Int, channel: Int?, channelCount: Int,
                     channelWord: String = "channel") -> String {
        var parts = [base]
        let base = IndexBase.current
        if let batch, batchCount > 1 { parts.append("item \(base.shown(batch))") }
        if let channel, channelCount > 1 { parts.append("\(channelWord) \(base.shown(channel))") }
        return parts.joined(separator: ", ")
    }
}
