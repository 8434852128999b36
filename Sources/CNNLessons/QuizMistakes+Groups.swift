import CNNCore

extension QuizMistakes {
    /// In a grouped layer, the value's filter slid over another group's channels: the filter paired with the
    /// wrong channels (in a depthwise layer, with the wrong channel).
    static func otherGroups(_ conv: Convolution, flat: Int, finish: (Double) -> Double) -> [KnownMistake] {
        guard conv.groups > 1 else { return [] }
        let (n, k, i, j) = conv.output(at: flat)
        let own = conv.channelGroup(ofFilter: k), filter = conv.filters.slice(axis: 0, k..<(k + 1))
        return (0..<conv.groups).filter { $0 != own.index }.compactMap { index in
            let other = conv.channelGroup(index)
            guard let alone = try? Convolution(input: conv.input.slice(axis: 1, other.channels), filter: filter,
                                               bias: conv.bias.map { [$0[k]] }, stride: conv.stride,
                                               padding: conv.padding, dilation: conv.dilation,
                                               flipsKernel: conv.flipsKernel) else { return nil }
            let value = alone.explainOutput(alone.flatOutput(n: n, k: 0, i: i, j: j)).value
            let filterName = "filter \(IndexBase.current.shown(k))"
            return slip(.otherGroup, finish(value), "that slides \(filterName) over \(other.channelWords), group "
                        + "\(IndexBase.current.shown(index))'s: \(filterName) sees \(own.channelWords) only")
        }
    }
}
