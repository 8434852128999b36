import CNNLessons

/// What a drawn lesson screen shows of its frame, read back from the screen's text as a student would: what it
/// leaves out that it must always show (`missing`), and what it hides behind a marker (`hidden`). The tests hold
/// every frame of every lesson to it at each terminal size; Benchmarks/ finds with it the smallest terminal a
/// lesson plays in, and measures the grids' share of the screen.
public struct ScreenAudit: Sendable {
    /// Left out though it must show at any size: the heading, the formula's first line, the quiz's question and
    /// answer box, a grid neither drawn nor counted in the note that says some are hidden, the end of the
    /// narration or of the facts without the marker that says there is more, the status bar.
    public private(set) var missing: [String] = []
    /// Hidden behind a marker: grids not in play, grids cropped to a window, formula, quiz or facts lines.
    public private(set) var hidden: [String] = []

    /// The audit of `screen`, drawn from `state` (a lesson frame on screen).
    public init(_ state: TutorState, screen: Screen) {
        guard let frame = state.frame else {
            missing = ["the frame"]
            return
        }
        let width = screen.width - 2
        // The screen's lines, made once: the audit looks for a dozen texts in them.
        let text = ScreenLines(screen)
        if !frame.heading.isEmpty, !text.lines[1].contains(String(frame.heading.prefix(8))) {
            missing.append("the heading")
        }
        if let formula = frame.formula, !Self.shows(Self.firstTerm(formula.symbolic, width: width), on: text) {
            missing.append("the formula's first line")
        }
        if let quiz = frame.quiz {
            if !text.contains(String(("Quiz: " + quiz.question).prefix(min(30, width)))) {
                missing.append("the quiz's question")
            }
            if !text.contains("your answer: ") { missing.append("the answer box") }
        }
        auditText(frame, screen: text, width: width)
        auditGrids(frame, screen: screen, text: text)
        if !text.lines[screen.height - 1].contains("? help") { missing.append("the status bar") }
    }

    private mutating func auditText(_ frame: Frame, screen: ScreenLines, width: Int) {
        let narration = TextLayout.narration(frame.narrationBlocks, width: width, ascii: screen.ascii)
        if let last = narration.last, !screen.contains(last) {
            if screen.contains(" for more)") { hidden.append("narration lines") }
            else { missing.append("the narration's end, or its marker") }
        }
        let facts = frame.facts.flatMap { TextLayout.wrap($0, width: width, ascii: screen.ascii) }
        if let last = facts.last, !screen.contains(last), !screen.contains(" more line") {
            missing.append("the facts' end, or their marker")
        }
        if screen.contains("⋮ ") { hidden.append("formula, quiz or facts lines") }
    }

    private mutating func auditGrids(_ frame: Frame, screen: Screen, text: ScreenLines) {
        let boxes = Self.gridBoxes(screen)
        let notInPlay = Self.hiddenGridCount(text.lines)
        if boxes.count + notInPlay != frame.grids.count {
            missing.append("grids: \(boxes.count) drawn and \(notInPlay) said to be hidden of \(frame.grids.count)")
        }
        if notInPlay > 0 { hidden.append("\(notInPlay) grid\(notInPlay == 1 ? "" : "s") not in play") }
        // A window of a bigger grid has a dashed border on each side where rows or columns are cut away.
        let cropped = boxes.filter { box in
            let (top, bottom, right) = (box.row + 1, box.row + box.height - 1, box.column + box.width - 1)
            let across = (box.column...right).contains { column in
                screen[top, column].character == "┄" || screen[bottom, column].character == "┄"
            }
            let down = (top...bottom).contains { row in
                screen[row, box.column].character == "┆" || screen[row, right].character == "┆"
            }
            return across || down
        }
        if !cropped.isEmpty { hidden.append("\(cropped.count) grid\(cropped.count == 1 ? "" : "s") cropped") }
    }

    /// The formula's head and first term ("O11 = X11·F11"), as far as a line `width` wide holds it.
    static func firstTerm(_ symbolic: String, width: Int) -> String {
        String(symbolic.split(separator: " + ", omittingEmptySubsequences: false)[0].prefix(min(24, width - 2)))
    }

    /// Whether `text` is on the screen, as text or drawn large.
    static func shows(_ text: String, on screen: ScreenLines) -> Bool {
        screen.contains(text) || BigText.rows(text, ascii: screen.ascii).map { screen.contains($0[0]) } == true
    }

    /// The N of the note "(N grids not in play hidden…)"; 0 without one.
    static func hiddenGridCount(_ screen: Screen) -> Int { hiddenGridCount(screen.lines) }

    /// The N of the note "(N grids not in play hidden…)" among a screen's `lines`; 0 without one.
    static func hiddenGridCount(_ lines: [String]) -> Int {
        guard let line = lines.first(where: { $0.contains(" not in play hidden") }),
              let open = line.firstIndex(of: "(") else { return 0 }
        return Int(line[line.index(after: open)...].prefix { $0.isNumber }) ?? 0
    }

    /// The grids drawn on a screen: each box from its top-left corner (┌) to its bottom-right one, the title row
    /// above included.
    public static func gridBoxes(_ screen: Screen) -> [(row: Int, column: Int, width: Int, height: Int)] {
        var boxes: [(row: Int, column: Int, width: Int, height: Int)] = []
        for row in 0..<screen.height {
            for column in 0..<screen.width where screen[row, column].character == "┌" {
                var right = column + 1
                while right < screen.width - 1, screen[row, right].character != "┐" { right += 1 }
                var bottom = row + 1
                while bottom < screen.height - 1, screen[bottom, column].character != "└" { bottom += 1 }
                boxes.append((row - 1, column, right - column + 1, bottom - row + 2))
            }
        }
        return boxes
    }

    /// The share of the screen in the rectangle around all the grid boxes (as issue 14 measured it: "columns 1–43
    /// and rows 4–11 of a 160×45 screen"), and the share inside the boxes themselves.
    public static func gridShare(_ screen: Screen) -> (area: Double, boxes: Double) {
        let boxes = gridBoxes(screen)
        let cells = Double(screen.width * screen.height)
        guard let top = boxes.map(\.row).min(), let left = boxes.map(\.column).min(),
              let bottom = boxes.map({ $0.row + $0.height }).max(),
              let right = boxes.map({ $0.column + $0.width }).max() else { return (0, 0) }
        return (Double((bottom - top) * (right - left)) / cells,
                Double(boxes.reduce(0) { $0 + $1.width * $1.height }) / cells)
    }
}

/// A screen's lines, made once for the many texts an audit looks for (`Screen.lines` makes them on each call).
struct ScreenLines {
    let lines: [String]
    let ascii: Bool

    init(_ screen: Screen) {
        lines = screen.lines
        ascii = screen.ascii
    }

    /// Whether a line holds `needle`, as `Screen.contains` says.
    func contains(_ needle: String) -> Bool { lines.contains { $0.contains(needle) } }
}
