/// A piece of styled text on one line.
struct Segment: Equatable {
    var text: String
    var style: Style

    init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A line of styled segments.
struct StyledLine: Equatable {
    var segments: [Segment]

    init(_ segments: [Segment]) { self.segments = segments }
    init(_ text: String, _ style: Style = .plain) { segments = [Segment(text, style)] }

    static let empty = StyledLine([])

    var isEmpty: Bool { segments.allSatisfy { $0.text.isEmpty } }
}

extension Screen {
    /// Draws a styled line from (row, column), clipped to `maxWidth`.
    @discardableResult
    mutating func put(_ line: StyledLine, row: Int, column: Int, maxWidth: Int) -> Int {
        var x = column
        for segment in line.segments {
            let room = column + maxWidth - x
            guard room > 0 else { break }
            x += put(segment.text, row: row, column: x, style: segment.style, maxWidth: room)
        }
        return x - column
    }
}

enum TextLayout {
    /// Word-wraps `text` to `width` columns; words longer than a line are cut.
    static func wrap(_ text: String, width: Int, ascii: Bool) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var wordWidth = Screen.displayWidth(word, ascii: ascii)
            if currentWidth > 0 && currentWidth + 1 + wordWidth <= width {
                current += " " + word
                currentWidth += 1 + wordWidth
                continue
            }
            if currentWidth > 0 { lines.append(current) }
            while wordWidth > width {
                let head = String(word.prefix(width))
                lines.append(head)
                word = String(word.dropFirst(width))
                wordWidth = Screen.displayWidth(word, ascii: ascii)
            }
            current = word
            currentWidth = wordWidth
        }
        if currentWidth > 0 || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The symbolic formula above the numeric one, term under term, wrapped at `width` columns:
    /// "O11 = X11·F11 + X12·F12" over "O11 =   1·2   +   3·1  → 5". Returns (symbolic, numeric) line pairs.
    static func alignedFormula(symbolic: String, numeric: String, width: Int, ascii: Bool) -> [(String, String)] {
        guard width > 8 else { return [(symbolic, numeric)] }
        func measure(_ text: String) -> Int { Screen.displayWidth(text, ascii: ascii) }
        func pad(_ text: String, _ count: Int) -> String {
            let missing = count - measure(text)
            return missing > 0 ? text + String(repeating: " ", count: missing) : text
        }
        guard let (symbolicHead, symbolicTerms) = split(symbolic), let (numericHead, numericTerms) = split(numeric),
              symbolicTerms.count == numericTerms.count, symbolicTerms.count > 0 else {
            // Not the same shape: each wrapped on its own, the symbolic lines first.
            let top = wrap(symbolic, width: width, ascii: ascii)
            let bottom = wrap(numeric, width: width, ascii: ascii)
            var pairs: [(String, String)] = []
            for index in 0..<max(top.count, bottom.count) {
                pairs.append((index < top.count ? top[index] : "", index < bottom.count ? bottom[index] : ""))
            }
            return pairs
        }
        let headWidth = max(measure(symbolicHead), measure(numericHead))
        var pairs: [(String, String)] = []
        var top = pad(symbolicHead, headWidth)
        var bottom = pad(numericHead, headWidth)
        var lineWidth = headWidth
        let indent = String(repeating: " ", count: min(headWidth, width / 3))
        for (index, (s, n)) in zip(symbolicTerms, numericTerms).enumerated() {
            let termWidth = max(measure(s), measure(n))
            let separator = index == 0 ? "" : " + "
            let needed = measure(separator) + termWidth
            if index > 0 && lineWidth + needed > width {
                pairs.append((top, bottom))
                top = indent + "+ "
                bottom = indent + "+ "
                lineWidth = measure(top)
            } else {
                top += separator
                bottom += separator
                lineWidth += measure(separator)
            }
            // The last numeric term carries the result ("4·1 → 9"): never pad the symbolic past it.
            top += index == symbolicTerms.count - 1 ? s : pad(s, termWidth)
            bottom += index == numericTerms.count - 1 ? n : pad(n, termWidth)
            lineWidth += termWidth
        }
        pairs.append((top, bottom))
        // A pair still wider than the screen (one huge term) is wrapped as plain text.
        return pairs.flatMap { pair -> [(String, String)] in
            if measure(pair.0) <= width && measure(pair.1) <= width { return [pair] }
            let t = wrap(pair.0, width: width, ascii: ascii)
            let b = wrap(pair.1, width: width, ascii: ascii)
            return (0..<max(t.count, b.count)).map { ($0 < t.count ? t[$0] : "", $0 < b.count ? b[$0] : "") }
        }
    }

    /// "O11 = a + b + c" → ("O11 = ", ["a", "b", "c"]).
    private static func split(_ formula: String) -> (String, [String])? {
        guard let equals = formula.firstRange(of: " = ") else { return nil }
        let head = String(formula[..<equals.upperBound])
        let body = String(formula[equals.upperBound...])
        return (head, body.split(separator: " + ", omittingEmptySubsequences: false).map(String.init))
    }
}
