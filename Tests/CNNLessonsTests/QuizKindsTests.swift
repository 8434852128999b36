import CNNCore
import Foundation
import Testing
@testable import CNNLessons

/// Multiple-choice and "which cell?" quizzes, the author's hint and explanation: every right answer is the
/// engine's, checked here against values worked out by hand from the grids in the test.
@Suite("Quiz kinds")
struct QuizKindsTests {
    func player(_ steps: String) throws -> LessonPlayer {
        try LessonPlayer(lesson: LessonLoader.load(text: LessonPlayerTests.header + steps, file: "k.yaml").get())
    }

    /// The problems a lesson has, one line each.
    func problems(_ steps: String) -> [String] {
        switch LessonLoader.load(text: LessonPlayerTests.header + steps, file: "k.yaml") {
        case .success(let lesson):
            do {
                _ = try LessonPlayer(lesson: lesson)
                return []
            } catch {
                return ["\(error)"]
            }
        case .failure(let found): return found.issues.map(\.description)
        }
    }

    static let overlapping = """
        1 3 2 1 3
        2 9 1 1 5
        1 3 2 3 2
        8 3 5 1 0
        5 6 1 2 9
    """

    func pool(quiz: String) -> String {
        """
          - op: pool
            input: |
        \(Self.overlapping.split(separator: "\n").map { "      " + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n"))
            mode: max
            size: 3
            stride: 1
            quiz: \(quiz)

        """
    }

    /// The largest cell of rows `rows`, columns `columns` (0-based) of the grid above, found by hand.
    func handMaximum(rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> (row: Int, column: Int) {
        let grid = Self.overlapping.split(separator: "\n").map { $0.split(separator: " ").map { Int($0)! } }
        var best = (row: rows.lowerBound, column: columns.lowerBound)
        for row in rows { for column in columns where grid[row][column] > grid[best.row][best.column] {
            best = (row, column)
        } }
        return best
    }

    @Test func aWhichCellQuizAnswersWithTheWindowsMaximum() throws {
        let player = try player(pool(quiz: "{ask: Which cell wins?, value: output, at: [1, 3], cell: input}"))
        let quiz = try #require(player.frame(at: 0).quiz)
        let cell = try #require(quiz.cell)
        let winner = handMaximum(rows: 0...2, columns: 2...4)
        #expect(quiz.kind == .cell)
        #expect(cell.subscripts == [winner.row, winner.column])
        #expect(cell.at == [winner.row + 1, winner.column + 1])
        #expect(cell.symbol == "X\(winner.row + 1)\(winner.column + 1)")
        #expect(cell.grid == "Input X")
        #expect(cell.candidates.count == 9)
        #expect(quiz.checkCell(subscripts: [winner.row, winner.column]) == .right)
        #expect(quiz.checkCell(subscripts: [0, 2]) == .wrong)
        #expect(quiz.checkCell(grid: "Input X", at: [winner.row + 1, winner.column + 1]) == .right)
        // A loser in the window is told the winner is larger; X13 holds 2.
        #expect(cell.candidates.first { $0.symbol == "X13" }?.message
                == "X13 = 2 is in the window, but X25 = 5 is larger")
    }

    @Test func aTieForTheMaximumIsRefusedWithWhere() {
        // Rows 2–4, columns 3–5 hold 5 twice (X25 and X43): two answers.
        let found = problems(pool(quiz: "{ask: Which cell wins?, value: output, at: [2, 3], cell: input}"))
        #expect(found.count == 1)
        #expect(found.first?.contains("X25 and X43 tie for the maximum") == true)
        #expect(found.first?.hasPrefix("k.yaml:") == true)
    }

    @Test func aSumsCellIsItsLargestTerm() throws {
        let player = try player("""
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -2"
            quiz: {ask: Which input cell matters most to O11?, value: output, at: [1, 1], cell: input}

        """)
        // O11 = 1·1 + 2·0 + 4·0 + 5·(−2): the term of X22 (−10) is the largest in size.
        let cell = try #require(player.frame(at: 0).quiz?.cell)
        #expect(cell.symbol == "X22")
        #expect(cell.subscripts == [1, 1])
    }

    static let computedChoices = """
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "2 0; 0 -1"
            quiz:
              ask: What is O12?
              value: output
              at: [1, 2]
              hint: Two of the four products are zero.
              explain: The filter subtracts the cell down and to the right from the cell at the top left.
              choices:
                - at: [1, 1]
                  mistake: that is O11, the window one to the left
                - term: 1
                  mistake: that is only the first product
                - at: [1, 2]

        """

    @Test func computedChoicesAreRightWhenTheyEqualTheAnswer() throws {
        let quiz = try #require(try player(Self.computedChoices).frame(at: 0).quiz)
        // By hand: O11 = 1·2 − 5 = −3; O12 = 2·2 − 6 = −2, its first product 2·2 = 4.
        #expect(quiz.choices?.map(\.value) == [-3, 4, -2])
        #expect(quiz.kind == .choice)
        #expect(quiz.choices?.map(\.letter) == ["a", "b", "c"])
        #expect(quiz.rightChoice?.letter == "c")
        #expect(quiz.checkChoice("c") == .right)
        #expect(quiz.checkChoice("a") == .wrong)
        #expect(quiz.checkChoice("z") == .unreadable)
        #expect(quiz.authorHint == "Two of the four products are zero.")
        #expect(quiz.explain?.hasPrefix("The filter subtracts") == true)
    }

    @Test(arguments: [
        ("choices: [{text: A, right: true}, {text: B, right: true}]", "exactly one text choice must be"),
        ("choices: [{text: A}, {text: B}]", "exactly one text choice must be 'right: true' (found 0)"),
        ("choices: [{text: A, right: true}, {at: [1, 1]}]", "not a mix"),
        ("choices: [{text: A, right: true}]", "2 to 6 options"),
        ("choices: [{text: A, right: true, mistake: no}, {text: B}]", "the right choice carries a mistake"),
        ("choices: [{at: [1, 1]}, {term: 1}]", "no choice equals the answer"),
        ("choices: [{at: [1, 2]}, {at: [1, 2]}]", "2 choices equal the answer"),
        ("choices: [{at: [1, 2], mistake: wrong}, {at: [1, 1]}]", "yet carries a mistake"),
        ("cell: input, choices: [{text: A, right: true}, {text: B}]", "not both"),
        ("cell: output", "cell must name the grid asked about"),
        ("choices: [{text: A, right: yes}, {text: B}]", "right must be true or false"),
        ("choices: [{text: \"A\\u202E\", right: true}, {text: B}]", "choice"),
    ])
    func badKindsAreRefusedWithWhere(quiz: String, message: String) {
        let steps = """
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "2 0; 0 -1"
            quiz: {ask: What is O12?, value: output, at: [1, 2], \(quiz)}

        """
        let found = problems(steps)
        #expect(found.contains { $0.contains(message) && $0.hasPrefix("k.yaml:") }, "\(found)")
    }

    @Test func theJSONCarriesKindChoicesTheRightOneAndTheExplanation() throws {
        let frame = try player(Self.computedChoices).frame(at: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(frame), as: UTF8.self)
        #expect(json.contains(#""kind":"choice""#))
        #expect(json.contains(#""isRight":true,"letter":"c""#))
        #expect(json.contains(#""explain":"The filter subtracts"#))
        #expect(json.contains(#""authorHint":"Two of the four products are zero.""#))
        #expect(try JSONDecoder().decode(Frame.self, from: Data(json.utf8)) == frame)
    }
}
