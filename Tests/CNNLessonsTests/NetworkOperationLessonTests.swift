import CNNCore
import CNNNetwork
import Foundation
import Testing
@testable import CNNLessons
@testable import CNNText

/// The network operations (flatten, dense, dense-backward, softmax, cross-entropy, softmax-cross-entropy-backward,
/// sgd-step, evaluate) and the operands lessons load by name: hand-worked values, the frames' lines, the quizzes'
/// worked answers, and refusals with one line at the field.
struct NetworkOperationLessonTests {
    static let header = "id: sample\ntitle: A sample\nsummary: For tests.\nsteps:\n"

    func player(_ steps: String) throws -> LessonPlayer {
        try LessonLoader.player(text: Self.header + steps, file: "t.yaml").get()
    }

    /// The issues of a lesson text: reading problems, a plan that fails, or `expect:` that does not hold.
    func problems(_ steps: String) -> [String] {
        switch LessonLoader.player(text: Self.header + steps, file: "t.yaml") {
        case .success(let player): return player.expectationIssues().map(\.description)
        case .failure(let issues): return issues.issues.map(\.description)
        }
    }

    // a = (1, 2), W = 1 −1 / 0.5 2, b = (0.5, −1): z1 = 1 − 2 + 0.5 = −0.5, z2 = 0.5 + 4 − 1 = 3.5.
    static let dense = "  - op: dense\n    input: [1, 2]\n    weights: \"1 -1; 0.5 2\"\n    bias: [0.5, -1]\n"

    @Test func denseWalksEachScoreTermByTerm() throws {
        #expect(problems(Self.dense + "    expect: [-0.5, 3.5]\n") == [])
        let player = try player(Self.dense)
        // Two terms and the bias per value.
        #expect(player.stepCount == 6)
        let first = try #require(player.frame(at: 0).formula)
        // The running sum after one term, 1·1 = 1, has no bias yet: neither line shows it.
        #expect(first.symbolic == "z1 = W11·a1 + …")
        #expect(first.numeric == "z1 = 1·1 + … → 1")
        let done = try #require(player.frame(at: 2).formula)
        #expect(done.numeric == "z1 = 1·1 + (-1)·2 + 0.5 = -0.5")
        #expect(player.frame(at: 2).grids.map(\.title) == ["Input a", "Weights W", "Bias b", "Output z"])
    }

    @Test func denseReadsMapsAsFlattenLaysThemOut() {
        // Two 1×2 maps, a = (1, 2, 3, 4): z = 1 − 2 + 3·0 + 4·1 = 3.
        #expect(problems("  - op: dense\n    input: [\"1 2\", \"3 4\"]\n    weights: \"1 -1 0 1\"\n    expect: [3]\n")
                == [])
        // ∂L/∂a goes back in the maps' shape: (1, −1, 0, 1)·2.
        #expect(problems("  - op: dense-backward\n    input: [\"1 2\", \"3 4\"]\n    weights: \"1 -1 0 1\"\n"
                         + "    grad: [2]\n    gradient: input\n    expect:\n      grad_input: [\"2 -2\", \"0 2\"]\n")
                == [])
    }

    @Test func denseBackwardGivesEachGradient() {
        // ∂L/∂z = (1, −2): ∂L/∂W = g·aᵀ, ∂L/∂b = g, ∂L/∂a = (1·1 + (−2)·0.5, 1·(−1) + (−2)·2) = (0, −5).
        let step = "  - op: dense-backward\n    input: [1, 2]\n    weights: \"1 -1; 0.5 2\"\n    grad: [1, -2]\n"
        for gradient in ["weight", "bias", "input"] {
            #expect(problems(step + "    gradient: \(gradient)\n    expect:\n      grad_weight: \"1 2; -2 -4\"\n"
                             + "      grad_bias: [1, -2]\n      grad_input: [0, -5]\n") == [])
        }
    }

    @Test func flattenCopiesEachCellChannelAfterChannel() throws {
        let maps = "  - op: flatten\n    input: [\"1 2; 3 4\", \"5 6; 7 8\"]\n"
        #expect(problems(maps + "    expect: [1, 2, 3, 4, 5, 6, 7, 8]\n") == [])
        let player = try player("  - op: flatten\n    input: [\"1 2; 3 4\", \"5 6; 7 8\"]\n    walk: values\n")
        #expect(player.frame(at: 5).formula?.symbolic == "a6 = P212")
        // One grid is an image X.
        let image = try self.player("  - op: flatten\n    input: \"1 2; 3 4\"\n    walk: values\n")
        #expect(image.frame(at: 2).formula?.symbolic == "a3 = X21")
    }

    @Test func softmaxDerivesEachProbabilityInFourLines() throws {
        // z = (0, ln 3): m = ln 3, E1 = e^(−ln 3) = 1/3, E2 = 1, S = 4/3, p1 = 1/4.
        let player = try player("  - op: softmax\n    input: [0, 1.0986122886681098]\n    walk: terms\n"
                                + "    quiz:\n      ask: What is p1?\n      value: output\n      at: [1]\n")
        #expect(player.stepCount == 9)
        let lines = (1...4).map { player.frame(at: $0).formula?.symbolic }
        #expect(lines == ["m = max(z1, z2)", "E1 = e^(z1 − m)", "S = E1 + E2", "p1 = E1/S"])
        #expect(player.frame(at: 2).facts.contains(Softmax.whyMaximum))
        #expect(abs(player.results(ofStep: 0)["output"]!.values[0] - 0.25) < 1e-15)
        let quiz = try #require(player.frame(at: 0).quiz)
        #expect(quiz.worked.count == 8 && quiz.worked[6] == "p1 = E1/S")
        #expect(quiz.grid == "Probabilities p" && quiz.at == [1, 1])
    }

    @Test func crossEntropyIsMinusTheLogOfTheTrueClass() throws {
        // z = (2, 0, 0), y = class 1: L = −ln(e²/(e² + 2)) = ln(1 + 2e⁻²).
        let player = try player("  - op: cross-entropy\n    input: [2, 0, 0]\n    label: 1\n")
        let loss = try #require(player.results(ofStep: 0)["loss"]?.values.first)
        #expect(abs(loss - log(1 + 2 * exp(-2))) < 1e-15)
        #expect(player.frame(at: 2).formula?.symbolic == "L = −ln p1 = ln S − (z1 − m)")
        #expect(problems("  - op: cross-entropy\n    input: [2, 0, 0]\n    label: 4\n")
                == ["t.yaml:7:12: error: label 4 is not one of the 3 classes (1 to 3)"])
    }

    @Test func theScoreGradientIsPMinusY() throws {
        // z = (0, 0), class 2: p = (1/2, 1/2), ∂L/∂z = (1/2, −1/2).
        #expect(problems("  - op: softmax-cross-entropy-backward\n    input: [0, 0]\n    label: 2\n"
                         + "    expect: {grad_input: [0.5, -0.5], output: [0.5, 0.5]}\n") == [])
        let player = try player("  - op: softmax-cross-entropy-backward\n    input: [0, 0]\n    label: 2\n")
        #expect(player.frame(at: 3).formula?.numeric == "∂L/∂z2 = 0.5 − 1 = -0.5")
    }

    @Test func digitsLoadByNameAsPixelsOrAsTheNetworkReadsThem() throws {
        let image = Digits.heldOut[9]
        let player = try player("  - op: flatten\n    input: {digit: held-out, index: 10}\n    walk: result\n"
                                + "  - op: flatten\n    input: {digit: held-out, index: 10, values: network}\n"
                                + "    walk: result\n")
        #expect(player.results(ofStep: 0)["output"]!.values == image.pixels.map(Double.init))
        #expect(player.results(ofStep: 1)["output"]!.values == image.scaledPixels)
    }

    @Test func namedDataIsRefusedAtItsField() {
        #expect(problems("  - op: flatten\n    input: {digit: test, index: 1}\n")
                == ["t.yaml:6:20: error: 'digit' must be one of: training, held-out"])
        #expect(problems("  - op: flatten\n    input: {digit: training, index: 501}\n")
                == ["t.yaml:6:37: error: a digit needs 'index': 1 to 500, its place in the training set"])
        #expect(problems("  - op: dense\n    input: [1]\n    weights: {network: bundled, layer: conv}\n")
                == ["t.yaml:7:14: error: 'weights' cannot take the conv layer: filters take {network: bundled, "
                    + "layer: conv}, weights {network: bundled, layer: dense}"])
        #expect(problems("  - op: dense\n    input: [1]\n    weights: {network: mine, layer: dense}\n")
                == ["t.yaml:7:24: error: 'network' must be 'bundled', the network the tutor trained"])
    }

    @Test func theBundledLayersAreTheTrainedWeights() throws {
        let weights = BundledNetwork.weights
        let player = try player("  - op: conv\n    input: {digit: held-out, index: 10, values: network}\n"
                                + "    filters: {network: bundled, layer: conv}\n"
                                + "    bias: {network: bundled, layer: conv}\n    relu: true\n    walk: result\n"
                                + "  - op: pool\n    input: {from: previous, result: output}\n    mode: max\n"
                                + "    size: 2\n    walk: result\n"
                                + "  - op: dense\n    input: {from: previous, result: output}\n"
                                + "    weights: {network: bundled, layer: dense}\n"
                                + "    bias: {network: bundled, layer: dense}\n    walk: result\n")
        // The lesson's layers are the network's: the same scores to the last bit.
        let forward = ForwardPass(weights: weights, images: [Digits.heldOut[9]])
        #expect(player.results(ofStep: 2)["output"]!.values == forward.dense.forward().values)
    }

    static let sgdStep = "  - op: sgd-step\n    input: {digit: held-out, index: 10, values: network}\n"
        + "    label: {digit: held-out, index: 10}\n    network: bundled\n    learning_rate: 0.03\n"

    @Test func oneSGDStepMovesEveryWeightDownItsGradientAndLowersTheLoss() throws {
        for layer in ["dense", "conv"] {
            let results = try player(Self.sgdStep + "    layer: \(layer)\n    walk: result\n").results(ofStep: 0)
            let (weight, gradient, updated) = (layer == "dense" ? BundledNetwork.weights.denseWeights
                                               : BundledNetwork.weights.filters,
                                               results["grad_weight"]!, results["new_weight"]!)
            #expect(updated.shape == weight.shape)
            #expect(zip(zip(weight.values, gradient.values), updated.values).allSatisfy { $0.0 - 0.03 * $0.1 == $1 })
            #expect(results["new_loss"]!.values[0] < results["loss"]!.values[0])
            #expect(results["new_probability"]!.values[0] > results["probability"]!.values[0])
        }
        let frame = try player(Self.sgdStep + "    walk: values\n    only: [[4, 2]]\n").frame(at: 0)
        #expect(frame.formula?.symbolic == "W′42 = W42 − η·∂L/∂W42")
        #expect(frame.facts.first == "η = 0.03; the digit is a 3, so y4 = 1.")
    }

    @Test func evaluateCountsParametersAndRightAnswers() throws {
        let results = try player("  - op: evaluate\n    network: bundled\n"
                                 + "  - op: evaluate\n    network: dense-first\n    shift: [0, 1]\n")
        let cnn = results.results(ofStep: 0), twin = results.results(ofStep: 1)
        // 4·1·3·3 + 4 + 10·36 + 10; 144·64 + 144 + 10·36 + 10.
        #expect(cnn["parameters"]!.values == [410] && twin["parameters"]!.values == [9730])
        let correct = ForwardPass(weights: BundledNetwork.weights, images: Digits.heldOut).correctCount
        #expect(cnn["correct"]!.values == [Double(correct)])
        #expect(cnn["right_by_digit"]!.values.reduce(0, +) == Double(correct))
        #expect(cnn["accuracy"]!.values == [Double(correct) / 500])
        let moved = Digits.heldOut.map { $0.shifted(rows: 0, columns: 1) }
        #expect(twin["correct"]!.values == [Double(BundledNetwork.denseFirst.evaluated(on: moved).result.correct)])
    }

    @Test func quizzesRecogniseTheClassicSlips() throws {
        let quiz = { (steps: String) in try self.player(steps).frame(at: 0).quiz?.mistakes?.map(\.message) ?? [] }
        // p1 = 1/4 of z = (0, ln 3): −log₁₀, ln p and 1 − p.
        let loss = try quiz("  - op: cross-entropy\n    input: [0, 1.0986122886681098]\n    label: 1\n"
                            + "    quiz: {ask: L?, value: loss}\n")
        #expect(loss.count == 3 && loss[0].contains("log₁₀"))
        // Maps 1 2 / 3 4 and 5 6 / 7 8: channels last, a2 would be 5.
        let flattened = try self.player("  - op: flatten\n    input: [\"1 2; 3 4\", \"5 6; 7 8\"]\n"
                                        + "    quiz: {ask: a2?, value: output, at: [2]}\n").frame(at: 0).quiz
        #expect(flattened?.mistakes?.contains { $0.value == 5 && $0.message.contains("channel last") } == true)
        let gradient = try quiz("  - op: softmax-cross-entropy-backward\n    input: [0, 0]\n    label: 2\n"
                                + "    quiz: {ask: ∂L/∂z2?, value: grad_input, at: [2]}\n")
        #expect(gradient.contains { $0.hasPrefix("that is p alone") })
        let step = try quiz(Self.sgdStep + "    quiz: {ask: W′11?, value: new_weight, at: [1, 1]}\n")
        #expect(step.contains { $0.hasPrefix("that adds η·∂L/∂W") })
    }

    @Test func theLaTeXHandoutWritesEachDerivationLine() throws {
        let latex = LaTeXExport().render(try player("  - op: softmax\n    input: [0, 0]\n    walk: values\n"))
        #expect(latex.contains("E1 = e\\^{}(z1 $-$ m) \\\\"))
        #expect(latex.contains("p2 = E2/S \\\\\np2 = 1/2 = 0.5"))
        #expect(latex.contains("m &= \\max(z_{1}, z_{2})"))
    }
}
