import Foundation
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
        try store.save(progress)
        let loaded = store.load()
        #expect(loaded.problem == nil)
        #expect(loaded.progress == progress)
        #expect(loaded.progress.currentLesson == "forward-pass")
        #expect(loaded.progress[lesson: "forward-pass"].quizzes["forward-pass/4"]?.attemptsToCorrect == 2)
        // No temporary file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: store.url.deletingLastPathComponent().path)
        #expect(names == ["progress.json"])
    }

    @Test func aCorruptFileIsReportedOnceAndIgnored() throws {
        let directory = temporaryDirectory()
        let url = directory.appendingPathComponent("progress.json")
        try Data("{ this is not json".utf8).write(to: url)
        let store = ProgressStore(url: url)
        let first = store.load()
        #expect(first.progress == TutorProgress())
        let problem = try #require(first.problem)
        #expect(problem.contains("corrupt"))
        #expect(problem.contains(url.path))
        #expect(!problem.contains("\n"))

        // The tutor shows it on the status line until the first key…
        var state = fakeState(progress: first.progress, notice: problem)
        #expect(render(state).lines.last!.contains("corrupt progress file"))
        state.update(.right)
        #expect(!render(state).contains("corrupt"))
        // …and the next save replaces the file, so it is not reported again.
        try store.save(state.progress)
        let second = store.load()
        #expect(second.problem == nil)
        #expect(second.progress.currentLesson == "fake-conv")
        #expect(second.progress[lesson: "fake-conv"].step == 1)
    }

    @Test func anUnreadableFileIsReported() throws {
        let directory = temporaryDirectory()
        let url = directory.appendingPathComponent("progress.json")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) // a folder, not a file
        let loaded = ProgressStore(url: url).load()
        #expect(loaded.problem != nil)
        #expect(loaded.progress == TutorProgress())
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
        let revision = state.progressRevision
        state.update([.right, .right, .right])
        #expect(state.progressRevision > revision)
        #expect(state.progress[lesson: "fake-conv"].step == 3)
        #expect(state.progress[lesson: "fake-conv"].furthestStep == 3)
        state.update(.home)
        #expect(state.progress[lesson: "fake-conv"].step == 0)
        #expect(state.progress[lesson: "fake-conv"].furthestStep == 3)
    }
}
