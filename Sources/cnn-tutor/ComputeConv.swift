import ArgumentParser
import CNNCore

/// The options that describe a convolutional layer, shared by `compute conv` and `compute backward`.
struct LayerOptions: ParsableArguments {
    @Option(parsing: .unconditional,
        help: "The input X: \"1 2 3; 4 5 6; 7 8 9\" or a JSON nested array (H×W, C×H×W or N×C×H×W).")
    var input: String

    @Option(parsing: .unconditional, help: "The filter F: Kh×Kw, C×Kh×Kw or K×C×Kh×Kw.")
    var filter: String

    @Option(parsing: .unconditional, help: "The bias, one number per filter: \"1\", \"1 -2\" or \"[1,-2]\".")
    var bias: String?

    @Option(parsing: .unconditional, help: "The stride.")
    var stride: Int = 1

    @Option(parsing: .unconditional, help: "Zeros added around the input on every side.")
    var padding: Int = 0

    @Option(parsing: .unconditional, help: "Spacing between filter taps (D − 1 holes between weights).")
    var dilation: Int = 1

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Channel groups G: each filter sees only its group's C/G input channels, the filter "
                + "being K×(C/G)×Kh×Kw (G = C: depthwise)."))
    var groups: Int = 1

    /// The operands as the student wrote them, the stride and padding, and the output-size arithmetic.
    func writeOperands(input x: Tensor, filter f: Tensor, bias b: [Double]?, sizes: [String], text: ExplanationText) {
        text.grid(x, title: "Input X")
        text.grid(f, title: "Filter F", axisNames: ["filter", "channel"])
        if let b, let biasTensor = try? Tensor(shape: [b.count], values: b) {
            text.grid(biasTensor, title: "Bias b, one per filter")
        }
        writeDilatedFilter(f, text: text)
        text.out.line("Stride \(stride), padding \(padding)" + (dilation == 1 ? "" : ", dilation \(dilation)"))
        for line in sizes { text.out.line(line) }
    }

    /// With dilation D > 1, the filter as it meets the input: D − 1 holes (zeros) between neighbouring weights.
    func writeDilatedFilter(_ f: Tensor, text: ExplanationText) {
        guard dilation > 1 else { return }
        let grid = f.rank == 1 ? f.reshaped([1, f.count]) : f
        guard let spread = try? grid.dilated(by: dilation), text.detail.showsGrid(spread.count) else { return }
        let shown = f.rank == 1 ? spread.reshaped([spread.count]) : spread
        text.grid(shown, title: "Filter F dilated by \(dilation) (the holes are 0)", axisNames: ["filter", "channel"])
    }

    /// The operands as written, and the layer they make.
    func parse() throws -> (input: Tensor, filter: Tensor, bias: [Double]?, convolution: Convolution) {
        let x = try TensorArgument.parse(input, option: "--input")
        let f = try TensorArgument.parse(filter, option: "--filter")
        let b = try bias.map { try TensorArgument.parseList($0, option: "--bias") }
        return (x, f, b, try Convolution(input: x, filter: f, bias: b, stride: stride, padding: padding,
                                                  dilation: dilation, groups: groups))
    }

    /// With groups, which channels each group's filters see, and the weight count beside a one-group layer's.
    func writeGroups(_ conv: Convolution, text: ExplanationText) {
        guard conv.groups > 1 else { return }
        text.out.line("Groups: G = \(conv.groups), each filter seeing C/G = \(conv.channels)/\(conv.groups) = "
                      + "\(conv.channelsPerGroup) input channel\(conv.channelsPerGroup == 1 ? "" : "s")")
        for index in 0..<conv.groups { text.out.line("  " + conv.channelGroup(index).description) }
        for line in conv.parameterCountLines { text.out.line(line) }
    }
}

/// `compute conv`: the forward pass of a convolutional layer (cross-correlation with stride, padding,
/// channels, several filters and bias), every output element as its sum of products.
struct ConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv",
        abstract: "A convolutional layer's forward pass, term by term."
    )

    @OptionGroup var layer: LayerOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        let (x, f, b, conv) = try layer.parse()
        try output.limit.check(OutputEstimate.convolution(conv, output: output), json: output.json)
        let padding = layer.padding
        let out = output.textOutput()
        if output.json {
            try ConvolutionSteps.checkJSONSize(conv)
            var json = JSONWriter(out)
            json.beginObject()
            ConvolutionSteps.writeJSON(conv, to: &json)
            ConvolutionSteps.writeGroupsJSON(conv, to: &json)
            json.endObject()
        } else {
            let text = ExplanationText(out: out, detail: output.detail)
            let sizes = try ConvolutionSteps.sizeLines(conv)
            text.heading("Convolution (cross-correlation: the filter slides without flipping)")
            out.line()
            layer.writeOperands(input: x, filter: f, bias: b, sizes: sizes, text: text)
            layer.writeGroups(conv, text: text)
            out.line()
            if padding > 0 {
                ConvolutionSteps.writePaddedInput(x, padding: Extent2D(padding),
                    title: "Input X zero-padded by \(padding)",
                                                  text: text)
            }
            ConvolutionSteps.writeSteps(conv, text: text)
            let result = conv.forward().reshaped(conv.displayOutputShape)
            text.grid(result, title: "Output O", scale: ConvolutionSteps.outputScale(conv, result: result),
                      axisNames: ["sample", "filter"])
        }
        out.flush()
    }
}

/// `compute full-conv`: the full convolution of a gradient with a filter — the filter turned by 180°
/// sliding over the gradient zero-padded by (Kh − 1, Kw − 1). For a stride-1, unpadded layer this is ∂L/∂X.
struct FullConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "full-conv",
        abstract: "Full convolution of ∂L/∂O with a filter (rotated 180°, every overlap counted): 2-D only."
    )

    @Option(parsing: .unconditional, help: "The gradient ∂L/∂O, a 2-D grid.")
    var input: String

    @Option(parsing: .unconditional, help: "The filter F, a 2-D grid.")
    var filter: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let g = try TensorArgument.parse(input, option: "--input")
        let f = try TensorArgument.parse(filter, option: "--filter")
        guard g.rank == 2 else {
            throw CLIError("--input: full-conv works on 2-D grids only, "
                           + "but the input has rank \(g.rank) (\(GridText.shape(g.shape)))")
        }
        guard f.rank == 2 else {
            throw CLIError("--filter: full-conv works on 2-D grids only, "
                           + "but the filter has rank \(f.rank) (\(GridText.shape(f.shape)))")
        }
        let conv = try Convolution.full(input: g, filter: f, names: TensorNames(input: "∂L/∂O", filter: "F",
            output: "∂L/∂X"))
        try output.limit.check(OutputEstimate.convolution(conv, output: output), json: output.json)
        let rotated = f.rotated180()
        let out = output.textOutput()
        if output.json {
            try ConvolutionSteps.checkJSONSize(conv)
            var json = JSONWriter(out)
            json.beginObject()
            json.tensor("rotated_filter", rotated, scale: rotated.magnitude)
            ConvolutionSteps.writeJSON(conv, to: &json, includeShape: false)
            json.endObject()
        } else {
            let text = ExplanationText(out: out, detail: output.detail)
            let (kh, kw) = (f.shape[0], f.shape[1])
            text.heading("Full convolution: the filter turned by 180° slides over ∂L/∂O padded by "
                         + "Kh − 1 = \(kh - 1), Kw − 1 = \(kw - 1)")
            out.line()
            text.grid(g, title: "Gradient ∂L/∂O")
            text.grid(f, title: "Filter F")
            text.grid(rotated, title: "Filter F rotated by 180°")
            ConvolutionSteps.writePaddedInput(g, padding: conv.padding,
                                              title: "Gradient ∂L/∂O zero-padded by \(kh - 1) row\(kh == 2 ? "" : "s") "
                                                  + "and \(kw - 1) column\(kw == 2 ? "" : "s")",
                                              text: text)
            ConvolutionSteps.writeSteps(conv, text: text)
            let result = conv.forward().reshaped(conv.displayOutputShape)
            text.grid(result, title: "Result ∂L/∂X", scale: ConvolutionSteps.outputScale(conv, result: result))
        }
        out.flush()
    }
}

/// The parts of a convolution's explanation shared by `conv` and `full-conv`.
enum ConvolutionSteps {
    /// `--json` lists every term of every output; refuse lists beyond `Limits.maxElements` terms.
    static func checkJSONSize(_ conv: Convolution) throws {
        let (terms, overflow) = conv.outputCount.multipliedReportingOverflow(by: conv.termsPerOutput)
        guard !overflow, terms <= Limits.maxElements else {
            throw CLIError("the steps would list \(conv.outputCount) outputs × \(conv.termsPerOutput) terms, "
                           + "more than the limit of \(Limits.maxElements) terms for --json")
        }
    }

    /// `output`, `output_shape` (unless `includeShape` is false) and `steps`. Output values are the steps'
    /// values, printed at each step's own scale, so the two always agree.
    static func writeJSON(_ conv: Convolution, to json: inout JSONWriter, includeShape: Bool = true) {
        writeJSON(displayShape: conv.displayOutputShape, axes: conv.outputAxes, to: &json, includeShape: includeShape,
                  explain: conv.explainOutput)
    }

    /// The same for any operation whose output values are sums of x·w terms, `explain` taking a canonical flat index.
    static func writeJSON(displayShape: [Int], axes: AxisMask, to json: inout JSONWriter, includeShape: Bool = true,
                          explain: (Int) -> Explanation) {
        let out = json.out
        let count = displayShape.reduce(1, *)
        json.key("output")
        JSONWriter.writeNested(shape: displayShape, to: out) { flat in
            let explanation = explain(flat)
            return JSONWriter.number(explanation.value, scale: explanation.scale)
        }
        if includeShape {
            json.integers("output_shape", displayShape)
        }
        json.key("steps")
        out.write("[")
        for flat in 0..<count {
            out.write(flat == 0 ? "\n    " : ",\n    ")
            writeStep(explain(flat), axes: axes, to: out)
        }
        out.write(count > 0 ? "\n  ]" : "]")
    }

    /// With groups: `groups` (G), `parameters` and `dense_parameters` (the weights, and K biases with a bias, of this
    /// layer and of the same layer with one group).
    static func writeGroupsJSON(_ conv: Convolution, to json: inout JSONWriter) {
        guard conv.groups > 1 else { return }
        json.integer("groups", conv.groups)
        json.integer("parameters", conv.parameterCount)
        json.integer("dense_parameters", conv.denseParameterCount)
    }

    /// One step: `index`, with groups `group` (0-based, as `index`), `value` and `terms` {x, w, product, partial}.
    static func writeStep(_ explanation: Explanation, axes: AxisMask, to out: TextOutput) {
        let scale = explanation.scale
        out.write("{\"index\":")
        out.write(JSONWriter.integers(axes.displayIndex(explanation.target.position)))
        if let group = explanation.group { out.write(",\"group\":\(group.index)") }
        out.write(",\"value\":")
        out.write(JSONWriter.number(explanation.value, scale: scale))
        out.write(",\"terms\":[")
        for (index, term) in explanation.terms.enumerated() {
            if index > 0 { out.write(",") }
            out.write("{\"x\":")
            out.write(JSONWriter.number(term.factors[0].value, scale: scale))
            out.write(",\"w\":")
            out.write(JSONWriter.number(term.factors[1].value, scale: scale))
            out.write(",\"product\":")
            out.write(JSONWriter.number(term.product, scale: scale))
            out.write(",\"partial\":")
            out.write(JSONWriter.number(term.partial, scale: scale))
            out.write("}")
        }
        out.write("]}")
    }

    /// "Output height: ⌊(N + 2P − F)/S⌋ + 1 = … = 2", and the same for the width; one "Output length" line for
    /// a 1-D signal.
    static func sizeLines(_ conv: Convolution) throws -> [String] {
        let width = try OutputSize.explain(inputSize: conv.width, filterSize: conv.kernelWidth,
            stride: conv.stride.columns,
                                           padding: conv.padding.columns, dilation: conv.dilation.columns)
        guard conv.inputAxes.visible[2] else { return ["Output length: " + width] }
        let height = try OutputSize.explain(inputSize: conv.height, filterSize: conv.kernelHeight,
            stride: conv.stride.rows,
                                            padding: conv.padding.rows, dilation: conv.dilation.rows)
        return ["Output height: " + height, "Output width:  " + width]
    }

    /// The input with its zero border, when it is small enough to be worth reading. A 1-D signal is padded at
    /// both ends only.
    static func writePaddedInput(_ input: Tensor, padding: Extent2D, title: String, text: ExplanationText) {
        let isSignal = input.rank == 1
        let grid = isSignal ? input.reshaped([1, input.count]) : input
        let padding = isSignal ? Extent2D(rows: 0, columns: padding.columns) : padding
        guard padding.rows > 0 || padding.columns > 0 else { return }
        var shape = grid.shape
        shape[shape.count - 2] += 2 * padding.rows
        shape[shape.count - 1] += 2 * padding.columns
        if isSignal { shape = [shape[1]] }
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        if text.detail.showsGrid(count), let padded = grid.zeroPadded(rows: padding.rows, columns: padding.columns) {
            text.grid(padded.reshaped(shape), title: title, scale: input.magnitude)
        } else {
            text.out.line("\(title): \(GridText.shape(shape)), not shown (--all shows it)")
            text.out.line()
        }
    }

    /// Every output element's symbolic and numeric lines (the first 20 of a large output).
    static func writeSteps(_ conv: Convolution, text: ExplanationText) {
        let name = conv.names.output
        let channels = conv.groups > 1 ? "channel of the filter's group" : "channel"
        text.out.line("Each output value, term by term (\(channels), kernel row, kernel column):")
        text.out.line()
        text.writeAll(count: conv.outputCount, noun: "values of \(name)") { conv.explainOutput($0) }
    }

    /// The size of the numbers an output value comes from: inputs, weights, their products, the bias.
    static func outputScale(_ conv: Convolution, result: Tensor) -> Double {
        max(result.magnitude, Scale.product(conv.input.magnitude, conv.filters.magnitude), Scale.of(conv.bias ?? []))
    }
}
