import CNNLessons
import Testing
@testable import CNNTutorUI

/// Answering a multiple-choice quiz with its letter and a "which cell?" quiz by typing or pointing, with the
/// author's hint before the computed one and the explanation once the answer is known.
@Suite("Quiz kinds in the tutor")
struct QuizKindsUITests {
    /// A tutor at the first quiz of `kind` in bundled lesson `lesson`.
    func tutor(_ lesson: String, kind: QuizKind, width: Int = 80, height: Int = 24) throws -> TutorState {
        let player = try #require(try? bundledLibrary.entries.first { $0.header.id == lesson }?.player.get())
        let step = try #require((0..<player.stepCount).first { player.frame(at: $0).quiz?.kind == kind })
        var state = TutorState(entries: bundledEntries(), width: width, height: height, startLesson: lesson,
                               startStep: step)
        state.update(.resize(width: width, height: height))
        return state
    }

    func text(_ state: TutorState) -> String { render(state).lines.joined(separator: "\n") }

    /// The keys of typing `cell` (0-based subscripts) from `base`, then Enter.
    func typing(_ cell: [Int], base: Int = 1) -> [Key] {
        Array("\(cell[0] + base) \(cell[1] + base)").map { Key.character($0) } + [.enter]
    }

    @Test func aLetterAnswersAMultipleChoiceQuiz() throws {
        var state = try tutor("output-size", kind: .choice)
        let quiz = try #require(state.frame?.quiz)
        let right = try #require(quiz.rightChoice)
        let wrong = try #require(quiz.choices?.first { !$0.isRight && $0.mistake != nil })
        #expect(text(state).contains("a) "))
        state.update(.character(Character(wrong.letter)))
        #expect(state.quizFeedback[quiz.id]?.verdict == .wrong)
        #expect(text(state).contains("✗ \(wrong.letter): "))
        #expect(!text(state).contains("Why:"))
        state.update(.character(Character(right.letter)))
        #expect(state.quizFeedback[quiz.id]?.verdict == .right)
        #expect(text(state).contains("✓ Right: \(right.letter))"))
        #expect(text(state).contains("Why:"))
        #expect(state.progress.lessons["output-size"]?.quizzes[quiz.id] != nil)
    }

    @Test func aLetterWithNoChoiceIsSaidAndNotCounted() throws {
        var state = try tutor("output-size", kind: .choice)
        let quiz = try #require(state.frame?.quiz)
        state.update(.character("f"))
        #expect(state.quizFeedback[quiz.id] == nil)
        #expect(state.message?.contains("there is no choice f") == true)
    }

    @Test func aTypedCellAnswersAWhichCellQuizInTheIndexBaseShown() throws {
        var state = try tutor("max-pooling", kind: .cell)
        let quiz = try #require(state.frame?.quiz)
        let cell = try #require(quiz.cell)
        // A loser in the window first: its diagnosis, then the author's hint.
        let loser = try #require(cell.candidates.first { !$0.message.isEmpty })
        state.update(typing(loser.subscripts))
        #expect(state.quizFeedback[quiz.id]?.verdict == .wrong)
        #expect(text(state).contains("is in the window, but"))
        #expect(text(state).contains("Hint: Only the nine cells"))
        state.update(typing(cell.subscripts))
        #expect(state.quizFeedback[quiz.id]?.verdict == .right)
        #expect(text(state).contains("Why:"))
    }

    @Test func aCellOutsideTheWindowIsToldSo() throws {
        var state = try tutor("max-pooling", kind: .cell)
        let quiz = try #require(state.frame?.quiz)
        state.update([.character("5"), .character(" "), .character("1"), .enter])
        #expect(state.quizFeedback[quiz.id]?.verdict == .wrong)
        #expect(text(state).contains("does not enter"))
    }

    @Test func pointingAtTheCellAndEnterAnswers() throws {
        var state = try tutor("max-pooling", kind: .cell)
        let quiz = try #require(state.frame?.quiz)
        let cell = try #require(quiz.cell)
        state.update(.character("x"))
        guard case .pointer(let pointer) = state.input else {
            Issue.record("the pointer is not on")
            return
        }
        #expect(state.frame?.grids[pointer.grid].title == cell.grid)
        // The pointer opened at the top-left cell; move it to the answer.
        state.update(Array(repeating: Key.down, count: cell.at[0] - 1)
                     + Array(repeating: Key.right, count: cell.at[1] - 1) + [.enter])
        #expect(state.quizFeedback[quiz.id]?.verdict == .right)
        #expect(state.quizFeedback[quiz.id]?.answer == cell.symbol)
    }

    @Test func fromZeroTheSameCellIsTypedOneLess() throws {
        var state = try tutor("max-pooling", kind: .cell)
        let quiz = try #require(state.frame?.quiz)
        let cell = try #require(quiz.cell)
        state.update(.escape)
        state.update(.character("i"))
        state.update(typing(cell.subscripts, base: 0))
        #expect(state.quizFeedback[quiz.id]?.verdict == .right)
    }

    @Test(arguments: [(60, 20), (80, 24)])
    func bothKindsFitTheSmallScreens(width: Int, height: Int) throws {
        for (lesson, kind) in [("output-size", QuizKind.choice), ("max-pooling", .cell)] {
            let state = try tutor(lesson, kind: kind, width: width, height: height)
            #expect(text(state).contains("your answer"), "\(lesson) at \(width)×\(height)")
        }
    }
}
