import CNNCore

/// The numbers a quiz's worked terms are made of, and whether its frame shows them: a student can only work out
/// a value whose operands are on screen when the question is asked.
extension LessonPlayer {
    /// The frames (0-based, as `frame(at:)` counts them) that ask a quiz.
    public var quizFrameIndices: [Int] {
        zip(lessonStepRanges, lesson.steps.indices).compactMap { range, step in hasQuiz(step) ? range.lowerBound : nil }
    }

    /// The operands of the value the quiz asked at frame `index` asks for, each once, in the order they enter
    /// the sum: every factor that is a tensor element, then the bias (a quiz with `term: t` asks for the first t
    /// terms only, without it). Zero padding and constants (1/4) are left out, as the worked terms print their
    /// values. Empty when the frame asks no quiz or its value is not one sum of terms (a size, a probability).
    public func quizOperands(atFrame index: Int) -> [Factor] {
        let (lessonStep, local) = locate(index)
        guard local == 0, let spec = lesson.steps[lessonStep].computation?.quiz,
              let explanation = quizExplanation(ofStep: lessonStep) else { return [] }
        let terms = explanation.terms.prefix(spec.term ?? explanation.terms.count)
        let bias = spec.term == nil ? explanation.bias.map { [$0] } ?? [] : []
        let factors = terms.flatMap(\.factors).filter { !$0.isPadding && !$0.position.isEmpty } + bias
        var seen: Set<String> = []
        return IndexBase.$current.withValue(conventions.indexBase) {
            factors.filter { seen.insert($0.symbol).inserted }
        }
    }

    /// The symbols ("F2111", "∂L/∂O211") of the operands of the quiz at frame `index` that its frame does not
    /// show: in no grid cell that shows its number, and (for a bias, which no grid draws) in no fact that names it
    /// with its value. Empty when every operand is shown, or the frame asks no quiz.
    public func undrawnQuizOperands(atFrame index: Int) -> [String] {
        let frame = frame(at: index)
        let drawn = Self.drawnSymbols(frame)
        return IndexBase.$current.withValue(conventions.indexBase) {
            quizOperands(atFrame: index).map(\.symbol).filter { symbol in
                !drawn.contains(symbol) && !frame.facts.contains { $0.hasPrefix(symbol + " = ") }
            }
        }
    }

    /// Where each operand of the quiz at frame `index` is drawn in its frame: grid index and 0-based row and
    /// column of the cells shown (`GridPanel.cells`), the first grid that shows it. Operands no grid shows are
    /// left out (`undrawnQuizOperands` names them).
    public func quizOperandCells(atFrame index: Int) -> [(symbol: String, grid: Int, row: Int, column: Int)] {
        let frame = frame(at: index)
        let symbols = IndexBase.$current.withValue(conventions.indexBase) {
            quizOperands(atFrame: index).map(\.symbol)
        }
        return symbols.compactMap { symbol in
            for (gridIndex, grid) in frame.grids.enumerated() {
                for (row, cells) in grid.cells.enumerated() {
                    if let column = cells.firstIndex(where: { $0.symbol == symbol && !$0.text.isEmpty }) {
                        return (symbol, gridIndex, row, column)
                    }
                }
            }
            return nil
        }
    }

    /// The symbols of the cells `frame` draws with their numbers (not pending ones).
    static func drawnSymbols(_ frame: Frame) -> Set<String> {
        var symbols: Set<String> = []
        for grid in frame.grids {
            for cell in grid.cells.joined() where !cell.text.isEmpty { symbols.insert(cell.symbol) }
        }
        return symbols
    }
}

extension LessonPlayer {
    /// The quiz frame's result grids with only the values an earlier step showed: a partial walk (`only:`) draws
    /// the values before the one it walks as if computed, which under a quiz they are only when an earlier step
    /// of the lesson computed them (the forward pass before its own quiz); the rest stay to come, so that no
    /// message ("the value one row above") points at a number the lesson has not worked out yet.
    ///
    /// - Parameters:
    ///   - grids: the quiz frame's grids.
    ///   - lessonStep: the quiz's lesson step; the last frame of each step before it is what the lesson showed.
    func hidingUncomputed(_ grids: [GridPanel], before lessonStep: Int) -> [GridPanel] {
        guard grids.contains(where: { $0.role == .output && $0.cells.joined().contains { !$0.text.isEmpty } }) else {
            return grids
        }
        let shown = lessonStepRanges.prefix(lessonStep).flatMap { namedFrame(at: $0.upperBound - 1).grids }
        return grids.map { grid in
            guard grid.role == .output else { return grid }
            let earlier = shown.filter {
                $0.title == grid.title && $0.totalRows == grid.totalRows && $0.totalColumns == grid.totalColumns
            }
            var kept = grid
            for (row, cells) in grid.cells.enumerated() {
                for (column, cell) in cells.enumerated() where !cell.text.isEmpty {
                    let at = [grid.firstRow + row + 1, grid.firstColumn + column + 1]
                    if !earlier.contains(where: { Self.shows($0, at: at, text: cell.text) }) {
                        kept.cells[row][column] = Cell(text: "", symbol: cell.symbol, highlight: .pending)
                    }
                }
            }
            return kept
        }
    }

    /// Whether `grid` shows `text` at 1-based `at` (whole-grid coordinates).
    static func shows(_ grid: GridPanel, at: [Int], text: String) -> Bool {
        let row = at[0] - 1 - grid.firstRow, column = at[1] - 1 - grid.firstColumn
        return grid.cells.indices.contains(row) && grid.cells[row].indices.contains(column)
            && grid.cells[row][column].text == text
    }
}
