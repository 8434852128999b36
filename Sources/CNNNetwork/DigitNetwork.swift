import CNNCore

/// A network that mini-batch gradient descent can train on the digits (`SGDRun`) and a weights file can hold
/// (`WeightsFile`): the tutor's CNN (`NetworkWeights`) and the same network with a dense first layer
/// (`DenseFirstWeights`).
public protocol DigitNetwork: Equatable, Sendable {
    /// The layers in one line, written in weights files.
    static var summary: String { get }
    /// The parameter tensors by the names weights files give them, each with its shape, in a fixed order.
    static var tensorShapes: [(name: String, shape: [Int])] { get }
    /// Glorot-uniform weights drawn from `random`, biases 0.
    init(random: inout SplitMix64)
    /// The parameters from their tensors' values, in the order of `tensorShapes`.
    /// - Precondition: each holds as many values as its shape.
    init(tensors: [[Double]])
    /// The parameter tensors' values, in the order of `tensorShapes`.
    var tensors: [[Double]] { get }
    /// The mean loss over `images`, how many it gets right, and the digit it predicts for each.
    func evaluated(on images: [DigitImage]) -> Evaluation
    /// The mean loss and the count right, and the weights one step of `learningRate` down the gradient of the mean
    /// loss.
    func stepped(on images: [DigitImage], learningRate: Double) -> (BatchResult, Self)
}

extension DigitNetwork {
    /// How many numbers the network learns.
    public static var parameterCount: Int { tensorShapes.map { $0.shape.reduce(1, *) }.reduce(0, +) }
}

extension NetworkWeights: DigitNetwork {
    public static var summary: String { TinyCNN.summary }

    public static let tensorShapes: [(name: String, shape: [Int])] = [
        ("filters", [TinyCNN.filterCount, 1, TinyCNN.kernelSize, TinyCNN.kernelSize]),
        ("filter_bias", [TinyCNN.filterCount]),
        ("dense_weights", [TinyCNN.classCount, TinyCNN.featureCount]), ("dense_bias", [TinyCNN.classCount]),
    ]

    public init(tensors: [[Double]]) {
        let shapes = Self.tensorShapes.map(\.shape)
        self.init(filters: try! Tensor(shape: shapes[0], values: tensors[0]), filterBias: tensors[1],
                  denseWeights: try! Tensor(shape: shapes[2], values: tensors[2]), denseBias: tensors[3])
    }

    public var tensors: [[Double]] { [filters.values, filterBias, denseWeights.values, denseBias] }

    public func evaluated(on images: [DigitImage]) -> Evaluation {
        let forward = ForwardPass(weights: self, images: images)
        return Evaluation(result: forward.result, predictions: forward.predictions)
    }

    public func stepped(on images: [DigitImage], learningRate: Double) -> (BatchResult, NetworkWeights) {
        let forward = ForwardPass(weights: self, images: images)
        return (forward.result, descending(forward.backward().gradients, learningRate: learningRate))
    }
}

extension ForwardPass {
    /// The mean loss and the count right.
    var result: BatchResult { BatchResult(loss: meanLoss, correct: correctCount, count: count) }
}

/// What a network makes of a set of images.
public struct Evaluation: Equatable, Sendable {
    public let result: BatchResult
    /// The digit predicted for each image, in order.
    public let predictions: [Int]
}
