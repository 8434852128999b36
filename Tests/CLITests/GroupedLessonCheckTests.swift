import CNNLessons
import Foundation
import Testing

/// The grouped-convolution, `from:` and quiz-kind lessons an author copies: the complete examples under their
/// headings in docs/lesson-format.md and the depthwise-separable fixture pass `check --strict`; the fixture exports.
struct GroupedLessonCheckTests {
    static let documentedSections = ["Grouped and depthwise convolution", "Using an earlier step's result",
                                     "Quiz kinds: choices, cells, hints and explanations"]

    /// The complete lessons (YAML blocks starting with `id:`) in the section under `heading`.
    static func lessonBlocks(under heading: String) throws -> [String] {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/lesson-format.md"),
                              encoding: .utf8)
        guard let start = text.range(of: "\n### " + heading) else { return [] }
        let rest = text[start.upperBound...]
        let section = rest[..<(rest.firstRange(of: /\n##/)?.lowerBound ?? rest.endIndex)]
        return section.components(separatedBy: "```yaml\n").dropFirst()
            .compactMap { $0.components(separatedBy: "```").first }
            .filter { $0.hasPrefix("id:") }
    }

    @Test(arguments: documentedSections)
    func documentedExamplesPassTheStrictCheck(heading: String) throws {
        let blocks = try Self.lessonBlocks(under: heading)
        #expect(!blocks.isEmpty, "no complete lesson under '\(heading)'")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try blocks.enumerated().map { index, block in
            let file = folder.appendingPathComponent("example-\(index).yaml")
            try block.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        let result = try CLI.run(["check", "--strict"] + files)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stderr == "checked \(files.count) file\(files.count == 1 ? "" : "s"): no problems\n")
    }

    static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/fixtures/lessons")

    @Test func theDepthwiseSeparableFixturePassesTheStrictCheck() throws {
        let result = try CLI.run(["check", "--strict",
                                  Self.fixtures.appendingPathComponent("depthwise-separable.yaml").path])
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr == "checked 1 file: no problems\n")
    }

    @Test func theDepthwiseSeparableFixtureExportsToNumpy() throws {
        let result = try CLI.run(["show", "depthwise-separable", "--lessons", Self.fixtures.path, "--format", "numpy"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let file = Self.fixtures.appendingPathComponent("depthwise-separable.yaml")
        try ExportScriptTests().expectSameResults(player: LessonLoader.player(file: file.path).get(),
                                                  script: result.stdout)
    }
}
