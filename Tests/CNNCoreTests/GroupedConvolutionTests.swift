import Testing
import PropertyBased
@testable import CNNCore

/// The entries of `tensor` (rank 4) whose index along `axis` (0 or 1) lies in `range`, by plain indexing.
func subTensor(_ tensor: Tensor, axis: Int, _ range: Range<Int>) -> Tensor {
    var shape = tensor.shape
    shape[axis] = range.count
    var values: [Double] = []
    for a in 0..<shape[0] { for b in 0..<shape[1] { for row in 0..<shape[2] { for column in 0..<shape[3] {
        let index = axis == 0 ? [range.lowerBound + a, b, row, column] : [a, range.lowerBound + b, row, column]
        values.append(tensor[index])
    } } } }
    return try! Tensor(shape: shape, values: values)
}

/// A grouped layer from its definition: G separate layers, group g's filters by the seed formula over group g's
/// channels only, their outputs stacked by filter. None of the core's group arithmetic is used.
func referenceGroupedConvolution(_ x: Tensor, _ w: Tensor, bias: [Double], stride: Int, padding: Int,
                                 dilation: Int, groups: Int) -> [Double] {
    let (c, k) = (x.shape[1], w.shape[0])
    let (channelsPerGroup, filtersPerGroup) = (c / groups, k / groups)
    let outputs = (0..<groups).map { g in
        let filters = (g * filtersPerGroup)..<((g + 1) * filtersPerGroup)
        return referenceConvolution(subTensor(x, axis: 1, (g * channelsPerGroup)..<((g + 1) * channelsPerGroup)),
                                    subTensor(w, axis: 0, filters), bias: Array(bias[filters]), stride: stride,
                                    padding: padding, dilation: dilation)
    }
    // Each group's output is N×(K/G)×H'×W'; the layer's is N×K×H'×W', group after group within each sample.
    let plane = outputs[0].count / (x.shape[0] * filtersPerGroup)
    var stacked: [Double] = []
    for n in 0..<x.shape[0] {
        for g in 0..<groups {
            let start = n * filtersPerGroup * plane
            stacked += outputs[g][start..<(start + filtersPerGroup * plane)]
        }
    }
    return stacked
}

let groupCounts = Gen.int(in: 1...3)

struct GroupedConvolutionPropertyTests {
    @Test func forwardIsOneLayerPerGroupStacked() async {
        await propertyCheck(count: 120, input: groupCounts, small, small, extent, extent, kernel, kernel, strides,
                            paddings, seeds) { groups, perGroup, filters, h, w, kh, kw, s, p, seed in
            guard let problem = ConvCase(n: 2, c: groups * perGroup, k: groups * filters, h: h, w: w, kh: kh, kw: kw,
                                         stride: s, padding: p, groups: groups, seed: seed) else { return }
            let conv = problem.convolution()
            let expected = referenceGroupedConvolution(problem.x, problem.w, bias: problem.bias, stride: s,
                                                       padding: p, dilation: 1, groups: groups)
            #expect(conv.forward().values == expected, "\(problem)")
        }
    }

    /// Each output adds its group's terms in the explained order, then the bias, without fused multiply-add: with
    /// full-precision values, a different order or a contraction would change last bits.
    @Test func forwardValuesAreTheExplainedValuesBitForBit() async {
        await propertyCheck(count: 120, input: groupCounts, small, small, extent, extent, kernel, kernel, strides,
                            dilations, seeds) { groups, perGroup, filters, h, w, kh, kw, s, d, seed in
            guard let problem = ConvCase(n: 1, c: groups * perGroup, k: groups * filters, h: h, w: w, kh: kh, kw: kw,
                                         stride: s, padding: 1, dilation: d, groups: groups, seed: seed) else {
                return
            }
            var random = TestRandom(state: seed)
            let x = problem.x.mapValues { $0 + Double(random.next() % 1000) / 997 }
            let conv = problem.convolution(x: x, w: problem.w.mapValues { $0 / 3 })
            let forward = conv.forward().values
            #expect((0..<forward.count).allSatisfy { forward[$0] == conv.explainOutput($0).value }, "\(problem)")
        }
    }

    /// The terms of a value list its group's channels only, in order, and say which group.
    @Test func explanationsKeepToTheGroup() async {
        await propertyCheck(count: 80, input: Gen.int(in: 2...3), small, small, extent, extent, kernel, kernel,
                            seeds) { groups, perGroup, filters, h, w, kh, kw, seed in
            guard let problem = ConvCase(n: 1, c: groups * perGroup, k: groups * filters, h: h, w: w, kh: kh, kw: kw,
                                         stride: 1, padding: 0, groups: groups, seed: seed) else { return }
            let conv = problem.convolution()
            let backward = try! conv.backward(outputGradient: problem.g)
            let outputPlane = conv.outputHeight * conv.outputWidth
            for flat in 0..<conv.outputCount {
                let explanation = conv.explainOutput(flat), k = flat / outputPlane % conv.filterCount
                let group = k / filters
                #expect(explanation.group?.index == group && explanation.group?.filters.contains(k) == true)
                let channels = explanation.terms.map { $0.factors[0].position[1] }
                #expect(channels == (0..<explanation.terms.count).map { group * perGroup + $0 / (kh * kw) })
                #expect(explanation.terms.allSatisfy { $0.factors[1].position[1] < perGroup })
            }
            for flat in 0..<conv.input.count {
                let c = flat / (h * w) % conv.channels, explanation = backward.explainInputGradient(flat)
                #expect(explanation.group?.index == c / perGroup)
                #expect(explanation.terms.allSatisfy { $0.factors[0].position[1] / filters == c / perGroup })
            }
            for flat in 0..<conv.filters.count {
                let explanation = backward.explainWeightGradient(flat), k = flat / (perGroup * kh * kw)
                #expect(explanation.terms.allSatisfy { $0.factors[1].position[1] / perGroup == k / filters })
            }
        }
    }

    @Test func gradientsMatchCentralFiniteDifferences() async {
        await propertyCheck(count: 80, input: groupCounts, small, small, extent, extent, kernel, kernel, strides,
                            paddings, seeds) { groups, perGroup, filters, h, w, kh, kw, s, p, seed in
            guard let problem = ConvCase(n: 2, c: groups * perGroup, k: groups * filters, h: h, w: w, kh: kh, kw: kw,
                                         stride: s, padding: p, dilation: 1 + Int(seed % 2), groups: groups,
                                         seed: seed) else { return }
            expectGradientsMatchFiniteDifferences(problem)
        }
    }

    /// A grouped layer is G matrix products, one a group: that group's filter rows times its patches.
    @Test func im2colPerGroupIsTheGroupsOutput() async {
        await propertyCheck(count: 60, input: groupCounts, small, small, extent, extent, kernel, kernel, strides,
                            seeds) { groups, perGroup, filters, h, w, kh, kw, s, seed in
            guard let problem = ConvCase(n: 1, c: groups * perGroup, k: groups * filters, h: h, w: w, kh: kh, kw: kw,
                                         stride: s, padding: 1, groups: groups, seed: seed) else { return }
            let conv = try! Convolution(input: problem.x, filter: problem.w, stride: s, padding: 1, groups: groups)
            let output = conv.forward().values, plane = conv.outputHeight * conv.outputWidth
            for group in 0..<groups {
                let product = try! Tensor.matrixProduct(conv.filterMatrix(group: group), conv.patchMatrix(group: group))
                let rows = (group * filters * plane)..<((group + 1) * filters * plane)
                #expect(product.values == Array(output[rows]), "\(problem) group \(group)")
            }
        }
    }

    /// ∂L/∂X of a stride-1 grouped layer is a grouped full convolution of ∂L/∂O with each group's bank transposed.
    @Test func inputGradientIsAGroupedFullConvolution() async {
        await propertyCheck(count: 60, input: groupCounts, small, small, extent, extent, kernel, kernel, seeds) {
            groups, perGroup, filters, h, w, kh, kw, seed in
            guard let problem = ConvCase(n: 2, c: groups * perGroup, k: groups * filters, h: h, w: w, kh: kh, kw: kw,
                                         stride: 1, padding: 0, groups: groups, seed: seed) else { return }
            let backward = try! problem.convolution().backward(outputGradient: problem.g)
            let full = backward.inputGradientAsConvolution()
            #expect(full?.groups == groups)
            #expect(full?.forward().values == backward.inputGradient().values, "\(problem)")
        }
    }
}

struct GroupedConvolutionExampleTests {
    /// Three channels, three 2×2 filters, G = 3 (depthwise): each filter sees its own channel only.
    let depthwise = try! Convolution(
        input: Tensor(shape: [3, 3, 3], values: [1, 2, 0, 0, 1, 3, 2, 1, 1,
                                                 2, 0, 1, 1, 1, 0, 0, 2, 1,
                                                 1, 1, 1, 0, 0, 0, 1, 0, 1]),
        filter: Tensor(shape: [3, 1, 2, 2], values: [1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1]),
        bias: [1, 0, -1], groups: 3)

    @Test func depthwiseByHand() {
        // Filter 1 (the diagonal) on channel 1: X11 + X22 = 1 + 1, 2 + 3, 0 + 1, 1 + 1, each + 1 → 3 6 2 3.
        // Filter 2 (the anti-diagonal) on channel 2: X12 + X21 = 0 + 1, 1 + 1, 1 + 0, 0 + 2 → 1 2 1 2.
        // Filter 3 (all ones) on channel 3: window sums 2, 2, 1, 1, each − 1 → 1 1 0 0.
        #expect(depthwise.forward().values == [3, 6, 2, 3, 1, 2, 1, 2, 1, 1, 0, 0])
        #expect(depthwise.termsPerOutput == 4)
        let explanation = depthwise.explainOutput(4)
        #expect(explanation.symbolicLine() == "O211 = X211·F2111 + X212·F2112 + X221·F2121 + X222·F2122 + b2")
        #expect(explanation.numericLine() == "O211 = 2·0 + 0·1 + 1·1 + 1·0 + 0 = 1")
        #expect(explanation.group?.description == "group 2 of 3: filter 2 sees input channel 2 only")
        #expect(IndexBase.$current.withValue(.zero) { explanation.group!.sentence }
                == "Group 1 of 3: filter 1 sees input channel 1 only.")
    }

    @Test func depthwiseParameterCount() {
        // K·(C/G)·Kh·Kw + K = 3·1·2·2 + 3 = 15 against K·C·Kh·Kw + K = 3·3·2·2 + 3 = 39.
        #expect(depthwise.weightCount == 12 && depthwise.parameterCount == 15)
        #expect(depthwise.denseWeightCount == 36 && depthwise.denseParameterCount == 39)
        #expect(depthwise.parameterCountLines == [
            "Parameters: K·(C/G)·Kh·Kw + K = 3·(3/3)·2·2 + 3 = 15",
            "With one group: K·C·Kh·Kw + K = 3·3·2·2 + 3 = 39 (G = 3 times the weights)",
        ])
    }

    /// C = 4, G = 2, one 1×1 filter a group: O1 = 1·X1 + 2·X2 and O2 = 3·X3 − X4.
    let pairs = try! Convolution(
        input: Tensor(shape: [4, 2, 2], values: [1, 2, 3, 4, 0, 1, 0, 1, 2, 2, 2, 2, 1, 0, -1, 3]),
        filter: Tensor(shape: [2, 2, 1, 1], values: [1, 2, 3, -1]), groups: 2)

    @Test func twoGroupsForwardAndBackwardByHand() throws {
        // O1 = [1 2; 3 4] + 2·[0 1; 0 1] = [1 4; 3 6];  O2 = 3·[2 2; 2 2] − [1 0; −1 3] = [5 6; 7 3].
        #expect(pairs.forward().values == [1, 4, 3, 6, 5, 6, 7, 3])
        // ∂L/∂O = ones for filter 1, [1 0; 0 2] for filter 2.
        let backward = try pairs.backward(outputGradient: Tensor(shape: [2, 2, 2], values: [1, 1, 1, 1, 1, 0, 0, 2]))
        // ∂L/∂X: channels 1, 2 get G1 times 1 and 2; channels 3, 4 get G2 times 3 and −1: no filter crosses groups.
        #expect(backward.inputGradient().values == [1, 1, 1, 1, 2, 2, 2, 2, 3, 0, 0, 6, -1, 0, 0, -2])
        // ∂L/∂F: Σ G1·X1 = 10, Σ G1·X2 = 2, Σ G2·X3 = 2 + 2·2 = 6, Σ G2·X4 = 1 + 2·3 = 7.
        #expect(backward.weightGradient().values == [10, 2, 6, 7])
        #expect(backward.biasGradient() == [4, 3])
        let channel3 = backward.explainInputGradient(8)
        #expect(channel3.symbolicLine() == "∂L/∂X311 = ∂L/∂O211·F2111")
        #expect(channel3.group?.channels == 2..<4 && channel3.group?.filters == 1..<2)
        let weight = backward.explainWeightGradient(3)
        #expect(weight.symbolicLine() == "∂L/∂F2211 = ∂L/∂O211·X411 + ∂L/∂O212·X412 + ∂L/∂O221·X421 + ∂L/∂O222·X422")
        #expect(weight.value == 7)
    }

    @Test func refusalsNameTheGroups() {
        let volume = try! Tensor(zeros: [3, 2, 2]), four = try! Tensor(zeros: [4, 2, 2])
        let error = { (input: Tensor, shape: [Int], groups: Int) -> CoreError? in
            do {
                _ = try Convolution(input: input, filter: Tensor(zeros: shape), groups: groups)
                return nil
            } catch { return error as? CoreError }
        }
        #expect(error(volume, [3, 1, 1, 1], 0) == .nonPositive(what: .groups, value: 0))
        #expect(error(volume, [3, 1, 1, 1], 0)?.description == "the number of groups must be at least 1, got 0")
        #expect(error(volume, [2, 1, 1, 1], 2)?.description == "the 3 input channels do not split into 2 equal groups")
        #expect(error(four, [3, 2, 1, 1], 2)?.description == "the 3 filters do not split into 2 equal groups")
        #expect(error(four, [1, 2, 1, 1], 2)?.description == "the 1 filter does not split into 2 equal groups")
        #expect(error(four, [2, 4, 1, 1], 2)?.description
                == "the filter has 4 channels but each of the 2 groups sees C/G = 4/2 = 2 input channels")
        #expect(error(four, [2, 4, 1, 1], 2)?.operand == .filter)
        #expect(error(four, [3, 2, 1, 1], 2)?.operand == .groups)
        // One group keeps the dense layer's message.
        #expect(error(four, [2, 3, 1, 1], 1) == .channelMismatch(inputChannels: 4, filterChannels: 3))
    }

    @Test func slicingKeepsTheAxis() {
        let tensor = try! Tensor(shape: [2, 3, 2], values: (0..<12).map(Double.init))
        #expect(tensor.slice(axis: 1, 1..<3) == (try! Tensor(shape: [2, 2, 2], values: [2, 3, 4, 5, 8, 9, 10, 11])))
        #expect(tensor.slice(axis: 0, 1..<2).values == [6, 7, 8, 9, 10, 11])
        #expect(tensor.slice(axis: 2, 0..<1).values == [0, 2, 4, 6, 8, 10])
    }
}
