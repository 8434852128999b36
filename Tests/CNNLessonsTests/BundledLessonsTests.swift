import CNNBundle
import Foundation
import Testing
@testable import CNNLessons

/// The source tree's `Lessons/` folder, the source of truth of what the binary embeds.
let sourceLessonsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Lessons").path

/// Every bundled lesson loads, plans, and its authors' expectations hold.
struct BundledLessonsTests {
    static let directory = sourceLessonsDirectory
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test func thereAreTwentyEightLessons() {
        #expect(Self.files.count == 28)
        let library = LessonLibrary.load(userDirectories: [], environment: [:])
        #expect(library.issues.map(\.description) == [])
        #expect(library.headers.count == 28)
        #expect(Set(library.headers.map(\.id)).count == 28)
        #expect(library.headers.map(\.order) == Array(1...28))
        // The header scanner reads what the full reader reads.
        let (lessons, issues) = library.loadAll()
        #expect(issues.map(\.description) == [])
        #expect(lessons.map { [$0.id, $0.title, $0.summary, String($0.order)] }
                == library.headers.map { [$0.id, $0.title, $0.summary, String($0.order)] })
    }

    /// The binary carries every file of `Lessons/`, byte for byte, and nothing else.
    @Test func theEmbeddedLessonsAreTheSourceFiles() throws {
        #expect(TutorBundle.lessonFiles.map(\.name) == Self.files)
        for file in TutorBundle.lessonFiles {
            let source = try String(contentsOfFile: Self.directory + "/" + file.name, encoding: .utf8)
            #expect(file.text == source, "\(file.name) differs from its embedded copy")
        }
        let library = LessonLibrary.load(userDirectories: [], environment: [:])
        #expect(library.headers.allSatisfy { $0.file.hasPrefix("Lessons/") })
    }

    @Test func theBuildKnowsItsCommit() {
        let commit = TutorBundle.commit
        #expect(commit == "unknown" || (commit.count == 40 && commit.allSatisfy(\.isHexDigit)))
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
        #expect(lesson.steps.contains { $0.computation?.quiz != nil }
                || lesson.steps.allSatisfy { $0.computation == nil }, "every lesson with a computation has a quiz")
    }
}
