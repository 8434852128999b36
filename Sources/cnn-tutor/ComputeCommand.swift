import ArgumentParser
import CNNCore

/// `cnn-tutor compute OP …`: one operation on tensors given on the command line, explained term by term
/// (the default) or as one JSON object (`--json`).
///
/// Every operation validates and computes everything before it writes, so a refusal leaves stdout empty.
/// To add an operation: a `ParsableCommand` with `@OptionGroup var output: OutputOptions`, listed in
/// `Compute.operations`.
struct Compute: ParsableCommand {
    static let operations: [any ParsableCommand.Type] = [
        ConvCommand.self, BackwardCommand.self, FullConvCommand.self, TransposedCommand.self, PoolCommand.self,
        SizeCommand.self,
        ReLUCommand.self, DenseCommand.self, SoftmaxCommand.self, CrossEntropyCommand.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute one operation, term by term (or as JSON with --json).",
        discussion: """
        Tensors: "1 2 3; 4 5 6" (rows by ';' or newlines, values by spaces or commas), or a JSON nested array \
        of rank 2 (H×W), 3 (C×H×W) or 4 (N×C×H×W); filters rank 2 (Kh×Kw), 3 (C×Kh×Kw) or 4 (K×C×Kh×Kw); \
        for transposed, C_in×C_out×Kh×Kw. A JSON list such as [1, 2, 3, 4] is a 1-D signal (conv, backward, \
        pool, transposed), with a JSON list as its filter. \
        Write a value that starts with '-' as --input=-1 or after the option as usual.
        """,
        subcommands: operations
    )

    func run() throws {
        let names = Compute.operations.compactMap { $0.configuration.commandName }.joined(separator: ", ")
        throw CLIError("missing operation: expected one of \(names)", status: CommandRunner.usageStatus)
    }
}

/// Output format options shared by every operation.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object instead of the worked explanation.")
    var json = false

    @Flag(name: .long,
        help: "Print every step and term, even for outputs of more than \(Detail.manyElements) elements.")
    var all = false

    @OptionGroup var limit: OutputLimit

    @OptionGroup var display: DisplayOptions

    var detail: Detail { Detail(all: all) }

    /// Standard output for the answer: JSON escaped as JSON, the explanation as text for people.
    func textOutput() -> TextOutput {
        TextOutput(form: json ? .json : .readable)
    }
}

/// How much of a long explanation the human-readable output shows.
struct Detail {
    static let manyElements = 400
    static let shownElements = 20
    static let manyTerms = 400
    static let shownTerms = 20

    let all: Bool

    /// How many of `total` elements to explain term by term.
    func shown(_ total: Int) -> Int {
        all || total <= Detail.manyElements ? total : Detail.shownElements
    }

    /// Whether an intermediate grid of `count` cells (a zero-padded input) is worth printing.
    func showsGrid(_ count: Int) -> Bool {
        all || count <= Detail.manyElements
    }
}

/// Noise scales for printed results: the size of the numbers a value was computed from.
enum Scale {
    /// Products x·w of numbers up to `a` and `b` in size.
    static func product(_ a: Double, _ b: Double) -> Double { max(a, b, a * b) }

    static func of(_ values: [Double]) -> Double { values.reduce(0) { max($0, abs($1)) } }
}
