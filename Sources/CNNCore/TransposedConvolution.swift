/// Transposed convolution with PyTorch's `conv_transpose2d` meaning: every input value X[n,ci,i,j] adds a copy of
/// the filter F[ci,co,·,·] scaled by itself to the output, its corner at (i·S − P, j·S − P) and its taps D apart;
/// copies that fall outside the output (the padding P, cut from both sides) are dropped, A rows and columns are
/// added at the far end. It is the input gradient of a strided convolution with the same filter, stride, padding
/// and dilation (the seeds' "deconvolution").
///
/// Tensors are stored canonically: input N×C_in×H×W, filters C_in×C_out×Kh×Kw, output N×C_out×H'×W'.
public struct TransposedConvolution: Sendable {
    public let input: Tensor
    public let filters: Tensor
    public let bias: [Double]?
    public let stride, padding, outputPadding, dilation: Extent2D
    public let names: TensorNames
    public let inputAxes, filterAxes, outputAxes: AxisMask
    public let batchCount, inputChannels, height, width: Int
    public let outputChannels, kernelHeight, kernelWidth: Int
    public let outputHeight, outputWidth: Int

    /// X is W (a 1-D signal), H×W, C_in×H×W or N×C_in×H×W; F is K (1-D), Kh×Kw or C_in×C_out×Kh×Kw.
    public init(input: Tensor, filter: Tensor, bias: [Double]? = nil, stride: Int = 1, padding: Int = 0,
                outputPadding: Int = 0, dilation: Int = 1, names: TensorNames = TensorNames()) throws {
        let (x, inputAxes) = try AxisMask.canonicalize(input, what: .input)
        if input.rank > 1, filter.rank == 3 {
            throw CoreError.badRank(what: .filter, rank: 3, allowed: "2 (Kh×Kw) or 4 (C_in×C_out×Kh×Kw)")
        }
        let (f, filterAxes) = try AxisMask.canonicalizeFilter(filter, inputRank: input.rank)
        guard f.shape[0] == x.shape[1] else { throw CoreError.channelMismatch(inputChannels: x.shape[1],
            filterChannels: f.shape[0]) }
        let isSignal = input.rank == 1
        // A 1-D signal has one row: nothing strides, pads or dilates along the height.
        let rows = isSignal ? (stride: 1, padding: 0, outputPadding: 0, dilation: 1)
            : (stride: stride, padding: padding, outputPadding: outputPadding, dilation: dilation)
        outputHeight = try OutputSize.transposed(inputSize: x.shape[2], filterSize: f.shape[2], stride: rows.stride,
                                                 padding: rows.padding, outputPadding: rows.outputPadding,
                                                 dilation: rows.dilation, axis: "height")
        outputWidth = try OutputSize.transposed(inputSize: x.shape[3], filterSize: f.shape[3], stride: stride,
            padding: padding,
                                                outputPadding: outputPadding, dilation: dilation,
                                                axis: isSignal ? "length" : "width")
        // C_out shows when the filter bank was written with its channel axes.
        let outputAxes = AxisMask(visible: [inputAxes.visible[0], filterAxes.visible[0], inputAxes.visible[2], true])
        try Self.checkWork(input: x, filters: f,
                           outputShape: outputAxes.displayShape([x.shape[0], f.shape[1], outputHeight, outputWidth]))
        if let bias, bias.count != f.shape[1] { throw CoreError.shapeMismatch(what: .bias, expected: [f.shape[1]],
            found: [bias.count]) }
        (self.input, self.filters, self.bias, self.names) = (x, f, bias, names)
        self.stride = Extent2D(rows: rows.stride, columns: stride)
        self.padding = Extent2D(rows: rows.padding, columns: padding)
        self.outputPadding = Extent2D(rows: rows.outputPadding, columns: outputPadding)
        self.dilation = Extent2D(rows: rows.dilation, columns: dilation)
        (self.inputAxes, self.filterAxes) = (inputAxes, filterAxes)
        self.outputAxes = outputAxes
        (batchCount, inputChannels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        (outputChannels, kernelHeight, kernelWidth) = (f.shape[1], f.shape[2], f.shape[3])
    }

    /// Refuses an output beyond `Limits.maxElements` or more multiply-adds than `Limits.maxWork`.
    /// - Parameter outputShape: the output's shape as the user sees it (the axes they wrote), named in the refusal.
    static func checkWork(input: Tensor, filters: Tensor, outputShape: [Int]) throws {
        _ = try Tensor.elementCount(outputShape, what: "the output")
        let perInput = filters.count / filters.shape[0]
        let work = input.count.multipliedReportingOverflow(by: perInput)
        guard !work.overflow, work.partialValue <= Limits.maxWork else {
            throw CoreError.tooLarge(what: "the number of multiply-adds",
                count: work.overflow ? Int.max : work.partialValue,
                                     limit: Limits.maxWork)
        }
    }

    public var outputShape: [Int] { [batchCount, outputChannels, outputHeight, outputWidth] }
    public var displayOutputShape: [Int] { outputAxes.displayShape(outputShape) }
    public var outputCount: Int { batchCount * outputChannels * outputHeight * outputWidth }

    /// Canonical (n, co, y, x) of an output flat index.
    public func outputPosition(_ flat: Int) -> [Int] {
        let x = flat % outputWidth, y = (flat / outputWidth) % outputHeight
        let co = (flat / (outputWidth * outputHeight)) % outputChannels
        return [flat / (outputWidth * outputHeight * outputChannels), co, y, x]
    }

    /// Along one axis, the (input index, kernel offset) pairs whose scattered tap lands on output `coordinate`:
    /// i·S − P + m·D = coordinate, in kernel-offset order.
    func sources(of coordinate: Int, axis: Convolution.Axis) -> [(input: Int, offset: Int)] {
        let (s, p, d, kernel, size) = axis == .rows
            ? (stride.rows, padding.rows, dilation.rows, kernelHeight, height)
            : (stride.columns, padding.columns, dilation.columns, kernelWidth, width)
        return (0..<kernel).compactMap { m in
            let reach = coordinate + p - m * d
            guard reach >= 0, reach % s == 0, reach / s < size else { return nil }
            return (reach / s, m)
        }
    }

    // MARK: Gathered per output value

    /// The whole output, canonical N×C_out×H'×W', each value summed in the order its explanation lists.
    public func forward() -> Tensor {
        let values = (0..<outputCount).map { value(at: outputPosition($0)) }
        return try! Tensor(shape: outputShape, values: values)
    }

    func value(at position: [Int]) -> Double {
        let (n, co) = (position[0], position[1])
        let rows = sources(of: position[2], axis: .rows), columns = sources(of: position[3], axis: .columns)
        var sum = 0.0
        for ci in 0..<inputChannels {
            for (i, m) in rows {
                for (j, q) in columns { sum += inputValue(n, ci, i, j) * weight(ci, co, m, q) }
            }
        }
        return sum + (bias?[co] ?? 0)
    }

    /// Term by term (channel, kernel row, kernel column), the output element at canonical flat index `flat`:
    /// every input value whose scaled filter copy reaches it, times the weight that lands there.
    public func explainOutput(_ flat: Int) -> Explanation {
        let position = outputPosition(flat)
        let (n, co) = (position[0], position[1])
        let rows = sources(of: position[2], axis: .rows), columns = sources(of: position[3], axis: .columns)
        var terms: [Term] = []
        var partial = 0.0
        for ci in 0..<inputChannels {
            for (i, m) in rows {
                for (j, q) in columns {
                    let x = inputFactor([n, ci, i, j]), w = filterFactor([ci, co, m, q])
                    partial += x.value * w.value
                    terms.append(Term(factors: [x, w], product: x.value * w.value, partial: partial))
                }
            }
        }
        let biasFactor = bias.map {
            Factor(name: names.bias, position: [co], subscripts: filterAxes.visible[0] ? [co] : [], value: $0[co])
        }
        let value = partial + (biasFactor?.value ?? 0)
        let target = Factor(name: names.output, position: position, subscripts: outputAxes.subscripts(position),
            value: value)
        return Explanation(target: target, reduction: .sum, terms: terms, bias: biasFactor, value: value)
    }

    func inputValue(_ n: Int, _ c: Int, _ i: Int, _ j: Int) -> Double {
        input.values[((n * inputChannels + c) * height + i) * width + j]
    }

    func weight(_ ci: Int, _ co: Int, _ m: Int, _ q: Int) -> Double {
        filters.values[((ci * outputChannels + co) * kernelHeight + m) * kernelWidth + q]
    }

    func inputFactor(_ position: [Int]) -> Factor {
        Factor(name: names.input, position: position, subscripts: inputAxes.subscripts(position),
               value: inputValue(position[0], position[1], position[2], position[3]))
    }

    func filterFactor(_ position: [Int]) -> Factor {
        Factor(name: names.filter, position: position, subscripts: filterAxes.subscripts(position),
               value: weight(position[0], position[1], position[2], position[3]))
    }
}
