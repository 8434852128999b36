import CNNSafeText
import Testing

@Suite struct TerminalTextTests {
    @Test func plainTextIsUnchanged() {
        let text = "O11 = X11·F11 + X12·F12 (∂L/∂X, 80×24) — ok"
        #expect(TerminalText.sanitized(text) == text)
    }

    @Test func terminalSequencesAreShownNotSent() {
        let hostile = "T\u{1B}]2;owned\u{07}\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{1B}]8;;http://x\u{1B}\\link"
        let shown = TerminalText.sanitized(hostile)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(shown == "T\\e]2;owned\\a\\e]52;c;aGk=\\a\\e[2J\\e]8;;http://x\\e\\link")
    }

    @Test func c1ControlsAndDeleteAreEscaped() {
        #expect(TerminalText.sanitized("a\u{9B}2Jb\u{7F}\u{85}") == "a\\u{9b}2Jb\\u{7f}\\u{85}")
    }

    @Test func lineBreaksAreKeptOnlyWhereAsked() {
        #expect(TerminalText.sanitized("a\nb\tc\rd", keepingLineBreaks: true) == "a\nb\tc\\rd")
        #expect(TerminalText.singleLine("a\nb\tc\rd") == "a\\nb\\tc\\rd")
    }

    @Test func bidiAndZeroWidthAreVisible() {
        #expect(TerminalText.singleLine("Bad Id! \u{202E}x\u{200B}y\u{2028}z\u{FEFF}")
            == "Bad Id! \\u{202e}x\\u{200b}y\\u{2028}z\\u{feff}")
    }

    @Test func everyScalarOfTheResultIsPrintable() {
        var all = String.UnicodeScalarView()
        for value in 0...0x3000 { if let scalar = Unicode.Scalar(value) { all.append(scalar) } }
        for scalar in TerminalText.singleLine(String(all)).unicodeScalars {
            #expect(!TerminalText.needsEscape(scalar), "U+\(String(scalar.value, radix: 16)) survived")
        }
    }
}
