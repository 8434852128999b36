import CNNLessons

/// How the tutor is shown.
public struct TutorOptions: Equatable, Sendable {
    /// Instructor mode: larger cells, less chrome, the step counter prominent; e, r and o ask first.
    public var present: Bool
    /// Draw with ASCII only.
    public var ascii: Bool
    /// The terminal has colours (and NO_COLOR is not set); otherwise reverse, bold and underline.
    public var colors: Bool
    /// Where progress is saved, for the help screen.
    public var progressLocation: String?

    public init(present: Bool = false, ascii: Bool = false, colors: Bool = true, progressLocation: String? = nil) {
        self.present = present
        self.ascii = ascii
        self.colors = colors
        self.progressLocation = progressLocation
    }
}

public enum TutorMode: Equatable, Sendable {
    case lesson
    case menu
}

/// Where the cursor of edit mode is: a grid of the frame (one with a `source`), a cell, the number typed.
public struct EditCursor: Equatable, Sendable {
    public var grid: Int
    public var row: Int
    public var column: Int
    public var buffer: String

    public init(grid: Int, row: Int, column: Int, buffer: String = "") {
        self.grid = grid
        self.row = row
        self.column = column
        self.buffer = buffer
    }
}

/// Something that changes the lesson's numbers, asked for in --present mode.
public enum Confirmation: Equatable, Sendable {
    case edit, randomize, original

    var question: String {
        switch self {
        case .edit: "Edit the numbers of this lesson in front of the class? (y/n)"
        case .randomize: "Replace this step's numbers with random ones? (y/n)"
        case .original: "Restore the lesson's original numbers? (y/n)"
        }
    }
}

/// A line of input the tutor is collecting on the status line.
public enum Prompt: Equatable, Sendable {
    case none
    /// `g`, digits, Enter.
    case goTo(String)
    case edit(EditCursor)
    case confirm(Confirmation)
}

/// The answers given to a quiz in this session: the last one, its verdict, and how many were wrong (the
/// first wrong answer gets a hint, the second the worked terms).
public struct QuizFeedback: Equatable, Sendable {
    public var answer: String
    public var verdict: QuizPrompt.Verdict
    public var wrongAnswers: Int
}

/// What `update` asks the driver to do (bubbletea's `Cmd`): the state never performs I/O itself.
public enum TutorEffect: Equatable, Sendable {
    /// The progress changed: write it where it is kept.
    case saveProgress(TutorProgress)
    case quit
}

/// Everything the tutor shows, as a value: `update(_:)` applies a key, `TutorView.render(_:)` draws it.
public struct TutorState: Sendable {
    public var options: TutorOptions
    public var width: Int
    public var height: Int
    public internal(set) var entries: [LessonEntry]
    /// The lesson open (or last open) in the lesson view; nil when there is none.
    public internal(set) var lessonIndex: Int?
    /// 0-based fine step in the lesson.
    public internal(set) var step: Int
    /// The frame at `step`, computed once per move so that drawing never recomputes it.
    public internal(set) var frame: Frame?
    public internal(set) var mode: TutorMode
    public internal(set) var menuSelection: Int
    public internal(set) var showingHelp: Bool
    public internal(set) var showSymbols: Bool
    /// The index base and kernel operation every lesson is shown with (`i`, `c`).
    public internal(set) var conventions = Conventions()
    public internal(set) var prompt: Prompt
    /// The answer box of a quiz, or of a running sum in practice mode.
    public internal(set) var answer: String
    public internal(set) var quizFeedback: [String: QuizFeedback]
    /// Practice mode (`t`): the running sums of a walk are typed, not shown.
    public internal(set) var practice: PracticeState
    /// A one-shot line for the status bar, gone at the next key.
    public var message: String?
    public internal(set) var progress: TutorProgress
    /// Bumped whenever `progress` changes, so the driver knows when to save.
    public private(set) var progressRevision: Int
    public internal(set) var narrationScroll: Int
    /// Set by a key that quits; `update` turns it into `.quit`.
    var quitRequested = false
    /// Seed of the next `r`.
    public var seed: UInt64

    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// - Parameters:
    ///   - startLesson: a lesson id to open (--lesson), else the saved one, else the first.
    ///   - startStep: a 0-based step to open at (--step N − 1), else the saved one.
    ///   - notice: a line shown on the status bar until the first key (e.g. a corrupt progress file).
    public init(entries: [LessonEntry], progress: TutorProgress = TutorProgress(), options: TutorOptions = TutorOptions(),
                width: Int = 100, height: Int = 30, startLesson: String? = nil, startStep: Int? = nil,
                notice: String? = nil, seed: UInt64 = 1) {
        self.options = options
        self.width = width
        self.height = height
        self.entries = entries
        self.progress = progress
        progressRevision = 0
        lessonIndex = nil
        step = 0
        frame = nil
        mode = .menu
        menuSelection = 0
        showingHelp = false
        showSymbols = false
        prompt = .none
        answer = ""
        quizFeedback = [:]
        practice = PracticeState()
        message = notice
        narrationScroll = 0
        self.seed = seed

        // Lessons load when first needed: try the wanted one, then the others in order, stopping at one that loads.
        let wanted = startLesson ?? progress.currentLesson
        let wantedIndex = wanted.flatMap { id in entries.firstIndex { $0.id == id } }
        let index = ((wantedIndex.map { [$0] } ?? []) + Array(entries.indices)).first { entries[$0].current != nil }
        if let index {
            open(index, at: startStep)
        } else if let wanted, let broken = entries.firstIndex(where: { $0.id == wanted }) {
            menuSelection = broken
        }
        if message == nil, entries.isEmpty {
            message = "no lessons found"
        }
    }

    // MARK: Derived

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    public var currentEntry: LessonEntry? { lessonIndex.map { entries[$0] } }
    public var currentSource: (any StepSource)? { currentEntry?.current }
    public var stepCount: Int { currentSource?.stepCount ?? 0 }

    /// The indices of the frame's grids that edit mode can change.
    public var editableGrids: [Int] {
        frame?.grids.indices.filter { frame?.grids[$0].source != nil } ?? []
    }

    // MARK: Update

    /// Applies a key; returns what the driver must do (save the progress, quit).
    @discardableResult
    public mutating func update(_ key: Key) -> [TutorEffect] {
        let before = progress
        quitRequested = false
        apply(key)
        var effects: [TutorEffect] = []
        if progress != before {
            progressRevision += 1
            effects.append(.saveProgress(progress))
        }
        if quitRequested { effects.append(.quit) }
        return effects
    }

    @discardableResult
    public mutating func update(_ keys: [Key]) -> [TutorEffect] {
        keys.flatMap { update($0) }
    }

    private mutating func apply(_ key: Key) {
        if case .resize(let newWidth, let newHeight) = key {
            width = newWidth
            height = newHeight
            return
        }
        message = nil
        if isTooSmall {
            if key == .character("q") { quitRequested = true }
            return
        }
        if showingHelp {
            showingHelp = false
            return
        }
        switch mode {
        case .menu: updateMenu(key)
        case .lesson: updateLesson(key)
        }
    }

    // MARK: Moving

    /// Opens lesson `index` at `step` (0-based), or where the student left it.
    mutating func open(_ index: Int, at requested: Int?) {
        guard let source = entries[index].current else { return }
        lessonIndex = index
        menuSelection = index
        mode = .lesson
        prompt = .none
        let saved = progress.lessons[entries[index].id]?.step ?? 0
        step = Self.clamp(requested ?? saved, count: source.stepCount)
        answer = ""
        practice.forgetAnswers()
        narrationScroll = 0
        refreshFrame()
        recordVisit()
    }

    mutating func switchLesson(by offset: Int) {
        guard let current = lessonIndex, !entries.isEmpty else { return }
        // The nearest lesson in that direction that loads (lessons load when first needed).
        let count = entries.count
        let next = (1..<max(count, 1)).lazy.map { (current + offset * $0 % count + count) % count }
            .first { self.entries[$0].current != nil }
        if let next, next != current { open(next, at: nil) }
    }

    mutating func move(to target: Int) {
        let clamped = Self.clamp(target, count: stepCount)
        guard clamped != step else { return }
        step = clamped
        answer = ""
        narrationScroll = 0
        refreshFrame()
        recordVisit()
    }

    mutating func refreshFrame() {
        guard let source = currentSource else {
            frame = nil
            return
        }
        let shown = showingConventions(source)
        step = Self.clamp(step, count: shown.stepCount)
        frame = shown.stepCount > 0 ? shown.frame(at: step) : nil
        if case .edit(var cursor) = prompt {
            // Keep the cursor on a grid that can still be edited.
            let editable = editableGrids
            if editable.isEmpty {
                prompt = .none
            } else {
                if !editable.contains(cursor.grid) { cursor.grid = editable[0] }
                let grid = frame!.grids[cursor.grid]
                cursor.row = min(cursor.row, max(0, grid.rowCount - 1))
                cursor.column = min(cursor.column, max(0, grid.columnCount - 1))
                prompt = .edit(cursor)
            }
        }
    }

    mutating func recordVisit() {
        guard let entry = currentEntry else { return }
        let before = progress
        progress.visit(lesson: entry.id, step: step, stepCount: entry.stepCount)
        if progress != before { progressRevision += 1 }
    }

    static func clamp(_ step: Int, count: Int) -> Int {
        max(0, min(step, count - 1))
    }
}

/// Why an edit was refused ("that cell is padding"), for the status line.
public struct EditRefused: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
