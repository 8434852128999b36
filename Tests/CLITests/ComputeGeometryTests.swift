import Foundation
import Testing

/// `compute` with dilation, transposed convolution and 1-D signals: values worked out by hand (in the comments),
/// and the one-line refusals of what has no output.
struct ComputeGeometryTests {
    @Test func dilatedConvolutionByHand() throws {
        // Taps 2 apart: O11 = X11·1 + X13·2 + X31·3 + X33·4 = 1 + 6 + 21 + 36 = 64.
        let (_, object) = try CLI.json(["compute", "conv", "--input", "1 2 3 4; 4 5 6 7; 7 8 9 1; 1 1 1 1",
                                        "--filter", "1 2; 3 4", "--dilation", "2"])
        #expect(Nested(json: object["output"]) == [[64, 38], [23, 26]])
        #expect(Nested(json: object["output_shape"]) == [2, 2])
    }

    @Test func dilatedFilterIsShownWithItsHoles() throws {
        let human = try CLI.run(["compute", "conv", "--input", "[1, 2, 3, 4, 5, 6, 7]", "--filter", "[1, 10, 100]",
                                 "--dilation", "2"])
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.contains("Filter F dilated by 2 (the holes are 0) (5)\n  1  0  10  0  100"))
        // By hand: X1·1 + X3·10 + X5·100 = 1 + 30 + 500.
        #expect(human.stdout.contains("O1 = 1·1 + 3·10 + 5·100 = 531"))
    }

    @Test func oneDimensionalSignals() throws {
        // Cross-correlation of 1 2 3 4 with [1, -1]: 1−2, 2−3, 3−4.
        let (_, conv) = try CLI.json(["compute", "conv", "--input", "[1, 2, 3, 4]", "--filter", "[1, -1]"])
        #expect(Nested(json: conv["output"]) == [-1, -1, -1])
        #expect(Nested(json: conv["output_shape"]) == [3])
        // Windows of 2: max(1, 3), max(2, 5).
        let (_, pool) = try CLI.json(["compute", "pool", "--mode", "max", "--input", "[1, 3, 2, 5, 4]", "--size", "2"])
        #expect(Nested(json: pool["output"]) == [3, 5])
        // ∂L/∂X of [1, −1] for ∂L/∂O = 1 2 1: 1, 2 − 1, 1 − 2, −1.
        let (_, backward) = try CLI.json(["compute", "backward", "--input", "[1, 2, 3, 4]", "--filter", "[1, -1]",
                                          "--grad", "[1, 2, 1]"])
        #expect(Nested(json: backward["grad_input"]) == [1, 1, -1, -1])
    }

    @Test func transposedByHand() throws {
        // 1 and 2 scatter [1, 10, 100] two apart: 1 10 (100+2) 20 200; padding 1 cuts one each side, A = 1 adds one.
        let (_, object) = try CLI.json(["compute", "transposed", "--input", "[1, 2]", "--filter", "[1, 10, 100]",
                                        "--stride", "2", "--padding", "1", "--output-padding", "1"])
        #expect(Nested(json: object["output"]) == [10, 102, 20, 200])
        #expect(Nested(json: object["output_shape"]) == [4])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == 4)
        let terms = try #require(steps[1]["terms"] as? [[String: Double]])
        // O2: F1 meets X2, F3 meets X1 (kernel order).
        #expect(terms == [["x": 2, "w": 1, "product": 2, "partial": 2], ["x": 1, "w": 100, "product": 100,
            "partial": 102]])
        let human = try CLI.run(["compute", "transposed", "--input", "[1, 2]", "--filter", "[1, 10, 100]", "--stride",
            "2"])
        #expect(human.stdout.contains("X2 = 2: O3 += 2·1 = 2, O4 += 2·10 = 20, O5 += 2·100 = 200"))
        #expect(human.stdout.contains("Spread input Z (7)\n  0  0  1  0  2  0  0"))
        #expect(human.stdout.contains("Both ways give the same output."))
    }

    @Test(arguments: [
        (["compute", "conv", "--input", "1 2 3; 4 5 6; 7 8 9", "--filter", "1 2; 3 4", "--dilation", "3"],
            "dilation 3"),
        (["compute", "conv", "--input", "1 2; 3 4", "--filter", "1", "--dilation", "0"],
            "the dilation must be at least 1"),
        (["compute", "backward", "--input", "[1,2,3]", "--filter", "[1,1]", "--grad", "[1]", "--dilation", "3"],
            "dilation 3"),
        (["compute", "conv", "--input", "[1,2,3]", "--filter", "1 1"], "expected 1 (K), as the input has rank 1"),
        (["compute", "transposed", "--input", "1 2; 3 4", "--filter", "1 1; 1 1", "--stride", "2", "--output-padding",
            "2"],
         "the output padding 2 must be smaller than the stride 2 or the dilation 1"),
        (["compute", "transposed", "--input", "1 2; 3 4", "--filter", "1 1; 1 1", "--padding", "2"],
            "the output height"),
        (["compute", "transposed", "--input", "1 2; 3 4", "--filter", "[[[1]]]"], "C_in×C_out×Kh×Kw"),
        (["compute", "transposed", "--input", "1 2; 3 4", "--filter", "1", "--output-padding=-1"], "output padding"),
        (["compute", "transposed", "--input", "[[[1]],[[2]]]", "--filter", "1"], "channel"),
    ] as [([String], String)])
    func refusals(arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, mentioning: fragment)
        try CLI.expectRefusal(arguments, json: false, mentioning: fragment)
    }
}
