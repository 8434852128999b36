import CNNCore
import Foundation
import Testing
@testable import CNNLessons

/// Every number a quiz's worked terms use is drawn in the quiz frame (issue 16, item 1), and a quiz frame shows
/// nothing of its step as computed.
struct QuizOperandTests {
    static let lessons = LessonLibrary.load(userDirectories: [], environment: [:]).loadAll().lessons

    func player(_ id: String) throws -> LessonPlayer {
        try LessonPlayer(lesson: try #require(Self.lessons.first { $0.id == id }))
    }

    /// The lesson step's quiz frame (0-based global index) of the tutor's step `step` (1-based).
    func quizFrame(_ player: LessonPlayer, step: Int) throws -> Frame {
        let frame = player.frame(at: step - 1)
        _ = try #require(frame.quiz, "step \(step) asks no quiz")
        return frame
    }

    func drawnSymbols(_ frame: Frame) -> Set<String> {
        Set(frame.grids.flatMap { $0.cells.joined().filter { !$0.text.isEmpty }.map(\.symbol) })
    }

    @Test func everyBundledQuizDrawsItsOperands() throws {
        var quizzes = 0, operands = 0
        for lesson in Self.lessons {
            let player = try LessonPlayer(lesson: lesson)
            for index in player.quizFrameIndices {
                #expect(player.undrawnQuizOperands(atFrame: index) == [], "\(lesson.id) step \(index + 1)")
                quizzes += 1
                operands += player.quizOperands(atFrame: index).count
            }
        }
        #expect(quizzes >= 40)
        #expect(operands >= 300)
    }

    /// ∂L/∂X122 = Σ over both filters: ∂L/∂O1ij·F11.. (4 terms) + ∂L/∂O2ij·F21.. (4 terms) = 8, worked by hand
    /// from the lesson's numbers: 1·2 + (−1)(−1) + 2·0 + 0·1 + 0·1 + 1·0 + (−1)(−1) + 2·2 = 2 + 1 + 1 + 4 = 8.
    @Test func theInputGradientQuizDrawsBothFilters() throws {
        let player = try player("channels-and-batch-backward")
        let frame = try quizFrame(player, step: 19)
        #expect(frame.quiz?.answer == 8)
        let operands = player.quizOperands(atFrame: 18).map(\.symbol)
        #expect(operands.count == 16)
        #expect(Set(["F2111", "F2122", "∂L/∂O211", "∂L/∂O222"]).isSubset(of: operands))
        #expect(Set(operands).isSubset(of: drawnSymbols(frame)))
        let titles = frame.grids.map(\.title)
        #expect(titles.contains("Filter F2, channel 1") && titles.contains("Gradient ∂L/∂O, filter 2"))
    }

    /// The batch's ∂L/∂F21 = image 1's 3 + image 2's 5 = 8 (steps 6 and 7 of the lesson: −1 4; 3 0 and 1 0; 5 0).
    @Test func theBatchQuizDrawsBothImages() throws {
        let player = try player("channels-and-batch-backward")
        let frame = try quizFrame(player, step: 39)
        #expect(frame.quiz?.answer == 8)
        let operands = player.quizOperands(atFrame: 38).map(\.symbol)
        #expect(Set(["X2121", "∂L/∂O211"]).isSubset(of: operands))
        #expect(Set(operands).isSubset(of: drawnSymbols(frame)))
        #expect(frame.grids.map(\.title).contains("Input X, item 2"))
    }

    /// The centre of a tiled layer with t = 2 uses filter (1 mod 2)·2 + (1 mod 2) + 1 = 4.
    @Test func theTiledQuizDrawsTheFilterItAsksAbout() throws {
        let player = try player("unshared-tiled-cross-channel")
        let frame = try quizFrame(player, step: 7)
        #expect(frame.grids.map(\.title).contains("Filter F4 of 4"))
        #expect(!frame.grids.map(\.title).contains("Filter F1 of 4"))
        #expect(Set(player.quizOperands(atFrame: 6).map(\.symbol)) == ["X22", "X23", "X32", "X33", "F411", "F412",
                                                                       "F421", "F422"])
    }

    /// The bias the worked terms add is named in the quiz frame, as no grid draws it.
    @Test func aQuizNamesTheBiasItAdds() throws {
        let player = try player("convolution-over-volume")
        let frame = try quizFrame(player, step: 31)
        #expect(frame.facts.contains("b1 = -1 (the bias)"))
        #expect(player.quizOperands(atFrame: 30).last?.symbol == "b1")
        #expect(player.undrawnQuizOperands(atFrame: 30) == [])
    }

    /// padding-backward's quiz on ∂L/∂X22 walks only that value: under the quiz none of ∂L/∂X is shown, not even
    /// the values before it that the walk takes as given (a "one row above" message would point at them).
    @Test func aQuizFrameShowsNoResultOfItsStep() throws {
        let player = try player("padding-backward")
        let frame = try quizFrame(player, step: 11)
        let result = try #require(frame.grids.first { $0.title == "∂L/∂X" })
        #expect(result.cells.joined().allSatisfy { $0.text.isEmpty })
        // The walk's own frames still show what it has walked.
        #expect(player.frame(at: 11).grids.first { $0.title == "∂L/∂X" }?.cells[0][0].text == "2")
    }

    /// A 3×3 filter dilated by 6 spans 13 input cells: the 12-cell crop of the 15×15 input leaves its last taps
    /// out, and the lint says which.
    @Test func theLintNamesOperandsACropLeavesOut() throws {
        let rows = (0..<15).map { row in (0..<15).map { String(($0 + row) % 5) }.joined(separator: " ") }
        let lesson = try LessonLoader.load(text: LessonPlayerTests.header + """
          - title: Wide
            op: conv
            input: "\(rows.joined(separator: "; "))"
            filter: "1 0 1; 0 1 0; 1 0 1"
            dilation: 6
            quiz: {ask: What is O11?, value: output, at: [1, 1]}

        """, file: "l.yaml").get()
        let player = try LessonPlayer(lesson: lesson)
        let missing = player.undrawnQuizOperands(atFrame: 0)
        #expect(missing.contains("X1,13") && missing.contains("X13,13") && !missing.contains("X11"))
        let warnings = LessonLint(player: player).warnings().map(\.description)
        #expect(warnings.contains { $0.contains("X1,13") && $0.contains("which the quiz frame does not show") })
    }
}
