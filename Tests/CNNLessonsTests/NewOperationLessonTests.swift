import Foundation
import Testing
@testable import CNNLessons

/// The operations added for dilated, transposed, 1-D, batch, unshared and cross-channel lessons: each reads its
/// fields, computes what the hand-worked comments say, and refuses bad values with one line at the field.
struct NewOperationLessonTests {
    static let header = "id: sample\ntitle: A sample\nsummary: For tests.\nsteps:\n"

    /// The issues of a lesson text: reading problems, a plan that fails, or `expect:` that does not hold.
    func problems(_ steps: String) -> [String] {
        switch LessonLoader.player(text: Self.header + steps, file: "t.yaml") {
        case .success(let player): return player.expectationIssues().map(\.description)
        case .failure(let issues): return issues.issues.map(\.description)
        }
    }

    @Test func dilatedConvolutionReadsTheTaps() {
        // 1-D, D = 2: 2·1 + 3·2 + 1·(−1) = 7.
        #expect(problems("  - op: conv\n    input: [2, 1, 3, 0, 1]\n    filter: [1, 2, -1]\n    dilation: 2\n"
                + "    expect: [7]\n") == [])
        let tooWide = problems("  - op: conv\n    input: [2, 1, 3]\n    filter: [1, 2]\n    dilation: 3\n")
        #expect(tooWide == ["t.yaml:8:15: error: the filter length 2 at dilation 3 spans 4, "
                            + "more than the padded input length 3"])
    }

    @Test func dilatedBackwardSumsOverTheTaps() {
        // o_j = x_j − x_(j+2), ∂L/∂O = 1 1 1: ∂L/∂w = (1+2+3, 3+4+5); ∂L/∂x = (1, 1, 1 − 1, −1, −1).
        let step = "  - op: conv-backward\n    input: [1, 2, 3, 4, 5]\n    filter: [1, -1]\n    grad: [1, 1, 1]\n"
                + "    dilation: 2\n"
        #expect(problems(step + "    gradient: weight\n"
                + "    expect: {grad_weight: [6, 12], grad_input: [1, 1, 0, -1, -1]}\n") == [])
    }

    @Test func holesAreNotLit() throws {
        // 5×5 input, 2×2 filter at D = 2: O11's taps are (1,1), (1,3), (3,1), (3,3); its holes stay dark.
        let text = Self.header + "  - op: conv\n    input: {pattern: ramp, size: [5, 5]}\n"
                + "    filter: \"1 2; 3 4\"\n    dilation: 2\n"
        let player = try LessonLoader.player(text: text, file: "t.yaml").get()
        let input = player.frame(at: 0).grids[0].cells
        let lit = (0..<5).flatMap { row in
            (0..<5).compactMap { column in input[row][column].highlight == .none ? nil : [row, column] }
        }
        #expect(lit == [[0, 0], [0, 2], [2, 0], [2, 2]])
    }

    @Test func transposedFormsAgreeAndTheSizeIsChecked() {
        // 1 2 3 scattered with [1 1 1] at stride 2: 1 1 (1+2) 2 (2+3) 3 3.
        for form in ["gather", "scatter", "zero-insertion"] {
            let text = "  - op: transposed\n    input: [1, 2, 3]\n    filter: [1, 1, 1]\n    stride: 2\n"
                    + "    form: \(form)\n"
                + "    expect: [1, 1, 3, 2, 5, 3, 3]\n"
            #expect(problems(text) == [], "\(form)")
        }
        // The bias joins every value: 1 1 3 2 5 3 3 + 1.
        let biased = "  - op: transposed\n    input: [1, 2, 3]\n    filter: [1, 1, 1]\n    stride: 2\n    bias: 1\n"
        #expect(problems(biased + "    form: scatter\n    expect: [2, 2, 4, 3, 6, 4, 4]\n") == [])
        #expect(problems(biased + "    expect: [2, 2, 4, 3, 6, 4, 4]\n") == [])
        let bad = problems("  - op: transposed\n    input: \"1 2; 3 4\"\n    filter: \"1 1; 1 1\"\n"
                + "    output_padding: 1\n")
        #expect(bad == ["t.yaml:8:21: error: the output padding 1 must be smaller than the stride 1 or the dilation 1"])
        #expect(problems("  - op: transposed\n    input: [1]\n    filter: [1]\n    form: sideways\n")
                == ["t.yaml:8:11: error: 'form' must be one of: gather, scatter, zero-insertion"])
    }

    @Test func theZeroInsertedGridIsNotEditedInPlace() throws {
        let text = Self.header + "  - op: transposed\n    input: \"1 2; 3 4\"\n    filter: \"1 0; 0 1\"\n"
                + "    stride: 2\n"
            + "    form: zero-insertion\n"
        let player = try LessonLoader.player(text: text, file: "t.yaml").get()
        #expect(player.frame(at: 0).grids.allSatisfy { $0.source == nil })
    }

    @Test func batchGradientsSumOverTheSamples() {
        // Per image ∂L/∂F = [-1 4; 3 0] and [1 0; 5 0]: the batch adds them; ∂L/∂b = 2 + 2.
        let batch = "    input:\n      - [\"1 2 0; 0 1 3; 2 1 1\"]\n      - [\"2 0 1; 1 1 0; 0 2 1\"]\n"
                + "    filter: \"1 0; -1 2\"\n"
            + "    grad:\n      - [\"1 -1; 2 0\"]\n      - [\"0 1; -1 2\"]\n"
        #expect(problems("  - op: conv-backward\n" + batch + "    gradient: weight\n"
                + "    expect: {grad_weight: \"0 4; 8 0\", grad_bias: [4]}\n") == [])
        #expect(problems("  - op: conv\n    input:\n      - [\"1 2\"]\n      - [1, 2]\n    filter: \"1\"\n")
                == ["t.yaml:8:9: error: the input: a batch is a list of samples, each a list of channel grids"])
    }

    @Test func unsharedLayersCountTheirWeights() {
        // Windows [1 2; 0 1] … [1 3; 1 1] with their own filters: 2, 1, 1, 1; 16 weights, 4 shared, 4 × 9 dense.
        let local = "  - op: local-conv\n    input: \"1 2 0; 0 1 3; 2 1 1\"\n"
                + "    filters: [\"1 0; 0 1\", \"0 1; 1 0\", \"1 1; 0 0\", \"-1 0; 0 2\"]\n"
            + "    expect: {output: \"2 1; 1 1\", parameters: 16, conv_parameters: 4, dense_parameters: 36}\n"
        #expect(problems(local) == [])
        let tiled = "  - op: tiled-conv\n    input: [1, 2, 3, 4, 5]\n    filter: \"1 -1; 2 0\"\n    tiles: 2\n"
                + "    expect: [-1, 4, -1, 8]\n"
        #expect(problems(tiled) == [])
        #expect(problems("  - op: tiled-conv\n    input: [1, 2, 3]\n"
                + "    filter: \"1 -1; 2 0\"\n") == ["t.yaml:5:9: error: op 'tiled-conv' needs 'tiles'"])
        let short = problems("  - op: local-conv\n    input: \"1 2 0; 0 1 3; 2 1 1\"\n    filters: [\"1 0; 0 1\"]\n")
        #expect(short == ["t.yaml:7:14: error: the filter has shape 1×1×2×2; expected 4×1×2×2"])
    }

    @Test func poolingAcrossChannels() {
        // max([1 5; 0 2], [3 1; 4 -1]) = [3 5; 4 2].
        let input = "    input: [\"1 5; 0 2\", \"3 1; 4 -1\"]\n    mode: max\n    across: channels\n"
        #expect(problems("  - op: pool\n" + input + "    expect: [\"3 5; 4 2\"]\n") == [])
        #expect(problems("  - op: pool\n" + input + "    group: 3\n")
                == ["t.yaml:9:12: error: the input's 2 channels do not split into groups of 3"])
        #expect(problems("  - op: pool\n" + input + "    size: 2\n")
                == ["t.yaml:9:11: error: 'size' does not apply when pooling across channels"])
        #expect(problems("  - op: pool\n    input: \"1 2; 3 4\"\n"
                + "    mode: max\n") == ["t.yaml:5:9: error: op 'pool' needs 'size' (or 'across: channels')"])
    }
}
