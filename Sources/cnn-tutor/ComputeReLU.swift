import ArgumentParser
import CNNCore

/// `compute relu`: max(0, x) element by element, and with `--grad` its backward pass (the gradient passes
/// where the input is positive).
struct ReLUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relu",
        abstract: "ReLU, max(0, x), element by element, and its gradient (with --grad)."
    )

    @Option(parsing: .unconditional,
            help: "The pre-activation O: \"1 -2; 3 -4\" or a JSON nested array of rank 1 to 4.")
    var input: String

    @Option(parsing: .unconditional, help: "The loss gradient ∂L/∂A, in the shape of the input.")
    var grad: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let x = try TensorArgument.parse(input, option: "--input")
        let g = try grad.map { try TensorArgument.parse($0, option: "--grad") }
        try output.limit.check(OutputEstimate.relu(x, gradient: g != nil, output: output), json: output.json)
        let relu = ReLU(input: x)
        let result = relu.forward()
        let gradInput: Tensor?
        if let g {
            guard g.shape == x.shape else {
                throw CoreError.shapeMismatch(what: Subject(.gradient, "the gradient (--grad)"), expected: x.shape,
                                              found: g.shape)
            }
            gradInput = try relu.backward(outputGradient: g)
        } else {
            gradInput = nil
        }

        let out = output.textOutput()
        if output.json {
            var json = JSONWriter(out)
            json.beginObject()
            json.tensor("output", result, scale: x.magnitude)
            if let gradInput, let g {
                json.tensor("grad_input", gradInput, scale: g.magnitude)
            }
            json.endObject()
        } else {
            let text = ExplanationText(out: out, detail: output.detail)
            text.heading("ReLU: A = max(0, O), element by element")
            out.line()
            text.grid(x, title: "Input O")
            text.writeAll(count: x.count, noun: "elements") { relu.explainOutput($0) }
            text.grid(result, title: "Output A", scale: x.magnitude)
            if let g, let gradInput {
                text.heading("Backward: ∂L/∂O = ∂L/∂A where O > 0, else 0")
                out.line()
                text.grid(g, title: "Loss gradient ∂L/∂A")
                text.writeAll(count: x.count, noun: "elements of ∂L/∂O") {
                    relu.explainInputGradient($0, outputGradient: g)
                }
                text.grid(gradInput, title: "∂L/∂O", scale: g.magnitude)
            }
        }
        out.flush()
    }
}
