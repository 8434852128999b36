/// ASCII stand-ins for the non-ASCII characters the tutor and its lessons use, for a terminal whose locale is not
/// UTF-8 (`LC_ALL=C`) or a student who asked for ASCII: `×` as `x`, `−` as `-`, `∂` as `d`, `·` as `*`, `→` as
/// `->`. One table, shared by the full-screen tutor and the command line, so both spell a symbol the same way.
public enum ASCIIText {
    private static let table: [Character: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "┬": "+", "┴": "+", "┼": "+", "═": "=", "║": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "…": "...", "⋯": "...", "⋮": ":", "·": "*", "⋅": "*", "×": "x", "−": "-", "–": "-", "—": "-",
        "→": "->", "←": "<-", "↑": "^", "↓": "v", "↔": "<->", "⇥": ">|", "⇤": "|<", "▸": ">", "▶": ">",
        "◂": "<", "●": "*", "○": "o", "•": "*", "✓": "v", "✔": "v", "✗": "x", "✘": "x", "█": "#", "▓": "#",
        "▒": "=", "░": ".", "▰": "#", "▱": ".", "∂": "d", "Σ": "sum", "∑": "sum", "∗": "*", "⋆": "*", "⊙": "(.)",
        "⊗": "(x)", "≈": "~", "≠": "!=", "≤": "<=", "≥": ">=", "∞": "inf", "√": "sqrt", "°": "deg",
        "‘": "'", "’": "'", "′": "'", "“": "\"", "”": "\"", "«": "<<", "»": ">>", "±": "+/-", "ᵀ": "^T",
        "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "Delta",
        "ε": "eps", "η": "eta", "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma",
        "ρ": "rho", "τ": "tau", "φ": "phi", "ω": "omega", "∈": "in", "∀": "for all", "⌈": "ceil(",
        "⌉": ")", "⌊": "floor(", "⌋": ")", "⟨": "<", "⟩": ">", "\u{00A0}": " ", "é": "e", "è": "e",
        "à": "a", "ç": "c", "ö": "o", "ü": "u", "ä": "a",
    ]
    private static let subscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
    ]
    private static let superscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
    ]
    private static let scalarTable: [Unicode.Scalar: [Unicode.Scalar]] = {
        var result: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for (character, text) in table {
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 {
                result[scalar] = Array(text.unicodeScalars)
            }
        }
        return result
    }()

    /// The ASCII scalars that stand for `scalar`: an ASCII scalar itself; the table's stand-in; a subscript digit
    /// as the digit, a superscript one as `^` and the digit; nothing for a combining mark or another character
    /// with no column of its own (a decomposed `é` becomes `e`); `?` for anything else.
    public static func replacement(for scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII { return [scalar] }
        if let text = scalarTable[scalar] { return text }
        if let digit = subscripts[scalar] { return [digit] }
        if let digit = superscripts[scalar] { return ["^", digit] }
        if hasNoColumn(scalar) { return [] }
        return ["?"]
    }

    /// `text` with every non-ASCII scalar replaced by its stand-in (`replacement(for:)`), a run of superscript
    /// digits being one exponent (`2⁶³` as `2^63`). ASCII is kept as it is, control characters included, so
    /// sanitise lesson text (`TerminalText`) first.
    public static func transliterated(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var result = String.UnicodeScalarView()
        var inExponent = false
        for scalar in text.unicodeScalars {
            let digit = superscripts[scalar]
            if let digit, inExponent {
                result.append(digit)
            } else {
                result.append(contentsOf: replacement(for: scalar))
            }
            inExponent = digit != nil
        }
        return String(result)
    }

    /// Combining marks, variation selectors, zero-width joiners.
    private static func hasNoColumn(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }
}
