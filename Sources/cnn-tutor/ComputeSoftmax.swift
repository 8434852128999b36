import ArgumentParser
import CNNCore

/// `compute softmax`: scores to probabilities, p_k = e^(z_k − m)/Σ_i e^(z_i − m) with m the largest score, each
/// step written out; with `--grad` the backward pass through the Jacobian ∂p_i/∂z_k = p_i·(δ_ik − p_k).
struct SoftmaxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "softmax",
        abstract: "Softmax, p_k = e^(z_k − m)/Σ_i e^(z_i − m) with m = max z, step by step; its gradient with --grad."
    )

    @Option(parsing: .unconditional, help: "The scores z: one sample \"1 2 3\" or [1,2,3], or a batch N×K (N > 1).")
    var input: String

    @Option(parsing: .unconditional, help: "The loss gradient ∂L/∂p, in the shape of the input.")
    var grad: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let softmax = try Softmax(input: TensorArgument.parseSamples(input, option: "--input"))
        let g = try grad.map { try TensorArgument.parseSamples($0, option: "--grad") }
        if let g, g.shape != softmax.samples.displayShape {
            throw CoreError.shapeMismatch(what: Subject(.gradient, "the gradient (--grad)"),
                                          expected: softmax.samples.displayShape, found: g.shape)
        }
        try output.limit.check(OutputEstimate.softmax(softmax, gradient: g != nil, output: output), json: output.json)
        let gradInput = try g.map { try softmax.backward(outputGradient: $0) }
        let out = TextOutput()
        if output.json {
            writeJSON(softmax, gradInput: gradInput, gradientScale: g?.magnitude ?? 0, out: out)
        } else {
            let text = ExplanationText(out: out, detail: output.detail)
            SoftmaxSteps.write(softmax, text: text)
            if let g, let gradInput { writeBackward(softmax, gradient: g, result: gradInput, text: text) }
        }
        out.flush()
    }

    /// `output` (p), `maximum` (m), `exponentials` (E), `sum` (S), and `grad_input` with --grad; m and S are one
    /// number for one sample, a list for a batch. Only the gradient, a sum of terms that may cancel, is printed at
    /// a noise scale; the others are quotients and exponentials, exact to their last digits.
    func writeJSON(_ softmax: Softmax, gradInput: Tensor?, gradientScale: Double, out: TextOutput) {
        let samples = softmax.samples
        var json = JSONWriter(out)
        json.beginObject()
        json.tensor("output", softmax.forward(), scale: 0)
        SoftmaxSteps.perSample(&json, "maximum", samples, scale: 0) { softmax.maximum(sample: $0) }
        let exponentials = (0..<softmax.input.count).map(softmax.exponential)
        json.tensor("exponentials", try! Tensor(shape: samples.displayShape, values: exponentials), scale: 0)
        SoftmaxSteps.perSample(&json, "sum", samples, scale: 0) { softmax.denominator(sample: $0) }
        if let gradInput { json.tensor("grad_input", gradInput, scale: gradientScale) }
        json.endObject()
    }

    func writeBackward(_ softmax: Softmax, gradient: Tensor, result: Tensor, text: ExplanationText) {
        text.heading("Backward: ∂L/∂z_k = Σ_i ∂L/∂p_i·J_ik, with J_ik = ∂p_i/∂z_k = p_i·(δ_ik − p_k)")
        text.out.line()
        text.grid(gradient, title: "Loss gradient ∂L/∂p")
        text.writeAll(count: softmax.input.count, noun: "elements of ∂L/∂z") {
            // The gradient's shape was checked before, so this cannot fail.
            try! softmax.explainInputGradient($0, outputGradient: gradient)
        }
        text.grid(result, title: "∂L/∂z")
    }
}

/// `compute cross-entropy`: the loss of softmax probabilities against a target distribution y,
/// L = −Σ_k y_k·ln p_k, and its gradient with respect to the scores, ∂L/∂z = p − y.
struct CrossEntropyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cross-entropy",
        abstract: "Softmax cross-entropy L = −Σ_k y_k·ln p_k from scores z and a target y, and ∂L/∂z = p − y."
    )

    @Option(parsing: .unconditional, help: "The scores z: one sample \"1 2 3\", or a batch N×K (N > 1).")
    var input: String

    @Option(parsing: .unconditional,
            help: "The target y in the shape of z: per sample at least 0 and summing to 1 (one-hot \"0 0 1\").")
    var target: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let z = try TensorArgument.parseSamples(input, option: "--input")
        let y = try TensorArgument.parseSamples(target, option: "--target")
        let loss: SoftmaxCrossEntropy
        do {
            loss = try SoftmaxCrossEntropy(scores: z, target: y)
        } catch let error as TargetError {
            throw CLIError("--target: \(error.description)")
        }
        try output.limit.check(OutputEstimate.crossEntropy(loss, output: output), json: output.json)
        let samples = loss.softmax.samples
        let out = TextOutput()
        if output.json {
            var json = JSONWriter(out)
            json.beginObject()
            json.tensor("probabilities", loss.softmax.forward(), scale: 0)
            SoftmaxSteps.perSample(&json, "loss", samples, scale: 0) { loss.loss(sample: $0) }
            json.tensor("grad_input", loss.scoreGradient(), scale: 1)
            json.endObject()
        } else {
            writeText(loss, out: out)
        }
        out.flush()
    }

    func writeText(_ loss: SoftmaxCrossEntropy, out: TextOutput) {
        let text = ExplanationText(out: out, detail: output.detail)
        SoftmaxSteps.write(loss.softmax, text: text)
        let count = loss.softmax.input.count
        text.heading("Cross-entropy: L = −Σ_k y_k·ln p_k, with −ln p_k = ln S − (z_k − m) (never ln 0)")
        out.line()
        text.grid(loss.target.reshaped(loss.softmax.samples.displayShape), title: "Target y")
        SoftmaxSteps.writeFormulas(count: count, noun: "values of −ln p", text: text) {
            loss.explainNegativeLogProbability($0)
        }
        text.writeAll(count: loss.softmax.samples.count, noun: "losses") { loss.explainLoss($0) }
        text.heading("Gradient with respect to the scores: ∂L/∂z_k = p_k − y_k")
        out.line()
        SoftmaxSteps.writeFormulas(count: count, noun: "elements of ∂L/∂z", text: text) {
            loss.explainScoreGradient($0)
        }
        text.grid(loss.scoreGradient(), title: "∂L/∂z", scale: 1)
    }
}

/// The worked softmax shared by `softmax` and `cross-entropy`.
enum SoftmaxSteps {
    static func write(_ softmax: Softmax, text: ExplanationText) {
        text.heading("Softmax: m = max_i z_i, E_k = e^(z_k − m), S = Σ_i E_i, p_k = E_k/S")
        text.out.line()
        text.out.line(Softmax.whyMaximum)
        text.out.line()
        text.grid(softmax.input.reshaped(softmax.samples.displayShape), title: "Scores z")
        let shown = text.detail.shown(softmax.samples.count)
        for n in 0..<shown {
            let base = n * softmax.samples.width
            text.write(softmax.explainMaximum(n))
            writeFormulas(count: softmax.samples.width, noun: "exponentials", text: text) {
                softmax.explainExponential(base + $0)
            }
            text.write(softmax.explainDenominator(n))
            writeFormulas(count: softmax.samples.width, noun: "probabilities", text: text) {
                softmax.explainOutput(base + $0)
            }
        }
        if shown < softmax.samples.count {
            text.out.line("… \(softmax.samples.count - shown) more samples left out (--all prints all)")
            text.out.line()
        }
        text.grid(softmax.forward(), title: "Probabilities p", scale: 1)
    }

    /// Formulas 0..<count, each as its symbolic and numeric line; the first 20 only when there are over 400.
    static func writeFormulas(count: Int, noun: String, text: ExplanationText, formula: (Int) -> Formula) {
        let shown = text.detail.shown(count)
        for index in 0..<shown {
            let step = formula(index)
            text.out.line(step.symbolicLine)
            text.out.line(step.numericLine)
        }
        if shown < count { text.out.line("… \(count - shown) more \(noun) left out (--all prints all)") }
        text.out.line()
    }

    /// A per-sample number: one number for a single sample, a list for a batch.
    static func perSample(_ json: inout JSONWriter, _ key: String, _ samples: Samples, scale: Double,
                          value: (Int) -> Double) {
        if samples.isBatch {
            json.list(key, (0..<samples.count).map(value), scale: scale)
        } else {
            json.number(key, value(0), scale: scale)
        }
    }
}
