import ArgumentParser
import CNNLessons
import CNNSheets

/// `cnn-tutor sheet LESSON… --format latex|markdown [--answers] [--seed N] [--problems K]`: an exercise sheet to
/// hand out, and its answer key.
struct SheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "An exercise sheet from lessons' quizzes (or seeded problems), and with --answers its key.",
        discussion: """
            The sheet has each quiz's grids and question with an empty box for the answer; --answers writes the \
            key: the same exercises with the answers and the worked sums. With --seed the exercises are fresh \
            problems of the kinds the lessons ask (every kind when no lesson is named), the same for the same seed: \
            run it twice, with and without --answers, for a sheet and its key. LaTeX is a complete document for \
            pdflatex (texlive-latex-recommended).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case latex, markdown
    }

    static let maximumProblems = 100

    @Argument(help: "Lesson ids (see `cnn-tutor list`); optional with --seed.", completion: LessonIDCompletion.kind)
    var lessons: [String] = []

    @Option(help: "latex (a complete document) or markdown.")
    var format: Format = .latex

    @Flag(help: "Write the answer key: answers and worked sums.")
    var answers = false

    @Option(help: "Fresh numbers: seeded problems of the kinds the lessons' quizzes ask.")
    var seed: UInt64?

    @Option(help: "With --seed, how many problems (1 to \(maximumProblems); by default one per quiz).")
    var problems: Int?

    @OptionGroup var folders: LessonFolders

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if seed == nil, lessons.isEmpty { throw ValidationError("name at least one lesson, or give --seed") }
        if let problems {
            guard seed != nil else {
                throw ValidationError("--problems needs --seed: a lesson's own quizzes are fixed")
            }
            guard (1...Self.maximumProblems).contains(problems) else {
                throw ValidationError("--problems must be between 1 and \(Self.maximumProblems)")
            }
        }
    }

    func run() throws {
        let players = try loadPlayers()
        let sheet: ExerciseSheet
        if let seed {
            guard let seeded = SheetBuilder.seededSheet(lessons: players.map(\.lesson), seed: seed, count: problems)
            else { throw CLIError("no quiz of \(lessons.joined(separator: ", ")) asks a kind of problem cnn-tutor "
                                  + "generates; leave out --seed for the lessons' own quizzes") }
            sheet = seeded
        } else {
            sheet = SheetBuilder.lessonSheet(players)
        }
        let out = TextOutput(form: .verbatim)
        switch format {
        case .latex: out.write(LaTeXSheet.render(sheet, answers: answers))
        case .markdown: out.write(MarkdownSheet.render(sheet, answers: answers))
        }
        out.flush()
    }

    /// The named lessons, in the order given.
    func loadPlayers() throws -> [LessonPlayer] {
        let library = folders.library()
        return try lessons.map { id in
            guard let entry = library.entries.first(where: { $0.header.id == id }) else {
                throw CLIError("no lesson with id '\(id)' (see `cnn-tutor list`)")
            }
            switch entry.player {
            case .success(let player): return player
            case .failure(let problems):
                throw CLIError((problems.issues.first?.description ?? "lesson '\(id)' cannot be read")
                               + "; see `cnn-tutor check \(entry.header.file)`")
            }
        }
    }
}
