import CNNCore

/// The layer the core built for the current settings.
public enum PlaygroundLayer: Sendable {
    case convolution(Convolution)
    case pooling(Pooling)
    case transposed(TransposedConvolution)

    /// Canonical output shape N×K×H'×W' (K is the channel count for pooling).
    public var outputShape: [Int] {
        switch self {
        case .convolution(let convolution): convolution.outputShape
        case .pooling(let pooling): pooling.outputShape
        case .transposed(let transposed): transposed.outputShape
        }
    }

    func forward() -> Tensor {
        switch self {
        case .convolution(let convolution): convolution.forward()
        case .pooling(let pooling): pooling.forward()
        case .transposed(let transposed): transposed.forward()
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

/// ∂L/∂X at one input cell by two routes: the chain rule (Σ ∂L/∂O · F over the outputs the cell feeds) and the
/// full convolution of the 180°-rotated filter, dilated by D, with ∂L/∂O stride-dilated by S and zero-padded
/// by D·(F − 1).
public struct InputGradientRoutes: Sendable {
    public let chainRule: Explanation
    /// The full convolution's term-by-term sum at (row + P, column + P); nil when that lies past its output
    /// (no window reaches the cell, so the gradient is an empty sum).
    public let fullConvolution: Explanation?
    public let stride: Int
    public let dilation: Int

    public var fullConvolutionValue: Double { fullConvolution?.value ?? 0 }
}

/// Where the playground meets the core. Every number comes from here, and only from the core's functions.
public enum PlaygroundCore {
    /// Builds the layer the settings describe and runs it; a combination the core refuses throws its `CoreError`,
    /// one the playground does not offer (a dilated pooling window) a `PlaygroundRefusal`.
    /// `input` is C×H×W and `filter` K×C×F×F; one channel and one filter are handed to the core as the slides
    /// write them (X11 rather than X111), a signal as one row of values (x2, and the core's 1-D rules).
    public static func compute(_ settings: PlaygroundSettings, input: Tensor, filter: Tensor,
                               gradient: (_ shape: [Int]) -> Tensor) throws -> PlaygroundComputation {
        let dropped = settings.isSignal ? 2 : settings.channels == 1 ? 1 : 0
        let layer = try makeLayer(settings, input: written(input, dropping: dropped), filter: filter)
        let output = layer.forward()
        return PlaygroundComputation(layer: layer, output: output, outputGradient: gradient(output.shape))
    }

    static func makeLayer(_ settings: PlaygroundSettings, input: Tensor, filter: Tensor) throws -> PlaygroundLayer {
        let singleChannel = settings.channels == 1
        switch settings.operation {
        case .crossCorrelation, .trueConvolution:
            let dropped = settings.isSignal ? 3 : settings.filters == 1 ? (singleChannel ? 2 : 1) : 0
            let written = written(filter, dropping: dropped)
            return .convolution(try Convolution(input: input, filter: written, stride: settings.stride,
                                                padding: settings.padding, dilation: settings.dilation,
                                                flipsKernel: settings.operation == .trueConvolution))
        case .maxPool, .averagePool:
            guard settings.dilation == 1 else {
                throw PlaygroundRefusal(message: "a pooling window here has no dilation (d lowers it to 1)")
            }
            return .pooling(try Pooling(input: input, mode: settings.operation == .maxPool ? .max : .average,
                                        size: settings.filterSize, stride: settings.stride, padding: settings.padding))
        case .transposed:
            // The core's bank is C_in×C_out×F×F: the playground's K filters are its output channels.
            let bank = settings.isSignal ? written(filter, dropping: 3)
                : singleChannel && settings.filters == 1 ? written(filter, dropping: 2) : channelsSwapped(filter)
            return .transposed(try TransposedConvolution(input: input, filter: bank, stride: settings.stride,
                                                         padding: settings.padding,
                                                         outputPadding: settings.outputPadding,
                                                         dilation: settings.dilation))
        }
    }

    /// The tensor without its first `count` axes (each of size 1).
    static func written(_ tensor: Tensor, dropping count: Int) -> Tensor {
        count == 0 ? tensor : tensor.reshaped(Array(tensor.shape.dropFirst(count)))
    }

    /// The output-size formula with the current numbers, one line per axis (one when both are equal), from the core.
    public static func outputSizeLines(_ settings: PlaygroundSettings) -> [String] {
        let axes = settings.isSignal ? [("", settings.inputWidth)] : settings.inputHeight == settings.inputWidth
            ? [("", settings.inputHeight)] : [("height ", settings.inputHeight), ("width ", settings.inputWidth)]
        return axes.map { label, size in
            do {
                return label + (try outputSizeLine(settings, inputSize: size))
            } catch {
                return label + "no output: \(error)"
            }
        }
    }

    private static func outputSizeLine(_ settings: PlaygroundSettings, inputSize: Int) throws -> String {
        if settings.operation == .transposed {
            return try OutputSize.explainTransposed(inputSize: inputSize, filterSize: settings.filterSize,
                                                    stride: settings.stride, padding: settings.padding,
                                                    outputPadding: settings.outputPadding,
                                                    dilation: settings.dilation)
        }
        return try OutputSize.explain(inputSize: inputSize, filterSize: settings.filterSize, stride: settings.stride,
                                      padding: settings.padding, dilation: settings.dilation)
    }

    /// The gather view: how output (k, i, j) comes about, term by term.
    public static func gather(_ computation: PlaygroundComputation, k: Int, i: Int, j: Int) -> Explanation {
        switch computation.layer {
        case .convolution(let convolution):
            return convolution.explainOutput(at: [0, k, i, j])
        case .pooling(let pooling):
            return pooling.explainOutput((k * pooling.outputHeight + i) * pooling.outputWidth + j)
        case .transposed(let transposed):
            return transposed.explainOutput((k * transposed.outputHeight + i) * transposed.outputWidth + j)
        }
    }

    /// The scatter view of a transposed convolution: the input value at (c, row, column) times each filter
    /// weight, landing on the output cells its scaled filter copies reach.
    public static func transposedScatter(_ transposed: TransposedConvolution, c: Int, row: Int,
                                         column: Int) -> [ScatterContribution] {
        transposed.scatter((c * transposed.height + row) * transposed.width + column)
    }

    /// The name of a transposed convolution's output cell at canonical `position`, as its explanations write it.
    public static func outputSymbol(_ transposed: TransposedConvolution, at position: [Int]) -> String {
        let flat = ((position[0] * transposed.outputChannels + position[1]) * transposed.outputHeight + position[2])
            * transposed.outputWidth + position[3]
        return transposed.explainOutput(flat).target.symbol
    }

    /// The scatter view of a pooling layer: ∂L/∂X at (c, row, column), term by term, and the whole-tensor
    /// backward pass's value there.
    public static func poolingScatter(_ pooling: Pooling, outputGradient: Tensor, c: Int, row: Int,
                                      column: Int) throws -> (explanation: Explanation, backward: Double) {
        let flat = (c * pooling.height + row) * pooling.width + column
        let explanation = try pooling.explainInputGradient(flat, outputGradient: outputGradient)
        return (explanation, try pooling.backward(outputGradient: outputGradient).values[flat])
    }

    /// The scatter view of a convolution: ∂L/∂X at (c, row, column) by both routes. The full convolution slides
    /// the rotated filter, its taps D apart, over ∂L/∂O with S − 1 zeros between its values and D·(F − 1)
    /// around them; its output (r, q) is ∂L/∂X at (r − P, q − P).
    public static func inputGradientRoutes(_ convolution: Convolution, outputGradient: Tensor, c: Int, row: Int,
                                           column: Int) throws -> InputGradientRoutes {
        let backward = try convolution.backward(outputGradient: outputGradient)
        let chainRule = backward.explainInputGradient((c * convolution.height + row) * convolution.width + column)
        // Along the columns: a signal's rows neither stride nor dilate (and a 2-D layer's rows do as its columns).
        let (stride, dilation) = (convolution.stride.columns, convolution.dilation)
        let names = TensorNames(input: TensorNames.gradient(convolution.names.output), filter: convolution.names.filter,
                                output: TensorNames.gradient(convolution.names.input))
        let border = Extent2D(rows: dilation.rows * (convolution.kernelHeight - 1),
                              columns: dilation.columns * (convolution.kernelWidth - 1))
        let full = try Convolution(input: try backward.outputGradient.dilated(by: stride),
                                   filter: channelsSwapped(slidingFilters(of: convolution)), stride: Extent2D(1),
                                   padding: border, dilation: dilation, flipsKernel: true, names: names)
        let (fullRow, fullColumn) = (row + convolution.padding.rows, column + convolution.padding.columns)
        let inside = fullRow < full.outputHeight && fullColumn < full.outputWidth
        return InputGradientRoutes(chainRule: chainRule,
                                   fullConvolution: inside ? full.explainOutput(at: [0, c, fullRow, fullColumn]) : nil,
                                   stride: stride, dilation: dilation.columns)
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
