import CNNLessons
import Testing
@testable import CNNTutorUI

/// The narration on the tutor's screen: cells named by placeholders follow `i`; displayed lines keep their layout.
struct NarrationViewTests {
    let entries = bundledEntries()

    @Test func iRenamesTheCellsTheNarrationNames() {
        var state = TutorState(entries: entries, width: 100, height: 30, startLesson: "forward-pass", startStep: 0)
        #expect(render(state).lines.joined(separator: "\n").contains("its entries X11 … X33"))
        state.update(.character("i"))
        #expect(render(state).lines.joined(separator: "\n").contains("its entries X00 … X22"))
        #expect(!render(state).lines.joined(separator: "\n").contains("X33"))
    }

    @Test func displayedLinesAreKeptAndCutWithAnEllipsisWhenTooWide() {
        let narration = NarrationReader.read("Prose that wraps at ten.\n    a = b + c + d + e + f\n      + g").narration
        let lines = TextLayout.narration(narration, width: 12, ascii: false)
        #expect(lines == ["Prose that", "wraps at", "ten.", "", "  a = b + c…", "    + g"])
        let bullets = TextLayout.narration(NarrationReader.read("- one two three").narration, width: 9, ascii: true)
        #expect(bullets == ["• one two", "  three"])
    }
}
