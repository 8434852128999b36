import CNNCoursework
import CNNDrill
import CNNProblems
import CNNTutorUI
import Foundation
import Testing

/// The gradebook reads the files the tutor and the drill write, and agrees with them: the student, which lessons
/// are completed, the drill's accuracy.
struct GradebookFileTests {
    func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gradebook-\(UUID().uuidString)")
    }

    func handIn(_ url: URL) throws -> HandIn {
        try HandIn.read(Data(contentsOf: url)).get()
    }

    /// A lesson reached to its last step is completed for the tutor and for the report; one half done is not.
    @Test func theReportCountsTheLessonsTheTutorCompleted() throws {
        let store = ProgressStore(url: folder().appendingPathComponent("progress.json"))
        var progress = TutorProgress(student: "ann")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        progress.visit(lesson: "done", step: 0, stepCount: 3, at: start)
        progress.visit(lesson: "done", step: 2, stepCount: 3, at: start.addingTimeInterval(90))
        progress.visit(lesson: "half", step: 1, stepCount: 4, at: start.addingTimeInterval(120))
        for id in ["done", "half"] { try store.record(progress[lesson: id], lesson: id, student: progress.student) }
        let saved = store.load().progress
        #expect(saved[lesson: "done"].completed && !saved[lesson: "half"].completed)
        #expect(saved[lesson: "done"].completedAt == start.addingTimeInterval(90))
        #expect(saved[lesson: "done"].firstOpened == start)
        guard case .progress(let record) = try handIn(store.url) else { throw HandInRefusal("not progress") }
        #expect(record.student == "ann" && record.lessonsCompleted == ["done"])
        let text = try String(contentsOf: store.url, encoding: .utf8)
        #expect(text.contains("\"completedAt\" : \"2027-01-15T08:01:30Z\""))
    }

    /// A file from before the completion flag: the tutor and the report both count its finished lesson.
    @Test func anOldProgressFileIsReadAlikeByBoth() throws {
        let url = folder().appendingPathComponent("progress.json")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("""
            {"version": 1, "student": "bo", "lessons": {
              "a": {"step": 4, "furthestStep": 4, "stepCount": 5, "quizzes": {}},
              "b": {"step": 1, "furthestStep": 2, "stepCount": 5, "quizzes": {}}}}
            """.utf8).write(to: url)
        let loaded = ProgressStore(url: url).load()
        #expect(loaded.problem == nil)
        #expect(loaded.progress[lesson: "a"].completed && !loaded.progress[lesson: "b"].completed)
        #expect(loaded.progress[lesson: "a"].firstOpened == nil)
        guard case .progress(let record) = try handIn(url) else { throw HandInRefusal("not progress") }
        #expect(record.lessonsCompleted == ["a"])
    }

    func drillAnswers(_ session: String, right: [Bool]) -> [DrillAnswer] {
        right.enumerated().map { index, right in
            DrillAnswer(id: "\(session)/\(index + 1)", kind: ProblemKind.outputSize.rawValue, seed: "1",
                        answeredAt: Date(timeIntervalSince1970: Double(index)), right: right, wrongTries: 0,
                        hints: 0, solved: true, mistake: nil)
        }
    }

    /// 2 of 3 right at the first try: 66.67 %; a second file of the same student adds its own answers only.
    @Test func drillAccuracyComesFromTheDrillFiles() throws {
        let home = folder()
        let store = DrillStore.store(environment: ["XDG_STATE_HOME": home.path])
        try store.update { $0.student = "cy"; $0.merge(drillAnswers("a", right: [true, false, true])) }
        let first = try handIn(store.url)
        try store.update { $0.merge(drillAnswers("b", right: [false])) }
        let second = try handIn(store.url)
        let one = Gradebook([(file: "drill.json", handIn: first)])
        #expect(GradebookTable.gradesCSV(one).contains("\"cy\",,,\"cy\",,,,,66.67\r\n"))
        // The second file holds the first's answers too: merged, they count once (2 of 4 right).
        let both = Gradebook([(file: "1.json", handIn: first), (file: "2.json", handIn: second)])
        #expect(GradebookTable.gradesCSV(both).contains("\"cy\",,,\"cy\",,,,,50\r\n"))
        #expect(both.notes == ["2.json: a second drill file for cy: merged with the first"])
    }

    @Test func aDrillFileWithoutAStudentIsRefused() {
        let text = "{\"format\": \"cnn-tutor drill\", \"version\": 1, \"answers\": []}"
        guard case .failure(let refusal) = HandIn.read(Data(text.utf8)) else {
            Issue.record("accepted a drill file without a student")
            return
        }
        #expect(refusal.reason.hasPrefix("has no student name"))
    }
}
