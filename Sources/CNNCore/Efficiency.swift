/// What a convolution saves against a dense matrix multiplication doing the same job (Goodfellow's
/// 320×280 edge-detection example): numbers stored and floating-point operations.
public struct EfficiencyCounts: Equatable, Sendable {
    public let inputHeight, inputWidth, kernelHeight, kernelWidth: Int
    public let outputHeight, outputWidth: Int

    public init(inputHeight: Int, inputWidth: Int, kernelHeight: Int, kernelWidth: Int) throws {
        outputHeight = try OutputSize.compute(inputSize: inputHeight, filterSize: kernelHeight, stride: 1, padding: 0, axis: "height")
        outputWidth = try OutputSize.compute(inputSize: inputWidth, filterSize: kernelWidth, stride: 1, padding: 0, axis: "width")
        (self.inputHeight, self.inputWidth, self.kernelHeight, self.kernelWidth) = (inputHeight, inputWidth, kernelHeight, kernelWidth)
    }

    public var inputCount: Int { inputHeight * inputWidth }
    public var outputCount: Int { outputHeight * outputWidth }
    public var kernelCount: Int { kernelHeight * kernelWidth }

    /// The kernel is all a convolution stores.
    public var convolutionStored: Int { kernelCount }
    /// Per output: one multiply per kernel cell and one fewer additions.
    public var convolutionOperations: Int { outputCount * (2 * kernelCount - 1) }
    /// A dense matrix has a weight for every (output, input) pair.
    public var denseStored: Int { outputCount * inputCount }
    /// Per output: a dot product over every input.
    public var denseOperations: Int { outputCount * (2 * inputCount - 1) }
    /// A sparse matrix keeps only the nonzero weights: the kernel, once per output.
    public var sparseStored: Int { kernelCount * outputCount }
    /// The sparse product does exactly the convolution's arithmetic.
    public var sparseOperations: Int { convolutionOperations }

    /// Every count by its result name.
    public var named: [(name: String, value: Int)] {
        [("output_height", outputHeight), ("output_width", outputWidth),
         ("conv_stored", convolutionStored), ("conv_ops", convolutionOperations),
         ("dense_stored", denseStored), ("dense_ops", denseOperations),
         ("sparse_stored", sparseStored), ("sparse_ops", sparseOperations)]
    }
}
