import CNNSafeText
import Testing
@testable import CNNTutorUI

/// What reaches the terminal from text put on a screen: never a control character or a bidi override as itself.
@Suite("Text on the screen")
struct ScreenTextTests {
    /// U+009B is CSI in one byte for a terminal that takes C1 controls: `\u{9B}2J` would clear the screen.
    @Test(arguments: [false, true])
    func controlsAndBidiOverridesAreShownVisibly(ascii: Bool) {
        var screen = Screen(width: 60, height: 1, ascii: ascii)
        let text = "a\u{9B}2Jb\u{202E}c\u{1B}]2;x\u{07}d\u{85}e"
        let written = screen.put(text, row: 0, column: 0, ellipsis: false)
        #expect(screen.lines[0] == "a\\u{9b}2Jb\\u{202e}c\\e]2;x\\ad\\u{85}e")
        #expect(written == Screen.displayWidth(text, ascii: ascii))
    }

    @Test func aTabOrLineBreakLeftInTheTextIsASpace() {
        #expect(Screen.displayScalars("a\tb\nc", ascii: false) == Array("a b c".unicodeScalars))
        #expect(Screen.displayWidth("a\tb\nc", ascii: false) == 5)
    }

    /// Every scalar up to U+3000 (C0, C1, bidi, zero-width, box drawing…): one column a cell, and the width
    /// the layout counts is what is drawn.
    @Test(arguments: [false, true])
    func noCellHoldsACharacterTheSanitiserWouldEscape(ascii: Bool) {
        var all = String.UnicodeScalarView()
        for value in 0...0x3000 { if let scalar = Unicode.Scalar(value) { all.append(scalar) } }
        let text = String(all)
        let scalars = Screen.displayScalars(text, ascii: ascii)
        let survivors = scalars.filter { TerminalText.needsEscape($0) }
        #expect(survivors.isEmpty, "\(survivors.map { String($0.value, radix: 16) })")
        #expect(scalars.count == Screen.displayWidth(text, ascii: ascii))
    }

    @Test func aLessonTitleWithAC1ControlIsShownVisiblyInTheMenu() {
        var lesson = FakeConvolution()
        lesson.lessonTitle = "Evil\u{9B}2J title"
        var state = TutorState(entries: [LessonEntry(source: lesson)], width: 100, height: 30)
        state.update(.character("m"))
        let screen = render(state)
        #expect(screen.contains("Evil\\u{9b}2J title"), "\(screen)")
        #expect(!screen.cells.contains { (0x80...0x9F).contains($0.character.value) })
    }
}
