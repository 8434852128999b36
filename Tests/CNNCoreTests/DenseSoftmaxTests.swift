import Foundation
import Testing
import PropertyBased
@testable import CNNCore

/// Dense, flatten, softmax and cross-entropy on values worked out by hand (in the comments).
struct DenseSoftmaxExampleTests {
    @Test func denseForwardAndItsExplanation() throws {
        // z1 = 1·1 + (−1)·2 + 0.5 = −0.5; z2 = 0.5·1 + 2·2 + (−1) = 3.5.
        let dense = try Dense(input: Tensor(shape: [2], values: [1, 2]),
                              weights: TensorText.parseMatrix("1 -1; 0.5 2"), bias: [0.5, -1])
        #expect(dense.forward() == (try Tensor(shape: [2], values: [-0.5, 3.5])))
        let first = dense.explainOutput(0)
        #expect(first.symbolicLine() == "z1 = W11·a1 + W12·a2 + b1")
        #expect(first.numericLine() == "z1 = 1·1 + (-1)·2 + 0.5 = -0.5")
        #expect(first.terms.map(\.partial) == [1, -1])
    }

    @Test func denseBackward() throws {
        // g = [1, −2]: ∂L/∂a1 = 1·1 + (−2)·0.5 = 0, ∂L/∂a2 = 1·(−1) + (−2)·2 = −5; ∂L/∂W_kj = g_k·a_j; ∂L/∂b = g.
        let dense = try Dense(input: Tensor(shape: [2], values: [1, 2]),
                              weights: TensorText.parseMatrix("1 -1; 0.5 2"), bias: [0.5, -1])
        let backward = try dense.backward(outputGradient: Tensor(shape: [2], values: [1, -2]))
        #expect(backward.inputGradient().values == [0, -5])
        #expect(backward.weightGradient().values == [1, 2, -2, -4])
        #expect(backward.biasGradient() == [1, -2])
        #expect(backward.explainInputGradient(1).symbolicLine() == "∂L/∂a2 = ∂L/∂z1·W12 + ∂L/∂z2·W22")
        #expect(backward.explainWeightGradient(3).numericLine() == "∂L/∂W22 = -2·2 = -4")
    }

    @Test func denseRefusesWeightsThatDoNotFitTheInput() throws {
        #expect(throws: CoreError.shapeMismatch(what: Dense.weightsSubject, expected: [2, 3], found: [2, 2])) {
            try Dense(input: Tensor(shape: [3], values: [1, 2, 3]), weights: TensorText.parseMatrix("1 2; 3 4"))
        }
        #expect(throws: CoreError.shapeMismatch(what: .bias, expected: [2], found: [1])) {
            try Dense(input: Tensor(shape: [2], values: [1, 2]), weights: TensorText.parseMatrix("1 2; 3 4"),
                      bias: [1])
        }
    }

    @Test func flattenLaysOutChannelsThenRowsThenColumns() throws {
        // C×H×W = 2×2×2: a6 is element 5, channel 2 (from 1), row 1, column 2.
        let maps = try Tensor(shape: [2, 2, 2], values: [1, 2, 3, 4, 5, 6, 7, 8])
        let flatten = try Flatten(input: maps)
        #expect(flatten.forward() == (try Tensor(shape: [8], values: [1, 2, 3, 4, 5, 6, 7, 8])))
        #expect(flatten.explainOutput(5).symbolicLine() == "a6 = P212")
        #expect(flatten.explainOutput(5).value == 6)
        let gradient = try Tensor(shape: [8], values: [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(try flatten.backward(outputGradient: gradient) == gradient.reshaped([2, 2, 2]))
        let sent = try flatten.explainInputGradient(5, outputGradient: gradient)
        #expect(sent.symbolicLine() == "∂L/∂P212 = ∂L/∂a6" && sent.value == 3)
    }

    @Test func softmaxOfSmallScoresMatchesTheTextbookFormula() throws {
        let softmax = try Softmax(input: Tensor(shape: [3], values: [1, 2, 3]))
        // Without the maximum subtracted: e^z_k / Σ e^z_i is safe for scores this small.
        let naive = [1.0, 2, 3].map { exp($0) / (exp(1) + exp(2) + exp(3)) }
        for (value, expected) in zip(softmax.forward().values, naive) { #expect(abs(value - expected) < 1e-15) }
        #expect(softmax.explainMaximum(0).numericLine() == "m = max(1, 2, 3) = 3")
        #expect(softmax.explainExponential(0).symbolicLine == "E1 = e^(z1 − m)")
        #expect(softmax.explainExponential(0).numericLine == "E1 = e^(1 − 3) = e^(-2) = 0.135335283237")
        #expect(softmax.explainDenominator(0).symbolicLine() == "S = E1 + E2 + E3")
        #expect(softmax.explainOutput(2).symbolicLine == "p3 = E3/S")
    }

    @Test func softmaxOfHugeScoresStaysFinite() throws {
        // e^1000 overflows; with m subtracted both exponentials are e^0 = 1, so p = (½, ½).
        #expect(exp(1000.0).isInfinite)
        let softmax = try Softmax(input: Tensor(shape: [2], values: [1000, 1000]))
        #expect(softmax.forward().values == [0.5, 0.5])
        // J12 = ∂p1/∂z2 = p1·(0 − p2).
        #expect(softmax.explainJacobian(sample: 0, 0, 1).numericLine == "J12 = 0.5·(0 − 0.5) = -0.25")
    }

    @Test func crossEntropyOfALabel() throws {
        // y = (0, 0, 1): L = −ln p3 = ln(e^1 + e^2 + e^3) − 3; ∂L/∂z = p − y.
        let loss = try SoftmaxCrossEntropy(scores: Tensor(shape: [3], values: [1, 2, 3]),
                                           target: Tensor(shape: [3], values: [0, 0, 1]))
        let expected = log(exp(1.0) + exp(2.0) + exp(3.0)) - 3
        #expect(abs(loss.loss(sample: 0) - expected) < 1e-15)
        #expect(loss.explainLoss(0).symbolicLine() == "L = y1·−ln p1 + y2·−ln p2 + y3·−ln p3")
        #expect(loss.explainNegativeLogProbability(2).symbolicLine == "−ln p3 = ln S − (z3 − m)")
        #expect(loss.explainScoreGradient(2).symbolicLine == "∂L/∂z3 = p3 − y3")
        let p3 = exp(3.0) / (exp(1.0) + exp(2.0) + exp(3.0))
        #expect(abs(loss.scoreGradient().values[2] - (p3 - 1)) < 1e-15)
    }

    @Test func crossEntropyOfAVeryWrongScoreIsFinite() throws {
        // p2 = e^−1000/(1 + e^−1000) rounds to 0, so ln p2 would be −∞; ln S − (z2 − m) = 0 + 1000.
        let loss = try SoftmaxCrossEntropy(scores: Tensor(shape: [2], values: [0, -1000]),
                                           target: Tensor(shape: [2], values: [0, 1]))
        #expect(loss.loss(sample: 0) == 1000)
    }

    @Test func crossEntropyRefusesATargetThatIsNotADistribution() throws {
        let scores = try Tensor(shape: [2], values: [0, 1])
        #expect(throws: TargetError.self) { try SoftmaxCrossEntropy(scores: scores, target: Tensor(shape: [2],
            values: [0.5, 0])) }
        #expect(throws: TargetError.self) { try SoftmaxCrossEntropy(scores: scores, target: Tensor(shape: [2],
            values: [2, -1])) }
    }
}

/// Random problems of the vector operations.
struct VectorCase: CustomStringConvertible {
    let input: Tensor
    let weights: Tensor
    let bias: [Double]
    /// A gradient for the dense output, N×K.
    let outputGradient: Tensor
    /// A target distribution N×K.
    let target: Tensor
    var description: String { "input \(input.shape) weights \(weights.shape)" }

    init(samples n: Int, inputs j: Int, outputs k: Int, seed: UInt64) {
        var random = TestRandom(state: seed)
        input = random.tensor([n, j])
        weights = random.tensor([k, j])
        bias = (0..<k).map { _ in random.quarter() }
        outputGradient = random.tensor([n, k])
        let raw = (0..<(n * k)).map { _ in Double(random.next() % 5) + 0.5 }
        let rows = (0..<n).flatMap { row -> [Double] in
            let slice = raw[(row * k)..<((row + 1) * k)]
            let total = slice.reduce(0, +)
            return slice.map { $0 / total }
        }
        target = try! Tensor(shape: [n, k], values: rows)
    }
}

/// Central difference of `loss` along one coordinate of `values`.
func centralDifference(_ values: [Double], at index: Int, step: Double = 1e-5, _ loss: ([Double]) -> Double)
    -> Double {
    var plus = values, minus = values
    plus[index] += step
    minus[index] -= step
    return (loss(plus) - loss(minus)) / (2 * step)
}

struct DenseSoftmaxPropertyTests {
    @Test func denseGradientsMatchFiniteDifferencesAndTheirExplanations() async {
        await propertyCheck(count: 100, input: Gen.int(in: 1...3), Gen.int(in: 1...6), Gen.int(in: 1...5), seeds) {
            n, j, k, seed in
            let problem = VectorCase(samples: n, inputs: j, outputs: k, seed: seed)
            let dense = try! Dense(input: problem.input, weights: problem.weights, bias: problem.bias)
            let backward = try! dense.backward(outputGradient: problem.outputGradient)
            // L = Σ G·Z, whose gradient with respect to Z is G.
            func loss(input: [Double]? = nil, weights: [Double]? = nil, bias: [Double]? = nil) -> Double {
                let layer = try! Dense(input: problem.input.replacingValues(input ?? problem.input.values),
                                       weights: problem.weights.replacingValues(weights ?? problem.weights.values),
                                       bias: bias ?? problem.bias)
                return dot(layer.forward().values, problem.outputGradient.values)
            }
            for index in 0..<problem.weights.count {
                let numeric = centralDifference(problem.weights.values, at: index) { loss(weights: $0) }
                #expect(close(backward.weightGradient().values[index], numeric), "\(problem) W at \(index)")
                #expect(backward.explainWeightGradient(index).value == backward.weightGradient().values[index])
            }
            for index in 0..<problem.input.count {
                let numeric = centralDifference(problem.input.values, at: index) { loss(input: $0) }
                #expect(close(backward.inputGradient().values[index], numeric), "\(problem) a at \(index)")
                #expect(backward.explainInputGradient(index).value == backward.inputGradient().values[index])
            }
            for index in 0..<k {
                let numeric = centralDifference(problem.bias, at: index) { loss(bias: $0) }
                #expect(close(backward.biasGradient()[index], numeric), "\(problem) b at \(index)")
                #expect(backward.explainBiasGradient(index).value == backward.biasGradient()[index])
            }
            for flat in 0..<(n * k) { #expect(dense.explainOutput(flat).value == dense.forward().values[flat]) }
        }
    }

    @Test func softmaxGradientMatchesFiniteDifferencesAndItsExplanation() async {
        await propertyCheck(count: 100, input: Gen.int(in: 1...3), Gen.int(in: 1...6), seeds) { n, k, seed in
            let problem = VectorCase(samples: n, inputs: 1, outputs: k, seed: seed)
            let scores = problem.outputGradient.mapValues { $0 * 3 }
            let weights = problem.target
            let softmax = try! Softmax(input: scores)
            // L = Σ G·p with G the target's values: any fixed gradient will do.
            let analytic = try! softmax.backward(outputGradient: weights)
            for index in 0..<scores.count {
                let numeric = centralDifference(scores.values, at: index) {
                    dot(try! Softmax(input: scores.replacingValues($0)).forward().values, weights.values)
                }
                #expect(close(analytic.values[index], numeric), "\(scores) at \(index)")
                #expect(try! softmax.explainInputGradient(index, outputGradient: weights).value
                    == analytic.values[index])
                #expect(softmax.explainOutput(index).value == softmax.forward().values[index])
            }
            for sample in 0..<n {
                let probabilities = softmax.forward().values[(sample * k)..<((sample + 1) * k)]
                #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
                #expect(softmax.explainDenominator(sample).value == softmax.denominator(sample: sample))
            }
        }
    }

    @Test func crossEntropyGradientIsPMinusYAndMatchesFiniteDifferences() async {
        await propertyCheck(count: 100, input: Gen.int(in: 1...3), Gen.int(in: 1...6), seeds) { n, k, seed in
            let problem = VectorCase(samples: n, inputs: 1, outputs: k, seed: seed)
            let scores = problem.outputGradient.mapValues { $0 * 3 }
            let loss = try! SoftmaxCrossEntropy(scores: scores, target: problem.target)
            let gradient = loss.scoreGradient()
            for index in 0..<scores.count {
                let numeric = centralDifference(scores.values, at: index) {
                    try! SoftmaxCrossEntropy(scores: scores.replacingValues($0), target: problem.target).losses()
                        .reduce(0, +)
                }
                #expect(close(gradient.values[index], numeric), "\(scores) at \(index)")
                #expect(loss.explainScoreGradient(index).value == gradient.values[index])
                #expect(loss.explainNegativeLogProbability(index).value == loss.negativeLogProbability(index))
            }
            for sample in 0..<n { #expect(loss.explainLoss(sample).value == loss.loss(sample: sample)) }
        }
    }
}
