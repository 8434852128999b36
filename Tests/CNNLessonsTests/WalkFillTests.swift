import Foundation
import Testing
@testable import CNNLessons

/// What a walk fills in, frame by frame, and which frames a handout prints.
struct WalkFillTests {
    func player(_ steps: String) throws -> LessonPlayer {
        try LessonPlayer(lesson: LessonLoader.load(text: LessonPlayerTests.header + steps, file: "w.yaml").get())
    }

    func texts(_ frame: Frame, _ title: String) throws -> [[String]] {
        try #require(frame.grids.first { $0.title == title }).cells.map { $0.map { $0.text.isEmpty ? "." : $0.text } }
    }

    /// bias-relu-pool-backward's max-pool walk, whose `only:` is not in reading order: a value once shown stays
    /// shown; the cells after the furthest one walked stay hidden (the lesson's next step shows them all).
    @Test func aPartialWalkOutOfOrderNeverUnfillsAndEndsComplete() throws {
        let player = try player("""
          - op: pool-backward
            input: "1 3 2 1; 2 9 1 1; 1 3 2 3; 5 6 1 2"
            mode: max
            size: 2
            grad: "1 -2; 3 4"
            walk: values
            only: [[2, 2], [1, 1], [4, 2], [4, 1]]

        """)
        // Winners: 9 at X22 gets 1, 2 at X13 gets −2, 6 at X42 gets 3, 3 at X34 gets 4; every other cell 0.
        let frames = try (0..<4).map { try texts(player.frame(at: $0), "∂L/∂X") }
        // X22 first: the cells before it in reading order show, X11 (walked next) does not.
        #expect(frames[0] == [[".", "0", "-2", "0"], ["0", "1", ".", "."], [".", ".", ".", "."], [".", ".", ".", "."]])
        // X11: X22 stays filled.
        #expect(frames[1] == [["0", "0", "-2", "0"], ["0", "1", ".", "."], [".", ".", ".", "."], [".", ".", ".", "."]])
        // X42: everything before it; X41 still to come, X43 and X44 after it.
        #expect(frames[2] == [["0", "0", "-2", "0"], ["0", "1", "0", "0"], ["0", "0", "0", "4"], [".", "3", ".", "."]])
        // X41, the last: X42 stays filled (it used to vanish here), X43 and X44 are after every walked cell.
        #expect(frames[3] == [["0", "0", "-2", "0"], ["0", "1", "0", "0"], ["0", "0", "0", "4"], ["0", "3", ".", "."]])
    }

    /// The README's sample lesson ends on a term walk: the handout's last frame is the finished value, once.
    @Test func aHandoutOfALessonEndingInATermWalkEndsOnTheFinishedValue() throws {
        let player = try player("""
          - say: Intro.
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"

        """)
        // Intro, then four values of four terms: frames 1–4, 5–8, 9–12, 13–16 (0-based).
        let frames = player.lessonStepRanges.flatMap { player.completingFrames(in: $0) }
        #expect(frames == [0, 4, 8, 12, 16])
        #expect(player.frame(at: 16).formula?.isComplete == true)
        #expect(player.frame(at: 16).progress == "value 4 of 4 · term 4 of 4")
    }
}
