/// Pooling across channels instead of positions (seed 001): output channel c' is the maximum (or mean) of input
/// channels c'·g … c'·g + g − 1 at each position. Pooling over the outputs of filters that detect one pattern in
/// several orientations gives a unit that responds to every orientation: a learned invariance.
///
/// Tensors are canonical: input N×C×H×W, output N×(C/g)×H×W.
public struct CrossChannelPooling: Sendable {
    public let input: Tensor
    public let inputAxes: AxisMask
    public let mode: Pooling.Mode
    public let group: Int
    public let names: TensorNames
    public let batchCount, channels, height, width: Int

    /// X is C×H×W or N×C×H×W; `group` must divide C.
    public init(input: Tensor, mode: Pooling.Mode, group: Int, names: TensorNames = TensorNames(input: "X",
        output: "P")) throws {
        guard input.rank >= 3 else {
            throw CoreError.badRank(what: .input, rank: input.rank,
                                    allowed: "3 (C×H×W) or 4 (N×C×H×W): pooling across channels needs channels")
        }
        let (x, axes) = try AxisMask.canonicalize(input, what: .input)
        guard group >= 1 else { throw CoreError.nonPositive(what: .group, value: group) }
        guard x.shape[1] % group == 0 else { throw CoreError.channelsNotDivisible(channels: x.shape[1], group: group) }
        (self.input, inputAxes, self.mode, self.group, self.names) = (x, axes, mode, group, names)
        (batchCount, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    }

    public var outputChannels: Int { channels / group }
    public var outputShape: [Int] { [batchCount, outputChannels, height, width] }
    public var displayOutputShape: [Int] { inputAxes.displayShape(outputShape) }
    public var outputCount: Int { batchCount * outputChannels * height * width }

    public func forward() -> Tensor {
        try! Tensor(shape: outputShape, values: (0..<outputCount).map { explainOutput($0).value })
    }

    /// The channels of one group at one position, in channel order, with the running maximum (or sum).
    public func explainOutput(_ flat: Int) -> Explanation {
        let position = CanonicalShape(outputShape).position(flat)
        var terms: [Term] = []
        var partial = mode == .max ? -Double.infinity : 0
        for c in (position.c * group)..<((position.c + 1) * group) {
            let cell = [position.n, c, position.row, position.column]
            let value = input[cell]
            partial = mode == .max ? max(partial, value) : partial + value
            let factor = Factor(name: names.input, position: cell, subscripts: inputAxes.subscripts(cell), value: value)
            terms.append(Term(factors: [factor], product: value, partial: partial))
        }
        let value = mode == .max ? partial : partial / Double(group)
        let out = [position.n, position.c, position.row, position.column]
        let target = Factor(name: names.output, position: out, subscripts: inputAxes.subscripts(out), value: value)
        return Explanation(target: target, reduction: mode == .max ? .maximum : .mean(divisor: group), terms: terms,
                           value: value)
    }
}
