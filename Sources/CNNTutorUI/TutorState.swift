import CNNLessons

/// How the tutor is shown.
public struct TutorOptions: Equatable, Sendable {
    /// Instructor mode: larger cells, less chrome, the step counter prominent; e, r, o and q ask first,
    /// PgDn/PgUp step (a presentation remote's keys).
    public var present: Bool
    /// Draw with ASCII only.
    public var ascii: Bool
    /// The terminal has colours (and NO_COLOR is not set); otherwise reverse, bold and underline.
    public var colors: Bool
    /// Where progress is saved, for the help screen; nil when this tutor keeps none (--present, follow).
    public var progressLocation: String?
    /// + presses less − presses: how much larger (or smaller) than the default the grids are drawn.
    public var zoom: Int

    public init(present: Bool = false, ascii: Bool = false, colors: Bool = true, progressLocation: String? = nil,
                zoom: Int = 0) {
        self.present = present
        self.ascii = ascii
        self.colors = colors
        self.progressLocation = progressLocation
        self.zoom = zoom
    }
}

/// What `update` asks the driver to do (bubbletea's `Cmd`): the state never performs I/O itself.
public enum TutorEffect: Equatable, Sendable {
    /// The progress changed: write it where it is kept.
    case saveProgress(TutorProgress)
    /// `p`: open the playground here; its `q` comes back to this lesson and step.
    case openPlayground(PlaygroundStart)
    /// `d` in the menu: leave the tutor for `cnn-tutor drill` (line by line, so not on the tutor's screen).
    case openDrill
    case quit
}

/// Everything the tutor shows, as a value: `update(_:)` applies a key, `TutorView.render(_:)` draws it.
/// What belongs to one mode lives in that mode's case of `mode`; what is kept here is the session's.
public struct TutorState: Sendable {
    public var options: TutorOptions
    public var width: Int
    public var height: Int
    public internal(set) var entries: [LessonEntry]
    public internal(set) var mode: TutorMode
    /// The `?` screen, over the menu or the lesson.
    public internal(set) var showingHelp = false
    /// `b` or `.`: the screen is blank until the next key, which does nothing else.
    public internal(set) var isBlackedOut = false
    /// Set when this tutor follows a presenter's share file (`cnn-tutor follow`).
    public internal(set) var following: FollowState?
    public internal(set) var showSymbols = false
    /// Grids the lesson shades (a digit, feature maps) drawn as shades; `v` shows their numbers instead.
    public internal(set) var showShades = true
    /// The quizzes answered this session, by quiz id.
    public internal(set) var quizFeedback: [String: QuizFeedback] = [:]
    /// The index base and kernel operation every lesson is shown with (`i`, `c`).
    public internal(set) var conventions = Conventions()
    /// A one-shot line for the status bar, gone at the next key.
    public var message: String?
    public internal(set) var progress: TutorProgress
    /// Seed of the next `r`.
    public var seed: UInt64
    /// What the key being applied asks of the driver besides saving the progress (which `update` works out).
    var effects: [TutorEffect] = []

    /// The compact layout's smallest terminal (what a projector with a huge font gives).
    public static let minimumWidth = 60
    public static let minimumHeight = 20

    /// - Parameters:
    ///   - startLesson: a lesson id to open (--lesson), else the saved one, else the first.
    ///   - startStep: a 0-based step to open at (--step N − 1), else the saved one.
    ///   - notice: a line shown on the status bar until the first key (e.g. a corrupt progress file).
    public init(entries: [LessonEntry], progress: TutorProgress = TutorProgress(),
                options: TutorOptions = TutorOptions(), width: Int = 100, height: Int = 30,
                startLesson: String? = nil, startStep: Int? = nil, notice: String? = nil, seed: UInt64 = 1) {
        self.options = options
        self.width = width
        self.height = height
        self.entries = entries
        self.progress = progress
        mode = .menu(MenuState(selection: 0))
        message = notice
        self.seed = seed

        // Lessons load when first needed: try the wanted one, then the others in order, stopping at one that loads.
        let wanted = startLesson ?? progress.currentLesson
        let wantedIndex = wanted.flatMap { id in entries.firstIndex { $0.id == id } }
        let index = ((wantedIndex.map { [$0] } ?? []) + Array(entries.indices)).first { entries[$0].current != nil }
        if let index {
            open(index, at: startStep)
        } else if let wanted, let broken = entries.firstIndex(where: { $0.id == wanted }) {
            mode = .menu(MenuState(selection: broken))
        }
        if message == nil, entries.isEmpty {
            message = "no lessons found"
        }
    }

    // MARK: Derived

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The lesson view when a lesson is on screen; setting it changes that lesson (never leaves the menu).
    var lessonView: LessonView? {
        get { if case .lesson(let view) = mode { view } else { nil } }
        set { if let newValue, case .lesson = mode { mode = .lesson(newValue) } }
    }

    /// The lesson on screen, or the one the menu goes back to.
    public var lastLesson: LessonView? {
        switch mode {
        case .lesson(let view): view
        case .menu(let menu): menu.lesson
        case .overview(let overview): overview.lesson
        }
    }

    public var isInMenu: Bool { if case .menu = mode { true } else { false } }
    public var lessonIndex: Int? { lastLesson?.index }
    public var step: Int { lastLesson?.step ?? 0 }
    public var frame: Frame? { lastLesson?.frame }
    public var narrationScroll: Int { lastLesson?.narrationScroll ?? 0 }
    /// The lesson view's input; `.none` in the menu.
    public var input: LessonInput { lessonView?.input ?? .none }
    public var menuSelection: Int {
        switch mode {
        case .menu(let menu): menu.selection
        case .lesson(let view): view.index
        case .overview(let overview): overview.lesson.index
        }
    }

    public var currentEntry: LessonEntry? { lessonIndex.map { entries[$0] } }
    public var currentSource: (any StepSource)? { currentEntry?.current }
    public var stepCount: Int { currentSource?.stepCount ?? 0 }
    public var editableGrids: [Int] { lastLesson?.editableGrids ?? [] }
    public var practiceTarget: Double? { lessonView?.practiceTarget }
    public var practice: PracticeState { lastLesson?.practice ?? PracticeState() }
    public var editCursor: EditCursor? { if case .edit(let cursor) = input { cursor } else { nil } }
    /// The answer box's text when it is open.
    public var answer: String? { if case .answer(let box) = input { box.text } else { nil } }

    // MARK: Update

    /// Applies a key; returns what the driver must do (save the progress, quit).
    @discardableResult
    public mutating func update(_ key: Key) -> [TutorEffect] {
        let before = progress
        effects = []
        apply(key)
        let saving: [TutorEffect] = progress != before ? [.saveProgress(progress)] : []
        defer { effects = [] }
        return saving + effects
    }

    @discardableResult
    public mutating func update(_ keys: [Key]) -> [TutorEffect] {
        keys.flatMap { update($0) }
    }

    /// Puts a failed save on the status line, after what the key put there (a quiz's verdict, say).
    public mutating func showSaveFailure(_ problem: String) {
        message = message.map { "\($0) · \(problem)" } ?? problem
    }

    private mutating func apply(_ key: Key) {
        if case .resize(let newWidth, let newHeight) = key {
            width = newWidth
            height = newHeight
            return
        }
        // The key that ends a blackout does nothing else: the screen comes back as it was.
        if isBlackedOut {
            isBlackedOut = false
            return
        }
        message = nil
        if isTooSmall {
            if key == .character("q") { effects.append(.quit) }
            return
        }
        if showingHelp {
            showingHelp = false
            return
        }
        if following != nil, updateFollowing(key) { return }
        switch mode {
        case .menu(let menu): updateMenu(key, menu: menu)
        case .lesson(let view): updateLesson(key, view: view)
        case .overview(let overview): updateOverview(key, overview: overview)
        }
    }

    // MARK: Opening a lesson

    /// Opens lesson `index` at `step` (0-based), or where the student left it. Practice mode stays as it was.
    mutating func open(_ index: Int, at requested: Int?) {
        guard let source = entries[index].current else { return }
        let saved = progress.lessons[entries[index].id]?.step ?? 0
        let practising = lastLesson?.practice.isOn ?? false
        mode = .lesson(LessonView(index: index, step: Self.clamp(requested ?? saved, count: source.stepCount),
                                  practice: PracticeState(isOn: practising)))
        refreshFrame()
        recordVisit()
    }

    mutating func recordVisit() {
        guard let entry = currentEntry else { return }
        progress.visit(lesson: entry.id, step: step, stepCount: entry.stepCount)
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
