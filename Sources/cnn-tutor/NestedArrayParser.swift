import CNNCore

/// Reads a tensor written as a JSON nested array of numbers ("[[1, 2], [3, 4]]"): rank 1 to 4, rectangular,
/// finite numbers only, at most `Limits.maxElements` of them.
///
/// A recursive-descent parser whose recursion is bounded by the rank limit: a fifth `[` is refused at once,
/// so `[[[[[[…` of any length costs nothing. Values go straight into one flat row-major array.
struct NestedArrayParser {
    static let maxRank = 4

    private let bytes: [UInt8]
    private var position = 0
    private var values: [Double] = []
    /// Extents found so far, by nesting level: set when the first list of that level closes.
    private var extents: [Int?] = Array(repeating: nil, count: NestedArrayParser.maxRank)
    /// Nesting level whose lists hold numbers (rank − 1), once the first number is seen.
    private var numberLevel: Int?
    /// 0-based index of the current element at each open level, for error messages.
    private var path: [Int] = []

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    static func parse(_ text: String) throws -> Tensor {
        var parser = NestedArrayParser(text)
        return try parser.parseDocument()
    }

    private mutating func parseDocument() throws -> Tensor {
        skipWhitespace()
        guard peek == UInt8(ascii: "[") else { throw failure("a nested array must start with '['") }
        try parseList(level: 0)
        skipWhitespace()
        if position < bytes.count {
            throw failure("unexpected text after the closing ']' at character \(position + 1)")
        }
        guard let numberLevel else { throw failure("the array holds no numbers") }
        let shape = (0...numberLevel).map { extents[$0] ?? 0 }
        return try Tensor(shape: shape, values: values)
    }

    /// One list at nesting `level` (0 for the outermost); recursion depth is at most `maxRank`.
    private mutating func parseList(level: Int) throws {
        guard level < NestedArrayParser.maxRank else {
            throw failure("the array is nested deeper than rank 4 (at character \(position + 1))")
        }
        position += 1  // the '['
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            throw failure("empty list \(where_(level: level)) (character \(position + 1)); every list needs at least one value")
        }
        var count = 0
        path.append(0)
        while true {
            skipWhitespace()
            path[level] = count
            guard let byte = peek else {
                throw failure("the array ends before its closing ']' (missing \(level + 1) ']')")
            }
            if byte == UInt8(ascii: "[") {
                if let numberLevel, level >= numberLevel {
                    throw failure("a list where a number belongs at \(pathText()) (character \(position + 1)); every number must be equally deep")
                }
                try parseList(level: level + 1)
            } else if isNumberByte(byte) || isLetter(byte) {
                if let numberLevel, numberLevel != level {
                    throw failure("a number where a list belongs at \(pathText()) (character \(position + 1)); every number must be equally deep")
                }
                numberLevel = level
                try parseNumber()
            } else {
                throw failure("unexpected '\(character(byte))' at character \(position + 1); expected a number or '['")
            }
            count += 1
            skipWhitespace()
            guard let next = peek else {
                throw failure("the array ends before its closing ']' (missing \(level + 1) ']')")
            }
            if next == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if next == UInt8(ascii: "]") {
                position += 1
                break
            }
            throw failure("unexpected '\(character(next))' at character \(position + 1); expected ',' or ']'")
        }
        path.removeLast()
        if let expected = extents[level] {
            if expected != count {
                throw failure("ragged array: the list \(where_(level: level)) has \(count) element\(count == 1 ? "" : "s"), but the first list at that depth has \(expected)")
            }
        } else {
            extents[level] = count
        }
    }

    private mutating func parseNumber() throws {
        let start = position
        while let byte = peek, isNumberByte(byte) || isLetter(byte) { position += 1 }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        let numeral = token.utf8.allSatisfy(isNumberByte) && token.utf8.contains(where: { $0 >= 48 && $0 <= 57 })
        guard numeral, let value = Double(token) else {
            throw failure("not a number: '\(token)' at \(pathText())")
        }
        guard value.isFinite else {
            throw failure("not a finite number: '\(token)' at \(pathText()) (NaN and infinities are not allowed)")
        }
        guard values.count < Limits.maxElements else {
            throw failure("the array is too large for a lesson: more than \(Limits.maxElements) numbers")
        }
        values.append(value)
    }

    // MARK: Bytes

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Letters are read into the token so that "NaN" or "Infinity" is named whole in the error.
    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    private func character(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    /// "[1][0]": 0-based indices of the element being read.
    private func pathText() -> String {
        path.map { "[\($0)]" }.joined()
    }

    /// Where the list at `level` sits: "at [1]" or "at the top level".
    private func where_(level: Int) -> String {
        level == 0 ? "at the top level" : "at " + path.prefix(level).map { "[\($0)]" }.joined()
    }

    private func failure(_ message: String) -> CLIError {
        CLIError(message)
    }
}
