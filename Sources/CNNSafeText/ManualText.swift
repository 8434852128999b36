/// Help text made to survive roff: the man page generator keeps only the ASCII of what it reads, so every other
/// character is written out first (80×24 → 80x24, ∂L/∂X → dL/dX, the arrow keys by name).
public enum ManualText {
    /// `text` in ASCII: the man page's own choices below, then the shared ASCII table (`ASCIIText`).
    public static func ascii(_ text: String) -> String {
        var result = ""
        for character in text {
            if let named = keyNames[character] {
                result += named
            } else {
                result += ASCIIText.transliterated(String(character))
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

    /// Arrows stand alone as keys in the help ("→ l space"), so a reader of the manual gets their names; a
    /// degree is a word there.
    static let keyNames: [Character: String] = [
        "→": "Right", "←": "Left", "↓": "Down", "↑": "Up", "°": " degrees",
    ]
}
