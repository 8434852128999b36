import Foundation
import Testing

/// `cnn-tutor compute OP … --json`, checked against values worked out by hand (in the comments).
struct ComputeJSONTests {
    let grid3 = "1 2 3; 4 5 6; 7 8 9"
    let seedGrid = "1 3 2 1; 2 9 1 1; 1 3 2 3; 5 6 1 2"

    func nested(_ object: [String: Any], _ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> Nested? {
        let value = Nested(json: object[key])
        #expect(value != nil, "key \(key) missing or not numeric: \(String(describing: object[key]))",
                sourceLocation: sourceLocation)
        return value
    }

    func steps(_ object: [String: Any]) throws -> [[String: Any]] {
        try #require(object["steps"] as? [[String: Any]], "steps is not a list of objects")
    }

    /// A step's terms as [x, w, product, partial] rows.
    func terms(_ step: [String: Any]) throws -> [[Double]] {
        let terms = try #require(step["terms"] as? [[String: Any]], "terms is not a list of objects")
        return try terms.map { term in
            #expect(Set(term.keys) == ["x", "w", "product", "partial"], "term keys: \(term.keys.sorted())")
            return try ["x", "w", "product", "partial"].map { key in
                try #require((term[key] as? NSNumber)?.doubleValue, "term.\(key)")
            }
        }
    }

    // MARK: conv

    @Test func convOfTheThreeByThreeGridWithADiagonalDifferenceFilter() throws {
        // O_ij = X_ij·1 + X_i,j+1·0 + X_i+1,j·0 + X_i+1,j+1·(−1) = X_ij − X_i+1,j+1 = −4 everywhere.
        let (text, object) = try CLI.json(["compute", "conv", "--input", grid3, "--filter", "1 0; 0 -1"])
        #expect(Set(object.keys) == ["output", "output_shape", "steps"])
        #expect(keyOrder(text, ["output", "output_shape", "steps"]) == ["output", "output_shape", "steps"])
        #expect(nested(object, "output") == [[-4, -4], [-4, -4]])
        #expect(nested(object, "output_shape") == [2, 2])
        #expect(text.contains("\"output\": [[-4,-4],[-4,-4]]"), "integers print as -4: \(text)")

        let steps = try steps(object)
        #expect(steps.count == 4)
        for step in steps {
            #expect(Set(step.keys) == ["index", "value", "terms"], "step keys: \(step.keys.sorted())")
        }
        // O11: 1·1 = 1 → 2·0 = 0 (1) → 4·0 = 0 (1) → 5·(−1) = −5 (−4).
        #expect(Nested(json: steps[0]["index"]) == [0, 0])
        #expect(Nested(json: steps[0]["value"]) == -4)
        #expect(try terms(steps[0]) == [[1, 1, 1, 1], [2, 0, 0, 1], [4, 0, 0, 1], [5, -1, -5, -4]])
        // Row-major order: O12, O21, O22.
        #expect(Nested(json: steps[1]["index"]) == [0, 1])
        #expect(Nested(json: steps[2]["index"]) == [1, 0])
        #expect(Nested(json: steps[3]["index"]) == [1, 1])
        // O22: 5·1 = 5 → 6·0 → 8·0 → 9·(−1) = −9 (−4).
        #expect(try terms(steps[3]) == [[5, 1, 5, 5], [6, 0, 0, 5], [8, 0, 0, 5], [9, -1, -9, -4]])
    }

    @Test func convWithPaddingAndBiasShowsPaddedZerosAsTerms() throws {
        // X = [1 2; 3 4] padded by 1 → 4×4 with a zero border; a 2×2 all-ones filter sums each window:
        // window sums [[1,3,2],[4,10,6],[3,7,4]], plus bias 10.
        let (_, object) = try CLI.json(["compute", "conv", "--input", "1 2; 3 4", "--filter", "1 1; 1 1",
                                        "--padding", "1", "--bias", "10"])
        #expect(nested(object, "output") == [[11, 13, 12], [14, 20, 16], [13, 17, 14]])
        #expect(nested(object, "output_shape") == [3, 3])
        let steps = try steps(object)
        #expect(steps.count == 9)
        // O11's window is rows −1…0, columns −1…0: three padded zeros, then X11 = 1; value 1 + 10.
        #expect(try terms(steps[0]) == [[0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [1, 1, 1, 1]])
        #expect(Nested(json: steps[0]["value"]) == 11)
        // O22 covers the whole input: 1 + 2 + 3 + 4 = 10, + 10.
        #expect(try terms(steps[4]) == [[1, 1, 1, 1], [2, 1, 2, 3], [3, 1, 3, 6], [4, 1, 4, 10]])
        #expect(Nested(json: steps[4]["value"]) == 20)
    }

    @Test func convWithStrideTwo() throws {
        // Same padded input, stride 2: (2 + 2·1 − 2)/2 + 1 = 2 outputs per axis, the windows at
        // (0,0), (0,2), (2,0), (2,2) of the padded grid each hold one input value: 1, 2, 3, 4; + 10.
        let (_, object) = try CLI.json(["compute", "conv", "--input", "1 2; 3 4", "--filter", "1 1; 1 1",
                                        "--padding", "1", "--stride", "2", "--bias", "[10]"])
        #expect(nested(object, "output") == [[11, 12], [13, 14]])
        #expect(nested(object, "output_shape") == [2, 2])
    }

    @Test func convWithDecimalsPrintsThemCleanly() throws {
        // 0.5·2 = 1, 1.5·2 = 3, −2·2 = −4, 2.25·2 = 4.5.
        let (_, object) = try CLI.json(["compute", "conv", "--input", "0.5 1.5; -2 2.25", "--filter", "2"])
        #expect(nested(object, "output") == [[1, 3], [-4, 4.5]])
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; printed as 0.3.
        let (text, sum) = try CLI.json(["compute", "conv", "--input", "0.1 0.2", "--filter", "1 1"])
        #expect(nested(sum, "output") == [[0.3]])
        #expect(!text.contains("0.30000000000000004"))
        // 0.1 + 0.2 − 0.3 is 5.6e-17 of noise: it prints as 0, never as a tiny number or -0.
        let (noiseText, noise) = try CLI.json(["compute", "conv", "--input", "0.1 0.2 -0.3", "--filter", "1 1 1"])
        #expect(nested(noise, "output") == [[0]])
        #expect(!noiseText.contains("e-17") && !noiseText.contains("-0,") && !noiseText.contains("-0]"))
    }

    @Test func convOverChannelsSumsChannelThenKernelRowThenColumn() throws {
        // Channel 1: [1 2; 3 4]·[1 0; 0 1] = 1 + 4 = 5; channel 2: [5 6; 7 8]·[0 1; 1 0] = 6 + 7 = 13; 18.
        let (_, object) = try CLI.json(["compute", "conv",
                                        "--input", "[[[1,2],[3,4]],[[5,6],[7,8]]]",
                                        "--filter", "[[[1,0],[0,1]],[[0,1],[1,0]]]"])
        #expect(nested(object, "output") == [[18]])
        #expect(nested(object, "output_shape") == [1, 1])
        let steps = try steps(object)
        #expect(try terms(steps[0]) == [
            [1, 1, 1, 1], [2, 0, 0, 1], [3, 0, 0, 1], [4, 1, 4, 5],
            [5, 0, 0, 5], [6, 1, 6, 11], [7, 1, 7, 18], [8, 0, 0, 18],
        ])
    }

    @Test func convWithSeveralFiltersKeepsTheFilterAxis() throws {
        // Two 1×1 filters (×1, ×2) on [1 2; 3 4] with biases 1 and −1:
        // [[2,3],[4,5]] and [[1,3],[5,7]]; shape K×H'×W' = 2×2×2.
        let (_, object) = try CLI.json(["compute", "conv", "--input", "1 2; 3 4",
                                        "--filter", "[[[[1]]],[[[2]]]]", "--bias", "1 -1"])
        #expect(nested(object, "output") == [[[2, 3], [4, 5]], [[1, 3], [5, 7]]])
        #expect(nested(object, "output_shape") == [2, 2, 2])
        let steps = try steps(object)
        #expect(steps.count == 8)
        #expect(Nested(json: steps[4]["index"]) == [1, 0, 0])
        #expect(try terms(steps[4]) == [[1, 2, 2, 2]])
        #expect(Nested(json: steps[4]["value"]) == 1)
    }

    @Test func negativeValuesWorkInBothOptionForms() throws {
        let (_, spaced) = try CLI.json(["compute", "conv", "--input", "-1 2; 3 -4", "--filter", "-1"])
        #expect(nested(spaced, "output") == [[1, -2], [-3, 4]])
        let (_, joined) = try CLI.json(["compute", "conv", "--input=-1 2; 3 -4", "--filter=-1"])
        #expect(nested(joined, "output") == [[1, -2], [-3, 4]])
    }

    // MARK: backward

    @Test func backwardOfTheThreeByThreeGrid() throws {
        // G = [1 2; 3 4], F = [1 0; 0 −1].
        // ∂L/∂F_mq = Σ G_ij·X_i+m,j+q:  F11 = 1·1 + 2·2 + 3·4 + 4·5 = 37,  F12 = 1·2 + 2·3 + 3·5 + 4·6 = 47,
        //                               F21 = 1·4 + 2·5 + 3·7 + 4·8 = 67,  F22 = 1·5 + 2·6 + 3·8 + 4·9 = 77.
        // ∂L/∂X: each G_ij adds +G_ij at (i,j) and −G_ij at (i+1,j+1):
        //   [1 2 0; 3 (−1+4) −2; 0 −3 −4].   ∂L/∂b = 1 + 2 + 3 + 4 = 10.
        let (text, object) = try CLI.json(["compute", "backward", "--input", grid3, "--filter", "1 0; 0 -1", "--grad",
                                           "1 2; 3 4"])
        #expect(Set(object.keys) == ["output", "grad_input", "grad_weight", "grad_bias"])
        let keys = ["output", "grad_input", "grad_weight", "grad_bias"]
        #expect(keyOrder(text, keys) == keys)
        #expect(nested(object, "output") == [[-4, -4], [-4, -4]])
        #expect(nested(object, "grad_weight") == [[37, 47], [67, 77]])
        #expect(nested(object, "grad_input") == [[1, 2, 0], [3, 3, -2], [0, -3, -4]])
        #expect(nested(object, "grad_bias") == [10])
    }

    @Test func backwardWithStrideAndPadding() throws {
        // X = [1 2; 3 4] padded by 1, F = ones(2×2), stride 2: each window holds one input value, so
        // O = [1 2; 3 4] and ∂L/∂X = G = [1 2; 3 4].
        // ∂L/∂F_mq = Σ G_ij·Xpad[2i+m][2j+q]:  F11 → Xpad at (0,0),(0,2),(2,0),(2,2) = 0, 0, 0, 4 → G22·4 = 16;
        //   F12 → (0,1),(0,3),(2,1),(2,3) = 0, 0, 3, 0 → G21·3 = 9;
        //   F21 → (1,0),(1,2),(3,0),(3,2) = 0, 2, 0, 0 → G12·2 = 4;
        //   F22 → (1,1),(1,3),(3,1),(3,3) = 1, 0, 0, 0 → G11·1 = 1.
        let (_, object) = try CLI.json(["compute", "backward", "--input", "1 2; 3 4", "--filter", "1 1; 1 1",
                                        "--grad", "1 2; 3 4", "--stride", "2", "--padding", "1"])
        #expect(nested(object, "output") == [[1, 2], [3, 4]])
        #expect(nested(object, "grad_input") == [[1, 2], [3, 4]])
        #expect(nested(object, "grad_weight") == [[16, 9], [4, 1]])
        #expect(nested(object, "grad_bias") == [10])
    }

    @Test func backwardWithTwoFiltersGivesOneBiasGradientEach() throws {
        // Filters ×1 and ×2 (1×1) on [1 2; 3 4]; G has the output's shape 2×2×2: ones, then twos.
        // ∂L/∂X = 1·1 + 2·2 = 5 everywhere; ∂L/∂F = [Σ X·1, Σ X·2] = [10, 20]; ∂L/∂b = [4, 8].
        let (_, object) = try CLI.json(["compute", "backward", "--input", "1 2; 3 4", "--filter", "[[[[1]]],[[[2]]]]",
                                        "--grad", "[[[1,1],[1,1]],[[2,2],[2,2]]]"])
        #expect(nested(object, "grad_input") == [[5, 5], [5, 5]])
        #expect(nested(object, "grad_weight") == [[[[10]]], [[[20]]]])
        #expect(nested(object, "grad_bias") == [4, 8])
    }

    // MARK: full-conv

    @Test func fullConvolutionOfAGradient() throws {
        // rot180([1 0; 0 −1]) = [−1 0; 0 1]. Full convolution of G = [1 2; 3 4] with F: every G_ij adds
        // +G_ij at (i,j) and −G_ij at (i+1,j+1): [1 2 0; 3 3 −2; 0 −3 −4].
        let (text, object) = try CLI.json(["compute", "full-conv", "--input", "1 2; 3 4", "--filter", "1 0; 0 -1"])
        #expect(Set(object.keys) == ["rotated_filter", "output", "steps"])
        #expect(keyOrder(text, ["rotated_filter", "output", "steps"]) == ["rotated_filter", "output", "steps"])
        #expect(nested(object, "rotated_filter") == [[-1, 0], [0, 1]])
        #expect(nested(object, "output") == [[1, 2, 0], [3, 3, -2], [0, -3, -4]])
        let steps = try steps(object)
        #expect(steps.count == 9)
        // The first window of G padded by 1: 0, 0, 0, G11 = 1 against the rotated filter −1, 0, 0, 1.
        #expect(Nested(json: steps[0]["index"]) == [0, 0])
        #expect(try terms(steps[0]) == [[0, -1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]])
        #expect(Nested(json: steps[0]["value"]) == 1)
        // The middle one: 1·(−1) + 2·0 + 3·0 + 4·1 = 3.
        #expect(try terms(steps[4]) == [[1, -1, -1, -1], [2, 0, 0, -1], [3, 0, 0, -1], [4, 1, 4, 3]])
    }

    // MARK: pool

    @Test func maxPoolOfTheSeedGrid() throws {
        // Windows: {1,3,2,9} → 9, {2,1,1,1} → 2, {1,3,5,6} → 6, {2,3,1,2} → 3.
        let (text, object) = try CLI.json(["compute", "pool", "--mode", "max", "--input", seedGrid, "--size", "2",
                                           "--stride", "2"])
        #expect(Set(object.keys) == ["output"])
        #expect(nested(object, "output") == [[9, 2], [6, 3]])
        #expect(text.contains("[[9,2],[6,3]]"))
    }

    @Test func averagePoolOfTheSeedGrid() throws {
        // (1+3+2+9)/4 = 3.75, (2+1+1+1)/4 = 1.25, (1+3+5+6)/4 = 3.75, (2+3+1+2)/4 = 2.
        let (text, object) = try CLI.json(["compute", "pool", "--mode", "avg", "--input", seedGrid, "--size", "2",
                                           "--stride", "2"])
        #expect(nested(object, "output") == [[3.75, 1.25], [3.75, 2]])
        #expect(text.contains("[[3.75,1.25],[3.75,2]]"))
    }

    @Test func poolStrideDefaultsToTheWindowSizeAndRoutesGradients() throws {
        // Max: G = [1 2; 3 4] goes to each window's maximum: 9 at (2,2), 2 at (1,3), 6 at (4,2), 3 at (3,4).
        let (_, object) = try CLI.json(["compute", "pool", "--mode", "max", "--input", seedGrid, "--size", "2",
                                        "--grad", "1 2; 3 4"])
        #expect(Set(object.keys) == ["output", "grad_input"])
        #expect(nested(object, "output") == [[9, 2], [6, 3]])
        #expect(nested(object, "grad_input") == [[0, 0, 2, 0], [0, 1, 0, 0], [0, 0, 0, 4], [0, 3, 0, 0]])
        // Average: each G_ij is shared, a quarter to each cell of its window.
        let (_, average) = try CLI.json(["compute", "pool", "--mode", "avg", "--input", seedGrid, "--size", "2",
                                         "--grad", "1 2; 3 4"])
        #expect(nested(average, "grad_input") == [
            [0.25, 0.25, 0.5, 0.5], [0.25, 0.25, 0.5, 0.5], [0.75, 0.75, 1, 1], [0.75, 0.75, 1, 1],
        ])
    }

    @Test func maxPoolWithOverlappingWindows() throws {
        // 5×5 grid, 3×3 windows, stride 1 (worked window by window).
        let (_, object) = try CLI.json(["compute", "pool", "--mode", "max", "--size", "3", "--stride", "1",
                                        "--input", "1 3 2 1 3; 2 9 1 1 5; 1 3 2 3 2; 8 3 5 1 0; 5 6 1 2 9"])
        #expect(nested(object, "output") == [[9, 9, 5], [9, 9, 5], [8, 6, 9]])
    }

    // MARK: size

    @Test(arguments: [
        // (N, F, S, P) → ⌊(N + 2P − F)/S⌋ + 1
        ([5, 3, 1, 0], 3),      // (5 − 3)/1 + 1
        ([7, 3, 2, 0], 3),      // 4/2 + 1
        ([6, 3, 2, 0], 2),      // ⌊3/2⌋ + 1: the floor
        ([224, 3, 1, 1], 224),  // "same" padding
        ([224, 7, 2, 3], 112),  // ⌊223/2⌋ + 1
    ])
    func outputSize(parameters: [Int], expected: Int) throws {
        let (text, object) = try CLI.json(["compute", "size", "--input-size", "\(parameters[0])",
                                           "--filter-size", "\(parameters[1])",
                                           "--stride", "\(parameters[2])", "--padding", "\(parameters[3])"])
        #expect(Set(object.keys) == ["output"])
        #expect((object["output"] as? NSNumber)?.intValue == expected)
        #expect(text.contains("\"output\": \(expected)\n"), "an integer: \(text)")
    }

    @Test(arguments: [
        // (N, F, S, P, D) → ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1
        ([7, 3, 1, 0, 2], 3),   // (7 − 4 − 1)/1 + 1: the taps span 5
        ([7, 3, 2, 1, 2], 3),   // (7 + 2 − 4 − 1)/2 + 1
        ([10, 3, 3, 0, 3], 2),  // ⌊(10 − 6 − 1)/3⌋ + 1 = ⌊3/3⌋ + 1
    ])
    func dilatedOutputSize(parameters: [Int], expected: Int) throws {
        let (_, object) = try CLI.json(["compute", "size", "--input-size", "\(parameters[0])",
                                        "--filter-size", "\(parameters[1])", "--stride", "\(parameters[2])",
                                        "--padding", "\(parameters[3])", "--dilation", "\(parameters[4])"])
        #expect((object["output"] as? NSNumber)?.intValue == expected)
    }

    @Test func outputSizeDefaultsToStrideOneAndNoPadding() throws {
        let (_, object) = try CLI.json(["compute", "size", "--input-size", "5", "--filter-size", "3"])
        #expect((object["output"] as? NSNumber)?.intValue == 3)
    }

    // MARK: relu

    @Test func reluAndItsGradient() throws {
        // max(0, ·): [1 0; 0 3.5]; the gradient passes only where the input is positive: [5 0; 0 8].
        let (_, object) = try CLI.json(["compute", "relu", "--input", "1 -2; 0 3.5", "--grad", "5 6; 7 8"])
        #expect(nested(object, "output") == [[1, 0], [0, 3.5]])
        #expect(nested(object, "grad_input") == [[5, 0], [0, 8]])
    }

    // MARK: files

    @Test func tensorsCanBeReadFromAFileOrStandardInput() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tensor-\(UUID().uuidString).txt")
        try Data("1 2 3\n4 5 6\n7 8 9\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let (_, object) = try CLI.json(["compute", "conv", "--input", "@" + url.path, "--filter", "1 0; 0 -1"])
        #expect(nested(object, "output") == [[-4, -4], [-4, -4]])

        let result = try CLI.run(["compute", "conv", "--input", "@-", "--filter", "1 0; 0 -1", "--json"],
                                 stdin: "[[1,2,3],[4,5,6],[7,8,9]]")
        #expect(result.status == 0)
        #expect(result.stdout.contains("[[-4,-4],[-4,-4]]"))
    }
}
