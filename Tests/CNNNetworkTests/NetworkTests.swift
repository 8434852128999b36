import CNNCore
import Foundation
import PropertyBased
import Testing
@testable import CNNNetwork

/// One run with the default settings, trained once and shared by the tests that read a trained network.
enum Trained {
    static let run: TrainingRun = {
        var run = TrainingRun(settings: TrainingSettings())
        while !run.isFinished { run.step() }
        return run
    }()
}

struct TrainingTests {
    @Test func theDefaultRunClearsNinetyPercentOnTheHeldOutDigits() {
        let last = Trained.run.epochs.last!
        #expect(last.heldOutAccuracy > 0.9, "held-out accuracy \(last.heldOutAccuracy)")
        // The run's own summary agrees with a fresh pass over the held-out images.
        #expect(ForwardPass(weights: Trained.run.weights, images: Digits.heldOut).correctCount == last.heldOutCorrect)
    }

    @Test func theTrainingLossGoesDown() {
        let losses = Trained.run.epochs.map(\.trainingLoss)
        #expect(losses.first! > 1 && losses.last! < losses.first! / 4, "\(losses)")
        // Epoch by epoch it falls over the first five epochs, whatever the noise of the batches later.
        #expect(zip(losses.prefix(5), losses.dropFirst().prefix(4)).allSatisfy { $0 > $1 }, "\(losses)")
    }

    @Test func theSameSeedGivesTheSameWeightsBitForBit() {
        let settings = TrainingSettings(epochs: 2, seed: 7, learningRate: 0.3, batchSize: 10)
        func train() -> [UInt64] {
            var run = TrainingRun(settings: settings)
            while !run.isFinished { run.step() }
            return run.weights.parameters.map(\.bitPattern)
        }
        let first = train()
        #expect(train() == first)
        var other = TrainingRun(settings: TrainingSettings(epochs: 2, seed: 8))
        while !other.isFinished { other.step() }
        #expect(other.weights.parameters.map(\.bitPattern) != first)
    }

    @Test func aStepMovesEachWeightAgainstItsGradient() {
        // w' = w − η·∂L/∂w, checked on one weight of each tensor against the pass the run itself would make.
        var random = SplitMix64(seed: 3)
        let weights = NetworkWeights(random: &random)
        let gradients = ForwardPass(weights: weights, images: Array(Digits.training.prefix(4))).backward().gradients
        let stepped = weights.descending(gradients, learningRate: 0.5)
        for index in [0, 36, 40, 400, 409] {
            #expect(stepped.parameters[index] == weights.parameters[index] - 0.5 * gradients.parameters[index])
        }
    }

    @Test func theWeightsFileReadsBackBitForBit() throws {
        let text = WeightsFile.json(Trained.run)
        let weights = try WeightsFile.weights(from: text)
        #expect(weights.parameters.map(\.bitPattern) == Trained.run.weights.parameters.map(\.bitPattern))
        #expect(text.contains("\"seed\": 1") && text.contains("\"held_out_accuracy\": "))
        #expect(throws: WeightsFileError.self) { try WeightsFile.weights(from: "{\"filters\": [1]}") }
    }

    @Test func splitMix64GivesTheReferenceSequence() {
        // The first outputs of Vigna's splitmix64.c from seed 1234567.
        var random = SplitMix64(seed: 1_234_567)
        let outputs = [random.next(), random.next(), random.next()]
        #expect(outputs == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }
}

struct NetworkGradientPropertyTests {
    /// Central differences of the mean loss over a few images against the backward pass: every filter weight and
    /// bias, every dense bias and every fifth dense weight. The biases start away from 0, since an all-zero window
    /// with a zero bias sits exactly on ReLU's kink, where the two one-sided derivatives differ.
    @Test func parameterGradientsMatchFiniteDifferences() async {
        await propertyCheck(count: 3, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...4)) { seed, count in
            var random = SplitMix64(seed: seed)
            var parameters = NetworkWeights(random: &random).parameters
            for index in Array(36..<40) + Array(400..<410) { parameters[index] = random.nextSymmetric(limit: 0.5) }
            let images = (0..<count).map { _ in Digits.training[random.nextIndex(below: Digits.training.count)] }
            let analytic = ForwardPass(weights: NetworkWeights(parameters: parameters), images: images).backward()
                .gradients.parameters
            let checked = Array(0..<40) + Array(stride(from: 40, to: 400, by: 5)) + Array(400..<410)
            for index in checked {
                func loss(_ delta: Double) -> Double {
                    var shifted = parameters
                    shifted[index] += delta
                    return ForwardPass(weights: NetworkWeights(parameters: shifted), images: images).meanLoss
                }
                let numeric = (loss(1e-6) - loss(-1e-6)) / 2e-6
                #expect(abs(analytic[index] - numeric) <= 1e-6 * max(1, abs(numeric)),
                        "seed \(seed), \(count) images, parameter \(index): \(analytic[index]) vs \(numeric)")
            }
        }
    }
}

extension NetworkWeights {
    /// Weights from the flat list `parameters` gives: 36 filter weights, 4 filter biases, 360 dense weights, 10 biases.
    init(parameters p: [Double]) {
        self.init(filters: try! Tensor(shape: [4, 1, 3, 3], values: Array(p[0..<36])), filterBias: Array(p[36..<40]),
                  denseWeights: try! Tensor(shape: [10, 36], values: Array(p[40..<400])),
                  denseBias: Array(p[400..<410]))
    }
}
