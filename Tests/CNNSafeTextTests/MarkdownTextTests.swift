import CNNSafeText
import Testing

/// Lesson text in a Markdown handout: shown as written, never run as HTML, followed as a link or built into blocks.
@Suite struct MarkdownTextTests {
    @Test func ordinaryTextIsUnchanged() {
        let text = "O11 = X11·F11 + 4 − 6 → (2×2), 1.5e-07 ∂L/∂X: ok!"
        #expect(MarkdownText.escaped(text) == text)
    }

    @Test func htmlBecomesEntities() {
        #expect(MarkdownText.escaped("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(MarkdownText.escaped("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(MarkdownText.escaped("&lt;b&gt; <http://x>") == "&amp;lt;b&amp;gt; &lt;http://x&gt;")
    }

    @Test func linksImagesAndInlineMarkupAreShownAsWritten() {
        #expect(MarkdownText.escaped("![p](http://x/p.png) [a](javascript:alert(1))")
            == #"!\[p\](http://x/p.png) \[a\](javascript:alert(1))"#)
        #expect(MarkdownText.escaped("*a* _b_ `c` ~~d~~ | e \\") == #"\*a\* \_b\_ \`c\` \~\~d\~\~ \| e \\"#)
    }

    @Test func lineBreaksAndControlsAreWrittenVisiblyOnOneLine() {
        #expect(MarkdownText.escaped("T\n# H\r\u{2028}x\u{1B}[2J\u{0}") == #"T\\n# H\\r\\u{2028}x\\e\[2J\\0"#)
    }

    @Test func aLineCannotStartABlock() {
        let cases = [
            "# h": "\\# h", "- a": #"\- a"#, "+ a": #"\+ a"#, "===": #"\==="#, "12. a": #"12\. a"#,
            "3) a": #"3\) a"#, "> q": "&gt; q", "    code": "code", "```": #"\`\`\`"#, "~~~": #"\~\~\~"#,
            "1234567890. a": "1234567890. a", "2024 was": "2024 was",
        ]
        for (text, expected) in cases {
            #expect(MarkdownText.escaped(text) == expected, "\(text)")
        }
    }

    @Test func noScalarOfAnyInputSurvivesAsMarkupOrControl() {
        var all = String.UnicodeScalarView()
        for value in 0...0x3000 { if let scalar = Unicode.Scalar(value) { all.append(scalar) } }
        let shown = MarkdownText.escaped(String(all))
        #expect(!shown.contains("<") && !shown.contains(">"))
        #expect(!shown.unicodeScalars.contains { TerminalText.needsEscape($0) })
    }
}
