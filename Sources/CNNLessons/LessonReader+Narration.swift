import CNNCore
import YAMLDocument

extension LessonReader {
    /// A step's `say:` text as a narration; each malformed placeholder or unclosed fence is an issue at its place
    /// in the file. A `say:` that is not text is reported where it is read as text.
    mutating func narration(_ node: Node?) -> Narration {
        guard let node, let scalar = node.scalar else { return Narration() }
        let (narration, problems) = NarrationReader.read(scalar.string)
        report(problems, in: node, scalar: scalar)
        return narration
    }

    /// Reports the malformed placeholders of a one-line text (a quiz's `ask:`).
    mutating func checkPlaceholders(_ node: Node?) {
        guard let node, let scalar = node.scalar else { return }
        report(NarrationReader.runs(scalar.string).problems, in: node, scalar: scalar)
    }

    private mutating func report(_ problems: [NarrationProblem], in node: Node, scalar: Node.Scalar) {
        for problem in problems {
            issues.append(LessonIssue(problem.message, at: textLocation(problem, in: node, scalar: scalar)))
        }
    }

    /// Where `problem` is in the file: a block scalar's text starts on the line after its `|` or `>`, at the
    /// block's indentation (a folded `>` block joins lines, so there the line is the first of the paragraph); a
    /// one-line scalar's at its node (after the quote of a quoted one), a later line of it at its first column.
    func textLocation(_ problem: NarrationProblem, in node: Node, scalar: Node.Scalar) -> SourceLocation {
        let base = location(node)
        switch scalar.style {
        case .literal, .folded:
            let firstLine = base.line
            let indent = lines.dropFirst(firstLine).first { !$0.allSatisfy(\.isWhitespace) }?
                .prefix { $0 == " " }.count ?? 0
            return SourceLocation(file: file, line: firstLine + 1 + problem.line, column: indent + problem.column + 1)
        case .singleQuoted, .doubleQuoted:
            return SourceLocation(file: file, line: base.line + problem.line,
                                  column: problem.line == 0 ? base.column + 1 + problem.column : 1)
        default:
            return SourceLocation(file: file, line: base.line + problem.line,
                                  column: problem.line == 0 ? base.column + problem.column : 1)
        }
    }
}

extension LessonPlayer {
    /// A quiz's question in the frame's base: its placeholders named as the grids name those cells and, in text
    /// written without them, the asked value's 1-based name ("What is O12?") renamed to its name in this base.
    static func questionText(_ written: String, target: Factor?) -> String {
        NarrationReader.runs(written).runs.map { run in
            switch run {
            case .text(let text): target.map { renamingTarget(in: text, $0) } ?? text
            case .cell(let reference): Symbols.name(reference.name, reference.subscripts)
            }
        }.joined()
    }
}
