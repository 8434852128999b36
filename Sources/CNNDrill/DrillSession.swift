import CNNCore
import CNNProblems
import CNNSafeText
import FoundationEssentials

/// A drill in progress as state → update(event) → view: no terminal, no clock of its own (every event comes with
/// the time), so that the same core runs the interactive drill, the plain line-by-line one and the tests.
///
/// Endless: problems come one after another, each of the kind `LeitnerSchedule` picks, until the student quits
/// (`q`) or the input ends. A number answers; `h` shows the next hint; `s` shows the solution. A wrong answer is
/// told which slip it looks like, when the problem knows one, and brings the next hint; the third wrong answer
/// shows the solution. Each finished problem becomes a `DrillAnswer`, waiting in `unsaved` until it is saved.
public struct DrillSession: Sendable {
    public enum Event: Sendable {
        /// One line the student typed (without its line break).
        case line(String)
        /// Standard input closed.
        case inputEnded
    }

    /// Wrong answers after which the solution is shown.
    public static let wrongTriesAllowed = 3

    public let student: String
    /// Makes answer ids unique across drills ("SESSION/N").
    public let sessionID: String
    public let kinds: [ProblemKind]
    /// Every answer, saved and new, oldest first: the schedule and the statistics.
    public private(set) var history: [DrillAnswer]
    /// Answers finished since the last `takeUnsaved()`.
    public private(set) var unsaved: [DrillAnswer] = []
    public private(set) var problem: Problem
    /// Problems asked in this session, the current one included.
    public private(set) var asked = 1
    public private(set) var wrongTries = 0
    public private(set) var hintsShown = 0
    private var firstMistake: MistakeKind?
    /// Problems right at the first try in a row, in this session.
    public private(set) var streak = 0
    /// What the last line brought: a verdict, a hint, a solution, a notice.
    public private(set) var feedback: [String] = []
    public private(set) var isFinished = false
    private var seeds: SplitMix64

    /// - Parameters:
    ///   - history: the answers saved so far, oldest first.
    ///   - kinds: the kinds drilled, not empty.
    ///   - seed: gives every problem's seed (SplitMix64's outputs in turn).
    public init(student: String, sessionID: String, kinds: [ProblemKind], history: [DrillAnswer], seed: UInt64,
                at now: Date) {
        self.student = student
        self.sessionID = sessionID
        self.kinds = kinds
        self.history = history
        seeds = SplitMix64(seed: seed)
        let kind = LeitnerSchedule(answers: history, kinds: kinds).next(at: now, after: nil)
        problem = ProblemGenerator.problem(kind, seed: seeds.next())
    }

    public var schedule: LeitnerSchedule { LeitnerSchedule(answers: history, kinds: kinds) }

    public mutating func update(_ event: Event, at now: Date) {
        guard !isFinished else { return }
        feedback = []
        guard case .line(let line) = event else {
            isFinished = true
            return
        }
        let text = line.trimmingBlanks()
        switch text.lowercased() {
        case "": break
        case "q", "quit": isFinished = true
        case "h", "hint": showHint()
        case "s", "solution": finish(solved: false, at: now)
        default: answer(text, at: now)
        }
    }

    /// The answers not saved yet, which are then taken as saved.
    public mutating func takeUnsaved() -> [DrillAnswer] {
        defer { unsaved = [] }
        return unsaved
    }

    private mutating func showHint() {
        guard hintsShown < problem.hints.count else {
            feedback = ["No more hints: type s for the solution."]
            return
        }
        hintsShown += 1
        feedback = ["Hint \(hintsShown): \(problem.hints[hintsShown - 1])"]
    }

    private mutating func answer(_ text: String, at now: Date) {
        switch problem.grade(text) {
        case .right:
            feedback = ["Right: \(problem.working.target) = \(problem.answer.decimalText)."]
            finish(solved: true, at: now)
        case .wrong(let mistake):
            wrongTries += 1
            firstMistake = firstMistake ?? mistake?.kind
            feedback = ["\(text) is not right" + (mistake.map { ": \($0.message)." } ?? ".")]
            if wrongTries >= Self.wrongTriesAllowed { return finish(solved: false, at: now) }
            if hintsShown < wrongTries, hintsShown < problem.hints.count { feedback += hintLine() }
        case .unanswered, .unreadable:
            feedback = ["That is not a number: type one (3, -2, 3.25, 13/4), h for a hint, s for the solution or q "
                        + "to stop."]
        }
    }

    private mutating func hintLine() -> [String] {
        hintsShown += 1
        return ["Hint \(hintsShown): \(problem.hints[hintsShown - 1])"]
    }

    /// Records the problem and asks the next one the schedule picks.
    private mutating func finish(solved: Bool, at now: Date) {
        if !solved { feedback += ["The answer is \(problem.answer.decimalText): \(problem.working.line)"] }
        let right = solved && wrongTries == 0 && hintsShown == 0
        let answer = DrillAnswer(id: "\(sessionID)/\(asked)", kind: problem.kind.rawValue, seed: String(problem.seed),
                                 answeredAt: now, right: right, wrongTries: wrongTries, hints: hintsShown,
                                 solved: solved, mistake: firstMistake?.rawValue)
        history.append(answer)
        unsaved.append(answer)
        streak = right ? streak + 1 : 0
        let kind = schedule.next(at: now, after: problem.kind)
        problem = ProblemGenerator.problem(kind, seed: seeds.next())
        asked += 1
        (wrongTries, hintsShown, firstMistake) = (0, 0, nil)
    }
}
