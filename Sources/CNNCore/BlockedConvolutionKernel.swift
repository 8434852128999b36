import CConvolutionKernel

/// How the blocked kernel adds: portable SIMD4 in Swift, or the C kernel's AVX2 (4 doubles a vector) or AVX-512
/// (8 doubles) paths. All give the same bits.
enum VectorPath: Int, CaseIterable, Sendable {
    case portable = 0, avx2 = 4, avx512 = 8

    /// The widest path this CPU and operating system run, asked once.
    static let widest = VectorPath(rawValue: Int(cnn_conv_widest_vector())) ?? .portable

    /// The paths this machine can run.
    static var available: [VectorPath] { allCases.filter { $0.rawValue <= widest.rawValue } }
}

/// The forward pass for stride 1 and no dilation, register-blocked: four filters and four neighbouring outputs at a
/// time, so each input vector loaded serves four filters and the sums stay in registers over every channel and
/// kernel cell. Each output still adds its terms in the explained order (channel, kernel row, kernel column, then
/// the bias), multiplying and adding separately (no fused multiply-add), so the values equal the explanation's.
extension Convolution {
    /// Doubles per vector in the forward kernel this machine runs: 8 (AVX-512), 4 (AVX2 or the portable SIMD4).
    public static var kernelVectorWidth: Int { VectorPath.widest == .avx512 ? 8 : 4 }

    /// Filters per pass and outputs per vector.
    static let filterBlock = 4
    typealias Lanes = SIMD4<Double>

    /// Whether `forward()` takes the blocked kernel: stride 1, no dilation, at least a block of filters (with fewer,
    /// the row-at-a-time path wastes nothing and copies nothing), one group (grouped filters see different channels,
    /// so a block's four filters could not share an input vector), and a zero-bordered copy of the input that stays
    /// lesson-sized.
    var usesBlockedKernel: Bool {
        guard stride == Extent2D(1), dilation == Extent2D(1), groups == 1, filterCount >= Self.filterBlock else {
            return false
        }
        let (area, overflow) = (height + 2 * padding.rows).multipliedReportingOverflow(by: width + 2 * padding.columns)
        let (count, tooMany) = area.multipliedReportingOverflow(by: batchCount * channels)
        return !overflow && !tooMany && count <= Limits.maxElements
    }

    /// The whole output, canonical N×K×H'×W', by the blocked kernel: the widest vectors this CPU has.
    func blockedForward() -> [Double] {
        blockedForward(path: .widest)
    }

    /// The same output by a chosen path (tests compare them bit for bit); a path the CPU lacks is never asked for.
    func blockedForward(path: VectorPath) -> [Double] {
        guard path != .portable else { return portableBlockedForward() }
        let bordered = borderedInput()
        let weights = blockedWeights().map { $0[0] }
        let bias = (0..<filterCount).map { self.bias?[$0] ?? 0 }
        let shape = cnn_conv_shape(
            batch: batchCount, channels: channels, filters: filterCount,
            padded_height: height + 2 * padding.rows, padded_width: width + 2 * padding.columns,
            kernel_height: kernelHeight, kernel_width: kernelWidth,
            output_height: outputHeight, output_width: outputWidth)
        return Array(unsafeUninitializedCapacity: outputCount) { out, initialized in
            cnn_conv_forward(bordered, weights, bias, out.baseAddress!, shape, Int32(path.rawValue))
            initialized = outputCount
        }
    }

    /// The portable kernel: SIMD4<Double>, as the baseline x86-64 (SSE2) builds it.
    func portableBlockedForward() -> [Double] {
        let bordered = borderedInput()
        let weights = blockedWeights()
        // Every element is written by exactly one `store`, so the output needs no zero fill first.
        return Array(unsafeUninitializedCapacity: outputCount) { out, initialized in
            bordered.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in
                    for n in 0..<batchCount {
                        for block in 0..<(filterCount + Self.filterBlock - 1) / Self.filterBlock {
                            for i in 0..<outputHeight {
                                blockedRow(n: n, block: block, i: i, x: x.baseAddress!, w: w.baseAddress!, out: out)
                            }
                        }
                    }
                }
            }
            initialized = outputCount
        }
    }

    /// Output row i of filters 4·block …, for every column, four columns per step.
    @inline(__always)
    func blockedRow(n: Int, block: Int, i: Int, x: UnsafePointer<Double>, w: UnsafePointer<Lanes>,
                    out: UnsafeMutableBufferPointer<Double>) {
        let paddedWidth = width + 2 * padding.columns, paddedHeight = height + 2 * padding.rows
        let taps = channels * kernelHeight * kernelWidth
        let blockWeights = w + block * taps * Self.filterBlock
        let plane = paddedHeight * paddedWidth, corner = x + (n * channels * paddedHeight + i) * paddedWidth
        for j in Swift.stride(from: 0, to: outputWidth, by: Lanes.scalarCount) {
            var sums = (Lanes(), Lanes(), Lanes(), Lanes())
            var tap = blockWeights
            for c in 0..<channels {
                for m in 0..<kernelHeight {
                    // Unchecked: every row and column here lies inside the bordered input.
                    let row = UnsafeRawPointer(corner + (c &* plane &+ m &* paddedWidth &+ j))
                    for q in 0..<kernelWidth {
                        let values = row.loadUnaligned(fromByteOffset: q * MemoryLayout<Double>.stride, as: Lanes.self)
                        sums.0 += values * tap[0]
                        sums.1 += values * tap[1]
                        sums.2 += values * tap[2]
                        sums.3 += values * tap[3]
                        tap += Self.filterBlock
                    }
                }
            }
            let base = ((n * filterCount + block * Self.filterBlock) * outputHeight + i) * outputWidth + j
            let lanes = min(Lanes.scalarCount, outputWidth - j), first = block * Self.filterBlock
            store(sums.0, filter: first, at: base, lanes: lanes, out: out)
            store(sums.1, filter: first + 1, at: base + outputHeight * outputWidth, lanes: lanes, out: out)
            store(sums.2, filter: first + 2, at: base + 2 * outputHeight * outputWidth, lanes: lanes, out: out)
            store(sums.3, filter: first + 3, at: base + 3 * outputHeight * outputWidth, lanes: lanes, out: out)
        }
    }

    /// The lanes that are real outputs of a real filter, each plus the filter's bias.
    @inline(__always)
    func store(_ sum: Lanes, filter k: Int, at base: Int, lanes: Int, out: UnsafeMutableBufferPointer<Double>) {
        guard k < filterCount else { return }
        let add = bias?[k] ?? 0
        guard lanes < Lanes.scalarCount else {
            // One vector store; lane for lane the same sum + bias as below.
            UnsafeMutableRawPointer(out.baseAddress! + base).storeBytes(of: sum + Lanes(repeating: add), as: Lanes.self)
            return
        }
        for lane in 0..<lanes { (out.baseAddress! + base + lane).initialize(to: sum[lane] + add) }
    }

    /// The input inside its zero border, N×C×(H + 2P)×(W + 2P), with 16 zeros after the end: the last vectors
    /// of a row may read past it (the C kernel's contract).
    func borderedInput() -> [Double] {
        let paddedWidth = width + 2 * padding.columns, paddedHeight = height + 2 * padding.rows
        var bordered = Array(repeating: 0.0, count: batchCount * channels * paddedHeight * paddedWidth + 16)
        for plane in 0..<(batchCount * channels) {
            for row in 0..<height {
                let from = (plane * height + row) * width
                let to = (plane * paddedHeight + row + padding.rows) * paddedWidth + padding.columns
                bordered[to..<(to + width)] = input.values[from..<(from + width)]
            }
        }
        return bordered
    }

    /// The sliding filters regrouped so that one tap's four weights (four filters) lie together, each already
    /// repeated across the lanes: [block][channel][kernel row][kernel column][filter in block], zeros for filters
    /// past the last.
    func blockedWeights() -> [Lanes] {
        let taps = channels * kernelHeight * kernelWidth
        let blocks = (filterCount + Self.filterBlock - 1) / Self.filterBlock
        var weights = Array(repeating: Lanes(), count: blocks * taps * Self.filterBlock)
        for k in 0..<filterCount {
            let (block, offset) = k.quotientAndRemainder(dividingBy: Self.filterBlock)
            for tap in 0..<taps {
                let weight = slidingFilters.values[k * taps + tap]
                weights[(block * taps + tap) * Self.filterBlock + offset] = Lanes(repeating: weight)
            }
        }
        return weights
    }
}
