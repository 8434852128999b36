import Foundation
import Testing

/// `compute conv|backward --groups G`, human and `--json`, against values worked out by hand (in the comments).
struct ComputeGroupsTests {
    /// Three channels and three 2×2 filters, one a channel (G = 3, depthwise).
    let volume = "[[[1,2,0],[0,1,3],[2,1,1]],[[2,0,1],[1,1,0],[0,2,1]],[[1,1,1],[0,0,0],[1,0,1]]]"
    let depthwiseFilters = "[[[[1,0],[0,1]]],[[[0,1],[1,0]]],[[[1,1],[1,1]]]]"
    /// Four channels of 2×2, two groups of a 1×1 filter each: O1 = X1 + 2·X2, O2 = 3·X3 − X4.
    let fourChannels = "[[[1,2],[3,4]],[[0,1],[0,1]],[[2,2],[2,2]],[[1,0],[-1,3]]]"
    let pairFilters = "[[[[1]],[[2]]],[[[3]],[[-1]]]]"

    @Test func depthwiseJSON() throws {
        // Filter 1 (the diagonal) on channel 1: X11 + X22 = 2, 5, 1, 2, each + 1; filter 2 (the anti-diagonal) on
        // channel 2: 1, 2, 1, 2; filter 3 (all ones) on channel 3: 2, 2, 1, 1, each − 1.
        let (text, object) = try CLI.json(["compute", "conv", "--input", volume, "--filter", depthwiseFilters,
                                           "--bias", "1 0 -1", "--groups", "3"])
        let keys = ["output", "output_shape", "steps", "groups", "parameters", "dense_parameters"]
        #expect(Set(object.keys) == Set(keys) && keyOrder(text, keys) == keys)
        #expect(Nested(json: object["output"]) == [[[3, 6], [2, 3]], [[1, 2], [1, 2]], [[1, 1], [0, 0]]])
        #expect(Nested(json: object["output_shape"]) == [3, 2, 2])
        // 3·(3/3)·2·2 + 3 = 15 parameters; one group: 3·3·2·2 + 3 = 39.
        #expect(Nested(json: object["groups"]) == 3)
        #expect(Nested(json: object["parameters"]) == 15 && Nested(json: object["dense_parameters"]) == 39)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == 12)
        // O211 (0-based index [1,0,0], group 1): channel 2's window 2 0; 1 1 against 0 1; 1 0: four terms, not twelve.
        #expect(Set(steps[4].keys) == ["index", "group", "value", "terms"])
        #expect(Nested(json: steps[4]["index"]) == [1, 0, 0] && Nested(json: steps[4]["group"]) == 1)
        let terms = try #require(steps[4]["terms"] as? [[String: Any]])
        #expect(terms.map { Nested(json: [$0["x"], $0["w"], $0["partial"]]) } == [[2, 0, 0], [0, 1, 0], [1, 1, 1],
                                                                                  [1, 0, 1]])
    }

    @Test func twoGroupsBackwardJSON() throws {
        // O1 = [1 4; 3 6], O2 = [5 6; 7 3]. With ∂L/∂O = ones for filter 1 and [1 0; 0 2] for filter 2:
        // ∂L/∂X is 1·G1, 2·G1, 3·G2, −1·G2 by channel (no filter crosses groups); ∂L/∂F = Σ G1·X1 = 10,
        // Σ G1·X2 = 2, Σ G2·X3 = 6, Σ G2·X4 = 7; ∂L/∂b = 4, 3.
        let (_, object) = try CLI.json(["compute", "backward", "--input", fourChannels, "--filter", pairFilters,
                                        "--grad", "[[[1,1],[1,1]],[[1,0],[0,2]]]", "--groups", "2"])
        #expect(Nested(json: object["output"]) == [[[1, 4], [3, 6]], [[5, 6], [7, 3]]])
        #expect(Nested(json: object["grad_input"])
                == [[[1, 1], [1, 1]], [[2, 2], [2, 2]], [[3, 0], [0, 6]], [[-1, 0], [0, -2]]])
        #expect(Nested(json: object["grad_weight"]) == [[[[10]], [[2]]], [[[6]], [[7]]]])
        #expect(Nested(json: object["grad_bias"]) == [4, 3])
        // No bias: 2·(4/2)·1·1 = 4 weights against 2·4·1·1 = 8.
        #expect(Nested(json: object["groups"]) == 2 && Nested(json: object["parameters"]) == 4)
        #expect(Nested(json: object["dense_parameters"]) == 8)
    }

    @Test func humanOutputNamesEachGroupAndCountsTheWeights() throws {
        let result = try CLI.run(["compute", "conv", "--input", volume, "--filter", depthwiseFilters,
                                  "--bias", "1 0 -1", "--groups", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        for line in ["Groups: G = 3, each filter seeing C/G = 3/3 = 1 input channel",
                     "  group 2 of 3: filter 2 sees input channel 2 only",
                     "Parameters: K·(C/G)·Kh·Kw + K = 3·(3/3)·2·2 + 3 = 15",
                     "With one group: K·C·Kh·Kw + K = 3·3·2·2 + 3 = 39 (G = 3 times the weights)",
                     "Group 2 of 3: filter 2 sees input channel 2 only.",
                     "O211 = X211·F2111 + X212·F2112 + X221·F2121 + X222·F2122 + b2",
                     "O211 = 2·0 + 0·1 + 1·1 + 1·0 + 0 = 1"] {
            #expect(result.stdout.split(separator: "\n").contains(Substring(line)), "missing line: \(line)")
        }
        // The group heading comes once, before its first value.
        #expect(result.stdout.components(separatedBy: "Group 2 of 3").count == 2)

        let backward = try CLI.run(["compute", "backward", "--input", fourChannels, "--filter", pairFilters,
                                    "--grad", "[[[1,1],[1,1]],[[1,0],[0,2]]]", "--groups", "2"])
        #expect(backward.stdout.contains("Group 2 of 2: filter 2 sees input channels 3–4 only.\n\n"
                                         + "∂L/∂F2111 = ∂L/∂O211·X311"))
        #expect(backward.stdout.contains("∂L/∂X311 = ∂L/∂O211·F2111\n∂L/∂X311 = 1·3 = 3"))
    }

    @Test func refusals() throws {
        try CLI.expectRefusal(["compute", "conv", "--input", volume, "--filter", depthwiseFilters, "--groups", "0"],
                              mentioning: "the number of groups must be at least 1, got 0")
        try CLI.expectRefusal(["compute", "conv", "--input", volume, "--filter", pairFilters, "--groups", "2"],
                              mentioning: "the 3 input channels do not split into 2 equal groups")
        try CLI.expectRefusal(["compute", "backward", "--input", fourChannels, "--filter", depthwiseFilters,
                               "--grad", "1", "--groups", "2"],
                              mentioning: "the 3 filters do not split into 2 equal groups")
        try CLI.expectRefusal(["compute", "conv", "--input", fourChannels, "--filter", "[[[1]],[[2]]]",
                               "--groups", "2"], json: false,
                              mentioning: "the 1 filter does not split into 2 equal groups")
    }
}
