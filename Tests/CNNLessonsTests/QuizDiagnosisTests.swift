import CNNCore
import Foundation
import Testing
@testable import CNNLessons

/// The named cases of issue 16: each wrong answer typed into a bundled lesson's quiz, driven through the
/// `LessonPlayer`, gets exactly one diagnosis of the right kind. Every typed value is worked out by hand from
/// the lesson's numbers (shown in the comments), never read back from the tutor.
struct QuizDiagnosisTests {
    static let library = LessonLibrary.load(userDirectories: [], environment: [:])

    /// The quiz at tutor step `step` (1-based, as `show --step` counts) of bundled lesson `id`.
    func quiz(_ id: String, step: Int) throws -> QuizPrompt {
        let entry = try #require(Self.library.entries.first { $0.header.id == id })
        let player = try entry.player.get()
        return try #require(player.frame(at: step - 1).quiz, "\(id) step \(step) asks no quiz")
    }

    func diagnosis(_ id: String, step: Int, typed: String) throws -> QuizDiagnosis {
        try #require(try quiz(id, step: step).diagnosis(of: typed))
    }

    /// 15/19: ∂L/∂X122 = (1·2 + (−1)·(−1) + 2·0 + 0·1) + (0·1 + 1·0 + (−1)·(−1) + 2·2) = 3 + 5 = 8.
    @Test(arguments: [("3", "filter 1's part alone"), ("5", "filter 2's part alone")])
    func oneFiltersPartIsFiltersNotSummed(typed: String, words: String) throws {
        let found = try diagnosis("channels-and-batch-backward", step: 19, typed: typed)
        #expect(found.kind == .mistake(.filtersNotSummed))
        #expect(found.message.hasPrefix("that is \(words)"))
        #expect(found.term == nil)
    }

    /// 15/19 typed 0: the unturned filter (F22 meets ∂L/∂O11 … and gives 0) is one diagnosis, with no term lit
    /// beside it.
    @Test func zeroGetsOneDiagnosis() throws {
        let found = try diagnosis("channels-and-batch-backward", step: 19, typed: "0")
        #expect(found.kind == .mistake(.unrotatedFilter))
        #expect(found.term == nil)
    }

    /// 24/20: O5 = X3·F1 + X2·F3 = 3·1 + 2·1 = 5; one stamp alone gives 3 or 2.
    @Test(arguments: [("3", "X3"), ("2", "X2")])
    func oneStampIsStampsNotAdded(typed: String, stamp: String) throws {
        let found = try diagnosis("transposed-convolution", step: 20, typed: typed)
        #expect(found.kind == .mistake(.stampsNotAdded))
        #expect(found.message.hasPrefix("that is \(stamp)'s stamp alone"))
    }

    /// 15/39: the batch's ∂L/∂F21 = 3 (sample 1) + 5 (sample 2) = 8; averaged, 4.
    @Test func theBatchAveraged() throws {
        #expect(try diagnosis("channels-and-batch-backward", step: 39, typed: "4").kind == .mistake(.batchAveraged))
    }

    /// 9/8: ∂L/∂F12 = 2·3 + (−1)·1 + 1·6 + 3·7 = 32; with the sign turned, −32.
    @Test func theGradientsSignTurned() throws {
        #expect(try diagnosis("weight-gradient", step: 8, typed: "-32").kind == .mistake(.gradientSign))
        #expect(try diagnosis("weight-gradient", step: 8, typed: "−32").kind == .mistake(.gradientSign))
    }

    /// 23/4: with the taps side by side, O11 = [1 0 2; 2 1 0; 0 3 1]·[1 0 −1; 2 1 0; −1 0 1]
    /// = 1 − 2 + 4 + 1 + 1 = 5 (the dilated value is 1).
    @Test func theDilationIgnored() throws {
        #expect(try quiz("dilated-convolution", step: 4).answer == 1)
        #expect(try diagnosis("dilated-convolution", step: 4, typed: "5").kind == .mistake(.dilationIgnored))
    }

    /// 21/7: the centre window [1 2; 3 1] with its own filter 4 (all ones) gives 7; with filter 1 [1 0; 0 −1]
    /// 0, filter 2 [2 1; 0 0] 4, filter 3 [0 1; 1 0] 5.
    @Test(arguments: [("0", 1), ("4", 2), ("5", 3)])
    func anotherTilesFilter(typed: String, filter: Int) throws {
        let found = try diagnosis("unshared-tiled-cross-channel", step: 7, typed: typed)
        #expect(found.kind == .mistake(.otherTileFilter))
        #expect(found.message.hasPrefix("that uses filter \(filter)'s weights: this position uses filter 4"))
    }

    /// Output sizes: 1/6 is ⌊(5 − 2)/2⌋ + 1 = 2 (up: 3; no + 1: 1); 1/12 is 5 + 2 − 3 + 1 = 5, where the
    /// padding once and the + 1 forgotten both give 4 and the declared slip is named; 23/2 is
    /// (7 − 2·2 − 1) + 1 = 3, undilated (7 − 3) + 1 = 5.
    @Test(arguments: [("output-size", 6, "3", QuizMistakeKind.roundedUp),
                      ("output-size", 6, "1", .plusOneForgotten),
                      ("output-size", 12, "4", .paddingCountedOnce),
                      ("dilated-convolution", 2, "5", .dilationIgnored)])
    func outputSizeSlips(id: String, step: Int, typed: String, kind: QuizMistakeKind) throws {
        #expect(try diagnosis(id, step: step, typed: typed).kind == .mistake(kind))
    }

    /// 1/6: the hint is the formula with the quiz's numbers, not worked out; the working ends in the answer.
    @Test func anOutputSizeHintFillsInTheNumbers() throws {
        let quiz = try quiz("output-size", step: 6)
        let hint = try #require(quiz.hint)
        #expect(hint.hasPrefix("⌊(N + 2P − F)/S⌋ + 1 = ⌊(5 + 2·0 − 2)/2⌋ + 1 — "))
        #expect(!LessonLint.states(2, in: hint))
        #expect(quiz.worked == ["⌊(N + 2P − F)/S⌋ + 1 = ⌊(5 + 2·0 − 2)/2⌋ + 1 = ⌊3/2⌋ + 1 = 2"])
    }

    /// 24/17: O66 has no term (no stamp reaches it); the hint says where to look, not that it is 0.
    @Test func theEmptySumsHintKeepsTheValue() throws {
        let quiz = try quiz("transposed-convolution", step: 17)
        #expect(quiz.answer == 0)
        let hint = try #require(quiz.hint)
        #expect(hint.hasPrefix("O66: find what reaches this cell"))
        #expect(!LessonLint.states(0, in: hint))
    }

    /// The fake sum O = 5·1 + 6·0 + 8·0 + 9·(−1) = −4 (by hand): where a number went astray in it.
    @Test(arguments: [("5", QuizDiagnosis.Kind.stoppedEarly, Int?.some(1)), ("-9", .termLeftOut, 0),
                      ("14", .termSignFlipped, 3), ("100", .unrecognised, nil)])
    func whereASumWentAstray(typed: String, kind: QuizDiagnosis.Kind, term: Int?) throws {
        let values: [(Double, Double)] = [(5, 1), (6, 0), (8, 0), (9, -1)]
        var partial = 0.0
        let terms = values.enumerated().map { index, pair in
            partial += pair.0 * pair.1
            return Term(factors: [Factor(name: "X", position: [index], subscripts: [index], value: pair.0),
                                  Factor(name: "F", position: [index], subscripts: [index], value: pair.1)],
                        product: pair.0 * pair.1, partial: partial)
        }
        let target = Factor(name: "O", position: [0], subscripts: [0], value: partial)
        var quiz = QuizPrompt(id: "x/1", question: "O1?", answer: -4, worked: [])
        quiz.formula = WorkedFormula(Explanation(target: target, reduction: .sum, terms: terms, value: partial))
        let found = try #require(quiz.diagnosis(of: typed))
        #expect(found.kind == kind)
        #expect(found.term == term)
    }

    /// Every known slip of every bundled quiz is named as itself when typed, with a message that never states
    /// the answer, and the right answer gets no diagnosis.
    @Test func everyBundledSlipIsNamedAsItself() throws {
        for entry in Self.library.entries {
            let player = try entry.player.get()
            for range in player.lessonStepRanges {
                guard let quiz = player.frame(at: range.lowerBound).quiz else { continue }
                #expect(quiz.diagnosis(of: NumberFormat.string(quiz.answer)) == nil)
                for slip in quiz.mistakes ?? [] {
                    let found = QuizDiagnosis(quiz, answer: slip.value)
                    #expect(found.kind == .mistake(slip.kind), "\(quiz.id): \(slip.kind)")
                    #expect(!LessonLint.states(quiz.answer, in: slip.message), "\(quiz.id): \(slip.message)")
                }
            }
        }
    }
}
