/// A pair of per-axis integers (rows, columns): strides, paddings, window sizes.
public struct Extent2D: Equatable, Sendable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    public init(_ both: Int) {
        self.init(rows: both, columns: both)
    }
}

/// Which of the canonical four axes (N, C, H, W — or K, C, Kh, Kw) the user wrote. A matrix is H×W,
/// a volume C×H×W; the axes left out stay out of shapes and subscripts shown back to the user.
public struct AxisMask: Equatable, Sendable {
    public let visible: [Bool]

    public init(visible: [Bool]) {
        precondition(visible.count == 4)
        self.visible = visible
    }

    /// The trailing `rank` axes are visible.
    public init(rank: Int) {
        self.init(visible: (0..<4).map { $0 >= 4 - rank })
    }

    public func displayShape(_ canonical: [Int]) -> [Int] {
        zip(canonical, visible).compactMap { $1 ? $0 : nil }
    }

    public func displayIndex(_ canonical: [Int]) -> [Int] {
        displayShape(canonical)
    }

    /// 0-based subscripts for symbols (the written axes only); `Symbols.name` adds the index base.
    public func subscripts(_ canonical: [Int]) -> [Int] {
        displayIndex(canonical)
    }

    /// A tensor of rank 1 to 4 as canonical rank 4, with the mask of its written axes. Rank 1 is a 1-D signal:
    /// one row of W values.
    public static func canonicalize(_ tensor: Tensor, what: Subject) throws -> (Tensor, AxisMask) {
        guard (1...4).contains(tensor.rank) else {
            throw CoreError.badRank(what: what, rank: tensor.rank,
                allowed: "1 (a 1-D signal), 2 (H×W), 3 (C×H×W) or 4 (N×C×H×W)")
        }
        let shape = Array(repeating: 1, count: 4 - tensor.rank) + tensor.shape
        return (tensor.reshaped(shape), AxisMask(rank: tensor.rank))
    }

    /// A filter as canonical K×C×Kh×Kw: rank 1 exactly when the input is a 1-D signal, else rank 2 to 4.
    public static func canonicalizeFilter(_ filter: Tensor, inputRank: Int) throws -> (Tensor, AxisMask) {
        if inputRank == 1 {
            guard filter.rank == 1 else {
                throw CoreError.badRank(what: .filter, rank: filter.rank, allowed: "1 (K), as the input has rank 1")
            }
        } else {
            guard (2...4).contains(filter.rank) else {
                throw CoreError.badRank(what: .filter, rank: filter.rank,
                    allowed: "2 (Kh×Kw), 3 (C×Kh×Kw) or 4 (K×C×Kh×Kw)")
            }
        }
        return try canonicalize(filter, what: .filter)
    }
}

/// The letters an operation's tensors go by in formulas; gradients are named "∂L/∂" + letter.
public struct TensorNames: Equatable, Sendable {
    public var input: String
    public var filter: String
    public var output: String
    public var bias: String

    public init(input: String = "X", filter: String = "F", output: String = "O", bias: String = "b") {
        self.input = input
        self.filter = filter
        self.output = output
        self.bias = bias
    }

    public static func gradient(_ name: String) -> String { "∂L/∂" + name }
}

@inline(__always) func floorDivide(_ a: Int, _ b: Int) -> Int {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

@inline(__always) func ceilDivide(_ a: Int, _ b: Int) -> Int {
    -floorDivide(-a, b)
}
