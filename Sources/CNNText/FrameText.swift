import CNNCore
import CNNLessons
import CNNSafeText

/// Frames as text for pipes, handouts and screen readers. Highlights become words and brackets when
/// there is no colour: the active cells in [brackets], the value being computed as <…>, values still to
/// come as "?". Lesson text (a stranger's) is made inert on the way out: through `MarkdownText` in Markdown and
/// `TerminalText` otherwise.
public struct FrameText {
    public enum Style: Sendable {
        case plain
        /// ANSI colours, for a terminal without NO_COLOR.
        case color
        case markdown
    }

    public var style: Style
    /// Symbols (X11) instead of numbers in the grids.
    public var symbols: Bool
    /// Shaded grids drawn with ASCII characters (a terminal that is not UTF-8, `--ascii`).
    public var ascii: Bool

    public init(style: Style, symbols: Bool = false, ascii: Bool = false) {
        self.style = style
        self.symbols = symbols
        self.ascii = ascii
    }

    public func render(_ frame: Frame) -> String {
        var lines: [String] = []
        let counter = "step \(frame.stepIndex + 1)/\(frame.stepCount)"
        switch style {
        case .markdown:
            lines.append("### \(MarkdownText.escaped(frame.heading)) (\(counter))")
        case .plain, .color:
            let title = TerminalText.singleLine("\(frame.lessonTitle) — \(frame.heading)")
            lines.append(emphasis(title) + "  [\(counter)]")
        }
        if let progress = frame.progress { lines.append(style == .markdown ? "*\(progress)*" : progress) }
        lines.append("")
        lines += style == .markdown
            ? NarrationText.markdown(frame.narrationBlocks) : NarrationText.plain(frame.narrationBlocks, width: 78)
        if !frame.grids.isEmpty {
            lines.append(contentsOf: gridsText(frame.grids))
            lines.append("")
        }
        if let formula = frame.formula {
            let channelLine = formula.channelSums.isEmpty
                ? [] : ["per channel: " + formula.channelSums.joined(separator: ", ")]
            let formulaLines = [formula.symbolic, formula.numeric] + channelLine
            if style == .markdown {
                lines.append("```")
                lines.append(contentsOf: formulaLines)
                lines.append("```")
            } else {
                lines.append(contentsOf: formulaLines.map { "  " + $0 })
            }
            lines.append("")
        }
        for fact in frame.facts {
            lines.append(style == .markdown ? "- \(MarkdownText.escaped(fact))" : "  " + TerminalText.singleLine(fact))
        }
        if !frame.facts.isEmpty { lines.append("") }
        if let quiz = frame.quiz {
            lines.append(style == .markdown
                ? "**Quiz:** \(MarkdownText.escaped(quiz.question))"
                : "Quiz: \(TerminalText.singleLine(quiz.question))")
            lines += quizOptionLines(quiz)
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// A quiz's lettered choices, or which grid a "which cell?" quiz is answered in; never the answer, which
    /// the frames after the quiz work out (and an answer key prints).
    func quizOptionLines(_ quiz: QuizPrompt) -> [String] {
        if let choices = quiz.choices {
            return [""] + choices.map { choice in
                style == .markdown ? "- \(choice.letter)) \(MarkdownText.escaped(choice.text))"
                    : "  \(choice.letter)) \(TerminalText.singleLine(choice.text))"
            }
        }
        guard let cell = quiz.cell else { return [] }
        let text = "(answer with a cell of \(cell.grid): its row and column)"
        return [style == .markdown ? "*\(MarkdownText.escaped(text))*" : TerminalText.singleLine(text)]
    }

    /// The first line of a Markdown handout: the lesson's title as a level-1 heading.
    public static func markdownTitle(_ lessonTitle: String) -> String {
        "# " + MarkdownText.escaped(lessonTitle)
    }

    // MARK: Grids

    /// Grids side by side while they fit in 100 columns, each with its title above; markdown gets tables.
    func gridsText(_ grids: [GridPanel]) -> [String] {
        if style == .markdown {
            return grids.flatMap { grid -> [String] in
                var table = ["**\(MarkdownText.escaped(grid.title))**", ""]
                let width = grid.columnCount
                table.append("|" + String(repeating: "   |", count: width))
                table.append("|" + String(repeating: "---|", count: width))
                for row in grid.cells {
                    table.append("| " + row.map { markdownCell($0) }.joined(separator: " | ") + " |")
                }
                return table + [""]
            }
        }
        let blocks = grids.flatMap { grid in [block(grid)] + (grid.shading == nil ? [] : [shadeBlock(grid)]) }
        var lines: [String] = []
        var row: [[String]] = []
        var width = 0
        func flush() {
            guard !row.isEmpty else { return }
            let height = row.map(\.count).max() ?? 0
            let widths = row.map { $0.map(visibleWidth).max() ?? 0 }
            for line in 0..<height {
                let pieces = row.enumerated().map { index, block in
                    let text = line < block.count ? block[line] : ""
                    return text + String(repeating: " ", count: widths[index] - visibleWidth(text))
                }
                var joined = pieces.joined(separator: "    ")
                while joined.hasSuffix(" ") { joined.removeLast() }
                lines.append(joined)
            }
            lines.append("")
            row = []
            width = 0
        }
        for block in blocks {
            let blockWidth = block.map(visibleWidth).max() ?? 0
            if width > 0 && width + 4 + blockWidth > 100 { flush() }
            row.append(block)
            width += (width > 0 ? 4 : 0) + blockWidth
        }
        flush()
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A titled grid with right-aligned columns; every cell is padded to the same width so brackets line up.
    func block(_ grid: GridPanel) -> [String] {
        let texts = grid.cells.map { $0.map { cellText($0) } }
        let cellWidth = texts.flatMap { $0 }.map { visibleWidth($0.text) }.max() ?? 1
        var lines = [TerminalText.singleLine(grid.title)]
        for row in texts {
            let pieces = row.map { cell -> String in
                let padded = String(repeating: " ", count: cellWidth - visibleWidth(cell.text)) + cell.text
                return style == .color ? colored(padded, cell.highlight) : padded
            }
            lines.append(pieces.joined(separator: " "))
        }
        return lines
    }

    /// Light to dark: blank paper to full ink.
    static let shadeRamp = [" ", "░", "▒", "▓", "█"]
    static let asciiShadeRamp = [" ", ".", ":", "+", "#"]

    /// A shaded grid as a picture beside its numbers: each cell two characters of its shade, "??" where the value
    /// is still to come, inside a frame so that blank paper shows where it ends.
    func shadeBlock(_ grid: GridPanel) -> [String] {
        let ramp = ascii ? Self.asciiShadeRamp : Self.shadeRamp
        let rows = grid.cells.map { row in
            row.map { cell -> String in
                guard let shade = cell.shade else { return "??" }
                let glyph = ramp[min(Int(shade * Double(ramp.count - 1) + 0.5), ramp.count - 1)]
                return glyph + glyph
            }.joined()
        }
        let range = grid.shading.map { "\(NumberFormat.string($0.low)) to \(NumberFormat.string($0.high))" } ?? ""
        let edge = String(repeating: ascii ? "-" : "─", count: 2 * grid.columnCount)
        let (top, bottom, side) = ascii ? ("+" + edge + "+", "+" + edge + "+", "|")
            : ("┌" + edge + "┐", "└" + edge + "┘", "│")
        return ["as shades, " + range, top] + rows.map { side + $0 + side } + [bottom]
    }

    func cellText(_ cell: Cell) -> (text: String, highlight: Highlight) {
        var text = symbols ? cell.symbol : cell.text
        if cell.highlight == .pending || text.isEmpty { text = symbols ? cell.symbol : "?" }
        guard style == .plain else { return (" \(text) ", cell.highlight) }
        switch cell.highlight {
        case .active: return ("[\(text)]", cell.highlight)
        case .target: return ("<\(text)>", cell.highlight)
        case .winner: return ("*\(text)*", cell.highlight)
        default: return (" \(text) ", cell.highlight)
        }
    }

    func markdownCell(_ cell: Cell) -> String {
        let text = cellText(cell).text.trimmingBlanks()
        switch cell.highlight {
        case .active, .target, .winner: return "**\(text)**"
        case .window: return "_\(text)_"
        default: return text
        }
    }

    // MARK: Styling

    func emphasis(_ text: String) -> String {
        style == .color ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    func colored(_ text: String, _ highlight: Highlight) -> String {
        let code: String
        switch highlight {
        case .none: return text
        case .window: code = "36"
        case .active: code = "1;30;43"
        case .target: code = "1;30;42"
        case .pending, .padding: code = "2"
        case .winner: code = "1;35"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Columns a string takes in a terminal, not counting colour codes.
    func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if character == "m" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}

/// Words wrapped to a width, for prose in a terminal.
public func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
        if !current.isEmpty && current.count + 1 + word.count > width {
            lines.append(current)
            current = ""
        }
        current += (current.isEmpty ? "" : " ") + word
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
