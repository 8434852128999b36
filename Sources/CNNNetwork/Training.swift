import CNNCore
/// The settings of a training run.
public struct TrainingSettings: Equatable, Sendable {
    public var epochs: Int
    public var seed: UInt64
    public var learningRate: Double
    public var batchSize: Int

    public static let defaultEpochs = 20
    public static let defaultSeed: UInt64 = 1
    public static let defaultLearningRate = 0.3
    public static let defaultBatchSize = 10

    public init(epochs: Int = defaultEpochs, seed: UInt64 = defaultSeed, learningRate: Double = defaultLearningRate,
                batchSize: Int = defaultBatchSize) {
        (self.epochs, self.seed, self.learningRate, self.batchSize) = (epochs, seed, learningRate, batchSize)
    }
}

/// What one finished epoch reached.
public struct EpochSummary: Equatable, Sendable {
    /// 1-based.
    public let epoch: Int
    /// The mean of the epoch's batch losses (each measured before its step).
    public let trainingLoss: Double
    /// The share of training images the epoch's batches got right, each before its step.
    public let trainingAccuracy: Double
    public let heldOutLoss: Double
    public let heldOutCorrect: Int
    public let heldOutCount: Int

    public var heldOutAccuracy: Double { Double(heldOutCorrect) / Double(heldOutCount) }
}

/// What one batch step measured, before the step changed the weights.
public struct BatchResult: Equatable, Sendable {
    public let loss: Double
    public let correct: Int
    public let count: Int

    public var accuracy: Double { Double(correct) / Double(count) }
}

/// The tutor's CNN trained by `SGDRun`, as `cnn-tutor train` trains it.
public typealias TrainingRun = SGDRun<NetworkWeights>

/// Mini-batch stochastic gradient descent on the bundled training digits, one batch at a time, so that a view can
/// draw between steps. Everything random comes from one `SplitMix64` seeded with `settings.seed`: first the initial
/// weights (`Network(random:)`), then at the start of each epoch a shuffle of the training images. Nothing
/// else varies, so the same settings give the same weights bit for bit.
public struct SGDRun<Network: DigitNetwork>: Sendable {
    public let settings: TrainingSettings
    public let trainingSet: [DigitImage]
    public let heldOutSet: [DigitImage]
    public private(set) var weights: Network
    /// Finished epochs.
    public private(set) var epochsDone = 0
    /// Batches done in the current epoch.
    public private(set) var batchesDone = 0
    /// Every batch so far, in order.
    public private(set) var batches: [BatchResult] = []
    public private(set) var epochs: [EpochSummary] = []
    private var random: SplitMix64
    private var order: [Int] = []

    /// - Precondition: at least one epoch, a batch size of at least 1, a positive finite learning rate, and sets
    ///   that are not empty.
    public init(settings: TrainingSettings, trainingSet: [DigitImage] = Digits.training,
                heldOutSet: [DigitImage] = Digits.heldOut) {
        precondition(settings.epochs >= 1 && settings.batchSize >= 1, "a run needs an epoch and a batch")
        precondition(settings.learningRate > 0 && settings.learningRate.isFinite, "a positive learning rate")
        precondition(!trainingSet.isEmpty && !heldOutSet.isEmpty, "images to train on and to test")
        (self.settings, self.trainingSet, self.heldOutSet) = (settings, trainingSet, heldOutSet)
        random = SplitMix64(seed: settings.seed)
        weights = Network(random: &random)
    }

    /// Batches in an epoch; the last may be smaller.
    public var batchesPerEpoch: Int { (trainingSet.count + settings.batchSize - 1) / settings.batchSize }
    public var isFinished: Bool { epochsDone == settings.epochs }
    /// The share of all batches done, 0 to 1.
    public var progress: Double {
        Double(epochsDone * batchesPerEpoch + batchesDone) / Double(settings.epochs * batchesPerEpoch)
    }

    /// Trains on the next batch; at the end of an epoch, measures the held-out images.
    /// - Precondition: the run is not finished.
    public mutating func step() {
        precondition(!isFinished, "the run is finished")
        if batchesDone == 0 { order = random.shuffled(Array(trainingSet.indices)) }
        let start = batchesDone * settings.batchSize
        let batch = order[start..<min(start + settings.batchSize, order.count)].map { trainingSet[$0] }
        let (result, next) = weights.stepped(on: batch, learningRate: settings.learningRate)
        batches.append(result)
        weights = next
        batchesDone += 1
        if batchesDone == batchesPerEpoch { finishEpoch() }
    }

    private mutating func finishEpoch() {
        let epochBatches = batches.suffix(batchesPerEpoch)
        var lossSum = 0.0
        for batch in epochBatches { lossSum += batch.loss }
        let evaluation = weights.evaluated(on: heldOutSet).result
        epochsDone += 1
        batchesDone = 0
        epochs.append(EpochSummary(epoch: epochsDone, trainingLoss: lossSum / Double(epochBatches.count),
                                   trainingAccuracy: Double(epochBatches.map(\.correct).reduce(0, +))
                                       / Double(trainingSet.count),
                                   heldOutLoss: evaluation.loss, heldOutCorrect: evaluation.correct,
                                   heldOutCount: heldOutSet.count))
    }
}
