/// The layout of the vector operations (dense, softmax, cross-entropy): one sample of K values (rank 1) or a batch
/// of N samples (rank 2, N×K), stored canonically as N×K. Subscripts name the sample only when a batch was given.
public struct Samples: Equatable, Sendable {
    /// N: 1 for a single sample.
    public let count: Int
    /// K: the values of one sample.
    public let width: Int
    /// The input was written N×K rather than as one vector.
    public let isBatch: Bool

    /// The layout of `tensor`, refused unless it has rank 1 or 2.
    /// - Parameters:
    ///   - tensor: one sample (rank 1) or a batch (rank 2).
    ///   - what: the operand, for the refusal.
    public init(of tensor: Tensor, what: Subject) throws {
        guard (1...2).contains(tensor.rank) else {
            throw CoreError.badRank(what: what, rank: tensor.rank, allowed: "1 (one sample) or 2 (N samples × values)")
        }
        isBatch = tensor.rank == 2
        count = isBatch ? tensor.shape[0] : 1
        width = tensor.shape[tensor.rank - 1]
    }

    /// The canonical N×K shape.
    public var shape: [Int] { [count, width] }
    /// The shape as written: K, or N×K.
    public var displayShape: [Int] { isBatch ? [count, width] : [width] }
    /// The same layout for another width (a dense layer's output).
    public func with(width: Int) -> Samples { Samples(count: count, width: width, isBatch: isBatch) }

    /// The subscripts of element k of sample n as written: [k], or [n, k].
    public func subscripts(sample n: Int, _ k: Int) -> [Int] { isBatch ? [n, k] : [k] }

    /// A factor named `name` for element k of sample n of `values` (canonical N×K, row-major).
    func factor(_ name: String, sample n: Int, _ k: Int, values: [Double]) -> Factor {
        Factor(name: name, position: [n, k], subscripts: subscripts(sample: n, k), value: values[n * width + k])
    }

    /// `gradient` as canonical N×K when it has this layout's displayed or canonical shape.
    func canonicalGradient(_ gradient: Tensor, what: Subject = .outputGradient) throws -> Tensor {
        if gradient.shape == shape { return gradient }
        if gradient.shape == displayShape { return gradient.reshaped(shape) }
        throw CoreError.shapeMismatch(what: what, expected: displayShape, found: gradient.shape)
    }

    /// - Precondition: `count` and `width` are at least 1; `count` is 1 unless `isBatch`.
    public init(count: Int, width: Int, isBatch: Bool) {
        precondition(count >= 1 && width >= 1 && (isBatch || count == 1), "a sample layout of \(count)×\(width)")
        (self.count, self.width, self.isBatch) = (count, width, isBatch)
    }
}
