import CNNCore
import CNNNetwork

/// A tensor operand as a lesson file gives it: a grid (typed or generated), or an earlier step's result.
public enum OperandValue: Sendable {
    case tensor(Tensor)
    case reference(ResultReference)

    public var tensor: Tensor? {
        if case .tensor(let tensor) = self { return tensor }
        return nil
    }
}

/// The tensor operands a lesson step can write, by their field names.
public enum OperandName: String, Sendable, CaseIterable {
    case input, filter, grad, weights
}

/// The operation of a computation step, each with its own fields; a field's default is written once, in its struct.
public enum Operation: Sendable {
    case conv(ConvFields)
    case convolve(ConvolveFields)
    case rotate(RotateFields)
    case fullConv(FullConvFields)
    case convBackward(ConvBackwardFields)
    case dilate(DilateFields)
    case pool(PoolFields)
    case poolBackward(PoolBackwardFields)
    case relu(ReLUFields)
    case reluBackward(ReLUBackwardFields)
    case size(SizeFields)
    case efficiency(EfficiencyFields)
    case im2col(Im2colFields)
    case transposed(TransposedFields)
    case localConv(UnsharedConvFields)
    case tiledConv(UnsharedConvFields)
    case flatten(FlattenFields)
    case dense(DenseFields)
    case denseBackward(DenseBackwardFields)
    case softmax(SoftmaxFields)
    case crossEntropy(CrossEntropyFields)
    case softmaxCrossEntropyBackward(CrossEntropyFields)
    case sgdStep(SGDStepFields)
    case evaluate(EvaluateFields)

    /// The word after `op:`.
    public enum Name: String, Sendable, CaseIterable {
        case conv, convolve, rotate
        case fullConv = "full-conv"
        case convBackward = "conv-backward"
        case dilate, pool
        case poolBackward = "pool-backward"
        case relu
        case reluBackward = "relu-backward"
        case size, efficiency, im2col, transposed
        case localConv = "local-conv"
        case tiledConv = "tiled-conv"
        case flatten, dense
        case denseBackward = "dense-backward"
        case softmax
        case crossEntropy = "cross-entropy"
        case softmaxCrossEntropyBackward = "softmax-cross-entropy-backward"
        case sgdStep = "sgd-step"
        case evaluate
    }

    public var name: Name {
        switch self {
        case .conv: .conv
        case .convolve: .convolve
        case .rotate: .rotate
        case .fullConv: .fullConv
        case .convBackward: .convBackward
        case .dilate: .dilate
        case .pool: .pool
        case .poolBackward: .poolBackward
        case .relu: .relu
        case .reluBackward: .reluBackward
        case .size: .size
        case .efficiency: .efficiency
        case .im2col: .im2col
        case .transposed: .transposed
        case .localConv: .localConv
        case .tiledConv: .tiledConv
        case .flatten: .flatten
        case .dense: .dense
        case .denseBackward: .denseBackward
        case .softmax: .softmax
        case .crossEntropy: .crossEntropy
        case .softmaxCrossEntropyBackward: .softmaxCrossEntropyBackward
        case .sgdStep: .sgdStep
        case .evaluate: .evaluate
        }
    }

    /// A tensor operand by name, nil when this operation has none of that name. Edits, random numbers and
    /// references between steps go through here, whatever the operation.
    public subscript(operand: OperandName) -> OperandValue? {
        get { operands[operand] }
        set {
            guard let newValue else { return }
            switch self {
            case .conv(var fields): fields.set(operand, newValue); self = .conv(fields)
            case .convolve(var fields): fields.set(operand, newValue); self = .convolve(fields)
            case .rotate(var fields): fields.set(operand, newValue); self = .rotate(fields)
            case .fullConv(var fields): fields.set(operand, newValue); self = .fullConv(fields)
            case .convBackward(var fields): fields.set(operand, newValue); self = .convBackward(fields)
            case .dilate(var fields): fields.set(operand, newValue); self = .dilate(fields)
            case .pool(var fields): fields.set(operand, newValue); self = .pool(fields)
            case .poolBackward(var fields): fields.set(operand, newValue); self = .poolBackward(fields)
            case .relu(var fields): fields.set(operand, newValue); self = .relu(fields)
            case .reluBackward(var fields): fields.set(operand, newValue); self = .reluBackward(fields)
            case .im2col(var fields): fields.set(operand, newValue); self = .im2col(fields)
            case .transposed(var fields): fields.set(operand, newValue); self = .transposed(fields)
            case .localConv(var fields): fields.set(operand, newValue); self = .localConv(fields)
            case .tiledConv(var fields): fields.set(operand, newValue); self = .tiledConv(fields)
            case .flatten(var fields): fields.set(operand, newValue); self = .flatten(fields)
            case .dense(var fields): fields.set(operand, newValue); self = .dense(fields)
            case .denseBackward(var fields): fields.set(operand, newValue); self = .denseBackward(fields)
            case .softmax(var fields): fields.set(operand, newValue); self = .softmax(fields)
            case .crossEntropy(var fields): fields.set(operand, newValue); self = .crossEntropy(fields)
            case .softmaxCrossEntropyBackward(var fields):
                fields.set(operand, newValue); self = .softmaxCrossEntropyBackward(fields)
            case .sgdStep(var fields): fields.set(operand, newValue); self = .sgdStep(fields)
            case .size, .efficiency, .evaluate: break
            }
        }
    }

    /// Every tensor operand of the operation.
    public var operands: [OperandName: OperandValue] {
        switch self {
        case .conv(let f): [.input: f.input, .filter: f.filter]
        case .convolve(let f): [.input: f.input, .filter: f.filter]
        case .rotate(let f): [.filter: f.filter]
        case .fullConv(let f): [.grad: f.grad, .filter: f.filter]
        case .convBackward(let f): [.input: f.input, .filter: f.filter, .grad: f.grad]
        case .dilate(let f): [.grad: f.grad]
        case .pool(let f): [.input: f.input]
        case .poolBackward(let f): [.input: f.pool.input, .grad: f.grad]
        case .relu(let f): [.input: f.input]
        case .reluBackward(let f): [.input: f.input, .grad: f.grad]
        case .im2col(let f): [.input: f.input, .filter: f.filter]
        case .transposed(let f): [.input: f.input, .filter: f.filter]
        case .localConv(let f), .tiledConv(let f): [.input: f.input, .filter: f.filter]
        case .flatten(let f): [.input: f.input]
        case .dense(let f): [.input: f.input, .weights: f.weights]
        case .denseBackward(let f): [.input: f.input, .weights: f.weights, .grad: f.grad]
        case .softmax(let f): [.input: f.input]
        case .crossEntropy(let f), .softmaxCrossEntropyBackward(let f): [.input: f.input]
        case .sgdStep(let f): [.input: f.input]
        case .size, .efficiency, .evaluate: [:]
        }
    }

    /// The bias of a convolution, when the operation has one.
    public var bias: [Double]? {
        get {
            switch self {
            case .conv(let fields): fields.bias
            case .convBackward(let fields): fields.bias
            case .transposed(let fields): fields.bias
            case .dense(let fields): fields.bias
            case .denseBackward(let fields): fields.bias
            default: nil
            }
        }
        set {
            switch self {
            case .conv(var fields): fields.bias = newValue; self = .conv(fields)
            case .convBackward(var fields): fields.bias = newValue; self = .convBackward(fields)
            case .transposed(var fields): fields.bias = newValue; self = .transposed(fields)
            case .dense(var fields): fields.bias = newValue; self = .dense(fields)
            case .denseBackward(var fields): fields.bias = newValue; self = .denseBackward(fields)
            default: break
            }
        }
    }
}

/// Fields whose operands can be replaced by name (an edit, random numbers, a resolved reference).
protocol OperandFields {
    mutating func set(_ operand: OperandName, _ value: OperandValue)
}

/// `conv`: a layer's forward pass, optionally with bias and ReLU.
public struct ConvFields: Sendable, OperandFields {
    public var input: OperandValue
    public var filter: OperandValue
    public var bias: [Double]?
    public var stride = 1
    public var padding = 0
    /// Spacing of the filter's taps: D − 1 holes between neighbouring weights.
    public var dilation = 1
    /// G: each filter sees C/G channels, its group's (G = C: depthwise).
    public var groups = 1
    public var relu = false

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .filter: filter = value
        case .grad, .weights: break
        }
    }
}

/// `convolve`: true convolution (the kernel flipped), valid or full.
public struct ConvolveFields: Sendable, OperandFields {
    public enum Mode: String, Sendable, CaseIterable { case valid, full }
    public var input: OperandValue
    public var filter: OperandValue
    public var mode = Mode.valid

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .filter: filter = value
        case .grad, .weights: break
        }
    }
}

/// `rotate`: a filter turned by 180°.
public struct RotateFields: Sendable, OperandFields {
    public var filter: OperandValue

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .filter { filter = value }
    }
}

/// `full-conv`: ∂L/∂X as the rotated filter slid over the zero-padded gradient.
public struct FullConvFields: Sendable, OperandFields {
    public var grad: OperandValue
    public var filter: OperandValue

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .grad: grad = value
        case .filter: filter = value
        case .input, .weights: break
        }
    }
}

/// `conv-backward`: the gradients of a convolution layer, walking the one `gradient` names.
public struct ConvBackwardFields: Sendable, OperandFields {
    public enum Gradient: String, Sendable, CaseIterable { case weight, input, bias }
    public var input: OperandValue
    public var filter: OperandValue
    public var grad: OperandValue
    public var gradient: Gradient
    public var bias: [Double]?
    public var stride = 1
    public var padding = 0
    /// Spacing of the filter's taps: D − 1 holes between neighbouring weights.
    public var dilation = 1
    /// G, as in `ConvFields`.
    public var groups = 1

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .filter: filter = value
        case .grad: grad = value
        case .weights: break
        }
    }
}

/// `dilate`: a gradient spread out with `stride − 1` zeros between entries.
public struct DilateFields: Sendable, OperandFields {
    public var grad: OperandValue
    public var stride: Int

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .grad { grad = value }
    }
}

/// `pool`: max or average pooling, over windows of positions or (`across: channels`) over groups of channels.
public struct PoolFields: Sendable, OperandFields {
    public enum Across: String, Sendable, CaseIterable { case positions, channels }
    public var input: OperandValue
    public var mode: Pooling.Mode
    /// The window's side, when pooling over positions.
    public var size: Int
    /// nil: the window size.
    public var stride: Int?
    public var padding = 0
    public var across = Across.positions
    /// Channels pooled together when across channels; nil: all of them.
    public var group: Int?

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .input { input = value }
    }
}

/// `pool-backward`: a pooling layer's input gradient.
public struct PoolBackwardFields: Sendable, OperandFields {
    public var pool: PoolFields
    public var grad: OperandValue

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .grad { grad = value } else { pool.set(operand, value) }
    }
}

/// `relu`: max(0, x) elementwise.
public struct ReLUFields: Sendable, OperandFields {
    public var input: OperandValue

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .input { input = value }
    }
}

/// `relu-backward`: the gradient passed where the pre-activation is positive.
public struct ReLUBackwardFields: Sendable, OperandFields {
    public var input: OperandValue
    public var grad: OperandValue

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .grad: grad = value
        case .filter, .weights: break
        }
    }
}

/// `size`: the output-size formula ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1, which is ⌊(N + 2P − F)/S⌋ + 1 for D = 1.
public struct SizeFields: Sendable {
    public var inputSize: Int
    public var filterSize: Int
    public var stride = 1
    public var padding = 0
    public var dilation = 1
}

/// `efficiency`: storage and arithmetic of convolution against dense and sparse matrices.
public struct EfficiencyFields: Sendable {
    public var inputHeight, inputWidth: Int
    public var kernelHeight, kernelWidth: Int
}

/// `im2col`: patches gathered as columns, one matrix product for every output.
public struct Im2colFields: Sendable, OperandFields {
    public var input: OperandValue
    public var filter: OperandValue
    public var stride = 1
    public var padding = 0

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .filter: filter = value
        case .grad, .weights: break
        }
    }
}

/// `transposed`: PyTorch's conv_transpose2d, walked as gathered sums, as scattered filter copies or as a
/// convolution of the zero-inserted input.
public struct TransposedFields: Sendable, OperandFields {
    public enum Form: String, Sendable, CaseIterable {
        case gather, scatter
        case zeroInsertion = "zero-insertion"
    }
    public var input: OperandValue
    /// One filter (Kh×Kw, or K for a 1-D signal) or a bank C_in×C_out×Kh×Kw.
    public var filter: OperandValue
    public var bias: [Double]?
    public var stride = 1
    public var padding = 0
    public var outputPadding = 0
    public var dilation = 1
    public var form = Form.gather

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .filter: filter = value
        case .grad, .weights: break
        }
    }
}

/// `local-conv` (a filter of its own at every output position) and `tiled-conv` (`tiles` filters per axis in turn).
public struct UnsharedConvFields: Sendable, OperandFields {
    public var input: OperandValue
    /// P filters, one grid (or list of channel grids) each; for a 1-D signal, one row per filter.
    public var filter: OperandValue
    public var stride = 1
    /// t for `tiled-conv`; nil for `local-conv`.
    public var tiles: Int?

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .filter: filter = value
        case .grad, .weights: break
        }
    }
}

/// Fields with one operand, the input (`flatten`, `softmax`).
public struct InputFields: Sendable, OperandFields {
    public var input: OperandValue

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .input { input = value }
    }
}

/// `flatten`: a sample's C×H×W maps as one vector a_j = P_chw, j = (c·H + h)·W + w.
public typealias FlattenFields = InputFields
/// `softmax`: each sample's scores as probabilities.
public typealias SoftmaxFields = InputFields

/// `dense`: a fully connected layer, Z_k = Σ_j W_kj·a_j + b_k.
public struct DenseFields: Sendable, OperandFields {
    /// a: one vector of J values, or a batch N×J.
    public var input: OperandValue
    /// W: K×J, row k holding output k's weights.
    public var weights: OperandValue
    public var bias: [Double]?

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .weights: weights = value
        case .filter, .grad: break
        }
    }
}

/// `dense-backward`: the gradients of a dense layer for a given ∂L/∂z, walking the one `gradient` names.
public struct DenseBackwardFields: Sendable, OperandFields {
    public enum Gradient: String, Sendable, CaseIterable { case weight, bias, input }
    public var input: OperandValue
    public var weights: OperandValue
    /// ∂L/∂z, in the output's shape.
    public var grad: OperandValue
    public var bias: [Double]?
    public var gradient: Gradient

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        switch operand {
        case .input: input = value
        case .weights: weights = value
        case .grad: grad = value
        case .filter: break
        }
    }
}

/// `cross-entropy` (L = −ln p_y) and `softmax-cross-entropy-backward` (∂L/∂z = p − y): one sample's scores and the
/// class it truly is.
public struct CrossEntropyFields: Sendable, OperandFields {
    /// z: K scores.
    public var input: OperandValue
    /// The true class y, 0-based (a lesson writes it from 1, or names a digit image and means its digit).
    public var label: Int

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .input { input = value }
    }
}

/// `sgd-step`: one step of gradient descent on one image for the whole network, each parameter of `layer` shown as
/// W − η·∂L/∂W, and the image's loss before and after.
public struct SGDStepFields: Sendable, OperandFields {
    /// The layer whose weights the frames show.
    public enum Layer: String, Sendable, CaseIterable { case conv, dense }
    /// X: the 8×8 image as the network reads it.
    public var input: OperandValue
    /// The digit written, 0 to 9.
    public var label: Int
    public var network: NetworkWeights
    /// η.
    public var learningRate: Double
    public var layer = Layer.dense

    mutating func set(_ operand: OperandName, _ value: OperandValue) {
        if operand == .input { input = value }
    }
}

/// `evaluate`: a bundled network on all the held-out digits (moved first by the step's `shift:`): its parameter
/// count, how many it gets right, overall and by digit, and its mean loss.
public struct EvaluateFields: Sendable {
    public enum Network: String, Sendable, CaseIterable {
        /// The tutor's CNN.
        case bundled
        /// The same network with its convolution replaced by a dense layer on the 64 pixels.
        case denseFirst = "dense-first"
    }
    public var network: Network
}
