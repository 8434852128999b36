import CNNLessons

/// The lesson view: header, grids, then the formula, the quiz, the facts and the narration, each given the
/// rows the layout can spare.
extension TutorView {
    /// The text under the grids, as lines.
    struct LessonSections {
        var formula: [StyledLine]
        var quiz: [StyledLine]
        var facts: [StyledLine]
        var narration: [String]
    }

    /// The rows each part of the lesson view gets.
    struct LessonLayout {
        var grids = GridLayout(blocks: [], height: 0, hidden: 0)
        /// The grids' rows, with the note under them when some are hidden.
        var gridHeight = 0
        var formula: Int
        var quiz: Int
        var facts: Int
        var narration: Int
        /// The blank rows between sections (0 once the space is short).
        var gaps = 0

        var textHeight: Int { formula + quiz + facts + narration + gaps }
    }

    static let lessonTop = 3

    static func drawLesson(_ screen: inout Screen, state: TutorState, theme: Theme) {
        guard let shown = state.frame else { return }
        let frame = practiceFrame(state, shown)
        drawLessonHeader(&screen, state: state, frame: frame, theme: theme)
        let sections = lessonSections(state, frame: frame, width: screen.width - 2, ascii: screen.ascii, theme: theme)
        let layout = layOutLesson(sections, frame: frame, state: state, width: screen.width - 2, ascii: screen.ascii,
                                  available: screen.height - 1 - lessonTop)
        drawLessonBody(&screen, sections, layout: layout, state: state, theme: theme)
        drawLessonStatus(&screen, state: state, theme: theme)
    }

    /// The title bar (or --present's title and big step counter), then the heading and the walk's position.
    static func drawLessonHeader(_ screen: inout Screen, state: TutorState, frame: Frame, theme: Theme) {
        let width = screen.width
        let edited = state.currentEntry?.isModified == true ? "  [numbers changed: o restores]" : ""
        if state.options.present {
            screen.fill(row: 0, column: 0, count: width, style: .plain, character: " ")
            let label = [state.conventionsLabel, stepText(state)].compactMap { $0 }.joined(separator: " · ")
            let counter = "  " + label + "  "
            let counterWidth = Screen.displayWidth(counter, ascii: screen.ascii)
            screen.put(counter, row: 0, column: width - counterWidth, style: theme.stepCounter)
            screen.put(" " + frame.lessonTitle + edited, row: 0, column: 0, style: theme.heading,
                       maxWidth: width - counterWidth - 1)
        } else {
            let lesson = state.lessonIndex.map { "lesson \($0 + 1)/\(state.entries.count)" }
            let position = [state.conventionsLabel, lesson].compactMap { $0 }.joined(separator: " · ")
            let title = StyledLine([Segment("cnn-tutor │ ", theme.header),
                                    Segment(frame.lessonTitle + edited, theme.header)])
            drawBar(&screen, row: 0, left: title, right: StyledLine(position, theme.header), style: theme.header)
        }
        let progressText = frame.progress ?? ""
        let progressWidth = Screen.displayWidth(progressText, ascii: screen.ascii)
        screen.put(frame.heading, row: 1, column: 1, style: theme.heading,
                   maxWidth: max(1, width - progressWidth - 4))
        if !progressText.isEmpty {
            screen.put(progressText, row: 1, column: width - progressWidth - 1, style: theme.label)
        }
    }

    static func lessonSections(_ state: TutorState, frame: Frame, width: Int, ascii: Bool,
                               theme: Theme) -> LessonSections {
        let litLast = state.practice.wrong[state.step] != nil && state.practiceTarget != nil
        let formula = formulaLines(frame, width: width, ascii: ascii, theme: theme, lightLast: litLast)
            + practiceLines(state, width: width, ascii: ascii, theme: theme)
        let quiz = quizLines(state, frame: frame, width: width, ascii: ascii, theme: theme)
        let facts = frame.facts.flatMap { TextLayout.wrap($0, width: width, ascii: ascii) }.map { StyledLine($0) }
        let narration = TextLayout.paragraphs(frame.narration, width: width, ascii: ascii)
        return LessonSections(formula: formula, quiz: quiz, facts: facts, narration: narration)
    }

    /// The formula and the quiz come first (they are what the step is about), then a little narration and
    /// facts; the grids take the rest, and whatever the grids leave goes back to the facts and the narration.
    static func layOutLesson(_ sections: LessonSections, frame: Frame, state: TutorState, width: Int, ascii: Bool,
                             available: Int) -> LessonLayout {
        var layout = squeezed(sections, hasGrids: !frame.grids.isEmpty, available: available)
        if !frame.grids.isEmpty {
            layOutGrids(&layout, frame: frame, state: state, width: width, ascii: ascii, available: available)
        }
        var spare = available - layout.gridHeight - layout.textHeight
        func give(_ height: inout Int, upTo wanted: Int) {
            let extra = max(0, min(spare, wanted - height))
            height += extra
            spare -= extra
        }
        give(&layout.formula, upTo: sections.formula.count)
        give(&layout.quiz, upTo: sections.quiz.count)
        give(&layout.facts, upTo: sections.facts.count)
        give(&layout.narration, upTo: sections.narration.count)
        return layout
    }

    /// The sections' first heights, squeezed (least important first) until the grids get a few rows.
    static func squeezed(_ sections: LessonSections, hasGrids: Bool, available: Int) -> LessonLayout {
        var layout = LessonLayout(formula: min(sections.formula.count, 8), quiz: min(sections.quiz.count, 8),
                                  facts: min(sections.facts.count, 3), narration: min(sections.narration.count, 2))
        let shown = [hasGrids, !sections.formula.isEmpty, !sections.quiz.isEmpty, !sections.facts.isEmpty,
                     !sections.narration.isEmpty]
        layout.gaps = max(0, shown.filter { $0 }.count - 1)
        let gridMinimum = hasGrids ? 5 : 0
        while available - layout.textHeight < gridMinimum {
            if layout.narration > 1 { layout.narration -= 1 }
            else if layout.facts > 1 { layout.facts -= 1 }
            else if layout.gaps > 0 { layout.gaps = 0 }
            else if layout.formula > 3 { layout.formula -= 1 }
            else if layout.quiz > 3 { layout.quiz -= 1 }
            else if layout.narration > 0 { layout.narration -= 1 }
            else if layout.facts > 0 { layout.facts -= 1 }
            else { break }
        }
        return layout
    }

    /// The grids in the rows left; when some must be hidden (a volume's channels), short titles instead,
    /// with the narration and facts giving way.
    static func layOutGrids(_ layout: inout LessonLayout, frame: Frame, state: TutorState, width: Int, ascii: Bool,
                            available: Int) {
        func make(maxHeight: Int, compact: Bool) -> GridLayout {
            GridLayout.make(frame: frame, symbols: state.showSymbols, present: state.options.present, ascii: ascii,
                            cursor: state.litCell, width: width, maxHeight: maxHeight, compact: compact)
        }
        layout.grids = make(maxHeight: max(0, available - layout.textHeight), compact: false)
        if layout.grids.hidden > 0 {
            let compact = make(maxHeight: available - min(layout.formula, 4) - layout.quiz, compact: true)
            if compact.hidden == 0 {
                layout.grids = compact
                (layout.formula, layout.narration, layout.facts, layout.gaps) = (min(layout.formula, 4), 0, 0, 0)
            }
        }
        layout.gridHeight = layout.grids.height + (layout.grids.hidden > 0 ? 1 : 0)
    }

    static func drawLessonBody(_ screen: inout Screen, _ sections: LessonSections, layout: LessonLayout,
                               state: TutorState, theme: Theme) {
        var y = lessonTop
        let gap = layout.gaps > 0 ? 1 : 0
        if layout.gridHeight > 0 {
            drawGrids(&screen, layout: layout.grids, top: y, left: 1, maxHeight: layout.grids.height, state: state,
                      theme: theme, cursor: state.litCell)
            if layout.grids.hidden > 0 {
                let hidden = layout.grids.hidden
                let note = "(\(hidden) grid\(hidden == 1 ? "" : "s") not in play hidden: "
                    + "enlarge the terminal to see all)"
                screen.put(note, row: y + layout.grids.height, column: 1, style: theme.label,
                           maxWidth: screen.width - 2)
            }
            y += layout.gridHeight + gap
        }
        // A formula too long for its lines shows its end: the current term.
        let parts = [(sections.formula, layout.formula, true), (sections.quiz, layout.quiz, false),
                     (sections.facts, layout.facts, false)]
        for (lines, height, tail) in parts where height > 0 {
            drawSection(&screen, lines, top: y, height: height, tail: tail, theme: theme)
            y += height + gap
        }
        drawNarration(&screen, sections.narration, top: y, height: layout.narration, scroll: state.narrationScroll,
                      theme: theme)
    }

    /// `lines` in `height` rows from `top`: the first ones, or the last (`tail`); never cut silently.
    static func drawSection(_ screen: inout Screen, _ lines: [StyledLine], top: Int, height: Int, tail: Bool,
                            theme: Theme) {
        var shown = tail ? Array(lines.suffix(height)) : Array(lines.prefix(height))
        if lines.count > height {
            let hidden = "⋮ \(lines.count - height + 1) more lines " + (tail ? "above" : "below")
            let marker = StyledLine(hidden + ": enlarge the terminal to see them", theme.label)
            if tail { shown[0] = marker } else { shown[shown.count - 1] = marker }
        }
        for (offset, line) in shown.enumerated() {
            screen.put(line, row: top + offset, column: 1, maxWidth: screen.width - 2)
        }
    }

    /// The narration from `scroll` (PgDn/PgUp), with a "more" line when it goes on.
    static func drawNarration(_ screen: inout Screen, _ narration: [String], top: Int, height: Int, scroll: Int,
                              theme: Theme) {
        guard height > 0 else { return }
        let scroll = min(scroll, max(0, narration.count - height))
        var lines = Array(narration.dropFirst(scroll).prefix(height))
        let more = scroll + height < narration.count
        if more, !lines.isEmpty { lines[lines.count - 1] = "… (PgDn for more)" }
        for (offset, line) in lines.enumerated() {
            let isMore = more && offset == lines.count - 1
            screen.put(line, row: top + offset, column: 1, style: isMore ? theme.label : .plain,
                       maxWidth: screen.width - 2)
        }
    }

    static func drawLessonStatus(_ screen: inout Screen, state: TutorState, theme: Theme) {
        let step = stepText(state)
        let counter = state.options.present ? StyledLine.empty : StyledLine(step + " ", theme.status.with(bold: true))
        let room = screen.width - Screen.displayWidth(step, ascii: screen.ascii) - 5
        drawBar(&screen, row: screen.height - 1, left: statusLeft(state, theme: theme, room: room, ascii: screen.ascii),
                right: counter, style: theme.status)
    }
}
