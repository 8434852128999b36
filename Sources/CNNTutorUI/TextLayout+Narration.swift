import CNNLessons

extension TextLayout {
    /// Columns displayed and preformatted lines are set in from the prose, as a formula on a line of its own is.
    static let keptLineIndent = "  "

    /// The narration's lines at `width` columns, a blank line between blocks (not between bullets): paragraphs
    /// wrapped, bullets wrapped under their bullet, displayed and preformatted lines kept as written and cut with an
    /// ellipsis where they are wider than the screen (never wrapped: that would break a formula's or a table's
    /// layout).
    static func narration(_ narration: Narration, width: Int, ascii: Bool) -> [String] {
        var lines: [String] = []
        var previous: NarrationBlock.Kind?
        for block in narration.blocks {
            let blockLines = self.lines(block, width: width, ascii: ascii)
            guard !blockLines.isEmpty else { continue }
            // Items of one list stay together.
            if !lines.isEmpty, !(previous == .bullet && block.kind == .bullet) { lines.append("") }
            lines += blockLines
            previous = block.kind
        }
        return lines
    }

    static func lines(_ block: NarrationBlock, width: Int, ascii: Bool) -> [String] {
        switch block.kind {
        case .paragraph:
            let text = block.plainText
            return text.allSatisfy { $0 == " " } ? [] : wrap(text, width: width, ascii: ascii)
        case .bullet:
            let wrapped = wrap(block.plainText, width: max(1, width - 2), ascii: ascii)
            return wrapped.enumerated().map { ($0.offset == 0 ? "• " : "  ") + $0.element }
        case .display, .preformatted:
            return block.plainLines.map { cropped(keptLineIndent + $0, width: width, ascii: ascii) }
        }
    }

    /// `line` as the screen shows it when it is at most `width` columns; else its first `width − 1` columns and
    /// an ellipsis, so the reader sees that the line goes on.
    static func cropped(_ line: String, width: Int, ascii: Bool) -> String {
        guard Screen.displayWidth(line, ascii: ascii) > width else { return line }
        guard width > 0 else { return "" }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: Screen.displayScalars(line, ascii: ascii).prefix(width - 1))
        return String(scalars) + (ascii ? "~" : "…")
    }
}
