import CNNCore

/// The tutor's network for 8×8 digits, every layer one of the core's operations:
///
///     X (8×8) → conv 3×3, 4 filters (stride 1, no padding) → O (4×6×6) → ReLU → A → max pool 2 → P (4×3×3)
///       → flatten → a (36) → dense 36 → 10 → z → softmax p, cross-entropy L against the label.
public enum TinyCNN {
    public static let filterCount = 4
    public static let kernelSize = 3
    public static let poolSize = 2
    public static let classCount = 10
    /// 8 − 3 + 1 = 6.
    public static let convolvedSide = DigitImage.side - kernelSize + 1
    /// 6 / 2 = 3.
    public static let pooledSide = convolvedSide / poolSize
    /// 4·3·3 = 36: the dense layer's inputs.
    public static let featureCount = filterCount * pooledSide * pooledSide

    /// "conv 3×3 ×4 → ReLU → max pool 2 → flatten 36 → dense 10 → softmax".
    public static let summary = "conv \(kernelSize)×\(kernelSize) ×\(filterCount) → ReLU → max pool \(poolSize) → "
        + "flatten \(featureCount) → dense \(classCount) → softmax"
}

/// The network's parameters: the filters and their biases, the dense weights and theirs.
public struct NetworkWeights: Equatable, Sendable {
    /// 4×1×3×3.
    public var filters: Tensor
    /// 4.
    public var filterBias: [Double]
    /// 10×36.
    public var denseWeights: Tensor
    /// 10.
    public var denseBias: [Double]

    /// - Precondition: the shapes are the network's (see `TinyCNN`).
    public init(filters: Tensor, filterBias: [Double], denseWeights: Tensor, denseBias: [Double]) {
        precondition(filters.shape == [TinyCNN.filterCount, 1, TinyCNN.kernelSize, TinyCNN.kernelSize]
                     && filterBias.count == TinyCNN.filterCount
                     && denseWeights.shape == [TinyCNN.classCount, TinyCNN.featureCount]
                     && denseBias.count == TinyCNN.classCount, "weights of the wrong shape for the network")
        (self.filters, self.filterBias, self.denseWeights, self.denseBias) =
            (filters, filterBias, denseWeights, denseBias)
    }

    /// Glorot-uniform weights drawn from `random` (filters first, row-major, then the dense weights), each
    /// uniform in ±√(6/(fan in + fan out)); biases 0.
    public init(random: inout SplitMix64) {
        let filterLimit = Self.glorotLimit(fanIn: TinyCNN.kernelSize * TinyCNN.kernelSize,
                                           fanOut: TinyCNN.filterCount * TinyCNN.kernelSize * TinyCNN.kernelSize)
        let denseLimit = Self.glorotLimit(fanIn: TinyCNN.featureCount, fanOut: TinyCNN.classCount)
        let filterShape = [TinyCNN.filterCount, 1, TinyCNN.kernelSize, TinyCNN.kernelSize]
        let filterValues = (0..<filterShape.reduce(1, *)).map { _ in random.nextSymmetric(limit: filterLimit) }
        let denseValues = (0..<(TinyCNN.classCount * TinyCNN.featureCount)).map { _ in
            random.nextSymmetric(limit: denseLimit)
        }
        self.init(filters: try! Tensor(shape: filterShape, values: filterValues),
                  filterBias: Array(repeating: 0, count: TinyCNN.filterCount),
                  denseWeights: try! Tensor(shape: [TinyCNN.classCount, TinyCNN.featureCount], values: denseValues),
                  denseBias: Array(repeating: 0, count: TinyCNN.classCount))
    }

    static func glorotLimit(fanIn: Int, fanOut: Int) -> Double { (6 / Double(fanIn + fanOut)).squareRoot() }

    /// Every parameter, in the order filters, filter bias, dense weights, dense bias.
    public var parameters: [Double] { filters.values + filterBias + denseWeights.values + denseBias }

    /// A step down the gradient: each parameter minus learning rate × its gradient.
    public func descending(_ gradients: NetworkGradients, learningRate: Double) -> NetworkWeights {
        let step = { (value: Double, gradient: Double) in value - learningRate * gradient }
        return NetworkWeights(
            filters: filters.replacingValues(zip(filters.values, gradients.filters.values).map(step)),
            filterBias: zip(filterBias, gradients.filterBias).map(step),
            denseWeights: denseWeights.replacingValues(zip(denseWeights.values, gradients.denseWeights.values)
                .map(step)),
            denseBias: zip(denseBias, gradients.denseBias).map(step))
    }
}

/// ∂L/∂ of every parameter, in the parameters' shapes.
public struct NetworkGradients: Equatable, Sendable {
    public let filters: Tensor
    public let filterBias: [Double]
    public let denseWeights: Tensor
    public let denseBias: [Double]

    /// In the order of `NetworkWeights.parameters`.
    public var parameters: [Double] { filters.values + filterBias + denseWeights.values + denseBias }
}
