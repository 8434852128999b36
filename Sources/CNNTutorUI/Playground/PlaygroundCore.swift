import CNNCore

/// The layer the core built for the current settings.
public enum PlaygroundLayer: Sendable {
    case convolution(Convolution)
    case pooling(Pooling)

    /// Canonical output shape N×K×H'×W' (K is the channel count for pooling).
    public var outputShape: [Int] {
        switch self {
        case .convolution(let convolution): convolution.outputShape
        case .pooling(let pooling): pooling.outputShape
        }
    }
}

/// Everything the core computed for one setting: the layer, its output, and a random ∂L/∂O of the output's shape.
public struct PlaygroundComputation: Sendable {
    public let layer: PlaygroundLayer
    /// Canonical 1×K×H'×W'.
    public let output: Tensor
    /// Canonical 1×K×H'×W', small random integers.
    public let outputGradient: Tensor
}

/// The result of asking the core: computed, or a setting the core cannot compute yet.
public enum PlaygroundOutcome: Sendable {
    case computed(PlaygroundComputation)
    case notAvailable(String)
}

/// ∂L/∂X at one input cell by two routes: the chain rule (Σ ∂L/∂O · F over the outputs the cell feeds) and the
/// full convolution of the 180°-rotated filter with ∂L/∂O, stride-dilated and zero-padded by F − 1.
public struct InputGradientRoutes: Sendable {
    public let chainRule: Explanation
    /// The full convolution's term-by-term sum at (row + P, column + P); nil when that lies past its output
    /// (no window reaches the cell, so the gradient is an empty sum).
    public let fullConvolution: Explanation?
    public let stride: Int

    public var fullConvolutionValue: Double { fullConvolution?.value ?? 0 }
}

/// Where the playground meets the core. Every number comes from here, and only from the core's functions;
/// `dilatedConvolution` and `transposed` are the two plug-in points for operations the core lacks today.
public enum PlaygroundCore {
    /// Builds the layer the settings describe and runs it; a combination the core refuses throws its `CoreError`.
    public static func compute(_ settings: PlaygroundSettings, input: Tensor, filter: Tensor,
                               gradient: (_ shape: [Int]) -> Tensor) throws -> PlaygroundOutcome {
        let layer: PlaygroundLayer
        switch settings.operation {
        case .crossCorrelation, .trueConvolution:
            guard let convolution = try dilatedConvolution(settings, input: input, filter: filter) else {
                return .notAvailable("dilation \(settings.dilation) is not available yet:"
                                     + " the core has no dilated convolution")
            }
            layer = .convolution(convolution)
        case .maxPool, .averagePool:
            guard settings.dilation == 1 else {
                return .notAvailable("dilation \(settings.dilation) is not available yet for pooling")
            }
            layer = .pooling(try Pooling(input: input, mode: settings.operation == .maxPool ? .max : .average,
                                         size: settings.filterSize, stride: settings.stride, padding: settings.padding))
        case .transposed:
            guard let transposedLayer = try transposed(settings, input: input, filter: filter) else {
                return .notAvailable("transposed convolution is not available yet: the core does not compute it")
            }
            layer = transposedLayer
        }
        let output: Tensor
        switch layer {
        case .convolution(let convolution): output = convolution.forward()
        case .pooling(let pooling): output = pooling.forward()
        }
        return .computed(PlaygroundComputation(layer: layer, output: output, outputGradient: gradient(output.shape)))
    }

    /// Plug-in point: a convolution with dilation. Today the core knows dilation 1 only, so any other answers nil;
    /// point this at the core's dilated convolution once it has one.
    static func dilatedConvolution(_ settings: PlaygroundSettings, input: Tensor,
                                   filter: Tensor) throws -> Convolution? {
        guard settings.dilation == 1 else { return nil }
        return try Convolution(input: input, filter: filter, stride: settings.stride, padding: settings.padding,
                               flipsKernel: settings.operation == .trueConvolution)
    }

    /// Plug-in point: transposed convolution, which the core does not compute yet.
    static func transposed(_ settings: PlaygroundSettings, input: Tensor, filter: Tensor) throws -> PlaygroundLayer? {
        nil
    }

    /// The output-size formula with the current numbers, one line per axis (one when both are equal), from the core.
    public static func outputSizeLines(_ settings: PlaygroundSettings) -> [String] {
        if settings.operation == .transposed {
            return ["(H − 1)·S − 2P + D·(K − 1) + A + 1 (transposed convolution: not available yet)"]
        }
        if settings.dilation > 1 {
            return ["⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 (dilation: not available yet)"]
        }
        let axes = settings.inputHeight == settings.inputWidth
            ? [("", settings.inputHeight)] : [("height ", settings.inputHeight), ("width ", settings.inputWidth)]
        return axes.map { label, size in
            do {
                return label + (try OutputSize.explain(inputSize: size, filterSize: settings.filterSize,
                                                       stride: settings.stride, padding: settings.padding))
            } catch {
                return label + "no output: \(error)"
            }
        }
    }

    /// The gather view: how output (k, i, j) comes about, term by term.
    public static func gather(_ computation: PlaygroundComputation, k: Int, i: Int, j: Int) -> Explanation {
        switch computation.layer {
        case .convolution(let convolution):
            return convolution.explainOutput(at: [0, k, i, j])
        case .pooling(let pooling):
            return pooling.explainOutput((k * pooling.outputHeight + i) * pooling.outputWidth + j)
        }
    }

    /// The scatter view of a pooling layer: ∂L/∂X at (c, row, column), term by term, and the whole-tensor
    /// backward pass's value there.
    public static func poolingScatter(_ pooling: Pooling, outputGradient: Tensor, c: Int, row: Int,
                                      column: Int) throws -> (explanation: Explanation, backward: Double) {
        let flat = (c * pooling.height + row) * pooling.width + column
        let explanation = try pooling.explainInputGradient(flat, outputGradient: outputGradient)
        return (explanation, try pooling.backward(outputGradient: outputGradient).values[flat])
    }

    /// The scatter view of a convolution: ∂L/∂X at (c, row, column) by both routes.
    public static func inputGradientRoutes(_ convolution: Convolution, outputGradient: Tensor, c: Int, row: Int,
                                           column: Int) throws -> InputGradientRoutes {
        let backward = try convolution.backward(outputGradient: outputGradient)
        let chainRule = backward.explainInputGradient((c * convolution.height + row) * convolution.width + column)
        let stride = convolution.stride.rows
        let full = try Convolution.full(input: try backward.outputGradient.dilated(by: stride),
                                        filter: channelsSwapped(slidingFilters(of: convolution)),
                                        names: TensorNames(input: TensorNames.gradient(convolution.names.output),
                                                           filter: convolution.names.filter,
                                                           output: TensorNames.gradient(convolution.names.input)))
        let (fullRow, fullColumn) = (row + convolution.padding.rows, column + convolution.padding.columns)
        let inside = fullRow < full.outputHeight && fullColumn < full.outputWidth
        return InputGradientRoutes(chainRule: chainRule,
                                   fullConvolution: inside ? full.explainOutput(at: [0, c, fullRow, fullColumn]) : nil,
                                   stride: stride)
    }

    /// The filters as they slide over the input: turned by 180° for true convolution.
    static func slidingFilters(of convolution: Convolution) -> Tensor {
        convolution.flipsKernel ? convolution.filters.rotated180() : convolution.filters
    }

    /// K×C×Kh×Kw → C×K×Kh×Kw: the backward pass maps the K gradient planes back onto the C input channels.
    static func channelsSwapped(_ filters: Tensor) -> Tensor {
        let (k, c, area) = (filters.shape[0], filters.shape[1], filters.shape[2] * filters.shape[3])
        var swapped = filters.values
        for outer in 0..<k {
            for inner in 0..<c {
                for cell in 0..<area {
                    swapped[(inner * k + outer) * area + cell] = filters.values[(outer * c + inner) * area + cell]
                }
            }
        }
        return filters.reshaped([c, k, filters.shape[2], filters.shape[3]]).replacingValues(swapped)
    }
}

private extension Tensor {
    func replacingValues(_ newValues: [Double]) -> Tensor {
        var copy = self
        copy.values = newValues
        return copy
    }
}
