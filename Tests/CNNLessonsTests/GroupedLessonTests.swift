import CNNCore
import Foundation
import Testing
@testable import CNNLessons

/// `groups:` on conv and conv-backward, and `from:` taking an earlier step's operand or one channel: each computes
/// what the hand-worked comments say and refuses bad values with one line at the field.
struct GroupedLessonTests {
    static let header = "id: sample\ntitle: A sample\nsummary: For tests.\nsteps:\n"

    /// Four channels of 2×2 and a 1×1 filter per group of two channels: O1 = X1 + 2·X2, O2 = 3·X3 − X4.
    static let pairs = """
          - op: conv
            input: ["1 2; 3 4", "0 1; 0 1", "2 2; 2 2", "1 0; -1 3"]
            filters: [["1", "2"], ["3", "-1"]]
            groups: 2

        """

    /// Three channels, one 2×2 filter each (G = 3).
    static let depthwise = """
          - op: conv
            input: ["1 2 0; 0 1 3; 2 1 1", "2 0 1; 1 1 0; 0 2 1", "1 1 1; 0 0 0; 1 0 1"]
            filters: [["1 0; 0 1"], ["0 1; 1 0"], ["1 1; 1 1"]]
            groups: 3

        """

    /// The issues of a lesson text: reading problems, a plan that fails, or `expect:` that does not hold.
    func problems(_ steps: String) -> [String] {
        switch LessonLoader.player(text: Self.header + steps, file: "t.yaml") {
        case .success(let player): return player.expectationIssues().map(\.description)
        case .failure(let issues): return issues.issues.map(\.description)
        }
    }

    func player(_ steps: String) throws -> LessonPlayer {
        try LessonLoader.player(text: Self.header + steps, file: "t.yaml").get()
    }

    @Test func groupedConvolutionAndItsParameterCount() {
        // O1 = [1 2; 3 4] + 2·[0 1; 0 1] = [1 4; 3 6]; O2 = 3·[2 2; 2 2] − [1 0; −1 3] = [5 6; 7 3].
        // 2·(4/2)·1·1 = 4 weights; with one group 2·4·1·1 = 8.
        #expect(problems(Self.pairs + "    expect: {output: [\"1 4; 3 6\", \"5 6; 7 3\"], parameters: 4, "
                         + "dense_parameters: 8}\n") == [])
        // A bias adds K = 2 to both counts.
        #expect(problems(Self.pairs + "    bias: [1, 1]\n    expect: {parameters: 6, dense_parameters: 10}\n") == [])
    }

    @Test func groupedBackward() {
        // ∂L/∂O = ones for filter 1, [1 0; 0 2] for filter 2: ∂L/∂X by channel is 1·G1, 2·G1, 3·G2, −1·G2;
        // ∂L/∂F = Σ G1·X1 = 10, Σ G1·X2 = 2, Σ G2·X3 = 6, Σ G2·X4 = 7 (`expect` compares the values in order).
        let steps = """
          - op: conv-backward
            input: ["1 2; 3 4", "0 1; 0 1", "2 2; 2 2", "1 0; -1 3"]
            filters: [["1", "2"], ["3", "-1"]]
            grad: ["1 1; 1 1", "1 0; 0 2"]
            groups: 2
            gradient: input
            expect:
              grad_input: ["1 1; 1 1", "2 2; 2 2", "3 0; 0 6", "-1 0; 0 -2"]
              grad_weight: "10 2; 6 7"
              grad_bias: [4, 3]

        """
        #expect(problems(steps) == [])
    }

    @Test func framesShowTheGroupsChannelsAndNameTheGroup() throws {
        let player = try player(Self.depthwise + "    walk: values\n")
        // Value 5 is O211, filter 2's first value: only channel 2 of the input is drawn, beside filter 2.
        let frame = player.frame(at: 4)
        let inputs = frame.grids.filter { $0.role == .input }.map(\.title)
        #expect(inputs == ["Input X, channel 2"])
        #expect(frame.grids.filter { $0.role == .filter }.map(\.title) == ["Filter F2"])
        #expect(frame.facts.first == "Group 2 of 3: filter 2 sees input channel 2 only.")
        #expect(frame.facts.contains("Parameters: K·(C/G)·Kh·Kw = 3·(3/3)·2·2 = 12"))
        #expect(frame.formula?.numeric == "O211 = 2·0 + 0·1 + 1·1 + 1·0 = 1")
    }

    @Test func aQuizNamesTheGroupAndKnowsTheWrongChannel() throws {
        let player = try player(Self.depthwise + "    quiz: {ask: What is O311?, value: output, at: [3, 1, 1]}\n")
        let frame = player.frame(at: 0)
        #expect(frame.facts == ["Group 3 of 3: filter 3 sees input channel 3 only."])
        let quiz = try #require(frame.quiz)
        // Filter 3 (all ones) over channel 3's first window: 1 + 1 + 0 + 0 = 2. Over channel 1's: 1 + 2 + 0 + 1 = 4;
        // over channel 2's: 2 + 0 + 1 + 1 = 4 as well (one mistake for both, named by the first).
        #expect(quiz.answer == 2)
        let wrongChannel = quiz.mistakes?.first { $0.value == 4 }
        #expect(wrongChannel?.message == "that slides filter 3 over input channel 1, group 1's: filter 3 sees input "
                + "channel 3 only")
    }

    @Test func aGroupedBackwardQuizNamesTheGroup() throws {
        let steps = Self.pairs.replacingOccurrences(of: "op: conv\n", with: "op: conv-backward\n")
            + "    grad: [\"1 1; 1 1\", \"1 0; 0 2\"]\n    gradient: weight\n"
            + "    quiz: {ask: What is ∂L/∂F2211?, value: grad_weight, at: [2, 2, 1, 1]}\n"
        let frame = try player(steps).frame(at: 0)
        #expect(frame.quiz?.answer == 7)
        #expect(frame.facts == ["Group 2 of 2: filter 2 sees input channels 3–4 only."])
        // The ∂L/∂F grid drawn is filter 2's channel 2, and the input beside it channel 4.
        #expect(frame.grids.map(\.title).contains("Input X, channel 4"))
        #expect(frame.grids.map(\.title).contains("∂L/∂F2, channel 2"))
    }

    @Test func groupRefusalsPointAtTheField() {
        // Line 8 is `groups:` (the header has 4 lines; the step starts at line 5).
        let notDividing = Self.depthwise.replacingOccurrences(of: "groups: 3", with: "groups: 2")
        #expect(problems(notDividing) == ["t.yaml:8:13: error: the 3 input channels do not split into 2 equal groups"])
        let word = Self.depthwise.replacingOccurrences(of: "groups: 3", with: "groups: many")
        #expect(problems(word) == ["t.yaml:8:13: error: 'groups' must be an integer"])
        let zero = Self.depthwise.replacingOccurrences(of: "groups: 3", with: "groups: 0")
        #expect(problems(zero) == ["t.yaml:8:13: error: the number of groups must be at least 1, got 0"])
        #expect(problems("  - op: pool\n    input: \"1 2; 3 4\"\n    mode: max\n    size: 2\n    groups: 2\n")
                == ["t.yaml:9:13: error: 'groups' does not apply to op 'pool'"])
        // A filter bank with all C channels under G = 3 is refused at the filter.
        let dense = Self.depthwise.replacingOccurrences(
            of: "[[\"1 0; 0 1\"], [\"0 1; 1 0\"], [\"1 1; 1 1\"]]",
            with: "[[\"1 0; 0 1\", \"1 0; 0 1\", \"1 0; 0 1\"], [\"0 1; 1 0\", \"0 1; 1 0\", \"0 1; 1 0\"], "
                + "[\"1 1; 1 1\", \"1 1; 1 1\", \"1 1; 1 1\"]]")
        #expect(problems(dense) == ["t.yaml:7:14: error: the filter has 3 channels but each of the 3 groups sees "
                                    + "C/G = 3/3 = 1 input channel"])
    }

    // MARK: from: an operand, from: one channel

    @Test func aStepTakesAnEarlierStepsInputAndFilter() {
        // Step 2 is step 1 again from its own operands: the same output, [[1 4; 3 6], [5 6; 7 3]].
        let steps = Self.pairs + """
          - op: conv
            input: {from: 1, result: input}
            filter: {from: 1, result: filter}
            groups: 2
            expect: ["1 4; 3 6", "5 6; 7 3"]
          - op: relu
            input: {from: 2, result: input, channel: 4}
            expect: "1 0; 0 3"

        """
        // Step 3 takes step 2's input, itself step 1's: channel 4 = [1 0; −1 3], ReLU'd.
        #expect(problems(steps) == [])
    }

    @Test func aStepTakesOneChannelOfAnEarlierResult() throws {
        // Channel 2 of step 1's output is O2 = [5 6; 7 3]; a batch keeps its sample axis: N×1×H×W.
        let steps = Self.pairs + """
          - op: relu
            input: {from: previous, result: output, channel: 2}
            expect: "5 6; 7 3"
          - op: relu
            input: [["1 2; 3 4", "-1 -2; -3 -4"], ["5 6; 7 8", "-5 -6; -7 -8"]]
          - op: relu
            input: {from: 3, result: output, channel: 1}

        """
        #expect(problems(steps) == [])
        let batch = try #require(try player(steps).results(ofStep: 3)["output"])
        #expect(batch.shape == [2, 1, 2, 2] && batch.values == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func referenceRefusals() {
        let grid = "  - op: relu\n    input: \"1 -1; 2 0\"\n"
        #expect(problems(grid + "  - op: relu\n    input: {from: 1, result: output, channel: 1}\n")
                == ["t.yaml:8:12: error: step 1's 'output' is 2×2, without channels to take channel 1 of"])
        #expect(problems(Self.pairs + "  - op: relu\n    input: {from: 1, result: output, channel: 3}\n")
                == ["t.yaml:10:12: error: step 1's 'output' has 2 channels (shape 2×2×2): there is no channel 3"])
        #expect(problems(grid + "  - op: relu\n    input: {from: 1, result: output, channel: 0}\n")
                == ["t.yaml:8:47: error: 'channel' must be a channel number from 1"])
        #expect(problems(grid + "  - op: relu\n    input: {from: 1, result: filter}\n")
                == ["t.yaml:8:12: error: step 1 has no result 'filter' (it has: output; operands: input)"])
    }

    /// An edit to step 1's input reaches a later step that takes it with `{from: 1, result: input}`.
    @Test func anEditCarriesThroughAnInputReference() throws {
        let player = try player("""
          - op: relu
            input: "1 -1; 2 0"
          - op: relu
            input: {from: 1, result: input}
            walk: result

        """)
        let source = try #require(player.frame(at: 0).grids.first { $0.role == .input }?.source)
        let edited = try player.replacingValue(7, in: source, row: 0, column: 1, at: 0)
        let last = edited.frame(at: edited.stepCount - 1).grids.first { $0.role == .output }
        #expect(last?.cells[0].map(\.text) == ["1", "7"])
    }

    /// The depthwise-separable fixture: depthwise 3×3 with G = C, then a 1×1 conv fed by `from:`.
    @Test func theDepthwiseSeparableFixture() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/lessons/depthwise-separable.yaml")
        let player = try LessonLoader.player(file: file.path).get()
        #expect(player.expectationIssues().isEmpty)
        #expect(LessonLint(player: player).warnings().isEmpty)
        let quizzes = (0..<player.stepCount).compactMap { player.frame(at: $0).quiz }
        // Depthwise: 3·(3/3)·3·3 = 27 weights. Pointwise O212 = 1·(−4) + 0·(−14) + (−1)·(−1) = −3.
        #expect(quizzes.map(\.answer) == [27, -3])
    }
}
