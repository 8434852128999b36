import CNNCore
import CNNLessons

/// Where `p` opens the playground: the numbers of the lesson's current step when it is a convolution or a
/// pooling, otherwise the playground's own default shape.
public struct PlaygroundStart: Equatable, Sendable {
    /// H×W or C×H×W (a lesson's grid or list of grids); nil for the default playground.
    public var input: Tensor?
    /// The filter of a convolution (F×F, C×F×F or K×C×F×F); nil for pooling.
    public var filter: Tensor?
    public var windowSize = 0
    public var stride = 1
    public var padding = 0
    public var dilation = 1
    public var operation = PlaygroundOperation.crossCorrelation
    /// Where the numbers come from, or why the default was used: the playground's first status line.
    public var note: String

    /// The playground this start describes; numbers it cannot show give the default one, saying why.
    public func state(options: TutorOptions, width: Int, height: Int, seed: UInt64) -> PlaygroundState {
        do {
            var state: PlaygroundState
            if let input, let filter {
                state = try PlaygroundState(input: input, filter: filter, stride: stride, padding: padding,
                                            dilation: dilation, operation: operation, seed: seed, options: options,
                                            width: width, height: height)
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
    /// The playground start for the current step: its operation's numbers, when it has a layer's.
    public var playgroundStart: PlaygroundStart {
        let back = "q returns to the lesson"
        guard let player = currentSource as? LessonPlayer,
              let stepNumber = player.lessonStepRanges.firstIndex(where: { $0.contains(step) }),
              let operation = player.lesson.steps[stepNumber].computation?.operation else {
            return PlaygroundStart(note: "this step computes no layer: the playground starts from its own numbers; "
                                   + back)
        }
        let place = "from \(player.lesson.id), step \(step + 1)"
        guard var start = Self.playgroundStart(operation) else {
            return PlaygroundStart(note: "this step is not a convolution or a pooling: the playground starts from its"
                                   + " own numbers; " + back)
        }
        // `c` showed this step with the other operation: the playground starts with the one on screen.
        if player.conventions.swapsKernelFlip, player.kernelOperation(at: step) != nil {
            start.operation = start.operation == .crossCorrelation ? .trueConvolution : .crossCorrelation
        }
        guard start.input != nil, start.filter != nil || start.operation.isPooling else {
            return PlaygroundStart(note: "this step's numbers come from an earlier step: the playground starts from"
                                   + " its own; " + back)
        }
        start.note = "\(place): its numbers, everything recomputed at each key; " + back
        return start
    }

    /// The layer of a lesson operation, when it is a convolution or a pooling; nil tensors for references.
    static func playgroundStart(_ operation: Operation) -> PlaygroundStart? {
        var start = PlaygroundStart(note: "")
        switch operation {
        case .conv(let fields):
            (start.input, start.filter) = (fields.input.tensor, fields.filter.tensor)
            (start.stride, start.padding, start.dilation) = (fields.stride, fields.padding, fields.dilation)
        case .convBackward(let fields):
            (start.input, start.filter) = (fields.input.tensor, fields.filter.tensor)
            (start.stride, start.padding, start.dilation) = (fields.stride, fields.padding, fields.dilation)
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
        case .pool(let fields):
            start = poolingStart(fields)
        case .poolBackward(let fields):
            start = poolingStart(fields.pool)
        case .rotate, .dilate, .relu, .reluBackward, .size, .efficiency, .transposed, .localConv, .tiledConv,
             .flatten, .dense, .denseBackward, .softmax, .crossEntropy, .softmaxCrossEntropyBackward, .sgdStep,
             .evaluate:
            return nil
        }
        return start
    }

    static func poolingStart(_ fields: PoolFields) -> PlaygroundStart {
        PlaygroundStart(input: fields.input.tensor, windowSize: fields.size, stride: fields.stride ?? fields.size,
                        padding: fields.padding, operation: fields.mode == .max ? .maxPool : .averagePool, note: "")
    }
}
