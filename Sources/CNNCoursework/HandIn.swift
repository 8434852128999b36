import CNNProblems
import FoundationEssentials

/// A file an instructor collected, read for the gradebook: an exam result, a progress file or a drill file.
/// Anything else is refused with the reason, worded to follow the file's path.
public enum HandIn: Sendable {
    case exam(ExamRecord)
    case progress(ProgressRecord)
    case drill(DrillRecord)

    /// Hand-ins are a few kilobytes; anything this large is not one.
    public static let byteLimit = 4 << 20

    /// Reads and checks one file's bytes.
    public static func read(_ data: Data) -> Result<HandIn, HandInRefusal> {
        guard data.count <= byteLimit else { return .failure(.init("is larger than \(byteLimit >> 20) MB")) }
        guard let document = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            let looksLikeJSON = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
            return .failure(.init(looksLikeJSON ? "is corrupt (not valid JSON)"
                                                : "is not a cnn-tutor file (not JSON)"))
        }
        if document["format"]?.stringValue == ExamResult.format {
            return ExamRecord.read(document).map(HandIn.exam)
        }
        if document["format"]?.stringValue == DrillRecord.format {
            return DrillRecord.read(document).map(HandIn.drill)
        }
        if document["version"]?.integerValue != nil, document["lessons"] != nil {
            return ProgressRecord.read(document).map(HandIn.progress)
        }
        return .failure(.init("is not a cnn-tutor progress, drill or exam-result file"))
    }
}

/// Why a file was skipped.
public struct HandInRefusal: Error, Equatable, Sendable {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}

/// What the gradebook takes from an exam result, after its checksum has been verified.
public struct ExamRecord: Equatable, Sendable {
    public struct Answer: Equatable, Sendable {
        public let kind: String
        public let right: Bool
        /// The slip the tutor recognised in a wrong answer.
        public let mistake: String?
    }

    public let student: String
    public let seed: String
    public let finished: String
    public let answers: [Answer]
    public let right: Int
    public let total: Int

    static func read(_ document: JSONValue) -> Result<ExamRecord, HandInRefusal> {
        guard let version = document["format_version"]?.integerValue else {
            return .failure(.init("is corrupt (an exam result without a format version)"))
        }
        guard version <= ExamResult.formatVersion else {
            return .failure(.init("is an exam result from a newer cnn-tutor (format \(version))"))
        }
        guard let checksum = document["checksum"]?.stringValue else {
            return .failure(.init("has no checksum: it was not written by cnn-tutor exam, or was cut"))
        }
        guard checksum == ExamResult.checksum(of: document.removing("checksum")) else {
            return .failure(.init("was edited after the exam: its checksum does not match its content"))
        }
        guard let record = ExamRecord(document) else {
            return .failure(.init("is corrupt (an exam result with missing or mistyped fields)"))
        }
        return .success(record)
    }

    /// Nil when a field the gradebook needs is missing or of the wrong type.
    init?(_ document: JSONValue) {
        guard let student = document["student"]?.stringValue, !student.isEmpty,
              let seed = document["seed"]?.stringValue,
              let finished = document["finished"]?.stringValue,
              let right = document["score"]?["right"]?.integerValue,
              let total = document["score"]?["total"]?.integerValue, total > 0, (0...total).contains(right),
              let problems = document["problems"]?.arrayValue, problems.count == total else { return nil }
        var answers: [Answer] = []
        for problem in problems {
            guard let kind = problem["kind"]?.stringValue, let isRight = problem["right"]?.boolValue else { return nil }
            answers.append(Answer(kind: kind, right: isRight, mistake: problem["mistake"]?.stringValue))
        }
        guard answers.filter(\.right).count == right else { return nil }
        (self.student, self.seed, self.finished, self.answers) = (student, seed, finished, answers)
        (self.right, self.total) = (right, total)
    }
}
