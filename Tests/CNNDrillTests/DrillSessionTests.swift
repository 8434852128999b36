import CNNCore
import CNNProblems
import Foundation
import Testing
@testable import CNNDrill

/// The drill's state → update → view core, without a terminal.
struct DrillSessionTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    func session(kinds: [ProblemKind] = ProblemKind.allCases, history: [DrillAnswer] = []) -> DrillSession {
        DrillSession(student: "ann", sessionID: "s", kinds: kinds, history: history, seed: 7, at: Self.start)
    }

    /// The problems are the generator's: problem i's seed is SplitMix64's i-th output from the drill's seed.
    @Test func problemsComeFromTheSeed() {
        var drill = session()
        var seeds = SplitMix64(seed: 7)
        #expect(drill.problem == ProblemGenerator.problem(.convolutionValue, seed: seeds.next()))
        drill.update(.line(drill.problem.answer.description), at: Self.start)
        #expect(drill.problem == ProblemGenerator.problem(.partialSum, seed: seeds.next()))
    }

    @Test func aRightAnswerIsRecordedAndCountsToTheStreak() throws {
        var drill = session()
        let first = drill.problem
        drill.update(.line(first.answer.decimalText), at: Self.start.addingTimeInterval(5))
        let answer = try #require(drill.history.last)
        #expect(answer == DrillAnswer(id: "s/1", kind: first.kind.rawValue, seed: String(first.seed),
                                      answeredAt: Self.start.addingTimeInterval(5), right: true, wrongTries: 0,
                                      hints: 0, solved: true, mistake: nil))
        #expect(drill.streak == 1 && drill.asked == 2)
        #expect(drill.feedback == ["Right: \(first.working.target) = \(first.answer.decimalText)."])
        #expect(drill.takeUnsaved() == [answer] && drill.takeUnsaved().isEmpty)
    }

    /// A named slip is said and brings hint 1; a second wrong answer hint 2; the third ends the problem.
    @Test func wrongAnswersBringTheHintsThenTheSolution() throws {
        var drill = session()
        let problem = drill.problem
        let slip = try #require(problem.mistakes.first)
        drill.update(.line(slip.value.description), at: Self.start)
        #expect(drill.feedback == ["\(slip.value) is not right: \(slip.message).", "Hint 1: \(problem.hints[0])"])
        drill.update(.line("100000"), at: Self.start)
        #expect(drill.feedback == ["100000 is not right.", "Hint 2: \(problem.hints[1])"])
        drill.update(.line("100001"), at: Self.start)
        #expect(drill.feedback.last == "The answer is \(problem.answer.decimalText): \(problem.working.line)")
        let answer = try #require(drill.history.last)
        #expect(!answer.right && !answer.solved && answer.wrongTries == 3 && answer.hints == 2)
        #expect(answer.mistake == slip.kind.rawValue)
        #expect(drill.streak == 0 && drill.problem.kind != problem.kind)
    }

    /// Right after a hint is solved, but not right at the first try: the kind goes back to box 1.
    @Test func aHintMeansNotRightFirstTime() throws {
        var drill = session(kinds: [.outputSize])
        drill.update(.line("h"), at: Self.start)
        #expect(drill.feedback == ["Hint 1: \(drill.problem.hints[0])"] && drill.hintsShown == 1)
        drill.update(.line(drill.problem.answer.description), at: Self.start)
        let answer = try #require(drill.history.last)
        #expect(answer.solved && !answer.right && answer.hints == 1)
        #expect(drill.schedule.cards[0].box == 1)
    }

    @Test func wordsAreRefusedAndQuitOrTheEndOfInputEnds() {
        var drill = session()
        drill.update(.line("seven"), at: Self.start)
        #expect(drill.feedback.first?.hasPrefix("That is not a number") == true && drill.history.isEmpty)
        drill.update(.line(" Q "), at: Self.start)
        #expect(drill.isFinished && drill.history.isEmpty)
        var ended = session()
        ended.update(.inputEnded, at: Self.start)
        #expect(ended.isFinished)
    }

    @Test func theViewShowsStreakAccuracyAndWhatIsDue() {
        var drill = session(kinds: [.outputSize, .partialSum])
        drill.update(.line(drill.problem.answer.description), at: Self.start)
        let screen = DrillView.asking(drill, at: Self.start.addingTimeInterval(1))
        #expect(screen[0] == "Drill for ann · streak 1 · 1 answered, 100% right at the first try")
        #expect(screen[1] == "Nothing else due; the next kind is due in 10 min")
        #expect(screen.contains("Problem 2: running sum after a term (partial-sum, seed \(drill.problem.seed))"))
        #expect(screen.contains("This kind: new, box 1"))
        let summary = DrillView.summary(drill, at: Self.start.addingTimeInterval(1))
        #expect(summary.contains("output-size  2    1         100                  in 10 min"))
    }

    @Test func dueTimesReadAsPeopleSayThem() {
        let when = { DrillView.when(Self.start.addingTimeInterval($0), from: Self.start) }
        #expect([when(-5), when(40), when(61), when(3600), when(3601), when(86_400 * 3)]
                == ["now", "in 40 s", "in 2 min", "in 1 h", "in 2 h", "in 3 days"])
    }
}
