import CNNLessons
import CNNShare
import Testing
@testable import CNNTutorUI

/// A presenter's state published as a share, and a follower's state shown from it.
@Suite("Following a presenter")
struct FollowTests {
    func presenter(step: Int = 0) -> TutorState {
        TutorState(entries: bundledEntries(), options: TutorOptions(present: true), startLesson: "forward-pass",
                   startStep: step)
    }

    func follower() -> TutorState {
        var state = TutorState(entries: bundledEntries(), startStep: 0)
        state.startFollowing("/srv/class/now.json")
        return state
    }

    /// Passes the presenter's share through its bytes, as the file would.
    func share(_ state: TutorState) throws -> ShareReading {
        let share = try #require(state.classroomShare)
        return .share(try ClassroomShare.decode(ShareFile.encode(share)).get())
    }

    @Test func theFollowerShowsThePresentersFrameThroughEveryChange() throws {
        var presenter = presenter(step: 6)
        var follower = follower()
        let keys: [[Key]] = [[.pageDown], [.character("c")], [.character("i")], [.character("s")],
                             [.character("r"), .character("y")], [.end], [.character("O"), .home, .enter],
                             [.character("o"), .character("y")], [.character("x"), .right]]
        for key in keys {
            presenter.update(key)
            #expect(follower.receive(try share(presenter)))
            #expect(follower.frame == presenter.frame, "after \(key)")
            #expect(follower.showSymbols == presenter.showSymbols)
            #expect(follower.conventions == presenter.conventions)
            #expect(follower.currentEntry?.isModified == presenter.currentEntry?.isModified)
        }
        #expect(follower.pointer == presenter.pointer)
        #expect(render(follower).contains("FOLLOWING /srv/class/now.json"))
    }

    @Test func untilTheFirstReadingItSaysSo() {
        #expect(render(follower()).contains("reading the share file…"))
    }

    @Test func attachedTheKeysAreThePresenters() throws {
        var follower = follower()
        follower.receive(try share(presenter(step: 4)))
        follower.update(.right)
        #expect(follower.step == 4)
        #expect(render(follower).contains("following the presenter: d explores on your own"))
        #expect(follower.update(.character("q")) == [.quit])
    }

    @Test func detachedItExploresAndReattachesWhereThePresenterIs() throws {
        var presenter = presenter(step: 4)
        var follower = follower()
        follower.receive(try share(presenter))
        follower.update([.character("d"), .right, .right, .character("r")])
        #expect(follower.step == 6)
        #expect(follower.currentEntry?.isModified == true)
        presenter.update(.pageDown)
        follower.receive(try share(presenter))
        #expect(follower.step == 6, "a detached follower stays where it explores")
        follower.update(.character("a"))
        #expect(follower.step == 5)
        #expect(follower.frame == presenter.frame, "the presenter's numbers, not the follower's random ones")
        #expect(follower.currentEntry?.isModified == false)
    }

    @Test func aProblemIsOnTheStatusLineAndTheLastFrameStays() throws {
        var follower = follower()
        follower.receive(try share(presenter(step: 4)))
        let frame = follower.frame
        follower.receive(.problem(ShareProblem("is not valid JSON (half-written?)")))
        #expect(render(follower).contains("share file is not valid JSON (half-written?) · retrying"))
        #expect(follower.frame == frame)
        follower.receive(try share(presenter(step: 5)))
        #expect(follower.following?.problem == nil)
        #expect(follower.step == 5)
    }

    @Test func aLessonTheFollowerDoesNotHaveIsSaid() {
        var follower = follower()
        follower.receive(.share(ClassroomShare(lesson: "my-own-lesson", step: 1)))
        #expect(render(follower).contains("the presenter's lesson \"my-own-lesson\" is not among this tutor's lessons"))
    }

    @Test func aStepPastTheLessonsEndIsSaid() {
        var follower = follower()
        follower.receive(.share(ClassroomShare(lesson: "forward-pass", step: 3)))
        follower.receive(.share(ClassroomShare(lesson: "forward-pass", step: 400)))
        #expect(follower.step == 2)
        #expect(render(follower).contains("step 400 of forward-pass, which has steps 1 to 25"))
    }

    @Test func aPointerOffTheGridsIsLeftOut() {
        var follower = follower()
        var share = ClassroomShare(lesson: "forward-pass", step: 7)
        share.pointer = SharedPointer(grid: 9, row: 0, column: 0)
        follower.receive(.share(share))
        #expect(follower.step == 6)
        #expect(follower.pointer == nil)
    }

    @Test func aStudentsTutorSharesNothingAndFollowsNoOne() {
        var state = fakeState(step: 3)
        #expect(state.receive(.share(ClassroomShare(lesson: "fake-conv", step: 9))) == false)
        #expect(state.step == 3)
    }
}
