/// Max or average pooling over each channel, with the usual framework conventions: padded cells never
/// win a max; an average counts them as zeros (divides by the whole window); the max's gradient goes to
/// the first maximum in row-major order; overlapping windows add their gradients.
public struct Pooling: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case max
        case average = "avg"
    }

    public let input: Tensor
    public let inputAxes: AxisMask
    public let mode: Mode
    public let size: Extent2D
    public let stride: Extent2D
    public let padding: Extent2D
    public let names: TensorNames
    public let batchCount, channels, height, width: Int
    public let outputHeight, outputWidth: Int

    /// `stride` defaults to the window size.
    public init(input: Tensor, mode: Mode, size: Int, stride: Int? = nil, padding: Int = 0,
                names: TensorNames = TensorNames(input: "X", output: "P")) throws {
        let (canonical, axes) = try AxisMask.canonicalize(input, what: .input)
        guard size >= 1 else { throw CoreError.nonPositive(what: .poolSize, value: size) }
        let stride = stride ?? size
        guard padding <= size / 2 || padding < 0 else { throw CoreError.paddingTooLarge(padding: padding,
            windowSize: size) }
        let (n, c, h, w) = (canonical.shape[0], canonical.shape[1], canonical.shape[2], canonical.shape[3])
        // A 1-D signal pools windows of one row.
        let rows = input.rank == 1 ? (size: 1, stride: 1, padding: 0) : (size: size, stride: stride, padding: padding)
        outputHeight = try OutputSize.compute(inputSize: h, filterSize: rows.size, stride: rows.stride,
            padding: rows.padding,
                                              axis: "height", window: .poolSize)
        outputWidth = try OutputSize.compute(inputSize: w, filterSize: size, stride: stride, padding: padding,
                                             axis: input.rank == 1 ? "length" : "width", window: .poolSize)
        let outputs = try Tensor.elementCount([n, c, outputHeight, outputWidth], what: "the output")
        let work = outputs.multipliedReportingOverflow(by: rows.size * size)
        guard !work.overflow, work.partialValue <= Limits.maxWork else {
            throw CoreError.tooLarge(what: "the number of comparisons",
                count: work.overflow ? Int.max : work.partialValue, limit: Limits.maxWork)
        }
        self.input = canonical
        self.inputAxes = axes
        self.mode = mode
        self.size = Extent2D(rows: rows.size, columns: size)
        self.stride = Extent2D(rows: rows.stride, columns: stride)
        self.padding = Extent2D(rows: rows.padding, columns: padding)
        self.names = names
        (batchCount, channels, height, width) = (n, c, h, w)
    }

    public var outputShape: [Int] { [batchCount, channels, outputHeight, outputWidth] }
    public var displayOutputShape: [Int] { inputAxes.displayShape(outputShape) }
    public var outputCount: Int { outputShape.reduce(1, *) }

    /// Canonical (n, c, i, j) of an output flat index.
    public func outputPosition(_ flat: Int) -> (n: Int, c: Int, i: Int, j: Int) {
        let j = flat % outputWidth, i = (flat / outputWidth) % outputHeight
        let c = (flat / (outputWidth * outputHeight)) % channels, n = flat / (outputWidth * outputHeight * channels)
        return (n, c, i, j)
    }

    /// The window of output (i, j): its top-left corner in input coordinates (may lie in the padding).
    public func windowOrigin(i: Int, j: Int) -> (row: Int, column: Int) {
        (i * stride.rows - padding.rows, j * stride.columns - padding.columns)
    }

    /// Position of the first maximum (row-major) of a window, ignoring padded cells.
    public func argmax(n: Int, c: Int, i: Int, j: Int) -> (row: Int, column: Int) {
        let origin = windowOrigin(i: i, j: j)
        let base = (n * channels + c) * height * width
        var best = (row: -1, column: -1), bestValue = -Double.infinity
        for row in max(0, origin.row)..<min(height, origin.row + size.rows) {
            for column in max(0, origin.column)..<min(width, origin.column + size.columns) {
                let value = input.values[base + row * width + column]
                if best.row < 0 || value > bestValue {
                    best = (row, column)
                    bestValue = value
                }
            }
        }
        return best
    }

    public func forward() -> Tensor {
        var output = Array(repeating: 0.0, count: outputCount)
        let divisor = Double(size.rows * size.columns)
        for flat in 0..<outputCount {
            let (n, c, i, j) = outputPosition(flat)
            let base = (n * channels + c) * height * width
            switch mode {
            case .max:
                let best = argmax(n: n, c: c, i: i, j: j)
                output[flat] = input.values[base + best.row * width + best.column]
            case .average:
                let origin = windowOrigin(i: i, j: j)
                var sum = 0.0
                for row in max(0, origin.row)..<min(height, origin.row + size.rows) {
                    for column in max(0, origin.column)..<min(width, origin.column + size.columns) {
                        sum += input.values[base + row * width + column]
                    }
                }
                output[flat] = sum / divisor
            }
        }
        return try! Tensor(shape: outputShape, values: output)
    }

    /// One window: its cells in row-major order with the running max (or running sum), then the value.
    public func explainOutput(_ flat: Int) -> Explanation {
        let (n, c, i, j) = outputPosition(flat)
        let origin = windowOrigin(i: i, j: j)
        var terms: [Term] = []
        var partial = mode == .max ? -Double.infinity : 0
        for row in origin.row..<(origin.row + size.rows) {
            for column in origin.column..<(origin.column + size.columns) {
                let position = [n, c, row, column]
                let inside = row >= 0 && row < height && column >= 0 && column < width
                if mode == .max && !inside { continue }
                let value = inside ? input.values[((n * channels + c) * height + row) * width + column] : 0
                partial = mode == .max ? max(partial, value) : partial + value
                let factor = Factor(name: names.input, position: position, subscripts: inputAxes.subscripts(position),
                                    value: value, isPadding: !inside)
                terms.append(Term(factors: [factor], product: value, partial: partial))
            }
        }
        let divisor = size.rows * size.columns
        let value = mode == .max ? partial : partial / Double(divisor)
        let position = [n, c, i, j]
        let target = Factor(name: names.output, position: position, subscripts: inputAxes.subscripts(position),
            value: value)
        return Explanation(target: target, reduction: mode == .max ? .maximum : .mean(divisor: divisor), terms: terms,
            value: value)
    }

    /// ∂L/∂X, canonical N×C×H×W, for ∂L/∂P in the output's displayed or canonical shape.
    public func backward(outputGradient: Tensor) throws -> Tensor {
        let gradient = try canonicalGradient(outputGradient)
        var result = Array(repeating: 0.0, count: input.count)
        let share = 1 / Double(size.rows * size.columns)
        for flat in 0..<outputCount {
            let (n, c, i, j) = outputPosition(flat)
            let base = (n * channels + c) * height * width
            switch mode {
            case .max:
                let best = argmax(n: n, c: c, i: i, j: j)
                result[base + best.row * width + best.column] += gradient.values[flat]
            case .average:
                let origin = windowOrigin(i: i, j: j)
                for row in max(0, origin.row)..<min(height, origin.row + size.rows) {
                    for column in max(0, origin.column)..<min(width, origin.column + size.columns) {
                        result[base + row * width + column] += gradient.values[flat] * share
                    }
                }
            }
        }
        return try! Tensor(shape: input.shape, values: result)
    }

    /// ∂L/∂X at canonical flat index: the output gradients of the windows that route to this cell
    /// (where it is the first maximum; or every covering window, times 1/f², for an average).
    public func explainInputGradient(_ flat: Int, outputGradient: Tensor) throws -> Explanation {
        let gradient = try canonicalGradient(outputGradient)
        let column = flat % width, row = (flat / width) % height
        let c = (flat / (width * height)) % channels, n = flat / (width * height * channels)
        let iLow = max(0, ceilDivide(row + padding.rows - (size.rows - 1), stride.rows))
        let iHigh = min(outputHeight - 1, floorDivide(row + padding.rows, stride.rows))
        let jLow = max(0, ceilDivide(column + padding.columns - (size.columns - 1), stride.columns))
        let jHigh = min(outputWidth - 1, floorDivide(column + padding.columns, stride.columns))
        let divisor = size.rows * size.columns
        var terms: [Term] = []
        var partial = 0.0
        if iLow <= iHigh && jLow <= jHigh {
            for i in iLow...iHigh {
                for j in jLow...jHigh {
                    if mode == .max && argmax(n: n, c: c, i: i, j: j) != (row, column) { continue }
                    let position = [n, c, i, j]
                    let g = Factor(name: TensorNames.gradient(names.output), position: position,
                                   subscripts: inputAxes.subscripts(position),
                                   value: gradient.values[((n * channels + c) * outputHeight + i) * outputWidth + j])
                    let factors = mode == .max ? [g] : [g, Factor.constant("1/\(divisor)", 1 / Double(divisor))]
                    let product = factors.reduce(1) { $0 * $1.value }
                    partial += product
                    terms.append(Term(factors: factors, product: product, partial: partial))
                }
            }
        }
        let position = [n, c, row, column]
        let target = Factor(name: TensorNames.gradient(names.input), position: position,
                            subscripts: inputAxes.subscripts(position), value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial)
    }

    func canonicalGradient(_ gradient: Tensor) throws -> Tensor {
        if gradient.shape == outputShape { return gradient }
        if gradient.shape == displayOutputShape { return gradient.reshaped(outputShape) }
        throw CoreError.shapeMismatch(what: .outputGradient, expected: displayOutputShape, found: gradient.shape)
    }
}
