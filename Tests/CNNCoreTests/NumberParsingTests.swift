import Testing
@testable import CNNCore

/// Issue 13, item 13: what the one number reader says of numerals too long, too small and written with the
/// minus sign the tool itself prints.
struct NumberParsingTests {
    static let tenThousandDigits = String(repeating: "9", count: 10_000)

    @Test func aTenThousandDigitNumberIsTooLongNotNotANumber() {
        let quoted = String(repeating: "9", count: 20) + "…"
        let expected = CoreError.numeralTooLong(text: quoted, length: 10_000, limit: 100, row: 1, column: 2)
        #expect(throws: expected) { try TensorText.parseMatrix("1 \(Self.tenThousandDigits)") }
        #expect(throws: expected) { try TensorText.parseNumber(Self.tenThousandDigits, row: 1, column: 2) }
        #expect(expected.description == "the number '\(quoted)' at row 1, value 2 is too long: 10000 characters, "
                + "at most 100")
    }

    /// A long word is still "not a number": only a numeral is called too long.
    @Test func aLongWordIsStillNotANumber() {
        let word = String(repeating: "x", count: 500)
        #expect(throws: CoreError.notANumber(text: String(repeating: "x", count: 20) + "…", row: 1, column: 1)) {
            try TensorText.parseMatrix(word)
        }
    }

    @Test(arguments: ["1e-99999999999999999999", "-1e-400", "0.000001e-320", "1e-101", "-2.5e-200"])
    func aNonzeroNumberThatWouldReadAsZeroUnderflows(text: String) {
        #expect(throws: CoreError.magnitudeTooSmall(text: NumberToken.shortened(text))) {
            try TensorText.parseNumber(text)
        }
        #expect(throws: CoreError.magnitudeTooSmall(text: NumberToken.shortened(text))) {
            try TensorText.parseMatrix("1 \(text)")
        }
    }

    @Test(arguments: ["0", "0.0", "-0e-99999999999999999999", "0e5", "1e-100", "-1e-100"])
    func zeroAndTheSmallestAllowedMagnitudeAreRead(text: String) throws {
        #expect(try TensorText.parseNumber(text).magnitude <= 1e-100)
    }

    @Test func theUnderflowMessageSaysWhy() {
        #expect(CoreError.magnitudeTooSmall(text: "1e-400").description
                == "'1e-400' underflows: a nonzero number must be at least 1e-100 in size (a smaller one would be "
                + "read as 0)")
    }

    @Test func theUnicodeMinusSignIsAMinus() throws {
        #expect(try TensorText.parseNumber("\u{2212}1") == -1)
        #expect(try TensorText.parseNumber("\u{2212}2.5e\u{2212}1") == -0.25)
        let matrix = try TensorText.parseMatrix("1 \u{2212}2; \u{2212}3.5 4")
        #expect(matrix.values == [1, -2, -3.5, 4])
        var list = "\u{2212}1, 2"
        let values = try list.withUTF8 { bytes in try TensorText.parseList(forEachChunk: { try $0(bytes) }) }
        #expect(values == [-1, 2])
    }

    @Test func integersTakeTheUnicodeMinusSignToo() {
        #expect(TensorText.parseInteger("\u{2212}3") == -3)
        #expect(TensorText.parseInteger("-3") == -3 && TensorText.parseInteger("+3") == 3)
        #expect(TensorText.parseInteger("\u{2212}\u{2212}3") == nil && TensorText.parseInteger("3\u{2212}") == nil)
        #expect(TensorText.parseInteger("\u{2013}3") == nil)
    }

    @Test func theUnicodeMinusSignReadsInAJSONArray() throws {
        var text = "[[\u{2212}1, 2], [3, \u{2212}4.5]]"
        let tensor = try text.withUTF8 { bytes in try NestedArrayText.parse(forEachChunk: { try $0(bytes) }) }
        #expect(tensor.values == [-1, 2, 3, -4.5])
    }

    /// Other dashes, and a minus sign cut short, are not minus signs.
    @Test(arguments: ["\u{2013}1", "\u{2212}\u{2212}1", "1\u{2212}", "\u{2012}1"])
    func otherDashesAreNotANumber(text: String) {
        #expect(throws: CoreError.notANumber(text: text, row: 1, column: 1)) { try TensorText.parseNumber(text) }
    }

    /// A minus sign split across the pieces a file is read in is still one minus sign.
    @Test func aMinusSignSplitAcrossChunksIsRead() throws {
        let bytes = Array("5 \u{2212}7".utf8)
        let tensor = try TensorText.parseMatrix(forEachChunk: { body in
            for byte in bytes { try [byte].withUnsafeBufferPointer { try body($0) } }
        })
        #expect(tensor.values == [5, -7])
    }

    @Test func aNumberTooLongInAJSONArraySaysSo() {
        var text = "[1, \(Self.tenThousandDigits)]"
        #expect(throws: NestedArrayError.self) {
            try text.withUTF8 { bytes in try NestedArrayText.parse(forEachChunk: { try $0(bytes) }) }
        }
        do {
            _ = try text.withUTF8 { bytes in try NestedArrayText.parse(forEachChunk: { try $0(bytes) }) }
        } catch {
            #expect("\(error)" == "the number '\(String(repeating: "9", count: 20))…' at [1] is too long: 10000 "
                    + "characters, at most 100")
        }
    }
}
