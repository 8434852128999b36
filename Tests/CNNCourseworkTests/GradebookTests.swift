import CNNCoursework
import CNNProblems
import Foundation
import Testing

/// Reading hand-ins leniently, combining them into rows, and writing CSV an LMS imports safely.
struct GradebookTests {
    func read(_ json: String) -> Result<HandIn, HandInRefusal> {
        HandIn.read(Data(json.utf8))
    }

    func progress(_ json: String) -> ProgressRecord? {
        if case .success(.progress(let record)) = read(json) { return record }
        return nil
    }

    @Test func foreignCorruptAndNewerFilesAreRefusedWithTheReason() {
        let cases: [(String, String)] = [
            ("{\"name\": \"x\"}", "not a cnn-tutor progress, drill or exam-result file"),
            ("{\"version\": 1, \"lessons\": ", "corrupt"),
            ("PK\u{03}\u{04} zip", "not JSON"),
            ("{\"format\": \"cnn-tutor exam result\", \"format_version\": 2}", "newer cnn-tutor"),
            ("{\"format\": \"cnn-tutor exam result\", \"format_version\": 1}", "no checksum"),
            ("{\"version\": 1, \"lessons\": {}}", "no student name"),
            ("{\"version\": 1, \"student\": \"ann\", \"lessons\": []}", "corrupt"),
        ]
        for (json, reason) in cases {
            guard case .failure(let refusal) = read(json) else {
                Issue.record("accepted: \(json)")
                continue
            }
            #expect(refusal.reason.contains(reason), "\(json): \(refusal.reason)")
        }
    }

    /// Today's progress format (no completion flag) and a later one (with it) both count.
    @Test func progressIsReadWhateverFieldsItHas() throws {
        let record = try #require(progress("""
            {"version": 1, "student": "ann", "currentLesson": "b", "lessons": {
              "a": {"step": 4, "furthestStep": 4, "stepCount": 5, "practiceFirstTries": 3,
                    "quizzes": {"a/2": {"attempts": 1, "correct": true, "attemptsToCorrect": 1},
                                "a/4": {"attempts": 3, "correct": true, "attemptsToCorrect": 3}}},
              "b": {"step": 1, "furthestStep": 2, "stepCount": 9,
                    "quizzes": {"b/1": {"attempts": 2, "correct": false}}},
              "c": {"completed": true},
              "d": {"furthestStep": 8, "stepCount": 9, "completedAt": null, "futureField": [1, 2]}
            }}
            """))
        #expect(record.student == "ann")
        #expect(record.lessonsCompleted == ["a", "c"])
        #expect(record.quizzes == ["a/2": true, "a/4": false, "b/1": false])
        #expect(record.practiceSums == ["a": 3])
    }

    func exam(student: String, seed: UInt64, answers: [String], at minute: Double) -> HandIn {
        let start = Date(timeIntervalSince1970: 1_800_000_000 + minute * 60)
        var session = ExamSession(plan: ExamPlan(seed: seed, student: student, count: answers.count), startedAt: start,
                                  minutes: nil)
        for answer in answers { session.update(.line(answer), at: start) }
        let text = ExamResult(session: session, tutorVersion: "1", tutorCommit: "c").fileText
        guard case .success(let handIn) = HandIn.read(Data(text.utf8)) else { fatalError("unreadable result") }
        return handIn
    }

    @Test func rowsCombineEveryHandInOfAStudent() throws {
        let plan = ExamPlan(seed: 5, student: "ann", count: 2)
        let right = plan.problems.map(\.answer.description)
        let first = progress(#"{"version": 1, "student": "ann", "lessons": {"a": {"completed": true}}}"#)!
        let second = progress(#"{"version": 1, "student": "ann", "lessons": {"b": {"completed": true}}}"#)!
        let book = Gradebook([
            ("p1", .progress(first)), ("p2", .progress(second)),
            ("e1", exam(student: "ann", seed: 5, answers: ["", ""], at: 0)),
            ("e2", exam(student: "ann", seed: 5, answers: right, at: 10)),
            ("e3", exam(student: "bob", seed: 6, answers: ["1"], at: 0)),
        ])
        #expect(book.rows.map(\.student) == ["ann", "bob"])
        #expect(book.rows[0].lessonsCompleted == 2)
        #expect(book.rows[0].exams["5"]?.right == 2)
        #expect(book.rows[1].lessonsCompleted == nil)
        #expect(book.examSeeds == ["5", "6"])
        #expect(book.notes.count == 2)
        let csv = GradebookTable.gradesCSV(book)
        #expect(csv == "\"Student\",\"ID\",\"SIS User ID\",\"SIS Login ID\",\"Section\",\"Lessons completed\","
                + "\"Quizzes right first try\",\"Practice sums\",\"Drill accuracy (%)\",\"Exam 5 (%)\","
                + "\"Exam 6 (%)\"\r\n"
                + "\"ann\",,,\"ann\",,2,0,0,,100,\r\n"
                + "\"bob\",,,\"bob\",,,,,,,\(book.rows[1].exams["6"]!.right * 100)\r\n")
    }

    @Test func questionsAreSortedByHowOftenTheClassGetsThemWrong() {
        let book = Gradebook([("a", exam(student: "ann", seed: 1, answers: Array(repeating: "", count: 11), at: 0)),
                              ("b", exam(student: "bob", seed: 1, answers: ExamPlan(seed: 1, student: "bob", count: 11)
                                  .problems.map(\.answer.description), at: 0))])
        #expect(book.questions.count == 11)
        #expect(book.questions.allSatisfy { $0.asked == 2 && $0.wrong == 1 && $0.source == .exam })
        #expect(book.questions.map(\.name) == ProblemKind.allCases.map(\.rawValue).sorted())
    }

    @Test func csvCellsAreQuotedAndFormulasNeutralised() {
        #expect(CSV.text("ann") == "\"ann\"")
        #expect(CSV.text("Lee, \"Ann\"") == "\"Lee, \"\"Ann\"\"\"")
        #expect(CSV.text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        for start in ["+", "-", "@", "\t", "\r"] { #expect(CSV.text(start + "1").hasPrefix("\"'")) }
        #expect(CSV.text("a\nb") == "\"a\nb\"")
        #expect(CSV.record(["1", "2"]) == "1,2\r\n")
    }

    @Test func percentagesRoundHalfUpToTwoDecimals() {
        #expect(percentText(right: 7, of: 10) == "70")
        #expect(percentText(right: 2, of: 3) == "66.67")
        #expect(percentText(right: 1, of: 8) == "12.5")
        #expect(percentText(right: 0, of: 4) == "0")
        #expect(percentText(right: 1, of: 1) == "100")
    }
}
