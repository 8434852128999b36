/// A convolutional layer's forward computation as deep-learning frameworks define it: cross-correlation
/// (the filter slides without flipping) with stride, zero padding, channels, several filters and bias.
/// With `flipsKernel` it is true convolution, the filter turned by 180° before sliding.
///
/// Tensors are stored canonically (input N×C×H×W, filters K×C×Kh×Kw, output N×K×H'×W');
/// `inputAxes`, `filterAxes` and `outputAxes` remember which axes the user wrote.
public struct Convolution: Sendable {
    public let input: Tensor
    /// The filters as given (not flipped).
    public let filters: Tensor
    public let bias: [Double]?
    public let stride: Extent2D
    public let padding: Extent2D
    public let flipsKernel: Bool
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
        stride: Int = 1, padding: Int = 0, flipsKernel: Bool = false, names: TensorNames = TensorNames()
    ) throws {
        try self.init(input: input, filter: filter, bias: bias, stride: Extent2D(stride), padding: Extent2D(padding),
                      flipsKernel: flipsKernel, names: names)
    }

    public init(
        input: Tensor, filter: Tensor, bias: [Double]? = nil,
        stride: Extent2D, padding: Extent2D, flipsKernel: Bool = false, names: TensorNames = TensorNames()
    ) throws {
        let (canonicalInput, inputAxes) = try AxisMask.canonicalize(input, what: "the input")
        guard (2...4).contains(filter.rank) else {
            throw CoreError.badRank(what: "the filter", rank: filter.rank, allowed: "2 (Kh×Kw), 3 (C×Kh×Kw) or 4 (K×C×Kh×Kw)")
        }
        let (canonicalFilter, filterAxes) = try AxisMask.canonicalize(filter, what: "the filter")
        let n = canonicalInput.shape[0], c = canonicalInput.shape[1], h = canonicalInput.shape[2], w = canonicalInput.shape[3]
        let k = canonicalFilter.shape[0], kh = canonicalFilter.shape[2], kw = canonicalFilter.shape[3]
        guard canonicalFilter.shape[1] == c else {
            throw CoreError.channelMismatch(inputChannels: c, filterChannels: canonicalFilter.shape[1])
        }
        let outputHeight = try OutputSize.compute(inputSize: h, filterSize: kh, stride: stride.rows, padding: padding.rows, axis: "height")
        let outputWidth = try OutputSize.compute(inputSize: w, filterSize: kw, stride: stride.columns, padding: padding.columns, axis: "width")
        let outputCount = try Tensor.elementCount([n, k, outputHeight, outputWidth], what: "the output")
        let work = outputCount.multipliedReportingOverflow(by: c * kh * kw)
        guard !work.overflow, work.partialValue <= Limits.maxWork else {
            throw CoreError.tooLarge(what: "the number of multiply-adds", count: work.overflow ? Int.max : work.partialValue, limit: Limits.maxWork)
        }
        if let bias, bias.count != k {
            throw CoreError.shapeMismatch(what: "the bias", expected: [k], found: [bias.count])
        }
        self.input = canonicalInput
        self.filters = canonicalFilter
        self.bias = bias
        self.stride = stride
        self.padding = padding
        self.flipsKernel = flipsKernel
        self.names = names
        self.inputAxes = inputAxes
        self.filterAxes = filterAxes
        // An axis appears in the output when the user wrote it: N from a rank-4 input, K from a rank-4 filter.
        self.outputAxes = AxisMask(visible: [inputAxes.visible[0], filterAxes.visible[0], true, true])
        self.slidingFilters = flipsKernel ? canonicalFilter.rotated180() : canonicalFilter
        (batchCount, channels, height, width) = (n, c, h, w)
        (filterCount, kernelHeight, kernelWidth) = (k, kh, kw)
        (self.outputHeight, self.outputWidth) = (outputHeight, outputWidth)
    }

    /// Canonical output shape N×K×H'×W'.
    public var outputShape: [Int] { [batchCount, filterCount, outputHeight, outputWidth] }
    /// Output shape with only the axes the user wrote.
    public var displayOutputShape: [Int] { outputAxes.displayShape(outputShape) }
    public var outputCount: Int { batchCount * filterCount * outputHeight * outputWidth }
    /// Terms in every output value: one per channel and kernel cell, padded cells included.
    public var termsPerOutput: Int { channels * kernelHeight * kernelWidth }

    // MARK: Forward

    /// The whole output, canonical N×K×H'×W'.
    public func forward() -> Tensor {
        var output = Array(repeating: 0.0, count: outputCount)
        let planeOut = outputHeight * outputWidth, planeIn = height * width, kernelArea = kernelHeight * kernelWidth
        input.values.withUnsafeBufferPointer { x in
            slidingFilters.values.withUnsafeBufferPointer { f in
                output.withUnsafeMutableBufferPointer { out in
                    for n in 0..<batchCount {
                        for k in 0..<filterCount {
                            let outBase = (n * filterCount + k) * planeOut
                            if let bias {
                                for index in 0..<planeOut { out[outBase + index] = bias[k] }
                            }
                            for c in 0..<channels {
                                let inBase = (n * channels + c) * planeIn
                                let filterBase = (k * channels + c) * kernelArea
                                for m in 0..<kernelHeight {
                                    for q in 0..<kernelWidth {
                                        let weight = f[filterBase + m * kernelWidth + q]
                                        let rows = validOutputs(offset: m, stride: stride.rows, padding: padding.rows, inputSize: height, outputSize: outputHeight)
                                        let columns = validOutputs(offset: q, stride: stride.columns, padding: padding.columns, inputSize: width, outputSize: outputWidth)
                                        guard !rows.isEmpty, !columns.isEmpty else { continue }
                                        for i in rows {
                                            let inRow = inBase + (i * stride.rows + m - padding.rows) * width + q - padding.columns
                                            let outRow = outBase + i * outputWidth
                                            if stride.columns == 1 {
                                                for j in columns { out[outRow + j] += weight * x[inRow + j] }
                                            } else {
                                                for j in columns { out[outRow + j] += weight * x[inRow + j * stride.columns] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return try! Tensor(shape: outputShape, values: output)
    }

    /// Output positions i (along one axis) whose window puts kernel offset `offset` inside the input.
    @inline(__always)
    func validOutputs(offset: Int, stride: Int, padding: Int, inputSize: Int, outputSize: Int) -> Range<Int> {
        let low = max(0, ceilDivide(padding - offset, stride))
        let high = min(outputSize - 1, floorDivide(inputSize - 1 + padding - offset, stride))
        return low <= high ? low..<(high + 1) : 0..<0
    }

    /// Term by term, the output element at canonical flat index `flat` (row-major N, K, H', W').
    public func explainOutput(_ flat: Int) -> Explanation {
        let j = flat % outputWidth, i = (flat / outputWidth) % outputHeight
        let k = (flat / (outputWidth * outputHeight)) % filterCount, n = flat / (outputWidth * outputHeight * filterCount)
        var terms: [Term] = []
        terms.reserveCapacity(termsPerOutput)
        var partial = 0.0
        for c in 0..<channels {
            for m in 0..<kernelHeight {
                for q in 0..<kernelWidth {
                    let x = inputFactor(n: n, c: c, row: i * stride.rows + m - padding.rows, column: j * stride.columns + q - padding.columns)
                    let w = filterFactor(k: k, c: c, m: m, q: q)
                    let product = x.value * w.value
                    partial += product
                    terms.append(Term(factors: [x, w], product: product, partial: partial))
                }
            }
        }
        let position = [n, k, i, j]
        let target = Factor(name: names.output, position: position, subscripts: outputAxes.subscripts(position), value: 0)
        let biasFactor = bias.map {
            Factor(name: names.bias, position: [k], subscripts: filterAxes.visible[0] ? [k + 1] : [], value: $0[k])
        }
        let value = partial + (biasFactor?.value ?? 0)
        return Explanation(target: target.with(value: value), reduction: .sum, terms: terms, bias: biasFactor, value: value)
    }

    public func explainOutput(at position: [Int]) -> Explanation {
        explainOutput(((position[0] * filterCount + position[1]) * outputHeight + position[2]) * outputWidth + position[3])
    }

    /// The input element at (row, column) of plane (n, c), or a padded zero outside the input.
    func inputFactor(n: Int, c: Int, row: Int, column: Int) -> Factor {
        let position = [n, c, row, column]
        let inside = row >= 0 && row < height && column >= 0 && column < width
        let value = inside ? input.values[((n * channels + c) * height + row) * width + column] : 0
        return Factor(name: names.input, position: position, subscripts: inputAxes.subscripts(position), value: value, isPadding: !inside)
    }

    /// The filter weight met at kernel offset (m, q) of the sliding filter, named by its place in the
    /// filter as given (for true convolution, the flipped place: the rotation pairs X11 with F22).
    func filterFactor(k: Int, c: Int, m: Int, q: Int) -> Factor {
        let (row, column) = flipsKernel ? (kernelHeight - 1 - m, kernelWidth - 1 - q) : (m, q)
        let position = [k, c, row, column]
        let value = filters.values[((k * channels + c) * kernelHeight + row) * kernelWidth + column]
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
            throw CoreError.shapeMismatch(what: "the output gradient", expected: displayOutputShape, found: outputGradient.shape)
        }
        return ConvolutionBackward(convolution: self, outputGradient: gradient)
    }
}

extension Factor {
    func with(value: Double) -> Factor {
        Factor(name: name, position: position, subscripts: subscripts, value: value, isPadding: isPadding)
    }
}
