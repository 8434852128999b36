import CNNCore
import Testing
@testable import CNNLessons

/// Index base and kernel flip: every name, caption and quiz target follows the base; a convolution step
/// recomputes with the other operation. Expected lines are worked by hand from the numbers in each lesson.
struct ConventionsTests {
    static let header = "id: sample\ntitle: Sample\nsummary: x\nsteps:\n"

    func player(_ steps: String, _ conventions: Conventions = Conventions()) throws -> LessonPlayer {
        let lesson = try LessonLoader.load(text: Self.header + steps, file: "sample.yaml").get()
        return try LessonPlayer(lesson: lesson, conventions: conventions)
    }

    /// X = 1 2 3 / 4 5 6 / 7 8 9, F = 1 0 / 0 −1: intro (0), quiz (1), O11's four terms (2–5), …
    let forward = """
      - say: Intro.
      - op: conv
        input: "1 2 3; 4 5 6; 7 8 9"
        filter: "1 0; 0 -1"
        quiz: {ask: What is O12?, value: output, at: [1, 2]}

    """

    static let zero = Conventions(indexBase: .zero)
    static let flipped = Conventions(swapsKernelFlip: true)

    @Test func symbolsRunTogetherUnlessAPrintedSubscriptHasTwoDigits() {
        #expect(Symbols.name("X", [0, 0], base: .one) == "X11")
        #expect(Symbols.name("X", [0, 0], base: .zero) == "X00")
        #expect(Symbols.name("X", [9, 9], base: .one) == "X10,10")
        #expect(Symbols.name("X", [9, 9], base: .zero) == "X99")
        #expect(Symbols.name("X", [10, 0], base: .zero) == "X10,0")
        #expect(Symbols.name("b", [], base: .zero) == "b")
        // Outside a player, names are the slides' (from 1).
        #expect(Symbols.name("O", [0, 1]) == "O12")
    }

    @Test func fromZeroRenamesFormulasGridsAndTheQuizTarget() throws {
        let player = try player(forward, Self.zero)
        let complete = player.frame(at: 5)
        #expect(complete.formula?.symbolic == "O00 = X00·F00 + X01·F01 + X10·F10 + X11·F11")
        // The numbers do not change: 1·1 + 2·0 + 4·0 + 5·(−1) = −4.
        #expect(complete.formula?.numeric == "O00 = 1·1 + 2·0 + 4·0 + 5·(-1) = -4")
        let input = try #require(complete.grids.first)
        #expect(input.cells[0][0].symbol == "X00")
        #expect(input.cells[2][2].symbol == "X22")
        #expect(complete.grids[1].cells[1][1].symbol == "F11")
        let quiz = try #require(player.frame(at: 1).quiz)
        #expect(quiz.question == "What is O01?")
        #expect(quiz.worked.first == "O01 = X01·F00 + X02·F01 + X11·F10 + X12·F11")
        #expect(quiz.answer == -4)
        // The default keeps the slides' names.
        let slides = try self.player(forward)
        #expect(slides.frame(at: 5).formula?.symbolic == "O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22")
        #expect(slides.frame(at: 1).quiz?.question == "What is O12?")
    }

    @Test func aQuestionThatDoesNotNameItsTargetStaysAsWritten() {
        let target = Factor(name: "O", position: [0, 0, 0, 11], subscripts: [0, 11], value: 0)
        // O1,12 from 1; the "O1" inside "O1,12" must not be taken for another name.
        #expect(IndexBase.$current.withValue(.zero) {
            LessonPlayer.renamingTarget(in: "What is O1,12?", target)
        } == "What is O0,11?")
        #expect(IndexBase.$current.withValue(.zero) {
            LessonPlayer.renamingTarget(in: "What is the last value?", target)
        } == "What is the last value?")
    }

    @Test func captionsOfACroppedGridCountFromTheBase() throws {
        let row = (1...14).map(String.init).joined(separator: " ")
        let input = Array(repeating: row, count: 14).joined(separator: "; ")
        let steps = "  - op: conv\n    input: \"\(input)\"\n    filter: \"1 0; 0 1\"\n    only: [[1, 1]]\n"
        let slides = try player(steps).frame(at: 0).grids[0].title
        let numpy = try player(steps, Self.zero).frame(at: 0).grids[0].title
        #expect(slides == "Input X rows 1–12 of 14, columns 1–12 of 14")
        #expect(numpy == "Input X rows 0–11 of 14, columns 0–11 of 14")
    }

    @Test func channelAndFilterCaptionsCountFromTheBase() throws {
        // Two channels, two filters of 1×1: titles name channel and filter numbers.
        let steps = """
          - op: conv
            input: ["1 2; 3 4", "5 6; 7 8"]
            filters: [["1", "1"], ["2", "0"]]
            only: [[2, 1, 1]]

        """
        let titles = try player(steps, Self.zero).frame(at: 0).grids.map(\.title)
        #expect(titles.contains("Input X, channel 0"))
        #expect(titles.contains("Input X, channel 1"))
        #expect(titles.contains("Filter F1, channel 0"))
        #expect(titles.contains("Output O, filter 1"))
        let slides = try player(steps).frame(at: 0).grids.map(\.title)
        #expect(slides.contains("Filter F2, channel 1"))
        #expect(slides.contains("Output O, filter 2"))
        let complete = try player(steps, Self.zero).frame(at: 1)
        // O for filter 1 (from 0) at (0, 0): X000·F1000 + X100·F1100 = 1·2 + 5·0 = 2.
        #expect(complete.formula?.symbolic == "O100 = X000·F1000 + X100·F1100")
        #expect(complete.formula?.numeric == "O100 = 1·2 + 5·0 = 2")
    }

    @Test func trueConvolutionPairsX11WithF22() throws {
        let player = try player(forward, Self.flipped)
        let complete = player.frame(at: 5)
        #expect(complete.formula?.symbolic == "O11 = X11·F22 + X12·F21 + X21·F12 + X22·F11")
        // F turned 180° is −1 0 / 0 1: 1·(−1) + 2·0 + 4·0 + 5·1 = 4.
        #expect(complete.formula?.numeric == "O11 = 1·(-1) + 2·0 + 4·0 + 5·1 = 4")
        #expect(complete.facts.first?.hasPrefix("Shown as true convolution") == true)
        #expect(complete.grids.map(\.title).contains("F rotated 180°"))
        #expect(player.kernelOperation(at: 5) == .trueConvolution)
        #expect(player.kernelOperation(at: 0) == nil)
        // The quiz asks the flipped value: O12 = 2·(−1) + 3·0 + 5·0 + 6·1 = 4.
        #expect(player.frame(at: 1).quiz?.answer == 4)
        #expect(player.frame(at: 1).facts.first?.hasPrefix("Shown as true convolution") == true)
        #expect(try self.player(forward).frame(at: 1).facts.isEmpty)
        let numpyFlipped = try self.player(forward, Conventions(indexBase: .zero, swapsKernelFlip: true))
        #expect(numpyFlipped.frame(at: 5).formula?.symbolic == "O00 = X00·F11 + X01·F10 + X10·F01 + X11·F00")
        let plain = try self.player(forward)
        #expect(plain.kernelOperation(at: 5) == .crossCorrelation)
        #expect(plain.frame(at: 5).facts.isEmpty)
    }

    @Test func convolveStepsSwapToCrossCorrelation() throws {
        let valid = "  - op: convolve\n    input: \"1 2 3 4 5\"\n    filter: \"1 0 -1\"\n    only: [[1, 1]]\n"
        let written = try player(valid).frame(at: 2)
        // True convolution: 1·(−1) + 2·0 + 3·1 = 2; cross-correlation: 1·1 + 2·0 + 3·(−1) = −2.
        #expect(written.formula?.symbolic == "O11 = X11·F13 + X12·F12 + X13·F11")
        #expect(written.formula?.numeric == "O11 = 1·(-1) + 2·0 + 3·1 = 2")
        let swapped = try player(valid, Self.flipped)
        #expect(swapped.frame(at: 2).formula?.symbolic == "O11 = X11·F11 + X12·F12 + X13·F13")
        #expect(swapped.frame(at: 2).formula?.numeric == "O11 = 1·1 + 2·0 + 3·(-1) = -2")
        #expect(swapped.kernelOperation(at: 2) == .crossCorrelation)
    }

    @Test func fullConvolveSwapsToFullCrossCorrelation() throws {
        let full = "  - op: convolve\n    input: \"1 2 3\"\n    filter: \"1 -1\"\n    mode: full\n"
        // np.convolve([1, 2, 3], [1, -1]) = [1, 1, 1, -3]; np.correlate([1, 2, 3], [1, -1], "full") reversed
        // pairs: [0·1 + 1·(−1), 1 − 2, 2 − 3, 3·1] = [-1, -1, -1, 3].
        #expect(try player(full).plans[0].results["output"]?.tensor.values == [1, 1, 1, -3])
        #expect(try player(full, Self.flipped).plans[0].results["output"]?.tensor.values == [-1, -1, -1, 3])
    }

    @Test func editsAndRandomNumbersKeepTheConventions() throws {
        let conventions = Conventions(indexBase: .zero, swapsKernelFlip: true)
        let player = try player(forward, conventions)
        let source = try #require(player.frame(at: 2).grids.first?.source)
        let edited = try player.replacingValue(3, in: source, row: 0, column: 0, at: 2)
        #expect(edited.conventions == conventions)
        // X00 is now 3: 3·(−1) + 2·0 + 4·0 + 5·1 = 2.
        #expect(edited.frame(at: 5).formula?.numeric == "O00 = 3·(-1) + 2·0 + 4·0 + 5·1 = 2")
        #expect(player.randomized(at: 2, seed: 7).conventions == conventions)
        #expect(try player.with(Conventions()).frame(at: 5).formula?.symbolic
                == "O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22")
    }
}
