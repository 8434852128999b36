import ArgumentParser
import CNNCore

/// `compute dense`: a fully connected layer, Z_k = Σ_j W_kj·a_j + b_k, every output as its sum of products, and with
/// `--grad` its backward pass (∂L/∂W, ∂L/∂b, ∂L/∂a).
struct DenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dense",
        abstract: "A fully connected layer, Z_k = Σ_j W_kj·a_j + b_k, term by term; its gradients with --grad."
    )

    @Option(parsing: .unconditional, help: "The input a: one sample \"1 2 3\" or [1,2,3], or a batch N×J (N > 1).")
    var input: String

    @Option(parsing: .unconditional, help: "The weights W, K×J: one row per output (\"1 0 -1; 2 1 0\").")
    var weights: String

    @Option(parsing: .unconditional, help: "The bias, one number per output: \"1 -2\" or \"[1,-2]\".")
    var bias: String?

    @Option(parsing: .unconditional, help: "The loss gradient ∂L/∂Z, in the shape of the output.")
    var grad: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let a = try TensorArgument.parseSamples(input, option: "--input")
        let w = try TensorArgument.parse(weights, option: "--weights")
        let b = try bias.map { try TensorArgument.parseList($0, option: "--bias") }
        let dense = try Dense(input: a, weights: w, bias: b)
        let g = try grad.map { try TensorArgument.parseSamples($0, option: "--grad") }
        if let g, g.shape != dense.displayOutputShape {
            throw CoreError.shapeMismatch(what: Subject(.gradient, "the output gradient (--grad)"),
                                          expected: dense.displayOutputShape, found: g.shape)
        }
        try output.limit.check(OutputEstimate.dense(dense, gradient: g != nil, output: output), json: output.json)
        let backward = try g.map { try dense.backward(outputGradient: $0) }
        let out = TextOutput()
        if output.json {
            var json = JSONWriter(out)
            json.beginObject()
            VectorSteps.writeJSON(count: dense.outputSamples.count * dense.outputSize,
                                  displayShape: dense.displayOutputShape, to: &json) { dense.explainOutput($0) }
            if let backward { writeGradientsJSON(backward, to: &json) }
            json.endObject()
        } else {
            writeText(dense, backward: backward, out: out)
        }
        out.flush()
    }

    /// `grad_input`, `grad_weight`, `grad_bias`, each at the scale of the numbers it was computed from.
    func writeGradientsJSON(_ backward: DenseBackward, to json: inout JSONWriter) {
        let dense = backward.dense, g = backward.outputGradient.magnitude
        let gradInput = backward.inputGradient(), gradWeight = backward.weightGradient()
        json.tensor("grad_input", gradInput,
                    scale: max(gradInput.magnitude, Scale.product(g, dense.weights.magnitude)))
        json.tensor("grad_weight", gradWeight,
                    scale: max(gradWeight.magnitude, Scale.product(g, dense.input.magnitude)))
        json.list("grad_bias", backward.biasGradient(), scale: g)
    }

    func writeText(_ dense: Dense, backward: DenseBackward?, out: TextOutput) {
        let text = ExplanationText(out: out, detail: output.detail)
        let outputs = dense.outputSamples.count * dense.outputSize
        text.heading("Fully connected layer: Z_k = Σ_j W_kj·a_j + b_k, every input times its weight, plus the bias")
        out.line()
        text.grid(dense.input.reshaped(dense.samples.displayShape), title: "Input a")
        text.grid(dense.weights, title: "Weights W, one row per output")
        if let bias = dense.bias { out.line("Bias b: " + GridText.list(bias)) }
        out.line()
        text.writeAll(count: outputs, noun: "outputs") { dense.explainOutput($0) }
        let result = dense.forward()
        text.grid(result, title: "Output Z",
                  scale: max(result.magnitude, Scale.product(dense.weights.magnitude, dense.input.magnitude)))
        guard let backward else { return }
        text.heading("Backward: ∂L/∂W_kj = Σ_n ∂L/∂Z_nk·a_nj, ∂L/∂b_k = Σ_n ∂L/∂Z_nk, "
                     + "∂L/∂a_j = Σ_k ∂L/∂Z_k·W_kj")
        out.line()
        text.grid(backward.outputGradient.reshaped(dense.displayOutputShape), title: "Loss gradient ∂L/∂Z")
        text.writeAll(count: dense.weights.count, noun: "elements of ∂L/∂W") {
            backward.explainWeightGradient($0)
        }
        text.grid(backward.weightGradient(), title: "∂L/∂W")
        text.writeAll(count: dense.outputSize, noun: "elements of ∂L/∂b") { backward.explainBiasGradient($0) }
        out.line("∂L/∂b: " + GridText.list(backward.biasGradient()))
        out.line()
        text.writeAll(count: dense.input.count, noun: "elements of ∂L/∂a") {
            backward.explainInputGradient($0)
        }
        text.grid(backward.inputGradient(), title: "∂L/∂a")
    }
}

/// The JSON steps of the vector operations: `output`, `output_shape`, then `steps`, one {index, value, terms} per
/// output with terms {x, w, product, partial} as for a convolution (x the input value, w the weight).
enum VectorSteps {
    static func writeJSON(count: Int, displayShape: [Int], to json: inout JSONWriter,
                          explain: (Int) -> Explanation) {
        let out = json.out
        json.key("output")
        JSONWriter.writeNested(shape: displayShape, to: out) { flat in
            let explanation = explain(flat)
            return JSONWriter.number(explanation.value, scale: explanation.scale)
        }
        json.integers("output_shape", displayShape)
        json.key("steps")
        out.write("[")
        for flat in 0..<count {
            out.write(flat == 0 ? "\n    " : ",\n    ")
            writeStep(explain(flat), to: out)
        }
        out.write("\n  ]")
    }

    /// One step; a dense term's factors are (W_kj, a_j), written as w and x.
    static func writeStep(_ explanation: Explanation, to out: TextOutput) {
        let scale = explanation.scale
        let number = { (value: Double) in JSONWriter.number(value, scale: scale) }
        out.write("{\"index\":" + JSONWriter.integers(explanation.target.subscripts))
        out.write(",\"value\":" + number(explanation.value) + ",\"terms\":[")
        for (index, term) in explanation.terms.enumerated() {
            if index > 0 { out.write(",") }
            out.write("{\"x\":" + number(term.factors[1].value) + ",\"w\":" + number(term.factors[0].value))
            out.write(",\"product\":" + number(term.product) + ",\"partial\":" + number(term.partial) + "}")
        }
        out.write("]}")
    }
}

extension TensorArgument {
    /// A vector operation's operand: one row ("1 2 3", [1,2,3] or [[1,2,3]]) is one sample of rank 1; more rows are
    /// a batch, one sample a row.
    static func parseSamples(_ text: String, option: String) throws -> Tensor {
        let tensor = try parse(text, option: option)
        return tensor.rank == 2 && tensor.shape[0] == 1 ? tensor.reshaped([tensor.shape[1]]) : tensor
    }
}
