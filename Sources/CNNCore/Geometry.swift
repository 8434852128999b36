/// The input cells one output value's window covers, for a window of `size` sliding at `stride` over an input
/// zero-padded by `padding`. Coordinates are those of the unpadded input: a window reaching into the padding has
/// negative rows or columns, or ones past the input's last.
public struct Window: Equatable, Sendable {
    /// Input rows covered, padding included.
    public let rows: Range<Int>
    /// Input columns covered, padding included.
    public let columns: Range<Int>

    /// The window of output (i, j).
    ///
    /// - Parameters:
    ///   - i: output row, 0-based.
    ///   - j: output column, 0-based.
    ///   - size: window height and width; both ≥ 1.
    ///   - stride: rows and columns moved between neighbouring outputs; both ≥ 1.
    ///   - padding: zero rows above and below, zero columns left and right; both ≥ 0.
    ///
    /// - Precondition: `i * stride.rows + size.rows` and its column counterpart fit in an `Int` (the layers
    ///   that call this have bounded their sizes already).
    public init(i: Int, j: Int, size: Extent2D, stride: Extent2D, padding: Extent2D) {
        let top = i * stride.rows - padding.rows, left = j * stride.columns - padding.columns
        rows = top..<(top + size.rows)
        columns = left..<(left + size.columns)
    }

    init(rows: Range<Int>, columns: Range<Int>) {
        self.rows = rows
        self.columns = columns
    }

    /// The top-left cell (may lie in the padding).
    public var origin: (row: Int, column: Int) { (rows.lowerBound, columns.lowerBound) }

    /// The cell a display centres on: the middle of the window, rounding down and to the right.
    public var center: (row: Int, column: Int) {
        (rows.lowerBound + rows.count / 2, columns.lowerBound + columns.count / 2)
    }

    public func contains(row: Int, column: Int) -> Bool {
        rows.contains(row) && columns.contains(column)
    }

    /// The part of the window inside an input of `height` × `width` (both ≥ 0): the cells that hold data.
    /// Empty when the window lies wholly in the padding.
    public func clipped(height: Int, width: Int) -> Window {
        Window(rows: rows.clamped(to: 0..<max(height, 0)), columns: columns.clamped(to: 0..<max(width, 0)))
    }

    /// The number of cells covered.
    public var count: Int { rows.count * columns.count }
}

/// Sliding-window arithmetic along one axis.
public enum SlidingAxis {
    /// How many of the outputs `0..<outputCount` along an axis have a window covering input index `index`.
    ///
    /// - Parameters:
    ///   - index: input index along the axis, 0-based (the unpadded input's coordinates).
    ///   - outputCount: outputs along the axis; ≥ 0.
    ///   - size: window extent; ≥ 1.
    ///   - stride: step between windows; ≥ 1.
    ///   - padding: zeros before the first input cell; ≥ 0.
    ///
    /// Output `o` covers `index` when `0 ≤ index + padding − o·stride < size`.
    public static func coveringCount(index: Int, outputCount: Int, size: Int, stride: Int, padding: Int) -> Int {
        let shifted = index + padding
        // o ≤ shifted / stride, and o > (shifted − size) / stride.
        let last = min(outputCount - 1, floorDivide(shifted, stride))
        let first = max(0, floorDivide(shifted - size, stride) + 1)
        return max(0, last - first + 1)
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}

/// Row-major positions in an N×C×H×W tensor (a canonical tensor's shape): flat index ↔ (n, c, row, column).
public struct CanonicalShape: Equatable, Sendable {
    public let count, channels, height, width: Int

    /// - Parameter shape: the four extents, each ≥ 0.
    /// - Precondition: `shape.count == 4`.
    public init(_ shape: [Int]) {
        precondition(shape.count == 4, "a canonical shape has four axes")
        (count, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
    }

    /// The flat index of (n, c, row, column); each index must lie within its extent.
    public func flat(_ n: Int, _ c: Int, _ row: Int, _ column: Int) -> Int {
        ((n * channels + c) * height + row) * width + column
    }

    /// The (n, c, row, column) of a flat index in `0..<(count·channels·height·width)`.
    public func position(_ flat: Int) -> (n: Int, c: Int, row: Int, column: Int) {
        let column = flat % width, row = (flat / width) % height
        let c = (flat / (width * height)) % channels
        return (flat / (width * height * channels), c, row, column)
    }
}
