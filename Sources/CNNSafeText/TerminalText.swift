/// Text from a lesson file (a stranger's) made inert for a terminal: no control character reaches the
/// terminal as itself, so a title cannot clear the screen, set the window title (OSC 2), write the clipboard
/// (OSC 52) or hide a link (OSC 8). Every command that prints lesson-derived text to a terminal, a pipe or a
/// file a person reads passes it through here; the JSON output escapes the same characters its own way.
public enum TerminalText {
    /// `text` with every character that could drive a terminal or reorder what is shown written visibly:
    /// C0 and C1 controls and DEL as `\e`, `\r`, `\0`, `\a`, `\b`, `\f`, `\v` or `\u{…}`; bidi overrides,
    /// embeddings and isolates, zero-width characters and the Unicode line and paragraph separators as `\u{…}`.
    ///
    /// - Parameters:
    ///   - text: lesson-derived text, any content.
    ///   - keepingLineBreaks: keep `\n` (and `\t`) as they are, where the output format shows lines
    ///     (narration in plain text); otherwise they are written as `\n` and `\t`, giving one line.
    /// - Returns: text whose every scalar is printable or, where kept, a newline or tab.
    public static func sanitized(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks: keepingLineBreaks) }) else {
            return text
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) {
                result.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `text` with no line break at all, for a place that holds exactly one line (a heading, a `#` comment,
    /// a list row, an error message): line breaks and controls are written visibly.
    public static func singleLine(_ text: String) -> String {
        sanitized(text, keepingLineBreaks: false)
    }

    /// Whether `scalar` is shown as an escape rather than as itself.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool = false) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return isInvisibleFormat(scalar)
        }
    }

    /// Bidi controls (which reorder what a reader sees: U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C),
    /// zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and the line and paragraph separators
    /// (U+2028, U+2029, which some tools take as line breaks).
    public static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// The visible stand-in for one escaped scalar.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00: return "\\0"
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        default: return "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
}
