import ArgumentParser
import CNNCore

/// `compute backward`: a convolutional layer's backward pass for a given ∂L/∂O — ∂L/∂X, ∂L/∂F and ∂L/∂b,
/// each element as its chain-rule sum.
struct BackwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backward",
        abstract: "Gradients of a convolutional layer (∂L/∂X, ∂L/∂F, ∂L/∂b) for a given ∂L/∂O, term by term."
    )

    @OptionGroup var layer: LayerOptions

    @Option(parsing: .unconditional, help: "The loss gradient ∂L/∂O, in the shape of the forward output.")
    var grad: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let (x, f, b, conv) = try layer.parse()
        let padding = layer.padding
        let g = try TensorArgument.parse(grad, option: "--grad")
        guard g.shape == conv.displayOutputShape else {
            throw CoreError.shapeMismatch(what: Subject(.gradient, "the output gradient (--grad)"),
                expected: conv.displayOutputShape, found: g.shape)
        }
        try output.limit.check(OutputEstimate.backward(conv, output: output), json: output.json)
        let backward = try conv.backward(outputGradient: g)
        let forward = conv.forward().reshaped(conv.displayOutputShape)
        let gradInput = backward.inputGradient().reshaped(x.shape)
        let gradWeight = backward.weightGradient().reshaped(f.shape)
        let gradBias = backward.biasGradient()
        let outputScale = ConvolutionSteps.outputScale(conv, result: forward)
        let inputScale = max(gradInput.magnitude, Scale.product(g.magnitude, f.magnitude))
        let weightScale = max(gradWeight.magnitude, Scale.product(g.magnitude, x.magnitude))
        let biasScale = max(Scale.of(gradBias), g.magnitude)

        let out = output.textOutput()
        if output.json {
            var json = JSONWriter(out)
            json.beginObject()
            json.tensor("output", forward, scale: outputScale)
            json.tensor("grad_input", gradInput, scale: inputScale)
            json.tensor("grad_weight", gradWeight, scale: weightScale)
            json.list("grad_bias", gradBias, scale: biasScale)
            ConvolutionSteps.writeGroupsJSON(conv, to: &json)
            json.endObject()
        } else {
            let text = ExplanationText(out: out, detail: output.detail)
            let sizes = try ConvolutionSteps.sizeLines(conv)
            text.heading("Backward pass of a convolution: ∂L/∂F, ∂L/∂X and ∂L/∂b from ∂L/∂O")
            out.line()
            layer.writeOperands(input: x, filter: f, bias: b, sizes: sizes, text: text)
            layer.writeGroups(conv, text: text)
            out.line()
            text.grid(forward, title: "Forward output O", scale: outputScale, axisNames: ["sample", "filter"])
            text.grid(g, title: "Loss gradient ∂L/∂O", axisNames: ["sample", "filter"])
            if padding > 0 {
                ConvolutionSteps.writePaddedInput(x, padding: Extent2D(padding),
                    title: "Input X zero-padded by \(padding)", text: text)
            }

            text.heading("∂L/∂F: each weight times every input value it met, weighted by that output's gradient")
            out.line()
            text.writeAll(count: f.count, noun: "elements of ∂L/∂F") { backward.explainWeightGradient($0) }
            text.grid(gradWeight, title: "∂L/∂F", scale: weightScale, axisNames: ["filter", "channel"])

            text.heading("∂L/∂X: each input value collects the gradients of the outputs it fed, times the weights")
            out.line()
            text.writeAll(count: x.count, noun: "elements of ∂L/∂X") { backward.explainInputGradient($0) }
            text.grid(gradInput, title: "∂L/∂X", scale: inputScale)

            text.heading("∂L/∂b: each filter's bias receives the sum of its output gradients")
            out.line()
            text.writeAll(count: gradBias.count, noun: "elements of ∂L/∂b") { backward.explainBiasGradient($0) }
            out.line("∂L/∂b: " + GridText.list(gradBias, scale: biasScale))
        }
        out.flush()
    }
}
