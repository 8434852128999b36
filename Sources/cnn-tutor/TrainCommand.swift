import ArgumentParser
import CNNCore
import CNNFiles
import CNNNetwork
import CNNTerminal
import CNNTrainingUI
import CNNTutorUI
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `cnn-tutor train`: trains the tutor's tiny CNN on the bundled digits with its own core. In a terminal it shows
/// the training live; otherwise (or with --plain) it prints one line per epoch.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a tiny CNN on 500 handwritten 8×8 digits and test it on 500 others, live.",
        discussion: """
            The network: \(TinyCNN.summary), trained by mini-batch gradient descent on the mean cross-entropy. \
            The same seed gives the same weights bit for bit. In a terminal the loss and accuracy of every batch \
            are plotted as it trains, with the four filters drawn as they change; q stops and keeps the weights. \
            When stdout is not a terminal (or with --plain), one line per epoch. Digits: UCI optical recognition \
            of handwritten digits, Alpaydin & Kaynak, CC BY 4.0.
            """
    )

    @Option(help: "Passes over the 500 training images (1 to 1000).")
    var epochs = TrainingSettings.defaultEpochs

    @Option(help: "Seed of the initial weights and of each epoch's shuffle.")
    var seed = TrainingSettings.defaultSeed

    @Option(help: "The step size of gradient descent (above 0, at most 100).")
    var learningRate = TrainingSettings.defaultLearningRate

    @Option(help: "Images per gradient step (1 to 500).")
    var batchSize = TrainingSettings.defaultBatchSize

    @Option(help: ArgumentHelp("Write the trained weights to FILE as JSON.", valueName: "FILE"))
    var save: String?

    @Flag(help: "One line per epoch even in a terminal.")
    var plain = false

    @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
    var ascii = false

    func validate() throws {
        guard (1...1000).contains(epochs) else { throw ValidationError("--epochs must be 1 to 1000, got \(epochs)") }
        guard learningRate > 0, learningRate <= 100 else {
            throw ValidationError("--learning-rate must be above 0 and at most 100, got \(learningRate)")
        }
        guard (1...Digits.training.count).contains(batchSize) else {
            throw ValidationError("--batch-size must be 1 to \(Digits.training.count), got \(batchSize)")
        }
    }

    var settings: TrainingSettings {
        TrainingSettings(epochs: epochs, seed: seed, learningRate: learningRate, batchSize: batchSize)
    }

    func run() throws {
        if let save { try Self.checkWritable(save) }
        let run: TrainingRun
        if plain || isatty(0) != 1 || isatty(1) != 1 {
            run = PlainTraining.run(settings, out: TextOutput())
        } else {
            run = try liveRun()
        }
        if let save {
            guard FileManager.default.createFile(atPath: save, contents: Data(WeightsFile.json(run).utf8)) else {
                throw CLIError("--save: cannot write '\(save)'")
            }
        }
    }

    /// The live screen until the run ends and q is pressed, or q stops it; then the outcome as plain lines.
    func liveRun() throws -> TrainingRun {
        let unicode = Terminal.prepareLocale().unicode
        var session = TrainingSession(screen: TrainingScreen(run: TrainingRun(settings: settings),
                                                             ascii: ascii || !unicode))
        let exit = try Terminal.run(&session)
        let out = TextOutput()
        PlainTraining.writeOutcome(session.screen.run, out: out)
        out.flush()
        if case .signal = exit { Glibc.exit(exit.status) }
        return session.screen.run
    }

    /// Refuses a --save path whose folder is missing or not writable before training, not after.
    static func checkWritable(_ path: String) throws {
        let folder = PathText.folder(of: path)
        let directory = folder.isEmpty ? "." : folder
        guard isDirectory(directory), access(directory, W_OK) == 0 else {
            throw CLIError("--save: cannot write '\(path)': its folder is missing or not writable")
        }
        if isDirectory(path) { throw CLIError("--save: '\(path)' is a directory") }
    }

    /// Whether `path` is a directory or a link to one.
    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}

/// The driver's view of the training screen: keys go to the screen, and while training the driver ticks every
/// `batchInterval` milliseconds, each tick training one batch and drawing it. Training at full speed takes well
/// under a second; at about 200 batches a second a person can watch the plots and filters change.
struct TrainingSession: TerminalProgram {
    var screen: TrainingScreen
    static let batchInterval: Int32 = 5

    mutating func start(width: Int, height: Int, colors: Bool) {
        screen.start(width: width, height: height, colors: colors)
    }

    func view() -> Screen { screen.view() }

    mutating func handle(_ key: Key) -> KeyOutcome { screen.handle(key) ? .changed : .done }

    var tickInterval: Int32? { screen.isTraining ? Self.batchInterval : nil }

    mutating func tick() -> KeyOutcome {
        screen.train { false }
        return .changed
    }
}

/// Training without a screen: a line per epoch.
enum PlainTraining {
    static func run(_ settings: TrainingSettings, out: TextOutput) -> TrainingRun {
        var run = TrainingRun(settings: settings)
        out.line("Training \(TinyCNN.summary) on \(run.trainingSet.count) digits, testing on "
                 + "\(run.heldOutSet.count) held out (seed \(settings.seed), learning rate "
                 + "\(settings.learningRate), batches of \(settings.batchSize))")
        out.flush()
        let clock = ContinuousClock()
        while !run.isFinished {
            let started = clock.now
            repeat { run.step() } while run.batchesDone > 0
            let seconds = (clock.now - started) / .seconds(1)
            out.line(epochLine(run.epochs.last!, of: settings.epochs) + String(cFormat: "  %.3f s", seconds))
            out.flush()
        }
        writeOutcome(run, out: out)
        out.flush()
        return run
    }

    static func epochLine(_ epoch: EpochSummary, of epochs: Int) -> String {
        String(cFormat: "epoch %ld/%ld  loss %.4f  training accuracy %5.1f %%  held-out accuracy %5.1f %% (%ld/%ld)",
               epoch.epoch, epochs, epoch.trainingLoss, epoch.trainingAccuracy * 100, epoch.heldOutAccuracy * 100,
               epoch.heldOutCorrect, epoch.heldOutCount)
    }

    /// The held-out accuracy the run reached.
    static func writeOutcome(_ run: TrainingRun, out: TextOutput) {
        guard let last = run.epochs.last else {
            out.line("Stopped before the first epoch ended: no held-out accuracy yet.")
            return
        }
        let epochs = last.epoch == 1 ? "1 epoch" : "\(last.epoch) epochs"
        out.line("Held-out accuracy after \(epochs): " + String(cFormat: "%.1f %% (%ld of %ld)",
                 last.heldOutAccuracy * 100, last.heldOutCorrect, last.heldOutCount))
    }
}
