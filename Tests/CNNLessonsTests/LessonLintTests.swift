import Foundation
import Testing
@testable import CNNLessons

/// The lesson lint: one fixture lesson per warning, a clean one, and every bundled lesson clean.
struct LessonLintTests {
    func warnings(_ steps: String) throws -> [String] {
        let lesson = try LessonLoader.load(text: LessonPlayerTests.header + steps, file: "l.yaml").get()
        return LessonLint(player: try LessonPlayer(lesson: lesson)).warnings().map(\.description)
    }

    static let conv = """
        op: conv
        input: "1 2 3; 4 5 6; 7 8 9"
        filter: "1 0; 0 -1"
    """

    @Test func aLessonThatTeachesWellHasNoWarnings() throws {
        #expect(try warnings("""
          - \(Self.conv.dropFirst(4))
            walk: values
            quiz: {ask: What is O12?, value: output, at: [1, 2]}

        """) == [])
    }

    @Test func aQuizWhoseAnswerAnEarlierStepShowed() throws {
        // Step 1 walks all four values (O12 = −4 second, at step 2); step 2 then asks for O12. The warning points
        // at the quiz (line 13 of the file: four header lines, then the steps).
        let found = try warnings("""
          - \(Self.conv.dropFirst(4))
            walk: values
          - \(Self.conv.dropFirst(4))
            walk: result
            quiz: {ask: What is O12?, value: output, at: [1, 2]}

        """)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("l.yaml:13:") == true)
        #expect(found.first?.contains("warning: the quiz's answer is already on screen: 'Output O' shows row 1, "
                                      + "column 2 at step 2, before the question") == true)
    }

    @Test func aQuizGridTooTallForEightyByTwentyFour() throws {
        // A 13×13 input and a 2×2 filter give a 12×12 output; row 12 needs 12 + 3 lines (title, borders), but a quiz
        // frame with two lines of narration leaves 24 − 4 − 2 (quiz) − 2 (narration) − 2 (gaps) = 14.
        let found = try warnings("""
          - say: |
              Many values.

              A second paragraph.
            op: conv
            input: {pattern: ramp, size: [13, 13]}
            filter: "1 0; 0 -1"
            walk: result
            quiz: {ask: What is the bottom-left value?, value: output, at: [12, 1]}

        """)
        #expect(found == ["l.yaml:13:11: warning: the quiz's grid 'Output O' does not fit at 80×24: row 12, column 1 "
                          + "needs 15 lines and 5 columns, the quiz frame leaves about 14 and 78"])
    }

    @Test func anOutputGridNeverShownComplete() throws {
        // Only O11 of the 2×2 output is walked, and no later step shows the rest.
        let found = try warnings("""
          - \(Self.conv.dropFirst(4))
            only: [[1, 1]]

        """)
        #expect(found == ["l.yaml:5:9: warning: the output grid 'Output O (2×2)' is never shown complete: walk all its "
                          + "values, or add a step with `walk: result`"])
    }

    @Test func aGridCompletedUnderAnotherTitleCounts() throws {
        // One filter's output walked in part, then the same numbers shown whole as filter 1 of two.
        let found = try warnings("""
          - \(Self.conv.dropFirst(4))
            only: [[1, 1]]
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filters: ["1 0; 0 -1", "0 1; 1 0"]
            walk: result

        """)
        #expect(found == [])
    }

    @Test func aScatterAccumulationCompleteInItsLastFrameCounts() throws {
        // Four overlapping stamps of a 2×2 filter of ones: O22 reads 1, 2, 3, 4 as the stamps land, and the last
        // frame shows every cell; the earlier partial values must not count as disagreeing with it.
        let found = try warnings("""
          - op: transposed
            input: "1 1; 1 1"
            filter: "1 1; 1 1"
            form: scatter

        """)
        #expect(found == [])
    }

    @Test func aGridOfAnotherSizeUnderTheSameTitleIsNoLeak() throws {
        // Step 1's 1×3 output starts with −4, as does O11 of step 2's 2×2 output (1·1 + 5·(−1)): another result.
        let found = try warnings("""
          - op: conv
            input: "-4 0 0"
            filter: "1"
            walk: values
          - \(Self.conv.dropFirst(4))
            walk: values
            quiz: {ask: What is O11?, value: output, at: [1, 1]}

        """)
        #expect(found == [])
    }

    @Test(arguments: BundledLessonsTests.files)
    func everyBundledLessonIsClean(file: String) throws {
        let path = (BundledLessonsTests.directory as NSString).appendingPathComponent(file)
        let player = try LessonPlayer(lesson: LessonLoader.load(file: path).get())
        #expect(LessonLint(player: player).warnings().map(\.description) == [])
    }
}
