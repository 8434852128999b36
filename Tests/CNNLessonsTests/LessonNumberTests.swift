import Testing
@testable import CNNLessons

/// Issue 13.13 in lesson files: the minus sign the tool prints (U+2212) is read in every place a lesson writes a
/// number, and a number too long or too small is refused where it is written.
struct LessonNumberTests {
    func load(_ text: String) -> Result<Lesson, LessonIssues> {
        LessonLoader.load(text: text, file: "n.yaml")
    }

    @Test func theMinusSignIsReadInGridsNumbersListsAndIntegers() throws {
        let lesson = try load("""
            id: minus
            order: \u{2212}2
            title: Minus
            steps:
              - op: conv
                input: |
                  1 \u{2212}2
                  3 4
                filter: "\u{2212}1"
                bias: [\u{2212}0.5]
                shift: [\u{2212}1, 0]
                expect: |
                  \u{2212}3.5 \u{2212}4.5
                  \u{2212}0.5 \u{2212}0.5

            """).get()
        #expect(lesson.order == -2)
        let computation = try #require(lesson.steps.first?.computation)
        #expect(computation.shift?.rows == -1 && computation.shift?.columns == 0)
        #expect(computation.operation.bias == [-0.5])
        #expect(try LessonPlayer(lesson: lesson).expectationIssues().isEmpty)
    }

    @Test func aLongNumberIsRefusedAtItsRow() {
        let digits = String(repeating: "1", count: 10_000)
        guard case .failure(let issues) = load("id: l\ntitle: L\nsteps:\n  - op: relu\n    input: |\n"
                                                + "      1 2\n      3 \(digits)\n") else {
            Issue.record("a 10,000-digit number loaded")
            return
        }
        #expect(issues.issues.map(\.description) == ["n.yaml:7:7: error: the input: the number "
            + "'11111111111111111111…' at row 2, value 2 is too long: 10000 characters, at most 100"])
    }

    @Test func aNumberThatUnderflowsIsRefused() {
        guard case .failure(let issues) = load("id: u\ntitle: U\nsteps:\n  - op: relu\n    input: \"1\"\n"
                                                + "    expect: 1e-99999999999999999999\n") else {
            Issue.record("an expectation of 1e-99999999999999999999 loaded as 0")
            return
        }
        #expect(issues.issues.map(\.description) == ["n.yaml:6:13: error: the expect: '1e-99999999999999999…' "
            + "underflows: a nonzero number must be at least 1e-100 in size (a smaller one would be read as 0)"])
    }
}
