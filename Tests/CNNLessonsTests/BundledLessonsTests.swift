import Foundation
import Testing
@testable import CNNLessons

/// Every bundled lesson loads, plans, and its authors' expectations hold.
struct BundledLessonsTests {
    static let directory = LessonLibrary.bundledDirectory()!
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test func thereAreTwentyOneLessons() {
        #expect(Self.files.count == 21)
        let library = LessonLibrary.load(userDirectories: [], environment: [:])
        #expect(library.issues.map(\.description) == [])
        #expect(library.lessons.count == 21)
        #expect(Set(library.lessons.map(\.id)).count == 21)
        #expect(library.lessons.map(\.order) == Array(1...21))
    }

    @Test(arguments: files)
    func lessonLoadsAndItsExpectationsHold(file: String) throws {
        let path = (Self.directory as NSString).appendingPathComponent(file)
        let lesson = try LessonLoader.load(file: path).get()
        let player = try LessonPlayer(lesson: lesson)
        #expect(player.expectationIssues().map(\.description) == [])
        #expect(player.stepCount >= lesson.steps.count)
        // Every frame can be built and knows where it is.
        for index in 0..<min(player.stepCount, 400) {
            let frame = player.frame(at: index)
            #expect(frame.stepIndex == index)
            #expect(frame.stepCount == player.stepCount)
        }
        #expect(lesson.steps.contains { $0.computation?.quiz != nil } || lesson.steps.allSatisfy { $0.computation == nil },
                "every lesson with a computation has a quiz")
    }
}
