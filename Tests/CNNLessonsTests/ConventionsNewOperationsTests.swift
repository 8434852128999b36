import CNNCore
import CNNText
import Testing
@testable import CNNLessons

/// The index base and the kernel flip on the operations that came after them: transposed, tiled and dilated
/// convolution, and the LaTeX handout. Expected lines are worked by hand from the numbers below.
struct ConventionsNewOperationsTests {
    static let header = "id: sample\ntitle: Sample\nsummary: x\nsteps:\n"
    static let zero = Conventions(indexBase: .zero)

    func player(_ steps: String, _ conventions: Conventions = Conventions()) throws -> LessonPlayer {
        let lesson = try LessonLoader.load(text: Self.header + steps, file: "sample.yaml").get()
        return try LessonPlayer(lesson: lesson, conventions: conventions)
    }

    func frames(_ player: LessonPlayer) -> [Frame] { (0..<player.stepCount).map(player.frame) }

    func formulas(_ player: LessonPlayer) -> [String] {
        frames(player).compactMap { $0.formula.map { $0.symbolic + " | " + $0.numeric } }
    }

    /// X = 2 −1 / 1 3 scattered with stride 2 through F = 1 2 / −2 1: each output cell gets one product.
    let transposed = """
      - op: transposed
        input: "2 -1; 1 3"
        filter: "1 2; -2 1"
        stride: 2

    """

    @Test func transposedNamesFollowTheBase() throws {
        let fromZero = formulas(try player(transposed, Self.zero))
        // The top-left output is X's top-left value times F's top-left: 2·1; the cell right of it 2·2.
        #expect(fromZero.contains("O00 = X00·F00 | O00 = 2·1 = 2"))
        #expect(fromZero.contains("O01 = X00·F01 | O01 = 2·2 = 4"))
        // O row 3, column 4 from 1 is X22 (3) times F12 (2).
        #expect(fromZero.contains("O23 = X11·F01 | O23 = 3·2 = 6"))
        let fromOne = formulas(try player(transposed))
        #expect(fromOne.contains("O34 = X22·F12 | O34 = 3·2 = 6"))
    }

    /// A 3×3 input, four 2×2 filters tiled 2 apart: output cell (i, j) uses filter 2·(i mod 2) + (j mod 2).
    let tiled = """
      - op: tiled-conv
        input: "1 2 0; 4 1 2; 0 3 1"
        filters:
          - "1 0; 0 -1"
          - "2 1; 0 0"
          - "0 1; 1 0"
          - "1 1; 1 1"
        tiles: 2

    """

    @Test func tiledFilterNamesCaptionsAndFactsFollowTheBase() throws {
        let player = try player(tiled, Self.zero)
        let all = frames(player)
        // The first output: 1·1 + 2·0 + 4·0 + 1·(−1) = 0 with the first filter, F0 from 0.
        #expect(all.contains { $0.formula?.symbolic == "O00 = X00·F000 + X01·F001 + X10·F010 + X11·F011" })
        #expect(all.contains { $0.formula?.numeric == "O00 = 1·1 + 2·0 + 4·0 + 1·(-1) = 0" })
        #expect(all.contains { $0.grids.map(\.title).contains("Filter F0 of 4") })
        #expect(all.contains { $0.facts.contains("This position uses filter 0.") })
        #expect(!all.contains { $0.grids.map(\.title).contains("Filter F4 of 4") })
        let slides = frames(try self.player(tiled))
        #expect(slides.contains { $0.grids.map(\.title).contains("Filter F4 of 4") })
        #expect(slides.contains { $0.facts.contains("This position uses filter 1.") })
    }

    /// X = 1…16 row by row (4×4), F = 1 0 / 0 −1, dilation 2, padding 1: taps two cells apart.
    let dilated = """
      - op: conv
        input: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"
        filter: "1 0; 0 -1"
        dilation: 2
        padding: 1
        quiz: {ask: What is O12?, value: output, at: [1, 2]}

    """

    @Test func dilatedTapsAndTheQuizTargetFollowTheBase() throws {
        let player = try player(dilated, Self.zero)
        // Output (1, 1) from 0 sits on padded (1, 1), i.e. X00; taps X00, X02, X20, X22: 1 − 11 = −10.
        #expect(formulas(player).contains(
            "O11 = X00·F00 + X02·F01 + X20·F10 + X22·F11 | O11 = 1·1 + 3·0 + 9·0 + 11·(-1) = -10"))
        let quiz = try #require(player.frame(at: 0).quiz)
        #expect(quiz.question == "What is O01?")
        // O12 from 1: taps 0, 0, X21 = 5, X23 = 7 → 5·0 + 7·(−1) = −7.
        #expect(quiz.answer == -7)
    }

    @Test func dilatedConvolutionFlipsTheKernel() throws {
        let flipped = try player(dilated, Conventions(indexBase: .zero, swapsKernelFlip: true))
        // F turned 180° is −1 0 / 0 1: 1·(−1) + 3·0 + 9·0 + 11·1 = 10.
        #expect(formulas(flipped).contains(
            "O11 = X00·F11 + X02·F10 + X20·F01 + X22·F00 | O11 = 1·(-1) + 3·0 + 9·0 + 11·1 = 10"))
        #expect(flipped.kernelOperation(at: 0) == .trueConvolution)
    }

    @Test func latexSumsFollowThePlayersBase() throws {
        let fromZero = LaTeXExport().render(try player(transposed, Self.zero))
        #expect(fromZero.contains("O_{23} &= X_{11}F_{01}"))
        #expect(!fromZero.contains("O_{34}"))
        let fromOne = LaTeXExport().render(try player(transposed))
        #expect(fromOne.contains("O_{34} &= X_{22}F_{12}"))
        // Outside a player's render, names stay the slides'.
        #expect(Symbols.name("O", [2, 3]) == "O34")
    }
}
