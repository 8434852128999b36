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
    /// 0-based step the student was last on.
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

    public var isComplete: Bool { stepCount > 0 && furthestStep >= stepCount - 1 }
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

/// Reads and writes the progress file. Writes are atomic (a temporary file in the same directory, then
/// rename), so a crash never leaves half a file. An unreadable or corrupt file is reported by `load` and
/// otherwise ignored: the next save replaces it.
public struct ProgressStore: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public init(path: String) {
        url = URL(fileURLWithPath: path)
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
        /// A one-line description of what was wrong with the file, when something was.
        public var problem: String?
    }

    /// The saved progress; an empty one when there is no file yet, or when the file cannot be used (then
    /// with `problem` set).
    public func load() -> LoadResult {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) {
                return LoadResult(progress: TutorProgress(), problem: nil)
            }
            return LoadResult(progress: TutorProgress(), problem: "cannot read progress file \(url.path); starting afresh")
        }
        do {
            let progress = try JSONDecoder().decode(TutorProgress.self, from: data)
            if progress.version > TutorProgress.currentVersion {
                return LoadResult(progress: TutorProgress(),
                                  problem: "progress file \(url.path) is from a newer cnn-tutor; ignoring it")
            }
            return LoadResult(progress: progress, problem: nil)
        } catch {
            return LoadResult(progress: TutorProgress(), problem: "ignoring corrupt progress file \(url.path)")
        }
    }

    /// Writes `progress` atomically, creating the directory when needed.
    public func save(_ progress: TutorProgress) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(progress)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw ProgressStoreError(message: "cannot write \(temporary.path)")
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw ProgressStoreError(message: "cannot replace \(url.path): \(String(cString: strerror(code)))")
        }
    }

    /// Removes the saved progress (for --reset-progress).
    public func reset() throws {
        if FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.removeItem(at: url)
        }
    }
}

public struct ProgressStoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
