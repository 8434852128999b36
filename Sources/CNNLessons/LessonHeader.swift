import CNNCore
import FoundationEssentials
import Synchronization
import YAMLDocument

/// What the menu and `list` need of a lesson, read without parsing its steps.
public struct LessonHeader: Sendable, Equatable {
    public var id: String
    public var order: Int
    public var title: String
    public var summary: String
    public var file: String
}

/// A lesson read in two stages: its header when the library is listed, the whole file (parsed, validated and
/// planned) the first time it is opened. The result is kept, so a lesson is loaded at most once.
public final class LazyLesson: Sendable {
    public let header: LessonHeader
    /// The file's text when it is embedded in the binary; nil when it is read from `header.file` on opening.
    private let embeddedText: String?
    private let loaded = Mutex<Result<LessonPlayer, LessonIssues>?>(nil)

    init(header: LessonHeader, embeddedText: String? = nil) {
        self.header = header
        self.embeddedText = embeddedText
    }

    /// The lesson made steppable, or every problem in its file.
    public var player: Result<LessonPlayer, LessonIssues> {
        loaded.withLock { cached in
            if let cached { return cached }
            let result = embeddedText.map { LessonLoader.player(text: $0, file: header.file) }
                ?? LessonLoader.player(file: header.file)
            cached = result
            return result
        }
    }

    public var lesson: Result<Lesson, LessonIssues> { player.map(\.lesson) }

    /// Whether the lesson is one of the binary's own (its file is not on disk).
    public var isEmbedded: Bool { embeddedText != nil }
}

/// Reads a lesson file's top-level `id`, `order`, `title` and `summary` from its lines, without a YAML parse of
/// the steps. Files it cannot read this way (quoted keys, flow style, multi-line plain scalars) fall back to
/// a YAML parse of the whole file, so the header always says what the full reader would.
enum HeaderScanner {
    static func header(file: String, text: String) -> Result<LessonHeader, LessonIssues> {
        header(file: file, bytes: Array(text.utf8), text: text)
    }

    /// `text` is decoded from `bytes` only when the line scan cannot read the header.
    static func header(file: String, bytes: [UInt8],
                       text: @autoclosure () -> String) -> Result<LessonHeader, LessonIssues> {
        if let fields = scan(bytes) { return validate(fields, file: file) }
        var reader = LessonReader(file: file, text: text())
        guard let lesson = reader.readHeaderOnly() else {
            return .failure(LessonIssues(reader.issues.isEmpty
                ? [LessonIssue("the lesson could not be read", at: SourceLocation(file: file, line: 1, column: 1))]
                : reader.issues))
        }
        return .success(LessonHeader(id: lesson.id, order: lesson.order, title: lesson.title, summary: lesson.summary,
                                     file: file))
    }

    static let headerKeys: Set<String> = ["id", "order", "title", "summary"]

    /// A header field's value as the YAML parser would read it, and where the value starts (1-based).
    struct ScannedField {
        var value: String
        var line: Int
        var column: Int
    }

    /// The four header fields with their 1-based lines, or nil when a line needs the YAML parser. Works on bytes:
    /// only lines starting with a letter are looked at, so the steps' indented lines cost one byte each.
    static func scan(_ bytes: [UInt8]) -> [String: ScannedField]? {
        scan(bytes, untilSteps: false)?.fields
    }

    /// With `untilSteps`, stops at the top-level `steps:` key (`reachedSteps` then true): the header keys of a
    /// lesson come before its steps, so the steps are not even read.
    static func scan(_ bytes: [UInt8], untilSteps: Bool) -> (fields: [String: ScannedField], reachedSteps: Bool)? {
        var fields: [String: ScannedField] = [:]
        var start = 0, line = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if let first = bytes[start...].first, first != UInt8(ascii: " "), first != UInt8(ascii: "#"),
               first != UInt8(ascii: "-"), first != UInt8(ascii: "\r"), first != UInt8(ascii: "\n") {
                guard let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) else { return nil }
                let key = String(decoding: bytes[start..<colon], as: UTF8.self)
                guard key.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
                if untilSteps && key == "steps" { return (fields, true) }
                if headerKeys.contains(key) {
                    let next = end + 1 < bytes.count ? bytes[end + 1] : UInt8(ascii: "\n")
                    let rest = bytes[(colon + 1)..<end]
                    guard fields[key] == nil, next != UInt8(ascii: " "), next != UInt8(ascii: "\t"),
                          let value = plainValue(Substring(String(decoding: rest, as: UTF8.self)))
                    else { return nil }  // a duplicate, a continued or a rich scalar: the YAML parser reads it
                    // The key is ASCII letters: the value's column is its byte offset in the line, plus one.
                    let spaces = rest.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
                    fields[key] = ScannedField(value: value, line: line, column: colon + 1 + spaces - start + 1)
                }
            }
            start = end + 1
            line += 1
        }
        return (fields, false)
    }

    /// A one-line plain or quoted scalar; nil for anything richer, and for a control character, which YAML
    /// refuses or reads as a line break (U+0085): the parser says which. Standard-library string operations
    /// only: Foundation's bridged ones cost more than the rest of a listing.
    static func plainValue(_ rest: Substring) -> String? {
        guard !rest.unicodeScalars.contains(where: isControl) else { return nil }
        var value = trimmed(rest)
        if let comment = firstIndex(of: " ", then: "#", in: value) { value = trimmed(value[..<comment]) }
        guard let first = value.first else { return nil }
        if first == "'" {
            guard value.count >= 2, value.last == "'" else { return nil }
            return String(value.dropFirst().dropLast().replacing("''", with: "'"))
        }
        if first == "\"" {
            let inner = value.dropFirst().dropLast()
            guard value.count >= 2, value.last == "\"", !inner.contains("\\"), !inner.contains("\"") else {
                return nil
            }
            return String(inner)
        }
        guard !"|>[{&*!%@`".contains(first), firstIndex(of: ":", then: " ", in: value) == nil else { return nil }
        return String(value)
    }

    /// Where the ASCII character `first` followed by `second` starts, found in the UTF-8 bytes as YAML reads them:
    /// `firstRange(of:)` or a walk over Characters cost most of a listing's time (Benchmarks/startup.sh).
    static func firstIndex(of first: Unicode.Scalar, then second: Unicode.Scalar,
                           in text: Substring) -> Substring.Index? {
        let bytes = text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == UInt8(ascii: first), next < bytes.endIndex, bytes[next] == UInt8(ascii: second) {
                return index
            }
            index = next
        }
        return nil
    }

    /// C0 and C1 controls and DEL, except the tab and the carriage return YAML allows around a value.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && scalar != "\r" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }

    static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        var result = text.drop(while: isSpace)
        while let last = result.last, isSpace(last) { result = result.dropLast() }
        return result
    }

    /// The header the scanned fields make, or every problem with them, each at its value.
    static func validate(_ fields: [String: ScannedField], file: String) -> Result<LessonHeader, LessonIssues> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let at = { (field: ScannedField) in SourceLocation(file: file, line: field.line, column: field.column) }
        var issues: [LessonIssue] = []
        let id = fields["id"], title = fields["title"]
        if id == nil { issues.append(LessonIssue("missing field 'id'", at: start)) }
        if title == nil { issues.append(LessonIssue("missing field 'title'", at: start)) }
        if let id, let problem = LessonTextRules.idProblem(id.value) { issues.append(LessonIssue(problem, at: at(id))) }
        for (key, name) in [("title", "the title"), ("summary", "the summary")] {
            if let field = fields[key], let problem = LessonTextRules.invisibleProblem(field.value, field: name) {
                issues.append(LessonIssue(problem, at: at(field)))
            }
        }
        var order = Int.max
        if let field = fields["order"] {
            if let value = TensorText.parseInteger(field.value) { order = value } else {
                issues.append(LessonIssue("order must be an integer", at: at(field)))
            }
        }
        guard issues.isEmpty, let id, let title else { return .failure(LessonIssues(issues)) }
        return .success(LessonHeader(id: id.value, order: order, title: title.value,
                                     summary: fields["summary"]?.value ?? "", file: file))
    }
}
