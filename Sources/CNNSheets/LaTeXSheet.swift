import CNNSafeText
import CNNText

/// An exercise sheet, or its answer key, as a complete LaTeX document for pdflatex with the packages of TeX Live's
/// `texlive-latex-recommended` (amsmath, amssymb, geometry, graphicx).
///
/// Layout choices that keep every page free of overfull boxes: the text is ragged right; a worked sum is inline
/// math, where TeX breaks lines after any "+", "=" or "," at the outer level (each term is one unit, so no line
/// breaks inside a product); a grid wider than the line is scaled down to fit. Empty cells and answer boxes are
/// fixed-size frames, so they line up evenly. Every string from a lesson goes through `LaTeXText`.
public enum LaTeXSheet {
    /// - Parameter answers: the key (answers and working) instead of the sheet (empty boxes to fill in).
    public static func render(_ sheet: ExerciseSheet, answers: Bool) -> String {
        var lines = preamble(sheet) + ["\\begin{document}", "\\raggedright"]
        let kind = answers ? "Answer key" : "Exercises"
        lines.append("{\\LARGE\\bfseries \(kind): \(LaTeXText.escape(sheet.title))\\par}\\medskip")
        lines += sheet.notes.map { LaTeXText.escape($0) + "\\par" }
        if !answers { lines.append("\\medskip Name: \\rule{7cm}{0.4pt}\\par") }
        var number = 0
        for section in sheet.sections {
            if sheet.sections.count > 1 { lines += ["", "\\section*{\(LaTeXText.escape(section.title))}"] }
            for exercise in section.exercises {
                number += 1
                lines += [""] + self.exercise(exercise, position: number, answers: answers)
            }
        }
        return (lines + ["", "\\end{document}"]).joined(separator: "\n") + "\n"
    }

    /// The document class, packages and the fixed-size boxes.
    static func preamble(_ sheet: ExerciseSheet) -> [String] {
        let widest = sheet.exercises.flatMap(\.grids).map { $0.rows.first?.count ?? 0 }.max() ?? 0
        return [
            "% cnn-tutor exercise sheet: every number in it was computed by cnn-tutor's core.",
            "\\documentclass[11pt,a4paper]{article}",
            "\\usepackage[margin=2cm]{geometry}",
            "\\usepackage{amsmath}",
            "\\usepackage{amssymb}",
            "\\usepackage{graphicx}",
            "\\setcounter{MaxMatrixCols}{\(max(10, widest))}",
            "\\setlength{\\parindent}{0pt}",
            "\\setlength{\\parskip}{0.8ex}",
            // Room between grid rows for the boxes.
            "\\renewcommand{\\arraystretch}{1.3}",
            // One size for every empty cell, marked or not, so that a grid's boxes line up.
            "\\newcommand{\\blankcell}{\\framebox[1.6em]{\\rule{0pt}{1.6ex}}}",
            "\\newcommand{\\askedcell}{\\framebox[1.6em]{\\rule{0pt}{1.6ex}?}}",
            "\\newcommand{\\answerbox}{\\framebox[12em]{\\rule[-1.2ex]{0pt}{4.5ex}}}",
            // Scaled down only when wider than the line.
            "\\newcommand{\\fitwidth}[1]{\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{#1}}",
            // Sums break after "+" as readily as after "=", and never squeeze the space around the signs instead.
            "\\binoppenalty=0 \\relpenalty=0",
            "\\medmuskip=4mu plus 2mu \\thickmuskip=5mu plus 5mu",
            // A worked line: continued lines indented under its start.
            "\\newcommand{\\worked}[1]{\\par\\hangindent=2em\\hangafter=1 #1\\par}",
        ]
    }

    static func exercise(_ exercise: Exercise, position: Int, answers: Bool) -> [String] {
        let heading = exercise.heading.isEmpty ? "" : ": " + LaTeXText.escape(exercise.heading)
        var lines = ["\\subsection*{Exercise \(position)\(heading)}"]
        lines += exercise.facts.map { LaTeXText.escape($0) + "\\par" }
        let grids = exercise.grids.filter { !$0.rows.isEmpty }
        if !grids.isEmpty { lines.append(grids.map(panel).joined(separator: "\\quad\n") + "\\par") }
        lines.append(LaTeXText.escape(exercise.question) + "\\par")
        if !exercise.choices.isEmpty {
            lines += ["\\begin{itemize}"] + exercise.choices.map { "\\item[] " + LaTeXText.escape($0) }
                + ["\\end{itemize}"]
        }
        guard answers else { return lines + ["Answer: \\answerbox\\par"] }
        if let text = exercise.answerText {
            lines.append("Answer: \\textbf{" + LaTeXText.escape(text) + "}\\par")
        } else {
            lines.append("Answer: $\\mathbf{\(number(exercise.answer))}$\\par")
        }
        if let explain = exercise.explain { lines.append("\\emph{Why:} " + LaTeXText.escape(explain) + "\\par") }
        switch exercise.solution {
        case .sum(let sum):
            let worked = sum.lines(.latex)
            lines += ["\\worked{$\(worked.symbols)$}", "\\worked{$\(worked.numbers)$}"]
        case .lines(let steps):
            lines += steps.map { "\\worked{\(LaTeXText.escape($0))}" }
        }
        return lines
    }

    /// A titled `bmatrix`, scaled to the line when wider.
    static func panel(_ grid: ExerciseGrid) -> String {
        let rows = grid.rows.map { row in
            row.map { cell in
                switch cell {
                case .number(let text): return number(text)
                case .blank: return "\\blankcell"
                case .asked: return "\\askedcell"
                }
            }.joined(separator: " & ")
        }
        return "\\fitwidth{$\\begin{array}{c}\\text{\(LaTeXText.escape(grid.title))} \\\\ \\begin{bmatrix}\n"
            + rows.joined(separator: " \\\\\n") + "\n\\end{bmatrix}\\end{array}$}"
    }

    /// A number as the tutor prints it, in math mode; "13/4" as a fraction.
    static func number(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let parts = text.dropFirst(negative ? 1 : 0).split(separator: "/")
        guard parts.count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else {
            return LaTeXText.number(text)
        }
        return (negative ? "-" : "") + "\\tfrac{\(parts[0])}{\(parts[1])}"
    }

    /// A symbol as the tutor prints it, in math mode: "X12" → `X_{12}`, "∂L/∂O2,10" → `\partial L/\partial
    /// O_{2,10}`; a number ("0" for padding, "1/4") stays a number.
    static func symbol(_ text: String) -> String {
        if text.first.map({ $0.isASCIIDigit || $0 == "-" }) == true { return number(text) }
        let scalars = Array(text.unicodeScalars)
        var start = scalars.count
        while start > 0, scalars[start - 1] == "," || Character(scalars[start - 1]).isASCIIDigit { start -= 1 }
        while start < scalars.count, scalars[start] == "," { start += 1 }
        let name = String(String.UnicodeScalarView(scalars[..<start]))
        let subscripts = String(String.UnicodeScalarView(scalars[start...]))
        return LaTeXText.mathName(name) + (subscripts.isEmpty ? "" : "_{\(subscripts)}")
    }
}

extension SumNotation {
    /// Inline math that TeX may break after each "+", "=" and ",", never inside a term (a braced unit).
    static let latex = SumNotation(
        symbol: LaTeXSheet.symbol, number: LaTeXSheet.number, times: " \\cdot ", plus: " + ",
        comma: ",\\allowbreak ", maximum: { "\\max(\($0))" }, mean: { "\\tfrac{1}{\($1)}(\($0))" },
        term: { "{\($0)}" }, fraction: { "\\tfrac{\(LaTeXSheet.number($0))}{\($1)}" },
        partialTarget: { "\($0)\\ \\text{after term \($1)}" })
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
