/// The backward pass of a `Convolution` for a given ∂L/∂O (canonical N×K×H'×W'): the input gradient
/// (the "deconvolution"), the weight gradient and the bias gradient, each explainable term by term. With groups,
/// an input channel's gradient comes only from its group's filters, and a weight meets only its group's channels.
public struct ConvolutionBackward: Sendable {
    public let convolution: Convolution
    public let outputGradient: Tensor

    var gradientName: String { TensorNames.gradient(convolution.names.output) }

    // MARK: Whole tensors

    /// ∂L/∂X, canonical N×C×H×W: every output gradient sent back through the weights that produced it.
    public func inputGradient() -> Tensor {
        let conv = convolution
        var result = Array(repeating: 0.0, count: conv.input.count)
        let planeOut = conv.outputHeight * conv.outputWidth, planeIn = conv.height * conv.width
        let kernelArea = conv.kernelHeight * conv.kernelWidth
        outputGradient.values.withUnsafeBufferPointer { g in
            conv.slidingFilters.values.withUnsafeBufferPointer { f in
                result.withUnsafeMutableBufferPointer { dx in
                    for n in 0..<conv.batchCount {
                        for k in 0..<conv.filterCount {
                            let gBase = (n * conv.filterCount + k) * planeOut
                            let firstChannel = conv.channelGroup(ofFilter: k).channels.lowerBound
                            for local in 0..<conv.channelsPerGroup {
                                let inBase = (n * conv.channels + firstChannel + local) * planeIn
                                let filterBase = (k * conv.channelsPerGroup + local) * kernelArea
                                for m in 0..<conv.kernelHeight {
                                    let rows = conv.validRows(kernelRow: m)
                                    for q in 0..<conv.kernelWidth {
                                        let columns = conv.validColumns(kernelColumn: q)
                                        let firstColumn = conv.inputColumn(0, kernelColumn: q)
                                        let weight = f[filterBase + m * conv.kernelWidth + q]
                                        for i in rows {
                                            let inRow = inBase + conv.inputRow(i,
                                                kernelRow: m) * conv.width + firstColumn
                                            let gRow = gBase + i * conv.outputWidth
                                            if conv.stride.columns == 1 {
                                                for j in columns { dx[inRow + j] += weight * g[gRow + j] }
                                            } else {
                                                let step = conv.stride.columns
                                                for j in columns { dx[inRow + j * step] += weight * g[gRow + j] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return try! Tensor(shape: conv.input.shape, values: result)
    }

    /// ∂L/∂F, canonical K×(C/G)×Kh×Kw, for the filters as given (un-flipped for true convolution).
    public func weightGradient() -> Tensor {
        let conv = convolution
        var sliding = Array(repeating: 0.0, count: conv.filters.count)
        let planeOut = conv.outputHeight * conv.outputWidth, planeIn = conv.height * conv.width
        let kernelArea = conv.kernelHeight * conv.kernelWidth
        // Products are summed per output column first (vectorizable), then across columns.
        var columnSums = Array(repeating: 0.0, count: conv.outputWidth)
        outputGradient.values.withUnsafeBufferPointer { g in
            conv.input.values.withUnsafeBufferPointer { x in
                columnSums.withUnsafeMutableBufferPointer { sums in
                    for k in 0..<conv.filterCount {
                        let firstChannel = conv.channelGroup(ofFilter: k).channels.lowerBound
                        for local in 0..<conv.channelsPerGroup {
                            for m in 0..<conv.kernelHeight {
                                let rows = conv.validRows(kernelRow: m)
                                for q in 0..<conv.kernelWidth {
                                    let columns = conv.validColumns(kernelColumn: q)
                                    let firstColumn = conv.inputColumn(0, kernelColumn: q)
                                    for j in 0..<sums.count { sums[j] = 0 }
                                    for n in 0..<conv.batchCount {
                                        let gBase = (n * conv.filterCount + k) * planeOut
                                        let inBase = (n * conv.channels + firstChannel + local) * planeIn
                                        for i in rows {
                                            let inRow = inBase + conv.inputRow(i,
                                                kernelRow: m) * conv.width + firstColumn
                                            let gRow = gBase + i * conv.outputWidth
                                            if conv.stride.columns == 1 {
                                                for j in columns { sums[j] += g[gRow + j] * x[inRow + j] }
                                            } else {
                                                let step = conv.stride.columns
                                                for j in columns { sums[j] += g[gRow + j] * x[inRow + j * step] }
                                            }
                                        }
                                    }
                                    var total = 0.0
                                    for j in columns { total += sums[j] }
                                    let filterBase = (k * conv.channelsPerGroup + local) * kernelArea
                                    sliding[filterBase + m * conv.kernelWidth + q] = total
                                }
                            }
                        }
                    }
                }
            }
        }
        let gradient = try! Tensor(shape: conv.filters.shape, values: sliding)
        return conv.flipsKernel ? gradient.rotated180() : gradient
    }

    /// ∂L/∂b: one sum of ∂L/∂O per filter.
    public func biasGradient() -> [Double] {
        let conv = convolution
        let plane = conv.outputHeight * conv.outputWidth
        var sums = Array(repeating: 0.0, count: conv.filterCount)
        for n in 0..<conv.batchCount {
            for k in 0..<conv.filterCount {
                let base = (n * conv.filterCount + k) * plane
                for index in 0..<plane { sums[k] += outputGradient.values[base + index] }
            }
        }
        return sums
    }

    // MARK: Term by term

    /// ∂L/∂X at canonical flat index: the chain-rule sum over every output whose window covered this input
    /// cell (for stride > 1, only where (row + padding − m) divides by the stride), in output row-major order;
    /// with groups, over the outputs of the channel's group only.
    public func explainInputGradient(_ flat: Int) -> Explanation {
        let conv = convolution
        let column = flat % conv.width, row = (flat / conv.width) % conv.height
        let c = (flat / (conv.width * conv.height)) % conv.channels
        let n = flat / (conv.width * conv.height * conv.channels)
        let rows = conv.contributingOutputs(to: row, axis: .rows), columns = conv.contributingOutputs(to: column,
            axis: .columns)
        var terms: [Term] = []
        var partial = 0.0
        let group = conv.channelGroup(ofChannel: c)
        for k in group.filters {
            for (i, m) in rows {
                for (j, q) in columns {
                    let g = gradientFactor(n: n, k: k, i: i, j: j)
                    let w = conv.filterFactor(k: k, c: c - group.channels.lowerBound, m: m, q: q)
                    let product = g.value * w.value
                    partial += product
                    terms.append(Term(factors: [g, w], product: product, partial: partial))
                }
            }
        }
        let position = [n, c, row, column]
        let target = Factor(name: TensorNames.gradient(conv.names.input), position: position,
                            subscripts: conv.inputAxes.subscripts(position), value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial,
                           group: conv.groups > 1 ? group : nil)
    }

    /// ∂L/∂F at canonical flat index (K×(C/G)×Kh×Kw of the filters as given): the sum over every output of
    /// ∂L/∂O times the input cell that met this weight (padded cells included as zeros); with groups, the
    /// weight's channel c is the input channel c of its filter's group.
    public func explainWeightGradient(_ flat: Int) -> Explanation {
        let conv = convolution
        let kw = flat % conv.kernelWidth, kh = (flat / conv.kernelWidth) % conv.kernelHeight
        let c = (flat / (conv.kernelWidth * conv.kernelHeight)) % conv.channelsPerGroup
        let k = flat / (conv.kernelWidth * conv.kernelHeight * conv.channelsPerGroup)
        let group = conv.channelGroup(ofFilter: k)
        // Offset in the sliding filter that this weight occupies.
        let (m, q) = conv.flipsKernel ? (conv.kernelHeight - 1 - kh, conv.kernelWidth - 1 - kw) : (kh, kw)
        var terms: [Term] = []
        terms.reserveCapacity(conv.batchCount * conv.outputHeight * conv.outputWidth)
        var partial = 0.0
        for n in 0..<conv.batchCount {
            for i in 0..<conv.outputHeight {
                for j in 0..<conv.outputWidth {
                    let g = gradientFactor(n: n, k: k, i: i, j: j)
                    let x = conv.inputFactor(n: n, c: group.channels.lowerBound + c,
                                             row: conv.inputRow(i, kernelRow: m),
                                             column: conv.inputColumn(j, kernelColumn: q))
                    let product = g.value * x.value
                    partial += product
                    terms.append(Term(factors: [g, x], product: product, partial: partial))
                }
            }
        }
        let position = [k, c, kh, kw]
        let target = Factor(name: TensorNames.gradient(conv.names.filter), position: position,
                            subscripts: conv.filterAxes.subscripts(position), value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial,
                           group: conv.groups > 1 ? group : nil)
    }

    /// ∂L/∂b for filter k: the sum of that filter's output gradients.
    public func explainBiasGradient(_ k: Int) -> Explanation {
        let conv = convolution
        var terms: [Term] = []
        var partial = 0.0
        for n in 0..<conv.batchCount {
            for i in 0..<conv.outputHeight {
                for j in 0..<conv.outputWidth {
                    let g = gradientFactor(n: n, k: k, i: i, j: j)
                    partial += g.value
                    terms.append(Term(factors: [g], product: g.value, partial: partial))
                }
            }
        }
        let target = Factor(name: TensorNames.gradient(conv.names.bias), position: [k],
                            subscripts: conv.filterAxes.visible[0] ? [k] : [], value: partial)
        return Explanation(target: target, reduction: .sum, terms: terms, value: partial)
    }

    func gradientFactor(n: Int, k: Int, i: Int, j: Int) -> Factor {
        let conv = convolution
        let position = [n, k, i, j]
        let value = outputGradient.values[((n * conv.filterCount + k) * conv.outputHeight + i) * conv.outputWidth + j]
        return Factor(name: gradientName, position: position, subscripts: conv.outputAxes.subscripts(position),
            value: value)
    }
}
