import ArgumentParser
import CNNCore

/// `compute transposed`: a transposed convolution (PyTorch's conv_transpose2d), explained both ways: each input
/// value scattering a scaled copy of the filter, and zero insertion followed by a convolution with the flipped filter.
struct TransposedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transposed",
        abstract: "A transposed convolution (conv_transpose2d), as scattered filter copies and as zero insertion."
    )

    @Option(parsing: .unconditional, help: "The input X: W (JSON list, 1-D), H×W, C_in×H×W or N×C_in×H×W.")
    var input: String

    @Option(parsing: .unconditional, help: "The filter F: K (1-D), Kh×Kw or C_in×C_out×Kh×Kw.")
    var filter: String

    @Option(parsing: .unconditional, help: "The bias, one number per output channel.")
    var bias: String?

    @Option(parsing: .unconditional, help: "The stride S: how far apart neighbouring inputs place their filter copies.")
    var stride: Int = 1

    @Option(parsing: .unconditional, help: "The padding P: cells cut from every side of the output.")
    var padding: Int = 0

    @Option(name: .customLong("output-padding"), parsing: .unconditional,
            help: "The output padding A: cells added at the far end, smaller than the stride or the dilation.")
    var outputPadding: Int = 0

    @Option(parsing: .unconditional, help: "Spacing between filter taps (D − 1 holes between weights).")
    var dilation: Int = 1

    @OptionGroup var output: OutputOptions

    func run() throws {
        let x = try TensorArgument.parse(input, option: "--input")
        let f = try TensorArgument.parse(filter, option: "--filter")
        let b = try bias.map { try TensorArgument.parseList($0, option: "--bias") }
        let transposed = try TransposedConvolution(input: x, filter: f, bias: b, stride: stride, padding: padding,
                                                   outputPadding: outputPadding, dilation: dilation)
        try output.limit.check(OutputEstimate.transposed(transposed, output: output), json: output.json)
        let out = output.textOutput()
        if output.json {
            try checkJSONSize(transposed)
            var json = JSONWriter(out)
            json.beginObject()
            ConvolutionSteps.writeJSON(displayShape: transposed.displayOutputShape, axes: transposed.outputAxes,
                to: &json,
                                       explain: transposed.explainOutput)
            json.endObject()
        } else {
            let form = try transposed.zeroInsertionForm()
            let text = ExplanationText(out: out, detail: output.detail)
            try writeOperands(transposed, input: x, filter: f, bias: b, text: text)
            TransposedSteps.writeScatter(transposed, text: text)
            TransposedSteps.writeZeroInsertion(transposed, form: form, text: text)
        }
        out.flush()
    }

    /// `--json` lists every term of every output; refuse lists beyond `Limits.maxElements` terms.
    func checkJSONSize(_ transposed: TransposedConvolution) throws {
        let perOutput = transposed.inputChannels * transposed.kernelHeight * transposed.kernelWidth
        let (terms, overflow) = transposed.outputCount.multipliedReportingOverflow(by: perOutput)
        guard !overflow, terms <= Limits.maxElements else {
            throw CLIError("the steps would list \(transposed.outputCount) outputs × up to \(perOutput) terms, "
                           + "more than the limit of \(Limits.maxElements) terms for --json")
        }
    }

    func writeOperands(_ transposed: TransposedConvolution, input x: Tensor, filter f: Tensor, bias b: [Double]?,
                       text: ExplanationText) throws {
        text.heading("Transposed convolution (conv_transpose2d): "
                     + "every input value scatters a scaled copy of the filter")
        text.out.line()
        text.grid(x, title: "Input X")
        text.grid(f, title: "Filter F", axisNames: ["input channel", "output channel"])
        if let b, let biasTensor = try? Tensor(shape: [b.count], values: b) {
            text.grid(biasTensor, title: "Bias b, one per output channel")
        }
        text.out.line("Stride \(stride), padding \(padding), output padding \(outputPadding), dilation \(dilation)")
        for line in try TransposedSteps.sizeLines(transposed) { text.out.line(line) }
        text.out.line()
    }
}

/// The two readings of a transposed convolution, for people.
enum TransposedSteps {
    /// "Output height: (H − 1)·S − 2P + D·(K − 1) + A + 1 = … = 5"; one "Output length" line for a 1-D signal.
    static func sizeLines(_ t: TransposedConvolution) throws -> [String] {
        let isSignal = !t.inputAxes.visible[2]
        let width = try OutputSize.explainTransposed(
            inputSize: t.width, filterSize: t.kernelWidth, stride: t.stride.columns, padding: t.padding.columns,
            outputPadding: t.outputPadding.columns, dilation: t.dilation.columns, inputSymbol: isSignal ? "L" : "W")
        if isSignal { return ["Output length: " + width] }
        let height = try OutputSize.explainTransposed(
            inputSize: t.height, filterSize: t.kernelHeight, stride: t.stride.rows, padding: t.padding.rows,
            outputPadding: t.outputPadding.rows, dilation: t.dilation.rows, inputSymbol: "H")
        return ["Output height: " + height, "Output width:  " + width]
    }

    /// Each input value's contributions, then each output value as the sum of what reached it.
    static func writeScatter(_ t: TransposedConvolution, text: ExplanationText) {
        text.heading("1. Scatter: each input value adds the filter times itself, "
                     + "its corner S apart from its neighbour's")
        text.out.line()
        let shown = text.detail.shown(t.input.count)
        for flat in 0..<shown { text.out.line(contributionLine(t, flat: flat, all: text.detail.all)) }
        if shown < t.input.count {
            text.out.line("… \(t.input.count - shown) more input values left out (--all prints all)")
        }
        text.out.line()
        text.out.line("Each output value sums what reached it (channel, kernel row, kernel column):")
        text.out.line()
        text.writeAll(count: t.outputCount, noun: "values of \(t.names.output)") { t.explainOutput($0) }
        let result = t.forward().reshaped(t.displayOutputShape)
        text.grid(result, title: "Output O", scale: outputScale(t, result: result), axisNames: ["sample",
            "output channel"])
    }

    /// "X12 = 2: O13 += 2·1 = 2, O14 += 2·10 = 20" (cells cut away by the padding are not listed).
    static func contributionLine(_ t: TransposedConvolution, flat: Int, all: Bool) -> String {
        let contributions = t.scatter(flat)
        guard let first = contributions.first else {
            let position = t.input.multiIndex(flat)
            let name = Symbols.name(t.names.input, t.inputAxes.subscripts(position))
            return "\(name): every copy falls in the cut-away padding"
        }
        let scale = Scale.product(t.input.magnitude, t.filters.magnitude)
        let number = { GridText.number($0, scale: scale) }
        let cut = all || contributions.count <= Detail.manyTerms ? contributions.count : Detail.shownTerms
        let pieces = contributions.prefix(cut).map { c in
            let target = Symbols.name(t.names.output, t.outputAxes.subscripts(c.output))
            let weight = c.weight.value < 0 ? "(" + number(c.weight.value) + ")" : number(c.weight.value)
            return "\(target) += \(number(c.input.value))·\(weight) = \(number(c.product))"
        }
        let more = cut < contributions.count ? ", … \(contributions.count - cut) more" : ""
        return "\(first.input.symbol) = \(number(first.input.value)): " + pieces.joined(separator: ", ") + more
    }

    /// Z (zeros inserted and the border), the flipped filter, the ordinary convolution, and the comparison.
    static func writeZeroInsertion(_ t: TransposedConvolution, form: ZeroInsertionForm, text: ExplanationText) {
        let gaps = "S − 1 = \(t.stride.columns - 1) zero\(t.stride.columns == 2 ? "" : "s") between inputs"
        let border = form.border.columns >= 0
            ? "D·(K − 1) − P = \(form.border.columns) around them"
            : "D·(K − 1) − P = \(form.border.columns): \(-form.border.columns) cut from each side"
        text.heading("2. Zero insertion: \(gaps), \(border), then convolve with F turned by 180°")
        text.out.line()
        if t.outputPadding.columns > 0 || t.outputPadding.rows > 0 {
            let a = t.outputPadding.columns
            let plural = a == 1 ? "" : "s"
            text.out.line("Output padding A = \(a): \(a) more zero\(plural) at the far end of Z, "
                          + "so \(a) more output cell\(plural).")
            text.out.line()
        }
        if text.detail.showsGrid(form.spread.count) {
            text.grid(form.spread, title: "Spread input Z", scale: t.input.magnitude)
        } else {
            text.out.line("Spread input Z: \(GridText.shape(form.spread.shape)), not shown (--all shows it)")
            text.out.line()
        }
        let conv = form.convolution
        let turned = conv.filters.rotated180().reshaped(conv.filterAxes.displayShape(conv.filters.shape))
        // The channel axes are named only where the filter shown has them (a plain 2-D filter has none).
        let channels = turned.shape.count > 2 ? " (output channel × input channel)" : ""
        text.grid(turned, title: "Filter turned by 180°" + channels, axisNames: ["output channel", "input channel"])
        ConvolutionSteps.writeSteps(conv, text: text)
        let viaZeros = conv.forward(), direct = t.forward()
        let difference = zip(viaZeros.values, direct.values).map { abs($0 - $1) }.max() ?? 0
        let result = viaZeros.reshaped(t.displayOutputShape)
        text.grid(result, title: "Output O by zero insertion", scale: outputScale(t, result: result),
                  axisNames: ["sample", "output channel"])
        text.out.line(difference <= 1e-9 * max(1, outputScale(t, result: result))
            ? "Both ways give the same output."
            : "The two ways differ by up to \(GridText.number(difference)) (rounding).")
    }

    static func outputScale(_ t: TransposedConvolution, result: Tensor) -> Double {
        max(result.magnitude, Scale.product(t.input.magnitude, t.filters.magnitude), Scale.of(t.bias ?? []))
    }
}
