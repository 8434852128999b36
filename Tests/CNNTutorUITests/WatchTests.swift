import CNNLessons
import Foundation
import Testing
@testable import CNNTutorUI

/// `--watch`: a save of the open lesson's file reloads it at the same step; a broken save shows the problems in
/// place of the lesson, and the next good save brings the lesson back.
@Suite("Watching a lesson file")
struct WatchTests {
    /// A pooling lesson whose walk has one frame per output value: `rows` rows of a 4-wide input.
    static func lesson(title: String = "Pool it", rows: Int = 4) -> String {
        let input = (0..<rows).map { row in (0..<4).map { String(($0 + row * 3) % 7) }.joined(separator: " ") }
        return """
            id: watched
            order: 90
            title: Watched
            summary: Edited while it is open.
            steps:
              - title: \(title)
                op: pool
                input: |
            \(input.map { "      " + $0 }.joined(separator: "\n"))
                mode: max
                size: 2
                stride: 2
                walk: values

            """
    }

    /// A folder holding `watched.yaml`, and a tutor opened on it at `step`.
    static func tutor(at step: Int) throws -> (state: TutorState, file: String) {
        let folder = temporaryDirectory()
        let file = folder.appendingPathComponent("watched.yaml").path
        try lesson().write(toFile: file, atomically: false, encoding: .utf8)
        let library = LessonLibrary.load(userDirectories: [folder.path], environment: [:])
        var state = TutorState(entries: LessonEntry.entries(for: library), width: 80, height: 24,
                               startLesson: "watched", startStep: step)
        state.update(.resize(width: 80, height: 24))
        return (state, file)
    }

    static func save(_ text: String, to file: String) throws {
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test func theOpenLessonsFileIsWatchedAndABundledOneIsNot() throws {
        let (state, file) = try Self.tutor(at: 2)
        #expect(state.watchedFile == file)
        var bundled = TutorState(entries: bundledEntries(), width: 80, height: 24, startLesson: "max-pooling")
        bundled.update(.resize(width: 80, height: 24))
        #expect(bundled.watchedFile == nil)
    }

    @Test func goodThenBrokenThenGoodKeepsTheStep() throws {
        var (state, file) = try Self.tutor(at: 2)
        #expect(state.step == 2)
        #expect(state.frame?.heading == "Pool it")

        try Self.save(Self.lesson(title: "Pool it again"), to: file)
        let changed = state.receive(LessonReload.reading(file: file), file: file)
        #expect(changed)
        #expect(state.step == 2)
        #expect(state.frame?.heading == "Pool it again")
        #expect(state.lessonFileProblems == nil)

        // A tab where YAML wants spaces, then a field that does not exist.
        try Self.save(Self.lesson().replacingOccurrences(of: "    mode: max", with: "    mood: max"), to: file)
        state.receive(LessonReload.reading(file: file), file: file)
        let problems = try #require(state.lessonFileProblems)
        #expect(problems.contains { $0.hasPrefix("\(file):13:5: error: unknown field 'mood'") })
        let screen = render(state)
        #expect(screen.line(containing: "watched.yaml:13:5: error: unknown field 'mood'") != nil)
        #expect(screen.lines.joined(separator: " ").contains("comes back at step 3"))
        #expect(screen.line(containing: "Pool it again") == nil)
        // Stepping a lesson that is not shown does nothing; the step waits for the next good save.
        state.update([.right, .right, .end])
        #expect(state.step == 2)

        try Self.save(Self.lesson(title: "Pool it, fixed"), to: file)
        state.receive(LessonReload.reading(file: file), file: file)
        #expect(state.lessonFileProblems == nil)
        #expect(state.step == 2)
        #expect(render(state).line(containing: "Pool it, fixed") != nil)
        state.update(.right)
        #expect(state.step == 3)
    }

    @Test func aShorterLessonClampsTheStep() throws {
        var (state, file) = try Self.tutor(at: 3)
        // Two rows pool to one row of two values: frames 0 and 1.
        try Self.save(Self.lesson(rows: 2), to: file)
        state.receive(LessonReload.reading(file: file), file: file)
        #expect(state.stepCount == 2)
        #expect(state.step == 1)
    }

    @Test func anExpectationThatDisagreesIsAProblemAsInCheck() throws {
        var (state, file) = try Self.tutor(at: 0)
        try Self.save(Self.lesson() + "    expect: |\n      1 1\n      1 1\n", to: file)
        state.receive(LessonReload.reading(file: file), file: file)
        let problems = try #require(state.lessonFileProblems)
        #expect(problems.count == 1)
        #expect(problems[0].contains("expect disagrees with the computation"))
    }

    @Test func controlCharactersInAProblemAreNotSentToTheTerminal() throws {
        var (state, _) = try Self.tutor(at: 0)
        let file = try #require(state.watchedFile)
        state.receive(.broken(["\(file):1:1: error: \u{1B}[31mred\u{07}"]), file: file)
        let screen = render(state)
        #expect(!screen.lines.joined().contains("\u{1B}"))
        #expect(!screen.lines.joined().contains("\u{07}"))
    }

    @Test func aSaveOfAnotherFileChangesNothing() throws {
        var (state, _) = try Self.tutor(at: 1)
        let changed = state.receive(.broken(["x"]), file: "/elsewhere.yaml")
        #expect(!changed)
        #expect(state.lessonFileProblems == nil)
    }

    @Test func aSaveWhileInTheMenuIsShownOnGoingBack() throws {
        var (state, file) = try Self.tutor(at: 1)
        state.update(.character("m"))
        #expect(state.watchedFile == file)
        try Self.save(Self.lesson(title: "Saved from the menu"), to: file)
        state.receive(LessonReload.reading(file: file), file: file)
        state.update(.escape)
        #expect(state.step == 1)
        #expect(state.frame?.heading == "Saved from the menu")
    }
}
