import Testing
import PropertyBased
@testable import CNNCore

/// A small reproducible generator for test data (SplitMix64).
struct TestRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in −2…2 in steps of 0.25: exact in binary, so sums have no rounding to hide behind.
    mutating func quarter() -> Double { Double(Int(next() % 17) - 8) / 4 }

    mutating func tensor(_ shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        return try! Tensor(shape: shape, values: (0..<count).map { _ in quarter() })
    }
}

/// Convolution straight from the seed's formula, Y[b,k,i,j] = Σ W[k,c,m,n]·X[b,c,s·i+d·m−p, s·j+d·n−p] + b[k],
/// with none of the core's loop bounds: the independent reference for the forward pass.
func referenceConvolution(_ x: Tensor, _ w: Tensor, bias: [Double]?, stride: Int, padding: Int,
    dilation: Int = 1) -> [Double] {
    let (n, c, h, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (k, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let oh = (h + 2 * padding - dilation * (kh - 1) - 1) / stride + 1
    let ow = (width + 2 * padding - dilation * (kw - 1) - 1) / stride + 1
    var out: [Double] = []
    for b in 0..<n { for f in 0..<k { for i in 0..<oh { for j in 0..<ow {
        var sum = bias?[f] ?? 0
        for ch in 0..<c { for m in 0..<kh { for q in 0..<kw {
            let row = stride * i + dilation * m - padding, col = stride * j + dilation * q - padding
            if row >= 0 && row < h && col >= 0 && col < width { sum += w[[f, ch, m, q]] * x[[b, ch, row, col]] }
        } } }
        out.append(sum)
    } } } }
    return out
}

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

func close(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// One random convolution problem; with `groups`, c and k are multiples of it and each filter has c/groups channels.
struct ConvCase: CustomStringConvertible {
    let x, w, g: Tensor
    let bias: [Double]
    let stride, padding, dilation, groups: Int
    var description: String {
        "x \(x.shape) w \(w.shape) stride \(stride) padding \(padding) dilation \(dilation) groups \(groups)"
    }

    init?(n: Int, c: Int, k: Int, h: Int, w width: Int, kh: Int, kw: Int, stride: Int, padding: Int, dilation: Int = 1,
          groups: Int = 1, seed: UInt64) {
        guard dilation * (kh - 1) < h + 2 * padding, dilation * (kw - 1) < width + 2 * padding else { return nil }
        var random = TestRandom(state: seed)
        x = random.tensor([n, c, h, width])
        w = random.tensor([k, c / groups, kh, kw])
        bias = (0..<k).map { _ in random.quarter() }
        let oh = (h + 2 * padding - dilation * (kh - 1) - 1) / stride + 1
        let ow = (width + 2 * padding - dilation * (kw - 1) - 1) / stride + 1
        g = random.tensor([n, k, oh, ow])
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
    }

    func convolution(x: Tensor? = nil, w: Tensor? = nil, bias: [Double]? = nil) -> Convolution {
        try! Convolution(input: x ?? self.x, filter: w ?? self.w, bias: bias ?? self.bias, stride: stride,
                         padding: padding, dilation: dilation, groups: groups)
    }

    /// L = Σ G·O, whose gradient with respect to O is G.
    func loss(x: Tensor? = nil, w: Tensor? = nil, bias: [Double]? = nil) -> Double {
        dot(convolution(x: x, w: w, bias: bias).forward().values, g.values)
    }
}

let small = Gen.int(in: 1...3)
let extent = Gen.int(in: 1...7)
let kernel = Gen.int(in: 1...4)
let strides = Gen.int(in: 1...3)
let paddings = Gen.int(in: 0...2)
let seeds = Gen.uint64(in: 0...UInt64.max)

struct ConvolutionPropertyTests {
    @Test func forwardMatchesTheSeedFormula() async {
        await propertyCheck(count: 150, input: small, small, small, extent, extent, kernel, kernel, strides, paddings,
            seeds) {
            n, c, k, h, w, kh, kw, s, p, seed in
            guard let problem = ConvCase(n: n, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                seed: seed) else { return }
            let conv = problem.convolution()
            let expected = referenceConvolution(problem.x, problem.w, bias: problem.bias, stride: s, padding: p)
            #expect(conv.forward().values == expected, "\(problem)")
            // Each explained value, taken on its own, is the computed one.
            for flat in Set([0, expected.count / 2, expected.count - 1]) {
                let explanation = conv.explainOutput(flat)
                #expect(close(explanation.value, expected[flat]), "\(problem) at \(flat)")
                #expect(explanation.terms.count == c * kh * kw)
            }
        }
    }

    @Test func gradientsMatchCentralFiniteDifferences() async {
        await propertyCheck(count: 100, input: small, small, small, extent, extent, kernel, kernel, strides, paddings,
            seeds) {
            n, c, k, h, w, kh, kw, s, p, seed in
            guard let problem = ConvCase(n: n, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                seed: seed) else { return }
            expectGradientsMatchFiniteDifferences(problem)
        }
    }

    @Test func inputGradientEqualsFullConvolutionOfTheRotatedFilter() async {
        await propertyCheck(count: 150, input: small, small, small, extent, extent, kernel, kernel, paddings, seeds) {
            n, c, k, h, w, kh, kw, p, seed in
            guard p <= kh - 1, p <= kw - 1,
                  let problem = ConvCase(n: n, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: 1, padding: p,
                      seed: seed) else { return }
            let backward = try! problem.convolution().backward(outputGradient: problem.g)
            let full = backward.inputGradientAsConvolution()
            #expect(full != nil)
            #expect(full?.forward().values == backward.inputGradient().values, "\(problem)")
        }
    }

    @Test func crossCorrelationWithFEqualsTrueConvolutionWithRotatedF() async {
        await propertyCheck(count: 150, input: small, small, extent, extent, kernel, kernel, strides, paddings, seeds) {
            c, k, h, w, kh, kw, s, p, seed in
            guard let problem = ConvCase(n: 1, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                seed: seed) else { return }
            let correlation = problem.convolution().forward()
            let convolution = try! Convolution(input: problem.x, filter: problem.w.rotated180(), bias: problem.bias,
                                               stride: s, padding: p, flipsKernel: true)
            #expect(convolution.forward() == correlation, "\(problem)")
            // Flipping shows in the terms: the first term pairs the window's first cell with the last filter cell.
            let first = convolution.explainOutput(0).terms[0].factors[1]
            #expect(first.position == [0, 0, kh - 1, kw - 1])
        }
    }

    @Test func stridedConvolutionIsUnitStrideDownsampled() async {
        await propertyCheck(count: 100, input: extent, extent, kernel, kernel, strides, paddings,
            seeds) { h, w, kh, kw, s, p, seed in
            guard let problem = ConvCase(n: 1, c: 1, k: 1, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                seed: seed) else { return }
            let strided = problem.convolution().forward()
            let dense = try! Convolution(input: problem.x, filter: problem.w, bias: problem.bias, stride: 1,
                padding: p).forward()
            let denseWidth = dense.shape[3]
            let picked = (0..<strided.shape[2]).flatMap { i in
                (0..<strided.shape[3]).map { j in dense.values[i * s * denseWidth + j * s] }
            }
            #expect(strided.values == picked, "\(problem)")
        }
    }

    @Test func im2colProductIsTheConvolution() async {
        await propertyCheck(count: 100, input: small, small, extent, extent, kernel, kernel, strides, paddings, seeds) {
            c, k, h, w, kh, kw, s, p, seed in
            guard let problem = ConvCase(n: 1, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                seed: seed) else { return }
            let conv = try! Convolution(input: problem.x, filter: problem.w, stride: s, padding: p)
            let product = try! Tensor.matrixProduct(conv.filterMatrix(), conv.patchMatrix())
            #expect(product.values == conv.forward().values, "\(problem)")
        }
    }
}

struct PoolingPropertyTests {
    @Test func gradientsMatchFiniteDifferences() async {
        await propertyCheck(count: 150, input: small, extent, extent, Gen.int(in: 1...3), strides, Gen.int(in: 0...1),
            seeds) {
            c, h, w, size, s, p, seed in
            guard p <= size / 2, size <= h + 2 * p, size <= w + 2 * p else { return }
            var random = TestRandom(state: seed)
            // Distinct values: a tie makes the maximum non-differentiable.
            var values = (0..<(c * h * w)).map { Double($0) }
            for index in values.indices.reversed() { values.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            let x = try! Tensor(shape: [c, h, w], values: values)
            for mode in Pooling.Mode.allCases {
                let pooling = try! Pooling(input: x, mode: mode, size: size, stride: s, padding: p)
                let g = random.tensor(pooling.displayOutputShape)
                let analytic = try! pooling.backward(outputGradient: g)
                for index in 0..<x.count {
                    func loss(_ delta: Double) -> Double {
                        var shifted = x
                        shifted.values[index] += delta
                        return dot(try! Pooling(input: shifted, mode: mode, size: size, stride: s,
                            padding: p).forward().values, g.values)
                    }
                    let numeric = (loss(1e-3) - loss(-1e-3)) / 2e-3
                    #expect(close(analytic.values[index], numeric),
                        "\(mode) \(x.shape) size \(size) stride \(s) padding \(p) at \(index)")
                    #expect(close(try! pooling.explainInputGradient(index, outputGradient: g).value, numeric))
                }
            }
        }
    }

    @Test func maxGoesToTheFirstMaximumAndAverageCountsPaddedZeros() throws {
        let ties = try TensorText.parseMatrix("5 5; 5 5")
        let pooling = try Pooling(input: ties, mode: .max, size: 2)
        #expect(try pooling.backward(outputGradient: TensorText.parseMatrix("1")).values == [1, 0, 0, 0])
        let padded = try Pooling(input: TensorText.parseMatrix("4 8; 12 16"), mode: .average, size: 2, stride: 2,
            padding: 1)
        // Each 2×2 window holds one real cell and three padded zeros.
        #expect(padded.forward().values == [1, 2, 3, 4])
        let negatives = try Pooling(input: TensorText.parseMatrix("-4 -8; -12 -16"), mode: .max, size: 2, stride: 2,
            padding: 1)
        // Padding never wins a max, even against negative numbers.
        #expect(negatives.forward().values == [-4, -8, -12, -16])
    }
}

struct ReLUTests {
    @Test func forwardAndBackward() throws {
        let relu = ReLU(input: try TensorText.parseMatrix("-1 0; 2 -3.5"))
        #expect(relu.forward().values == [0, 0, 2, 0])
        #expect(try relu.backward(outputGradient: TensorText.parseMatrix("1 2; 3 4")).values == [0, 0, 3, 0])
        #expect(relu.explainOutput(2).numericLine() == "A21 = max(0, 2) = 2")
    }
}
