import CNNLessons
import Testing
@testable import CNNTutorUI

/// A quiz's operands stay on screen (issue 16, item 7): at 80×24 and in present mode, before any answer and after
/// one and two wrong ones, every grid cell the quiz's worked terms use is drawn, neither hidden with its grid nor
/// cropped away; the feedback shortens the narration first.
struct QuizOperandScreenTests {
    static let entries = bundledEntries()
    static let theme = Theme(colors: true)

    /// `lesson` at its frame `index` (0-based), after `wrong` wrong answers to the quiz there.
    func state(lesson: String, index: Int, wrong: Int, present: Bool, width: Int = 80,
               height: Int = 24) -> TutorState {
        var state = TutorState(entries: Self.entries, options: TutorOptions(present: present), width: width,
                               height: height, startLesson: lesson, startStep: index)
        let answer = state.frame?.quiz?.answer ?? 0
        for attempt in 0..<wrong {
            // Far from the answer and from every classic mistake's value.
            state.update(Key.typing("\(Int(answer.rounded()) + 1000 + attempt)\n"))
        }
        return state
    }

    /// The operands (symbols) the layout leaves out of the drawn grids, and whether the quiz's lines are cut.
    func audit(_ state: TutorState, index: Int) throws -> (missing: [String], cut: Bool) {
        let player = try #require(state.currentSource as? LessonPlayer)
        let frame = try #require(state.frame)
        let (sections, layout, _) = TutorView.lessonLayout(state, frame: frame, width: state.width,
                                                           height: state.height, ascii: false, theme: Self.theme)
        let missing = player.quizOperandCells(atFrame: index).filter { operand in
            !layout.grids.blocks.contains { block in
                block.index == operand.grid && block.rows.contains(operand.row)
                    && block.columns.contains(operand.column)
            }
        }
        return (missing.map(\.symbol), layout.quiz < sections.quiz.count)
    }

    /// Every quiz frame of every bundled lesson, as (lesson id, 0-based frame index).
    var quizFrames: [(lesson: String, index: Int)] {
        Self.entries.flatMap { entry -> [(lesson: String, index: Int)] in
            guard let player = entry.current as? LessonPlayer else { return [] }
            return player.quizFrameIndices.map { (entry.id, $0) }
        }
    }

    /// The network lessons (orders 25–28) draw a 36-value vector, 10×36 weights and 8×8 digits: their quizzes
    /// are held to a 160×45 screen, the others to 80×24.
    static let networkLessons: Set<String> = ["digit-forward", "digit-backward", "one-sgd-step",
                                              "everything-else-unchanged"]

    @Test(arguments: [false, true])
    func everyQuizKeepsItsOperandsOnScreen(present: Bool) throws {
        var checked = 0
        for (lesson, index) in quizFrames {
            let (width, height) = Self.networkLessons.contains(lesson) ? (160, 45) : (80, 24)
            for wrong in 0...2 {
                let state = state(lesson: lesson, index: index, wrong: wrong, present: present, width: width,
                                  height: height)
                let found = try audit(state, index: index)
                #expect(found.missing == [], "\(lesson) step \(index + 1), \(wrong) wrong, present: \(present)")
                checked += 1
            }
        }
        #expect(checked >= 120)
    }

    /// Quizzes whose worked terms and operand grids together need more than 80×24: 27 products beside seven grids,
    /// nine beside a 9×9 padded input. They get 100×40.
    static let tallQuizzes: Set<String> = ["convolution-over-volume step 31", "receptive-fields step 8",
                                           "receptive-fields step 12"]

    /// After two wrong answers the worked terms show whole beside every operand grid, at 80×24 (100×40 for the
    /// tall quizzes), students' layout and present mode alike. Not yet the network lessons: 36 products of
    /// twelve-digit numbers (digit-forward's quiz on W41·a1 lists all of them) need more than 160×45.
    @Test(arguments: [false, true])
    func theWorkedTermsShowWhole(present: Bool) throws {
        var checked = 0
        for (lesson, index) in quizFrames where !Self.networkLessons.contains(lesson) {
            let name = "\(lesson) step \(index + 1)"
            let (width, height) = Self.tallQuizzes.contains(name) ? (100, 40) : (80, 24)
            let state = state(lesson: lesson, index: index, wrong: 2, present: present, width: width, height: height)
            let found = try audit(state, index: index)
            #expect(!found.cut && found.missing == [], "\(name) at \(width)×\(height)")
            checked += 1
        }
        #expect(checked >= 30)
    }

    /// The three quizzes issue 16 found cut: their worked terms show whole at 80×24 beside every operand grid.
    @Test(arguments: [("channels-and-batch-backward", 19), ("channels-and-batch-backward", 39),
                      ("unshared-tiled-cross-channel", 7)])
    func theWorkedTermsAreNotCut(lesson: String, step: Int) throws {
        let state = state(lesson: lesson, index: step - 1, wrong: 2, present: false)
        let found = try audit(state, index: step - 1)
        #expect(found.missing == [] && !found.cut, "\(dump(render(state)))")
        let screen = render(state)
        #expect(screen.contains("The worked terms") && !screen.contains("⋮"))
    }

    /// convolution-over-volume's quiz on O112 sums over all three channels: a wrong answer keeps channels 2 and 3.
    @Test func aWrongAnswerKeepsEveryChannel() throws {
        for wrong in 1...2 {
            let state = state(lesson: "convolution-over-volume", index: 30, wrong: wrong, present: false)
            let screen = render(state)
            for title in ["Input X ch2", "Input X ch3", "Filter F1 ch3"] {
                #expect(screen.contains(title) || screen.contains(title.replacingOccurrences(of: " ch", with:
                    ", channel ")), "\(title)\n\(dump(screen))")
            }
            #expect(!screen.contains("not in play hidden"))
        }
    }
}
