import CNNCore
import CNNCoursework
import CNNProblems
import Foundation
import Testing

/// The exam's plan, its state → update → view core, and the checksummed result file.
struct ExamTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theSeedAndTheNameGiveTheVariant() {
        let ann = ExamPlan(seed: 7, student: "ann", count: 11)
        #expect(ann == ExamPlan(seed: 7, student: "  ann\t", count: 11))
        #expect(Set(ann.problems.map(\.kind)) == Set(ProblemKind.allCases))
        let bob = ExamPlan(seed: 7, student: "bob", count: 11)
        #expect(ann.problems.map(\.seed) != bob.problems.map(\.seed))
        #expect(ExamPlan.variant(seed: 7, student: "ann") == 7 ^ FNV1a.hash64("ann".utf8))
        // Problem seeds are SplitMix64's outputs from the variant, in order.
        var seeds = SplitMix64(seed: ExamPlan.variant(seed: 7, student: "ann"))
        #expect(ann.problems.map(\.seed) == (0..<11).map { _ in seeds.next() })
        // A longer exam repeats every kind before any kind a third time.
        let long = ExamPlan(seed: 7, student: "ann", count: 22)
        #expect(Dictionary(grouping: long.problems, by: \.kind).values.allSatisfy { $0.count == 2 })
        #expect(Array(long.problems.prefix(11)) == ann.problems)
    }

    func session(count: Int = 3, minutes: Int? = nil) -> ExamSession {
        ExamSession(plan: ExamPlan(seed: 1, student: "ann", count: count), startedAt: start, minutes: minutes)
    }

    @Test func linesAnswerInOrderAndAWordIsAskedAgain() {
        var exam = session()
        let answer = exam.plan.problems[0].answer.description
        exam.update(.line("seven"), at: start)
        #expect(exam.current == 0 && exam.notice != nil)
        #expect(ExamView.asking(exam, at: start).last == exam.notice)
        exam.update(.line(answer), at: start)
        exam.update(.line(""), at: start)
        #expect(exam.current == 2 && exam.notice == nil)
        exam.update(.line("99999"), at: start.addingTimeInterval(5))
        #expect(exam.ending == .completed && exam.finishedAt == start.addingTimeInterval(5))
        #expect(exam.answers == [answer, nil, "99999"])
        #expect(exam.verdicts[0] == .right && exam.verdicts[1] == .unanswered && !exam.verdicts[2].isRight)
        #expect(exam.score == 1)
        // Finished, it takes nothing more.
        exam.update(.line("1"), at: start)
        #expect(exam.answers == [answer, nil, "99999"])
    }

    @Test func theDeadlineEndsTheExamAndLaterAnswersDoNotCount() {
        var exam = session(minutes: 2)
        #expect(exam.secondsLeft(at: start.addingTimeInterval(30)) == 90)
        #expect(ExamView.asking(exam, at: start.addingTimeInterval(30))[0].hasSuffix("1:30 left"))
        exam.update(.line("1"), at: start.addingTimeInterval(119))
        exam.update(.tick, at: start.addingTimeInterval(100))
        #expect(!exam.isFinished)
        exam.update(.line("2"), at: start.addingTimeInterval(120))
        #expect(exam.ending == .timeUp)
        #expect(exam.answers == ["1", nil, nil])
    }

    @Test func theEndOfInputEndsTheExam() {
        var exam = session()
        exam.update(.inputEnded, at: start)
        #expect(exam.ending == .inputEnded && exam.answers == [nil, nil, nil])
        #expect(ExamView.results(exam)[0] == "The input ended before the last problem.")
        #expect(ExamView.results(exam)[1] == "Score: 0 of 3 (0%)")
    }

    /// The end shows every problem's hints and worked solution, which the exam kept back.
    @Test func hintsAppearOnlyAtTheEnd() {
        var exam = session(count: 2)
        #expect(!ExamView.asking(exam, at: start).joined().contains("Hint"))
        exam.update(.line(""), at: start)
        exam.update(.line(""), at: start)
        // Long lines are wrapped between words: joined with spaces, the text reads as written.
        let results = ExamView.results(exam).joined(separator: " ")
        for problem in exam.plan.problems {
            for hint in problem.hints { #expect(results.contains(hint)) }
            #expect(results.contains(problem.working.line) || !problem.working.steps.isEmpty)
        }
    }

    func finishedResult(answers: [String]) -> ExamResult {
        var exam = session(count: answers.count, minutes: 30)
        for answer in answers { exam.update(.line(answer), at: start.addingTimeInterval(60)) }
        return ExamResult(session: exam, tutorVersion: "9.9.9", tutorCommit: "abc")
    }

    @Test func theResultFileReadsBackAndItsChecksumHolds() throws {
        let plan = ExamPlan(seed: 1, student: "ann", count: 3)
        let result = finishedResult(answers: [plan.problems[0].answer.description, "", "12345"])
        #expect(result.document["started"]?.stringValue == "2027-01-15T08:00:00Z")
        #expect(result.document["finished"]?.stringValue == "2027-01-15T08:01:00Z")
        #expect(result.document["time_limit_minutes"]?.integerValue == 30)
        guard case .success(.exam(let record)) = HandIn.read(Data(result.fileText.utf8)) else {
            Issue.record("the result file does not read back")
            return
        }
        #expect(record.student == "ann" && record.seed == "1" && record.right == 1 && record.total == 3)
        #expect(record.answers.map(\.right) == [true, false, false])
    }

    @Test func anEditedResultIsRefused() {
        let text = finishedResult(answers: ["1", "2"]).fileText
        for (original, edited) in [("\"right\": false", "\"right\": true"), ("\"student\": \"ann\"",
                                                                          "\"student\": \"eve\"")] {
            let changed = text.replacingOccurrences(of: original, with: edited)
            #expect(changed != text)
            guard case .failure(let refusal) = HandIn.read(Data(changed.utf8)) else {
                Issue.record("an edit (\(edited)) went unnoticed")
                continue
            }
            #expect(refusal.reason.contains("edited"))
        }
        // Reformatting changes no value: still valid.
        let compact = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "  ", with: "")
        guard case .success = HandIn.read(Data(compact.utf8)) else {
            Issue.record("a reformatted result is refused")
            return
        }
    }
}
