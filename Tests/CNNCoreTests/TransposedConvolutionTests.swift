import Testing
import PropertyBased
@testable import CNNCore

/// conv_transpose2d straight from its definition: each X[n,ci,i,j] adds X·F[ci,co,m,q] at (i·S − P + m·D,
/// j·S − P + q·D) of a buffer A rows and columns longer, with none of the core's loop bounds.
func referenceTransposed(_ x: Tensor, _ w: Tensor, bias: [Double], stride: Int, padding: Int, outputPadding: Int,
                         dilation: Int) -> [Double] {
    let (n, ci, h, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (co, kh, kw) = (w.shape[1], w.shape[2], w.shape[3])
    let oh = (h - 1) * stride - 2 * padding + dilation * (kh - 1) + outputPadding + 1
    let ow = (width - 1) * stride - 2 * padding + dilation * (kw - 1) + outputPadding + 1
    var out = Array(repeating: 0.0, count: n * co * oh * ow)
    for b in 0..<n { for c in 0..<ci { for i in 0..<h { for j in 0..<width {
        for o in 0..<co { for m in 0..<kh { for q in 0..<kw {
            let row = i * stride - padding + m * dilation, col = j * stride - padding + q * dilation
            if row >= 0 && row < oh && col >= 0 && col < ow {
                out[((b * co + o) * oh + row) * ow + col] += x[[b, c, i, j]] * w[[c, o, m, q]]
            }
        } } }
    } } } }
    for index in out.indices { out[index] += bias[(index / (oh * ow)) % co] }
    return out
}

/// One random transposed-convolution problem whose output exists.
struct TransposedCase: CustomStringConvertible {
    let x, w: Tensor
    let bias: [Double]
    let stride, padding, outputPadding, dilation: Int
    var description: String {
        "x \(x.shape) w \(w.shape) stride \(stride) padding \(padding) output padding \(outputPadding) "
            + "dilation \(dilation)"
    }

    init?(ci: Int, co: Int, h: Int, w width: Int, kh: Int, kw: Int, stride: Int, padding: Int, dilation: Int,
        seed: UInt64) {
        var random = TestRandom(state: seed)
        let outputPadding = Int(random.next() % UInt64(max(stride, dilation)))
        for (size, k) in [(h, kh), (width,
            kw)] where (size - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding < 0 {
            return nil
        }
        x = random.tensor([2, ci, h, width])
        w = random.tensor([ci, co, kh, kw])
        bias = (0..<co).map { _ in random.quarter() }
        (self.stride, self.padding, self.outputPadding, self.dilation) = (stride, padding, outputPadding, dilation)
    }

    var transposed: TransposedConvolution {
        try! TransposedConvolution(input: x, filter: w, bias: bias, stride: stride, padding: padding,
                                   outputPadding: outputPadding, dilation: dilation)
    }
}

struct TransposedConvolutionPropertyTests {
    @Test func everyFormMatchesTheDefinition() async {
        await propertyCheck(count: 150, input: small, small, extent, extent, kernel, kernel, strides, paddings,
            dilations, seeds) {
            ci, co, h, w, kh, kw, s, p, d, seed in
            guard let problem = TransposedCase(ci: ci, co: co, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                                               dilation: d, seed: seed) else { return }
            let transposed = problem.transposed
            let expected = referenceTransposed(problem.x, problem.w, bias: problem.bias, stride: s, padding: p,
                                               outputPadding: problem.outputPadding, dilation: d)
            let gathered = transposed.forward().values
            #expect(gathered.count == expected.count && zip(gathered, expected).allSatisfy { close($0, $1) },
                "\(problem)")
            #expect(zip(transposed.scatterForward().values, expected).allSatisfy { close($0, $1) },
                "scatter \(problem)")
            let zeroInserted = try! transposed.zeroInsertionForm().convolution.forward().values
            #expect(zeroInserted.count == expected.count && zip(zeroInserted, expected).allSatisfy { close($0, $1) },
                    "zero insertion \(problem)")
            for flat in Set([0, expected.count / 2, expected.count - 1]) {
                #expect(close(transposed.explainOutput(flat).value, expected[flat]), "\(problem) at \(flat)")
            }
        }
    }

    /// conv_transpose(G) with the layer's filter, stride, padding and dilation is ∂L/∂X of the strided convolution:
    /// checked against the core's backward pass and against central finite differences of L = Σ G·conv(X).
    @Test func isTheInputGradientOfAStridedConvolution() async {
        await propertyCheck(count: 100, input: small, small, extent, extent, kernel, kernel, strides, paddings,
            dilations, seeds) {
            c, k, h, w, kh, kw, s, p, d, seed in
            guard let problem = ConvCase(n: 2, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                dilation: d,
                                         seed: seed) else { return }
            // The output padding restores the rows and columns the stride's floor dropped.
            let heightLeft = (h + 2 * p - d * (kh - 1) - 1) % s, widthLeft = (w + 2 * p - d * (kw - 1) - 1) % s
            guard heightLeft == widthLeft else { return }
            let transposed = try! TransposedConvolution(input: problem.g, filter: problem.w, stride: s, padding: p,
                                                        outputPadding: heightLeft, dilation: d).forward()
            let gradient = try! problem.convolution().backward(outputGradient: problem.g).inputGradient()
            #expect(transposed.shape == gradient.shape, "\(problem)")
            #expect(zip(transposed.values, gradient.values).allSatisfy { close($0, $1) }, "\(problem)")
            for index in Set([0, problem.x.count / 2, problem.x.count - 1]) {
                let numeric = centralDifference { delta in
                    var x = problem.x
                    x.values[index] += delta
                    return problem.loss(x: x)
                }
                #expect(close(transposed.values[index], numeric), "finite difference at \(index): \(problem)")
            }
        }
    }
}

struct TransposedConvolutionExampleTests {
    /// By hand: 1 and 2 scatter [1, 10, 100] two apart: 1 10 100 / + 2 20 200 → 1 10 102 20 200.
    @Test func oneDimensionalScatterByHand() throws {
        let x = try Tensor(shape: [2], values: [1, 2]), w = try Tensor(shape: [3], values: [1, 10, 100])
        let plain = try TransposedConvolution(input: x, filter: w, stride: 2)
        #expect(plain.forward() == (try Tensor(shape: [1, 1, 1, 5], values: [1, 10, 102, 20, 200])))
        #expect(plain.displayOutputShape == [5])
        // Terms in kernel order: F1 meets X2, F3 meets X1.
        #expect(plain.explainOutput(2).symbolicLine() == "O3 = X2·F1 + X1·F3")
        let cropped = try TransposedConvolution(input: x, filter: w, stride: 2, padding: 1, outputPadding: 1)
        #expect(cropped.forward().values == [10, 102, 20, 200])
        #expect(plain.scatter(1).map(\.product) == [2, 20, 200])
        #expect(plain.scatter(1).map { $0.output[3] } == [2, 3, 4])
        let form = try plain.zeroInsertionForm()
        // 2·(3 − 1) − 0 = 2 zeros each side, one between the inputs.
        #expect(form.spread.values == [0, 0, 1, 0, 2, 0, 0])
        #expect(form.convolution.forward().values == [1, 10, 102, 20, 200])
    }

    /// By hand: stride 1 with a 2×2 filter of ones is the full convolution: every 2×2 neighbourhood summed.
    @Test func twoDimensionalByHand() throws {
        let x = try TensorText.parseMatrix("1 2; 3 4"), w = try TensorText.parseMatrix("1 1; 1 1")
        let transposed = try TransposedConvolution(input: x, filter: w, bias: [1])
        #expect(transposed.forward().values == [2, 4, 3, 5, 11, 7, 4, 8, 5])
        #expect(transposed.explainOutput(4).numericLine() == "O22 = 4·1 + 3·1 + 2·1 + 1·1 + 1 = 11")
    }

    @Test func refusals() throws {
        let x = try TensorText.parseMatrix("1 2; 3 4"), w = try TensorText.parseMatrix("1 1; 1 1")
        let tooMuch = CoreError.outputPaddingTooLarge(outputPadding: 2, stride: 2, dilation: 1)
        #expect(throws: tooMuch) { try TransposedConvolution(input: x, filter: w, stride: 2, outputPadding: 2) }
        #expect(tooMuch.operand == .outputPadding)
        #expect((try? TransposedConvolution(input: x, filter: w, padding: 2)) == nil)
        #expect(throws: CoreError.nonPositive(what: .dilation, value: 0)) { try TransposedConvolution(input: x,
            filter: w, dilation: 0) }
        #expect(throws: CoreError.negative(what: .outputPadding, value: -1)) {
            try TransposedConvolution(input: x, filter: w, outputPadding: -1)
        }
    }
}
