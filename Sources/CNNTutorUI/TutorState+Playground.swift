import CNNCore
import CNNLessons

/// Where `p` opens the playground: the operation and numbers of the lesson's current step when the playground
/// has that operation (a convolution, true or not, 2-D or 1-D, dilated or strided; a pooling; a transposed
/// convolution), otherwise the playground's own default shape.
public struct PlaygroundStart: Equatable, Sendable {
    /// W (a 1-D signal), H×W or C×H×W (a lesson's grid or list of grids); nil for the default playground.
    public var input: Tensor?
    /// The filter of a convolution (F, F×F, C×F×F or K×C×F×F; a transposed convolution's K are its output
    /// channels); nil for pooling.
    public var filter: Tensor?
    public var windowSize = 0
    public var stride = 1
    public var padding = 0
    public var dilation = 1
    /// A transposed convolution's extra rows and columns at the far end.
    public var outputPadding = 0
    public var operation = PlaygroundOperation.crossCorrelation
    /// What the lesson's layer has that the playground does not (its bias, its ReLU): the outputs differ by it.
    public var leftOut: [String] = []
    /// Where the numbers come from, or why the default was used: the playground's first status line.
    public var note: String

    /// The playground this start describes; numbers it cannot show give the default one, saying why.
    public func state(options: TutorOptions, width: Int, height: Int, seed: UInt64) -> PlaygroundState {
        do {
            var state: PlaygroundState
            if let input, let filter {
                state = try PlaygroundState(input: input, filter: filter, stride: stride, padding: padding,
                                            dilation: dilation, outputPadding: outputPadding, operation: operation,
                                            seed: seed, options: options, width: width, height: height)
            } else if let input {
                state = try PlaygroundState(input: input, windowSize: windowSize, stride: stride, padding: padding,
                                            operation: operation, seed: seed, options: options, width: width,
                                            height: height)
            } else {
                state = Self.defaultState(options: options, width: width, height: height, seed: seed)
            }
            state.message = note
            return state
        } catch {
            var state = Self.defaultState(options: options, width: width, height: height, seed: seed)
            state.message = "this step's numbers do not fit the playground (\(error)): it starts from its own;"
                + " q returns to the lesson"
            return state
        }
    }

    static func defaultState(options: TutorOptions, width: Int, height: Int, seed: UInt64) -> PlaygroundState {
        // The default shape (6×6, a 3×3 filter) always has an output: PlaygroundStateTests start from it.
        try! PlaygroundState(seed: seed, options: options, width: width, height: height)
    }
}

extension TutorState {
    /// The playground start for the current step: its operation and its numbers as the frames show them (an
    /// earlier step's result filled in, the session's edits and random numbers included).
    public var playgroundStart: PlaygroundStart {
        let back = "q returns to the lesson"
        guard let player = currentSource as? LessonPlayer, let operation = player.resolvedOperation(at: step) else {
            return PlaygroundStart(note: "this step computes no layer: the playground starts from its own numbers; "
                                   + back)
        }
        guard var start = Self.playgroundStart(operation) else {
            return PlaygroundStart(note: "this step's \(Self.describe(operation)) is not an operation the"
                                   + " playground has: it starts from its own numbers; " + back)
        }
        // `c` showed this step with the other operation: the playground starts with the one on screen.
        if player.conventions.swapsKernelFlip, player.kernelOperation(at: step) != nil {
            start.operation = start.operation == .crossCorrelation ? .trueConvolution : .crossCorrelation
        }
        let without = start.leftOut.isEmpty ? "" : " without its " + start.leftOut.joined(separator: " and ")
        start.note = "from \(player.lesson.id), step \(step + 1): its numbers\(without), everything recomputed at each"
            + " key; " + back
        return start
    }

    /// The layer of a lesson operation when the playground has it; nil otherwise.
    static func playgroundStart(_ operation: Operation) -> PlaygroundStart? {
        var start = PlaygroundStart(note: "")
        switch operation {
        case .conv(let fields):
            guard fields.groups == 1 else { return nil }
            (start.input, start.filter) = (fields.input.tensor, fields.filter.tensor)
            (start.stride, start.padding, start.dilation) = (fields.stride, fields.padding, fields.dilation)
            start.leftOut = (fields.bias == nil ? [] : ["bias"]) + (fields.relu ? ["ReLU"] : [])
        case .convBackward(let fields):
            guard fields.groups == 1 else { return nil }
            (start.input, start.filter) = (fields.input.tensor, fields.filter.tensor)
            (start.stride, start.padding, start.dilation) = (fields.stride, fields.padding, fields.dilation)
            start.leftOut = fields.bias == nil ? [] : ["bias"]
        case .im2col(let fields):
            (start.input, start.filter) = (fields.input.tensor, fields.filter.tensor)
            (start.stride, start.padding) = (fields.stride, fields.padding)
        case .convolve(let fields):
            (start.input, start.filter, start.operation) = (fields.input.tensor, fields.filter.tensor, .trueConvolution)
            // Full mode pads by F − 1, so that every overlap counts.
            if fields.mode == .full, let filter = start.filter { start.padding = filter.shape[filter.rank - 1] - 1 }
        case .fullConv(let fields):
            (start.input, start.filter, start.operation) = (fields.grad.tensor, fields.filter.tensor, .trueConvolution)
            if let filter = start.filter { start.padding = filter.shape[filter.rank - 1] - 1 }
        case .transposed(let fields):
            start = transposedStart(fields)
        case .pool(let fields):
            guard fields.across == .positions else { return nil }
            start = poolingStart(fields)
        case .poolBackward(let fields):
            guard fields.pool.across == .positions else { return nil }
            start = poolingStart(fields.pool)
        case .rotate, .dilate, .relu, .reluBackward, .size, .efficiency, .localConv, .tiledConv,
             .flatten, .dense, .denseBackward, .softmax, .crossEntropy, .softmaxCrossEntropyBackward, .sgdStep,
             .evaluate:
            return nil
        }
        return start
    }

    /// "conv with groups: 2", "pool across channels", "rotate": what `op:` does, as far as the playground cares.
    static func describe(_ operation: Operation) -> String {
        switch operation {
        case .conv(let fields) where fields.groups > 1: "conv with groups: \(fields.groups)"
        case .convBackward(let fields) where fields.groups > 1: "conv-backward with groups: \(fields.groups)"
        case .pool(let fields) where fields.across == .channels: "pool across channels"
        case .poolBackward(let fields) where fields.pool.across == .channels: "pool-backward across channels"
        default: operation.name.rawValue
        }
    }

    /// A transposed convolution: its bank C_in×C_out×F×F becomes the playground's C_out filters of C_in channels.
    static func transposedStart(_ fields: TransposedFields) -> PlaygroundStart {
        var start = PlaygroundStart(input: fields.input.tensor, stride: fields.stride, padding: fields.padding,
                                    dilation: fields.dilation, outputPadding: fields.outputPadding,
                                    operation: .transposed, leftOut: fields.bias == nil ? [] : ["bias"], note: "")
        start.filter = fields.filter.tensor.map { $0.rank == 4 ? PlaygroundCore.channelsSwapped($0) : $0 }
        return start
    }

    static func poolingStart(_ fields: PoolFields) -> PlaygroundStart {
        PlaygroundStart(input: fields.input.tensor, windowSize: fields.size, stride: fields.stride ?? fields.size,
                        padding: fields.padding, operation: fields.mode == .max ? .maxPool : .averagePool, note: "")
    }
}
