import CNNProblems
import FoundationEssentials

/// The file a student hands in after an exam: who, which exam, every problem (kind, seed, settings), the answer
/// given and whether it was right, the score, when, which tutor, and a checksum.
///
/// **Checksum.** `checksum` is "sha256:" and the SHA-256 of the canonical form of the whole document without its
/// `checksum` member: compact JSON with object keys sorted, no spaces, strings escaped only where JSON must (as
/// `JSONValue.compactText(sortingKeys:)` says; Python's `json.dumps(d, sort_keys=True, separators=(",", ":"),
/// ensure_ascii=False)` gives the same bytes). Reformatting the file keeps it valid; changing any value breaks
/// it. It detects accidents and casual edits, not a determined forger: anyone who reads this can recompute it.
public struct ExamResult: Sendable {
    public static let format = "cnn-tutor exam result"
    public static let formatVersion = 1

    public let document: JSONValue

    /// The result of a finished exam. - Precondition: `session.isFinished`.
    public init(session: ExamSession, tutorVersion: String, tutorCommit: String) {
        precondition(session.isFinished, "an exam's result is written once it has ended")
        let problems = session.plan.problems.enumerated().map { index, problem in
            ExamResult.entry(number: index + 1, problem: problem, given: session.answers[index],
                             verdict: session.verdicts[index])
        }
        let content = JSONValue.object([
            JSONMember("format", .string(ExamResult.format)),
            JSONMember("format_version", .integer(ExamResult.formatVersion)),
            JSONMember("student", .string(session.plan.student)),
            JSONMember("seed", .string(String(session.plan.seed))),
            JSONMember("tutor", .object([JSONMember("version", .string(tutorVersion)),
                                         JSONMember("commit", .string(tutorCommit))])),
            JSONMember("started", .string(ExamResult.timestamp(session.startedAt))),
            JSONMember("finished", .string(ExamResult.timestamp(session.finishedAt!))),
            JSONMember("time_limit_minutes", session.minutes.map(JSONValue.integer) ?? .null),
            JSONMember("ended", .string(session.ending!.rawValue)),
            JSONMember("score", .object([JSONMember("right", .integer(session.score)),
                                         JSONMember("total", .integer(problems.count))])),
            JSONMember("problems", .array(problems)),
        ])
        document = ExamResult.signed(content)
    }

    /// The file's text: the document indented, ending with a line break.
    public var fileText: String { document.prettyText() }

    /// `content` with its checksum member added last.
    public static func signed(_ content: JSONValue) -> JSONValue {
        guard case .object(let members) = content else { return content }
        return .object(members + [JSONMember("checksum", .string(checksum(of: content)))])
    }

    /// "sha256:<hex>" over the canonical form of `content` (which must not hold a checksum member).
    public static func checksum(of content: JSONValue) -> String {
        "sha256:" + SHA256.hexDigest(Array(content.compactText(sortingKeys: true).utf8))
    }

    static func entry(number: Int, problem: Problem, given: String?, verdict: Verdict) -> JSONValue {
        var mistake = JSONValue.null
        if case .wrong(let slip?) = verdict { mistake = .string(slip.kind.rawValue) }
        return .object([
            JSONMember("number", .integer(number)),
            JSONMember("kind", .string(problem.kind.rawValue)),
            JSONMember("seed", .string(String(problem.seed))),
            JSONMember("parameters", .object(problem.parameters.map { JSONMember($0.name, .integer($0.value)) })),
            JSONMember("question", .string(problem.question)),
            JSONMember("answer", .string(problem.answer.description)),
            JSONMember("given", given.map(JSONValue.string) ?? .null),
            JSONMember("right", .bool(verdict.isRight)),
            JSONMember("mistake", mistake),
        ])
    }

    /// ISO 8601 in UTC to the second: "2026-05-09T14:03:07Z".
    /// The fraction of a second is dropped, as Foundation's ISO8601DateFormatter dropped it.
    public static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(timeZone: .gmt).format(date)
    }
}
