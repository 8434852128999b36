import Testing
import PropertyBased
@testable import CNNCore

let dilations = Gen.int(in: 1...3)

struct DilationPropertyTests {
    @Test func forwardMatchesTheDilatedDefinition() async {
        await propertyCheck(count: 150, input: small, small, extent, extent, kernel, kernel, strides, paddings,
            dilations, seeds) {
            c, k, h, w, kh, kw, s, p, d, seed in
            guard let problem = ConvCase(n: 1, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                dilation: d,
                                         seed: seed) else { return }
            let conv = problem.convolution()
            let expected = referenceConvolution(problem.x, problem.w, bias: problem.bias, stride: s, padding: p,
                dilation: d)
            #expect(conv.forward().values == expected, "\(problem)")
            for flat in Set([0, expected.count / 2, expected.count - 1]) {
                #expect(close(conv.explainOutput(flat).value, expected[flat]), "\(problem) at \(flat)")
            }
            // The patch matrix gathers the same dilated windows.
            let unbiased = try! Convolution(input: problem.x, filter: problem.w, stride: s, padding: p, dilation: d)
            let product = try! Tensor.matrixProduct(unbiased.filterMatrix(), unbiased.patchMatrix())
            #expect(product.values == unbiased.forward().values, "\(problem)")
        }
    }

    @Test func gradientsMatchCentralFiniteDifferences() async {
        await propertyCheck(count: 100, input: small, small, extent, extent, kernel, kernel, strides, paddings,
            dilations, seeds) {
            c, k, h, w, kh, kw, s, p, d, seed in
            guard let problem = ConvCase(n: 2, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: s, padding: p,
                                         dilation: d, seed: seed) else { return }
            expectGradientsMatchFiniteDifferences(problem)
        }
    }
}

/// (f(h) − f(−h))/2h: exact for the loss Σ G·O, which is linear in every operand.
func centralDifference(_ loss: (Double) -> Double) -> Double {
    let step = 1e-3
    return (loss(step) - loss(-step)) / (2 * step)
}

/// ∂L/∂X, ∂L/∂F and ∂L/∂b of `problem`, computed and explained, against central differences of its loss.
func expectGradientsMatchFiniteDifferences(_ problem: ConvCase) {
    let backward = try! problem.convolution().backward(outputGradient: problem.g)
    let (gradInput, gradWeight) = (backward.inputGradient(), backward.weightGradient())
    let gradBias = backward.biasGradient()
    for index in 0..<problem.x.count {
        let numeric = centralDifference { delta in
            var x = problem.x
            x.values[index] += delta
            return problem.loss(x: x)
        }
        #expect(close(gradInput.values[index], numeric), "∂L/∂X[\(index)] \(problem)")
        #expect(close(backward.explainInputGradient(index).value, numeric), "explained ∂L/∂X[\(index)] \(problem)")
    }
    for index in 0..<problem.w.count {
        let numeric = centralDifference { delta in
            var w = problem.w
            w.values[index] += delta
            return problem.loss(w: w)
        }
        #expect(close(gradWeight.values[index], numeric), "∂L/∂F[\(index)] \(problem)")
        #expect(close(backward.explainWeightGradient(index).value, numeric), "explained ∂L/∂F[\(index)] \(problem)")
    }
    for index in 0..<problem.bias.count {
        let numeric = centralDifference { delta in
            var bias = problem.bias
            bias[index] += delta
            return problem.loss(bias: bias)
        }
        #expect(close(gradBias[index], numeric), "∂L/∂b[\(index)] \(problem)")
        #expect(close(backward.explainBiasGradient(index).value, numeric), "explained ∂L/∂b[\(index)] \(problem)")
    }
}

struct DilationExampleTests {
    /// Worked by hand: taps 2 apart over 1 2 3 4 5 6 7, filter [1, 10, 100] → x[i] + 10·x[i+2] + 100·x[i+4].
    @Test func oneDimensionalDilatedSignal() throws {
        let conv = try Convolution(input: Tensor(shape: [7], values: [1, 2, 3, 4, 5, 6, 7]),
                                   filter: Tensor(shape: [3], values: [1, 10, 100]), dilation: 2)
        #expect(conv.forward().values == [531, 642, 753])
        #expect(conv.displayOutputShape == [3])
        #expect(conv.explainOutput(1).symbolicLine() == "O2 = X2·F1 + X4·F2 + X6·F3")
    }

    @Test func outputSizeFormulaAndRefusal() throws {
        #expect(try OutputSize.compute(inputSize: 7, filterSize: 3, stride: 1, padding: 0, dilation: 2) == 3)
        #expect(try OutputSize.explain(inputSize: 7, filterSize: 3, stride: 2, padding: 1, dilation: 2)
            == "⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 = ⌊(7 + 2·1 − 2·(3 − 1) − 1)/2⌋ + 1 = 2 + 1 = 3")
        #expect(try OutputSize.explain(inputSize: 5, filterSize: 3, stride: 1, padding: 0)
            == "⌊(N + 2P − F)/S⌋ + 1 = ⌊(5 + 2·0 − 3)/1⌋ + 1 = 2 + 1 = 3")
        let error = CoreError.dilatedFilterTooLarge(axis: "size", filter: 3, dilation: 3, span: 7, paddedInput: 6)
        #expect(throws: error) { try OutputSize.compute(inputSize: 4, filterSize: 3, stride: 1, padding: 1,
            dilation: 3) }
        #expect(error.operand == .dilation)
        #expect(throws: CoreError.nonPositive(what: .dilation, value: 0)) {
            try OutputSize.compute(inputSize: 4, filterSize: 3, stride: 1, padding: 1, dilation: 0)
        }
    }
}

struct BlockedKernelTests {
    /// Four or more filters at stride 1 take the register-blocked kernel: its values must be the definition's, and
    /// bit for bit the explained values (same term order, no fused multiply-add), whatever the row tail.
    @Test func blockedKernelMatchesTheDefinitionAndTheExplanation() async {
        await propertyCheck(count: 100, input: small, Gen.int(in: 4...9), extent, Gen.int(in: 1...11), kernel, kernel,
            paddings,
                            seeds) { c, k, h, w, kh, kw, p, seed in
            guard let problem = ConvCase(n: 2, c: c, k: k, h: h, w: w, kh: kh, kw: kw, stride: 1, padding: p,
                seed: seed) else {
                return
            }
            let conv = problem.convolution()
            #expect(conv.usesBlockedKernel)
            let values = conv.forward().values
            #expect(values == referenceConvolution(problem.x, problem.w, bias: problem.bias, stride: 1, padding: p),
                "\(problem)")
            var random = TestRandom(state: seed)
            let decimals = try! Convolution(input: problem.x.mapValues { $0 + Double(random.next() % 1000) / 997 },
                                            filter: problem.w, bias: problem.bias, padding: p)
            let forward = decimals.forward().values
            #expect((0..<forward.count).allSatisfy { forward[$0] == decimals.explainOutput($0).value }, "\(problem)")
        }
    }
}

struct SignalTests {
    /// By hand: true convolution flips [1, 10] to [10, 1]: 1·10 + 2·1 = 12, 2·10 + 3 = 23, 3·10 + 4 = 34.
    @Test func trueConvolutionOfASignalFlipsTheFilter() throws {
        let conv = try Convolution(input: Tensor(shape: [4], values: [1, 2, 3, 4]), filter: Tensor(shape: [2],
            values: [1, 10]),
                                   flipsKernel: true)
        #expect(conv.forward().values == [12, 23, 34])
        #expect(conv.explainOutput(0).symbolicLine() == "O1 = X1·F2 + X2·F1")
    }

    /// By hand: [1, 2, 3] ∗ [1, 1] = 1, 1 + 2, 2 + 3, 3; and x ∗ w = w ∗ x, value for value.
    @Test func fullConvolutionOfSignalsCommutes() throws {
        let x = try Tensor(shape: [3], values: [1, 2, 3]), w = try Tensor(shape: [2], values: [1, 1])
        let xw = try Convolution.full(input: x, filter: w), wx = try Convolution.full(input: w, filter: x)
        #expect(xw.forward().values == [1, 3, 5, 3])
        #expect(wx.forward().values == xw.forward().values)
        #expect(xw.displayOutputShape == [4])
    }

    /// By hand: average windows of 2 over 1 3 2 5 4 at stride 2: (1 + 3)/2, (2 + 5)/2; the last value is left over.
    @Test func poolingASignal() throws {
        let pooling = try Pooling(input: Tensor(shape: [5], values: [1, 3, 2, 5, 4]), mode: .average, size: 2)
        #expect(pooling.forward().values == [2, 3.5])
        #expect(pooling.displayOutputShape == [2])
        #expect(pooling.explainOutput(1).numericLine() == "P2 = (2 + 5)/2 = 7/2 = 3.5")
    }
}
