/// A convolutional layer's forward computation as deep-learning frameworks define it: cross-correlation
/// (the filter slides without flipping) with stride, zero padding, channels, several filters and bias.
/// With `flipsKernel` it is true convolution, the filter turned by 180° before sliding. With `groups` G > 1 the
/// channels split into G groups and each filter sees only its group's C/G channels (GroupedConvolution.swift).
///
/// Tensors are stored canonically (input N×C×H×W, filters K×(C/G)×Kh×Kw, output N×K×H'×W');
/// `inputAxes`, `filterAxes` and `outputAxes` remember which axes the user wrote.
public struct Convolution: Sendable {
    public let input: Tensor
    /// The filters as given (not flipped).
    public let filters: Tensor
    public let bias: [Double]?
    public let stride: Extent2D
    public let padding: Extent2D
    /// Spacing between the filter's taps: D − 1 holes between neighbouring weights (1: none).
    public let dilation: Extent2D
    public let flipsKernel: Bool
    /// G: filters 1…K/G see input channels 1…C/G, the next K/G filters the next C/G channels, and so on.
    public let groups: Int
    public let names: TensorNames
    public let inputAxes: AxisMask
    public let filterAxes: AxisMask
    public let outputAxes: AxisMask
    /// The filters as they slide: rotated by 180° when `flipsKernel`.
    let slidingFilters: Tensor

    public let batchCount, channels, height, width: Int
    public let filterCount, kernelHeight, kernelWidth: Int
    public let outputHeight, outputWidth: Int

    public init(
        input: Tensor, filter: Tensor, bias: [Double]? = nil,
        stride: Int = 1, padding: Int = 0, dilation: Int = 1, flipsKernel: Bool = false, groups: Int = 1,
        names: TensorNames = TensorNames()
    ) throws {
        try self.init(input: input, filter: filter, bias: bias, stride: Extent2D(stride), padding: Extent2D(padding),
                      dilation: Extent2D(dilation), flipsKernel: flipsKernel, groups: groups, names: names)
    }

    /// - Parameters:
    ///   - input: X as H×W, C×H×W or N×C×H×W (or a 1-D signal).
    ///   - filter: Kh×Kw, (C/G)×Kh×Kw or K×(C/G)×Kh×Kw (or a 1-D filter for a 1-D signal).
    ///   - groups: G ≥ 1, dividing both C and K; G = C (one channel a group) is a depthwise convolution.
    /// - Throws: `CoreError` naming the operand at fault: shapes, counts not divisible by G, no output that fits.
    public init(
        input: Tensor, filter: Tensor, bias: [Double]? = nil,
        stride: Extent2D, padding: Extent2D, dilation: Extent2D = Extent2D(1), flipsKernel: Bool = false,
        groups: Int = 1, names: TensorNames = TensorNames()
    ) throws {
        let (canonicalInput, inputAxes) = try AxisMask.canonicalize(input, what: .input)
        let (canonicalFilter, filterAxes) = try AxisMask.canonicalizeFilter(filter, inputRank: input.rank)
        // A 1-D signal has one row: nothing slides, pads or dilates along the height.
        let (stride, padding, dilation) = input.rank == 1
            ? (Extent2D(rows: 1, columns: stride.columns), Extent2D(rows: 0, columns: padding.columns),
               Extent2D(rows: 1, columns: dilation.columns))
            : (stride, padding, dilation)
        let (n, c) = (canonicalInput.shape[0], canonicalInput.shape[1])
        let (h, w) = (canonicalInput.shape[2], canonicalInput.shape[3])
        let k = canonicalFilter.shape[0], kh = canonicalFilter.shape[2], kw = canonicalFilter.shape[3]
        try Self.checkGroups(groups, channels: c, filters: k, filterChannels: canonicalFilter.shape[1])
        let outputHeight = try OutputSize.compute(inputSize: h, filterSize: kh, stride: stride.rows,
                                                  padding: padding.rows, dilation: dilation.rows, axis: "height")
        let outputWidth = try OutputSize.compute(inputSize: w, filterSize: kw, stride: stride.columns,
                                                 padding: padding.columns, dilation: dilation.columns,
                                                 axis: input.rank == 1 ? "length" : "width")
        // An axis appears in the output when the user wrote it: N from a rank-4 input, K from a rank-4 filter,
        // H unless the input is a 1-D signal.
        let outputAxes = AxisMask(visible: [inputAxes.visible[0], filterAxes.visible[0], inputAxes.visible[2], true])
        try Self.checkWork(outputShape: outputAxes.displayShape([n, k, outputHeight, outputWidth]),
                           termsPerOutput: canonicalFilter.shape[1] * kh * kw)
        if let bias, bias.count != k {
            throw CoreError.shapeMismatch(what: .bias, expected: [k], found: [bias.count])
        }
        (self.input, self.filters, self.bias, self.names) = (canonicalInput, canonicalFilter, bias, names)
        (self.stride, self.padding, self.dilation, self.flipsKernel) = (stride, padding, dilation, flipsKernel)
        self.groups = groups
        (self.inputAxes, self.filterAxes) = (inputAxes, filterAxes)
        self.outputAxes = outputAxes
        self.slidingFilters = flipsKernel ? canonicalFilter.rotated180() : canonicalFilter
        (batchCount, channels, height, width) = (n, c, h, w)
        (filterCount, kernelHeight, kernelWidth) = (k, kh, kw)
        (self.outputHeight, self.outputWidth) = (outputHeight, outputWidth)
    }

    /// Refuses an output beyond `Limits.maxElements` values or more multiply-adds than `Limits.maxWork`.
    /// - Parameter outputShape: the output's shape as the user sees it (the axes they wrote), named in the refusal.
    static func checkWork(outputShape: [Int], termsPerOutput: Int) throws {
        let outputCount = try Tensor.elementCount(outputShape, what: "the output")
        let work = outputCount.multipliedReportingOverflow(by: termsPerOutput)
        guard !work.overflow, work.partialValue <= Limits.maxWork else {
            throw CoreError.tooLarge(what: "the number of multiply-adds",
                                     count: work.overflow ? Int.max : work.partialValue, limit: Limits.maxWork)
        }
    }

    /// Canonical output shape N×K×H'×W'.
    public var outputShape: [Int] { [batchCount, filterCount, outputHeight, outputWidth] }
    /// Output shape with only the axes the user wrote.
    public var displayOutputShape: [Int] { outputAxes.displayShape(outputShape) }
    public var outputCount: Int { batchCount * filterCount * outputHeight * outputWidth }
    /// Terms in every output value: one per channel of its group and kernel cell, padded cells included.
    public var termsPerOutput: Int { channelsPerGroup * kernelHeight * kernelWidth }

    // MARK: Forward

    /// The whole output, canonical N×K×H'×W'. Stride 1 without dilation takes the register-blocked kernel
    /// (BlockedConvolutionKernel.swift). Otherwise each output row is accumulated in a small buffer that stays in
    /// cache while every channel and kernel cell adds to it, then stored once; the innermost loop runs along a row.
    public func forward() -> Tensor {
        if usesBlockedKernel { return try! Tensor(shape: outputShape, values: blockedForward()) }
        var output = Array(repeating: 0.0, count: outputCount)
        let planeIn = height * width, kernelArea = kernelHeight * kernelWidth
        let columnRanges = (0..<kernelWidth).map {
            validOutputs(offset: $0 * dilation.columns, stride: stride.columns, padding: padding.columns,
                inputSize: width,
                         outputSize: outputWidth)
        }
        let row = UnsafeMutableBufferPointer<Double>.allocate(capacity: outputWidth)
        defer { row.deallocate() }
        input.values.withUnsafeBufferPointer { x in
            slidingFilters.values.withUnsafeBufferPointer { f in
                output.withUnsafeMutableBufferPointer { out in
                    for n in 0..<batchCount {
                        for k in 0..<filterCount {
                            let firstChannel = channelGroup(ofFilter: k).channels.lowerBound
                            for i in 0..<outputHeight {
                                row.update(repeating: 0)
                                for local in 0..<channelsPerGroup {
                                    let c = firstChannel + local
                                    let filterBase = (k * channelsPerGroup + local) * kernelArea
                                    for m in 0..<kernelHeight {
                                        let inputRow = i * stride.rows + m * dilation.rows - padding.rows
                                        guard inputRow >= 0 && inputRow < height else { continue }
                                        let rowBase = (n * channels + c) * planeIn + inputRow * width - padding.columns
                                        let weights = f.baseAddress! + (filterBase + m * kernelWidth)
                                        let source = x.baseAddress! + rowBase, sum = row.baseAddress!
                                        if stride.columns == 1, dilation.columns == 1, kernelWidth <= 3 {
                                            addKernelRow(weights: weights, source: source, sum: sum,
                                                columnRanges: columnRanges)
                                        } else {
                                            for q in 0..<kernelWidth {
                                                // Raw pointers: unchecked index arithmetic lets the loop vectorize.
                                                let weight = weights[q], shifted = source + q * dilation.columns
                                                let step = stride.columns
                                                for j in columnRanges[q] { sum[j] += weight * shifted[j &* step] }
                                            }
                                        }
                                    }
                                }
                                // The bias comes last, as in the explanation, so both give the same last bit.
                                let outBase = ((n * filterCount + k) * outputHeight + i) * outputWidth
                                let add = bias?[k] ?? 0
                                for j in 0..<outputWidth { out[outBase + j] = row[j] + add }
                            }
                        }
                    }
                }
            }
        }
        return try! Tensor(shape: outputShape, values: output)
    }

    /// Adds one kernel row (stride 1, up to 3 columns) to a running output row. Where every kernel column
    /// lands inside the input, the columns are added in one pass, so the running sum is loaded and stored
    /// once instead of once per weight; the terms still add in kernel-column order, as explained.
    @inline(__always)
    func addKernelRow(weights: UnsafePointer<Double>, source: UnsafePointer<Double>, sum: UnsafeMutablePointer<Double>,
                      columnRanges: [Range<Int>]) {
        var low = 0, high = Int.max
        for range in columnRanges {
            low = max(low, range.lowerBound)
            high = min(high, range.upperBound)
        }
        guard low < high else {
            for q in 0..<kernelWidth {
                let weight = weights[q], shifted = source + q
                for j in columnRanges[q] { sum[j] += weight * shifted[j] }
            }
            return
        }
        for q in 0..<kernelWidth {
            let weight = weights[q], shifted = source + q, range = columnRanges[q]
            for j in range.lowerBound..<low { sum[j] += weight * shifted[j] }
            for j in high..<range.upperBound { sum[j] += weight * shifted[j] }
        }
        switch kernelWidth {
        case 1:
            let w0 = weights[0]
            for j in low..<high { sum[j] += w0 * source[j] }
        case 2:
            let w0 = weights[0], w1 = weights[1]
            for j in low..<high {
                var value = sum[j]
                value += w0 * source[j]
                value += w1 * source[j &+ 1]
                sum[j] = value
            }
        default:
            let w0 = weights[0], w1 = weights[1], w2 = weights[2]
            for j in low..<high {
                var value = sum[j]
                value += w0 * source[j]
                value += w1 * source[j &+ 1]
                value += w2 * source[j &+ 2]
                sum[j] = value
            }
        }
    }

    /// Output rows whose window puts kernel row m inside the input.
    func validRows(kernelRow m: Int) -> Range<Int> {
        validOutputs(offset: m * dilation.rows, stride: stride.rows, padding: padding.rows, inputSize: height,
                     outputSize: outputHeight)
    }

    /// Output columns whose window puts kernel column q inside the input.
    func validColumns(kernelColumn q: Int) -> Range<Int> {
        validOutputs(offset: q * dilation.columns, stride: stride.columns, padding: padding.columns, inputSize: width,
                     outputSize: outputWidth)
    }

    /// The input row that output row i meets at kernel row m (negative or past the end in the padding).
    func inputRow(_ i: Int, kernelRow m: Int) -> Int { i * stride.rows + m * dilation.rows - padding.rows }

    /// The input column that output column j meets at kernel column q.
    func inputColumn(_ j: Int,
        kernelColumn q: Int) -> Int { j * stride.columns + q * dilation.columns - padding.columns }

    /// Output positions i (along one axis) whose window puts kernel offset `offset` inside the input.
    @inline(__always)
    func validOutputs(offset: Int, stride: Int, padding: Int, inputSize: Int, outputSize: Int) -> Range<Int> {
        let low = max(0, ceilDivide(padding - offset, stride))
        let high = min(outputSize - 1, floorDivide(inputSize - 1 + padding - offset, stride))
        return low <= high ? low..<(high + 1) : 0..<0
    }

    public enum Axis { case rows, columns }

    /// Along one axis, the outputs whose window meets input coordinate `coordinate`, each with the kernel offset
    /// that meets it: i·S + m·D − P = coordinate, in increasing output order.
    func contributingOutputs(to coordinate: Int, axis: Axis) -> [(output: Int, offset: Int)] {
        let (s, p, d, kernel, outputs) = axis == .rows
            ? (stride.rows, padding.rows, dilation.rows, kernelHeight, outputHeight)
            : (stride.columns, padding.columns, dilation.columns, kernelWidth, outputWidth)
        let low = max(0, ceilDivide(coordinate + p - d * (kernel - 1), s))
        let high = min(outputs - 1, floorDivide(coordinate + p, s))
        guard low <= high else { return [] }
        return (low...high).compactMap { i in
            let reach = coordinate + p - i * s
            return reach % d == 0 ? (i, reach / d) : nil
        }
    }

    /// Term by term, the output element at canonical flat index `flat` (row-major N, K, H', W').
    public func explainOutput(_ flat: Int) -> Explanation {
        let j = flat % outputWidth, i = (flat / outputWidth) % outputHeight
        let k = (flat / (outputWidth * outputHeight)) % filterCount
        let n = flat / (outputWidth * outputHeight * filterCount)
        var terms: [Term] = []
        terms.reserveCapacity(termsPerOutput)
        var partial = 0.0
        let group = channelGroup(ofFilter: k)
        for c in group.channels {
            for m in 0..<kernelHeight {
                for q in 0..<kernelWidth {
                    let x = inputFactor(n: n, c: c, row: i * stride.rows + m * dilation.rows - padding.rows,
                                        column: j * stride.columns + q * dilation.columns - padding.columns)
                    let w = filterFactor(k: k, c: c - group.channels.lowerBound, m: m, q: q)
                    let product = x.value * w.value
                    partial += product
                    terms.append(Term(factors: [x, w], product: product, partial: partial))
                }
            }
        }
        let position = [n, k, i, j]
        let target = Factor(name: names.output, position: position, subscripts: outputAxes.subscripts(position),
            value: 0)
        let biasFactor = bias.map {
            Factor(name: names.bias, position: [k], subscripts: filterAxes.visible[0] ? [k] : [], value: $0[k])
        }
        let value = partial + (biasFactor?.value ?? 0)
        return Explanation(target: target.with(value: value), reduction: .sum, terms: terms, bias: biasFactor,
            value: value, group: groups > 1 ? group : nil)
    }

    public func explainOutput(at position: [Int]) -> Explanation {
        let plane = position[0] * filterCount + position[1]
        return explainOutput((plane * outputHeight + position[2]) * outputWidth + position[3])
    }

    /// The input element at (row, column) of plane (n, c), or a padded zero outside the input.
    func inputFactor(n: Int, c: Int, row: Int, column: Int) -> Factor {
        let position = [n, c, row, column]
        let inside = row >= 0 && row < height && column >= 0 && column < width
        let value = inside ? input.values[((n * channels + c) * height + row) * width + column] : 0
        return Factor(name: names.input, position: position, subscripts: inputAxes.subscripts(position), value: value,
            isPadding: !inside)
    }

    /// The filter weight met at kernel offset (m, q) of the sliding filter, named by its place in the
    /// filter as given (for true convolution, the flipped place: the rotation pairs X11 with F22).
    /// - Parameter c: the filter's own channel, 0..<C/G (the input channel less its group's first).
    func filterFactor(k: Int, c: Int, m: Int, q: Int) -> Factor {
        let (row, column) = flipsKernel ? (kernelHeight - 1 - m, kernelWidth - 1 - q) : (m, q)
        let position = [k, c, row, column]
        let value = filters.values[((k * channelsPerGroup + c) * kernelHeight + row) * kernelWidth + column]
        return Factor(name: names.filter, position: position, subscripts: filterAxes.subscripts(position), value: value)
    }

    // MARK: Backward

    /// Gradients of a loss with respect to input, filters and bias, given ∂L/∂O in the output's displayed
    /// shape (or canonical N×K×H'×W').
    public func backward(outputGradient: Tensor) throws -> ConvolutionBackward {
        let gradient: Tensor
        if outputGradient.shape == outputShape {
            gradient = outputGradient
        } else if outputGradient.shape == displayOutputShape {
            gradient = outputGradient.reshaped(outputShape)
        } else {
            throw CoreError.shapeMismatch(what: .outputGradient, expected: displayOutputShape,
                found: outputGradient.shape)
        }
        return ConvolutionBackward(convolution: self, outputGradient: gradient)
    }
}

extension Factor {
    func with(value: Double) -> Factor {
        Factor(name: name, position: position, subscripts: subscripts, value: value, isPadding: isPadding)
    }
}
