import CNNCore

/// Something in a lesson that computes fine but teaches badly, printed as `file:line:column: warning: message`.
public struct LessonWarning: Equatable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): warning: \(message)" }
}

/// The lesson lint of `cnn-tutor check`: a quiz whose answer is already on screen (or in the narration before
/// it, `Lint+Prose.swift`), a quiz grid that does not fit at 80×24, a quiz whose operands its frame does not draw,
/// a small output grid never shown complete, a hint that gives the answer away. It reads the frames `show` prints
/// (each step's completing frames), so what it warns about is what a student sees.
public struct LessonLint {
    let player: LessonPlayer
    /// Completing frames read per lesson step, half from each end: a walk of 89,320 values is sampled.
    static let framesPerStep = 400
    /// The screen a quiz must fit: the tutor's smallest comfortable terminal.
    static let screen = (width: 80, height: 24)
    /// Output grids up to this side are small enough to draw whole.
    static let wholeSide = PlaneGrid.maxSide

    public init(player: LessonPlayer) {
        self.player = player
    }

    public func warnings() -> [LessonWarning] {
        let frames = readFrames()
        return leakedAnswers(frames) + narrationGiveaways() + quizzesThatDoNotFit() + undrawnOperands()
            + incompleteOutputs(frames) + hintsGivingAnswers()
    }

    /// The completing frames of every step, in order, by global index.
    func readFrames() -> [(index: Int, frame: Frame)] {
        player.lessonStepRanges.flatMap { range -> [(index: Int, frame: Frame)] in
            var indices = player.completingFrames(in: range)
            if indices.count > Self.framesPerStep {
                indices = Array(indices.prefix(Self.framesPerStep / 2) + indices.suffix(Self.framesPerStep / 2))
            }
            return indices.map { ($0, player.frame(at: $0)) }
        }
    }

    /// Each quiz with its frame index and the spec it came from.
    var quizzes: [(index: Int, frame: Frame, quiz: QuizPrompt, spec: QuizSpec)] {
        player.lessonStepRanges.enumerated().compactMap { step, range in
            guard let spec = player.lesson.steps[step].computation?.quiz else { return nil }
            let frame = player.frame(at: range.lowerBound)
            return frame.quiz.map { (range.lowerBound, frame, $0, spec) }
        }
    }

    // MARK: (a) answers shown before they are asked

    func leakedAnswers(_ frames: [(index: Int, frame: Frame)]) -> [LessonWarning] {
        quizzes.compactMap { quizIndex, quizFrame, quiz, spec in
            guard let title = quiz.grid, let at = quiz.at,
                  let asked = quizFrame.grids.first(where: { $0.title == title }) else { return nil }
            // Only the same grid can leak: a grid of another size under the same title is another result.
            let isAsked: (GridPanel) -> Bool = {
                $0.title == title && $0.totalRows == asked.totalRows && $0.totalColumns == asked.totalColumns
            }
            let shown = frames.first { index, frame in
                index < quizIndex
                    && frame.grids.contains { isAsked($0) && Self.cell(of: $0, at: at, shows: quiz.answer) }
            }
            return shown.map { index, _ in
                LessonWarning("the quiz's answer is already on screen: '\(title)' shows row \(at[0]), column \(at[1]) "
                              + "at step \(index + 1), before the question", at: spec.location)
            }
        }
    }

    /// Whether the grid shows `value` at 1-based `at` (whole-grid coordinates).
    static func cell(of grid: GridPanel, at: [Int], shows value: Double) -> Bool {
        let row = at[0] - 1 - grid.firstRow, column = at[1] - 1 - grid.firstColumn
        guard grid.cells.indices.contains(row), grid.cells[row].indices.contains(column) else { return false }
        let text = grid.cells[row][column].text.replacing("−", with: "-")
        guard let number = Double(text) else { return false }
        return abs(number - value) <= 1e-6 * max(1, abs(value))
    }

    // MARK: (b) quiz grids that do not fit at 80×24

    func quizzesThatDoNotFit() -> [LessonWarning] {
        quizzes.compactMap { _, frame, quiz, spec in
            guard let title = quiz.grid, let at = quiz.at,
                  let grid = frame.grids.first(where: { $0.title == title }) else { return nil }
            let room = Self.gridRoom(frame)
            let width = Self.screen.width - 2
            let cellWidth = grid.cells.flatMap { $0 }.map { max(1, $0.text.count) }.max() ?? 1
            // Drawn alone: a title line and two borders around the rows; columns of cell + 1 space, 3 for the borders.
            let rowsNeeded = at[0] - grid.firstRow + 3
            let columnsNeeded = (at[1] - grid.firstColumn) * (cellWidth + 1) + 3
            guard rowsNeeded > room || columnsNeeded > width else { return nil }
            let screen = "\(Self.screen.width)×\(Self.screen.height)"
            return LessonWarning("the quiz's grid '\(title)' does not fit at \(screen): "
                                 + "row \(at[0]), column \(at[1]) needs \(rowsNeeded) lines and \(columnsNeeded) "
                                 + "columns, the quiz frame leaves about \(room) and \(width)", at: spec.location)
        }
    }

    /// Lines left for grids in a quiz frame at 80×24, estimated as the tutor shares them out: header, heading
    /// and status take 4; then the quiz (question and answer box), up to 3 facts, 2 narration lines and a blank
    /// line between sections.
    static func gridRoom(_ frame: Frame) -> Int {
        let width = screen.width - 2
        let lines: (String) -> Int = { text in max(1, (text.count + width - 1) / width) }
        let quiz = frame.quiz.map { lines("Quiz: " + $0.question) + 1 } ?? 0
        let facts = min(3, frame.facts.map(lines).reduce(0, +))
        let narration = min(2, frame.narration.map(lines).reduce(0, +))
        let sections = [quiz, facts, narration].filter { $0 > 0 }.count + 1
        return screen.height - 4 - quiz - facts - narration - (sections - 1)
    }

    // MARK: (b′) operands the quiz frame does not show

    /// A quiz whose worked terms use a number its frame does not draw: the student would have to remember it.
    func undrawnOperands() -> [LessonWarning] {
        quizzes.compactMap { index, _, _, spec in
            let missing = player.undrawnQuizOperands(atFrame: index)
            guard !missing.isEmpty else { return nil }
            let listed = missing.prefix(6).joined(separator: ", ") + (missing.count > 6 ? ", …" : "")
            return LessonWarning("the quiz's worked terms use \(listed), which the quiz frame does not show: ask "
                                 + "about a value whose operands its grids draw", at: spec.location)
        }
    }

    // MARK: (c) small output grids never complete

    /// A grid counts as complete when some frame shows it whole, or shows whole a grid of its size under another
    /// title that agrees with the latest value of every cell it showed (filter 1's output of a one-filter step,
    /// shown again beside filter 2).
    func incompleteOutputs(_ frames: [(index: Int, frame: Frame)]) -> [LessonWarning] {
        var firstSeen: [String: Int] = [:]
        var order: [String] = []
        var shown: [String: [[String]]] = [:]
        var wholes: [[[String]]] = []
        for (index, frame) in frames {
            for grid in frame.grids where grid.role == .output && !grid.isCropped && grid.rowCount <= Self.wholeSide
                && grid.columnCount <= Self.wholeSide {
                let key = "\(grid.title) (\(grid.rowCount)×\(grid.columnCount))"
                let texts = grid.cells.map { $0.map(\.text) }
                if firstSeen[key] == nil { firstSeen[key] = index; order.append(key) }
                // The latest value of each cell: an accumulating grid (the scatter form) changes as it fills.
                shown[key] = zip(shown[key] ?? texts, texts).map { zip($0, $1).map { $1.isEmpty ? $0 : $1 } }
                if texts.allSatisfy({ $0.allSatisfy { !$0.isEmpty } }) { wholes.append(texts) }
            }
        }
        let agrees: ([[String]], [[String]]) -> Bool = { part, whole in
            part.count == whole.count && zip(part, whole).allSatisfy { row, full in
                row.count == full.count && zip(row, full).allSatisfy { $0.isEmpty || $0 == $1 }
            }
        }
        return order.filter { key in !wholes.contains { agrees(shown[key]!, $0) } }.map { key in
            let step = player.locate(firstSeen[key]!).lessonStep
            let location = player.lesson.steps[step].computation?.location ?? player.lesson.steps[step].location
            return LessonWarning("the output grid '\(key)' is never shown complete: walk all its values, or add a "
                                 + "step with `walk: result`", at: location)
        }
    }
}
