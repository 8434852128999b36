/// What the playground computes.
public enum PlaygroundOperation: String, CaseIterable, Sendable {
    case crossCorrelation = "cross-correlation"
    case trueConvolution = "true convolution"
    case maxPool = "max pool"
    case averagePool = "average pool"
    case transposed = "transposed convolution"

    public var isPooling: Bool { self == .maxPool || self == .averagePool }

    /// The next operation for the `o` key.
    public var next: PlaygroundOperation {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// A number the student sets with a key.
public enum PlaygroundParameter: String, CaseIterable, Sendable {
    case inputHeight = "input height"
    case inputWidth = "input width"
    case channels
    case filters = "number of filters"
    case filterSize = "filter size"
    case stride
    case padding
    case dilation
    /// A transposed convolution's extra rows and columns at the far end (PyTorch's `output_padding`).
    case outputPadding = "output padding"

    /// The playground's own bounds: lesson-sized shapes, drawn in a terminal.
    public var range: ClosedRange<Int> {
        switch self {
        case .inputHeight, .inputWidth: 1...64
        case .channels, .filters: 1...8
        case .filterSize: 1...11
        case .stride, .dilation: 1...8
        case .padding: 0...10
        case .outputPadding: 0...7
        }
    }
}

/// The shape of the layer in the playground.
public struct PlaygroundSettings: Equatable, Sendable {
    public var inputHeight: Int
    public var inputWidth: Int
    public var channels: Int
    public var filters: Int
    public var filterSize: Int
    public var stride: Int
    public var padding: Int
    public var dilation: Int
    /// Used by transposed convolution only.
    public var outputPadding: Int
    public var operation: PlaygroundOperation
    /// A 1-D signal (a lesson's x and w): one row of `inputWidth` values, a filter of `filterSize`, one channel and
    /// one filter; padding, stride and dilation act along its length only.
    public var isSignal: Bool

    public init(inputHeight: Int = 6, inputWidth: Int = 6, channels: Int = 1, filters: Int = 1, filterSize: Int = 3,
                stride: Int = 1, padding: Int = 0, dilation: Int = 1, outputPadding: Int = 0,
                operation: PlaygroundOperation = .crossCorrelation, isSignal: Bool = false) {
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.filters = filters
        self.filterSize = filterSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.outputPadding = outputPadding
        self.operation = operation
        self.isSignal = isSignal
    }

    public subscript(parameter: PlaygroundParameter) -> Int {
        get {
            switch parameter {
            case .inputHeight: inputHeight
            case .inputWidth: inputWidth
            case .channels: channels
            case .filters: filters
            case .filterSize: filterSize
            case .stride: stride
            case .padding: padding
            case .dilation: dilation
            case .outputPadding: outputPadding
            }
        }
        set {
            switch parameter {
            case .inputHeight: inputHeight = newValue
            case .inputWidth: inputWidth = newValue
            case .channels: channels = newValue
            case .filters: filters = newValue
            case .filterSize: filterSize = newValue
            case .stride: stride = newValue
            case .padding: padding = newValue
            case .dilation: dilation = newValue
            case .outputPadding: outputPadding = newValue
            }
        }
    }

    /// The first parameter outside the playground's bounds, as a one-line problem.
    public func problem() -> String? {
        for parameter in PlaygroundParameter.allCases where !parameter.range.contains(self[parameter]) {
            let range = parameter.range
            return "\(parameter.rawValue) must lie between \(range.lowerBound) and \(range.upperBound),"
                + " got \(self[parameter])"
        }
        if isSignal, let fixed = Self.signalFixed.first(where: { self[$0] != 1 }) {
            return "a 1-D signal has one row, one channel and one filter; \(fixed.rawValue) is \(self[fixed])"
        }
        return nil
    }

    /// What a 1-D signal keeps at 1.
    static let signalFixed: [PlaygroundParameter] = [.inputHeight, .channels, .filters]

    /// The rows of the filter: one for a signal, else `filterSize`.
    var filterRows: Int { isSignal ? 1 : filterSize }
    /// Shape of the input, C×H×W.
    var inputShape: [Int] { [channels, inputHeight, inputWidth] }
    /// Shape of the filter bank, K×C×F×F (K×C×1×F for a signal).
    var filterShape: [Int] { [filters, channels, filterRows, filterSize] }
}
