import CNNLessons

/// The pure view: a `TutorState` becomes a `Screen`. No terminal, no I/O.
public enum TutorView {
    public static func render(_ state: TutorState) -> Screen {
        var screen = Screen(width: state.width, height: state.height, ascii: state.options.ascii)
        let theme = Theme(colors: state.options.colors)
        if state.isTooSmall {
            drawTooSmall(&screen, state: state)
        } else if state.showingHelp {
            drawHelp(&screen, state: state, theme: theme)
        } else if state.mode == .menu || state.frame == nil {
            drawMenu(&screen, state: state, theme: theme)
        } else {
            drawLesson(&screen, state: state, theme: theme)
        }
        return screen
    }

    // MARK: Too small

    static func drawTooSmall(_ screen: inout Screen, state: TutorState) {
        let lines = [
            "enlarge the terminal to at least \(TutorState.minimumWidth)×\(TutorState.minimumHeight)",
            "(it is \(state.width)×\(state.height) now)",
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
        switch state.prompt {
        case .goTo(let digits):
            return StyledLine([Segment("go to step: ", theme.status.with(bold: true)),
                               Segment(digits + "_", theme.status.with(bold: true)),
                               Segment("   (1–\(state.stepCount), or row,column of an output cell; "
                                       + Keymap.hints(Keymap.goTo).joined(separator: ", ") + ")", theme.status)])
        case .confirm(let what):
            return StyledLine([Segment(" " + what.question + " ", theme.message)])
        case .edit(let cursor):
            var segments = [Segment("EDIT", theme.message), Segment(" ", theme.status)]
            if let grid = state.frame?.grids[cursor.grid], cursor.row < grid.rowCount, cursor.column < grid.columnCount {
                let cell = grid.cells[cursor.row][cursor.column]
                segments.append(Segment("\(cell.symbol) = ", theme.status.with(bold: true)))
                segments.append(Segment(cursor.buffer.isEmpty ? "\(cell.text)" : cursor.buffer + "_",
                                        theme.status.with(bold: true)))
            }
            let hints = ["arrows/hjkl move"] + Keymap.hints(Keymap.edit)
            segments.append(Segment("   " + hints.joined(separator: " · "), theme.status))
            return StyledLine(segments)
        case .none:
            break
        }
        if state.options.present {
            return StyledLine("? help", theme.status)
        }
        let always = ["? help", "q quit"]
        let lessonHints = Keymap.hints(Keymap.lesson).filter { !always.contains($0) }
        let hints = state.answerBoxIsOpen ? Keymap.hints(Keymap.answer) + lessonHints : lessonHints
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

    static func drawLesson(_ screen: inout Screen, state: TutorState, theme: Theme) {
        guard let shown = state.frame else { return }
        let frame = practiceFrame(state, shown)
        let width = screen.width
        let height = screen.height
        let present = state.options.present
        let entry = state.currentEntry
        let edited = entry?.isModified == true ? "  [numbers changed: o restores]" : ""

        // Header.
        if present {
            screen.fill(row: 0, column: 0, count: width, style: .plain, character: " ")
            let label = [state.conventionsLabel, stepText(state)].compactMap { $0 }.joined(separator: " · ")
            let counter = "  " + label + "  "
            let counterWidth = Screen.displayWidth(counter, ascii: screen.ascii)
            screen.put(counter, row: 0, column: width - counterWidth, style: theme.stepCounter)
            screen.put(" " + frame.lessonTitle + edited, row: 0, column: 0, style: theme.heading,
                       maxWidth: width - counterWidth - 1)
        } else {
            let position = [state.conventionsLabel, state.lessonIndex.map { "lesson \($0 + 1)/\(state.entries.count)" }]
                .compactMap { $0 }.joined(separator: " · ")
            drawBar(&screen, row: 0,
                    left: StyledLine([Segment("cnn-tutor │ ", theme.header), Segment(frame.lessonTitle + edited, theme.header)]),
                    right: StyledLine(position, theme.header), style: theme.header)
        }

        // Heading and the walk's position.
        let progressText = frame.progress ?? ""
        let progressWidth = Screen.displayWidth(progressText, ascii: screen.ascii)
        screen.put(frame.heading, row: 1, column: 1, style: theme.heading,
                   maxWidth: max(1, width - progressWidth - 4))
        if !progressText.isEmpty {
            screen.put(progressText, row: 1, column: width - progressWidth - 1, style: theme.label)
        }

        // The sections under the heading, each with a desired and a minimum height.
        let textWidth = width - 2
        let litLast = state.practice.wrong[state.step] != nil && state.practiceTarget != nil
        let formula = formulaLines(frame, width: textWidth, ascii: screen.ascii, theme: theme, lightLast: litLast)
            + practiceLines(state, width: textWidth, ascii: screen.ascii, theme: theme)
        let facts = frame.facts.flatMap { TextLayout.wrap($0, width: textWidth, ascii: screen.ascii) }
            .map { StyledLine($0) }
        let quiz = quizLines(state, frame: frame, width: textWidth, ascii: screen.ascii, theme: theme)
        let narration = TextLayout.paragraphs(frame.narration, width: textWidth, ascii: screen.ascii)

        let top = 3
        let bottom = height - 1 // the status line
        let available = bottom - top
        let cursor: EditCursor? = { if case .edit(let c) = state.prompt { return c } else { return nil } }()

        // Heights. The formula and the quiz come first (they are what the step is about), then a little
        // narration and facts; the grids take the rest (showing only the channels in play when they must),
        // and whatever the grids leave goes back to the facts and the narration.
        let hasGrids = !frame.grids.isEmpty
        var formulaHeight = min(formula.count, 8)
        var quizHeight = min(quiz.count, 8)
        var factsHeight = min(facts.count, 3)
        var narrationHeight = min(narration.count, 2)
        let sections = [hasGrids, !formula.isEmpty, !quiz.isEmpty, !facts.isEmpty, !narration.isEmpty]
        var gaps = max(0, sections.filter { $0 }.count - 1)
        func gridRoom() -> Int { available - formulaHeight - quizHeight - factsHeight - narrationHeight - gaps }
        let gridMinimum = hasGrids ? 5 : 0
        // Squeeze, least important first, until the grids get a few rows.
        while gridRoom() < gridMinimum {
            if narrationHeight > 1 { narrationHeight -= 1 }
            else if factsHeight > 1 { factsHeight -= 1 }
            else if gaps > 0 { gaps = 0 }
            else if formulaHeight > 3 { formulaHeight -= 1 }
            else if quizHeight > 3 { quizHeight -= 1 }
            else if narrationHeight > 0 { narrationHeight -= 1 }
            else if factsHeight > 0 { factsHeight -= 1 }
            else { break }
        }
        var gridHeight = 0
        var layout = GridLayout(blocks: [], height: 0, hidden: 0)
        if hasGrids {
            layout = GridLayout.make(frame: frame, symbols: state.showSymbols, present: present, ascii: screen.ascii,
                                     cursor: cursor, width: width - 2, maxHeight: max(0, gridRoom()))
            gridHeight = layout.height + (layout.hidden > 0 ? 1 : 0)
        }
        var spare = available - gridHeight - formulaHeight - quizHeight - factsHeight - narrationHeight - gaps
        func give(_ height: inout Int, upTo wanted: Int) {
            let extra = max(0, min(spare, wanted - height))
            height += extra
            spare -= extra
        }
        give(&formulaHeight, upTo: formula.count)
        give(&quizHeight, upTo: quiz.count)
        give(&factsHeight, upTo: facts.count)
        give(&narrationHeight, upTo: narration.count)

        var y = top
        let gap = gaps > 0 ? 1 : 0
        if hasGrids && gridHeight > 0 {
            drawGrids(&screen, layout: layout, top: y, left: 1, maxHeight: layout.height, state: state, theme: theme,
                      cursor: cursor)
            if layout.hidden > 0 {
                let note = "(\(layout.hidden) grid\(layout.hidden == 1 ? "" : "s") not in play hidden: enlarge the terminal to see all)"
                screen.put(note, row: y + layout.height, column: 1, style: theme.label, maxWidth: textWidth)
            }
            y += gridHeight + gap
        }
        func section(_ lines: [StyledLine], height: Int, tail: Bool) {
            guard height > 0 else { return }
            var shown = tail ? Array(lines.suffix(height)) : Array(lines.prefix(height))
            if lines.count > height {
                // Never cut silently: say how much is not shown.
                let marker = StyledLine("⋮ \(lines.count - height + 1) more lines "
                                        + (tail ? "above" : "below") + ": enlarge the terminal to see them", theme.label)
                if tail { shown[0] = marker } else { shown[shown.count - 1] = marker }
            }
            for (offset, line) in shown.enumerated() {
                screen.put(line, row: y + offset, column: 1, maxWidth: textWidth)
            }
            y += height + gap
        }
        // A formula too long for its lines shows its end: the current term.
        section(formula, height: formulaHeight, tail: true)
        section(quiz, height: quizHeight, tail: false)
        section(facts, height: factsHeight, tail: false)
        if narrationHeight > 0 {
            let maxScroll = max(0, narration.count - narrationHeight)
            let scroll = min(state.narrationScroll, maxScroll)
            var lines = Array(narration.dropFirst(scroll).prefix(narrationHeight))
            let more = scroll + narrationHeight < narration.count
            if more, !lines.isEmpty { lines[lines.count - 1] = "… (PgDn for more)" }
            for (offset, line) in lines.enumerated() {
                let isMore = more && offset == lines.count - 1
                screen.put(line, row: y + offset, column: 1, style: isMore ? theme.label : .plain, maxWidth: textWidth)
            }
        }

        // Status line.
        let counter = present ? StyledLine.empty : StyledLine(stepText(state) + " ", theme.status.with(bold: true))
        drawBar(&screen, row: height - 1, left: statusLeft(state, theme: theme, room: width - Screen.displayWidth(stepText(state), ascii: screen.ascii) - 5, ascii: screen.ascii), right: counter, style: theme.status)
    }

    /// The formula, symbols above numbers; `lightLast` lights the newest product (a wrong running sum).
    static func formulaLines(_ frame: Frame, width: Int, ascii: Bool, theme: Theme,
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
        if !formula.partials.isEmpty {
            // A max pool keeps a running maximum, not a sum.
            let label = formula.symbolic.contains("max(") ? "running maximum: "
                : formula.symbolic.contains(" + ") || formula.numeric.contains(" + ") ? "partial sums: " : "running: "
            let text = label + formula.partials
            for (index, line) in TextLayout.wrap(text, width: width, ascii: ascii).enumerated() {
                if index == 0 {
                    lines.append(StyledLine([Segment(label, theme.label),
                                             Segment(String(line.dropFirst(label.count)))]))
                } else {
                    lines.append(StyledLine(line))
                }
            }
        }
        if !formula.channelSums.isEmpty {
            let text = "per channel: " + formula.channelSums.joined(separator: "  ·  ")
            for (index, line) in TextLayout.wrap(text, width: width, ascii: ascii).enumerated() {
                if index == 0 {
                    lines.append(StyledLine([Segment("per channel: ", theme.label),
                                             Segment(String(line.dropFirst("per channel: ".count)))]))
                } else {
                    lines.append(StyledLine(line))
                }
            }
        }
        return lines
    }

    static func drawGrids(_ screen: inout Screen, layout: GridLayout, top: Int, left: Int, maxHeight: Int,
                          state: TutorState, theme: Theme, cursor: EditCursor?) {
        let limit = top + maxHeight
        let inWindow: Set<Highlight> = [.window, .active, .winner]
        for block in layout.blocks {
            let x0 = left + block.x
            var y = top + block.y
            guard y < limit else { continue }
            let room = screen.width - x0 - 1
            guard room > 2 else { continue }
            screen.put(block.title, row: y, column: x0, style: theme.gridTitle, maxWidth: min(block.width, room))
            y += 1
            let inner = block.gridWidth - 2
            let clippedLeft = block.columns.lowerBound > 0
            let clippedRight = block.columns.upperBound < block.panel.columnCount
            func horizontal(_ leftCorner: String, _ rightCorner: String, row: Int) {
                guard row < limit else { return }
                var line = leftCorner + String(repeating: "─", count: inner) + rightCorner
                if block.rows.lowerBound > 0 && leftCorner == "┌" || block.rows.upperBound < block.panel.rowCount && leftCorner == "└" {
                    line = leftCorner + String(repeating: "┄", count: inner) + rightCorner
                }
                screen.put(line, row: row, column: x0, style: theme.border, maxWidth: room, ellipsis: false)
            }
            horizontal("┌", "┐", row: y)
            y += 1
            for (offset, r) in block.rows.enumerated() {
                if offset > 0 {
                    for _ in 0..<block.rowGap {
                        guard y < limit else { break }
                        screen.put(clippedLeft ? "┆" : "│", row: y, column: x0, style: theme.border)
                        if x0 + block.gridWidth - 1 < screen.width {
                            screen.put(clippedRight ? "┆" : "│", row: y, column: x0 + block.gridWidth - 1, style: theme.border)
                        }
                        y += 1
                    }
                }
                guard y < limit else { break }
                screen.put(clippedLeft ? "┆" : "│", row: y, column: x0, style: theme.border)
                var x = x0 + 1
                let row = block.panel.cells[r]
                for c in block.columns {
                    let isCursor = cursor?.grid == block.index && cursor?.row == r && cursor?.column == c
                    let cell = c < row.count ? row[c] : Cell(text: "", symbol: "")
                    // The window is one block: the gap between two of its cells takes its style too.
                    if c > block.columns.lowerBound, c - 1 < row.count,
                       inWindow.contains(row[c - 1].highlight), inWindow.contains(cell.highlight) {
                        screen.fill(row: y, column: x, count: block.padding, style: theme.cell(.window))
                    }
                    if isCursor {
                        screen.put("[", row: y, column: x + block.padding - 1, style: theme.cursor)
                    }
                    x += block.padding
                    var text = GridLayout.text(of: cell, symbols: state.showSymbols, ascii: screen.ascii)
                    if isCursor, case .edit(let edit) = state.prompt, !edit.buffer.isEmpty { text = edit.buffer }
                    let textWidth = Screen.displayWidth(text, ascii: screen.ascii)
                    let padded = String(repeating: " ", count: max(0, block.cellWidth - textWidth)) + text
                    let style = isCursor ? theme.cursor : theme.cell(cell.highlight)
                    if x < screen.width - 1 {
                        screen.put(padded, row: y, column: x, style: style, maxWidth: min(block.cellWidth, screen.width - 1 - x))
                    }
                    if isCursor {
                        screen.put("]", row: y, column: x + block.cellWidth, style: theme.cursor)
                    }
                    x += block.cellWidth
                }
                x += block.padding
                if x < screen.width {
                    screen.put(clippedRight ? "┆" : "│", row: y, column: x, style: theme.border)
                }
                y += 1
            }
            horizontal("└", "┘", row: y)
            if block.isClipped, y < limit {
                // Which part of a big grid this is, on its bottom border.
                var parts: [String] = []
                if block.rows.count < block.panel.rowCount {
                    parts.append("rows \(block.rows.lowerBound + 1)–\(block.rows.upperBound)/\(block.panel.rowCount)")
                }
                if block.columns.count < block.panel.columnCount {
                    parts.append("cols \(block.columns.lowerBound + 1)–\(block.columns.upperBound)/\(block.panel.columnCount)")
                }
                let label = " " + parts.joined(separator: " ") + " "
                screen.put(label, row: y, column: x0 + 1, style: theme.label, maxWidth: min(inner, room - 1))
            }
        }
    }

    // MARK: Menu

    static func drawMenu(_ screen: inout Screen, state: TutorState, theme: Theme) {
        let width = screen.width
        let height = screen.height
        drawBar(&screen, row: 0, left: StyledLine("cnn-tutor │ lessons", theme.header),
                right: StyledLine("\(state.entries.count) lesson\(state.entries.count == 1 ? "" : "s")", theme.header),
                style: theme.header)
        let top = 2
        let rowsPerEntry = 2
        let visible = max(1, (height - top - 1) / rowsPerEntry)
        let first = max(0, min(state.menuSelection - visible / 2, state.entries.count - visible))
        if state.entries.isEmpty {
            screen.put("No lessons found. Add lesson files with --lessons DIR or CNN_TUTOR_LESSONS.", row: top, column: 2)
        }
        let progressColumn = max(40, width - 37)
        for (offset, index) in (first..<min(state.entries.count, first + visible)).enumerated() {
            let entry = state.entries[index]
            let y = top + offset * rowsPerEntry
            let selected = index == state.menuSelection
            let marker = selected ? "▸ " : "  "
            let titleStyle = selected ? theme.selection : theme.heading
            if selected {
                screen.fill(row: y, column: 1, count: width - 2, style: theme.selection, character: " ")
            }
            screen.put(marker + "\(index + 1). " + entry.title, row: y, column: 1, style: titleStyle,
                       maxWidth: progressColumn - 3)
            let saved = state.progress.lessons[entry.id]
            var status: String
            if entry.problem != nil {
                status = "cannot be played"
            } else if let saved, entry.stepCount > 0 {
                let step = min(saved.step, entry.stepCount - 1) + 1
                let furthest = min(saved.furthestStep + 1, entry.stepCount)
                let filled = Int((Double(furthest) / Double(entry.stepCount) * 8).rounded())
                let bar = String(repeating: "▰", count: filled) + String(repeating: "▱", count: 8 - filled)
                status = "step \(step)/\(entry.stepCount) \(bar)"
                if entry.quizCount > 0 { status += " quiz \(saved.quizzesRight)/\(entry.quizCount)" }
                if let tries = saved.practiceFirstTries { status += " ✎\(tries)" }
                if furthest >= entry.stepCount { status += " ✓" }
            } else {
                status = "not started · \(entry.stepCount) steps"
                if entry.quizCount > 0 { status += "  quiz 0/\(entry.quizCount)" }
            }
            screen.put(status, row: y, column: progressColumn, style: selected ? theme.selection : theme.label,
                       maxWidth: width - progressColumn - 1)
            let second = entry.problem.map { "      " + $0 } ?? "      " + entry.summary
            screen.put(second, row: y + 1, column: 1, style: entry.problem == nil ? theme.label : theme.problem,
                       maxWidth: width - 2)
        }
        let left: StyledLine = state.message.map { StyledLine([Segment(" " + $0 + " ", theme.message)]) }
            ?? StyledLine(Keymap.hints(Keymap.menu).joined(separator: "  "), theme.status)
        drawBar(&screen, row: height - 1, left: left, right: .empty, style: theme.status)
    }

    // MARK: Help

    /// The help screen's lines, from the keymap: the view's bindings one a line, the answer box's and edit
    /// mode's as one paragraph each.
    static func helpEntries(_ state: TutorState) -> (keys: [(String, String)], notes: [String]) {
        if state.mode == .menu {
            return (Keymap.menu.map { ($0.label, $0.help) }, [])
        }
        let keys = Keymap.lesson.map { ($0.label, $0.help) }
        let notes = [
            "On a quiz, or a running sum in practice: " + Keymap.summary(Keymap.answer) + ".",
            "In edit mode: " + Keymap.summary(Keymap.edit) + ".",
            "Only e, r and o change numbers; stepping never does."
                + (state.options.present ? " In --present mode they ask first: y confirms, any other key cancels." : ""),
            "Progress is saved" + (state.options.progressLocation.map { " in \($0)" } ?? "")
                + "; --reset-progress starts over.",
        ]
        return (keys, notes)
    }

    static func drawHelp(_ screen: inout Screen, state: TutorState, theme: Theme) {
        let width = screen.width
        drawBar(&screen, row: 0, left: StyledLine("cnn-tutor │ keys", theme.header), right: .empty, style: theme.header)
        let (keys, notes) = helpEntries(state)
        let noteLines = notes.flatMap { TextLayout.wrap($0, width: width - 4, ascii: screen.ascii) }
        // One column when it fits, else two.
        let room = screen.height - 2 - noteLines.count
        var columns = 1
        var laid = layOutKeys(keys, width: width - 2, ascii: screen.ascii)
        if laid.count > room {
            columns = 2
            laid = layOutKeys(keys, width: (width - 2) / 2, ascii: screen.ascii)
        }
        let perColumn = columns == 1 ? laid.count : (laid.count + 1) / 2
        for (index, line) in laid.enumerated() {
            let left = 2 + (index / max(1, perColumn)) * ((width - 2) / 2)
            let y = 1 + index % max(1, perColumn)
            screen.put(line.label, row: y, column: left, style: theme.heading)
            screen.put(line.text, row: y, column: left + keyWidth(keys))
        }
        var y = 1 + perColumn
        for line in noteLines where y < screen.height - 1 {
            screen.put(line, row: y, column: 2, style: theme.label)
            y += 1
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
