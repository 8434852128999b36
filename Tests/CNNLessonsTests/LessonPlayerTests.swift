import CNNCore
import Foundation
import Testing
@testable import CNNLessons

/// The engine: steps fine and coarse in both directions, quizzes, references between steps, edits.
struct LessonPlayerTests {
    static let header = "id: sample\ntitle: Sample\nsummary: x\nsteps:\n"

    func player(_ steps: String) throws -> LessonPlayer {
        try LessonPlayer(lesson: LessonLoader.load(text: Self.header + steps, file: "sample.yaml").get())
    }

    /// 3×3 input, 2×2 filter: four values of four terms each.
    let forward = """
      - say: Intro.
      - op: conv
        input: "1 2 3; 4 5 6; 7 8 9"
        filter: "1 0; 0 -1"
        quiz: {ask: What is O12?, value: output, at: [1, 2]}
      - say: Outro.

    """

    @Test func fineStepsAreTermsAndCoarseStepsAreValues() throws {
        let player = try player(forward)
        // intro + quiz + 4 values × 4 terms + outro
        #expect(player.stepCount == 1 + 1 + 16 + 1)
        let first = player.frame(at: 2)
        #expect(first.formula?.symbolic == "O11 = X11·F11 + …")
        #expect(first.formula?.numeric == "O11 = 1·1 + … → 1")
        #expect(first.progress == "value 1 of 4 · term 1 of 4")
        let last = player.frame(at: 5)
        #expect(last.formula?.isComplete == true)
        #expect(last.formula?.numeric == "O11 = 1·1 + 2·0 + 4·0 + 5·(-1) = -4")
        // Coarse steps land on the first term of each value, and walk back the same way.
        var index = 0
        var visited: [Int] = []
        while true {
            let next = player.nextValue(after: index)
            if next == index { break }
            visited.append(next)
            index = next
        }
        #expect(visited == [1, 2, 6, 10, 14, 18])
        #expect(player.previousValue(before: 18) == 14)
        #expect(player.previousValue(before: 9) == 6)
        #expect(player.previousValue(before: 6) == 2)
        #expect(player.previousValue(before: 2) == 1)
        #expect(player.previousValue(before: 1) == 0)
    }

    @Test func highlightsFollowTheTerm() throws {
        let player = try player(forward)
        // Term 2 of O12: X13 meets F12.
        let frame = player.frame(at: 7)
        let input = try #require(frame.grids.first { $0.role == .input })
        let filter = try #require(frame.grids.first { $0.role == .filter })
        let output = try #require(frame.grids.first { $0.role == .output })
        #expect(input.cells[0][2].highlight == .active)
        #expect(input.cells[0][1].highlight == .window)
        #expect(input.cells[0][0].highlight == .none)
        #expect(filter.cells[0][1].highlight == .active)
        #expect(output.cells[0][1].highlight == .target)
        #expect(output.cells[0][0].text == "-4")
        #expect(output.cells[1][0].text == "" && output.cells[1][0].highlight == .pending)
        #expect(input.cells[2][2].symbol == "X33")
    }

    @Test func quizAsksBeforeShowingAndChecksTheComputedValue() throws {
        let player = try player(forward)
        let frame = player.frame(at: 1)
        let quiz = try #require(frame.quiz)
        #expect(quiz.question == "What is O12?")
        #expect(frame.grids.first { $0.role == .output }?.cells.flatMap { $0 }.allSatisfy { $0.text.isEmpty } == true)
        #expect(quiz.check("-4") == .right)
        #expect(quiz.check(" −4 ") == .right)
        #expect(quiz.check("-8/2") == .right)
        #expect(quiz.check("4") == .wrong)
        #expect(quiz.check("four") == .unreadable)
        // The shared number reader: the minus sign the tutor prints, in a fraction too; no silent underflow.
        #expect(quiz.check("\u{2212}8/2") == .right)
        #expect(quiz.check("8/\u{2212}2") == .right)
        #expect(quiz.check("-4e-99999999999999999999") == .unreadable)
        #expect(quiz.worked == ["O12 = X12·F11 + X13·F12 + X22·F21 + X23·F22", "O12 = 2·1 + 3·0 + 5·0 + 6·(-1) = -4"])
    }

    @Test func aPartialWalkHidesTheValuesAfterIt() throws {
        let player = try player("""
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            only: [[1, 2]]
            walk: values

        """)
        #expect(player.stepCount == 1)
        let output = try #require(player.frame(at: 0).grids.first { $0.role == .output })
        #expect(output.cells.map { $0.map(\.text) } == [["-4", "-4"], ["", ""]])
    }

    @Test func editsRecomputeEverythingAndCarryThroughReferences() throws {
        let player = try player("""
          - op: rotate
            filter: "1 2; 3 4"
          - op: conv
            input: "1 0 0; 0 0 0; 0 0 0"
            filter: {from: previous, result: output}
            walk: result

        """)
        // conv of a single 1 at the corner with rot180([[1,2],[3,4]]) = [[4,3],[2,1]]: O11 = 4.
        let before = try #require(player.frame(at: 1).grids.first { $0.role == .output })
        #expect(before.cells[0][0].text == "4")
        let filter = try #require(player.frame(at: 0).grids.first { $0.role == .filter })
        let source = try #require(filter.source)
        // F22 = 4 becomes 10; the rotated filter's first cell, and so O11, follow.
        let edited = try player.replacingValue(10, in: source, row: 1, column: 1, at: 0)
        let after = try #require(edited.frame(at: 1).grids.first { $0.role == .output })
        #expect(after.cells[0][0].text == "10")
        #expect(throws: LessonIssue.self) { try player.replacingValue(1, in: source, row: 5, column: 5, at: 0) }
    }

    @Test func referencesMustPointBackToAResultThatExists() {
        let forwardReference = LessonLoader.load(text: Self.header + """
          - op: relu
            input: {from: 2, result: output}
          - op: relu
            input: "1 -1"

        """, file: "r.yaml")
        guard case .failure(let issues) = forwardReference else { Issue.record("a forward reference loaded"); return }
        #expect(issues.issues.map(\.description) == ["r.yaml:6:12: error: a step can only use the result of an "
                                                     + "earlier step; step 2 is not before step 1"])
        let steps = "  - op: relu\n    input: \"1 -1\"\n  - op: relu\n    input: {from: previous, result: gradient}\n"
        let badName = LessonLoader.load(text: Self.header + steps, file: "s.yaml")
        guard case .failure(let nameIssues) = badName else { Issue.record("a bad result name loaded"); return }
        #expect(nameIssues.issues.first?.message == "step 1 has no result 'gradient' (it has: output; operands: input)")
    }

    @Test func randomizedInputsAreSmallIntegersAndReproducible() throws {
        let player = try player(forward)
        let first = player.randomized(at: 3, seed: 42), second = player.randomized(at: 3, seed: 42)
        let cells = first.frame(at: 5).grids.first { $0.role == .input }!.cells.flatMap { $0 }.map(\.text)
        #expect(cells == second.frame(at: 5).grids.first { $0.role == .input }!.cells.flatMap { $0 }.map(\.text))
        #expect(cells.allSatisfy { Int($0).map { (0...9).contains($0) } ?? false })
        #expect(first.stepCount == player.stepCount)
    }

    @Test func theEfficiencyExampleWalksAllItsValuesLazily() throws {
        let player = try player("""
          - op: conv
            input: \(String(repeating: "0 ", count: 279) + "1; " + Array(repeating: String(repeating: "1 ",
                    count: 280), count: 319).joined(separator: "; "))
            filter: "-1; 1"

        """)
        #expect(player.stepCount == 319 * 280 * 2)
        // Step 50,000 and its neighbours are built alone; the grids are cropped around the window.
        let frame = player.frame(at: 99_999)
        #expect(frame.progress == "value 50000 of 89320 · term 2 of 2")
        let input = try #require(frame.grids.first { $0.role == .input })
        #expect(input.isCropped && input.rowCount == 12 && input.totalRows == 320)
        #expect(input.title.contains("rows"))
        #expect(player.nextValue(after: 99_999) == 100_000)
    }
}
