import Foundation
import Testing
@testable import CNNLessons

/// Issue 19, item 3: reading a lesson reports every problem, structural and computational, each at its place;
/// one broken step hides neither the next nor its own quiz or `expect:`.
struct EveryProblemTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/broken/seven-errors.yaml").path

    func problems(_ text: String, file: String = "l.yaml") -> [String] {
        guard case .failure(let issues) = LessonLoader.load(text: text, file: file) else { return [] }
        return issues.issues.map(\.description)
    }

    @Test func theFixtureGivesEveryPlantedErrorAtItsPositionInOneRead() throws {
        guard case .failure(let issues) = LessonLoader.load(file: Self.fixture) else {
            Issue.record("the fixture loaded")
            return
        }
        // Positions counted in the file by hand: the key or value each mistake is written at.
        let expected: [(Int, Int, String)] = [
            (7, 1, "unknown field 'colour' in a lesson"),
            (13, 5, "unknown field 'tempo' in a step"),
            (19, 13, "the filter height 3 is larger than the padded input height 2"),
            (26, 7, "the input: not a number: 'x' at row 1, value 2"),
            (35, 13, "'stride' must be an integer"),
            (42, 7, "quiz position [3, 3] is outside 'output' of shape 2×2 (1-based)"),
            (48, 13, "expect disagrees with the computation: 'output' at (1,2) is 0, expected 5"),
            (54, 12, "step 6 has no result 'nothing'"),
        ]
        #expect(issues.issues.count == expected.count, "\(issues)")
        for (issue, (line, column, message)) in zip(issues.issues, expected) {
            #expect((issue.location.line, issue.location.column) == (line, column), "\(issue)")
            #expect(issue.message.hasPrefix(message), "\(issue)")
            #expect(issue.location.file == Self.fixture)
        }
    }

    @Test func aStepTakingAFailedStepsResultIsNotReportedAgain() {
        let found = problems(LessonPlayerTests.header + """
          - op: conv
            input: "1 2; 3 4"
            filter: "1 1 1; 1 1 1; 1 1 1"
          - op: relu
            input: {from: previous, result: output}
          - op: relu
            input: {from: 1, result: output}

        """)
        #expect(found == ["l.yaml:7:13: error: the filter height 3 is larger than the padded input height 2"])
    }

    @Test func aComputationalErrorIsFoundEvenWhenTheHeaderIsBroken() {
        // No title (a structural problem) and a quiz outside its result (a computational one): both, in file order.
        let found = problems("id: sample\nsummary: x\nsteps:\n  - op: relu\n    input: \"1 2\"\n"
                             + "    quiz: {ask: What?, value: output, at: [1, 5]}\n")
        #expect(found == ["l.yaml:1:1: error: missing field 'title'",
                          "l.yaml:6:11: error: quiz position [1, 5] is outside 'output' of shape 1×2 (1-based)"])
    }

    @Test func aQuizProblemLeavesTheResultsForTheNextSteps() {
        let found = problems(LessonPlayerTests.header + """
          - op: relu
            input: "1 -2"
            quiz: {ask: What?, value: nothing}
          - op: relu
            input: {from: previous, result: output}
            expect: "1 1"

        """)
        #expect(found.count == 2, "\(found)")
        #expect(found.first?.hasPrefix("l.yaml:7:11: error: the quiz asks for 'nothing'") == true)
        #expect(found.last == "l.yaml:10:13: error: expect disagrees with the computation: 'output' at (1,2) is 0, "
                + "expected 1")
    }

    @Test func theTutorStillRefusesABrokenLesson() {
        guard case .failure(let issues) = LessonLoader.player(file: Self.fixture) else {
            Issue.record("the fixture loaded")
            return
        }
        #expect(issues.issues.first?.location.line == 7)
    }
}
