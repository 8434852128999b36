import CNNCore
import Foundation
import Testing

/// SplitMix64: a small seeded generator, so every run feeds the parsers the same cases.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What a parser made of a text: a tensor, or the one-line message of its refusal.
private enum Outcome: Equatable {
    case tensor(shape: [Int], values: [Double])
    case refusal(String)
}

/// Random bytes and random near-valid text fed to the matrix parsers (the friendly syntax and JSON nested
/// arrays): every case must end in a valid tensor or a one-line message, never a trap; and handing the text
/// over in random pieces must not change the outcome.
struct MatrixParserFuzzTests {
    static let casesPerKind = 4_000
    /// Characters near-valid text is mutated with: everything both syntaxes use, and a few they refuse.
    static let alphabet = Array("0123456789-+.eE ,;\n\r\t[]xNaI\u{85}é".utf8)

    @Test func randomBytes() {
        var random = SplitMix64(state: 0xC0FFEE)
        for _ in 0..<Self.casesPerKind {
            checkBothParsers(Self.randomBytes(random: &random), random: &random)
        }
    }

    @Test func nearValidMatrixText() {
        var random = SplitMix64(state: 0xBADDA7A)
        for _ in 0..<Self.casesPerKind {
            let (text, values) = Self.validMatrix(random: &random)
            #expect(Self.outcome(Array(text.utf8), json: false) == .tensor(shape: values.shape, values: values.flat))
            checkBothParsers(Self.mutated(Array(text.utf8), random: &random), random: &random)
        }
    }

    @Test func nearValidJSON() {
        var random = SplitMix64(state: 0x15_0A_55)
        for _ in 0..<Self.casesPerKind {
            let (text, values) = Self.validJSON(random: &random)
            #expect(Self.outcome(Array(text.utf8), json: true) == .tensor(shape: values.shape, values: values.flat))
            checkBothParsers(Self.mutated(Array(text.utf8), random: &random), random: &random)
        }
    }

    static let commandLineCases = 150

    /// The same kinds of text as `@file` to the binary: JSON on stdout, or one error line and status 65.
    @Test func theCommandLineKeepsItsContract() throws {
        var random = SplitMix64(state: 0xF11E)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        for index in 0..<Self.commandLineCases {
            let bytes: [UInt8]
            switch index % 3 {
            case 0: bytes = Self.randomBytes(random: &random)
            case 1: bytes = Self.mutated(Array(Self.validMatrix(random: &random).0.utf8), random: &random)
            default: bytes = Self.mutated(Array(Self.validJSON(random: &random).0.utf8), random: &random)
            }
            try Data(bytes).write(to: url)
            let result = try CLI.run(["compute", "relu", "--input", "@" + url.path, "--json"])
            let accepted = result.status == 0 && result.stderr.isEmpty && result.stdout.hasPrefix("{")
            let refused = result.status == 65 && result.stdout.isEmpty && result.stderr.hasPrefix("error: --input: ")
                && result.stderrLines.count == 1
            #expect(accepted || refused, "\(bytes): status \(result.status), \(result.stderr)")
        }
    }

    /// Both syntaxes, whole and in random pieces: same outcome, and a valid one.
    private func checkBothParsers(_ bytes: [UInt8], random: inout SplitMix64) {
        for json in [false, true] {
            let whole = Self.outcome(bytes, json: json)
            let pieces = Self.outcome(bytes, json: json, cuts: Self.randomCuts(bytes.count, random: &random))
            #expect(whole == pieces, "\(bytes) as \(json ? "JSON" : "matrix")")
            switch whole {
            case let .tensor(shape, values):
                #expect(shape.reduce(1, *) == values.count && values.allSatisfy { abs($0) <= 1e100 })
            case let .refusal(message):
                #expect(!message.isEmpty && message.count <= 160, "\(message)")
                let isOneLine = !message.contains { $0.isNewline }
                #expect(isOneLine, "\(message)")
            }
        }
    }

    /// Parses `bytes`, handed over in pieces ending at `cuts`.
    private static func outcome(_ bytes: [UInt8], json: Bool, cuts: [Int] = []) -> Outcome {
        let forEachChunk = { (body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws in
            try bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                for end in cuts + [bytes.count] {
                    try body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                    start = end
                }
            }
        }
        do {
            let tensor = json ? try NestedArrayText.parse(forEachChunk: forEachChunk)
                : try TensorText.parseMatrix(forEachChunk: forEachChunk)
            return .tensor(shape: tensor.shape, values: tensor.values)
        } catch {
            return .refusal("\(error)")
        }
    }

    private static func randomBytes(random: inout SplitMix64) -> [UInt8] {
        (0..<Int.random(in: 0...48, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    private static func randomCuts(_ count: Int, random: inout SplitMix64) -> [Int] {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in Int.random(in: 0...count, using: &random) }.sorted()
    }

    /// One to three deletions, insertions, duplications or swaps.
    private static func mutated(_ bytes: [UInt8], random: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let index = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where index < bytes.count: bytes.remove(at: index)
            case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
            case 2 where index < bytes.count:
                let end = min(bytes.count, index + Int.random(in: 1...8, using: &random))
                bytes.insert(contentsOf: bytes[index..<end], at: index)
            case 3 where index + 1 < bytes.count: bytes.swapAt(index, index + 1)
            default: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
            }
        }
        return bytes
    }

    /// Values known in advance and the text that writes them.
    struct Values {
        var shape: [Int]
        var flat: [Double]
    }

    /// Integers and halves, so the text and the values agree exactly.
    private static func number(random: inout SplitMix64) -> (text: String, value: Double) {
        let value = Double(Int.random(in: -2000...2000, using: &random)) / 2
        let text = value == value.rounded() ? String(Int(value)) : String(value)
        return (text, value)
    }

    private static func validMatrix(random: inout SplitMix64) -> (String, Values) {
        let (rows, columns) = (Int.random(in: 1...4, using: &random), Int.random(in: 1...4, using: &random))
        let valueSeparators = [" ", ",", ", ", "\t", "  "], rowSeparators = [";", "\n", "\r\n", "; "]
        var flat: [Double] = []
        var lines: [String] = []
        for _ in 0..<rows {
            let numbers = (0..<columns).map { _ in number(random: &random) }
            flat += numbers.map(\.value)
            lines.append(numbers.map(\.text).joined(separator: valueSeparators.randomElement(using: &random)!))
        }
        let text = lines.joined(separator: rowSeparators.randomElement(using: &random)!)
        return (text, Values(shape: [rows, columns], flat: flat))
    }

    private static func validJSON(random: inout SplitMix64) -> (String, Values) {
        let shape = (0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 1...3, using: &random) }
        var flat: [Double] = []
        func level(_ axis: Int) -> String {
            guard axis < shape.count else {
                let (text, value) = number(random: &random)
                flat.append(value)
                return text
            }
            let separator = [",", ", ", ",\r\n "].randomElement(using: &random)!
            return "[" + (0..<shape[axis]).map { _ in level(axis + 1) }.joined(separator: separator) + "]"
        }
        let text = level(0)
        return (text, Values(shape: shape, flat: flat))
    }
}
