/// Reads matrices written as people write them: rows separated by newlines or `;`, values by
/// spaces, commas, tabs or carriage returns ("1 2 3; 4 5 6", CRLF files too). Errors name the row and
/// value, 1-based.
///
/// The text is read byte by byte in pieces of any size (`MatrixTextReader`), so a file never has to be
/// held whole: a first pass counts and checks the shape without converting a number, refusing as soon as
/// the count passes `Limits.maxElements`; only a matrix that fits is read again for its values.
public enum TensorText {
    public static func parseMatrix(_ text: String) throws -> Tensor {
        var text = text
        return try text.withUTF8 { bytes in try parseMatrix(forEachChunk: { try $0(bytes) }) }
    }

    /// Parses text that `forEachChunk` hands over in pieces; it is called twice (count, then read), so
    /// it must give the same bytes both times.
    public static func parseMatrix(
        forEachChunk: (_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws -> Tensor {
        try read(isList: false, forEachChunk: forEachChunk)
    }

    /// A flat list of numbers separated by spaces, commas, `;` or newlines ("1 -2", "1, -2"), handed over
    /// in pieces, twice, as for `parseMatrix(forEachChunk:)`.
    public static func parseList(
        forEachChunk: (_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws -> [Double] {
        try read(isList: true, forEachChunk: forEachChunk).values
    }

    private static func read(
        isList: Bool, forEachChunk: (_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws -> Tensor {
        var counter = MatrixTextReader(storesValues: false, isList: isList)
        try forEachChunk { try counter.read($0) }
        try counter.finish()
        var reader = MatrixTextReader(storesValues: true, isList: isList)
        reader.reserve(counter.count)
        try forEachChunk { try reader.read($0) }
        return try reader.tensor()
    }

    /// A finite decimal number: integers, decimals and exponents, the minus sign written `-` or `−` (U+2212, as
    /// the tool prints it); NaN, infinities, numbers beyond `Limits.maxMagnitude` and nonzero numbers below
    /// `Limits.minMagnitude` (which would round to 0) are refused, as is a numeral over 100 characters.
    ///
    /// - Parameters:
    ///   - text: the number alone, without surrounding spaces.
    ///   - row, column: where the number is, for the message.
    public static func parseNumber(_ text: String, row: Int = 1, column: Int = 1) throws -> Double {
        var token = NumberToken()
        for byte in text.utf8 { token.append(byte) }
        return try token.value(row: row, column: column)
    }

    /// An integer as a lesson writes one: `3`, `+3`, `-1` or `−1` (the minus sign U+2212 the tool prints);
    /// nil for anything else, an integer beyond `Int`'s range included.
    public static func parseInteger(_ text: String) -> Int? {
        guard text.utf8.contains(NumberToken.minusSignBytes[0]) else { return Int(text) }
        return Int(text.replacing("\u{2212}", with: "-"))
    }
}

/// The bytes of one number as they are read; only the first `storedBytes` are kept, enough for any
/// reasonable numeral and for the 20 characters an error message quotes.
public struct NumberToken: Sendable {
    /// The longest numeral read: a 10,000-digit number is refused as too long, never converted.
    static let storedBytes = 100
    /// Characters of a bad token quoted in a message; longer ones end in "…".
    public static let quotedCharacters = 20
    /// U+2212 MINUS SIGN in UTF-8, which the tool's own output writes for negative numbers.
    static let minusSignBytes: [UInt8] = [0xE2, 0x88, 0x92]

    /// Room for `storedBytes`, filled from the start; clearing only resets the counts (no reallocation).
    private var bytes = [UInt8](repeating: 0, count: NumberToken.storedBytes)
    /// The token's full length, which may exceed what is kept.
    private(set) var length = 0
    /// Only ASCII numeral bytes: the fast path, with no minus sign to rewrite.
    private var onlyNumeralBytes = true
    /// Only numeral bytes or bytes of U+2212 (whether they form whole minus signs is checked when read).
    private var onlyNumeralOrMinusSignBytes = true
    private var hasDigit = false

    init() {}

    var isEmpty: Bool { length == 0 }

    mutating func append(_ byte: UInt8) {
        if length < NumberToken.storedBytes { bytes[length] = byte }
        length += 1
        let isNumeral = NumberToken.isNumeralByte(byte)
        onlyNumeralBytes = onlyNumeralBytes && isNumeral
        onlyNumeralOrMinusSignBytes = onlyNumeralOrMinusSignBytes
            && (isNumeral || NumberToken.minusSignBytes.contains(byte))
        hasDigit = hasDigit || NumberToken.isDigit(byte)
    }

    mutating func clear() {
        length = 0
        onlyNumeralBytes = true
        onlyNumeralOrMinusSignBytes = true
        hasDigit = false
    }

    private var stored: ArraySlice<UInt8> { bytes[..<min(length, NumberToken.storedBytes)] }

    /// The token for a message: its first 20 characters, "…" when there are more.
    var quoted: String {
        NumberToken.shortened(String(decoding: stored, as: UTF8.self), truncated: length > NumberToken.storedBytes)
    }

    /// The stored bytes as an ASCII numeral (each U+2212 written `-`), or nil when they are not one.
    private var numeral: String? {
        guard hasDigit, onlyNumeralOrMinusSignBytes else { return nil }
        let text = String(decoding: stored, as: UTF8.self)
        if onlyNumeralBytes { return text }
        let rewritten = text.replacing("\u{2212}", with: "-")
        return rewritten.utf8.allSatisfy(NumberToken.isNumeralByte) ? rewritten : nil
    }

    /// Refuses a token that cannot be a numeral at all, without converting it: too long (only when what was
    /// kept of it reads as a numeral, so that a long word is still "not a number"), or with other characters.
    func checkNumeral(row: Int, column: Int) throws {
        if onlyNumeralBytes && hasDigit && length <= NumberToken.storedBytes { return }
        guard numeral != nil else { throw CoreError.notANumber(text: quoted, row: row, column: column) }
        guard length <= NumberToken.storedBytes else {
            throw CoreError.numeralTooLong(text: quoted, length: length, limit: NumberToken.storedBytes, row: row,
                                           column: column)
        }
    }

    /// The token's value; the error says why it is not one.
    func value(row: Int, column: Int) throws -> Double {
        if let integer = smallInteger { return Double(integer) }
        try checkNumeral(row: row, column: column)
        guard let numeral, let value = Double(numeral) else {
            throw CoreError.notANumber(text: quoted, row: row, column: column)
        }
        guard value.isFinite else { throw CoreError.nonFinite(text: quoted) }
        guard abs(value) <= Limits.maxMagnitude else { throw CoreError.magnitudeTooLarge(text: quoted) }
        // A nonzero numeral that reads as 0 (or as a denormal) has underflowed.
        guard abs(value) >= Limits.minMagnitude || !NumberToken.hasNonzeroDigit(numeral) else {
            throw CoreError.magnitudeTooSmall(text: quoted)
        }
        return value
    }

    /// The value of a plain integer of up to 15 digits (exact as a Double), read without strtod: most
    /// tensors are written in integers, and this makes reading ten million of them several times faster.
    private var smallInteger: Int? {
        guard length <= 16, onlyNumeralBytes, hasDigit else { return nil }
        var digits = stored[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var value = 0
        for byte in digits {
            guard NumberToken.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return negative ? -value : value
    }

    /// Whether the significand of an ASCII numeral (the part before any exponent) has a digit other than 0.
    static func hasNonzeroDigit(_ numeral: String) -> Bool {
        for byte in numeral.utf8 {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return false }
            if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") { return true }
        }
        return false
    }

    /// `text` cut to its first 20 characters (with "…" when cut), control and line-break characters written
    /// as \u{…} so that the message stays one line.
    static func shortened(_ text: String, truncated: Bool = false) -> String {
        var result = ""
        var count = 0
        for character in text {
            if count == quotedCharacters { return result + "…" }
            let isControl = character.unicodeScalars.contains { $0.properties.generalCategory == .control }
            if character.isNewline || isControl {
                result += character.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
            } else {
                result.append(character)
            }
            count += 1
        }
        return truncated ? result + "…" : result
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func isNumeralByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Whether a byte continues a number in a JSON array: a numeral byte, or one of the minus sign U+2212.
    static func continuesNumber(_ byte: UInt8) -> Bool {
        isNumeralByte(byte) || minusSignBytes.contains(byte)
    }
}

/// The friendly matrix syntax as a byte-fed state machine: memory is one token plus, when `storesValues`,
/// the values; the element budget is checked at every value.
struct MatrixTextReader: Sendable {
    private let storesValues: Bool
    /// A list: `;` and newlines separate values, not rows.
    private let isList: Bool
    private var token = NumberToken()
    private var values: [Double] = []
    private var rows = 0
    private var columnsInRow = 0
    private var width: Int?
    /// Values seen so far.
    private(set) var count = 0

    init(storesValues: Bool, isList: Bool = false) {
        self.storesValues = storesValues
        self.isList = isList
    }

    mutating func reserve(_ capacity: Int) {
        if storesValues { values.reserveCapacity(min(capacity, Limits.maxElements)) }
    }

    mutating func read(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        for byte in chunk {
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: ";"):
                try endToken()
                if !isList { try endRow() }
            case UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                try endToken()
            default:
                token.append(byte)
            }
        }
    }

    /// Ends the last token and row; refuses text without a value.
    mutating func finish() throws {
        try endToken()
        try endRow()
        if rows == 0 { throw CoreError.emptyTensor(what: isList ? "the list" : "the matrix") }
    }

    /// The matrix read (a 1-D tensor for a list).
    mutating func tensor() throws -> Tensor {
        try finish()
        let shape = isList ? [count] : [rows, width ?? 0]
        return try Tensor(shape: shape, values: values)
    }

    private mutating func endToken() throws {
        guard !token.isEmpty else { return }
        columnsInRow += 1
        count += 1
        let what: Subject = isList ? "the list" : "the matrix"
        guard count <= Limits.maxElements else {
            throw CoreError.tooLarge(what: what, count: count, limit: Limits.maxElements)
        }
        let column = isList ? count : columnsInRow
        if storesValues {
            values.append(try token.value(row: rows + 1, column: column))
        } else {
            try token.checkNumeral(row: rows + 1, column: column)
        }
        token.clear()
    }

    private mutating func endRow() throws {
        guard columnsInRow > 0 else { return }
        if let width, width != columnsInRow, !isList {
            throw CoreError.raggedRows(row: rows + 1, expected: width, found: columnsInRow)
        }
        width = width ?? columnsInRow
        rows += 1
        columnsInRow = 0
    }
}
