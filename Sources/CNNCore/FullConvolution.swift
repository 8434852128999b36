extension Convolution {
    /// Full convolution: the filter turned by 180° slides over `input` zero-padded by (Kh − 1, Kw − 1),
    /// so every overlap counts. With ∂L/∂O as input this is the input gradient of a stride-1, unpadded layer.
    /// A 1-D signal with a 1-D filter is padded by K − 1 at both ends: the seeds' (x ∗ w)[n] = Σ x[k]·w[n − k].
    /// Without `flipsKernel`, the full cross-correlation (same padding, the filter as given).
    public static func full(input: Tensor, filter: Tensor, flipsKernel: Bool = true,
                            names: TensorNames = TensorNames()) throws -> Convolution {
        // A 1-D signal takes a 1-D filter (its one row needs no padding); anything else a grid or more.
        guard filter.rank >= 2 || input.rank == 1 else {
            throw CoreError.badRank(what: .filter, rank: filter.rank, allowed: "2 (Kh×Kw), 3 or 4")
        }
        let kernelHeight = filter.rank >= 2 ? filter.shape[filter.rank - 2] : 1
        let kernelWidth = filter.shape[filter.rank - 1]
        return try Convolution(input: input, filter: filter, stride: Extent2D(1),
                               padding: Extent2D(rows: kernelHeight - 1, columns: kernelWidth - 1),
                               flipsKernel: flipsKernel, names: names)
    }
}

extension ConvolutionBackward {
    /// For stride 1, ∂L/∂X as a (full) convolution: the rotated filters slide over ∂L/∂O zero-padded by
    /// (Kh − 1 − P, Kw − 1 − P), with the filter bank's K and C axes swapped within each group (a grouped
    /// layer's is grouped alike: G groups, C filters of K/G channels). Nil when the stride exceeds 1
    /// or the padding exceeds Kh − 1 (no such form exists then without dilating ∂L/∂O first).
    public func inputGradientAsConvolution() -> Convolution? {
        let conv = convolution
        guard conv.stride == Extent2D(1), conv.dilation == Extent2D(1),
              conv.padding.rows <= conv.kernelHeight - 1, conv.padding.columns <= conv.kernelWidth - 1 else {
            return nil
        }
        let (k, c, kh, kw) = (conv.filtersPerGroup, conv.channelsPerGroup, conv.kernelHeight, conv.kernelWidth)
        var swapped = Array(repeating: 0.0, count: conv.filters.count)
        for group in 0..<conv.groups {
            let bank = group * k * c * kh * kw
            for outer in 0..<k {
                for inner in 0..<c {
                    for cell in 0..<(kh * kw) {
                        let weight = conv.slidingFilters.values[bank + (outer * c + inner) * kh * kw + cell]
                        swapped[bank + (inner * k + outer) * kh * kw + cell] = weight
                    }
                }
            }
        }
        let filters = try! Tensor(shape: [conv.channels, k, kh, kw], values: swapped)
        return try? Convolution(input: outputGradient, filter: filters, stride: Extent2D(1),
                                padding: Extent2D(rows: kh - 1 - conv.padding.rows,
                                    columns: kw - 1 - conv.padding.columns),
                                flipsKernel: true, groups: conv.groups,
                                names: TensorNames(input: TensorNames.gradient(conv.names.output),
                                    filter: conv.names.filter,
                                                   output: TensorNames.gradient(conv.names.input)))
    }
}
