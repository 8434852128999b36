import ArgumentParser
import CNNBundle
import CNNCoursework
import CNNProblems
import CNNSafeText
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `cnn-tutor exam --seed S --student NAME`: a fixed set of seeded problems for one student, no hints until the
/// end, then the score, the worked solutions and a checksummed result file to hand in.
struct ExamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam",
        abstract: "A seeded exam: the same seed and name give the same problems; a result file to hand in.",
        discussion: """
            Answer each problem with a number (3, -2, 3.25 or 13/4); an empty line leaves it unanswered. No hints \
            are shown until the end; then come the score, each problem's hints and worked solution, and the result \
            file. End of input (Ctrl-D) ends the exam early. Without a terminal (answers piped in) the exam runs \
            line by line, one answer a line.
            """
    )

    static let maximumProblems = 50
    static let maximumMinutes = 600

    @Option(help: "The exam's seed, the same for the whole class: with the name it picks each student's numbers.")
    var seed: UInt64

    @Option(help: ArgumentHelp("Your name as the gradebook shows it: use your LMS login.", valueName: "NAME"))
    var student: String

    @Option(help: "How many problems (1 to \(maximumProblems); by default one of each kind).")
    var problems = ProblemKind.allCases.count

    @Option(help: "A time limit in minutes (1 to \(maximumMinutes)); answers after it do not count.")
    var minutes: Int?

    @Option(help: ArgumentHelp("Where to write the result (by default exam-NAME-SEED.json here); never "
                               + "overwritten.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Ask line by line without clearing the screen, even in a terminal.")
    var plain = false

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard StudentName.isValid(student) else {
            throw ValidationError("--student must be a name of 1 to \(StudentName.longest) printable characters")
        }
        guard (1...Self.maximumProblems).contains(problems) else {
            throw ValidationError("--problems must be between 1 and \(Self.maximumProblems)")
        }
        if let minutes, !(1...Self.maximumMinutes).contains(minutes) {
            throw ValidationError("--minutes must be between 1 and \(Self.maximumMinutes)")
        }
    }

    func run() throws {
        let path = output ?? defaultPath
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIError("'\(path)' exists already: hand that one in, or choose another --output")
        }
        let interactive = !plain && isatty(0) == 1 && isatty(1) == 1
        var session = ExamSession(plan: ExamPlan(seed: seed, student: student, count: problems),
                                  startedAt: Date(), minutes: minutes)
        let out = TextOutput()
        let reader = LineReader()
        while !session.isFinished {
            if interactive { out.write("\u{1B}[H\u{1B}[2J") }
            ExamView.asking(session, at: Date()).forEach { out.line($0) }
            out.write("\n" + ExamView.prompt)
            out.flush()
            let input = reader.next(until: session.deadline)
            session.update(input.event, at: Date())
            if !interactive || input.endsPromptLine { out.line() }
        }
        if interactive { out.write("\u{1B}[H\u{1B}[2J") }
        ExamView.results(session).forEach { out.line($0) }
        out.flush()
        try save(ExamResult(session: session, tutorVersion: TutorBundle.version, tutorCommit: TutorBundle.commit),
                 to: path, out: out)
    }

    /// exam-NAME-SEED.json, the name cut to letters, digits, '.', '_' and '-' (others become '_').
    var defaultPath: String {
        let safe = ExamPlan.normalized(student).unicodeScalars.prefix(40).map { scalar -> String in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars
                .contains(scalar)) ? String(scalar) : "_"
        }.joined()
        return "exam-\(safe)-\(seed).json"
    }

    /// Writes the result file, never over another; when it cannot be written the result goes to stdout instead,
    /// so that the exam is not lost, and the command fails.
    func save(_ result: ExamResult, to path: String, out: TextOutput) throws {
        do {
            try Data(result.fileText.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            out.line()
            out.line("Result written to \(TerminalText.singleLine(path)): hand it in as it is.")
            out.flush()
        } catch {
            out.line()
            out.line("The result could not be written to \(TerminalText.singleLine(path)); here it is, save it as a "
                     + ".json file and hand it in:")
            let json = TextOutput(form: .json)
            json.write(result.fileText)
            out.flush()
            json.flush()
            throw CLIError("cannot write the result to '\(path)': \(FileError.reason(error))", status: 74)
        }
    }
}

/// Standard input read a line at a time, waiting no longer than a deadline: an exam's time limit must end it
/// even while the student is thinking.
final class LineReader {
    enum Input {
        case line(String)
        case ended
        case timedOut

        var event: ExamSession.Event {
            switch self {
            case .line(let text): return .line(text)
            case .ended: return .inputEnded
            case .timedOut: return .tick
            }
        }

        /// The student's Enter did not end the prompt's line (the input ended or time ran out).
        var endsPromptLine: Bool {
            if case .line = self { return false }
            return true
        }
    }

    /// A line longer than this is cut here (no answer is this long; it is refused as not a number).
    static let longestLine = 1 << 16

    private var buffer: [UInt8] = []
    private var ended = false

    /// The next line, `.ended` at the end of input, or `.timedOut` at `deadline`.
    func next(until deadline: Date?) -> Input {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                return .line(take(upTo: newline, dropping: 1))
            }
            if buffer.count >= Self.longestLine { return .line(take(upTo: Self.longestLine, dropping: 0)) }
            if ended { return buffer.isEmpty ? .ended : .line(take(upTo: buffer.count, dropping: 0)) }
            switch waitForInput(until: deadline) {
            case .timedOut: return .timedOut
            case .ready: readChunk()
            case .failed: ended = true
            }
        }
    }

    private enum Readiness { case ready, timedOut, failed }

    private func waitForInput(until deadline: Date?) -> Readiness {
        while true {
            let milliseconds = deadline.map { Int32(clamping: Int(($0.timeIntervalSinceNow * 1000).rounded(.up))) }
            if let milliseconds, milliseconds <= 0 { return .timedOut }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds ?? -1)
            if ready > 0 { return .ready }
            if ready == 0 { return .timedOut }
            if errno != EINTR { return .failed }
        }
    }

    private func readChunk() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer += chunk[0..<count]
        } else if count == 0 || errno != EINTR {
            ended = true
        }
    }

    private func take(upTo end: Int, dropping separator: Int) -> String {
        let line = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + separator)
        return line
    }
}
