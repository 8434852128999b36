/// Text drawn large for a room to read: each character a 3×5 glyph of pixels, drawn with the half blocks █ ▀ ▄
/// in 3 rows, or with # in 5 rows on an ASCII-only screen. Every glyph is 3 columns wide and glyphs stand one
/// column apart, so a line keeps the column alignment of its text (a formula's terms stay under their symbols).
enum BigText {
    /// Columns a character takes, with the space after it.
    static let pitch = 4

    /// The rows a line of big text takes on a screen that is (or is not) ASCII-only.
    static func height(ascii: Bool) -> Int { ascii ? 5 : 3 }

    /// The columns `text` takes when drawn large.
    static func width(_ text: String) -> Int { max(0, text.count * pitch - 1) }

    /// Whether every character of `text` has a glyph.
    static func canDraw(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { glyphs[Self.normalized($0)] != nil }
    }

    /// `text` as rows of screen characters: `height(ascii:)` strings of `width(text)` characters; nil when a
    /// character has no glyph.
    static func rows(_ text: String, ascii: Bool) -> [String]? {
        var pixels = Array(repeating: "", count: 5)
        for (index, character) in text.enumerated() {
            guard let glyph = glyphs[normalized(character)] else { return nil }
            for row in 0..<5 { pixels[row] += (index > 0 ? "." : "") + glyph[row] }
        }
        return ascii ? pixels.map { $0.map { $0 == "#" ? "#" : " " }.joined() } : halfBlocks(pixels)
    }

    /// Two pixel rows to one screen row: ▀ for the upper pixel, ▄ for the lower, █ for both.
    private static func halfBlocks(_ pixels: [String]) -> [String] {
        stride(from: 0, to: 5, by: 2).map { top in
            let upper = Array(pixels[top])
            let lower = top + 1 < 5 ? Array(pixels[top + 1]) : Array(repeating: ".", count: upper.count)
            return String(zip(upper, lower).map { pair -> Character in
                switch pair {
                case ("#", "#"): "█"
                case ("#", _): "▀"
                case (_, "#"): "▄"
                default: " "
                }
            })
        }
    }

    /// The minus sign and the multiplication dot as the lessons write them, to their glyphs.
    private static func normalized(_ character: Character) -> Character {
        switch character {
        case "−": "-"
        case "⋅": "·"
        default: character
        }
    }

    /// Digits, capitals and the signs of formulas, five rows of three pixels each.
    static let glyphs: [Character: [String]] = [
        "0": ["###", "#.#", "#.#", "#.#", "###"], "1": [".#.", "##.", ".#.", ".#.", "###"],
        "2": ["###", "..#", "###", "#..", "###"], "3": ["###", "..#", ".##", "..#", "###"],
        "4": ["#.#", "#.#", "###", "..#", "..#"], "5": ["###", "#..", "###", "..#", "###"],
        "6": ["###", "#..", "###", "#.#", "###"], "7": ["###", "..#", "..#", ".#.", ".#."],
        "8": ["###", "#.#", "###", "#.#", "###"], "9": ["###", "#.#", "###", "..#", "###"],
        "-": ["...", "...", "###", "...", "..."], "+": ["...", ".#.", "###", ".#.", "..."],
        ".": ["...", "...", "...", "...", ".#."], ",": ["...", "...", "...", ".#.", "#.."],
        "/": ["..#", "..#", ".#.", "#..", "#.."], "?": ["###", "..#", ".##", "...", ".#."],
        "·": ["...", "...", ".#.", "...", "..."], "=": ["...", "###", "...", "###", "..."],
        "(": ["..#", ".#.", ".#.", ".#.", "..#"], ")": ["#..", ".#.", ".#.", ".#.", "#.."],
        "→": ["#..", ".#.", "..#", ".#.", "#.."], "…": ["...", "...", "...", "...", "#.#"],
        " ": ["...", "...", "...", "...", "..."],
        "A": [".#.", "#.#", "###", "#.#", "#.#"], "B": ["##.", "#.#", "##.", "#.#", "##."],
        "C": [".##", "#..", "#..", "#..", ".##"], "D": ["##.", "#.#", "#.#", "#.#", "##."],
        "E": ["###", "#..", "##.", "#..", "###"], "F": ["###", "#..", "##.", "#..", "#.."],
        "G": [".##", "#..", "#.#", "#.#", ".##"], "H": ["#.#", "#.#", "###", "#.#", "#.#"],
        "I": ["###", ".#.", ".#.", ".#.", "###"], "J": ["..#", "..#", "..#", "#.#", ".#."],
        "K": ["#.#", "#.#", "##.", "#.#", "#.#"], "L": ["#..", "#..", "#..", "#..", "###"],
        "M": ["#.#", "###", "###", "#.#", "#.#"], "N": ["##.", "#.#", "#.#", "#.#", "#.#"],
        "O": [".#.", "#.#", "#.#", "#.#", ".#."], "P": ["##.", "#.#", "##.", "#..", "#.."],
        "Q": [".#.", "#.#", "#.#", "##.", ".##"], "R": ["##.", "#.#", "##.", "#.#", "#.#"],
        "S": [".##", "#..", ".#.", "..#", "##."], "T": ["###", ".#.", ".#.", ".#.", ".#."],
        "U": ["#.#", "#.#", "#.#", "#.#", "###"], "V": ["#.#", "#.#", "#.#", "#.#", ".#."],
        "W": ["#.#", "#.#", "###", "###", "#.#"], "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
        "Y": ["#.#", "#.#", ".#.", ".#.", ".#."], "Z": ["###", "..#", ".#.", "#..", "###"],
    ]
}

extension Screen {
    /// Draws `text` large with its top-left corner at (row, column), each drawn cell in `style`, clipped to the
    /// screen. Returns false, drawing nothing, when a character has no glyph.
    @discardableResult
    mutating func putBig(_ text: String, row: Int, column: Int, style: Style) -> Bool {
        guard let rows = BigText.rows(text, ascii: ascii) else { return false }
        for (offset, line) in rows.enumerated() {
            put(line, row: row + offset, column: column, style: style, ellipsis: false)
        }
        return true
    }
}
