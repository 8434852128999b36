import CNNCore
import FoundationEssentials
import Glibc

/// The classic slips of the network operations, recognised from the numbers a student types.
extension QuizMistakes {
    /// a_j read with the maps interleaved, channels last (j = (h·W + w)·C + c, the layout NHWC tensors store).
    static func flatten(_ flatten: Flatten, flat: Int) -> [KnownMistake] {
        let shape = CanonicalShape(flatten.input.shape)
        guard shape.channels > 1 else { return [] }
        let (n, j) = flat.quotientAndRemainder(dividingBy: shape.channels * shape.height * shape.width)
        let (place, c) = j.quotientAndRemainder(dividingBy: shape.channels)
        let (row, column) = place.quotientAndRemainder(dividingBy: shape.width)
        let value = flatten.input.values[shape.flat(n, c, row, column)]
        return [slip(.channelsInterleaved, value, "that takes the maps interleaved, channel last: flatten lays out "
                     + "all of map 1 first, row by row, then map 2")]
    }

    /// The loss −ln p_y (`loss`) with a log of the wrong base, the minus forgotten, or 1 − p_y.
    static func crossEntropy(loss: Double) -> [KnownMistake] {
        let probability = exp(-loss)
        return [slip(.logBase, -log10(probability), "that is −log₁₀ p: the loss uses the natural log, ln"),
                slip(.minusForgotten, -loss, "that is ln p: the loss is minus the log, never negative"),
                slip(.oneMinusProbability, 1 - probability, "that is 1 − p: the loss is −ln p")]
    }

    /// ∂L/∂z_k = p_k − y_k with y forgotten or the difference turned round.
    static func scoreGradient(_ formula: Formula) -> [KnownMistake] {
        let (p, y) = (formula.operands[0].value, formula.operands[1].value)
        return [slip(.labelForgotten, p, "that is p alone: subtract y, which is 1 for the true class"),
                slip(.differenceReversed, y - p, "that is y − p: the gradient is p − y, so the true class's "
                     + "score is pushed up")]
    }

    /// W − η·∂L/∂W with the step added, or not scaled by η.
    static func descent(_ formula: Formula, learningRate: Double) -> [KnownMistake] {
        let (w, g) = (formula.operands[0].value, formula.operands[1].value)
        return [slip(.stepAdded, w + learningRate * g, "that adds η·∂L/∂W: a step down the slope subtracts it"),
                slip(.rateForgotten, w - g, "that subtracts the whole gradient: the step is η times it")]
    }
}
