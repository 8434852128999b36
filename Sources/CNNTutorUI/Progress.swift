import Foundation

/// What the tutor remembers between sessions: where the student is in each lesson and how their quiz
/// answers went. One file per student (it lives in their own state directory).
public struct TutorProgress: Codable, Equatable, Sendable {
    public static let currentVersion = 1

    public var version: Int
    /// Who the progress belongs to ($USER when saved), for instructors collecting files.
    public var student: String?
    /// The lesson the tutor was on when it last closed.
    public var currentLesson: String?
    public var lessons: [String: LessonProgress]

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

    /// Notes that the student is at `step` (0-based) of `stepCount` in lesson `id`.
    public mutating func visit(lesson id: String, step: Int, stepCount: Int) {
        currentLesson = id
        var entry = self[lesson: id]
        entry.step = step
        entry.furthestStep = max(entry.furthestStep, step)
        entry.stepCount = stepCount
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

    public init(step: Int = 0, furthestStep: Int = 0, stepCount: Int = 0, quizzes: [String: QuizResult] = [:]) {
        self.step = step
        self.furthestStep = furthestStep
        self.stepCount = stepCount
        self.quizzes = quizzes
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

/// The progress file. Nothing in it is ever lost: a file that cannot be read or understood is moved aside
/// (`progress.json.corrupt-<time>`) before anything else is written; a file from a newer cnn-tutor, and a named
/// pipe, device or symbolic link in its place, is never written (nor opened, nor followed); and each save rewrites
/// only the lesson that changed, reading the file afresh under an advisory lock, so two tutors on one folder keep
/// each other's lessons. Writes are atomic (a temporary file no one can plant a link at, then rename).
public struct ProgressStore: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// $XDG_STATE_HOME/cnn-tutor/progress.json, or ~/.local/state/cnn-tutor/progress.json.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
        }
        return base.appendingPathComponent("cnn-tutor").appendingPathComponent("progress.json")
    }

    public struct LoadResult: Sendable {
        public var progress: TutorProgress
        /// One line saying what was wrong with the file and what was done about it, when something was.
        public var problem: String?
    }

    /// The saved progress: empty when there is no file yet, or when it could not be used (then `problem`
    /// says why, and where the file was moved).
    public func load() -> LoadResult {
        let lock = ProgressLock(directory: directory, name: lockName)
        defer { lock.release() }
        switch ProgressFile.read(path: url.path) {
        case .missing:
            return LoadResult(progress: TutorProgress(), problem: nil)
        case .progress(let progress):
            return LoadResult(progress: progress, problem: nil)
        case .newer(let version):
            return LoadResult(progress: TutorProgress(), problem: "progress file from a newer cnn-tutor (version "
                + "\(version)) is left as it is and this session is not saved: \(url.path)")
        case .notRegular(let kind):
            return LoadResult(progress: TutorProgress(), problem: "progress file is \(kind), not a regular file, so "
                + "it is left as it is and this session is not saved: \(url.path)")
        case .unusable(let reason):
            return LoadResult(progress: TutorProgress(), problem: moveAside(reason: reason))
        }
    }

    /// Saves one lesson's progress: under the lock, reads the file as it is now, replaces that lesson (keeping
    /// the furthest step and the quizzes another tutor may have recorded) and writes the file atomically.
    /// Returns a one-line notice when the file on disk had to be moved aside first.
    @discardableResult
    public func record(_ entry: LessonProgress, lesson id: String, student: String?) throws -> String? {
        try ProgressFile.makeDirectories(directory.path, for: url.path)
        let lock = ProgressLock(directory: directory, name: lockName)
        defer { lock.release() }
        var progress = TutorProgress()
        var notice: String?
        switch ProgressFile.read(path: url.path) {
        case .missing: break
        case .progress(let saved): progress = saved
        case .newer(let version):
            throw ProgressStoreError(message: "not saving progress over \(url.path): it is from a newer cnn-tutor "
                + "(version \(version))")
        case .notRegular(let kind):
            throw ProgressStoreError(message: "not saving progress over \(kind), which is not a regular file: "
                + url.path)
        case .unusable(let reason):
            notice = moveAside(reason: reason)
            if ProgressFile.exists(url.path) { throw ProgressStoreError(message: notice!) }
        }
        progress.lessons[id] = entry.merged(over: progress.lessons[id])
        progress.currentLesson = id
        progress.student = student ?? progress.student
        try ProgressFile.writeAtomically(ProgressFile.encode(progress), to: url.path)
        return notice
    }

    /// Starts over (--reset-progress): the file is kept as `progress.json.reset-<time>`, not deleted.
    public func reset() throws {
        let lock = ProgressLock(directory: directory, name: lockName)
        defer { lock.release() }
        guard ProgressFile.exists(url.path) else { return }
        _ = try ProgressFile.renameAside(url.path, suffix: "reset")
    }

    private var directory: URL { url.deletingLastPathComponent() }
    private var lockName: String { ".\(url.lastPathComponent).lock" }

    /// Moves an unusable file aside and says so in one line (or says why it could not be moved).
    private func moveAside(reason: String) -> String {
        do {
            let kept = try ProgressFile.renameAside(url.path, suffix: "corrupt")
            return "progress file \(reason), so it is kept as \(kept) and the tutor starts afresh"
        } catch {
            return "progress file \(reason) and \(error), so progress is not saved: \(url.path)"
        }
    }
}

extension LessonProgress {
    /// This entry, keeping what another tutor recorded for the same lesson: the furthest step and its quizzes.
    func merged(over saved: LessonProgress?) -> LessonProgress {
        guard let saved else { return self }
        var result = self
        result.furthestStep = max(furthestStep, saved.furthestStep)
        result.quizzes = saved.quizzes.merging(quizzes) { _, mine in mine }
        return result
    }
}

public struct ProgressStoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
