import CNNCoursework
import CNNTutorUI
import FoundationEssentials

/// Every problem a student finished in drills, kept in the progress folder as drill.json. The schedule is not
/// stored: it is replayed from the answers (`LeitnerSchedule`), so that two drills writing the same file merge by
/// taking the union of their answers, and neither loses the other's.
public struct DrillHistory: VersionedState, Equatable {
    public static let currentVersion = 1
    /// The oldest answers are dropped past this many (about 2.5 MB): a schedule depends on the recent ones.
    public static let maximumAnswers = 20_000

    /// `DrillRecord.format`: how `cnn-tutor report` tells a drill file from other hand-ins.
    public var format: String
    public var version: Int
    /// Who drilled (`--student`, else $USER), for the gradebook.
    public var student: String?
    /// Oldest first.
    public private(set) var answers: [DrillAnswer]

    public init() {
        format = DrillRecord.format
        version = Self.currentVersion
        answers = []
    }

    /// Adds the answers not already here (by id), keeps time order, and drops the oldest past `maximumAnswers`.
    public mutating func merge(_ new: [DrillAnswer]) {
        var known = Set(answers.map(\.id))
        for answer in new where known.insert(answer.id).inserted { answers.append(answer) }
        answers.sort { ($0.answeredAt, $0.id) < ($1.answeredAt, $1.id) }
        if answers.count > Self.maximumAnswers { answers.removeFirst(answers.count - Self.maximumAnswers) }
    }
}

/// One finished drill problem.
public struct DrillAnswer: Codable, Equatable, Sendable {
    /// "SESSION/N": the drill session's id and the problem's number in it, unique across drills.
    public var id: String
    /// The problem kind's name; a kind this cnn-tutor does not know (from a newer one) is kept but not scheduled.
    public var kind: String
    /// Decimal, as in exam results, so that no JSON reader rounds it.
    public var seed: String
    public var answeredAt: Date
    /// Right at the first try without a hint: what moves a kind up a box.
    public var right: Bool
    /// Wrong answers typed before the problem ended.
    public var wrongTries: Int
    public var hints: Int
    /// Whether it ended with the right answer (else the solution was shown).
    public var solved: Bool
    /// The slip named in the first wrong answer, when one was.
    public var mistake: String?

    public init(id: String, kind: String, seed: String, answeredAt: Date, right: Bool, wrongTries: Int, hints: Int,
                solved: Bool, mistake: String?) {
        self.id = id
        self.kind = kind
        self.seed = seed
        self.answeredAt = answeredAt
        self.right = right
        self.wrongTries = wrongTries
        self.hints = hints
        self.solved = solved
        self.mistake = mistake
    }
}

/// drill.json in the progress folder, written as safely as progress.json and merged, never overwritten.
public enum DrillStore {
    /// The drill file beside progress.json.
    public static func store(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> StateFileStore<DrillHistory> {
        StateFileStore(url: ProgressStore.folder(environment: environment).appendingPathComponent("drill.json"),
                       fileNoun: "drill file", contentNoun: "drill answers")
    }
}
