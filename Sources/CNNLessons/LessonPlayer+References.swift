import CNNCore

/// What `{from: …}` takes from an earlier step: a result or one of the step's operands, whole or one channel.
extension LessonPlayer {
    /// The tensor `reference` names in an earlier step.
    /// - Parameters:
    ///   - step: the earlier step, 0-based.
    ///   - results: that step's computed results.
    ///   - operands: that step's operands as it took them (before `shift:`), references resolved.
    /// - Throws: `LessonIssue` at the reference when the step has no such result or operand, or no such channel.
    static func referencedTensor(_ reference: ResultReference, step: Int, results: [String: NamedResult],
                                 operands: [OperandName: Tensor]) throws -> Tensor {
        // Results are looked up first; no operation has a result named like an operand (input, filter, grad).
        let whole = results[reference.result]?.tensor
            ?? OperandName(rawValue: reference.result).flatMap { operands[$0] }
        guard let whole else {
            let names = results.keys.sorted().joined(separator: ", ")
            let operandNames = operands.keys.map(\.rawValue).sorted().joined(separator: ", ")
            throw LessonIssue("step \(step + 1) has no result '\(reference.result)' (it has: \(names); operands: "
                              + "\(operandNames))", at: reference.location)
        }
        guard let channel = reference.channel else { return whole }
        return try channelPlane(channel, of: whole, named: "step \(step + 1)'s '\(reference.result)'",
                                at: reference.location)
    }

    /// Channel `channel` (1-based) of a C×H×W tensor as an H×W grid, or of an N×C×H×W batch as N×1×H×W (one
    /// channel per sample, so that it stays a batch).
    static func channelPlane(_ channel: Int, of tensor: Tensor, named name: String,
                             at location: SourceLocation) throws -> Tensor {
        guard tensor.rank >= 3 else {
            throw LessonIssue("\(name) is \(Shape.describe(tensor.shape)), without channels to take channel "
                              + "\(channel) of", at: location)
        }
        let axis = tensor.rank - 3, count = tensor.shape[axis]
        guard channel <= count else {
            throw LessonIssue("\(name) has \(count) channel\(count == 1 ? "" : "s") (shape "
                              + "\(Shape.describe(tensor.shape))): there is no channel \(channel)", at: location)
        }
        let plane = tensor.slice(axis: axis, (channel - 1)..<channel)
        return tensor.rank == 3 ? plane.reshaped(Array(tensor.shape.dropFirst())) : plane
    }
}
