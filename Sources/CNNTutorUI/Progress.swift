import FoundationEssentials

/// What the tutor remembers between sessions: where the student is in each lesson and how their quiz
/// answers went. One file per student (it lives in their own state directory).
public struct TutorProgress: VersionedState, Equatable {
    public static let currentVersion = 1

    public var version: Int
    /// Who the progress belongs to (`--student`, else $USER, when saved), for instructors collecting files.
    public var student: String?
    /// The lesson the tutor was on when it last closed.
    public var currentLesson: String?
    public var lessons: [String: LessonProgress]

    /// No lesson seen yet: what a store starts from.
    public init() {
        self.init(student: nil, currentLesson: nil, lessons: [:])
    }

    public init(student: String? = nil, currentLesson: String? = nil, lessons: [String: LessonProgress] = [:]) {
        version = TutorProgress.currentVersion
        self.student = student
        self.currentLesson = currentLesson
        self.lessons = lessons
    }

    public subscript(lesson id: String) -> LessonProgress {
        get { lessons[id] ?? LessonProgress() }
        set { lessons[id] = newValue }
    }

    /// Notes that the student is at `step` (0-based) of `stepCount` in lesson `id` at `now`: the first visit
    /// opens the lesson, reaching its last step completes it (see `LessonProgress.completed`).
    public mutating func visit(lesson id: String, step: Int, stepCount: Int, at now: Date = Date()) {
        currentLesson = id
        // Whole seconds: the file keeps no fraction (ISO 8601), and a loaded progress must equal the saved one.
        let time = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var entry = self[lesson: id]
        entry.step = step
        entry.furthestStep = max(entry.furthestStep, step)
        entry.stepCount = stepCount
        entry.firstOpened = entry.firstOpened ?? time
        entry.lastSeen = time
        if !entry.completed, stepCount > 0, step >= stepCount - 1 {
            entry.completed = true
            entry.completedAt = time
        }
        self[lesson: id] = entry
    }

    /// Records one answer to quiz `quizID` of lesson `id`.
    public mutating func record(quiz quizID: String, lesson id: String, answer: String, right: Bool) {
        var entry = self[lesson: id]
        var result = entry.quizzes[quizID] ?? QuizResult()
        result.attempts += 1
        result.lastAnswer = answer
        if right && !result.correct {
            result.correct = true
            result.attemptsToCorrect = result.attempts
        }
        entry.quizzes[quizID] = result
        self[lesson: id] = entry
    }
}

public struct LessonProgress: Codable, Equatable, Sendable {
    /// The tutor's step the student was last on, 0-based: the status line's "step 7/24" is 6 here (the same
    /// steps `--step`, `show --step`, the overview and the exporters count, from 1).
    public var step: Int
    /// The furthest 0-based step reached.
    public var furthestStep: Int
    /// The lesson's step count when last seen (lessons may change; the step is clamped on resume).
    public var stepCount: Int
    /// Quiz results by quiz id ("lesson-id/step-number").
    public var quizzes: [String: QuizResult]
    /// Running sums typed right at the first try in practice mode (nil: never practised).
    public var practiceFirstTries: Int?
    /// When the lesson was first opened and last shown (whole seconds, UTC in the file); nil in files from before
    /// cnn-tutor kept them.
    public var firstOpened: Date?
    public var lastSeen: Date?
    /// Whether the lesson's last step has been reached, and when first. The quizzes need not have been right:
    /// the gradebook counts them on their own. A file from before the flag was kept is read as completed when its
    /// furthest step is the last, as `cnn-tutor report` reads it.
    public var completed: Bool
    public var completedAt: Date?

    public init(step: Int = 0, furthestStep: Int = 0, stepCount: Int = 0, quizzes: [String: QuizResult] = [:]) {
        self.step = step
        self.furthestStep = furthestStep
        self.stepCount = stepCount
        self.quizzes = quizzes
        completed = false
    }

    enum CodingKeys: String, CodingKey {
        case step, furthestStep, stepCount, quizzes, practiceFirstTries, firstOpened, lastSeen, completed, completedAt
    }

    /// Reads every version-1 file: the fields added since (times, completion) may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        step = try container.decode(Int.self, forKey: .step)
        furthestStep = try container.decode(Int.self, forKey: .furthestStep)
        stepCount = try container.decode(Int.self, forKey: .stepCount)
        quizzes = try container.decode([String: QuizResult].self, forKey: .quizzes)
        practiceFirstTries = try container.decodeIfPresent(Int.self, forKey: .practiceFirstTries)
        firstOpened = try container.decodeIfPresent(Date.self, forKey: .firstOpened)
        lastSeen = try container.decodeIfPresent(Date.self, forKey: .lastSeen)
        completedAt = try container.decodeIfPresent(Date.self, forKey: .completedAt)
        completed = try container.decodeIfPresent(Bool.self, forKey: .completed)
            ?? (stepCount > 0 && furthestStep >= stepCount - 1)
    }

    public var quizzesRight: Int { quizzes.values.filter(\.correct).count }
}

public struct QuizResult: Codable, Equatable, Sendable {
    public var attempts: Int
    public var correct: Bool
    /// On which attempt the answer was first right.
    public var attemptsToCorrect: Int?
    public var lastAnswer: String?

    public init(attempts: Int = 0, correct: Bool = false, attemptsToCorrect: Int? = nil, lastAnswer: String? = nil) {
        self.attempts = attempts
        self.correct = correct
        self.attemptsToCorrect = attemptsToCorrect
        self.lastAnswer = lastAnswer
    }
}

/// The progress file, kept by a `StateFileStore` (which says how nothing in it is ever lost): each save rewrites
/// only the lesson that changed, merged into the file as it is on disk, so two tutors on one folder keep each
/// other's lessons.
public struct ProgressStore: Sendable {
    let file: StateFileStore<TutorProgress>

    public var url: URL { file.url }

    public init(url: URL) {
        file = StateFileStore(url: url, fileNoun: "progress file", contentNoun: "progress")
    }

    /// $XDG_STATE_HOME/cnn-tutor/progress.json, or ~/.local/state/cnn-tutor/progress.json.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        folder(environment: environment).appendingPathComponent("progress.json")
    }

    /// $XDG_STATE_HOME/cnn-tutor, or ~/.local/state/cnn-tutor: the progress folder, where drills are kept too.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.homeDirectoryForCurrentUser.path
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
        }
        return base.appendingPathComponent("cnn-tutor")
    }

    public struct LoadResult: Sendable {
        public var progress: TutorProgress
        /// One line saying what was wrong with the file and what was done about it, when something was.
        public var problem: String?
    }

    /// The saved progress: empty when there is no file yet, or when it could not be used (then `problem`
    /// says why, and where the file was moved).
    public func load() -> LoadResult {
        let loaded = file.load()
        return LoadResult(progress: loaded.value, problem: loaded.problem)
    }

    /// Saves one lesson's progress: under the lock, reads the file as it is now, replaces that lesson (keeping
    /// the furthest step, the quizzes and the times another tutor may have recorded) and writes the file
    /// atomically. Returns a one-line notice when the file on disk had to be moved aside first.
    /// - Parameter student: the name to save, or nil to keep the file's.
    @discardableResult
    public func record(_ entry: LessonProgress, lesson id: String, student: String?) throws -> String? {
        try file.update { progress in
            progress.lessons[id] = entry.merged(over: progress.lessons[id])
            progress.currentLesson = id
            progress.student = student ?? progress.student
        }
    }

    /// Starts over (--reset-progress): the file is kept as `progress.json.reset-<time>`, not deleted.
    public func reset() throws {
        try file.reset()
    }
}

extension LessonProgress {
    /// This entry, keeping what another tutor recorded for the same lesson: the furthest step, its quizzes, the
    /// earliest opening and completion, the latest visit.
    func merged(over saved: LessonProgress?) -> LessonProgress {
        guard let saved else { return self }
        var result = self
        result.furthestStep = max(furthestStep, saved.furthestStep)
        result.quizzes = saved.quizzes.merging(quizzes) { _, mine in mine }
        result.firstOpened = earliest(firstOpened, saved.firstOpened)
        result.lastSeen = [lastSeen, saved.lastSeen].compactMap { $0 }.max()
        result.completed = completed || saved.completed
        result.completedAt = earliest(completedAt, saved.completedAt)
        return result
    }

    private func earliest(_ one: Date?, _ other: Date?) -> Date? {
        [one, other].compactMap { $0 }.min()
    }
}

public struct ProgressStoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
