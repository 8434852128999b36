import ArgumentParser
import CNNFileWatch
import CNNLessons
import CNNSafeText
import CNNShare
import CNNTerminal
import CNNTutorUI
import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `cnn-tutor` (the default) or `cnn-tutor tutor`: the full-screen tutor. Keys are listed under `?`.
struct Tutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutor",
        abstract: "The full-screen tutor (the default): step through lessons number by number.",
        discussion: Keymap.discussion(CommandRunner.isDumpingHelp ? ManualText.ascii : { $0 }) + """


            Progress is saved in $XDG_STATE_HOME/cnn-tutor/progress.json \
            (default ~/.local/state/cnn-tutor/progress.json); --present keeps none. \
            Needs a terminal of at least 60×20 (below 80×24, the compact layout); for pipes and screen readers use \
            `cnn-tutor show --plain`.
            """
    )

    @Flag(help: ArgumentHelp("Instructor mode: larger cells, less chrome, the step counter prominent; starts at "
                             + "step 1 (or --step) and keeps no progress; e, r, o and q ask first; PgDn/PgUp step."))
    var present = false

    @Option(help: ArgumentHelp("With --present: publish the lesson, step, conventions and numbers to this file on "
                               + "every change, for `cnn-tutor follow PATH`.", valueName: "PATH"),
            completion: .file())
    var share: String?

    @Option(help: ArgumentHelp("Open this lesson (see `cnn-tutor list`).", valueName: "ID"),
            completion: LessonIDCompletion.kind)
    var lesson: String?

    @Option(help: ArgumentHelp("Open at this step (1-based, as the status line counts).", valueName: "N"))
    var step: Int?

    @Option(name: .customLong("lessons"),
            help: ArgumentHelp("A folder of your own lessons (repeatable; also "
                               + "$\(LessonLibrary.environmentVariable)).", valueName: "DIR"))
    var lessonDirectories: [String] = []

    @Flag(help: ArgumentHelp("Live authoring: reload the open lesson when its file is saved, keeping the step; a "
                             + "save with problems shows them in place of the lesson until the next good save. "
                             + "For lessons of --lessons DIR (a folder, or one lesson file)."))
    var watch = false

    @Flag(help: "Start over: forget the saved progress.")
    var resetProgress = false

    @Option(help: ArgumentHelp("Your name in the progress file, for the gradebook (default $USER): use your LMS "
                               + "login.", valueName: "NAME"))
    var student: String?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if let step, step < 1 {
            throw ValidationError("--step counts from 1")
        }
        if share != nil, !present {
            throw ValidationError("--share publishes a presenter's steps: use it with --present")
        }
        if resetProgress, present {
            throw ValidationError("--present keeps no progress, so --reset-progress does not apply")
        }
        if let student, !StudentName.isValid(student) {
            throw ValidationError("--student must be a name of 1 to \(StudentName.longest) printable characters")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            try Terminal.check(environment: environment)
        } catch let error as TerminalUnavailable {
            throw CLIError(error.message, status: 1)
        }
        let capabilities = Terminal.prepareLocale()

        let (entries, issues) = try Self.loadEntries(lessonDirectories)
        if let lesson {
            guard let entry = entries.first(where: { $0.id == lesson }) else {
                printLines(issues)
                throw CLIError("no lesson with id '\(lesson)' (see `cnn-tutor list`)")
            }
            // Under --watch a broken lesson is fixed in place: the tutor starts at it in the menu.
            if let problem = entry.problem, !watch {
                throw CLIError("lesson '\(lesson)' cannot be played: \(problem)")
            }
            if let step, step > entry.stepCount, entry.problem == nil {
                throw CLIError("lesson '\(lesson)' has steps 1 to \(entry.stepCount); there is no step \(step)")
            }
        }

        // --present keeps no progress: rehearsing never reopens the lecture at the end, and the instructor's
        // own progress file is never read nor written.
        let store = present ? nil : ProgressStore(url: ProgressStore.defaultURL(environment: environment))
        var progress = TutorProgress()
        var progressProblem: String?
        if let store, resetProgress {
            do { try store.reset() } catch { progressProblem = "cannot start over: \(store.url.path) \(error)" }
        } else if let store {
            let loaded = store.load()
            progress = loaded.progress
            progressProblem = loaded.problem
        }
        progress.student = student.map(StudentName.normalized) ?? environment["USER"] ?? environment["LOGNAME"]

        let options = TutorOptions(present: present, ascii: display.ascii || !capabilities.unicode,
                                   progressLocation: store?.url.path)
        var state = TutorState(entries: entries, progress: progress, options: options, width: 80, height: 24,
                               startLesson: lesson, startStep: step.map { $0 - 1 } ?? (present ? 0 : nil),
                               notice: progressProblem ?? Self.lessonFilesNotice(issues),
                               seed: UInt64(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds))
        let publisher = try share.map { path in try Self.startPublishing(state, to: path) }
        if let share {
            let shown = TerminalText.singleLine(share)
            state.message = state.message ?? "sharing to \(shown): students run cnn-tutor follow \(shown)"
        }

        var session = TutorSession(state: state, store: store, publisher: publisher)
        session.watchesLessons = watch
        let exit: TerminalExit
        do {
            exit = try Terminal.run(&session, environment: environment)
        } catch let error as TerminalUnavailable {
            throw CLIError(error.message, status: 1)
        }
        session.saveOpening()  // quit by a signal before any key
        publisher?.finish()

        // What the student could not see is printed once the terminal is back to normal.
        printLines(issues)
        if let saveProblem = session.saveProblem {
            // On the status line when it happened; said again now, as it is why the exit status is not 0.
            guard exit == .quit else {
                printLines(["error: " + saveProblem])
                Glibc.exit(exit.status)
            }
            throw CLIError(saveProblem, status: Self.unsavedProgressStatus)
        }
        if exit != .quit {
            Glibc.exit(exit.status)
        }
        if session.opensDrill {
            try DrillCommand.parse(student.map { ["--student", $0] } ?? []).run()
        }
    }

    /// The exit status when the last save failed: EX_IOERR, as for output that cannot be written.
    static let unsavedProgressStatus: Int32 = 74

    /// The library's lessons as the tutor lists them, and the problems of lesson files (printed on exit).
    ///
    /// - Throws: `CLIError` when there is no lesson at all.
    static func loadEntries(_ directories: [String]) throws -> (entries: [LessonEntry], issues: [String]) {
        let library = LessonLibrary.load(userDirectories: directories)
        let issues = library.issues.map(\.description)
        guard !library.entries.isEmpty else {
            printLines(issues)
            throw CLIError("no lessons found (add a folder with --lessons DIR or "
                           + "$\(LessonLibrary.environmentVariable))")
        }
        return (LessonEntry.entries(for: library), issues)
    }

    /// The status line's first words when lesson files have problems; nil when none has.
    static func lessonFilesNotice(_ issues: [String]) -> String? {
        issues.isEmpty ? nil : "\(issues.count) problem\(issues.count == 1 ? "" : "s") in lesson files (listed on exit)"
    }

    /// Writes the first share at once, so that a path that cannot be written is an error before the lesson
    /// starts; later ones go through the publisher, in the background.
    static func startPublishing(_ state: TutorState, to path: String) throws -> SharePublisher {
        if let share = state.classroomShare {
            do { try ShareFile.write(share, to: path) } catch { throw CLIError(error.message, status: 1) }
        }
        return SharePublisher(path: path)
    }

    /// Prints `lines` (which may quote lesson text) on stderr, one line each.
    static func printLines(_ lines: [String]) {
        let errors = TextOutput(descriptor: 2)
        for line in lines { errors.line(TerminalText.singleLine(line)) }
        errors.flush()
    }

    private func printLines(_ lines: [String]) { Self.printLines(lines) }
}

/// The tutor as the terminal runs it: keys go to `TutorState.update`, whose effects are performed here. A
/// presenter's session publishes every change to the share file; a follower's polls it.
struct TutorSession: TerminalProgram {
    var state: TutorState
    /// Where progress is saved; nil for --present and followers, which keep none.
    let store: ProgressStore?
    /// The presenter's share file writer (--share).
    let publisher: SharePublisher?
    /// The follower's poller of the share file (`cnn-tutor follow`).
    let follower: ShareFollower?
    /// What was last handed to the publisher: a key that changes nothing shared writes nothing.
    private var published: ClassroomShare?
    /// The publisher's failure last put on the status line: said once, not at every key.
    private var shownShareProblem: ShareProblem?
    /// Why the last save failed; nil once one succeeds. The exit status says so.
    private(set) var saveProblem: String?
    /// `d` in the menu: the drill runs once the tutor has left the screen.
    private(set) var opensDrill = false
    /// The failure last put on the status line: one that recurs at every step is said once.
    private var shownSaveProblem: String?
    /// The playground opened with `p`; while it is open it gets the keys, and its `q` comes back here.
    var playground: PlaygroundState?
    /// Whether the opening save (the lesson opened, a corrupt file replaced) is done. It waits for the first key:
    /// its fsync before the first frame made that frame some 15 ms later (Benchmarks/startup.sh).
    private var openingSaved = false

    init(state: TutorState, store: ProgressStore?, publisher: SharePublisher? = nil,
         follower: ShareFollower? = nil) {
        self.state = state
        self.store = store
        self.publisher = publisher
        self.follower = follower
        published = publisher == nil ? nil : state.classroomShare
    }

    /// `--watch`: the open lesson's file is looked at every tick.
    var watchesLessons = false
    /// The watcher of the open lesson's file; replaced when another lesson is opened.
    private var lessonWatcher: FileWatcher?

    /// A follower takes what its poller (every 100 ms) found every 25 ms: a step shows within ~125 ms plus a
    /// redraw; taking it costs a lock. Under --watch, a save shows within ~250 ms.
    var tickInterval: Int32? { follower != nil ? 25 : watchesLessons ? 250 : nil }

    mutating func tick() -> KeyOutcome {
        if watchesLessons { return reloadIfSaved() }
        guard let follower else { return .unchanged }
        return state.receive(follower.take()) ? .changed : .unchanged
    }

    /// Reads the open lesson's file again when it changed since the last tick.
    private mutating func reloadIfSaved() -> KeyOutcome {
        watchOpenLesson()
        guard var watcher = lessonWatcher else { return .unchanged }
        let file = watcher.path
        let changed = watcher.poll()
        lessonWatcher = watcher
        guard changed else { return .unchanged }
        return state.receive(LessonReload.reading(file: file), file: file) ? .changed : .unchanged
    }

    mutating func start(width: Int, height: Int, colors: Bool) {
        state.options.colors = colors
        state.update(.resize(width: width, height: height))
        watchOpenLesson()
    }

    /// Starts watching the open lesson's file when it is not watched yet: from its first frame, so that a save
    /// before the next tick is a change too.
    private mutating func watchOpenLesson() {
        guard watchesLessons, lessonWatcher?.path != state.watchedFile else { return }
        lessonWatcher = state.watchedFile.map(FileWatcher.init)
    }

    /// Saves once what was opened: the lesson, and a fresh file in place of a corrupt one.
    mutating func saveOpening() {
        guard !openingSaved else { return }
        openingSaved = true
        save(state.progress)
    }

    func view() -> Screen { playground.map(PlaygroundView.render) ?? TutorView.render(state) }

    mutating func handle(_ key: Key) -> KeyOutcome {
        saveOpening()
        let outcome = playground.map { handleInPlayground(key, open: $0) } ?? handleInLesson(key)
        watchOpenLesson()
        // After the key, which clears the status line: a failed save is shown there, once.
        if let saveProblem, saveProblem != shownSaveProblem { state.showSaveFailure(saveProblem) }
        shownSaveProblem = saveProblem
        publish()
        return outcome
    }

    /// Hands the presenter's view to the publisher when it changed; says once when writing it failed.
    private mutating func publish() {
        guard let publisher else { return }
        if let share = state.classroomShare, share != published {
            publisher.publish(share)
            published = share
        }
        let problem = publisher.problem
        if let problem, problem != shownShareProblem { state.showSaveFailure(problem.message) }
        shownShareProblem = problem
    }

    private mutating func handleInLesson(_ key: Key) -> KeyOutcome {
        var outcome = KeyOutcome.changed
        for effect in state.update(key) {
            switch effect {
            case .saveProgress(let progress): save(progress)
            case .openPlayground(let start):
                playground = start.state(options: state.options, width: state.width, height: state.height,
                                         seed: state.seed)
            case .openDrill:
                opensDrill = true
                outcome = .done
            case .quit: outcome = .done
            }
        }
        return outcome
    }

    private mutating func handleInPlayground(_ key: Key, open: PlaygroundState) -> KeyOutcome {
        // A resize reaches the lesson too, so that it is drawn at the new size on the way back.
        if case .resize = key { state.update(key) }
        var current = open
        if current.update(key) == .quit {
            playground = nil
            return .changed
        }
        playground = current
        return current == open ? .unchanged : .changed
    }

    /// Merges the current lesson's progress into the file (other tutors' lessons are kept).
    private mutating func save(_ progress: TutorProgress) {
        guard let store, let lesson = progress.currentLesson else { return }
        do {
            try store.record(progress[lesson: lesson], lesson: lesson, student: progress.student)
            saveProblem = nil
        } catch {
            saveProblem = "\(error)"
        }
    }
}
