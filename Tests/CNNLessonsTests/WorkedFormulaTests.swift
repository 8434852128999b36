import CNNCore
import Foundation
import Testing
@testable import CNNLessons

/// Frames carry formulas as terms; the text lines are rendered from them and match the core's own rendering.
struct WorkedFormulaTests {
    static let library = LessonLibrary.load(userDirectories: [], environment: [:])

    func player(_ id: String) throws -> LessonPlayer {
        try #require(Self.library.entries.first { $0.header.id == id }).player.get()
    }

    /// Every quiz's worked lines, rendered from its terms, are the core's Explanation lines for that value.
    @Test func quizLinesMatchTheCoresRendering() throws {
        for entry in Self.library.entries {
            let player = try entry.player.get()
            for (step, range) in player.lessonStepRanges.enumerated() {
                guard let quiz = player.frame(at: range.lowerBound).quiz,
                      let explanation = IndexBase.$current.withValue(player.conventions.indexBase, operation: {
                          player.quizExplanation(ofStep: step)
                      }), player.lesson.steps[step].computation?.quiz?.term == nil else { continue }
                #expect(quiz.worked == [explanation.symbolicLine(), explanation.numericLine()], "\(quiz.id)")
            }
        }
    }

    /// Lesson 3's first walk frames, O11 = X11·F11 + …, against their terms: the lines shown so far, the
    /// partials, and no value before the last term.
    @Test func aWalkFrameCarriesItsShownTerms() throws {
        let player = try player("forward-pass")
        let index = try #require((0..<player.stepCount).first { player.frame(at: $0).formula != nil })
        let formula = try #require(player.frame(at: index).formula)
        let worked = try #require(formula.worked)
        #expect(worked.terms.count == 1)
        #expect(worked.termCount > 1)
        #expect(worked.value == nil)
        #expect(formula.symbolic == worked.symbolicLine)
        #expect(formula.numeric == worked.numericLine)
        #expect(formula.partials == worked.terms[0].partialText)
        // The first term's operands sit in the grids that draw them, lit as the active cells.
        let frame = player.frame(at: index)
        for operand in worked.terms[0].operands {
            let grid = try #require(frame.grids.first { $0.title == operand.grid })
            let cell = try #require(operand.cell)
            let drawn = grid.cells[cell[0] - 1 - grid.firstRow][cell[1] - 1 - grid.firstColumn]
            #expect(drawn.symbol == operand.symbol)
            #expect(drawn.highlight == .active)
        }
    }

    /// `show --format json` keeps its text fields and adds the terms: the quiz of 15/19 as JSON.
    @Test func theJSONCarriesTermsBesideTheText() throws {
        let player = try player("channels-and-batch-backward")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(player.frame(at: 18))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let quiz = try #require(object["quiz"] as? [String: Any])
        #expect((quiz["worked"] as? [String])?.count == 2)
        let formula = try #require(quiz["formula"] as? [String: Any])
        #expect(formula["reduction"] as? String == "sum")
        #expect(formula["value"] as? Double == 8)
        let target = try #require(formula["target"] as? [String: Any])
        #expect(target["symbol"] as? String == "∂L/∂X122")
        let terms = try #require(formula["terms"] as? [[String: Any]])
        // Two filters × four outputs; the first term ∂L/∂O111·F1122 = 1·2.
        #expect(terms.count == 8)
        let operands = try #require(terms[0]["operands"] as? [[String: Any]])
        #expect(operands.map { $0["symbol"] as? String } == ["∂L/∂O111", "F1122"])
        #expect(operands.map { $0["value"] as? Double } == [1, 2])
        #expect(operands[1]["grid"] as? String == "Filter F1, channel 1")
        #expect(operands[1]["cell"] as? [Int] == [2, 2])
        #expect(terms[0]["product"] as? Double == 2)
        let mistakes = try #require(quiz["mistakes"] as? [[String: Any]])
        #expect(mistakes.contains { $0["kind"] as? String == "filters-not-summed" && $0["value"] as? Double == 3 })
        #expect(quiz["declaredMistakes"] as? [String] == ["filters-not-summed"])
    }
}

/// A volume's per-channel sums are values in the frame, and the printed lines are made from them.
struct ChannelSumTests {
    @Test func eachChannelsShareIsItsOwnSumOfProducts() throws {
        let text = """
            id: sample
            title: A sample
            summary: For tests.
            steps:
              - op: conv
                input: ["1 2; 3 4", "5 6; 7 8"]
                filter: ["1 0; 0 -1", "2 1; 1 0"]
            """
        let player = try LessonLoader.player(text: text, file: "t.yaml").get()
        // Terms run channel by channel: after all 8 terms, channel 1 gives 1·1 + 4·(−1) = −3 and channel 2
        // gives 5·2 + 6·1 + 7·1 = 23 (by hand).
        let frames = (0..<player.stepCount).map(player.frame(at:))
        let complete = try #require(frames.first { $0.formula?.isComplete == true }?.formula)
        #expect(complete.channelParts.map(\.channel) == [1, 2])
        #expect(complete.channelParts.map(\.sum) == [-3, 23])
        #expect(complete.channelSums == ["channel 1: -3", "channel 2: 23"])
    }
}
