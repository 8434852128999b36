import CNNCore
import CNNSafeText

/// Text and numbers made safe for LaTeX: special characters escaped, the Unicode the lessons use turned into
/// commands that pdflatex knows without extra packages.
public enum LaTeXText {
    /// Prose for text mode, one line: `#$%&_{}~^\` escaped, `×`, `∂`, `−`, `⌊` … as inline math.
    ///
    /// Lesson text is a stranger's: line breaks and controls are first written visibly
    /// (`TerminalText.singleLine`), so a newline cannot end a `\section*{…}` argument or a paragraph and no raw
    /// control character reaches TeX. Scalars, not characters, are looked up (after composing `e` and a combining
    /// accent into `é`), so a combining mark after `\` or `{` cannot hide it from the table.
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in composed(TerminalText.singleLine(text)).unicodeScalars {
            if let replacement = textReplacements[scalar] {
                result += replacement
            } else if let symbol = mathSymbols[scalar] {
                result += "$" + symbol + "$"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` in Unicode's canonical composition (NFC): `e` and a combining acute become one `é`. The standard
    /// library's own normalization (strings compare by it), as Foundation's `precomposedStringWithCanonicalMapping`.
    private static func composed(_ text: String) -> String {
        String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// A tensor or constant name in math mode: `∂L/∂O` → `\partial L/\partial O`.
    public static func mathName(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if let symbol = mathSymbols[scalar] {
                result += symbol + (symbol.last?.isLetter == true ? " " : "")
            } else if let replacement = textReplacements[scalar] {
                result += "\\text{\(replacement)}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A tensor element in math mode, `X_{11}`: its 0-based `subscripts` printed from `IndexBase.current`, with the
    /// separator rule of `Symbols.name`.
    public static func subscripted(_ name: String, _ subscripts: [Int]) -> String {
        let shown = subscripts.map(IndexBase.current.shown)
        let separator = shown.allSatisfy { $0 < 10 } ? "" : ","
        let text = shown.map(String.init).joined(separator: separator)
        return mathName(name) + (text.isEmpty ? "" : "_{\(text)}")
    }

    /// A number as `NumberFormat` prints it, in math mode: `1.5e-07` → `1.5\times 10^{-7}`.
    public static func number(_ text: String) -> String {
        switch text {
        case "∞": return "\\infty"
        case "-∞": return "-\\infty"
        case "NaN": return "\\text{NaN}"
        default: break
        }
        guard Double(text) != nil else { return "\\text{\(escape(text))}" }
        let parts = text.split(separator: "e", maxSplits: 1)
        guard parts.count == 2, let exponent = Int(parts[1]) else { return text }
        return "\(parts[0])\\times 10^{\(exponent)}"
    }

    static let textReplacements: [Unicode.Scalar: String] = [
        "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "$": "\\$", "&": "\\&", "#": "\\#", "%": "\\%",
        "_": "\\_", "^": "\\^{}", "~": "\\textasciitilde{}", "<": "\\textless{}", ">": "\\textgreater{}",
        "|": "\\textbar{}", "…": "\\ldots{}", "—": "---", "–": "--", "’": "'", "‘": "`", "“": "``", "”": "''",
        "\u{00A0}": "~", "é": "\\'e", "è": "\\`e", "ü": "\\\"u", "ö": "\\\"o", "ä": "\\\"a",
    ]

    static let mathSymbols: [Unicode.Scalar: String] = [
        "×": "\\times", "·": "\\cdot", "−": "-", "∂": "\\partial", "Σ": "\\Sigma", "∑": "\\sum", "°": "^\\circ",
        "²": "^2", "³": "^3", "ᵀ": "^{T}", "→": "\\to", "←": "\\leftarrow", "↓": "\\downarrow", "↑": "\\uparrow",
        "↔": "\\leftrightarrow", "⇒": "\\Rightarrow", "⌊": "\\lfloor", "⌋": "\\rfloor", "⌈": "\\lceil",
        "⌉": "\\rceil", "∞": "\\infty", "≤": "\\le", "≥": "\\ge", "≠": "\\ne", "≈": "\\approx", "±": "\\pm",
        "∈": "\\in", "∗": "\\ast", "⊙": "\\odot", "⊗": "\\otimes", "√": "\\surd", "∇": "\\nabla", "′": "'",
        "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "Δ": "\\Delta", "ε": "\\epsilon",
        "η": "\\eta", "θ": "\\theta", "λ": "\\lambda", "μ": "\\mu", "π": "\\pi", "σ": "\\sigma", "τ": "\\tau",
        "φ": "\\phi", "ω": "\\omega", "⋆": "\\star",
        // amssymb's: a document with one needs that package (the exercise sheets load it).
        "⊛": "\\circledast",
    ]
}

/// One value's sum as an `align*`: the symbols on the first line(s), the numbers on the next, then the value.
struct LaTeXSum {
    let explanation: Explanation
    /// Terms per line, so a 27-term sum over three channels still fits the page.
    var termsPerLine = 6

    var lines: [String] {
        let target = symbol(explanation.target)
        if explanation.terms.isEmpty && explanation.bias == nil {
            return ["\\begin{align*}", "\(target) &= \(value(explanation.value))", "\\end{align*}"]
        }
        let symbolic = combine(explanation.terms.map(symbolicTerm), bias: explanation.bias.map(symbol))
        let numeric = combine(numericTerms, bias: explanation.bias.map { bracketed($0.value) })
        var body = symbolic
        body[0] = "\(target) &= " + body[0]
        body += numeric.enumerated().map { $0.offset == 0 ? "&= " + $0.element : $0.element }
        body[body.count - 1] += valueTail
        return ["\\begin{align*}", body.joined(separator: " \\\\\n"), "\\end{align*}"]
    }

    /// `= 15/4 = 3.75` after a mean, `= 4` after anything else.
    var valueTail: String {
        var tail = ""
        if case .mean(let divisor) = explanation.reduction, let last = explanation.terms.last {
            tail += " = \\frac{\(value(last.partial))}{\(divisor)}"
        }
        return tail + " = " + value(explanation.value)
    }

    func symbol(_ factor: Factor) -> String {
        if factor.isPadding { return "0" }
        if factor.position.isEmpty, factor.subscripts.isEmpty {
            let parts = factor.name.split(separator: "/")
            if parts.count == 2, Int(parts[0]) != nil, Int(parts[1]) != nil {
                return "\\tfrac{\(parts[0])}{\(parts[1])}"
            }
            return LaTeXText.mathName(factor.name)
        }
        return LaTeXText.subscripted(factor.name, factor.subscripts)
    }

    /// `X_{11}F_{11}`, or with `\cdot` where juxtaposed names would run together (gradients, constants).
    func symbolicTerm(_ term: Term) -> String {
        let plain = term.factors.allSatisfy { !$0.name.contains("∂") && !$0.position.isEmpty }
        return term.factors.map(symbol).joined(separator: plain ? "" : " \\cdot ")
    }

    /// Negative factors bracketed where they follow `\cdot` or `+`, as the tutor prints them.
    var numericTerms: [String] {
        let isSum = explanation.reduction == .sum || { if case .mean = explanation.reduction { true } else { false } }()
        return explanation.terms.enumerated().map { termIndex, term in
            term.factors.enumerated().map { index, factor in
                index > 0 || (isSum && termIndex > 0) ? bracketed(factor.value) : value(factor.value)
            }.joined(separator: " \\cdot ")
        }
    }

    func value(_ number: Double) -> String {
        LaTeXText.number(explanation.format(number))
    }

    func bracketed(_ number: Double) -> String {
        let text = value(number)
        return text.hasPrefix("-") ? "(\(text))" : text
    }

    /// The pieces joined as the reduction combines them, broken into lines of `termsPerLine`.
    func combine(_ pieces: [String], bias: String?) -> [String] {
        let (open, separator, close): (String, String, String)
        switch explanation.reduction {
        case .sum: (open, separator, close) = ("", " + ", "")
        case .maximum: (open, separator, close) = ("\\max(", ", ", ")")
        case .mean(let divisor): (open, separator, close) = ("\\tfrac{1}{\(divisor)}(", " + ", ")")
        case .rectify: (open, separator, close) = ("\\max(0, ", ", ", ")")
        }
        let chunks = stride(from: 0, to: max(pieces.count, 1), by: termsPerLine).map {
            pieces[$0..<min($0 + termsPerLine, pieces.count)].joined(separator: separator)
        }
        // A continued sum starts its line with "+"; a continued list ends the line before with ",".
        let isList = separator == ", "
        var lines = chunks.enumerated().map { index, chunk in
            let start = index == 0 ? open + (chunk.isEmpty ? "0" : chunk) : "&\\quad " + (isList ? "" : "+ ") + chunk
            return start + (isList && index < chunks.count - 1 ? "," : "")
        }
        lines[lines.count - 1] += close + (bias.map { " + " + $0 } ?? "")
        return lines
    }
}
