import ArgumentParser
import CNNDrill
import CNNProblems
import CNNSafeText
import CNNTutorUI
import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `cnn-tutor drill`: seeded problems without end, the kinds chosen by Leitner boxes, the answers merged into
/// drill.json in the progress folder.
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Endless practice: a kind you got wrong comes back within minutes, one you know after days.",
        discussion: """
            Answer with a number (3, -2, 3.25 or 13/4); h shows the next hint, s the solution, q ends the drill \
            (so does the end of input, Ctrl-D). A wrong answer is told which slip it looks like and brings a hint; \
            the third shows the solution. Only a right answer at the first try without a hint moves a kind up a \
            box (docs/grading.md has the schedule). Answers are saved after every problem in \
            $XDG_STATE_HOME/cnn-tutor/drill.json (default ~/.local/state/cnn-tutor/drill.json), merged with any \
            other drill's. Without a terminal the drill runs line by line.
            """
    )

    @Option(help: ArgumentHelp("Your name in the drill file, for the gradebook (default $USER).", valueName: "NAME"))
    var student: String?

    @Option(help: ArgumentHelp("Drill only these kinds (repeatable; see `cnn-tutor problem --help`).",
                               valueName: "KIND"),
            completion: .list(ProblemKind.allCases.map(\.rawValue)), transform: ProblemCommand.kind)
    var kind: [ProblemKind] = []

    @Option(help: "Seed the problems' numbers (by default the clock does): the same answers then replay a drill.")
    var seed: UInt64?

    @Flag(help: "Ask line by line without clearing the screen, even in a terminal.")
    var plain = false

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if let student, !StudentName.isValid(student) {
            throw ValidationError("--student must be a name of 1 to \(StudentName.longest) printable characters")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let store = DrillStore.store(environment: environment)
        let loaded = store.load()
        let errors = TextOutput(descriptor: 2)
        if let problem = loaded.problem { errors.line(TerminalText.singleLine(problem)) }
        errors.flush()
        let name = student.map(StudentName.normalized) ?? environment["USER"] ?? environment["LOGNAME"] ?? "student"
        let clock = UInt64(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds)
        var session = DrillSession(student: name, sessionID: UUID().uuidString.lowercased(),
                                   kinds: kind.isEmpty ? ProblemKind.allCases : kind, history: loaded.value.answers,
                                   seed: seed ?? clock, at: Date())
        let saveProblem = ask(&session, saving: store, interactive: !plain && isatty(0) == 1 && isatty(1) == 1)
        let out = TextOutput()
        DrillView.summary(session, at: Date()).forEach { out.line($0) }
        out.flush()
        if let saveProblem { throw CLIError(saveProblem, status: Tutor.unsavedProgressStatus) }
    }

    /// Asks until the drill ends, saving after every finished problem; returns why the last save failed, if it did.
    func ask(_ session: inout DrillSession, saving store: StateFileStore<DrillHistory>, interactive: Bool)
        -> String? {
        let out = TextOutput()
        let reader = LineReader()
        var saveProblem: String?
        // Line by line, a problem is printed once; then only what each line brings.
        var printed = 0
        while !session.isFinished {
            if interactive { out.write("\u{1B}[H\u{1B}[2J") }
            let lines = interactive || session.asked != printed
                ? DrillView.asking(session, at: Date()) : DrillView.reply(session)
            printed = session.asked
            lines.forEach { out.line($0) }
            if let saveProblem { out.line("(not saved: \(TerminalText.singleLine(saveProblem)))") }
            out.write((lines.isEmpty ? "" : "\n") + DrillView.prompt)
            out.flush()
            let input = reader.next(until: nil)
            session.update(input.drillEvent, at: Date())
            if !interactive || input.endsPromptLine { out.line() }
            let new = session.takeUnsaved()
            guard !new.isEmpty else { continue }
            saveProblem = save(new, student: session.student, to: store)
        }
        if interactive { out.write("\u{1B}[H\u{1B}[2J") }
        out.flush()
        return saveProblem
    }

    /// Merges `answers` into the drill file; returns why it failed, or nil.
    func save(_ answers: [DrillAnswer], student: String, to store: StateFileStore<DrillHistory>) -> String? {
        do {
            let notice = try store.update { history in
                history.student = student
                history.merge(answers)
            }
            if let notice {
                let errors = TextOutput(descriptor: 2)
                errors.line(TerminalText.singleLine(notice))
                errors.flush()
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}

extension LineReader.Input {
    /// A drill has no deadline: a line or the end of input.
    var drillEvent: DrillSession.Event {
        if case .line(let text) = self { return .line(text) }
        return .inputEnded
    }
}
