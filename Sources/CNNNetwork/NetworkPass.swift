import CNNCore

/// One forward pass of the network over a batch of images, keeping every layer — each an operation of the core — so
/// that any value of any layer can be explained term by term (`convolution.explainOutput`, `dense.explainOutput`,
/// `loss.softmax.explainOutput`, …).
public struct ForwardPass: Sendable {
    /// X (N×1×8×8) → O (N×4×6×6).
    public let convolution: Convolution
    /// O → A = max(0, O).
    public let relu: ReLU
    /// A → P (N×4×3×3), 2×2 windows.
    public let pooling: Pooling
    /// P → a (N×36).
    public let flatten: Flatten
    /// a → z (N×10).
    public let dense: Dense
    /// z and the one-hot labels y → p, L.
    public let loss: SoftmaxCrossEntropy
    public let labels: [Int]

    /// Runs the network on `images`.
    /// - Precondition: `images` is not empty.
    public init(weights: NetworkWeights, images: [DigitImage]) {
        precondition(!images.isEmpty, "a forward pass needs images")
        let side = DigitImage.side
        let input = try! Tensor(shape: [images.count, 1, side, side], values: images.flatMap(\.scaledPixels))
        self.init(weights: weights, input: input, labels: images.map(\.label))
    }

    /// Runs the network on inputs X as it reads them (each pixel/16, or any values a lesson gives).
    /// - Parameters:
    ///   - input: N×1×8×8.
    ///   - labels: the N digits written, each 0 to 9.
    /// - Precondition: the shapes fit and every label is a digit.
    public init(weights: NetworkWeights, input: Tensor, labels: [Int]) {
        let side = DigitImage.side
        precondition(!labels.isEmpty && input.shape == [labels.count, 1, side, side], "one 8×8 input per label")
        precondition(labels.allSatisfy { (0..<TinyCNN.classCount).contains($0) }, "labels are digits")
        // The shapes are fixed by `TinyCNN`, so none of these can throw.
        convolution = try! Convolution(input: input, filter: weights.filters, bias: weights.filterBias)
        relu = ReLU(input: convolution.forward())
        pooling = try! Pooling(input: relu.forward(), mode: .max, size: TinyCNN.poolSize,
                               names: TensorNames(input: "A", output: "P"))
        flatten = try! Flatten(input: pooling.forward())
        dense = try! Dense(input: flatten.forward(), weights: weights.denseWeights, bias: weights.denseBias)
        self.labels = labels
        let targets = labels.flatMap { label in (0..<TinyCNN.classCount).map { $0 == label ? 1.0 : 0 } }
        loss = try! SoftmaxCrossEntropy(scores: dense.forward(),
                                        target: Tensor(shape: [labels.count, TinyCNN.classCount], values: targets))
    }

    public var count: Int { labels.count }

    /// p, N×10.
    public var probabilities: Tensor { loss.softmax.forward() }

    /// The class each image scores highest (the first, on a tie).
    public var predictions: [Int] {
        let scores = loss.softmax.input.values
        return (0..<count).map { n in
            let base = n * TinyCNN.classCount
            var best = 0
            for k in 1..<TinyCNN.classCount where scores[base + k] > scores[base + best] { best = k }
            return best
        }
    }

    /// How many images are predicted right.
    public var correctCount: Int { zip(predictions, labels).filter { $0 == $1 }.count }

    /// The mean of the images' losses, added in image order.
    public var meanLoss: Double {
        var sum = 0.0
        for loss in loss.losses() { sum += loss }
        return sum / Double(count)
    }

    /// The backward pass of the mean loss over the batch.
    public func backward() -> BackwardPass { BackwardPass(forward: self) }
}

/// The backward pass of the batch's mean loss L = (L_1 + … + L_N)/N, layer by layer from the scores down to the
/// filters, each layer's gradient by the core's backward operations (explainable term by term there).
public struct BackwardPass: Sendable {
    /// ∂L/∂z = (p − y)/N.
    public let scoreGradient: Tensor
    public let dense: DenseBackward
    /// ∂L/∂P, N×4×3×3.
    public let pooledGradient: Tensor
    /// ∂L/∂A, N×4×6×6 (max pooling sends each window's gradient to its maximum).
    public let activationGradient: Tensor
    /// ∂L/∂O, N×4×6×6 (ReLU passes it where O > 0).
    public let convolutionOutputGradient: Tensor
    public let convolution: ConvolutionBackward

    init(forward: ForwardPass) {
        let count = Double(forward.count)
        scoreGradient = forward.loss.scoreGradient().mapValues { $0 / count }
        // The shapes follow from the forward pass, so none of these can throw.
        dense = try! forward.dense.backward(outputGradient: scoreGradient)
        pooledGradient = try! forward.flatten.backward(outputGradient: dense.inputGradient())
        activationGradient = try! forward.pooling.backward(outputGradient: pooledGradient)
        convolutionOutputGradient = try! forward.relu.backward(outputGradient: activationGradient)
        convolution = try! forward.convolution.backward(outputGradient: convolutionOutputGradient)
    }

    /// The gradients of every parameter.
    public var gradients: NetworkGradients {
        NetworkGradients(filters: convolution.weightGradient(), filterBias: convolution.biasGradient(),
                         denseWeights: dense.weightGradient(), denseBias: dense.biasGradient())
    }
}
