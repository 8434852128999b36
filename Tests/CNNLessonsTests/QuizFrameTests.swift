import CNNCore
import Foundation
import Testing
@testable import CNNLessons

/// A quiz frame shows the grids of the value it asks about, that value pending, and names its grid and cell.
struct QuizFrameTests {
    func player(_ steps: String) throws -> LessonPlayer {
        try LessonPlayer(lesson: LessonLoader.load(text: LessonPlayerTests.header + steps, file: "q.yaml").get())
    }

    @Test func aQuizAboutTheSecondFilterShowsTheSecondFilter() throws {
        let player = try player("""
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filters: ["1 0; 0 -1", "0 2; 3 0"]
            quiz: {ask: What is filter 2's O12?, value: output, at: [2, 1, 2]}

        """)
        let frame = player.frame(at: 0)
        let quiz = try #require(frame.quiz)
        #expect(quiz.grid == "Output O, filter 2")
        #expect(quiz.at == [1, 2])
        #expect(frame.grids.contains { $0.title == "Filter F2" })
        #expect(!frame.grids.contains { $0.title == "Filter F1" })
        let output = try #require(frame.grids.first { $0.title == quiz.grid })
        // Nothing computed yet; the asked cell is pending and nothing is lit (the window is the student's to find).
        #expect(output.cells.flatMap { $0 }.allSatisfy { $0.text.isEmpty && $0.highlight == .pending })
        #expect(frame.grids.allSatisfy { $0.cells.flatMap { $0 }.allSatisfy { $0.highlight != .window } })
        // The answer: 2·0 + 3·2 + 5·3 + 6·0 = 21.
        #expect(quiz.answer == 21)
    }

    @Test func aReLUQuizNamesTheActivatedGridAndThePreActivationItsOwn() throws {
        let player = try player("""
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            bias: 1
            relu: true
            quiz: {ask: What is A21?, value: output, at: [2, 1]}
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            bias: 1
            relu: true
            quiz: {ask: What is O21 before ReLU?, value: pre_activation, at: [2, 1]}

        """)
        let activated = try #require(player.frame(at: 0).quiz)
        #expect(activated.grid == "ReLU(O) = A" && activated.at == [2, 1])
        let second = player.lessonStepRanges[1].lowerBound
        let pre = try #require(player.frame(at: second).quiz)
        #expect(pre.grid == "Output O" && pre.at == [2, 1])
        // O21 = 4·1 + 5·0 + 7·0 + 8·(−1) + 1 = −3, and ReLU gives 0.
        #expect(pre.answer == -3 && activated.answer == 0)
    }

    @Test func anIm2colQuizKeepsThePatchColumnItMultiplies() throws {
        let player = try player("""
          - op: im2col
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            walk: result
            quiz: {ask: Row 1 times column 2?, value: output, at: [1, 2]}

        """)
        let frame = player.frame(at: 0)
        let quiz = try #require(frame.quiz)
        #expect(quiz.grid == "Product = output (1×4)" && quiz.at == [1, 2])
        let patches = try #require(frame.grids.first { $0.title.hasPrefix("Patches") })
        // Column 2 (the patch under O12: X12 X13 X22 X23 = 2 3 5 6) is lit, the others are not.
        #expect(patches.cells.map { $0[1].highlight } == Array(repeating: .window, count: 4))
        #expect(patches.cells.map { $0[0].highlight } == Array(repeating: .none, count: 4))
        #expect(patches.cells.map { $0[1].text } == ["2", "3", "5", "6"])
        let product = try #require(frame.grids.first { $0.title == quiz.grid })
        #expect(product.cells[0][1].text.isEmpty && product.cells[0][1].highlight == .pending)
    }

    @Test func aPartialWalkStillHidesTheAskedCell() throws {
        let player = try player("""
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            only: [[2, 2]]
            quiz: {ask: What is O11?, value: output, at: [1, 1]}

        """)
        let frame = player.frame(at: 0)
        let output = try #require(frame.grids.first { $0.role == .output })
        #expect(output.cells[0][0].text.isEmpty)
        #expect(frame.quiz?.at == [1, 1])
    }

    @Test func everyBundledCellQuizNamesAGridOfItsFrame() throws {
        let (lessons, _) = LessonLibrary.load(userDirectories: [], environment: [:]).loadAll()
        var named = 0
        for lesson in lessons {
            let player = try LessonPlayer(lesson: lesson)
            for range in player.lessonStepRanges {
                let frame = player.frame(at: range.lowerBound)
                guard let quiz = frame.quiz, let title = quiz.grid, let at = quiz.at else { continue }
                let grid = try #require(frame.grids.first { $0.title == title }, "\(lesson.id): no grid \(title)")
                let row = at[0] - 1 - grid.firstRow, column = at[1] - 1 - grid.firstColumn
                #expect(grid.cells.indices.contains(row) && grid.cells[row].indices.contains(column))
                #expect(grid.cells[row][column].text.isEmpty,
                        "\(lesson.id) step \(frame.stepIndex + 1) shows its answer")
                named += 1
            }
        }
        #expect(named >= 30)
    }
}
