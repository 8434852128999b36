/// Text from a lesson file (a stranger's) made inert for Markdown: a renderer shows it as the text it is, never as
/// HTML it runs (`<script>`, `<img onerror=…>`), a link or image it follows, or structure it builds.
public enum MarkdownText {
    /// `text` as one line of Markdown that renders as the text itself.
    ///
    /// Controls and line breaks are first written visibly (`TerminalText.singleLine`), so a heading or list item
    /// stays one line. Then `&`, `<`, `>` become entities (no HTML, no autolink); `\`, `` ` ``, `*`, `_`, `[`, `]`,
    /// `|` and `~` get a backslash (no code span, emphasis, link, image, table cell or strikethrough); leading
    /// spaces are dropped (four would start a code block) and a first character that would start a heading, list,
    /// quote or rule (`#`, `+`, `-`, `=`, or the `.` or `)` of `12.`) gets a backslash.
    ///
    /// - Parameter text: any text.
    /// - Returns: one line, to be placed where inline Markdown is read: after `# `, `- `, `**Quiz:** `, or alone.
    public static func escaped(_ text: String) -> String {
        let line = TerminalText.singleLine(text).drop { $0 == " " }
        var result = ""
        for scalar in line.unicodeScalars {
            result += escaped(scalar)
        }
        return escapingBlockStart(result)
    }

    /// One scalar as inline Markdown.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\\", "`", "*", "_", "[", "]", "|", "~": return "\\" + String(scalar)
        default: return String(scalar)
        }
    }

    /// `line` with a backslash where its start would open a block: `# h`, `- item`, `+ item`, `===`, `3. item`.
    static func escapingBlockStart(_ line: String) -> String {
        guard let first = line.unicodeScalars.first else { return line }
        if ["#", "+", "-", "="].contains(first) { return "\\" + line }
        let digits = line.unicodeScalars.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, digits.count <= 9 else { return line }
        let rest = line.unicodeScalars.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")" else { return line }
        return String(String.UnicodeScalarView(digits)) + "\\" + String(String.UnicodeScalarView(rest))
    }
}
