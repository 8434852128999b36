/// A refusal of a JSON nested array, as one line ("ragged array: …", "unexpected ',' at character 7; …").
public struct NestedArrayError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Reads a tensor written as a JSON nested array of numbers ("[[1, 2], [3, 4]]"): rank 1 to 4, rectangular,
/// finite numbers only, at most `Limits.maxElements` of them.
///
/// Like `TensorText`, a byte-fed state machine read in two passes (count and check, then read the values),
/// so the text may come in pieces and is never held whole. Nesting is refused at the fifth `[`, so
/// `[[[[[[…` of any length costs nothing.
public enum NestedArrayText {
    /// Parses text that `forEachChunk` hands over in pieces; it is called twice and must give the same
    /// bytes both times.
    public static func parse(
        forEachChunk: (_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws -> Tensor {
        var counter = NestedArrayReader(storesValues: false)
        try forEachChunk { try counter.read($0) }
        try counter.finish()
        var reader = NestedArrayReader(storesValues: true)
        reader.reserve(counter.count)
        try forEachChunk { try reader.read($0) }
        return try reader.tensor()
    }
}

/// The state machine behind `NestedArrayText`.
struct NestedArrayReader: Sendable {
    static let maxRank = 4

    private enum Expecting: Sendable {
        case start, value, firstValue, commaOrClose, end
    }

    private let storesValues: Bool
    private var expecting = Expecting.start
    private var token = NumberToken()
    private var values: [Double] = []
    /// Elements read so far in each open list, outermost first: also the index path for messages.
    private var counts: [Int] = []
    /// Extents by nesting level, set when the first list of that level closes.
    private var extents: [Int?] = Array(repeating: nil, count: NestedArrayReader.maxRank)
    /// Nesting level whose lists hold numbers (rank − 1), once the first number is seen.
    private var numberLevel: Int?
    /// Bytes read, for "at character N".
    private var position = 0
    /// Numbers seen so far.
    private(set) var count = 0

    init(storesValues: Bool) {
        self.storesValues = storesValues
    }

    mutating func reserve(_ capacity: Int) {
        if storesValues { values.reserveCapacity(min(capacity, Limits.maxElements)) }
    }

    mutating func read(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        for byte in chunk {
            position += 1
            if !token.isEmpty {
                if NumberToken.continuesNumber(byte) || isLetter(byte) {
                    token.append(byte)
                    continue
                }
                try endNumber()
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            try structure(byte)
        }
    }

    mutating func finish() throws {
        if !token.isEmpty { try endNumber() }
        switch expecting {
        case .end: return
        case .start: throw NestedArrayError("a nested array must start with '['")
        default: throw NestedArrayError("the array ends before its closing ']' (missing \(counts.count) ']')")
        }
    }

    mutating func tensor() throws -> Tensor {
        try finish()
        guard let numberLevel else { throw NestedArrayError("the array holds no numbers") }
        return try Tensor(shape: (0...numberLevel).map { extents[$0] ?? 0 }, values: values)
    }

    // MARK: Structure

    private mutating func structure(_ byte: UInt8) throws {
        switch (expecting, byte) {
        case (.start, UInt8(ascii: "[")), (.value, UInt8(ascii: "[")), (.firstValue, UInt8(ascii: "[")):
            try openList()
        case (.start, _):
            throw NestedArrayError("a nested array must start with '['")
        case (.firstValue, UInt8(ascii: "]")):
            throw NestedArrayError("empty list \(whereList(level: counts.count - 1)) (character \(position)); "
                                   + "every list needs at least one value")
        case (.value, _), (.firstValue, _):
            guard NumberToken.continuesNumber(byte) || isLetter(byte) else {
                throw NestedArrayError("unexpected '\(character(byte))' at character \(position); "
                                       + "expected a number or '['")
            }
            try startNumber(byte)
        case (.commaOrClose, UInt8(ascii: ",")):
            expecting = .value
        case (.commaOrClose, UInt8(ascii: "]")):
            try closeList()
        case (.commaOrClose, _):
            throw NestedArrayError("unexpected '\(character(byte))' at character \(position); expected ',' or ']'")
        case (.end, _):
            throw NestedArrayError("unexpected text after the closing ']' at character \(position)")
        }
    }

    private mutating func openList() throws {
        let level = counts.count
        if let numberLevel, level > numberLevel {
            throw NestedArrayError("a list where a number belongs at \(pathText()) (character \(position)); "
                                   + "every number must be equally deep")
        }
        guard level < NestedArrayReader.maxRank else {
            throw NestedArrayError("the array is nested deeper than rank 4 (at character \(position))")
        }
        counts.append(0)
        expecting = .firstValue
    }

    private mutating func closeList() throws {
        let level = counts.count - 1
        let found = counts[level]
        if let expected = extents[level], expected != found {
            throw NestedArrayError("ragged array: the list \(whereList(level: level)) has \(found) element"
                                   + "\(found == 1 ? "" : "s"), but the first list at that depth has \(expected)")
        }
        extents[level] = found
        counts.removeLast()
        if counts.isEmpty {
            expecting = .end
        } else {
            counts[counts.count - 1] += 1
            expecting = .commaOrClose
        }
    }

    private mutating func startNumber(_ byte: UInt8) throws {
        let level = counts.count - 1
        if let numberLevel, numberLevel != level {
            throw NestedArrayError("a number where a list belongs at \(pathText()) (character \(position)); "
                                   + "every number must be equally deep")
        }
        numberLevel = level
        token.append(byte)
    }

    private mutating func endNumber() throws {
        count += 1
        guard count <= Limits.maxElements else {
            throw NestedArrayError("the array is too large for a lesson: more than \(Limits.maxElements) numbers")
        }
        do {
            if storesValues {
                values.append(try token.value(row: 1, column: count))
            } else {
                try token.checkNumeral(row: 1, column: count)
            }
        } catch CoreError.nonFinite(let text) {
            throw NestedArrayError("not a finite number: '\(text)' at \(pathText()) "
                                   + "(NaN and infinities are not allowed)")
        } catch CoreError.notANumber {
            throw NestedArrayError("not a number: '\(token.quoted)' at \(pathText())")
        } catch CoreError.numeralTooLong(_, let length, let limit, _, _) {
            throw NestedArrayError("the number '\(token.quoted)' at \(pathText()) is too long: \(length) characters, "
                                   + "at most \(limit)")
        } catch let error as CoreError {
            throw NestedArrayError("\(error.description) (at \(pathText()))")
        }
        token.clear()
        counts[counts.count - 1] += 1
        expecting = .commaOrClose
    }

    // MARK: Messages

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    private func character(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    /// "[1][0]": 0-based indices of the element being read.
    private func pathText() -> String {
        counts.map { "[\($0)]" }.joined()
    }

    /// Where the list at `level` sits: "at [1]" or "at the top level".
    private func whereList(level: Int) -> String {
        level == 0 ? "at the top level" : "at " + counts.prefix(level).map { "[\($0)]" }.joined()
    }
}
