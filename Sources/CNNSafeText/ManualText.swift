/// Help text made to survive roff: the man page generator keeps only ASCII, so every other character the help
/// uses is written out first (80×24 → 80x24, ∂L/∂X → dL/dX, the arrow keys by name).
public enum ManualText {
    /// `text` in ASCII: the table below first, then the ASCII fallback; a character neither knows becomes "?".
    public static func ascii(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isASCII {
                result.append(character)
            } else {
                result += table[character] ?? "?"
            }
        }
        return result
    }

    /// The JSON that `--experimental-dump-help` prints, made ready for the man page generator: ASCII, and each
    /// blank line between paragraphs (which mdoc warns of) replaced by a line break before the next paragraph
    /// (a text line starting with a space starts a new output line in roff, as the key lists do).
    ///
    /// - Parameter json: the dump, whose strings write a line break as the two characters `\n`.
    public static func helpDump(_ json: String) -> String {
        ascii(json).replacing(#"\n\n"#, with: #"\n "#)
    }

    /// What the help texts use. Arrows stand alone as keys ("→ l space"), so they are named; ↔ joins two words.
    static let table: [Character: String] = [
        "×": "x", "·": "*", "∂": "d", "−": "-", "–": "-", "—": "--", "↔": "<->", "→": "Right", "←": "Left",
        "↓": "Down", "↑": "Up", "⌊": "floor(", "⌋": ")", "⌈": "ceil(", "⌉": ")", "°": " degrees", "±": "+/-",
        "…": "...", "≤": "<=", "≥": ">=", "²": "^2", "Σ": "sum", "√": "sqrt",
    ]
}
