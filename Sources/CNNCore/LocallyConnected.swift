/// A layer with a convolution's small windows but weights shared less or not at all (seed 001): a locally
/// connected layer has its own filter at every output position; a tiled convolution has t filters along each
/// axis used in turn, output (i, j) taking filter (i mod t)·t + (j mod t) (t filters, j mod t, for a 1-D signal).
///
/// Tensors are canonical: input N×C×H×W, filters P×C×Kh×Kw, output N×1×H'×W'. No padding; `stride` as in a
/// convolution.
public struct LocallyConnected: Sendable {
    public enum Sharing: Equatable, Sendable {
        /// One filter per output position, in row-major order.
        case none
        /// t filters per axis, cycling.
        case tiled(Int)
    }

    public let input: Tensor
    public let filters: Tensor
    public let sharing: Sharing
    public let stride: Extent2D
    public let names: TensorNames
    public let inputAxes, filterAxes, outputAxes: AxisMask
    public let batchCount, channels, height, width: Int
    public let kernelHeight, kernelWidth, outputHeight, outputWidth: Int

    /// X is W (1-D), H×W, C×H×W or N×C×H×W; the filters are P×K (1-D), P×Kh×Kw or P×C×Kh×Kw, one per output
    /// position (`.none`) or t·t of them (t for 1-D) for `.tiled(t)`.
    public init(input: Tensor, filters: Tensor, sharing: Sharing, stride: Int = 1,
        names: TensorNames = TensorNames()) throws {
        let (x, inputAxes) = try AxisMask.canonicalize(input, what: .input)
        let isSignal = input.rank == 1
        let allowed = isSignal ? 2...2 : 3...4
        guard allowed.contains(filters.rank) else {
            throw CoreError.badRank(what: .filter, rank: filters.rank,
                                    allowed: isSignal ? "2 (one row of K weights per filter)"
                                        : "3 (P×Kh×Kw) or 4 (P×C×Kh×Kw)")
        }
        // Filters are P×C×Kh×Kw; the channel axis shows in names only when there is more than one channel.
        let p = filters.shape[0], kw = filters.shape[filters.rank - 1]
        let kh = isSignal ? 1 : filters.shape[filters.rank - 2]
        let f = filters.reshaped([p, filters.count / (p * kh * kw), kh, kw])
        let filterAxes = AxisMask(visible: [true, f.shape[1] > 1, !isSignal, true])
        guard f.shape[1] == x.shape[1] else { throw CoreError.channelMismatch(inputChannels: x.shape[1],
            filterChannels: f.shape[1]) }
        let rowStride = isSignal ? 1 : stride
        outputHeight = try OutputSize.compute(inputSize: x.shape[2], filterSize: f.shape[2], stride: rowStride,
            padding: 0,
                                              axis: "height")
        outputWidth = try OutputSize.compute(inputSize: x.shape[3], filterSize: f.shape[3], stride: stride, padding: 0,
                                             axis: isSignal ? "length" : "width")
        let work = (x.shape[0] * outputHeight * outputWidth).multipliedReportingOverflow(by: f.shape[1] * kh * kw)
        guard !work.overflow, work.partialValue <= Limits.maxWork else {
            throw CoreError.tooLarge(what: "the number of multiply-adds",
                count: work.overflow ? Int.max : work.partialValue,
                                     limit: Limits.maxWork)
        }
        let expected = try Self.filterCount(sharing, positions: outputHeight * outputWidth, isSignal: isSignal)
        guard f.shape[0] == expected else {
            throw CoreError.shapeMismatch(what: .filter, expected: [expected] + Array(filters.shape.dropFirst()),
                found: filters.shape)
        }
        (self.input, self.filters, self.sharing, self.names) = (x, f, sharing, names)
        self.stride = Extent2D(rows: rowStride, columns: stride)
        (self.inputAxes, self.filterAxes) = (inputAxes, filterAxes)
        outputAxes = AxisMask(visible: [inputAxes.visible[0], false, inputAxes.visible[2], true])
        (batchCount, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        (kernelHeight, kernelWidth) = (f.shape[2], f.shape[3])
    }

    /// How many filters the sharing needs for `positions` output positions.
    static func filterCount(_ sharing: Sharing, positions: Int, isSignal: Bool) throws -> Int {
        switch sharing {
        case .none: return positions
        case .tiled(let t):
            guard t >= 1 else { throw CoreError.nonPositive(what: "the number of tiles", value: t) }
            guard t <= 64 else { throw CoreError.tooLarge(what: "the number of tiles", count: t, limit: 64) }
            return isSignal ? t : t * t
        }
    }

    public var outputShape: [Int] { [batchCount, 1, outputHeight, outputWidth] }
    public var displayOutputShape: [Int] { outputAxes.displayShape(outputShape) }
    public var outputCount: Int { batchCount * outputHeight * outputWidth }
    public var termsPerOutput: Int { channels * kernelHeight * kernelWidth }

    /// The filter output (i, j) uses.
    public func filterIndex(i: Int, j: Int) -> Int {
        switch sharing {
        case .none: return i * outputWidth + j
        case .tiled(let t): return inputAxes.visible[2] ? (i % t) * t + j % t : j % t
        }
    }

    /// Weights stored: every filter's C·Kh·Kw.
    public var parameterCount: Int { filters.count }
    /// What one shared convolution filter over the same windows stores.
    public var convolutionParameterCount: Int { termsPerOutput }
    /// What a dense layer from every input value to every output value stores.
    public var denseParameterCount: Int { outputHeight * outputWidth * channels * height * width }

    public func forward() -> Tensor {
        try! Tensor(shape: outputShape, values: (0..<outputCount).map { explainOutput($0).value })
    }

    /// Term by term (channel, kernel row, kernel column), the output at canonical flat index `flat`.
    public func explainOutput(_ flat: Int) -> Explanation {
        let j = flat % outputWidth, i = (flat / outputWidth) % outputHeight, n = flat / (outputWidth * outputHeight)
        let p = filterIndex(i: i, j: j)
        var terms: [Term] = []
        var partial = 0.0
        for c in 0..<channels {
            for m in 0..<kernelHeight {
                for q in 0..<kernelWidth {
                    let xPosition = [n, c, i * stride.rows + m, j * stride.columns + q]
                    let x = Factor(name: names.input, position: xPosition, subscripts: inputAxes.subscripts(xPosition),
                                   value: input[xPosition])
                    let wPosition = [p, c, m, q]
                    let w = Factor(name: names.filter, position: wPosition,
                        subscripts: filterAxes.subscripts(wPosition),
                                   value: filters[wPosition])
                    partial += x.value * w.value
                    terms.append(Term(factors: [x, w], product: x.value * w.value, partial: partial))
                }
            }
        }
        let position = [n, 0, i, j]
        let target = Factor(name: names.output, position: position, subscripts: outputAxes.subscripts(position),
            value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial)
    }
}
