import CNNLessons

/// The pure view: a `TutorState` becomes a `Screen`. No terminal, no I/O.
public enum TutorView {
    public static func render(_ state: TutorState) -> Screen {
        var screen = Screen(width: state.width, height: state.height, ascii: state.options.ascii)
        let theme = Theme(colors: state.options.colors)
        if state.isBlackedOut {
            return screen
        } else if state.isTooSmall {
            drawTooSmall(&screen, minimumWidth: TutorState.minimumWidth, minimumHeight: TutorState.minimumHeight)
        } else if state.showingHelp {
            drawHelp(&screen, state: state, theme: theme)
        } else if let overview = state.overview {
            drawOverview(&screen, overview, state: state, theme: theme)
        } else if !state.isInMenu, let problems = state.lessonFileProblems {
            drawFileProblems(&screen, problems, state: state, theme: theme)
        } else if state.isInMenu || state.frame == nil {
            drawMenu(&screen, state: state, theme: theme)
        } else {
            drawLesson(&screen, state: state, theme: theme)
        }
        return screen
    }

    // MARK: Too small

    /// The centred "enlarge the terminal" notice of a screen smaller than the minimum (the playground's too).
    static func drawTooSmall(_ screen: inout Screen, minimumWidth: Int, minimumHeight: Int) {
        let lines = [
            "enlarge the terminal to at least \(minimumWidth)×\(minimumHeight)",
            "(it is \(screen.width)×\(screen.height) now)",
            "q quits",
        ]
        let top = max(0, (screen.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let width = Screen.displayWidth(line, ascii: screen.ascii)
            let left = max(0, (screen.width - width) / 2)
            screen.put(line, row: top + offset, column: left, style: offset == 0 ? .bold : .plain)
        }
    }

    // MARK: Chrome

    static func stepText(_ state: TutorState) -> String {
        "step \(state.step + 1)/\(state.stepCount)"
    }

    static func drawBar(_ screen: inout Screen, row: Int, left: StyledLine, right: StyledLine, style: Style) {
        screen.fill(row: row, column: 0, count: screen.width, style: style, character: " ")
        let rightWidth = right.segments.reduce(0) { $0 + Screen.displayWidth($1.text, ascii: screen.ascii) }
        let rightColumn = max(0, screen.width - rightWidth - 1)
        screen.put(left, row: row, column: 1, maxWidth: max(0, rightColumn - 2))
        screen.put(right, row: row, column: rightColumn, maxWidth: screen.width - rightColumn)
    }

    static func statusLeft(_ state: TutorState, theme: Theme, room: Int, ascii: Bool) -> StyledLine {
        if let message = state.message {
            return StyledLine([Segment(" " + message + " ", theme.message)])
        }
        if let following = followingStatus(state, theme: theme) { return following }
        switch state.input {
        case .goTo(let digits):
            return StyledLine([Segment("go to step: ", theme.status.with(bold: true)),
                               Segment(digits + "_", theme.status.with(bold: true)),
                               Segment("   (1–\(state.stepCount), or row,column of an output cell; "
                                       + Keymap.hints(Keymap.goTo).joined(separator: ", ") + ")", theme.status)])
        case .confirm(let what):
            return StyledLine([Segment(" " + what.question + " ", theme.message)])
        case .edit(let cursor):
            var segments = [Segment("EDIT", theme.message), Segment(" ", theme.status)]
            if let grid = state.frame?.grids[cursor.grid], cursor.row < grid.rowCount,
               cursor.column < grid.columnCount {
                let cell = grid.cells[cursor.row][cursor.column]
                segments.append(Segment("\(cell.symbol) = ", theme.status.with(bold: true)))
                segments.append(Segment(cursor.buffer.isEmpty ? "\(cell.text)" : cursor.buffer + "_",
                                        theme.status.with(bold: true)))
            }
            let hints = ["arrows/hjkl move"] + Keymap.hints(Keymap.edit)
            segments.append(Segment("   " + hints.joined(separator: " · "), theme.status))
            return StyledLine(segments)
        case .pointer:
            return pointerStatus(state, theme: theme)
        case .answer, .none:
            break
        }
        if state.options.present {
            return StyledLine("? help", theme.status)
        }
        // A detached follower is told how to follow again.
        let always = (state.following == nil ? [] : ["a follow"]) + ["? help", "q quit"]
        let lessonHints = Keymap.hints(state.lessonKeymap).filter { !always.contains($0) }
        let answerKeys = Keymap.answerKeys(for: state.frame?.quiz?.kind)
        let hints = state.answer != nil ? Keymap.hints(answerKeys) + lessonHints : lessonHints
        return StyledLine(fit(hints, always: always, width: room, ascii: ascii), theme.status)
    }

    /// As many hints as fit in `width` columns, in order, followed by the ones always shown.
    static func fit(_ hints: [String], always: [String], width: Int, ascii: Bool) -> String {
        let separator = "  "
        var used = always.reduce(0) { $0 + Screen.displayWidth($1, ascii: ascii) + separator.count }
        var chosen: [String] = []
        for hint in hints {
            let hintWidth = Screen.displayWidth(hint, ascii: ascii) + separator.count
            if used + hintWidth > width { break }
            chosen.append(hint)
            used += hintWidth
        }
        return (chosen + always).joined(separator: separator)
    }

    // MARK: Lesson

    /// The formula, symbols above numbers, then its running values; `lightLast` lights the newest product (a
    /// wrong running sum).
    static func formulaLines(_ frame: Frame, width: Int, ascii: Bool, theme: Theme,
                             lightLast: Bool = false) -> [StyledLine] {
        formulaPairLines(frame, width: width, ascii: ascii, theme: theme, lightLast: lightLast)
            + runningLines(frame, width: width, ascii: ascii, theme: theme)
    }

    /// The formula's symbolic lines, each above its numeric one.
    static func formulaPairLines(_ frame: Frame, width: Int, ascii: Bool, theme: Theme,
                                 lightLast: Bool = false) -> [StyledLine] {
        guard let formula = frame.formula else { return [] }
        var lines: [StyledLine] = []
        let numericStyle = formula.isComplete ? theme.complete : theme.numeric
        let last = lightLast ? lastProduct(formula) : nil
        for (symbolic, numeric) in TextLayout.alignedFormula(symbolic: formula.symbolic, numeric: formula.numeric,
                                                               width: width, ascii: ascii) {
            let start = last.flatMap { column(of: $0.symbol, in: symbolic) }?.0
            let count = last.map { max($0.symbol.count, $0.number.count) } ?? 0
            lines.append(lighting(symbolic, start, count, base: theme.symbolic, lit: theme.wrong))
            lines.append(lighting(numeric, start, count, base: numericStyle, lit: theme.wrong))
        }
        return lines
    }

    /// The partial sums (or running maximum) and the per-channel sums under the formula.
    static func runningLines(_ frame: Frame, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        guard let formula = frame.formula else { return [] }
        var lines: [StyledLine] = []
        if !formula.partials.isEmpty {
            // A max pool keeps a running maximum, not a sum.
            let label = (formula.worked?.runningLabel ?? "running") + ": "
            lines += labelled(label, formula.partials, width: width, ascii: ascii, theme: theme)
        }
        if !formula.channelSums.isEmpty {
            lines += labelled("per channel: ", formula.channelSums.joined(separator: "  ·  "), width: width,
                              ascii: ascii, theme: theme)
        }
        return lines
    }

    /// `label` then `text`, wrapped; the label in the label style.
    static func labelled(_ label: String, _ text: String, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        TextLayout.wrap(label + text, width: width, ascii: ascii).enumerated().map { index, line in
            index == 0 ? StyledLine([Segment(label, theme.label), Segment(String(line.dropFirst(label.count)))])
                : StyledLine(line)
        }
    }

    // MARK: Menu

    static func drawMenu(_ screen: inout Screen, state: TutorState, theme: Theme) {
        let count = state.entries.count
        drawBar(&screen, row: 0, left: StyledLine("cnn-tutor │ lessons", theme.header),
                right: StyledLine("\(count) lesson\(count == 1 ? "" : "s")", theme.header), style: theme.header)
        let top = 2
        let rowsPerEntry = 2
        let visible = max(1, (screen.height - top - 1) / rowsPerEntry)
        let first = max(0, min(state.menuSelection - visible / 2, count - visible))
        if state.entries.isEmpty {
            screen.put("No lessons found. Add lesson files with --lessons DIR or CNN_TUTOR_LESSONS.", row: top,
                       column: 2)
        }
        for (offset, index) in (first..<min(count, first + visible)).enumerated() {
            drawMenuEntry(&screen, state: state, index: index, row: top + offset * rowsPerEntry, theme: theme)
        }
        let confirming = if case .menu(let menu) = state.mode, menu.confirmingQuit { true } else { false }
        let left: StyledLine = (state.message ?? (confirming ? Confirmation.quitQuestion : nil))
            .map { StyledLine([Segment(" " + $0 + " ", theme.message)]) }
            ?? StyledLine(Keymap.hints(Keymap.menu).joined(separator: "  "), theme.status)
        drawBar(&screen, row: screen.height - 1, left: left, right: .empty, style: theme.status)
    }

    /// A lesson's two lines: number, title and progress; then its summary, or why it cannot be played.
    static func drawMenuEntry(_ screen: inout Screen, state: TutorState, index: Int, row y: Int, theme: Theme) {
        let width = screen.width
        let entry = state.entries[index]
        let progressColumn = max(40, width - 37)
        let selected = index == state.menuSelection
        if selected {
            screen.fill(row: y, column: 1, count: width - 2, style: theme.selection, character: " ")
        }
        screen.put((selected ? "▸ " : "  ") + "\(index + 1). " + entry.title, row: y, column: 1,
                   style: selected ? theme.selection : theme.heading, maxWidth: progressColumn - 3)
        screen.put(menuStatus(entry, saved: state.progress.lessons[entry.id]), row: y, column: progressColumn,
                   style: selected ? theme.selection : theme.label, maxWidth: width - progressColumn - 1)
        let second = "      " + (entry.problem ?? entry.summary)
        screen.put(second, row: y + 1, column: 1, style: entry.problem == nil ? theme.label : theme.problem,
                   maxWidth: width - 2)
    }

    /// "step 3/18 ▰▰▱▱▱▱▱▱ quiz 1/2 ✎4", "not started · 18 steps", or "cannot be played".
    static func menuStatus(_ entry: LessonEntry, saved: LessonProgress?) -> String {
        guard entry.problem == nil else { return "cannot be played" }
        guard let saved, entry.stepCount > 0 else {
            let quiz = entry.quizCount > 0 ? "  quiz 0/\(entry.quizCount)" : ""
            return "not started · \(entry.stepCount) steps" + quiz
        }
        let step = min(saved.step, entry.stepCount - 1) + 1
        let furthest = min(saved.furthestStep + 1, entry.stepCount)
        let filled = Int((Double(furthest) / Double(entry.stepCount) * 8).rounded())
        let bar = String(repeating: "▰", count: filled) + String(repeating: "▱", count: 8 - filled)
        var status = "step \(step)/\(entry.stepCount) \(bar)"
        if entry.quizCount > 0 { status += " quiz \(saved.quizzesRight)/\(entry.quizCount)" }
        if let tries = saved.practiceFirstTries { status += " ✎\(tries)" }
        if furthest >= entry.stepCount { status += " ✓" }
        return status
    }

    // MARK: Help

    /// The help screen's lines, from the keymap: the view's bindings one a line, the answer box's and edit
    /// mode's as one paragraph each.
    /// The keys of the quiz on screen when it is answered with a letter or a cell.
    static func kindNote(_ kind: QuizKind?) -> [String] {
        switch kind {
        case .choice: ["On this multiple-choice quiz: " + Keymap.summary(Keymap.choice) + "."]
        case .cell: ["On this which-cell quiz: " + Keymap.summary(Keymap.cellAnswer) + "."]
        case .number, nil: []
        }
    }

    static func helpEntries(_ state: TutorState) -> (keys: [(String, String)], notes: [String]) {
        if state.isInMenu {
            return (Keymap.menu(present: state.options.present).map { ($0.label, $0.help) }, [])
        }
        if state.overview != nil {
            return (Keymap.overview.map { ($0.label, $0.help) }, [])
        }
        if let following = state.following, following.isAttached {
            return (Keymap.follow.map { ($0.label, $0.help) }, [followingNote])
        }
        let keys = Keymap.rows(state.lessonKeymap)
        let notes = [
            "On a quiz, or a running sum in practice: " + Keymap.summary(Keymap.answer) + ".",
        ] + kindNote(state.frame?.quiz?.kind) + [
            "In edit mode: " + Keymap.summary(Keymap.edit) + ".",
            "Only e, r and o change numbers; stepping never does."
                + (state.options.present
                    ? " In --present mode they and q ask first: y confirms, any other key cancels." : ""),
            state.following != nil ? followingNote + " a follows the presenter again."
                : progressNote(state.options),
        ]
        return (keys, notes)
    }

    static let followingNote = "Following a presenter keeps no progress: the student progress file is untouched."

    static func progressNote(_ options: TutorOptions) -> String {
        guard !options.present else {
            return "--present keeps no progress: it starts at step 1 (or --step) and never writes the progress file."
        }
        return "Progress is saved" + (options.progressLocation.map { " in \($0)" } ?? "")
            + "; --reset-progress starts over."
    }

    static func drawHelp(_ screen: inout Screen, state: TutorState, theme: Theme) {
        let (keys, notes) = helpEntries(state)
        drawKeyHelp(&screen, title: "cnn-tutor │ keys", keys: keys, notes: notes, theme: theme)
    }

    /// A help screen (the tutor's, the playground's): the keys one a line, in two columns when one is too tall
    /// and two leave room for the texts, then the notes. What does not fit ends in a line saying so.
    static func drawKeyHelp(_ screen: inout Screen, title: String, keys: [(String, String)], notes: [String],
                            theme: Theme) {
        let width = screen.width
        drawBar(&screen, row: 0, left: StyledLine(title, theme.header), right: .empty, style: theme.header)
        let noteLines = notes.flatMap { TextLayout.wrap($0, width: width - 4, ascii: screen.ascii) }
        let room = screen.height - 2
        let columnWidth = (width - 2) / 2
        var laid = layOutKeys(keys, width: width - 2, ascii: screen.ascii)
        var rows = laid.map { [$0] }
        if rows.count + noteLines.count > room && columnWidth - keyWidth(keys) >= 12 {
            // The second column's texts one column short of the edge, the first's of the second column.
            laid = layOutKeys(keys, width: columnWidth - 1, ascii: screen.ascii)
            // The second column starts with a key, not with the wrapped end of one.
            let half = laid.indices.first { $0 >= (laid.count + 1) / 2 && !laid[$0].label.isEmpty } ?? laid.count
            let (left, right) = (laid[..<half], laid[half...])
            rows = (0..<max(left.count, right.count)).map { offset in
                let second = offset < right.count ? [right[half + offset]] : []
                return (offset < left.count ? [left[offset]] : [("", "")]) + second
            }
        }
        let total = rows.count + noteLines.count
        let shown = total > room ? room - 1 : room
        for (offset, row) in rows.prefix(shown).enumerated() {
            for (column, line) in row.enumerated() {
                let left = 2 + column * columnWidth
                screen.put(line.label, row: 1 + offset, column: left, style: theme.heading)
                screen.put(line.text, row: 1 + offset, column: left + keyWidth(keys))
            }
        }
        for (offset, line) in noteLines.prefix(max(0, shown - rows.count)).enumerated() {
            screen.put(line, row: 1 + rows.count + offset, column: 2, style: theme.label)
        }
        if total > room {
            screen.put("… \(total - shown) more lines: a larger terminal shows them", row: room, column: 2,
                       style: theme.label, maxWidth: width - 4)
        }
        drawBar(&screen, row: screen.height - 1, left: StyledLine("any key closes this help", theme.status),
                right: .empty, style: theme.status)
    }

    /// The column of the help texts: past the longest key label.
    static func keyWidth(_ keys: [(String, String)]) -> Int {
        (keys.map { $0.0.count }.max() ?? 0) + 2
    }

    /// The help's key lines in a column `width` wide: a label, then its text wrapped beside it.
    static func layOutKeys(_ keys: [(String, String)], width: Int, ascii: Bool) -> [(label: String, text: String)] {
        let keyWidth = keyWidth(keys)
        return keys.flatMap { label, text in
            TextLayout.wrap(text, width: width - keyWidth, ascii: ascii).enumerated().map { index, line in
                (index == 0 ? label : "", line)
            }
        }
    }
}

extension Style {
    func with(bold: Bool) -> Style {
        var copy = self
        copy.bold = bold
        return copy
    }
}
