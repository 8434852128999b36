/// What a convolution saves against a dense matrix multiplication doing the same job (Goodfellow's
/// 320×280 edge-detection example): numbers stored and floating-point operations.
///
/// The counts are worked out once, with overflow checks: a dense matrix for a 50000×50000 input would need
/// more operations than an Int holds, and that is refused as a `CoreError` naming the input.
public struct EfficiencyCounts: Equatable, Sendable {
    public let inputHeight, inputWidth, kernelHeight, kernelWidth: Int
    public let outputHeight, outputWidth: Int
    public let inputCount, outputCount, kernelCount: Int
    /// Per output: one multiply per kernel cell and one fewer additions.
    public let convolutionOperations: Int
    /// A dense matrix has a weight for every (output, input) pair.
    public let denseStored: Int
    /// Per output: a dot product over every input.
    public let denseOperations: Int
    /// A sparse matrix keeps only the nonzero weights: the kernel, once per output.
    public let sparseStored: Int

    public init(inputHeight: Int, inputWidth: Int, kernelHeight: Int, kernelWidth: Int) throws {
        outputHeight = try OutputSize.compute(inputSize: inputHeight, filterSize: kernelHeight, stride: 1, padding: 0,
            axis: "height")
        outputWidth = try OutputSize.compute(inputSize: inputWidth, filterSize: kernelWidth, stride: 1, padding: 0,
            axis: "width")
        (self.inputHeight, self.inputWidth, self.kernelHeight, self.kernelWidth) = (inputHeight, inputWidth,
            kernelHeight, kernelWidth)
        // Every extent is at most 10⁷ (checked above), so these three products fit; the rest are checked.
        (inputCount, outputCount, kernelCount) = (inputHeight * inputWidth, outputHeight * outputWidth,
            kernelHeight * kernelWidth)
        let input = Subject(.input, "the input \(inputHeight)×\(inputWidth)")
        let filter = Subject(.filter, "the kernel \(kernelHeight)×\(kernelWidth)")
        convolutionOperations = try Self.product(outputCount, 2 * kernelCount - 1,
            counting: "the convolution's operations",
                                                 of: filter)
        denseStored = try Self.product(outputCount, inputCount, counting: "the dense matrix's weights", of: input)
        denseOperations = try Self.product(outputCount, 2 * inputCount - 1, counting: "the dense matrix's operations",
            of: input)
        sparseStored = try Self.product(kernelCount, outputCount, counting: "the sparse matrix's weights", of: filter)
    }

    /// a·b, or a refusal naming the operand whose size makes `quantity` uncountable.
    static func product(_ a: Int, _ b: Int, counting quantity: String, of operand: Subject) throws -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw CoreError.uncountable(what: operand, quantity: quantity) }
        return value
    }

    /// The kernel is all a convolution stores.
    public var convolutionStored: Int { kernelCount }
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
