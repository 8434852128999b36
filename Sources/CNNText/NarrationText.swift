import CNNCore
import CNNLessons
import CNNSafeText

/// A narration as plain text and as Markdown: paragraphs and bullets wrapped or escaped as prose, displayed and
/// preformatted lines kept line for line. Lesson text stays inert: `TerminalText` and `MarkdownText` make it so.
enum NarrationText {
    /// Plain text (a terminal, a pipe): paragraphs wrapped at `width`, bullets as `  - ` with their lines under
    /// the text, kept lines set in by four columns and never wrapped; a blank line after each block but a bullet
    /// followed by another.
    static func plain(_ narration: Narration, width: Int) -> [String] {
        narration.blocks.enumerated().flatMap { index, block -> [String] in
            let lines: [String]
            switch block.kind {
            case .paragraph:
                lines = wrap(TerminalText.singleLine(block.plainText), width: width)
            case .bullet:
                lines = wrap(TerminalText.singleLine(block.plainText), width: width - 4).enumerated()
                    .map { ($0.offset == 0 ? "  - " : "    ") + $0.element }
            case .display, .preformatted:
                lines = block.plainLines.map { "    " + TerminalText.singleLine($0) }
            }
            // Items of one list stay together.
            let isListed = block.kind == .bullet && narration.blocks.dropFirst(index + 1).first?.kind == .bullet
            return lines + (isListed ? [] : [""])
        }
    }

    /// Markdown: paragraphs and bullets (`- `) escaped as inline text, kept lines in a fenced code block whose
    /// fence is longer than any run of backticks in them, so no line can close it; a blank line after each block.
    static func markdown(_ narration: Narration) -> [String] {
        var lines: [String] = []
        for (index, block) in narration.blocks.enumerated() {
            switch block.kind {
            case .paragraph:
                lines += [MarkdownText.escaped(block.plainText), ""]
            case .bullet:
                lines.append("- " + MarkdownText.escaped(block.plainText))
                // Items of one list stay together; the list ends with a blank line.
                if index + 1 == narration.blocks.count || narration.blocks[index + 1].kind != .bullet {
                    lines.append("")
                }
            case .display, .preformatted:
                let kept = block.plainLines.map { TerminalText.singleLine($0) }
                let fence = String(repeating: "`", count: max(3, kept.map(longestBacktickRun).max() ?? 0) + 1)
                lines += [fence] + kept + [fence, ""]
            }
        }
        return lines
    }

    static func longestBacktickRun(_ line: String) -> Int {
        var longest = 0, run = 0
        for character in line {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}

/// A narration as LaTeX text mode (needs amsmath): paragraphs as paragraphs, displayed lines as a display
/// (`\[…\]`) of the lines as text, preformatted lines in typewriter type line for line, bullets in an `itemize`.
/// Every piece of lesson text goes through `LaTeXText.escape`; cells are named from `IndexBase.current`.
enum NarrationLaTeX {
    static func lines(_ narration: Narration) -> [String] {
        var lines: [String] = []
        for (index, block) in narration.blocks.enumerated() {
            let previous = index > 0 ? narration.blocks[index - 1].kind : nil
            let next = index + 1 < narration.blocks.count ? narration.blocks[index + 1].kind : nil
            switch block.kind {
            case .paragraph:
                lines += [text(block.lines.first ?? []), ""]
            case .bullet:
                if previous != .bullet { lines.append("\\begin{itemize}") }
                lines.append("\\item " + text(block.lines.first ?? []))
                if next != .bullet { lines += ["\\end{itemize}", ""] }
            case .display:
                let rows = block.lines.map { "\\text{" + keepingSpaces(text($0)) + "}" }
                lines += ["\\[\\begin{array}{l}", rows.joined(separator: " \\\\\n"), "\\end{array}\\]", ""]
            case .preformatted:
                let rows = block.lines.map { "\\mbox{" + keepingSpaces(text($0)) + "}" }
                lines += ["\\begin{flushleft}\\ttfamily", rows.joined(separator: " \\\\\n"), "\\end{flushleft}", ""]
            }
        }
        return lines
    }

    /// Runs as escaped text, each cell as `$X_{22}$`.
    static func text(_ runs: [NarrationRun]) -> String {
        runs.map { run in
            switch run {
            case .text(let text): LaTeXText.escape(text)
            case .cell(let reference): "$" + LaTeXText.subscripted(reference.name, reference.subscripts) + "$"
            }
        }.joined()
    }

    /// Escaped text whose spaces all show, for kept lines: each a tie (`~`), which TeX neither drops nor merges, in
    /// text and in math alike (the escapes themselves hold no space a tie would break).
    static func keepingSpaces(_ escaped: String) -> String {
        String(escaped.map { $0 == " " ? "~" : $0 })
    }
}
