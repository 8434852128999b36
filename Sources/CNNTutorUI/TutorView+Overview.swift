/// The overview (`O`): the lesson's steps, one a line, with the tutor's numbers of their frames.
extension TutorView {
    static func drawOverview(_ screen: inout Screen, _ overview: OverviewState, state: TutorState, theme: Theme) {
        let title = state.currentEntry?.title ?? ""
        drawBar(&screen, row: 0, left: StyledLine("cnn-tutor │ \(title) │ steps", theme.header),
                right: StyledLine(stepText(state), theme.header), style: theme.header)
        let outline = overview.outline
        let labelWidth = outline.map { $0.label.count }.max() ?? 0
        let top = 2
        let visible = max(1, screen.height - top - 1)
        let first = max(0, min(overview.selection - visible / 2, outline.count - visible))
        let here = overview.lesson.step + 1
        for (offset, index) in (first..<min(outline.count, first + visible)).enumerated() {
            let entry = outline[index]
            let selected = index == overview.selection
            let padding = String(repeating: " ", count: labelWidth - entry.label.count)
            let marker = entry.steps.contains(here) ? "  ◂ here" : ""
            let line = (selected ? "▸ " : "  ") + padding + entry.label + "  " + entry.title + marker
            if selected {
                screen.fill(row: top + offset, column: 1, count: screen.width - 2, style: theme.selection,
                            character: " ")
            }
            screen.put(line, row: top + offset, column: 1, style: selected ? theme.selection : .plain,
                       maxWidth: screen.width - 2)
        }
        let left: StyledLine = state.message.map { StyledLine([Segment(" " + $0 + " ", theme.message)]) }
            ?? StyledLine(Keymap.hints(Keymap.overview).joined(separator: "  "), theme.status)
        drawBar(&screen, row: screen.height - 1, left: left, right: .empty, style: theme.status)
    }
}
