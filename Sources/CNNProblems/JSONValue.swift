/// A JSON document built in a fixed order and printed byte for byte the same on every run, so that one seed
/// gives identical JSON and a result file's checksum can be recomputed from what a parser reads back.
///
/// Only what problems and result files need: objects (members in the order given), arrays, strings, integers,
/// booleans and null; no fractional numbers (fractions travel as strings such as "13/4").
public indirect enum JSONValue: Equatable, Sendable {
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    /// The member named `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The same value without the object member `key` (at the top level only).
    public func removing(_ key: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.key != key })
    }

    // MARK: Printing

    /// On one line with no spaces; object members in their order, or sorted by key (by Unicode scalar values,
    /// which is UTF-8 byte order) when `sortingKeys`. Sorted, this is the canonical form that result-file
    /// checksums cover: the same bytes as Python's `json.dumps(value, sort_keys=True, separators=(",", ":"),
    /// ensure_ascii=False)`.
    public func compactText(sortingKeys: Bool = false) -> String {
        var text = ""
        writeCompact(to: &text, sortingKeys: sortingKeys)
        return text
    }

    /// Indented by two spaces a level, one member or element a line, except that an array holding no object
    /// or array stays on one line (a grid's row reads as a row).
    public func prettyText() -> String {
        var text = ""
        writePretty(to: &text, indent: "")
        return text + "\n"
    }

    private func writeCompact(to text: inout String, sortingKeys: Bool) {
        switch self {
        case .object(let members):
            let ordered = sortingKeys ? members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes(
                $1.key.unicodeScalars) { $0.value < $1.value } } : members
            text += "{"
            for (index, member) in ordered.enumerated() {
                if index > 0 { text += "," }
                text += JSONValue.quoted(member.key) + ":"
                member.value.writeCompact(to: &text, sortingKeys: sortingKeys)
            }
            text += "}"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.writeCompact(to: &text, sortingKeys: sortingKeys)
            }
            text += "]"
        default:
            text += scalarText
        }
    }

    private func writePretty(to text: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .object(let members) where !members.isEmpty:
            text += "{\n"
            for (index, member) in members.enumerated() {
                text += inner + JSONValue.quoted(member.key) + ": "
                member.value.writePretty(to: &text, indent: inner)
                text += index < members.count - 1 ? ",\n" : "\n"
            }
            text += indent + "}"
        case .array(let items) where items.contains(where: \.isContainer):
            text += "[\n"
            for (index, item) in items.enumerated() {
                text += inner
                item.writePretty(to: &text, indent: inner)
                text += index < items.count - 1 ? ",\n" : "\n"
            }
            text += indent + "]"
        default:
            writeCompact(to: &text, sortingKeys: false)
        }
    }

    private var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }

    private var scalarText: String {
        switch self {
        case .string(let value): return JSONValue.quoted(value)
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null, .object, .array: return "null"
        }
    }

    /// A JSON string: `"` and `\` escaped, the C0 controls as \b \f \n \r \t or \u00xx (lower-case hex), every
    /// other character as itself (UTF-8).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// One `"key": value` of an object.
public struct JSONMember: Equatable, Sendable {
    public let key: String
    public let value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue: Decodable {
    /// Reads any JSON; a number that is not an `Int` (which no cnn-tutor file holds) becomes its text.
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: MemberKey.self) {
            self = .object(try object.allKeys.map { JSONMember($0.stringValue, try object.decode(JSONValue.self,
                                                                                                 forKey: $0)) })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            // Only a foreign file holds one: kept as text, so that the file is still read and then refused.
            self = .string(String(value))
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    private struct MemberKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
