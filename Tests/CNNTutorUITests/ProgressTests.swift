import Foundation
import Synchronization
import Testing
@testable import CNNTutorUI

@Suite("Saved progress")
struct ProgressTests {
    @Test func roundTripsThroughTheStore() throws {
        let directory = temporaryDirectory()
        let store = ProgressStore(url: directory.appendingPathComponent("deep/er/progress.json"))
        #expect(store.load().progress == TutorProgress())
        #expect(store.load().problem == nil)
        var progress = TutorProgress(student: "ada")
        progress.visit(lesson: "forward-pass", step: 6, stepCount: 25)
        progress.record(quiz: "forward-pass/4", lesson: "forward-pass", answer: "3", right: false)
        progress.record(quiz: "forward-pass/4", lesson: "forward-pass", answer: "-3", right: true)
        try store.record(progress[lesson: "forward-pass"], lesson: "forward-pass", student: "ada")
        let loaded = store.load()
        #expect(loaded.problem == nil)
        #expect(loaded.progress == progress)
        #expect(loaded.progress[lesson: "forward-pass"].quizzes["forward-pass/4"]?.attemptsToCorrect == 2)
        // Only the file and its lock file: no temporary file is left behind.
        #expect(try names(in: store.url.deletingLastPathComponent()) == [".progress.json.lock", "progress.json"])
    }

    @Test(arguments: [
        ("{ \"version\": 1, \"lessons\": { \"a\": { \"step\": 1, \"furthestStep\": 1, \"stepCount\": 3, "
            + "\"quizzes\": {} }",
         "is not valid JSON"),
        ("{ \"version\": 1, \"lessons\": { \"a\": { \"step\": \"one\", \"furthestStep\": 1, \"stepCount\": 3, "
            + "\"quizzes\": {} } } }",
         "lessons.a.step has the wrong type"),
        ("{ \"version\": 1, \"lessons\": { \"a\": [1, 2] } }", "lessons.a has the wrong type"),
        ("{ \"lessons\": {} }", "version is missing"),
        ("[1, 2, 3]", "does not match the progress format"),
    ])
    func aFileThatCannotBeUnderstoodIsMovedAsideAndReportedOnce(text: String, reason: String) throws {
        let directory = temporaryDirectory()
        let url = directory.appendingPathComponent("progress.json")
        try Data(text.utf8).write(to: url)
        let store = ProgressStore(url: url)
        let first = store.load()
        #expect(first.progress == TutorProgress())
        let problem = try #require(first.problem)
        #expect(problem.contains(reason))
        #expect(problem.hasPrefix("progress file "))
        #expect(!problem.contains("\n"))
        // The original bytes are kept, under the name the message gives; progress.json is gone.
        let kept = try #require(try names(in: directory).first { $0.hasPrefix("progress.json.corrupt-") })
        #expect(problem.contains(directory.appendingPathComponent(kept).path))
        #expect(try String(contentsOf: directory.appendingPathComponent(kept), encoding: .utf8) == text)
        #expect(!FileManager.default.fileExists(atPath: url.path))
        // Reported once: the next load finds no file, and saving starts a fresh one beside the kept copy.
        #expect(store.load().problem == nil)
        try store.record(LessonProgress(step: 2, furthestStep: 2, stepCount: 5), lesson: "b", student: nil)
        #expect(store.load().progress.lessons.keys.sorted() == ["b"])
        #expect(try String(contentsOf: directory.appendingPathComponent(kept), encoding: .utf8) == text)
    }

    @Test func twoCorruptFilesInOneSecondAreBothKept() throws {
        let directory = temporaryDirectory()
        let url = directory.appendingPathComponent("progress.json")
        let store = ProgressStore(url: url)
        for text in ["{", "[", "{"] {
            try Data(text.utf8).write(to: url)
            #expect(store.load().problem != nil)
        }
        let kept = try names(in: directory).filter { $0.hasPrefix("progress.json.corrupt-") }
        #expect(kept.count == 3)
        let contents = try kept.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
        #expect(contents.sorted() == ["[", "{", "{"])
    }

    @Test func anUnreadableFileIsMovedAside() throws {
        let directory = temporaryDirectory()
        let url = directory.appendingPathComponent("progress.json")
        let inside = url.appendingPathComponent("inside")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        let loaded = ProgressStore(url: url).load()
        let problem = try #require(loaded.problem)
        #expect(problem.contains("cannot be read (is a directory)"))
        #expect(loaded.progress == TutorProgress())
        let kept = try #require(try names(in: directory).first { $0.hasPrefix("progress.json.corrupt-") })
        #expect(try names(in: directory.appendingPathComponent(kept)) == ["inside"])
    }

    @Test func aNewerFileIsLeftUntouchedAndNothingIsSaved() throws {
        let directory = temporaryDirectory()
        let url = directory.appendingPathComponent("progress.json")
        let text = "{ \"version\": 2, \"lessons\": [\"a new shape\"], \"badges\": 3 }"
        try Data(text.utf8).write(to: url)
        let store = ProgressStore(url: url)
        let loaded = store.load()
        #expect(loaded.progress == TutorProgress())
        let problem = try #require(loaded.problem)
        #expect(problem.contains("newer cnn-tutor (version 2)"))
        #expect(problem.contains(url.path))
        #expect(problem.contains("not saved"))
        let error = #expect(throws: ProgressStoreError.self) {
            try store.record(LessonProgress(step: 1), lesson: "a", student: nil)
        }
        #expect(error?.message == "not saving progress over \(url.path): it is from a newer cnn-tutor (version 2)")
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
        #expect(try names(in: directory) == [".progress.json.lock", "progress.json"])
    }

    @Test func aStateHomeThatIsAFileIsAPlainError() throws {
        let directory = temporaryDirectory()
        let file = directory.appendingPathComponent("state")
        try Data("not a folder".utf8).write(to: file)
        let url = ProgressStore.defaultURL(environment: ["XDG_STATE_HOME": file.path])
        let store = ProgressStore(url: url)
        #expect(store.load().problem == nil) // nothing saved yet, nothing wrong yet
        let error = #expect(throws: ProgressStoreError.self) {
            try store.record(LessonProgress(step: 1), lesson: "a", student: nil)
        }
        #expect(error?.description == "cannot save progress (not a directory): \(file.path)/cnn-tutor/progress.json")
    }

    @Test func twoStoresWritingDifferentLessonsInTurnKeepBoth() throws {
        let url = temporaryDirectory().appendingPathComponent("progress.json")
        let first = ProgressStore(url: url)
        let second = ProgressStore(url: url)
        // Both tutors loaded the same (empty) file, then step through their own lessons in turn.
        _ = (first.load(), second.load())
        for step in 0..<5 {
            try first.record(LessonProgress(step: step, furthestStep: step, stepCount: 9), lesson: "a", student: "ada")
            let entry = LessonProgress(step: step * 2, furthestStep: step * 2, stepCount: 9)
            try second.record(entry, lesson: "b", student: "ada")
        }
        let saved = first.load().progress
        #expect(saved.lessons.keys.sorted() == ["a", "b"])
        #expect(saved[lesson: "a"].step == 4)
        #expect(saved[lesson: "b"].step == 8)
        #expect(saved.currentLesson == "b")
    }

    /// Without the lock, read-modify-write races lose lessons; each record here opens its own lock.
    @Test func concurrentWritersOfDifferentLessonsKeepEveryLesson() throws {
        let url = temporaryDirectory().appendingPathComponent("progress.json")
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            let store = ProgressStore(url: url)
            for step in 0..<40 {
                let entry = LessonProgress(step: step, furthestStep: step, stepCount: 40)
                do {
                    try store.record(entry, lesson: "lesson-\(writer)", student: nil)
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let saved = ProgressStore(url: url).load()
        #expect(saved.problem == nil)
        #expect(saved.progress.lessons.keys.sorted() == ["lesson-0", "lesson-1", "lesson-2", "lesson-3"])
        #expect(saved.progress.lessons.values.allSatisfy { $0.step == 39 })
    }

    @Test func aLessonRecordedByAnotherTutorKeepsItsFurthestStepAndQuizzes() throws {
        let url = temporaryDirectory().appendingPathComponent("progress.json")
        var ahead = LessonProgress(step: 7, furthestStep: 7, stepCount: 9)
        ahead.quizzes["a/3"] = QuizResult(attempts: 1, correct: true, attemptsToCorrect: 1, lastAnswer: "4")
        try ProgressStore(url: url).record(ahead, lesson: "a", student: nil)
        let behind = LessonProgress(step: 2, furthestStep: 2, stepCount: 9)
        try ProgressStore(url: url).record(behind, lesson: "a", student: nil)
        let saved = ProgressStore(url: url).load().progress[lesson: "a"]
        #expect(saved.step == 2)
        #expect(saved.furthestStep == 7)
        #expect(saved.quizzes["a/3"]?.correct == true)
    }

    @Test func resetKeepsTheOldFileAside() throws {
        let directory = temporaryDirectory()
        let store = ProgressStore(url: directory.appendingPathComponent("progress.json"))
        try store.reset() // nothing to reset
        try store.record(LessonProgress(step: 3, furthestStep: 3, stepCount: 9), lesson: "a", student: nil)
        try store.reset()
        #expect(store.load().progress == TutorProgress())
        let kept = try #require(try names(in: directory).first { $0.hasPrefix("progress.json.reset-") })
        #expect(try String(contentsOf: directory.appendingPathComponent(kept), encoding: .utf8).contains("\"a\""))
    }

    @Test func aCorruptFileIsShownOnTheStatusLineUntilTheFirstKey() throws {
        let url = temporaryDirectory().appendingPathComponent("progress.json")
        try Data("{ this is not json".utf8).write(to: url)
        let problem = try #require(ProgressStore(url: url).load().problem)
        var state = fakeState(notice: problem)
        #expect(render(state).lines.last!.contains("not valid JSON"))
        state.update(.right)
        #expect(!render(state).contains("not valid JSON"))
    }

    @Test func aFailedSaveIsShownOnTheStatusLineBesideTheKeysOwnMessage() {
        var state = fakeState()
        state.update(.right)
        state.showSaveFailure("cannot save progress (file too large): /state/progress.json")
        #expect(render(state).lines.last!.contains("cannot save progress (file too large)"))
        state.message = "✓ 3 is right"
        state.showSaveFailure("cannot save progress (file too large): /state/progress.json")
        #expect(state.message == "✓ 3 is right · cannot save progress (file too large): /state/progress.json")
        state.update(.right)
        #expect(!render(state).contains("cannot save"))
    }

    @Test func defaultLocationFollowsXDG() {
        #expect(ProgressStore.defaultURL(environment: ["XDG_STATE_HOME": "/tmp/state", "HOME": "/home/ada"]).path
            == "/tmp/state/cnn-tutor/progress.json")
        #expect(ProgressStore.defaultURL(environment: ["HOME": "/home/ada"]).path
            == "/home/ada/.local/state/cnn-tutor/progress.json")
        // A relative XDG_STATE_HOME is invalid by the spec and ignored.
        #expect(ProgressStore.defaultURL(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/ada"]).path
            == "/home/ada/.local/state/cnn-tutor/progress.json")
    }

    @Test func theTutorResumesWhereTheStudentLeft() {
        var progress = TutorProgress()
        progress.visit(lesson: "fake-two", step: 9, stepCount: 18)
        let state = fakeState(progress: progress)
        #expect(state.currentEntry?.id == "fake-two")
        #expect(state.step == 9)
        #expect(render(state).contains("step 10/18"))
        // A saved step past the end (the lesson got shorter) is clamped.
        progress.visit(lesson: "fake-two", step: 400, stepCount: 500)
        #expect(fakeState(progress: progress).step == 17)
    }

    @Test func steppingRecordsProgress() {
        var state = fakeState()
        // Each step is saved: every key's effects end with the progress as it now is.
        for _ in 0..<3 {
            let effects = state.update(.right)
            #expect(effects == [.saveProgress(state.progress)])
        }
        #expect(state.progress[lesson: "fake-conv"].step == 3)
        #expect(state.progress[lesson: "fake-conv"].furthestStep == 3)
        state.update(.home)
        #expect(state.progress[lesson: "fake-conv"].step == 0)
        #expect(state.progress[lesson: "fake-conv"].furthestStep == 3)
    }

    private func names(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }
}
