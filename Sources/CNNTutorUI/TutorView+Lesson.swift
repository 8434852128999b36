import CNNLessons

/// The lesson view: header, grids, then the formula, the quiz, the facts and the narration, each given the
/// rows the layout can spare.
extension TutorView {
    /// The text under the grids, as lines.
    struct LessonSections {
        /// The formula's symbolic and numeric lines, then (the last `formulaTail`) its running values and
        /// practice mode's answer box.
        var formula: [StyledLine]
        var formulaTail = 0
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
        /// The formula drawn large, its lines wrapped for big glyphs (nil: in the text's own size).
        var largeFormula: [StyledLine]?

        var textHeight: Int { formula + quiz + facts + narration + gaps }
    }

    /// The first row under the header: a blank row between them, none in the compact layout.
    static func lessonTop(_ zoom: Zoom) -> Int { zoom.compact ? 2 : 3 }

    static func drawLesson(_ screen: inout Screen, state: TutorState, theme: Theme) {
        guard let shown = state.frame else { return }
        let frame = practiceFrame(state, shown)
        drawLessonHeader(&screen, state: state, frame: frame, theme: theme)
        let (sections, layout, zoom) = lessonLayout(state, frame: frame, width: screen.width, height: screen.height,
                                                    ascii: screen.ascii, theme: theme)
        drawLessonBody(&screen, sections, layout: layout, top: lessonTop(zoom), state: state, theme: theme)
        drawLessonStatus(&screen, state: state, theme: theme)
    }

    /// The lesson body's text and where each part goes on a `width`×`height` screen.
    static func lessonLayout(_ state: TutorState, frame: Frame, width: Int, height: Int, ascii: Bool,
                             theme: Theme) -> (LessonSections, LessonLayout, Zoom) {
        let zoom = Zoom(steps: state.options.zoom, fits: state.options.present, width: width, height: height)
        let sections = lessonSections(state, frame: frame, width: width - 2, ascii: ascii, theme: theme)
        let room = LessonRoom(width: width - 2, height: height - 1 - lessonTop(zoom), ascii: ascii)
        let layout = layOutLesson(sections, frame: frame, state: state, zoom: zoom, room: room, theme: theme)
        return (sections, layout, zoom)
    }

    /// The columns and rows the lesson's body may take, and whether the screen is ASCII-only.
    struct LessonRoom {
        var width: Int
        var height: Int
        var ascii: Bool
    }

    /// The title bar (or --present's title and big step counter), then the heading and the walk's position.
    static func drawLessonHeader(_ screen: inout Screen, state: TutorState, frame: Frame, theme: Theme) {
        let width = screen.width
        // Whether the numbers shown are the lesson's own matters more than the title: the title gives way.
        let edited = numbersNote(state)
        if state.options.present {
            screen.fill(row: 0, column: 0, count: width, style: .plain, character: " ")
            let label = [state.conventionsLabel, stepText(state)].compactMap { $0 }.joined(separator: " · ")
            let counter = "  " + label + "  "
            let counterWidth = Screen.displayWidth(counter, ascii: screen.ascii)
            screen.put(counter, row: 0, column: width - counterWidth, style: theme.stepCounter)
            let noteColumn = max(0, width - counterWidth - Screen.displayWidth(edited, ascii: screen.ascii) - 1)
            screen.put(edited, row: 0, column: noteColumn, style: theme.heading,
                       maxWidth: width - counterWidth - noteColumn)
            screen.put(" " + frame.lessonTitle, row: 0, column: 0, style: theme.heading, maxWidth: noteColumn - 1)
        } else {
            let lesson = state.lessonIndex.map { "lesson \($0 + 1)/\(state.entries.count)" }
            let position = [state.conventionsLabel, lesson].compactMap { $0 }.joined(separator: " · ")
            let title = StyledLine([Segment("cnn-tutor │ ", theme.header), Segment(frame.lessonTitle, theme.header)])
            drawBar(&screen, row: 0, left: title, right: StyledLine(edited + (edited.isEmpty ? "" : "  ") + position,
                                                                    theme.header), style: theme.header)
        }
        let progressText = frame.progress ?? ""
        let progressWidth = Screen.displayWidth(progressText, ascii: screen.ascii)
        screen.put(frame.heading, row: 1, column: 1, style: theme.heading,
                   maxWidth: max(1, width - progressWidth - 4))
        if !progressText.isEmpty {
            screen.put(progressText, row: 1, column: width - progressWidth - 1, style: theme.label)
        }
    }

    /// "[numbers changed: o restores]" on a step whose numbers were changed; on another step of a changed lesson,
    /// which steps were ("[steps 3–18 changed: o restores]").
    static func numbersNote(_ state: TutorState) -> String {
        guard let changed = state.currentEntry?.changedSteps, !changed.isEmpty else { return "" }
        if changed.contains(where: { $0.contains(state.step) }) { return "[numbers changed: o restores]" }
        let steps = changed.prefix(3).map { range in
            range.count == 1 ? "\(range.upperBound)" : "\(range.lowerBound + 1)–\(range.upperBound)"
        }
        let more = changed.count > 3 ? ", …" : ""
        return "[step\(changed.count == 1 && changed[0].count == 1 ? "" : "s") \(steps.joined(separator: ", "))\(more)"
            + " changed: o restores]"
    }

    static func lessonSections(_ state: TutorState, frame: Frame, width: Int, ascii: Bool,
                               theme: Theme) -> LessonSections {
        let litLast = state.practice.wrong[state.step] != nil && state.practiceTarget != nil
        let tail = runningLines(frame, width: width, ascii: ascii, theme: theme)
            + practiceLines(state, width: width, ascii: ascii, theme: theme)
        let formula = formulaPairLines(frame, width: width, ascii: ascii, theme: theme, lightLast: litLast) + tail
        let quiz = quizLines(state, frame: frame, width: width, ascii: ascii, theme: theme)
        let facts = frame.facts.flatMap { TextLayout.wrap($0, width: width, ascii: ascii) }.map { StyledLine($0) }
        let narration = TextLayout.narration(frame.narrationBlocks, width: width, ascii: ascii)
        return LessonSections(formula: formula, formulaTail: tail.count, quiz: quiz, facts: facts,
                              narration: narration)
    }

    /// The formula and the quiz come first (they are what the step is about), then a little narration and
    /// facts; the grids take the rest, and whatever the grids leave goes back to the formula (large when the
    /// grids are, and it fits), the facts and the narration.
    static func layOutLesson(_ sections: LessonSections, frame: Frame, state: TutorState, zoom: Zoom,
                             room: LessonRoom, theme: Theme) -> LessonLayout {
        var layout = squeezed(sections, hasGrids: !frame.grids.isEmpty, available: room.height)
        if zoom.compact { layout.gaps = 0 }
        if !frame.grids.isEmpty {
            let grids = gridContents(frame, state: state, theme: theme, ascii: room.ascii)
            if frame.quiz != nil, let quizLayout = quizLayout(sections, grids: grids, zoom: zoom, room: room) {
                layout = quizLayout
            } else {
                layOutGrids(&layout, grids: grids, zoom: zoom, room: room)
            }
        }
        var spare = room.height - layout.gridHeight - layout.textHeight
        func give(_ height: inout Int, upTo wanted: Int) {
            let extra = max(0, min(spare, wanted - height))
            height += extra
            spare -= extra
        }
        give(&layout.formula, upTo: sections.formula.count)
        if layout.formula == sections.formula.count,
           layout.grids.blocks.contains(where: { $0.scale.drawsLarge(textWidth: 1, ascii: room.ascii) }),
           let large = largeFormula(frame, state: state, room: room, theme: theme),
           large.height - layout.formula <= spare {
            spare -= large.height - layout.formula
            (layout.formula, layout.largeFormula) = (large.height, large.lines)
        }
        give(&layout.quiz, upTo: sections.quiz.count)
        give(&layout.facts, upTo: sections.facts.count)
        give(&layout.narration, upTo: sections.narration.count)
        return layout
    }

    /// The formula wrapped for big glyphs and the rows it takes: a line every glyph can draw takes a big line's
    /// rows, any other one row. Nil when no line can be drawn large.
    static func largeFormula(_ frame: Frame, state: TutorState, room: LessonRoom,
                             theme: Theme) -> (lines: [StyledLine], height: Int)? {
        let columns = (room.width + 1) / BigText.pitch
        let lines = formulaLines(frame, width: columns, ascii: room.ascii, theme: theme)
            + practiceLines(state, width: room.width, ascii: room.ascii, theme: theme)
        let large = lines.map { BigText.canDraw(text(of: $0)) }
        guard large.contains(true) else { return nil }
        return (lines, large.reduce(0) { $0 + ($1 ? BigText.height(ascii: room.ascii) : 1) })
    }

    static func text(of line: StyledLine) -> String { line.segments.map(\.text).joined() }

    /// The sections' first heights, squeezed (least important first) until the grids get a few rows. A section
    /// with lines keeps a row at least: for its marker, when that is all there is room for.
    static func squeezed(_ sections: LessonSections, hasGrids: Bool, available: Int) -> LessonLayout {
        var layout = LessonLayout(formula: min(sections.formula.count, 8), quiz: min(sections.quiz.count, 8),
                                  facts: min(sections.facts.count, 3), narration: min(sections.narration.count, 2))
        let shown = [hasGrids, !sections.formula.isEmpty, !sections.quiz.isEmpty, !sections.facts.isEmpty,
                     !sections.narration.isEmpty]
        layout.gaps = max(0, shown.filter { $0 }.count - 1)
        shrink(&layout, toFit: available - (hasGrids ? 5 : 0))
        return layout
    }

    /// Takes rows from the text, least important first, until it fits in `height` (or each section is at its
    /// least: one row, three of the formula and of the quiz).
    static func shrink(_ layout: inout LessonLayout, toFit height: Int) {
        while layout.textHeight > height {
            if layout.narration > 1 { layout.narration -= 1 }
            else if layout.facts > 1 { layout.facts -= 1 }
            else if layout.gaps > 0 { layout.gaps = 0 }
            else if layout.formula > 3 { layout.formula -= 1 }
            else if layout.quiz > 3 { layout.quiz -= 1 }
            else { break }
        }
    }

    /// A quiz frame's grids hold the numbers the question is worked from: all of them are drawn whole, and the
    /// text gives way around them. The question, its feedback and the worked terms come first; the narration and
    /// the facts shrink to a row (for their marker), then the blank rows and the grids' long titles go, and only
    /// then is the feedback cut (to its first three rows and a marker). Nil when even that leaves the grids too
    /// little room: the layout of any other frame then decides.
    static func quizLayout(_ sections: LessonSections, grids: [GridContent], zoom: Zoom,
                           room: LessonRoom) -> LessonLayout? {
        var layout = squeezed(sections, hasGrids: true, available: room.height)
        layout.quiz = sections.quiz.count
        if zoom.compact { layout.gaps = 0 }
        var compact = zoom
        compact.compact = true
        let narrower = [(layout.narration, layout.facts, layout.gaps), (min(layout.narration, 1),
                        min(layout.facts, 1), layout.gaps), (min(layout.narration, 1), min(layout.facts, 1), 0)]
        for quiz in stride(from: sections.quiz.count, through: min(3, sections.quiz.count), by: -1) {
            for (narration, facts, gaps) in narrower {
                (layout.quiz, layout.narration, layout.facts, layout.gaps) = (quiz, narration, facts, gaps)
                for zoom in [zoom, compact] {
                    let laid = zoom.layOut(grids, ascii: room.ascii, width: room.width,
                                           maxHeight: max(0, room.height - layout.textHeight))
                    if laid.showsEverything && laid.height <= room.height - layout.textHeight {
                        layout.grids = laid
                        layout.gridHeight = laid.height
                        return layout
                    }
                }
            }
        }
        return nil
    }

    /// The grids in the rows left (a row kept for the note when some must be hidden); when some are, short
    /// titles instead, with the narration and facts giving way.
    static func layOutGrids(_ layout: inout LessonLayout, grids: [GridContent], zoom: Zoom, room: LessonRoom) {
        func layOut(_ zoom: Zoom, in height: Int) -> GridLayout {
            let laid = zoom.layOut(grids, ascii: room.ascii, width: room.width, maxHeight: max(0, height))
            return laid.hidden > 0 ? zoom.layOut(grids, ascii: room.ascii, width: room.width,
                                                  maxHeight: max(0, height - 1)) : laid
        }
        layout.grids = layOut(zoom, in: room.height - layout.textHeight)
        if layout.grids.hidden > 0 {
            var compact = zoom
            compact.compact = true
            var squeezed = layout
            (squeezed.formula, squeezed.narration, squeezed.facts, squeezed.gaps)
                = (min(layout.formula, 4), min(layout.narration, 1), min(layout.facts, 1), 0)
            let shortened = layOut(compact, in: room.height - squeezed.textHeight)
            if shortened.hidden == 0 {
                layout = squeezed
                layout.grids = shortened
            }
        }
        layout.gridHeight = layout.grids.height + (layout.grids.hidden > 0 ? 1 : 0)
    }

    static func drawLessonBody(_ screen: inout Screen, _ sections: LessonSections, layout: LessonLayout, top: Int,
                               state: TutorState, theme: Theme) {
        var y = top
        let gap = layout.gaps > 0 ? 1 : 0
        if layout.gridHeight > 0 {
            GridDrawing.draw(&screen, layout: layout.grids, top: y, left: 1, maxHeight: layout.grids.height,
                             theme: theme)
            if layout.grids.hidden > 0 {
                let hidden = layout.grids.hidden
                let note = "(\(hidden) grid\(hidden == 1 ? "" : "s") not in play hidden"
                let advice = ": enlarge the terminal to see all)"
                let fits = Screen.displayWidth(note + advice, ascii: screen.ascii) <= screen.width - 2
                screen.put(note + (fits ? advice : ")"), row: y + layout.grids.height, column: 1, style: theme.label,
                           maxWidth: screen.width - 2)
            }
            y += layout.gridHeight + gap
        }
        if let large = layout.largeFormula {
            drawLarge(&screen, large, top: y, height: layout.formula)
            y += layout.formula + gap
        }
        if layout.largeFormula == nil, layout.formula > 0 {
            let shown = formulaShown(sections.formula, tail: sections.formulaTail, height: layout.formula,
                                     width: screen.width - 2, ascii: screen.ascii, theme: theme)
            drawSection(&screen, shown, top: y, height: layout.formula, theme: theme)
            y += layout.formula + gap
        }
        for (lines, height) in [(sections.quiz, layout.quiz), (sections.facts, layout.facts)] where height > 0 {
            drawSection(&screen, lines, top: y, height: height, theme: theme)
            y += height + gap
        }
        drawNarration(&screen, sections.narration, top: y, height: layout.narration, scroll: state.narrationScroll,
                      scrollKey: narrationKey(state), theme: theme)
    }

    /// The key that scrolls the narration down, as the help names it: PgDn, or ] in --present mode (where a
    /// clicker's PgDn steps).
    static func narrationKey(_ state: TutorState) -> String {
        let label = state.lessonKeymap.first { $0.action == .scrollDown }?.label
        return label?.split(separator: " ").first.map(String.init) ?? "PgDn"
    }

    /// The formula's lines large, each in its first segment's style; a line the glyphs cannot draw in its own size.
    static func drawLarge(_ screen: inout Screen, _ lines: [StyledLine], top: Int, height: Int) {
        var y = top
        for line in lines where y < top + height {
            let text = text(of: line)
            if BigText.canDraw(text) {
                screen.putBig(text, row: y, column: 1, style: line.segments.first?.style ?? .plain)
                y += BigText.height(ascii: screen.ascii)
            } else {
                screen.put(line, row: y, column: 1, maxWidth: screen.width - 2)
                y += 1
            }
        }
    }

    /// `lines` in `height` rows from `top`, never cut silently: the first ones, with a marker last.
    static func drawSection(_ screen: inout Screen, _ lines: [StyledLine], top: Int, height: Int, theme: Theme) {
        var shown = Array(lines.prefix(height))
        if lines.count > height {
            let hidden = lines.count - height + 1
            shown[shown.count - 1] = hiddenMarker("⋮ \(hidden) more line\(hidden == 1 ? "" : "s")",
                                                  width: screen.width - 2, ascii: screen.ascii, theme: theme)
        }
        for (offset, line) in shown.enumerated() {
            screen.put(line, row: top + offset, column: 1, maxWidth: screen.width - 2)
        }
    }

    /// The formula's lines for `height` rows: all when they fit; else its first line, a marker, then the current
    /// term (the last symbolic and numeric lines), its `tail` (the running values) as far as they fit, and the
    /// lines before the current term in the rows left.
    static func formulaShown(_ lines: [StyledLine], tail: Int, height: Int, width: Int, ascii: Bool,
                             theme: Theme) -> [StyledLine] {
        guard lines.count > height, height >= 2 else { return Array(lines.prefix(height)) }
        let pairs = lines.count - tail
        var room = height - 2
        let current = Array(lines[max(1, pairs - min(2, room))..<max(1, pairs)])
        room -= current.count
        let running = Array(lines[pairs...].prefix(room))
        room -= running.count
        let before = Array(lines[1..<max(1, pairs - current.count)].suffix(room))
        let hidden = lines.count - 1 - current.count - running.count - before.count
        let marker = hiddenMarker("⋮ \(hidden) more line\(hidden == 1 ? "" : "s")", width: width, ascii: ascii,
                                  theme: theme)
        return [lines[0], marker] + before + current + running
    }

    /// "⋮ 3 more lines", with how to see them when that fits in `width`.
    static func hiddenMarker(_ what: String, width: Int, ascii: Bool, theme: Theme) -> StyledLine {
        let advised = what + ": enlarge the terminal to see them"
        return StyledLine(Screen.displayWidth(advised, ascii: ascii) <= width ? advised : what, theme.label)
    }

    /// The narration from `scroll`, with a "more" line naming `scrollKey` when it goes on.
    static func drawNarration(_ screen: inout Screen, _ narration: [String], top: Int, height: Int, scroll: Int,
                              scrollKey: String, theme: Theme) {
        guard height > 0 else { return }
        let scroll = min(scroll, max(0, narration.count - height))
        var lines = Array(narration.dropFirst(scroll).prefix(height))
        let more = scroll + height < narration.count
        if more, !lines.isEmpty { lines[lines.count - 1] = "… (\(scrollKey) for more)" }
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
