import ArgumentParser
import CNNCore
import CNNLessons
import CNNText
import Foundation

/// Options shared by the commands that read lessons.
struct LessonFolders: ParsableArguments {
    @Option(name: .customLong("lessons"),
            help: ArgumentHelp("A folder of your own lessons (repeatable; also "
                               + "$\(LessonLibrary.environmentVariable)).", valueName: "DIR"))
    var directories: [String] = []

    /// The library, with problems in lesson files reported once on stderr.
    func library() -> LessonLibrary {
        let library = LessonLibrary.load(userDirectories: directories)
        let errors = TextOutput(descriptor: 2)
        for issue in library.issues { errors.line(issue.description) }
        errors.flush()
        return library
    }
}

struct List: ParsableCommand {
    // Named here, not derived from the type's name: that costs a reflection of the type at every start.
    static let configuration = CommandConfiguration(commandName: "list",
                                                    abstract: "List the lessons, one a line: id, then title.")

    @OptionGroup var folders: LessonFolders

    func run() throws {
        let library = folders.library()
        let out = TextOutput()
        let headers = library.headers
        let width = headers.map(\.id.count).max() ?? 0
        for lesson in headers {
            out.line(lesson.id + String(repeating: " ", count: width - lesson.id.count) + "  " + lesson.title)
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
    }

    @Argument(help: "The lesson id (see `cnn-tutor list`).")
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
        let lesson = player.lesson
        if format.isExport {
            let out = TextOutput()
            switch format {
            case .numpy: out.write(ScriptExport(library: .numpy).render(lesson))
            case .pytorch: out.write(ScriptExport(library: .pytorch).render(lesson))
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
        let out = TextOutput()
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for index in indices {
                let data = try encoder.encode(player.frame(at: index))
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

    func printText(_ player: LessonPlayer, frames indices: [Int], to out: TextOutput) {
        let style: FrameText.Style = format == .markdown ? .markdown : (useColor ? .color : .plain)
        let printer = FrameText(style: style, symbols: symbols)
        if format == .markdown { out.line("# \(player.lesson.title)\n") }
        for (position, index) in indices.enumerated() {
            if index < 0 {
                out.line("… \(-index) more value(s) not shown (use --step N or --max-values)\n")
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
        discussion: "Also lints what a student would see: `warning:` for a quiz whose answer is on screen before "
            + "it is asked, a quiz grid that does not fit at 80×24, and an output grid of at most 12×12 never "
            + "shown complete."
    )

    @Argument(help: "Lesson files (.yaml), or folders whose lesson files are all checked.")
    var files: [String]

    @Flag(help: "Treat warnings as errors (exit 1 when there are any).")
    var strict = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one lesson file") }
    }

    func run() throws {
        let out = TextOutput()
        let bundled = LessonLibrary.load(userDirectories: [], environment: [:]).headers
        var problems = 0
        var warningCount = 0
        var seen: [String: String] = [:]
        // A folder stands for its lesson files: 100,000 of them would not fit on a command line.
        let paths = files.flatMap { LessonLibrary.lessonFiles(in: $0) ?? [$0] }
        for file in paths {
            var issues: [LessonIssue]
            var warnings: [LessonWarning] = []
            switch LessonLoader.player(file: file) {
            case .failure(let found):
                issues = found.issues
            case .success(let player):
                let lesson = player.lesson
                issues = player.expectationIssues()
                warnings = LessonLint(player: player).warnings()
                let start = SourceLocation(file: file, line: 1, column: 1)
                let path = URL(fileURLWithPath: file).standardizedFileURL.path
                if let other = bundled.first(where: { $0.id == lesson.id }),
                   case let otherFile = other.file, URL(fileURLWithPath: otherFile).standardizedFileURL.path != path {
                    issues.append(LessonIssue("id '\(lesson.id)' is already used by the bundled lesson \(otherFile)",
                                              at: start))
                }
                if let first = seen[lesson.id] {
                    issues.append(LessonIssue("id '\(lesson.id)' is also used by \(first)", at: start))
                }
                seen[lesson.id] = seen[lesson.id] ?? file
            }
            for issue in issues { out.line(issue.description) }
            for warning in warnings {
                out.line(strict ? LessonIssue(warning.message, at: warning.location).description : warning.description)
            }
            problems += issues.count
            warningCount += warnings.count
        }
        out.flush()
        let summary = TextOutput(descriptor: 2)
        let counts = Self.counts(problems: problems, warnings: warningCount, strict: strict)
        summary.line("checked \(paths.count) file\(paths.count == 1 ? "" : "s"): " + counts)
        summary.flush()
        // The problems are the report: exit without a further error line.
        if problems > 0 || (strict && warningCount > 0) { Foundation.exit(1) }
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
