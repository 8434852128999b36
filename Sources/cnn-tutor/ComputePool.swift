import ArgumentParser
import CNNCore

/// `compute pool`: max or average pooling, each window written out, and with `--grad` where each output
/// gradient goes back to.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Max or average pooling, window by window, and its gradient routing (with --grad)."
    )

    @Option(parsing: .unconditional, help: "max or avg.")
    var mode: PoolModeArgument

    @Option(parsing: .unconditional,
        help: "The input X: \"1 3 2 1; 2 9 1 1\" or a JSON nested array (H×W, C×H×W or N×C×H×W).")
    var input: String

    @Option(parsing: .unconditional, help: "The window size f (an f×f window).")
    var size: Int

    @Option(parsing: .unconditional, help: "The stride (default: the window size).")
    var stride: Int?

    @Option(parsing: .unconditional, help: "Padding on every side, at most half the window size.")
    var padding: Int = 0

    @Option(parsing: .unconditional, help: "The loss gradient ∂L/∂P, in the shape of the pooled output.")
    var grad: String?

    @OptionGroup var output: OutputOptions

    /// The output-size arithmetic along each axis the input has.
    static func sizeLines(_ pooling: Pooling) throws -> [String] {
        let width = try OutputSize.explain(inputSize: pooling.width, filterSize: pooling.size.columns,
                                           stride: pooling.stride.columns, padding: pooling.padding.columns)
        guard pooling.inputAxes.visible[2] else { return ["Output length: " + width] }
        let height = try OutputSize.explain(inputSize: pooling.height, filterSize: pooling.size.rows,
                                            stride: pooling.stride.rows, padding: pooling.padding.rows)
        return ["Output height: " + height, "Output width:  " + width]
    }

    func run() throws {
        let poolMode = mode.mode
        let x = try TensorArgument.parse(input, option: "--input")
        let g = try grad.map { try TensorArgument.parse($0, option: "--grad") }
        let pooling = try Pooling(input: x, mode: poolMode, size: size, stride: stride, padding: padding)
        try output.limit.check(OutputEstimate.pooling(pooling, gradient: g != nil, output: output), json: output.json)
        let result = pooling.forward().reshaped(pooling.displayOutputShape)
        let gradInput: Tensor?
        if let g {
            guard g.shape == pooling.displayOutputShape else {
                throw CoreError.shapeMismatch(what: Subject(.gradient, "the output gradient (--grad)"),
                    expected: pooling.displayOutputShape, found: g.shape)
            }
            gradInput = try pooling.backward(outputGradient: g).reshaped(x.shape)
        } else {
            gradInput = nil
        }
        let outputScale = max(result.magnitude, x.magnitude)
        let gradScale = max(gradInput?.magnitude ?? 0, g?.magnitude ?? 0)

        let out = output.textOutput()
        if output.json {
            var json = JSONWriter(out)
            json.beginObject()
            json.tensor("output", result, scale: outputScale)
            if let gradInput {
                json.tensor("grad_input", gradInput, scale: gradScale)
            }
            json.endObject()
        } else {
            let text = ExplanationText(out: out, detail: output.detail)
            let sizes = try Self.sizeLines(pooling)
            let cells = pooling.size.rows * pooling.size.columns
            let window = x.rank == 1 ? "of \(size)" : "\(size)×\(size)"
            let description = poolMode == .max
                ? "Max pooling: each window keeps its largest value (padded cells never win)"
                : "Average pooling: each window's sum divided by its \(cells) cells (padded cells count as 0)"
            text.heading(description)
            out.line()
            text.grid(x, title: "Input X")
            let strideNote = stride == nil ? " (the window size)" : ""
            out.line("Window \(window), stride \(pooling.stride.columns)\(strideNote), padding \(padding)")
            for line in sizes { out.line(line) }
            out.line()
            out.line("Each window:")
            out.line()
            text.writeAll(count: pooling.outputCount, noun: "windows") { pooling.explainOutput($0) }
            text.grid(result, title: "Output P", scale: outputScale)
            if let g, let gradInput {
                text.heading(poolMode == .max
                    ? "Gradient routing: each ∂L/∂P goes to the (first) maximum of its window; every other cell gets 0"
                    : "Gradient routing: each ∂L/∂P is shared equally, 1/\(cells) to every cell of its window")
                out.line()
                text.grid(g, title: "Loss gradient ∂L/∂P")
                // Max pooling: only the cells that receive a gradient are listed; the rest are 0.
                let listsAll = text.detail.all || x.count <= Detail.manyElements
                var listed = 0, skippedZero = 0, stopped = false
                for flat in 0..<x.count {
                    if !listsAll && listed == Detail.shownElements {
                        stopped = true
                        break
                    }
                    // The gradient's shape was checked above, so this cannot fail.
                    guard let explanation = try? pooling.explainInputGradient(flat, outputGradient: g) else { continue }
                    if explanation.terms.isEmpty {
                        skippedZero += 1
                        continue
                    }
                    text.write(explanation)
                    listed += 1
                }
                if stopped {
                    out.line("… the remaining elements of ∂L/∂X left out (--all prints all)")
                    out.line()
                } else if skippedZero > 0 {
                    out.line("Every other element of ∂L/∂X is 0: no window sends its gradient there.")
                    out.line()
                }
                text.grid(gradInput, title: "∂L/∂X", scale: gradScale)
            }
        }
        out.flush()
    }
}
