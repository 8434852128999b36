import CNNProblems

/// What the gradebook takes from a drill file (drill.json in the progress folder, CNNDrill's `DrillHistory`): the
/// student, and for each finished problem its id and whether it was right at the first try without a hint.
public struct DrillRecord: Equatable, Sendable {
    /// The file's `format` member, which tells a drill file from other hand-ins.
    public static let format = "cnn-tutor drill"

    public let student: String
    /// Answer id → right at the first try.
    public let answers: [String: Bool]

    public var right: Int { answers.values.filter { $0 }.count }
    public var total: Int { answers.count }

    static func read(_ document: JSONValue) -> Result<DrillRecord, HandInRefusal> {
        guard let version = document["version"]?.integerValue, version >= 1 else {
            return .failure(.init("is corrupt (a drill file with an unknown version)"))
        }
        guard let student = document["student"]?.stringValue.map(ExamPlan.normalized), !student.isEmpty else {
            return .failure(.init("has no student name, so it cannot be put in anyone's row (cnn-tutor drill saves "
                                  + "it from --student or $USER)"))
        }
        guard let list = document["answers"]?.arrayValue else {
            return .failure(.init("is corrupt (a drill file whose answers are not a list)"))
        }
        var answers: [String: Bool] = [:]
        for answer in list {
            guard let id = answer["id"]?.stringValue, let right = answer["right"]?.boolValue else {
                return .failure(.init("is corrupt (a drill answer without an id or a right flag)"))
            }
            answers[id] = right
        }
        return .success(DrillRecord(student: student, answers: answers))
    }

    /// This record and another drill file of the same student's: every answer of either, once.
    func merged(with other: DrillRecord) -> DrillRecord {
        DrillRecord(student: student, answers: answers.merging(other.answers) { mine, _ in mine })
    }
}
