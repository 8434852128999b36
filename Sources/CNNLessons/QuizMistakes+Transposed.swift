import CNNCore

extension QuizMistakes {
    /// Mistakes of a transposed-convolution value (canonical flat index): the filter turned by 180° as the
    /// zero-insertion form turns it, and the output padding A put at the start instead of the far end.
    static func transposed(_ transposed: TransposedConvolution, flat: Int) -> [KnownMistake] {
        var found = stampsNotAdded(transposed.explainOutput(flat))
        if let turned = transposed.rebuilt(filters: transposed.filters.rotated180()) {
            found.append(slip(.stampTurned, turned.explainOutput(flat).value, "that stamps the filter turned by "
                              + "180°: the scatter stamps it as written; only the zero-insertion form, which slides, "
                              + "turns it"))
        }
        found += outputPaddingAtTheStart(transposed, flat: flat)
        return found
    }

    /// With output padding A, the value A rows and columns up-left in the output without it: the stamps moved
    /// down by the padding.
    static func outputPaddingAtTheStart(_ transposed: TransposedConvolution, flat: Int) -> [KnownMistake] {
        let added = transposed.outputPadding
        guard added != Extent2D(0), let unpadded = transposed.rebuilt(outputPadding: 0) else { return [] }
        let position = transposed.outputPosition(flat)
        let row = position[2] - added.rows, column = position[3] - added.columns
        guard row >= 0, row < unpadded.outputHeight, column >= 0, column < unpadded.outputWidth else { return [] }
        let index = ((position[0] * unpadded.outputChannels + position[1]) * unpadded.outputHeight + row)
            * unpadded.outputWidth + column
        return [slip(.outputPaddingAtStart, unpadded.explainOutput(index).value, "that puts the output padding at "
                     + "the start, moving every stamp: A adds its rows and columns at the far end, where no stamp "
                     + "reaches")]
    }
}

extension TransposedConvolution {
    /// The same layer with other filters (canonical C_in×C_out×Kh×Kw) or output padding; nil when refused.
    func rebuilt(filters: Tensor? = nil, outputPadding: Int? = nil) -> TransposedConvolution? {
        let filters = filters ?? self.filters
        return try? TransposedConvolution(
            input: input.reshaped(inputAxes.displayShape(input.shape)),
            filter: filters.reshaped(filterAxes.displayShape(filters.shape)), bias: bias, stride: stride.columns,
            padding: padding.columns, outputPadding: outputPadding ?? self.outputPadding.columns,
            dilation: dilation.columns, names: names)
    }
}
