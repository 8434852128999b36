import CNNLessons

/// `--watch` after a broken save: the problems `check` reports, in place of the lesson, until the next good save.
extension TutorView {
    static func drawFileProblems(_ screen: inout Screen, _ problems: [String], state: TutorState, theme: Theme) {
        let title = state.currentEntry?.title ?? ""
        drawBar(&screen, row: 0, left: StyledLine("cnn-tutor │ " + title, theme.header),
                right: StyledLine("file has problems", theme.header), style: theme.header)
        let width = screen.width - 4
        let count = problems.count
        let file = state.currentEntry?.file ?? ""
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let intro = "\(file) has \(count) problem\(count == 1 ? "" : "s"). Fix and save it: the lesson comes "
            + "back at step \(state.step + 1)."
        var lines = TextLayout.wrap(intro, width: width, ascii: screen.ascii).map { StyledLine($0, theme.heading) }
        lines.append(.empty)
        for problem in problems {
            // The path is in the line above: each problem starts with the file's name and line:column.
            let shown = !file.isEmpty && problem.hasPrefix(file + ":") ? name + problem.dropFirst(file.count) : problem
            lines += TextLayout.wrap(shown, width: width, ascii: screen.ascii).map { StyledLine($0, theme.problem) }
        }
        let room = screen.height - 3
        if lines.count > room {
            let hidden = lines.count - (room - 1)
            lines = Array(lines.prefix(room - 1)) + [StyledLine("… \(hidden) more lines: cnn-tutor check FILE",
                                                                   theme.label)]
        }
        for (offset, line) in lines.enumerated() {
            screen.put(line, row: 2 + offset, column: 2, maxWidth: width)
        }
        let left = state.message.map { StyledLine([Segment(" " + $0 + " ", theme.message)]) }
            ?? StyledLine("m menu  ? help  q quit", theme.status)
        drawBar(&screen, row: screen.height - 1, left: left, right: .empty, style: theme.status)
    }
}
