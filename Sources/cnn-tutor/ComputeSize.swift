import ArgumentParser
import CNNCore

/// `compute size`: the output size ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 along one axis (F for D = 1).
struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "The output size ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 of a convolution or pooling along one axis "
            + "(⌊(N + 2P − F)/S⌋ + 1 at D = 1)."
    )

    @Option(name: .customLong("input-size"), parsing: .unconditional, help: "N, the input size.")
    var inputSize: Int

    @Option(name: .customLong("filter-size"), parsing: .unconditional, help: "F, the filter (window) size.")
    var filterSize: Int

    @Option(parsing: .unconditional, help: "S, the stride.")
    var stride: Int = 1

    @Option(parsing: .unconditional, help: "P, the padding on each side.")
    var padding: Int = 0

    @Option(parsing: .unconditional, help: "D, the dilation: the filter's taps D apart.")
    var dilation: Int = 1

    @OptionGroup var output: OutputOptions

    func run() throws {
        let size = try OutputSize.compute(inputSize: inputSize, filterSize: filterSize, stride: stride,
                                          padding: padding, dilation: dilation)
        let explanation = try OutputSize.explain(inputSize: inputSize, filterSize: filterSize, stride: stride,
                                                 padding: padding, dilation: dilation)
        let out = output.textOutput()
        if output.json {
            var json = JSONWriter(out)
            json.beginObject()
            json.integer("output", size)
            json.endObject()
        } else {
            out.line("N = \(inputSize) (input), F = \(filterSize) (filter), S = \(stride) (stride), "
                     + "P = \(padding) (padding)" + (dilation == 1 ? "" : ", D = \(dilation) (dilation)"))
            out.line("Output size " + explanation)
            let left = (inputSize + 2 * padding - dilation * (filterSize - 1) - 1) % stride
            if left != 0 {
                out.line("The division is not exact: the floor drops the remainder, so the last \(left) "
                         + (left == 1 ? "row (or column) of the padded input is"
                                      : "rows (or columns) of the padded input are")
                         + " never covered by the filter.")
            }
        }
        out.flush()
    }
}
