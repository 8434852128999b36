/// One input value's share of a transposed convolution: x times one filter weight, landing on one output cell.
public struct ScatterContribution: Equatable, Sendable {
    public let input: Factor
    public let weight: Factor
    /// Canonical output position (n, co, y, x) the product is added to.
    public let output: [Int]
    public let product: Double
}

/// The zero-insertion form of a transposed convolution: S − 1 zeros between neighbouring inputs, D·(K − 1) − P
/// zeros around them (A more at the far end; a negative count cuts cells away), then an ordinary stride-1
/// convolution with the filter turned by 180° and dilated by D.
public struct ZeroInsertionForm: Sendable {
    /// The spread input Z, in the input's written rank.
    public let spread: Tensor
    /// Zeros added before the first input value along (rows, columns): D·(K − 1) − P.
    public let border: Extent2D
    /// Z convolved (true convolution: the filter flips) with the filters, C_out×C_in.
    public let convolution: Convolution
}

extension TransposedConvolution {
    /// The scatter form for the input value at canonical flat index `flat`: a copy of each output channel's filter
    /// scaled by it, one contribution per weight whose cell lies inside the output, in (C_out, Kh, Kw) order.
    public func scatter(_ flat: Int) -> [ScatterContribution] {
        let j = flat % width, i = (flat / width) % height
        let ci = (flat / (width * height)) % inputChannels, n = flat / (width * height * inputChannels)
        let x = inputFactor([n, ci, i, j])
        var contributions: [ScatterContribution] = []
        for co in 0..<outputChannels {
            for m in 0..<kernelHeight {
                let y = i * stride.rows - padding.rows + m * dilation.rows
                guard y >= 0, y < outputHeight else { continue }
                for q in 0..<kernelWidth {
                    let column = j * stride.columns - padding.columns + q * dilation.columns
                    guard column >= 0, column < outputWidth else { continue }
                    let w = filterFactor([ci, co, m, q])
                    contributions.append(ScatterContribution(input: x, weight: w, output: [n, co, y, column],
                                                             product: x.value * w.value))
                }
            }
        }
        return contributions
    }

    /// The output built the scatter way: every input's contributions added in input order, then the bias.
    public func scatterForward() -> Tensor {
        var output = Array(repeating: 0.0, count: outputCount)
        for flat in 0..<input.count {
            for contribution in scatter(flat) {
                let p = contribution.output
                let plane = p[0] * outputChannels + p[1]
                output[(plane * outputHeight + p[2]) * outputWidth + p[3]] += contribution.product
            }
        }
        if let bias {
            for flat in 0..<outputCount { output[flat] += bias[outputPosition(flat)[1]] }
        }
        return try! Tensor(shape: outputShape, values: output)
    }

    /// The same output as zero insertion, padding and an ordinary convolution with the flipped filter. Throws when
    /// the spread input would be larger than a lesson may hold.
    public func zeroInsertionForm() throws -> ZeroInsertionForm {
        let border = Extent2D(rows: dilation.rows * (kernelHeight - 1) - padding.rows,
                              columns: dilation.columns * (kernelWidth - 1) - padding.columns)
        let spread = try spreadInput(border: border)
        let written = inputAxes.displayShape(spread.shape)
        // The bank is C_in×C_out; a convolution's is K×C: the two channel axes swap.
        let swapped = try swappedFilters()
        let conv = try Convolution(input: spread.reshaped(written),
            filter: swapped.reshaped(filterAxes.displayShape(swapped.shape)),
                                   bias: bias, stride: Extent2D(1), padding: Extent2D(0), dilation: dilation,
                                   flipsKernel: true, names: TensorNames(input: "Z", filter: names.filter,
                                       output: names.output,
                                                                         bias: names.bias))
        return ZeroInsertionForm(spread: spread.reshaped(written), border: border, convolution: conv)
    }

    /// Canonical N×C_in×H''×W'': input (i, j) at (i·S + border.rows, j·S + border.columns), zeros elsewhere.
    func spreadInput(border: Extent2D) throws -> Tensor {
        let spreadHeight = (height - 1) * stride.rows + 1 + 2 * border.rows + outputPadding.rows
        let spreadWidth = (width - 1) * stride.columns + 1 + 2 * border.columns + outputPadding.columns
        var spread = try Tensor(zeros: [batchCount, inputChannels, spreadHeight, spreadWidth])
        for plane in 0..<(batchCount * inputChannels) {
            for i in 0..<height {
                let row = i * stride.rows + border.rows
                guard row >= 0, row < spreadHeight else { continue }
                for j in 0..<width {
                    let column = j * stride.columns + border.columns
                    guard column >= 0, column < spreadWidth else { continue }
                    let value = input.values[(plane * height + i) * width + j]
                    spread.values[(plane * spreadHeight + row) * spreadWidth + column] = value
                }
            }
        }
        return spread
    }

    /// The filters as C_out×C_in×Kh×Kw.
    func swappedFilters() throws -> Tensor {
        let area = kernelHeight * kernelWidth
        var values = Array(repeating: 0.0, count: filters.count)
        for ci in 0..<inputChannels {
            for co in 0..<outputChannels {
                let from = (ci * outputChannels + co) * area, to = (co * inputChannels + ci) * area
                for cell in 0..<area { values[to + cell] = filters.values[from + cell] }
            }
        }
        return try Tensor(shape: [outputChannels, inputChannels, kernelHeight, kernelWidth], values: values)
    }
}
