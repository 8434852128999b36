import Foundation
import Testing
@testable import CNNLessons

/// The engine recognises classic mistakes from the numbers: every expected value below is worked out by hand
/// (and was checked with numpy/scipy), never read back from the tutor.
///
/// Most steps use X = [[1 2 0 1] [3 1 4 0] [0 2 5 1] [2 0 1 3]] and F = [[1 2] [0 −1]]; its cross-correlation
/// is [[4 −2 2] [3 4 3] [4 11 4]], its true convolution (F turned: [[−1 0] [2 1]]) [[6 4 8] [−1 8 7] [4 −1 0]].
struct QuizMistakesTests {
    static let input = "\"1 2 0 1; 3 1 4 0; 0 2 5 1; 2 0 1 3\""

    /// The quiz of the lesson's only step: its answer and its mistakes as (value, message).
    func quiz(_ step: String) throws -> (answer: Double, mistakes: [(value: Double, message: String)]) {
        let text = LessonPlayerTests.header + step
        let player = try LessonPlayer(lesson: LessonLoader.load(text: text, file: "m.yaml").get())
        let quiz = try #require(player.frame(at: 0).quiz)
        return (quiz.answer, (quiz.mistakes ?? []).map { ($0.value, $0.message) })
    }

    @Test func theFlippedFilterAndTheNeighbouringWindows() throws {
        let (answer, mistakes) = try quiz("""
          - op: conv
            input: \(Self.input)
            filter: "1 2; 0 -1"
            quiz: {ask: O22?, value: output, at: [2, 2]}

        """)
        // O22 = 1·1 + 4·2 + 2·0 + 5·(−1) = 4; with F turned: 1·(−1) + 4·0 + 2·2 + 5·1 = 8.
        // Neighbours: O23 = 3 (right), O21 = 3 (left, the same number: said once), O32 = 11 (down), O12 = −2 (up).
        #expect(answer == 4)
        #expect(mistakes.map(\.value) == [8, 3, 11, -2])
        #expect(mistakes[0].message.contains("true-convolution value"))
        #expect(mistakes[1].message
                == "that is O23, one column to the right of the value asked: the right sum in the wrong place")
        #expect(mistakes[2].message.hasPrefix("that is O32, one row below"))
        #expect(mistakes[3].message.hasPrefix("that is O12, one row above"))
    }

    @Test func crossCorrelationTypedWhereTrueConvolutionWasAsked() throws {
        let (answer, mistakes) = try quiz("""
          - op: convolve
            input: \(Self.input)
            filter: "1 2; 0 -1"
            quiz: {ask: O22?, value: output, at: [2, 2]}

        """)
        // True convolution O22 = 8 (above); sliding F unturned gives the cross-correlation value 4.
        #expect(answer == 8)
        #expect(mistakes.first?.value == 4)
        #expect(mistakes.first?.message.contains("cross-correlation value") == true)
    }

    @Test func theBiasAndTheReLUForgotten() throws {
        let (answer, mistakes) = try quiz("""
          - op: conv
            input: \(Self.input)
            filter: "1 2; 0 -1"
            bias: -5
            relu: true
            quiz: {ask: A22?, value: output, at: [2, 2]}

        """)
        // O22 = 4 − 5 = −1, so A22 = 0. Flipped: max(0, 8 − 5) = 3. Before ReLU: −1. Bias forgotten (before
        // ReLU): max(0, 4) = 4. Neighbours after ReLU: A23 = max(0, 3 − 5) = 0 and A21 = 0 and A12 = 0 are the
        // answer itself; A32 = 11 − 5 = 6.
        #expect(answer == 0)
        #expect(mistakes.map(\.value) == [3, -1, 4, 6])
        #expect(mistakes[1].message.contains("before ReLU"))
        #expect(mistakes[2].message == "that is the sum without the bias: add b = -5, before ReLU")
        #expect(mistakes[3].message.hasPrefix("that is the value at row 3, column 2, one row below"))
    }

    @Test func thePaddingForgotten() throws {
        let (answer, mistakes) = try quiz("""
          - op: conv
            input: \(Self.input)
            filter: "1 2; 0 -1"
            padding: 1
            quiz: {ask: O11?, value: output, at: [1, 1]}

        """)
        // Padded, O11's window is [[0 0] [0 X11]]: 1·(−1) = −1. Flipped: 1·1 = 1. Without padding the window
        // starts at X11: the unpadded O11 = 4. Neighbour O12 = 0·1 + 0·2 + 1·0 + 2·(−1) = −2; O21 = −1 is the answer.
        #expect(answer == -1)
        #expect(mistakes.map(\.value) == [1, 4, -2])
        #expect(mistakes[1].message.contains("unpadded input: the zero border was left out"))
    }

    @Test func aWindowMovedByOneCellInsteadOfOneStride() throws {
        let (answer, mistakes) = try quiz("""
          - op: conv
            input: \(Self.input)
            filter: "1 2; 0 -1"
            stride: 2
            quiz: {ask: O12?, value: output, at: [1, 2]}

        """)
        // Stride 2 keeps every other window: O = [[4 2] [4 4]],
        // O12 = X13·1 + X14·2 + X23·0 + X24·(−1) = 0 + 2 + 0 − 0 = 2.
        // Flipped: 8. One cell left (window at columns 2–3): −2; one cell down (rows 2–3, columns 3–4): 3.
        // Neighbour O11 = 4 (left); O22 = 4 again.
        #expect(answer == 2)
        #expect(mistakes.map(\.value) == [8, -2, 3, 4])
        #expect(mistakes[1].message.hasPrefix(
            "that is the sum over the window moved one column left (by one cell, not one stride)"))
        #expect(mistakes[2].message.hasPrefix("that is the sum over the window moved one row down"))
    }

    @Test func theWholeSumTypedForARunningSum() throws {
        let (answer, mistakes) = try quiz("""
          - op: conv
            input: "1 2 0; 3 1 4; 0 2 5"
            filter: "1 2; 0 -1"
            bias: 1
            quiz: {ask: X22·F11 + X23·F12?, value: output, at: [2, 2], term: 2}

        """)
        // O22's terms: 1·1 = 1 → 1, 4·2 = 8 → 9, 2·0 → 9, 5·(−1) → 4; with the bias 1 the value is 5.
        // After term 2: 9. The whole sum 4, the finished value 5, one term short 1; one term more is 9 again.
        #expect(answer == 9)
        #expect(mistakes.map(\.value) == [4, 5, 1])
        #expect(mistakes[0].message == "that is the whole sum of all 4 terms: the question stops after term 2")
        #expect(mistakes[2].message.contains("one term short"))
    }

    static let pooled = "\"1 3 0 1; 2 9 1 3; 4 0 2 2; 1 1 0 4\""

    @Test func theSlidesRoundedAverageAndTheOtherPoolingSlips() throws {
        let (answer, mistakes) = try quiz("""
          - op: pool
            mode: avg
            size: 2
            input: \(Self.pooled)
            quiz: {ask: P11?, value: output, at: [1, 1]}

        """)
        // P11 = (1 + 3 + 2 + 9)/4 = 15/4 = 3.75. Rounded as the slide prints it: 4; fraction dropped: 3; the sum
        // 15; the maximum 9. The window one column right (3 0; 9 1) averages 13/4 = 3.25; one row down (2 9; 4 0)
        // gives 3.75 again. Neighbours P12 = (0 + 1 + 1 + 3)/4 = 1.25, P21 = (4 + 0 + 1 + 1)/4 = 1.5.
        #expect(answer == 3.75)
        #expect(mistakes.map(\.value) == [4, 3, 15, 9, 3.25, 1.25, 1.5])
        #expect(mistakes[0].message.contains("rounded to a whole number, as the slide prints it"))
        #expect(mistakes[2].message.contains("sum"))
        #expect(mistakes[3].message.contains("maximum: average pooling asks for the mean"))
        #expect(mistakes.allSatisfy { !$0.message.contains("3.75") && !$0.message.contains("15/4") })
    }

    @Test func theAverageTakenWhereTheMaximumWasAsked() throws {
        let (answer, mistakes) = try quiz("""
          - op: pool
            mode: max
            size: 2
            input: \(Self.pooled)
            quiz: {ask: P11?, value: output, at: [1, 1]}

        """)
        // P11 = max(1, 3, 2, 9) = 9; the mean 3.75. Both shifted windows also hold the 9. P12 = 3, P21 = 4.
        #expect(answer == 9)
        #expect(mistakes.map(\.value) == [3.75, 3, 4])
        #expect(mistakes[0].message == "that is the window's mean: max pooling keeps the largest value")
    }

    @Test func theBiasGradientAveragedInsteadOfSummed() throws {
        let (answer, mistakes) = try quiz("""
          - op: conv-backward
            input: "4 3 1; 8 6 7; 9 5 2"
            filter: "1 -2; 3 -3"
            grad: "2 -1; 1 3"
            gradient: bias
            quiz: {ask: ∂L/∂b?, value: grad_bias}

        """)
        // ∂L/∂b = 2 − 1 + 1 + 3 = 5; averaged over the four outputs: 5/4 = 1.25.
        #expect(answer == 5)
        #expect(mistakes.map(\.value) == [1.25])
        #expect(mistakes[0].message == "that is the mean of the 4 values: the gradient adds them up")
    }

    @Test func theInputGradientWithTheFilterNotTurned() throws {
        let (answer, mistakes) = try quiz("""
          - op: conv-backward
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 2; 3 4"
            grad: "1 0; 0 0"
            gradient: input
            quiz: {ask: ∂L/∂X11?, value: grad_input, at: [1, 1]}

        """)
        // Only ∂L/∂O11 = 1 is nonzero, so ∂L/∂X is F laid at the top left: ∂L/∂X11 = F11 = 1, ∂L/∂X12 = 2,
        // ∂L/∂X21 = 3. Sliding F unturned over the gradient padded by 1, the window at X11 meets the 1 with F22 = 4.
        // The sign turned gives −1; one filter, so no filter's part is left out.
        #expect(answer == 1)
        #expect(mistakes.map(\.value) == [4, -1, 2, 3])
        #expect(mistakes[0].message.contains("for ∂L/∂X it is turned by 180° first"))
        #expect(mistakes[1].message.hasPrefix("that has the sign turned"))
        #expect(mistakes[2].message.hasPrefix("that is ∂L/∂X12, one column to the right of"))
    }

    /// Lesson 24's layer: X = 2 −1 / 1 3 stamps F = 1 2 −1 / −2 1 3 / 2 −1 1 at stride 2 onto a 5×5 output.
    static let transposed = """
          - op: transposed
            input: "2 -1; 1 3"
            filter: "1 2 -1; -2 1 3; 2 -1 1"
            stride: 2
        """

    @Test func theTransposedValueWithTheFilterTurned() throws {
        let (answer, mistakes) = try quiz(Self.transposed + """

            form: scatter
            quiz: {ask: O33?, value: output, at: [3, 3]}

        """)
        // All four stamps reach O33: 2·F33 + (−1)·F31 + 1·F13 + 3·F11 = 2 − 2 − 1 + 3 = 2. Turned by 180°, each
        // stamp meets the opposite weight: 2·F11 + (−1)·F13 + 1·F31 + 3·F33 = 2 + 1 + 2 + 3 = 8. Then the
        // neighbours right, left and below: O34 = 7, O32 = 0, O43 = −3 (O23 = 8 is already named). First come
        // the stamps alone, in the order the sum takes them: X22's 3·1 = 3, X21's 1·(−1) = −1, X12's (−1)·2 = −2
        // (X11's 2·1 = 2 is the answer itself, so not a wrong one).
        #expect(answer == 2)
        #expect(mistakes.map(\.value) == [3, -1, -2, 8, 7, 0, -3])
        #expect(mistakes[0].message.hasPrefix("that is X22's stamp alone"))
        #expect(mistakes[3].message.contains("turned by 180°"))
    }

    @Test func theOutputPaddingPutAtTheStart() throws {
        let (answer, mistakes) = try quiz(Self.transposed + """

            output_padding: 1
            quiz: {ask: O66?, value: output, at: [6, 6]}

        """)
        // No stamp reaches row 6 (the last covers rows 3–5), so O66 = 0, as are its neighbours and the turned
        // value; padding at the start would shift the 5×5 output down-right, putting its O55 = 1·3 = 3 there.
        #expect(answer == 0)
        #expect(mistakes.map(\.value) == [3])
        #expect(mistakes[0].message.contains("at the far end"))
    }

    @Test func everyBundledValueQuizRecognisesSomethingAndNeverItsAnswer() throws {
        let (lessons, _) = LessonLibrary.load(userDirectories: [], environment: [:]).loadAll()
        for lesson in lessons {
            let player = try LessonPlayer(lesson: lesson)
            for range in player.lessonStepRanges {
                guard let quiz = player.frame(at: range.lowerBound).quiz else { continue }
                for mistake in quiz.mistakes ?? [] {
                    #expect(abs(mistake.value - quiz.answer) > 1e-9, "\(quiz.id): a mistake equals the answer")
                }
                // The vertical difference of an image with equal rows is 0 everywhere, flipped or moved.
                if quiz.grid != nil && quiz.id != "efficiency/9" {
                    #expect(quiz.mistakes?.isEmpty == false, "\(quiz.id) at \(quiz.at ?? []) recognises no mistake")
                }
            }
        }
    }
}

/// The first wrong answer's hint names the terms and how they combine, never the value.
struct QuizHintTests {
    func hint(_ step: String) throws -> String? {
        let text = LessonPlayerTests.header + step
        let player = try LessonPlayer(lesson: LessonLoader.load(text: text, file: "h.yaml").get())
        return player.frame(at: 0).quiz?.hint
    }

    @Test func hintsNameTheTermsAndTheReduction() throws {
        #expect(try hint("""
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            bias: 2
            quiz: {ask: O12?, value: output, at: [1, 2]}

        """) == "O12 = X12·F11 + X13·F12 + X22·F21 + X23·F22 + b — 4 products, each worked on its own, "
                + "then added, then the bias.")
        #expect(try hint("""
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            quiz: {ask: O22 after two terms?, value: output, at: [2, 2], term: 2}

        """) == "O22 = X22·F11 + X23·F12 + … — only the first 2 of the 4 products, added; stop there.")
        #expect(try hint("""
          - op: pool
            mode: avg
            size: 2
            input: "1 3; 2 9"
            quiz: {ask: P11?, value: output, at: [1, 1]}

        """) == "P11 = (X11 + X12 + X21 + X22)/4 — add the window's 4 cells, then divide by 4.")
        #expect(try hint("""
          - op: pool
            mode: max
            size: 2
            input: "1 3; 2 9"
            quiz: {ask: P11?, value: output, at: [1, 1]}

        """) == "P11 = max(X11, X12, X21, X22) — the largest of the window's 4 cells.")
    }
}
