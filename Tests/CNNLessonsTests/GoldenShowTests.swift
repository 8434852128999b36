import Foundation
import Testing
@testable import CNNLessons
import CNNText

/// The plain text of `show` for two lessons, compared with reviewed copies in Golden/. The numbers in
/// them were checked by hand against the lessons' inputs when the copies were reviewed; run with
/// UPDATE_GOLDEN=1 to rewrite them after a deliberate change, and review the diff.
struct GoldenShowTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func handout(_ id: String) throws -> String {
        let library = LessonLibrary.load(userDirectories: [], environment: [:])
        let lesson = try #require(library.lesson(id: id)).get()
        let player = try LessonPlayer(lesson: lesson)
        let printer = FrameText(style: .plain)
        let frames = player.lessonStepRanges.flatMap { player.completingFrames(in: $0) }
        return frames.map { printer.render(player.frame(at: $0)) }.joined(separator: "\n\n---\n\n") + "\n"
    }

    @Test(arguments: ["forward-pass", "max-pooling"])
    func showMatchesTheReviewedText(id: String) throws {
        let text = try handout(id)
        let file = Self.golden.appendingPathComponent("\(id).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "show \(id) changed; diff against \(file.path)")
    }
}
