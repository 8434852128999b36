import CNNCore

/// How a lesson is shown, beyond its numbers: the index base of every name and caption (X11 from 1 as on
/// the slides, X00 from 0 as in numpy), and whether its convolution steps are computed with the other
/// operation (cross-correlation ↔ true convolution) so the two can be compared on the same numbers.
public struct Conventions: Equatable, Sendable {
    public var indexBase: IndexBase
    /// `conv` steps computed as true convolution (the filter turned 180°), `convolve` steps as
    /// cross-correlation; every later step that uses their results follows.
    public var swapsKernelFlip: Bool

    public init(indexBase: IndexBase = .one, swapsKernelFlip: Bool = false) {
        self.indexBase = indexBase
        self.swapsKernelFlip = swapsKernelFlip
    }
}

/// The two operations a convolution step can be: the filter slid as given, or turned by 180° first.
public enum KernelOperation: Equatable, Sendable, CustomStringConvertible {
    case crossCorrelation
    case trueConvolution

    /// The operation a lesson step writes, nil for a step that is not a convolution (`full-conv` is the
    /// input gradient, always a true convolution, so it does not switch).
    init?(_ operation: Operation) {
        switch operation {
        case .conv: self = .crossCorrelation
        case .convolve: self = .trueConvolution
        default: return nil
        }
    }

    public var other: KernelOperation { self == .crossCorrelation ? .trueConvolution : .crossCorrelation }

    public var description: String {
        self == .crossCorrelation ? "cross-correlation" : "true convolution"
    }
}
