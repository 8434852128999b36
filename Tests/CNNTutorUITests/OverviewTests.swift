import CNNLessons
import Testing
@testable import CNNTutorUI

/// `O`: the lesson's steps with the numbers the status line uses; Enter jumps, Esc returns.
@Suite("The overview of a lesson's steps")
struct OverviewTests {
    @Test func listsTheStepsWithTheStatusLinesNumbers() {
        var state = fakeState(step: 6)
        state.update(.character("O"))
        let screen = render(state)
        #expect(screen.contains("1  The cast"))
        #expect(screen.contains("▸ 2–17  Every output value  ◂ here"))
        #expect(screen.contains("18  Your turn"))
        #expect(screen.contains("step 7/18"))
    }

    @Test func enterJumpsToTheFirstFrameOfTheChosenStep() {
        var state = fakeState(step: 6)
        state.update([.character("O"), .down, .enter])
        #expect(!state.isInMenu && state.overview == nil)
        #expect(state.step == 17)
        #expect(state.frame?.heading == "Your turn")
        #expect(state.answer == "", "a quiz's answer box is open")
    }

    @Test func escapeReturnsWhereTheLessonWas() {
        var state = fakeState(step: 6)
        state.update([.character("O"), .home, .escape])
        #expect(state.overview == nil)
        #expect(state.step == 6)
    }

    @Test func otherKeysSayWhatWorks() {
        var state = fakeState(step: 6)
        state.update([.character("O"), .character("z")])
        #expect(state.overview != nil)
        #expect(render(state).contains("Enter jumps"))
    }

    /// Every bundled lesson: the overview's numbers cover the frames once each, in order, and each entry's
    /// first frame is headed by its title, as `show --step` and the exporters count them.
    @Test func theBundledLessonsCountTheSameStepsEverywhere() throws {
        for entry in bundledEntries() {
            let player = try #require(entry.current as? LessonPlayer, "\(entry.id)")
            let outline = player.outline
            #expect(outline.first?.steps.lowerBound == 1)
            #expect(outline.last?.steps.upperBound == player.stepCount)
            for (index, item) in outline.enumerated() {
                #expect(item.steps == player.tutorSteps(ofStep: index))
                #expect(player.frame(at: item.steps.lowerBound - 1).heading == item.title)
                #expect(player.tutorStepsLabel(ofStep: index).hasSuffix(item.label), "\(entry.id) \(item.label)")
                if index > 0 { #expect(outline[index - 1].steps.upperBound + 1 == item.steps.lowerBound) }
            }
        }
    }

    @Test func jumpingInABundledLessonShowsTheStepOnTheStatusLine() throws {
        var state = TutorState(entries: bundledEntries(), startLesson: "forward-pass", startStep: 0)
        let outline = try #require(state.currentSource?.outline)
        let chosen = outline.count - 2
        state.update([.character("O")] + Array(repeating: Key.down, count: chosen) + [.enter])
        #expect(render(state).contains("step \(outline[chosen].steps.lowerBound)/\(state.stepCount)"))
        #expect(render(state).contains(outline[chosen].title))
    }
}
