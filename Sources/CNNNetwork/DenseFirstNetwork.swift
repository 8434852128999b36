import CNNCore

/// The tutor's network with its convolution replaced by a dense layer on the same 64 pixels, everything else
/// unchanged (what lesson 28 weighs against the CNN):
///
///     X (64) → dense 64 → 144 → O (as 4×6×6) → ReLU → max pool 2 → P (4×3×3) → flatten 36 → dense 10 → softmax
public struct DenseFirstWeights: Equatable, Sendable {
    /// 144×64: the conv layer's 4·6·6 outputs, each from every pixel.
    public var first: Tensor
    /// 144.
    public var firstBias: [Double]
    /// 10×36.
    public var denseWeights: Tensor
    /// 10.
    public var denseBias: [Double]

    /// 4·6·6, the convolution's output count.
    public static let hiddenCount = TinyCNN.filterCount * TinyCNN.convolvedSide * TinyCNN.convolvedSide
    public static let pixelCount = DigitImage.side * DigitImage.side

    /// Descends by `gradients` (in the order of `tensors`): each parameter minus learning rate × its gradient.
    func descending(_ gradients: [[Double]], learningRate: Double) -> DenseFirstWeights {
        DenseFirstWeights(tensors: zip(tensors, gradients).map { values, gradient in
            zip(values, gradient).map { $0 - learningRate * $1 }
        })
    }
}

extension DenseFirstWeights: DigitNetwork {
    public static let summary = "dense \(pixelCount) → \(hiddenCount) → ReLU → max pool \(TinyCNN.poolSize) → "
        + "flatten \(TinyCNN.featureCount) → dense \(TinyCNN.classCount) → softmax"

    public static let tensorShapes: [(name: String, shape: [Int])] = [
        ("first_weights", [hiddenCount, pixelCount]), ("first_bias", [hiddenCount]),
        ("dense_weights", [TinyCNN.classCount, TinyCNN.featureCount]), ("dense_bias", [TinyCNN.classCount]),
    ]

    /// Glorot-uniform as `NetworkWeights(random:)` draws them: the first layer's weights, then the dense layer's.
    public init(random: inout SplitMix64) {
        let firstLimit = NetworkWeights.glorotLimit(fanIn: Self.pixelCount, fanOut: Self.hiddenCount)
        let denseLimit = NetworkWeights.glorotLimit(fanIn: TinyCNN.featureCount, fanOut: TinyCNN.classCount)
        let first = (0..<(Self.hiddenCount * Self.pixelCount)).map { _ in random.nextSymmetric(limit: firstLimit) }
        let dense = (0..<(TinyCNN.classCount * TinyCNN.featureCount)).map { _ in
            random.nextSymmetric(limit: denseLimit)
        }
        self.init(tensors: [first, Array(repeating: 0, count: Self.hiddenCount), dense,
                            Array(repeating: 0, count: TinyCNN.classCount)])
    }

    public init(tensors: [[Double]]) {
        let shapes = Self.tensorShapes.map(\.shape)
        first = try! Tensor(shape: shapes[0], values: tensors[0])
        firstBias = tensors[1]
        denseWeights = try! Tensor(shape: shapes[2], values: tensors[2])
        denseBias = tensors[3]
    }

    public var tensors: [[Double]] { [first.values, firstBias, denseWeights.values, denseBias] }

    public func evaluated(on images: [DigitImage]) -> Evaluation {
        let pass = DenseFirstPass(weights: self, images: images)
        return Evaluation(result: pass.result, predictions: pass.predictions)
    }

    public func stepped(on images: [DigitImage], learningRate: Double) -> (BatchResult, DenseFirstWeights) {
        let pass = DenseFirstPass(weights: self, images: images)
        return (pass.result, descending(pass.gradients(), learningRate: learningRate))
    }
}

/// One forward pass of the dense-first network over a batch, each layer the core's operation, and the gradients of
/// the batch's mean loss.
struct DenseFirstPass {
    let first: Dense
    let relu: ReLU
    let pooling: Pooling
    let flatten: Flatten
    let dense: Dense
    let loss: SoftmaxCrossEntropy

    /// - Precondition: `images` is not empty.
    init(weights: DenseFirstWeights, images: [DigitImage]) {
        precondition(!images.isEmpty, "a forward pass needs images")
        let count = images.count, side = TinyCNN.convolvedSide
        let pixels = try! Tensor(shape: [count, DenseFirstWeights.pixelCount], values: images.flatMap(\.scaledPixels))
        // The shapes are fixed by the network, so none of these can throw.
        first = try! Dense(input: pixels, weights: weights.first, bias: weights.firstBias)
        relu = ReLU(input: first.forward().reshaped([count, TinyCNN.filterCount, side, side]))
        pooling = try! Pooling(input: relu.forward(), mode: .max, size: TinyCNN.poolSize)
        flatten = try! Flatten(input: pooling.forward())
        dense = try! Dense(input: flatten.forward(), weights: weights.denseWeights, bias: weights.denseBias)
        let targets = images.flatMap { image in (0..<TinyCNN.classCount).map { $0 == image.label ? 1.0 : 0 } }
        loss = try! SoftmaxCrossEntropy(scores: dense.forward(),
                                        target: Tensor(shape: [count, TinyCNN.classCount], values: targets))
    }

    var count: Int { flatten.outputSamples.count }

    /// The digit each image scores highest (the first, on a tie).
    var predictions: [Int] {
        let scores = loss.softmax.input.values, classes = TinyCNN.classCount
        return (0..<count).map { n in
            let row = scores[(n * classes)..<((n + 1) * classes)]
            return row.indices.reduce(row.startIndex) { row[$1] > row[$0] ? $1 : $0 } - n * classes
        }
    }

    /// The mean loss (added in image order) and how many images are predicted right.
    var result: BatchResult {
        var lossSum = 0.0
        for value in loss.losses() { lossSum += value }
        let correct = predictions.enumerated().filter { loss.target.values[$0 * TinyCNN.classCount + $1] == 1 }.count
        return BatchResult(loss: lossSum / Double(count), correct: correct, count: count)
    }

    /// The gradients of the mean loss, in the order of `DenseFirstWeights.tensors`.
    func gradients() -> [[Double]] {
        let scoreGradient = loss.scoreGradient().mapValues { $0 / Double(count) }
        // The shapes follow from the forward pass, so none of these can throw.
        let top = try! dense.backward(outputGradient: scoreGradient)
        let pooled = try! flatten.backward(outputGradient: top.inputGradient())
        let activation = try! pooling.backward(outputGradient: pooled)
        let hidden = try! relu.backward(outputGradient: activation)
        let bottom = try! first.backward(outputGradient: hidden.reshaped([count, DenseFirstWeights.hiddenCount]))
        return [bottom.weightGradient().values, bottom.biasGradient(), top.weightGradient().values, top.biasGradient()]
    }
}
