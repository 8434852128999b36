/// A dense row-major array of numbers of rank 1 to 4.
///
/// Convolution and pooling work on the canonical layout N×C×H×W (filters K×C×Kh×Kw); a matrix is
/// simply a rank-2 tensor, and `reshaped` moves between the two without copying.
public struct Tensor: Equatable, Sendable {
    public let shape: [Int]
    /// Row-major; settable only inside the core, so that its count always matches `shape`.
    public internal(set) var values: [Double]

    public init(shape: [Int], values: [Double]) throws {
        guard (1...4).contains(shape.count) else {
            throw CoreError.badRank(what: "a tensor", rank: shape.count, allowed: "1 to 4")
        }
        guard shape.allSatisfy({ $0 > 0 }) else { throw CoreError.emptyTensor(what: "a tensor") }
        let count = try Tensor.elementCount(shape, what: "a tensor")
        guard count == values.count else {
            throw CoreError.shapeMismatch(what: "the values", expected: [count], found: [values.count])
        }
        self.shape = shape
        self.values = values
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) throws {
        let count = try Tensor.elementCount(shape, what: "a tensor")
        try self.init(shape: shape, values: Array(repeating: 0, count: count))
    }

    /// A matrix from its rows; ragged rows are an error naming the first short or long row.
    public init(rows: [[Double]]) throws {
        guard let first = rows.first, !first.isEmpty else { throw CoreError.emptyTensor(what: "the matrix") }
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw CoreError.raggedRows(row: index + 1, expected: first.count, found: row.count)
        }
        try self.init(shape: [rows.count, first.count], values: rows.flatMap { $0 })
    }

    /// Product of the extents, refusing anything beyond `Limits.maxElements` with a message naming `shape`.
    public static func elementCount(_ shape: [Int], what: Subject) throws -> Int {
        var count = 1
        for extent in shape {
            guard extent >= 0 else { throw CoreError.negative(what: what.along("extent"), value: extent) }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= Limits.maxElements else {
                throw CoreError.tooManyValues(what: what, shape: shape, limit: Limits.maxElements)
            }
            count = product
        }
        return count
    }

    /// The same shape with every value transformed.
    public func mapValues(_ transform: (Double) -> Double) -> Tensor {
        var copy = self
        copy.values = values.map(transform)
        return copy
    }

    /// The same shape holding `newValues`, row-major.
    /// - Precondition: `newValues.count == count`.
    public func replacingValues(_ newValues: [Double]) -> Tensor {
        precondition(newValues.count == values.count, "a tensor's values must match its shape")
        var copy = self
        copy.values = newValues
        return copy
    }

    public var rank: Int { shape.count }
    public var count: Int { values.count }

    /// Row-major strides.
    public var strides: [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * shape[axis + 1]
        }
        return strides
    }

    public func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index rank \(index.count) for tensor of rank \(shape.count)")
        var flat = 0
        for axis in 0..<shape.count {
            precondition(index[axis] >= 0 && index[axis] < shape[axis], "index \(index) outside \(shape)")
            flat = flat * shape[axis] + index[axis]
        }
        return flat
    }

    public func multiIndex(_ flat: Int) -> [Int] {
        var remainder = flat
        var index = Array(repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            index[axis] = remainder % shape[axis]
            remainder /= shape[axis]
        }
        return index
    }

    public func contains(_ index: [Int]) -> Bool {
        index.count == shape.count && zip(index, shape).allSatisfy { $0 >= 0 && $0 < $1 }
    }

    public subscript(_ index: [Int]) -> Double {
        get { values[flatIndex(index)] }
        set { values[flatIndex(index)] = newValue }
    }

    public subscript(row: Int, column: Int) -> Double {
        get { self[[row, column]] }
        set { self[[row, column]] = newValue }
    }

    /// The same values under another shape of equal size.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == values.count, "reshape \(shape) to \(newShape)")
        // Safe: the element count was checked when this tensor was made.
        return try! Tensor(shape: newShape, values: values)
    }

    /// Rows of a matrix (rank 2), for printing and tests.
    public var rows: [[Double]] {
        precondition(rank == 2, "rows of a rank-\(rank) tensor")
        return (0..<shape[0]).map { row in Array(values[(row * shape[1])..<((row + 1) * shape[1])]) }
    }

    /// Each H×W plane turned by 180°: the last two axes reversed.
    public func rotated180() -> Tensor {
        precondition(rank >= 2)
        let height = shape[rank - 2], width = shape[rank - 1]
        let plane = height * width
        var result = values
        for base in stride(from: 0, to: values.count, by: plane) {
            for offset in 0..<plane {
                result[base + plane - 1 - offset] = values[base + offset]
            }
        }
        return try! Tensor(shape: shape, values: result)
    }

    /// The last two axes moved by (rows, columns), zeros filling the cells left behind.
    public func shifted(rows: Int, columns: Int) -> Tensor {
        precondition(rank >= 2)
        let height = shape[rank - 2], width = shape[rank - 1]
        let plane = height * width
        var result = Array(repeating: 0.0, count: values.count)
        for base in stride(from: 0, to: values.count, by: plane) {
            for row in 0..<height {
                let source = row - rows
                guard source >= 0 && source < height else { continue }
                for column in 0..<width {
                    let sourceColumn = column - columns
                    guard sourceColumn >= 0 && sourceColumn < width else { continue }
                    result[base + row * width + column] = values[base + source * width + sourceColumn]
                }
            }
        }
        return try! Tensor(shape: shape, values: result)
    }

    /// `stride − 1` zeros between neighbouring entries of each plane (the stride-s gradient spread out).
    public func dilated(by step: Int) throws -> Tensor {
        guard step >= 1 else { throw CoreError.nonPositive(what: .stride, value: step) }
        guard rank >= 2 else { throw CoreError.badRank(what: .outputGradient, rank: rank, allowed: "2 to 4") }
        let height = shape[rank - 2], width = shape[rank - 1]
        let (tallRows, rowsOverflow) = (height - 1).multipliedReportingOverflow(by: step)
        let (wideColumns, columnsOverflow) = (width - 1).multipliedReportingOverflow(by: step)
        guard !rowsOverflow, !columnsOverflow, tallRows < Limits.maxElements, wideColumns < Limits.maxElements else {
            throw CoreError.tooLarge(what: .stride, count: step, limit: Limits.maxElements / max(height - 1, width - 1,
                1))
        }
        let newHeight = tallRows + 1, newWidth = wideColumns + 1
        var newShape = shape
        newShape[rank - 2] = newHeight
        newShape[rank - 1] = newWidth
        var result = try Tensor(zeros: newShape)
        let planes = values.count / (height * width)
        for plane in 0..<planes {
            for row in 0..<height {
                for column in 0..<width {
                    result.values[plane * newHeight * newWidth + row * step * newWidth + column * step] =
                        values[plane * height * width + row * width + column]
                }
            }
        }
        return result
    }

    /// Largest magnitude, the scale below which a printed value is noise.
    public var magnitude: Double { values.reduce(0) { max($0, abs($1)) } }
}

extension Tensor {
    /// Every H×W plane surrounded by `rows` and `columns` zeros; nil when that would be too large.
    public func zeroPadded(rows: Int, columns: Int) -> Tensor? {
        guard rank >= 2, rows >= 0, columns >= 0 else { return nil }
        let height = shape[rank - 2], width = shape[rank - 1]
        var newShape = shape
        newShape[rank - 2] = height + 2 * rows
        newShape[rank - 1] = width + 2 * columns
        guard var result = try? Tensor(zeros: newShape) else { return nil }
        let newWidth = newShape[rank - 1], newPlane = newShape[rank - 2] * newWidth
        let planes = count / (height * width)
        for plane in 0..<planes {
            for row in 0..<height {
                for column in 0..<width {
                    result.values[plane * newPlane + (row + rows) * newWidth + column + columns] =
                        values[(plane * height + row) * width + column]
                }
            }
        }
        return result
    }
}
