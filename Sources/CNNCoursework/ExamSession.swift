import CNNProblems
import FoundationEssentials

/// An exam in progress as state → update(event) → view: no terminal, no clock of its own (every event comes
/// with the time), so that the same core runs the interactive exam, the plain line-by-line one and the tests.
///
/// Lines answer the problems in order; an empty line leaves a problem unanswered; a line that is not a number is
/// refused and the problem asked again. No hint is shown before the end. The exam ends after the last problem,
/// when the input ends, or at the deadline (answers given after it do not count).
public struct ExamSession: Sendable {
    public enum Ending: String, Sendable {
        case completed
        case timeUp = "time-up"
        case inputEnded = "input-ended"
    }

    public enum Event: Sendable {
        /// One line the student typed (without its line break).
        case line(String)
        /// Standard input closed.
        case inputEnded
        /// Time passed; only the deadline can change anything.
        case tick
    }

    public let plan: ExamPlan
    public let startedAt: Date
    /// The time limit in minutes, when there is one.
    public let minutes: Int?
    public private(set) var answers: [String?]
    /// The problem being asked (0-based); `answers.count` once the exam has ended.
    public private(set) var current = 0
    public private(set) var ending: Ending?
    public private(set) var finishedAt: Date?
    /// Why the last line was not taken, until the next line.
    public private(set) var notice: String?

    /// - Parameter minutes: the time limit, or nil for none; ≥ 1.
    public init(plan: ExamPlan, startedAt: Date, minutes: Int?) {
        self.plan = plan
        self.startedAt = startedAt
        self.minutes = minutes
        answers = Array(repeating: nil, count: plan.problems.count)
    }

    public var deadline: Date? {
        minutes.map { startedAt.addingTimeInterval(TimeInterval($0 * 60)) }
    }

    public var isFinished: Bool { ending != nil }

    /// Each answer graded, in problem order.
    public var verdicts: [Verdict] {
        zip(plan.problems, answers).map { $0.grade($1) }
    }

    public var score: Int { verdicts.filter(\.isRight).count }

    public mutating func update(_ event: Event, at now: Date) {
        guard ending == nil else { return }
        if let deadline, now >= deadline {
            finish(.timeUp, at: now)
            return
        }
        switch event {
        case .tick: break
        case .inputEnded: finish(.inputEnded, at: now)
        case .line(let text): take(text, at: now)
        }
    }

    private mutating func take(_ line: String, at now: Date) {
        let text = ExamPlan.normalized(line)
        notice = nil
        if !text.isEmpty && TypedAnswer(text) == nil {
            notice = "That is not a number: type a whole number, a decimal or a fraction (3, -2, 3.25, 13/4), "
                + "or an empty line to leave the problem unanswered."
            return
        }
        answers[current] = text.isEmpty ? nil : text
        current += 1
        if current == answers.count { finish(.completed, at: now) }
    }

    private mutating func finish(_ reason: Ending, at now: Date) {
        ending = reason
        finishedAt = now
        current = answers.count
    }

    /// Whole seconds left before the deadline (0 once it has passed), or nil without a time limit.
    public func secondsLeft(at now: Date) -> Int? {
        deadline.map { max(0, Int($0.timeIntervalSince(now).rounded(.up))) }
    }
}
