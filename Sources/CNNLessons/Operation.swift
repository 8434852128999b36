import CNNCore

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
    case input, filter, grad
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
            case .size, .efficiency: break
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
        case .size, .efficiency: [:]
        }
    }

    /// The bias of a convolution, when the operation has one.
    public var bias: [Double]? {
        get {
            switch self {
            case .conv(let fields): fields.bias
            case .convBackward(let fields): fields.bias
            case .transposed(let fields): fields.bias
            default: nil
            }
        }
        set {
            switch self {
            case .conv(var fields): fields.bias = newValue; self = .conv(fields)
            case .convBackward(var fields): fields.bias = newValue; self = .convBackward(fields)
            case .transposed(var fields): fields.bias = newValue; self = .transposed(fields)
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
        case .grad: break
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
        case .grad: break
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
        case .input: break
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
        case .filter: break
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
        case .grad: break
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
        case .grad: break
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
        case .grad: break
        }
    }
}
