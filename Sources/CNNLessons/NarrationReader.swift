import CNNCore

/// A problem in a `say:` or quiz text, at a 0-based line of the text and a 0-based column (in characters) of it.
public struct NarrationProblem: Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
}

/// Reads the layout of a `say:` text (docs/lesson-format.md, "Narration layout"):
/// - blank lines separate paragraphs; the lines of a paragraph are joined and wrapped by the renderer;
/// - an indented line is displayed as written; indented lines in a row make one display block;
/// - a line `- item` (or `• item`) starts a bullet; following lines, indented or not, continue it;
/// - a line starting with three or more backticks opens a preformatted block, kept verbatim, that a line of at
///   least as many backticks and nothing else closes;
/// - `{X 2 2}` names a cell, with the tensor's name and its subscripts from 1; `{{` and `}}` write braces, and
///   so does a subscript written as in TeX, `V_{l,j,k}` (a brace right after `_` or `^`, up to its `}`).
public struct NarrationReader {
    public private(set) var problems: [NarrationProblem] = []
    private var blocks: [NarrationBlock] = []
    /// The open block: its kind, its lines as written (each with the line's number) and, for a fence, its line.
    private var open: (kind: NarrationBlock.Kind, lines: [(text: Substring, line: Int)])?
    private var fenceLine: Int?
    /// The backticks of the open fence: only a line of at least as many closes it.
    private var fenceLength = 0

    /// The most subscripts a placeholder takes: the tutor's tensors have at most four axes.
    static let maxSubscripts = 4
    /// The largest subscript a placeholder takes; more digits are a typo, and could overflow.
    static let maxSubscript = 9999

    /// Reads `text`, recording its problems.
    public static func read(_ text: String) -> (narration: Narration, problems: [NarrationProblem]) {
        var reader = NarrationReader()
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (number, line) in lines.enumerated() { reader.take(line, number: number) }
        if let fence = reader.fenceLine {
            reader.problems.append(NarrationProblem(line: fence, column: 0, message:
                "this ``` block is never closed: end it with a line of ```"))
        }
        reader.close()
        return (Narration(reader.blocks), reader.problems)
    }

    /// One line of prose (a quiz question): its runs, and the problems of its placeholders.
    public static func runs(_ text: String) -> (runs: [NarrationRun], problems: [NarrationProblem]) {
        var reader = NarrationReader()
        let runs = reader.runs(Substring(text), line: 0, column: 0)
        return (runs, reader.problems)
    }

    private mutating func take(_ line: Substring, number: Int) {
        let backticks = line.drop(while: Self.isIndent).prefix { $0 == "`" }.count
        let isFence = backticks >= 3
        if fenceLine != nil {
            let closes = backticks >= fenceLength && Self.trimmed(line).allSatisfy { $0 == "`" }
            if closes { close() } else { open?.lines.append((line, number)) }
            return
        }
        let isIndented = line.first.map(Self.isIndent) ?? false
        if line.allSatisfy(Self.isIndent) {
            close()
        } else if isFence {
            close()
            fenceLine = number
            fenceLength = backticks
            open = (.preformatted, [])
        } else if open?.kind == .bullet, !Self.startsBullet(line) {
            open?.lines.append((line.drop(while: Self.isIndent), number))
        } else if isIndented {
            if open?.kind != .display { start(.display) }
            open?.lines.append((line, number))
        } else if Self.startsBullet(line) {
            start(.bullet)
            open?.lines.append((line.dropFirst(2), number))
        } else {
            if open?.kind != .paragraph { start(.paragraph) }
            open?.lines.append((line, number))
        }
    }

    private mutating func start(_ kind: NarrationBlock.Kind) {
        close()
        open = (kind, [])
    }

    /// Ends the open block and keeps it unless it is empty.
    private mutating func close() {
        defer { open = nil; fenceLine = nil }
        guard let (kind, lines) = open, !lines.isEmpty else { return }
        switch kind {
        case .paragraph, .bullet:
            let columnOffset = kind == .bullet ? 2 : 0
            var runs: [NarrationRun] = []
            for (index, entry) in lines.enumerated() {
                let trimmed = Self.trimmed(entry.text)
                if index > 0 { runs.append(.text(" ")) }
                let column = (index == 0 ? columnOffset : 0) + entry.text.prefix { Self.isIndent($0) }.count
                runs += self.runs(trimmed, line: entry.line, column: column)
            }
            blocks.append(NarrationBlock(kind, lines: [Self.merged(runs)]))
        case .display:
            let expanded = lines.map { (Self.expandingTabs($0.text), $0.line) }
            let indent = expanded.map { $0.0.prefix { $0 == " " }.count }.min() ?? 0
            let kept = expanded.map { entry in
                runs(Self.trimmedEnd(entry.0.dropFirst(indent)), line: entry.1, column: indent)
            }
            blocks.append(NarrationBlock(.display, lines: kept))
        case .preformatted:
            let kept = lines.map { entry -> [NarrationRun] in
                let line = Self.trimmedEnd(Self.expandingTabs(entry.text))
                return line.isEmpty ? [] : [.text(String(line))]
            }
            blocks.append(NarrationBlock(.preformatted, lines: kept))
        }
    }

    // MARK: Placeholders

    /// `text` as runs: text, and cells where it holds `{name subscripts…}`. `line` and `column` place `text`'s
    /// first character in the narration, for problems.
    mutating func runs(_ text: Substring, line: Int, column: Int) -> [NarrationRun] {
        var runs: [NarrationRun] = []
        var plain = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let offset = column + text.distance(from: text.startIndex, to: index)
            if (character == "{" || character == "}"), next < text.endIndex, text[next] == character {
                plain.append(character)
                index = text.index(after: next)
            } else if character == "{", index > text.startIndex, "_^".contains(text[text.index(before: index)]) {
                // `X_{i,j}`: a subscript written as in TeX is text, up to its brace.
                guard let close = text[next...].firstIndex(of: "}") else {
                    problem(line, offset, "'_{' without its '}' on the same line: keep a subscript on one line")
                    plain += text[index...]
                    break
                }
                plain += text[index...close]
                index = text.index(after: close)
            } else if character == "}" {
                problem(line, offset, "'}' without its '{': write }} for a brace in prose")
                plain.append(character)
                index = next
            } else if character == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    problem(line, offset, "'{' without its '}' on the same line: a cell is named {X 2 2}; "
                            + "write {{ for a brace in prose")
                    plain += text[index...]
                    break
                }
                if let reference = reference(text[next..<close], line: line, column: offset) {
                    if !plain.isEmpty { runs.append(.text(plain)) }
                    plain = ""
                    runs.append(.cell(reference))
                } else {
                    plain += text[index...close]
                }
                index = text.index(after: close)
            } else {
                plain.append(character)
                index = next
            }
        }
        if !plain.isEmpty { runs.append(.text(plain)) }
        return runs
    }

    /// The cell `content` (between the braces) names, or nil with a problem recorded.
    mutating func reference(_ content: Substring, line: Int, column: Int) -> CellReference? {
        let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let written = "{" + content + "}"
        guard let name = words.first else {
            problem(line, column, "\(written) names no cell: write the tensor and its subscripts, e.g. {X 2 2}")
            return nil
        }
        guard Self.isTensorName(name) else {
            problem(line, column, "unknown tensor name '\(name)' in \(written): name a tensor by its letter "
                    + "(X, F, O, W, …) or its gradient (∂L/∂O)")
            return nil
        }
        let subscripts = words.dropFirst()
        guard (1...Self.maxSubscripts).contains(subscripts.count) else {
            problem(line, column, "\(written) needs 1 to \(Self.maxSubscripts) subscripts after the name, "
                    + "counted from 1, e.g. {\(name) 2 2}")
            return nil
        }
        var indices: [Int] = []
        for word in subscripts {
            guard let value = Int(word), (1...Self.maxSubscript).contains(value) else {
                problem(line, column, "'\(word)' in \(written) is not a subscript: lesson files count subscripts "
                        + "from 1 (1 to \(Self.maxSubscript)), whatever base the tutor shows")
                return nil
            }
            indices.append(value - 1)
        }
        return CellReference(name: String(name), subscripts: indices, base: .one)
    }

    /// A letter (X, F, W, σ …), or the gradient of one (∂L/∂O): the names the tutor's formulas give tensors.
    static func isTensorName(_ name: Substring) -> Bool {
        let letter = name.hasPrefix("∂L/∂") ? name.dropFirst(4) : name
        return letter.count == 1 && letter.first!.isLetter
    }

    private mutating func problem(_ line: Int, _ column: Int, _ message: String) {
        problems.append(NarrationProblem(line: line, column: column, message: message))
    }

    // MARK: Text

    static func isIndent(_ character: Character) -> Bool { character == " " || character == "\t" }

    static func startsBullet(_ line: Substring) -> Bool {
        line.hasPrefix("- ") || line.hasPrefix("• ") || line == "-" || line == "•"
    }

    static func trimmed(_ text: Substring) -> Substring {
        trimmedEnd(text.drop(while: isIndent))
    }

    static func trimmedEnd(_ text: Substring) -> Substring {
        let last = text.lastIndex { !isIndent($0) }
        return last.map { text[...$0] } ?? text.prefix(0)
    }

    /// Tabs as spaces to the next multiple of 4 columns, so kept lines line up as the author saw them.
    static func expandingTabs(_ text: Substring) -> Substring {
        guard text.contains("\t") else { return text }
        var result = ""
        for character in text {
            if character == "\t" {
                result += String(repeating: " ", count: 4 - result.count % 4)
            } else {
                result.append(character)
            }
        }
        return Substring(result)
    }

    /// Adjacent text runs joined into one.
    static func merged(_ runs: [NarrationRun]) -> [NarrationRun] {
        var result: [NarrationRun] = []
        for run in runs {
            if case .text(let text) = run, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + text)
            } else {
                result.append(run)
            }
        }
        return result
    }
}
