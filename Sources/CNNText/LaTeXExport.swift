import CNNCore
import CNNLessons
import CNNSafeText

/// A lesson as a LaTeX fragment for a handout (it needs only amsmath): each lesson step's title under the tutor's
/// numbers of its frames ("Steps 21--25: …"), its narration, its grids as `bmatrix`es as the step ends in the
/// tutor, and the sum of every value it walks in an `align*`, symbols above numbers.
public struct LaTeXExport {
    /// At most this many walked values' sums per step; the rest are counted.
    public var maxValues: Int

    public init(maxValues: Int = 24) {
        self.maxValues = maxValues
    }

    public func render(_ player: LessonPlayer) -> String {
        // The sums are written here, outside the player's frames: under its index base too.
        IndexBase.$current.withValue(player.conventions.indexBase) { renderNamed(player) }
    }

    func renderNamed(_ player: LessonPlayer) -> String {
        let lesson = player.lesson
        let frames = player.lessonStepRanges.map { player.frame(at: $0.upperBound - 1) }
        let widest = frames.flatMap(\.grids).map(\.columnCount).max() ?? 0
        // The id stays in its `%` comment: a line break would end the comment.
        let id = TerminalText.singleLine(lesson.id)
        var lines = [
            "% cnn-tutor lesson '\(id)' as a handout fragment: \\input it in a document that loads amsmath.",
            "% Every number below was computed by cnn-tutor's core.",
            "\\setcounter{MaxMatrixCols}{\(max(10, widest))}",
            "\\section*{\(LaTeXText.escape(lesson.title))}",
            "\\emph{\(LaTeXText.escape(lesson.summary))}",
        ]
        for (index, range) in player.lessonStepRanges.enumerated() {
            lines.append("")
            lines += stepLines(player, step: index, first: player.frame(at: range.lowerBound), last: frames[index])
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Title, narration, the quiz question, the grids, the walked sums and the facts of one lesson step.
    func stepLines(_ player: LessonPlayer, step: Int, first: Frame, last: Frame) -> [String] {
        // Numbered as the tutor numbers the frames the step shows, as in the scripts.
        let steps = LaTeXText.escape(player.tutorStepsLabel(ofStep: step, capitalized: true))
        let title = last.heading.isEmpty ? steps : "\(steps): " + LaTeXText.escape(last.heading)
        var lines = ["\\subsection*{\(title)}"]
        lines += NarrationLaTeX.lines(last.narrationBlocks)
        if let quiz = first.quiz {
            lines += ["\\paragraph{Quiz.} " + LaTeXText.escape(quiz.question), ""] + quizOptionLines(quiz)
        }
        if !last.grids.isEmpty {
            // Ragged lines, so a row of grids breaks between grids instead of running into the margin.
            lines.append("{\\raggedright\\noindent")
            lines.append(last.grids.map(panel).joined(separator: "\\quad\n") + "\\par}")
            lines.append("")
        }
        lines += sums(player, step: step)
        if !last.facts.isEmpty {
            lines += ["\\begin{itemize}"] + last.facts.map { "\\item " + LaTeXText.escape($0) } + ["\\end{itemize}"]
        }
        // After the worked values: the explanation gives the answer away.
        if let explain = first.quiz?.explain {
            lines += ["", "\\paragraph{Why.} " + LaTeXText.escape(explain)]
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A quiz's lettered choices, or the grid a "which cell?" quiz is answered in.
    func quizOptionLines(_ quiz: QuizPrompt) -> [String] {
        if let choices = quiz.choices {
            return ["\\begin{itemize}"]
                + choices.map { "\\item[\\textbf{\($0.letter))}] " + LaTeXText.escape($0.text) }
                + ["\\end{itemize}", ""]
        }
        guard let cell = quiz.cell else { return [] }
        return ["(Answer with a cell of " + LaTeXText.escape(cell.grid) + ": its row and column.)", ""]
    }

    func sums(_ player: LessonPlayer, step: Int) -> [String] {
        let count = player.walkedValueCount(ofStep: step)
        var lines: [String] = []
        for position in 0..<min(count, maxValues) {
            if let explanation = player.walkedExplanation(ofStep: step, at: position) {
                lines += LaTeXSum(explanation: explanation).lines
            } else if let derivation = player.walkedDerivation(ofStep: step, at: position) {
                lines += derivation.flatMap(derivationLines)
            }
        }
        if count > maxValues {
            lines.append("\\ldots\\ and \(count - maxValues) more value(s), not shown.")
        }
        return lines
    }

    /// A sum as an `align*`; a formula (e^(z − m), E/S, p − y) as its two lines of text, symbols then numbers.
    func derivationLines(_ line: DerivationLine) -> [String] {
        switch line {
        case .sum(let explanation): LaTeXSum(explanation: explanation).lines
        case .formula(let formula):
            ["\\begin{flushleft}", LaTeXText.escape(formula.symbolicLine) + " \\\\",
             LaTeXText.escape(formula.numericLine), "\\end{flushleft}"]
        }
    }

    /// A titled `bmatrix` (a cropped grid's title says which rows and columns it shows); the value just computed
    /// and a pooling window's winner in bold, values still to come as empty boxes.
    func panel(_ grid: GridPanel) -> String {
        let rows = grid.cells.map { row in row.map(cell).joined(separator: " & ") }
        return "$\\begin{array}{c}\\text{\(LaTeXText.escape(grid.title))} \\\\ \\begin{bmatrix}\n"
            + rows.joined(separator: " \\\\\n") + "\n\\end{bmatrix}\\end{array}$"
    }

    func cell(_ cell: Cell) -> String {
        if cell.highlight == .pending || cell.text.isEmpty { return "\\boxed{\\phantom{0}}" }
        let number = LaTeXText.number(cell.text)
        return cell.highlight == .target || cell.highlight == .winner ? "\\mathbf{\(number)}" : number
    }
}
