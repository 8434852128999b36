import Testing
@testable import CNNCore

/// The blocked forward kernel's paths (portable SIMD4, AVX2, AVX-512: those this CPU runs) give the same bits as
/// one another and as a plain loop that adds each output's terms in the explained order, then the bias. Values
/// are full-precision doubles, so a fused multiply-add or a different order would change last bits.
struct VectorKernelTests {
    /// A double in −1…1 with all 52 bits of mantissa in play.
    static func value(_ random: inout TestRandom) -> Double {
        Double(Int64(bitPattern: random.next()) >> 11) / Double(1 << 52)
    }

    static func tensor(_ shape: [Int], _ random: inout TestRandom) -> Tensor {
        try! Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in value(&random) })
    }

    /// The explained order, one output at a time: channel, kernel row, kernel column, then + bias (0 without).
    static func explainedOrder(_ conv: Convolution) -> [Double] {
        let x = conv.input.values, f = conv.slidingFilters.values
        var out: [Double] = []
        for n in 0..<conv.batchCount {
            for k in 0..<conv.filterCount {
                for i in 0..<conv.outputHeight {
                    for j in 0..<conv.outputWidth {
                        var sum = 0.0
                        for c in 0..<conv.channels {
                            for m in 0..<conv.kernelHeight {
                                for q in 0..<conv.kernelWidth {
                                    let row = i + m - conv.padding.rows, column = j + q - conv.padding.columns
                                    let inside = row >= 0 && row < conv.height && column >= 0 && column < conv.width
                                    let xValue = inside
                                        ? x[((n * conv.channels + c) * conv.height + row) * conv.width + column] : 0
                                    let weight = f[((k * conv.channels + c) * conv.kernelHeight + m)
                                                   * conv.kernelWidth + q]
                                    let product = xValue * weight
                                    sum = sum + product
                                }
                            }
                        }
                        out.append(sum + (conv.bias?[k] ?? 0))
                    }
                }
            }
        }
        return out
    }

    @Test func everyPathGivesTheExplainedBits() throws {
        var random = TestRandom(state: 0xC0FFEE)
        print("vector paths on this CPU: \(VectorPath.available)")
        for _ in 0..<60 {
            let batch = 1 + Int(random.next() % 2), channels = 1 + Int(random.next() % 3)
            let filters = 4 + Int(random.next() % 6), kernel = 1 + Int(random.next() % 4)
            let height = kernel + Int(random.next() % 9), width = kernel + Int(random.next() % 40)
            let padding = Int(random.next() % 3)
            let input = Self.tensor([batch, channels, height, width], &random)
            let filter = Self.tensor([filters, channels, kernel, kernel], &random)
            let bias = random.next() % 2 == 0 ? nil : (0..<filters).map { _ in Self.value(&random) }
            let conv = try Convolution(input: input, filter: filter, bias: bias, padding: padding)
            #expect(conv.usesBlockedKernel)
            let expected = Self.explainedOrder(conv).map(\.bitPattern)
            for path in VectorPath.available {
                #expect(conv.blockedForward(path: path).map(\.bitPattern) == expected,
                        "\(path) differs for \(input.shape) * \(filter.shape), padding \(padding)")
            }
            #expect(conv.forward().values.map(\.bitPattern) == expected)
        }
    }

    /// The vector kernel is what this CPU uses when it can (AVX2 on any x86-64 of the last decade).
    @Test func theWidestPathIsChosen() {
        #expect(VectorPath.available.last == VectorPath.widest)
        #expect(VectorPath.available.first == .portable)
    }
}
