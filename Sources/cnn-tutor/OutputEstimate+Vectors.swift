import CNNCore

/// How many numbers the vector operations print (dense, softmax, cross-entropy), counted from the sizes alone.
extension OutputEstimate {
    static func dense(_ dense: Dense, gradient: Bool, output: OutputOptions) -> Int {
        let outputs = dense.outputSamples.count * dense.outputSize
        let tensors = sum(dense.input.count, dense.weights.count, outputs)
        let backward = gradient ? sum(tensors, dense.outputSize) : 0
        if output.json { return sum(outputs, product(outputs, dense.inputSize, 4), backward) }
        let steps = explained(outputs, terms: dense.inputSize, detail: output.detail)
        guard gradient else { return sum(tensors, steps) }
        return sum(tensors, steps, backward,
                   explained(dense.weights.count, terms: dense.samples.count, detail: output.detail),
                   explained(dense.outputSize, terms: dense.samples.count, detail: output.detail),
                   explained(dense.input.count, terms: dense.outputSize, detail: output.detail))
    }

    /// m, E, S and p for each sample, each explained from K terms; with a gradient, K terms for each element.
    static func softmax(_ softmax: Softmax, gradient: Bool, output: OutputOptions) -> Int {
        let count = softmax.input.count, width = softmax.samples.width
        let tensors = sum(product(count, 3), product(softmax.samples.count, 2))
        if output.json { return sum(tensors, gradient ? count : 0) }
        let steps = product(output.detail.shown(softmax.samples.count), sum(product(width, 8), 4))
        return sum(tensors, steps, gradient ? explained(count, terms: width, detail: output.detail) : 0)
    }

    /// The softmax, then −ln p and the gradient p − y for each element and the loss of each sample.
    static func crossEntropy(_ loss: SoftmaxCrossEntropy, output: OutputOptions) -> Int {
        let count = loss.softmax.input.count
        if output.json { return sum(product(count, 2), loss.softmax.samples.count) }
        return sum(softmax(loss.softmax, gradient: false, output: output), product(count, 10),
                   explained(loss.softmax.samples.count, terms: loss.softmax.samples.width, detail: output.detail))
    }
}
