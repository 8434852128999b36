import Foundation
import Testing

/// `cnn-tutor compute dense|softmax|cross-entropy`, checked against values worked out by hand (in the comments).
struct ComputeVectorTests {
    func nested(_ object: [String: Any], _ key: String) -> Nested? { Nested(json: object[key]) }

    @Test func denseOutputStepsAndGradients() throws {
        // z1 = 1·1 + (−1)·2 + 0.5 = −0.5, z2 = 0.5·1 + 2·2 − 1 = 3.5. With g = (1, −2): ∂L/∂a = gᵀW = (0, −5),
        // ∂L/∂W = g aᵀ = [1 2; −2 −4], ∂L/∂b = g.
        let (text, object) = try CLI.json(["compute", "dense", "--input", "1 2", "--weights", "1 -1; 0.5 2",
                                           "--bias", "0.5 -1", "--grad", "1 -2"])
        #expect(keyOrder(text, ["output", "output_shape", "steps", "grad_input", "grad_weight", "grad_bias"])
            == ["output", "output_shape", "steps", "grad_input", "grad_weight", "grad_bias"])
        #expect(nested(object, "output") == [-0.5, 3.5])
        #expect(nested(object, "output_shape") == [2])
        let steps = try #require(object["steps"] as? [[String: Any]])
        let terms = try #require(steps[0]["terms"] as? [[String: Double]])
        // x is the input a_j, w the weight W_1j: 1·1 → 1, then 2·(−1) → −1; the bias makes −0.5.
        #expect(terms == [["x": 1, "w": 1, "product": 1, "partial": 1],
                          ["x": 2, "w": -1, "product": -2, "partial": -1]])
        #expect(Nested(json: steps[0]["value"]) == -0.5)
        #expect(nested(object, "grad_input") == [0, -5])
        #expect(nested(object, "grad_weight") == [[1, 2], [-2, -4]])
        #expect(nested(object, "grad_bias") == [1, -2])
    }

    @Test func softmaxOfHugeEqualScoresIsUniform() throws {
        // m = 1000, E = (1, 1), S = 2, p = (½, ½): e^1000 itself would be infinite.
        let (_, object) = try CLI.json(["compute", "softmax", "--input", "1000 1000"])
        #expect(nested(object, "output") == [0.5, 0.5])
        #expect(nested(object, "maximum") == 1000)
        #expect(nested(object, "exponentials") == [1, 1])
        #expect(nested(object, "sum") == 2)
    }

    @Test func softmaxGradientOfUniformProbabilities() throws {
        // p = (½, ½), J = [¼ −¼; −¼ ¼]; g = (1, 0) gives ∂L/∂z = (¼, −¼).
        let (_, object) = try CLI.json(["compute", "softmax", "--input", "3 3", "--grad", "1 0"])
        #expect(nested(object, "grad_input") == [0.25, -0.25])
    }

    @Test func crossEntropyOfEqualScores() throws {
        // p = ¼ each; the target is class 2, so L = −ln ¼ = ln 4 and ∂L/∂z = p − y = (¼, −¾, ¼, ¼).
        let (_, object) = try CLI.json(["compute", "cross-entropy", "--input", "0 0 0 0", "--target", "0 1 0 0"])
        #expect(nested(object, "probabilities") == [0.25, 0.25, 0.25, 0.25])
        let loss = try #require((object["loss"] as? NSNumber)?.doubleValue)
        #expect(abs(loss - log(4)) < 1e-11)
        #expect(nested(object, "grad_input") == [0.25, -0.75, 0.25, 0.25])
    }

    @Test func aBatchGivesOneLossPerSample() throws {
        // Sample 1: p = (½, ½), L = ln 2; sample 2: scores (0, −1000), target (1, 0): p1 rounds to 1, L to 0.
        let (_, object) = try CLI.json(["compute", "cross-entropy", "--input", "[[5,5],[0,-1000]]",
                                        "--target", "[[1,0],[1,0]]"])
        let losses = try #require(object["loss"] as? [Double])
        #expect(losses.count == 2 && abs(losses[0] - log(2)) < 1e-11 && losses[1] == 0)
    }

    @Test func theWorkedSoftmaxSaysWhyTheMaximumIsSubtracted() throws {
        let result = try CLI.run(["compute", "cross-entropy", "--input", "1 2 3", "--target", "0 0 1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Why subtract m?"))
        #expect(result.stdout.contains("E1 = e^(1 − 3) = e^(-2) = 0.135335283237"))
        #expect(result.stdout.contains("∂L/∂z3 = p3 − y3"))
    }

    @Test(arguments: [
        (["compute", "cross-entropy", "--input", "1 2", "--target", "0 2"], "--target"),
        (["compute", "cross-entropy", "--input", "1 2", "--target=-1 2"], "--target"),
        (["compute", "dense", "--input", "1 2 3", "--weights", "1 2; 3 4"], "weights"),
        (["compute", "softmax", "--input", "1 2", "--grad", "1 2 3"], "--grad"),
    ] as [([String], String)])
    func refusals(arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, mentioning: fragment)
    }
}
