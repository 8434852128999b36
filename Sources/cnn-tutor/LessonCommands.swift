import ArgumentParser
import CNNCore
import CNNLessons
import CNNSafeText
import CNNText
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Options shared by the commands that read lessons.
struct LessonFolders: ParsableArguments {
    @Option(name: .customLong("lessons"),
            help: ArgumentHelp("A folder of your own lessons (repeatable; also "
                               + "$\(LessonLibrary.environmentVariable)).", valueName: "DIR"))
    var directories: [String] = []

    /// The library, with problems in lesson files reported once on stderr, one line each.
    func library() -> LessonLibrary {
        let library = LessonLibrary.load(userDirectories: directories)
        let errors = TextOutput(descriptor: 2)
        for issue in library.issues { errors.line(TerminalText.singleLine(issue.description)) }
        errors.flush()
        return library
    }
}

struct List: ParsableCommand {
    // Named here, not derived from the type's name: that costs a reflection of the type at every start.
    static let configuration = CommandConfiguration(commandName: "list",
                                                    abstract: "List the lessons, one a line: id, then title.")

    @OptionGroup var folders: LessonFolders

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let library = folders.library()
        let out = TextOutput()
        let rows = library.headers.map { header in
            (id: TerminalText.singleLine(header.id), title: TerminalText.singleLine(header.title))
        }
        let width = rows.map(\.id.count).max() ?? 0
        for row in rows {
            out.line(row.id + String(repeating: " ", count: width - row.id.count) + "  " + row.title)
        }
        out.flush()
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a lesson's steps as text: for pipes, handouts and screen readers.",
        discussion: "Without --step, prints each finished value of every step (the frames between add one term each; "
                    + "--fine prints them too). Step numbers match the interactive tutor's \"step N/M\"."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case plain, markdown, json, latex, numpy, pytorch

        /// The formats that export the whole lesson at once rather than printing frames.
        var isExport: Bool { [.latex, .numpy, .pytorch].contains(self) }

        /// How the format meets an ASCII-only terminal: plain text is transliterated, JSON escaped, and the
        /// documents for other programs are left as they are.
        var outputForm: OutputForm {
            switch self {
            case .plain: .readable
            case .json: .json
            case .markdown, .latex, .numpy, .pytorch: .verbatim
            }
        }
    }

    @Argument(help: "The lesson id (see `cnn-tutor list`).", completion: LessonIDCompletion.kind)
    var id: String

    @Option(help: "Print only this step (1-based, as the tutor numbers them).")
    var step: Int?

    @Flag(help: "No colours even on a terminal (also when NO_COLOR is set or stdout is not a terminal).")
    var plain = false

    @Option(help: "plain, markdown, json (frames), latex (a handout), numpy or pytorch (a script recomputing it).")
    var format: Format = .plain

    @Flag(help: "Print every term's step, not only finished values.")
    var fine = false

    @Flag(help: "Show symbols (X11) instead of numbers in the grids.")
    var symbols = false

    @Option(help: "In a walk of many values, print at most this many of each step's values.")
    var maxValues: Int = 24

    @Option(help: ArgumentHelp("Count subscripts and captions from 1 (X11, as the slides) or 0 (X00, as numpy).",
                               valueName: "0|1"))
    var indexBase: Int = 1

    @Flag(help: "Compute the convolution steps with the other operation: cross-correlation ↔ true convolution.")
    var flip = false

    @OptionGroup var folders: LessonFolders

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard (0...Show.maxValuesCeiling).contains(maxValues) else {
            throw ValidationError("--max-values must be between 0 and \(Show.maxValuesCeiling), got \(maxValues)")
        }
        if format.isExport, step != nil {
            throw ValidationError("--step does not apply to --format \(format.rawValue): it exports the whole lesson")
        }
        guard IndexBase(rawValue: indexBase) != nil else {
            throw ValidationError("--index-base must be 0 or 1, got \(indexBase)")
        }
        if flip, format == .numpy || format == .pytorch {
            throw ValidationError("--flip does not apply to --format \(format.rawValue): the script recomputes the "
                                  + "lesson as written")
        }
    }

    var conventions: Conventions {
        Conventions(indexBase: IndexBase(rawValue: indexBase) ?? .one, swapsKernelFlip: flip)
    }

    /// Far beyond any lesson's walk, and far from overflow in `handoutFrames`.
    static let maxValuesCeiling = 1_000_000

    func run() throws {
        let player = try shown(loadPlayer())
        let out = TextOutput(form: format.outputForm)
        if format.isExport {
            switch format {
            case .numpy: out.write(ScriptExport(library: .numpy).render(player))
            case .pytorch: out.write(ScriptExport(library: .pytorch).render(player))
            default: out.write(LaTeXExport(maxValues: maxValues).render(player))
            }
            out.flush()
            return
        }
        let indices: [Int]
        if let step {
            guard (1...player.stepCount).contains(step) else {
                throw CLIError("lesson '\(id)' has steps 1 to \(player.stepCount); there is no step \(step)")
            }
            indices = [step - 1]
        } else {
            indices = handoutFrames(player)
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for index in indices {
                // A left-out stretch of a long walk is a line of its own, as in the text: never a frame.
                let data = index < 0 ? try encoder.encode(OmittedFrames(notShown: -index))
                    : try encoder.encode(player.frame(at: index))
                out.line(String(decoding: data, as: UTF8.self))
            }
        } else {
            printText(player, frames: indices, to: out)
        }
        out.flush()
    }

    /// The lesson, loaded now (only this one: the others are listed by their headers).
    func loadPlayer() throws -> LessonPlayer {
        let library = folders.library()
        guard let entry = library.entries.first(where: { $0.header.id == id }) else {
            throw CLIError("no lesson with id '\(id)' (see `cnn-tutor list`)")
        }
        switch entry.player {
        case .success(let player): return player
        case .failure(let problems):
            // One line: the first problem, located; `check` lists them all.
            let more = problems.issues.count > 1 ? " (and \(problems.issues.count - 1) more)" : ""
            throw CLIError((problems.issues.first?.description ?? "lesson '\(id)' cannot be read") + more
                           + "; see `cnn-tutor check \(entry.header.file)`")
        }
    }

    /// The JSON line standing for the frames `--max-values` leaves out of a walk:
    /// `{"note":"… 12 more value(s) not shown (use --step N or --max-values)","notShown":12}`.
    struct OmittedFrames: Encodable {
        var notShown: Int
        var note: String

        init(notShown: Int) {
            self.notShown = notShown
            note = Show.omittedNote(notShown)
        }
    }

    static func omittedNote(_ count: Int) -> String {
        "… \(count) more value(s) not shown (use --step N or --max-values)"
    }

    func printText(_ player: LessonPlayer, frames indices: [Int], to out: TextOutput) {
        let style: FrameText.Style = format == .markdown ? .markdown : (useColor ? .color : .plain)
        let printer = FrameText(style: style, symbols: symbols, ascii: Charset.current == .ascii)
        if format == .markdown { out.line(FrameText.markdownTitle(player.lesson.title) + "\n") }
        for (position, index) in indices.enumerated() {
            if index < 0 {
                out.line(Self.omittedNote(-index) + "\n")
                continue
            }
            out.line(printer.render(player.frame(at: index)))
            if position < indices.count - 1 {
                out.line(format == .markdown ? "\n---\n" : "\n" + String(repeating: "─", count: 40) + "\n")
            }
        }
    }

    /// The lesson under the chosen conventions; a swapped operation that the lesson cannot take is refused.
    func shown(_ player: LessonPlayer) throws -> LessonPlayer {
        do {
            return try player.with(conventions)
        } catch let issue as LessonIssue {
            throw CLIError("with --flip: \(issue.description)")
        }
    }

    var useColor: Bool {
        !plain && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
    }

    /// Frames to print: all (--fine) or the completing ones, each step's walk trimmed to `maxValues` with a
    /// negative marker standing for the number left out.
    func handoutFrames(_ player: LessonPlayer) -> [Int] {
        var indices: [Int] = []
        for range in player.lessonStepRanges {
            let frames = fine ? Array(range) : player.completingFrames(in: range)
            if frames.count > maxValues + 2 {
                indices += frames.prefix(maxValues)
                indices.append(-(frames.count - maxValues - 1))
                indices.append(frames.last!)
            } else {
                indices += frames
            }
        }
        return indices
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate lesson files: `file:line:column: error: message` for every problem; exit 1 if any.",
        discussion: "Every problem of every file is reported in one run (at most 50 lines a file, then a count of "
            + "the rest): each step is read and computed on its own, so one mistake does not hide the next. "
            + "Also lints what a student would see: `warning:` for a quiz whose answer is on screen before it is "
            + "asked (in a grid, or in narration next to the asked name), a quiz grid that does not fit at 80×24, "
            + "an output grid of at most 12×12 never shown complete, and a quiz hint that gives the answer away; "
            + "`error:` for a quiz's declared mistake (`mistakes:`) that no wrong answer reaches."
    )

    @Argument(help: "Lesson files (.yaml), or folders whose lesson files are all checked.")
    var files: [String]

    @Flag(help: "Treat warnings as errors (exit 1 when there are any).")
    var strict = false

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one lesson file") }
    }

    /// Problems and warnings printed per file; past them one line counts the rest (a file of thousands of
    /// mistakes is one mistake repeated).
    static let maxLinesPerFile = 50

    func run() throws {
        let bundled = LessonLibrary.load(userDirectories: [], environment: [:]).headers
        var lines: [String] = []
        var problems = 0
        var warningCount = 0
        var seen: [String: String] = [:]
        // A folder stands for its lesson files: 100,000 of them would not fit on a command line.
        let paths = files.flatMap { LessonLibrary.lessonFiles(in: $0) ?? [$0] }
        for file in paths {
            let (issues, warnings) = findings(in: file, bundled: bundled, seen: &seen)
            let shown = issues.map(\.description)
                + warnings.map { strict ? LessonIssue($0.message, at: $0.location).description : $0.description }
            lines += shown.prefix(Self.maxLinesPerFile)
            if shown.count > Self.maxLinesPerFile {
                lines.append("\(file): … \(shown.count - Self.maxLinesPerFile) more")
            }
            problems += issues.count
            warningCount += warnings.count
        }
        // Decided before the first byte, so that a reader who stops early (`| head -1`) sees the same status.
        let status: Int32 = problems > 0 || (strict && warningCount > 0) ? 1 : 0
        let out = TextOutput(closedPipeStatus: status)
        for line in lines { out.line(TerminalText.singleLine(line)) }
        out.flush()
        let summary = TextOutput(descriptor: 2)
        let counts = Self.counts(problems: problems, warnings: warningCount, strict: strict)
        summary.line("checked \(paths.count) file\(paths.count == 1 ? "" : "s"): " + counts)
        summary.flush()
        // The problems are the report: exit without a further error line.
        if status != 0 { Glibc.exit(status) }
    }

    /// The problems and warnings of one lesson file.
    /// - Parameters:
    ///   - file: the path as given.
    ///   - bundled: the bundled lessons, whose ids a user's lesson must not take (nor, for a warning, their orders).
    ///   - seen: each id met so far in the files checked, with its first file; `file`'s id is added.
    func findings(in file: String, bundled: [LessonHeader], seen: inout [String: String])
        -> (issues: [LessonIssue], warnings: [LessonWarning]) {
        let player: LessonPlayer
        switch LessonLoader.player(file: file) {
        case .failure(let found): return (found.issues, [])
        case .success(let loaded): player = loaded
        }
        let lesson = player.lesson
        let lint = LessonLint(player: player)
        var issues = player.expectationIssues() + lint.unreachableMistakes()
        var warnings = lint.warnings()
        let start = SourceLocation(file: file, line: 1, column: 1)
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        // A bundled lesson's own source (`…/Lessons/NAME`) shares its id and order with its embedded copy.
        let others = bundled.filter { !path.hasSuffix("/" + $0.file) }
        if let other = others.first(where: { $0.id == lesson.id }) {
            issues.append(LessonIssue("id '\(lesson.id)' is already used by the bundled lesson \(other.file)",
                                      at: start))
        }
        if let other = others.first(where: { $0.order == lesson.order }) {
            warnings.append(LessonWarning(
                "order \(lesson.order) is also the bundled lesson '\(other.id)''s: the menu puts them side by "
                    + "side in id order; pick an unused order (the bundled ones use 1–\(bundled.count))",
                at: start))
        }
        if let first = seen[lesson.id] {
            issues.append(LessonIssue("id '\(lesson.id)' is also used by \(first)", at: start))
        }
        seen[lesson.id] = seen[lesson.id] ?? file
        return (issues, warnings)
    }

    /// "no problems", "3 problems", "no problems, 2 warnings"; with --strict warnings count as problems.
    static func counts(problems: Int, warnings: Int, strict: Bool) -> String {
        let plural: (Int, String) -> String = { count, word in "\(count) \(word)\(count == 1 ? "" : "s")" }
        let errors = strict ? problems + warnings : problems
        var text = errors == 0 ? "no problems" : plural(errors, "problem")
        if !strict && warnings > 0 { text += ", " + plural(warnings, "warning") }
        return text
    }
}
