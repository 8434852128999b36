import ArgumentParser
import CNNCore
import CNNSafeText
import CNNTerminal
import CNNTutorUI
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `cnn-tutor play`: the full-screen playground, a layer of any shape with the gather and scatter views.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "A playground: set the shape of a layer and watch which inputs feed each output, and back.",
        discussion: PlaygroundKeymap.discussion(CommandRunner.isDumpingHelp ? ManualText.ascii : { $0 }) + """


            Upper case makes a number larger, lower case smaller. \
            Needs a terminal of at least 60×20.
            """
    )

    @Option(help: ArgumentHelp("Input size: N for N×N, or H×W (e.g. 6x8); up to 64.", valueName: "N|HxW"))
    var inputSize = "6"

    @Option(help: "Input channels (1 to 8).")
    var channels = 1

    @Option(help: "Number of filters (1 to 8).")
    var filters = 1

    @Option(help: "Filter (or pooling window) size F, for F×F (1 to 11).")
    var filterSize = 3

    @Option(help: "Stride (1 to 8).")
    var stride = 1

    @Option(help: "Zero padding (0 to 10).")
    var padding = 0

    @Option(help: "Dilation: the filter's taps D apart (1 to 8).")
    var dilation = 1

    @Option(help: "Output padding A of a transposed convolution (0 to 7; smaller than the stride or the dilation).")
    var outputPadding = 0

    /// `--operation` as the command line spells it.
    enum Operation: String, ExpressibleByArgument, CaseIterable {
        case crossCorrelation = "cross-correlation", convolution, max, avg, transposed

        var playground: PlaygroundOperation {
            switch self {
            case .crossCorrelation: .crossCorrelation
            case .convolution: .trueConvolution
            case .max: .maxPool
            case .avg: .averagePool
            case .transposed: .transposed
            }
        }
    }

    @Option(help: "The operation.")
    var operation: Operation = .crossCorrelation

    @Option(help: "Seed of the random numbers (the same seed gives the same numbers).")
    var seed: UInt64 = 1

    @Flag(help: "Draw a digit on an 8×8 grid, or pick a bundled one, and watch the trained network's probabilities.")
    var digits = false

    @OptionGroup var display: DisplayOptions

    /// For Benchmarks/playground.sh: apply this many keys headless and print the timings as JSON.
    @Option(help: .hidden)
    var benchmarkKeys: Int?

    func settings() throws -> PlaygroundSettings {
        let sizes = inputSize.lowercased().replacing("×", with: "x")
            .split(separator: "x", omittingEmptySubsequences: false)
        guard (1...2).contains(sizes.count), let height = Int(sizes[0]), let width = Int(sizes.last!) else {
            throw CLIError("--input-size '\(inputSize)' is not N or H×W (e.g. 6 or 6x8)",
                           status: CommandRunner.usageStatus)
        }
        let options: [(String, Int, PlaygroundParameter)] = [
            ("--input-size", height, .inputHeight), ("--input-size", width, .inputWidth),
            ("--channels", channels, .channels), ("--filters", filters, .filters),
            ("--filter-size", filterSize, .filterSize), ("--stride", stride, .stride),
            ("--padding", padding, .padding), ("--dilation", dilation, .dilation),
            ("--output-padding", outputPadding, .outputPadding),
        ]
        for (option, value, parameter) in options where !parameter.range.contains(value) {
            throw CLIError("\(option) must lie between \(parameter.range.lowerBound) and \(parameter.range.upperBound),"
                           + " got \(value)", status: CommandRunner.usageStatus)
        }
        return PlaygroundSettings(inputHeight: height, inputWidth: width, channels: channels, filters: filters,
                                  filterSize: filterSize, stride: stride, padding: padding, dilation: dilation,
                                  outputPadding: outputPadding, operation: operation.playground)
    }

    func run() throws {
        if digits {
            try runDigitPad()
            return
        }
        let settings = try settings()
        if let benchmarkKeys {
            try PlayBenchmark.run(settings: settings, keys: benchmarkKeys)
            return
        }
        // The shape is checked first: its problem is the one to fix, whatever the terminal.
        var session = PlaygroundSession(state: try startingState(settings, ascii: display.ascii))
        let environment = ProcessInfo.processInfo.environment
        do {
            try Terminal.check(environment: environment)
        } catch let error as TerminalUnavailable {
            throw CLIError(error.message, status: 1)
        }
        if !Terminal.prepareLocale().unicode { session.state.options.ascii = true }
        let exit: TerminalExit
        do {
            exit = try Terminal.run(&session, environment: environment)
        } catch let error as TerminalUnavailable {
            throw CLIError(error.message, status: 1)
        }
        if exit != .quit {
            Glibc.exit(exit.status)
        }
    }

    /// The digit pad, full screen until q.
    func runDigitPad() throws {
        var session = DigitPadSession(state: DigitPadState(options: TutorOptions(ascii: display.ascii)))
        let environment = ProcessInfo.processInfo.environment
        do {
            try Terminal.check(environment: environment)
            if !Terminal.prepareLocale().unicode { session.state.options.ascii = true }
            let exit = try Terminal.run(&session, environment: environment)
            if exit != .quit { Glibc.exit(exit.status) }
        } catch let error as TerminalUnavailable {
            throw CLIError(error.message, status: 1)
        }
    }

    /// The first state, or the one-line reason the starting shape has no output.
    func startingState(_ settings: PlaygroundSettings, ascii: Bool) throws -> PlaygroundState {
        do {
            return try PlaygroundState(settings: settings, seed: seed, options: TutorOptions(ascii: ascii),
                                       width: 80, height: 24)
        } catch let refusal as PlaygroundRefusal {
            throw CLIError(refusal.message, status: CommandRunner.usageStatus)
        } catch let error as CoreError {
            throw CLIError("the starting shape has no output: \(error)")
        }
    }
}

/// The playground as the terminal runs it: keys go to `PlaygroundState.update`; its only effect is leaving.
struct PlaygroundSession: TerminalProgram {
    var state: PlaygroundState

    mutating func start(width: Int, height: Int, colors: Bool) {
        state.options.colors = colors
        _ = state.update(.resize(width: width, height: height))
    }

    func view() -> Screen { PlaygroundView.render(state) }

    mutating func handle(_ key: Key) -> KeyOutcome {
        let before = state
        if state.update(key) == .quit { return .done }
        return state == before ? .unchanged : .changed
    }
}

/// The digit pad as the terminal runs it: keys go to `DigitPadState.update`; its only effect is leaving.
struct DigitPadSession: TerminalProgram {
    var state: DigitPadState

    mutating func start(width: Int, height: Int, colors: Bool) {
        state.options.colors = colors
        _ = state.update(.resize(width: width, height: height))
    }

    func view() -> Screen { DigitPadView.render(state) }

    mutating func handle(_ key: Key) -> KeyOutcome {
        let before = state
        if state.update(key) == .quit { return .done }
        return state == before ? .unchanged : .changed
    }
}
