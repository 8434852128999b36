import CNNSafeText
import FoundationEssentials

/// Reading a share file's bytes: JSON of the right shape, then every field within its bounds. The lesson itself
/// (its id known here, the step within it, the edits fitting its operands) is checked by `player(from:)`.
extension ClassroomShare {
    /// The most numbers the edits may carry in all: a lesson file holds at most 1,000,000.
    public static let valueLimit = 1_000_000
    static let editLimit = 1_000
    static let idLengthLimit = 100

    /// The share in `data`, or why it cannot be used.
    public static func decode(_ data: Data) -> Result<ClassroomShare, ShareProblem> {
        guard data.count <= ShareFile.byteLimit else {
            return .failure(ShareProblem("is larger than \(ShareFile.byteLimit >> 20) MB"))
        }
        let decoder = JSONDecoder()
        let version: Int
        do {
            version = try decoder.decode(VersionProbe.self, from: data).version
        } catch {
            return .failure(describe(error, data: data))
        }
        guard version == currentVersion else {
            return .failure(ShareProblem(version > currentVersion
                ? "is from a newer cnn-tutor (format version \(version)): update this one"
                : "has an unknown format version \(version)"))
        }
        do {
            let share = try decoder.decode(ClassroomShare.self, from: data)
            if let problem = share.problem { return .failure(problem) }
            return .success(share)
        } catch {
            return .failure(describe(error, data: data))
        }
    }

    private struct VersionProbe: Decodable {
        var version: Int
    }

    /// The first field out of its bounds, nil when all are in them.
    var problem: ShareProblem? {
        let isIDCharacter = { (scalar: Unicode.Scalar) in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
        }
        if lesson.isEmpty || lesson.count > Self.idLengthLimit || !lesson.unicodeScalars.allSatisfy(isIDCharacter) {
            return ShareProblem("names no lesson: \(Self.quoted(lesson)) is not a lesson id")
        }
        if step < 1 { return ShareProblem("has step \(step); steps count from 1") }
        if indexBase != 0 && indexBase != 1 { return ShareProblem("has index base \(indexBase); it is 0 or 1") }
        if let pointer, pointer.grid < 0 || pointer.row < 0 || pointer.column < 0 {
            return ShareProblem("has a pointer at a negative position")
        }
        return editsProblem
    }

    private var editsProblem: ShareProblem? {
        guard edits.count <= Self.editLimit else { return ShareProblem("has \(edits.count) edits; at most 1,000") }
        var total = 0
        for edit in edits {
            let place = "\(edit.operand) of file step \(edit.fileStep)"
            guard edit.fileStep >= 1 else {
                return ShareProblem("edits file step \(edit.fileStep); steps count from 1")
            }
            guard OperandEdit.operandNames.contains(edit.operand) else {
                return ShareProblem("edits an operand \(Self.quoted(edit.operand)); there are "
                                    + OperandEdit.operandNames.sorted().joined(separator: ", "))
            }
            guard let count = Self.elementCount(edit.shape), count == edit.values.count else {
                return ShareProblem("edits \(place) with a shape that does not hold its \(edit.values.count) values")
            }
            total += count
            guard total <= Self.valueLimit else { return ShareProblem("edits more than 1,000,000 numbers") }
            guard edit.values.allSatisfy(\.isFinite) else {
                return ShareProblem("edits \(place) with a number that is not finite")
            }
        }
        return nil
    }

    /// The product of a tensor shape's sizes (1 to 4 of them, each ≥ 1), nil when it is not one or overflows.
    static func elementCount(_ shape: [Int]) -> Int? {
        guard (1...4).contains(shape.count), shape.allSatisfy({ $0 >= 1 }) else { return nil }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= valueLimit else { return nil }
            count = product
        }
        return count
    }

    /// Text from the file, quoted for a status line: controls written visibly, at most 40 characters.
    static func quoted(_ text: String) -> String {
        let shown = TerminalText.singleLine(String(text.prefix(40)))
        return "\"" + shown + (text.count > 40 ? "…" : "") + "\""
    }

    private static func describe(_ error: Error, data: Data) -> ShareProblem {
        if data.isEmpty { return ShareProblem("is empty (being written?)") }
        guard let error = error as? DecodingError else { return notJSON(data) }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return ShareProblem("does not match the share format (\(dotted(context.codingPath)) has the wrong type)")
        case .keyNotFound(let key, let context):
            return ShareProblem("does not match the share format (\(dotted(context.codingPath + [key])) is missing)")
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? notJSON(data)
                : ShareProblem("does not match the share format (\(dotted(context.codingPath)) is not understood)")
        @unknown default:
            return notJSON(data)
        }
    }

    /// The decoder calls a number it cannot hold (3.5 or 1e300 for a step) invalid JSON, as it does a file cut
    /// short; a second parse tells the two apart.
    private static func notJSON(_ data: Data) -> ShareProblem {
        if (try? JSONDecoder().decode(AnyJSON.self, from: data)) != nil {
            return ShareProblem("has a number out of range, or a fraction where a whole number belongs")
        }
        let last = data.last { !Set(" \n\r\t".utf8).contains($0) }
        return ShareProblem(last == UInt8(ascii: "}") ? "is not valid JSON" : "is not valid JSON (half-written?)")
    }

    /// "edits.0.shape": the coding path as the JSON nests it; keys from the file are quoted visibly.
    private static func dotted(_ path: [any CodingKey]) -> String {
        let text = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return text.isEmpty ? "the top level" : TerminalText.singleLine(String(text.prefix(60)))
    }
}

/// Any JSON value, decoded only to learn whether text the share decoder refused is JSON at all.
private struct AnyJSON: Decodable {
    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() || (try? value.decode(Bool.self)) != nil || (try? value.decode(Double.self)) != nil
            || (try? value.decode(String.self)) != nil || (try? value.decode([AnyJSON].self)) != nil {
            return
        }
        _ = try value.decode([String: AnyJSON].self)
    }
}
