import ArgumentParser
import CNNCore

/// `--max-output N`: the most numbers one answer may print. An explanation of every term of a large layer
/// (`--all`) or a JSON of millions of values would run to hundreds of MB; such a request is refused before
/// anything is computed, with a message naming the option that allows it.
struct OutputLimit: ParsableArguments {
    static let defaultNumbers = 1_000_000
    /// Beyond this even a raised limit is refused: about 2.5 GB of text.
    static let ceiling = 100_000_000

    @Option(name: .customLong("max-output"), parsing: .unconditional,
            help: ArgumentHelp("The most numbers the answer may print.", valueName: "N"))
    var numbers: Int = OutputLimit.defaultNumbers

    func validate() throws {
        guard (1...OutputLimit.ceiling).contains(numbers) else {
            throw ValidationError("--max-output must be between 1 and \(OutputLimit.ceiling), got \(numbers)")
        }
    }

    /// Refuses an answer of `estimate` numbers beyond the limit.
    func check(_ estimate: Int, json: Bool) throws {
        guard estimate > numbers else { return }
        let answer = json ? "the --json answer" : "the answer"
        let advice = estimate > OutputLimit.ceiling
            ? "more than any --max-output allows\(json ? "" : "; drop --all or use smaller inputs")"
            : "raise --max-output to \(estimate) to print it"
        throw CLIError("\(answer) would print about \(estimate) numbers, more than --max-output \(numbers); \(advice)")
    }
}

/// How many numbers each operation's answer prints, counted from the sizes alone (before computing), with
/// saturating arithmetic so absurd sizes cannot overflow.
enum OutputEstimate {
    static func convolution(_ conv: Convolution, output: OutputOptions) -> Int {
        let terms = conv.termsPerOutput
        if output.json { return sum(conv.outputCount, product(conv.outputCount, terms, 4)) }
        let padded = product(conv.batchCount, conv.channels, conv.height + 2 * conv.padding.rows,
                             conv.width + 2 * conv.padding.columns)
        return sum(conv.input.count, conv.filters.count, conv.filters.count, conv.bias?.count ?? 0,
                   output.detail.showsGrid(padded) ? padded : 0, conv.outputCount,
                   explained(conv.outputCount, terms: terms, detail: output.detail))
    }

    /// ∂L/∂F and ∂L/∂X: each weight sums over the outputs of its filter, each input over the weights it met.
    static func backward(_ conv: Convolution, output: OutputOptions) -> Int {
        let tensors = sum(conv.input.count, conv.filters.count, conv.outputCount)
        if output.json { return sum(tensors, tensors, conv.filterCount) }
        let outputsPerFilter = conv.outputCount / max(conv.filterCount, 1)
        let weightTerms = explained(conv.filters.count, terms: outputsPerFilter, detail: output.detail)
        let inputTerms = explained(conv.input.count, terms: product(conv.filtersPerGroup, conv.kernelHeight,
                                                                    conv.kernelWidth), detail: output.detail)
        let biasTerms = explained(conv.filterCount, terms: outputsPerFilter, detail: output.detail)
        return sum(convolution(conv, output: output), tensors, weightTerms, inputTerms, biasTerms)
    }

    /// Both teaching forms: each input value's scaled filter copy, then the spread input (about the output's size)
    /// convolved with the flipped filter, value by value.
    static func transposed(_ layer: TransposedConvolution, output: OutputOptions) -> Int {
        let terms = product(layer.inputChannels, layer.kernelHeight, layer.kernelWidth)
        if output.json { return sum(layer.outputCount, product(layer.outputCount, terms, 4)) }
        let copyTerms = product(layer.outputChannels, layer.kernelHeight, layer.kernelWidth)
        return sum(layer.input.count, layer.filters.count, product(layer.outputCount, 3),
                   explained(layer.input.count, terms: copyTerms, detail: output.detail),
                   explained(layer.outputCount, terms: terms, detail: output.detail))
    }

    static func pooling(_ pooling: Pooling, gradient: Bool, output: OutputOptions) -> Int {
        let tensors = sum(pooling.outputCount, gradient ? sum(pooling.outputCount, pooling.input.count) : 0)
        if output.json { return tensors }
        let window = product(pooling.size.rows, pooling.size.columns)
        return sum(tensors, pooling.input.count, explained(pooling.outputCount, terms: window, detail: output.detail),
                   gradient ? explained(pooling.input.count, terms: window, detail: output.detail) : 0)
    }

    static func relu(_ input: Tensor, gradient: Bool, output: OutputOptions) -> Int {
        let passes = gradient ? 2 : 1
        if output.json { return product(input.count, passes) }
        return product(passes, sum(input.count, input.count, input.count,
                                   explained(input.count, terms: 1, detail: output.detail)))
    }

    /// The explanations of `count` elements of `terms` terms each: two numbers a term and the result.
    static func explained(_ count: Int, terms: Int, detail: Detail) -> Int {
        let shownTerms = detail.all || terms <= Detail.manyTerms ? terms : Detail.shownTerms
        return product(detail.shown(count), sum(product(shownTerms, 2), 1))
    }

    static func sum(_ values: Int...) -> Int {
        values.reduce(0) { total, value in
            let (result, overflow) = total.addingReportingOverflow(value)
            return overflow ? Int.max : result
        }
    }

    static func product(_ values: Int...) -> Int {
        values.reduce(1) { total, value in
            let (result, overflow) = total.multipliedReportingOverflow(by: value)
            return overflow ? Int.max : result
        }
    }
}
