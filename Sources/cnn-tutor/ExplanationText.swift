import CNNCore

/// Writes explanations for people: the symbolic line, the numeric line, a blank line; long sums cut short
/// unless `--all`.
struct ExplanationText {
    let out: TextOutput
    let detail: Detail

    /// "O11 = X11·F11 + …" then "O11 = 1·1 + … = -4".
    func write(_ explanation: Explanation) {
        let count = explanation.terms.count
        if detail.all || count <= Detail.manyTerms {
            out.line(explanation.symbolicLine())
            out.line(explanation.numericLine())
        } else {
            out.line(explanation.symbolicLine(terms: Detail.shownTerms))
            out.line(explanation.numericLine(terms: Detail.shownTerms))
            out.line("  … \(count - Detail.shownTerms) more terms left out (--all prints all); in all "
                     + explanation.target.symbol + " = " + explanation.format(explanation.value))
        }
        out.line()
    }

    /// Elements 0..<count explained one after another, the first 20 only when there are over 400; with groups, a
    /// line naming the group before its first element ("Group 2 of 3: filter 2 sees input channel 2 only.").
    func writeAll(count: Int, noun: String, explain: (Int) -> Explanation) {
        let shown = detail.shown(count)
        var group: ChannelGroup?
        for flat in 0..<shown {
            let explanation = explain(flat)
            if let next = explanation.group, next != group {
                out.line(next.sentence)
                out.line()
                group = next
            }
            write(explanation)
        }
        if shown < count {
            out.line("… \(count - shown) more \(noun) left out (--all prints all)")
            out.line()
        }
    }

    /// A titled grid followed by a blank line.
    func grid(_ tensor: Tensor, title: String, scale: Double? = nil, axisNames: [String] = ["sample", "channel"]) {
        out.line(GridText.render(tensor, title: title, scale: scale, axisNames: axisNames))
        out.line()
    }

    func heading(_ text: String) {
        out.line(text)
        out.line(String(repeating: "─", count: text.count))
    }
}
