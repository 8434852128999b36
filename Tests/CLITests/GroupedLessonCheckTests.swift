import CNNLessons
import Foundation
import Testing

/// The depthwise-separable fixture an author copies passes `check --strict` and exports (the docs' examples are
/// checked by `DocsExamplesTests`).
struct GroupedLessonCheckTests {
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
