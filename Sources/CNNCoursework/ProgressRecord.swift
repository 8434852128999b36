import CNNProblems

/// What the gradebook takes from a progress file (CNNTutorUI's `TutorProgress`, read here on its own terms so that
/// files from older and newer tutors both count): the student, the lessons completed, the quizzes tried and
/// whether each was right at the first try, and the running sums typed right in practice.
///
/// Read leniently, because the format is growing: a lesson counts as completed when it says so (`completed`:
/// true, or a `completedAt` time) or, in files without that flag, when its furthest step is its last. A missing
/// quiz or practice field counts as nothing done.
public struct ProgressRecord: Equatable, Sendable {
    public let student: String
    public let lessonsCompleted: Set<String>
    /// Quiz id → right at the first try.
    public let quizzes: [String: Bool]
    /// Lesson id → running sums typed right at the first try in practice mode.
    public let practiceSums: [String: Int]

    static func read(_ document: JSONValue) -> Result<ProgressRecord, HandInRefusal> {
        guard let version = document["version"]?.integerValue, version >= 1 else {
            return .failure(.init("is corrupt (a progress file with an unknown version)"))
        }
        guard case .object(let lessons)? = document["lessons"] else {
            return .failure(.init("is corrupt (a progress file whose lessons are not an object)"))
        }
        guard let student = document["student"]?.stringValue.map(ExamPlan.normalized), !student.isEmpty else {
            return .failure(.init("has no student name, so it cannot be put in anyone's row (the tutor saves it "
                                  + "from $USER; ask the student to open and close the tutor once)"))
        }
        var completed = Set<String>(), quizzes: [String: Bool] = [:], practice: [String: Int] = [:]
        for lesson in lessons {
            guard case .object = lesson.value else {
                return .failure(.init("is corrupt (lesson '\(lesson.key)' is not an object)"))
            }
            if isCompleted(lesson.value) { completed.insert(lesson.key) }
            if case .object(let tried)? = lesson.value["quizzes"] {
                for quiz in tried { quizzes[quiz.key] = quiz.value["attemptsToCorrect"]?.integerValue == 1 }
            }
            practice[lesson.key] = lesson.value["practiceFirstTries"]?.integerValue
        }
        return .success(ProgressRecord(student: student, lessonsCompleted: completed, quizzes: quizzes,
                                       practiceSums: practice))
    }

    static func isCompleted(_ lesson: JSONValue) -> Bool {
        if let flag = lesson["completed"]?.boolValue { return flag }
        if let time = lesson["completedAt"] { return time != .null }
        guard let furthest = lesson["furthestStep"]?.integerValue,
              let count = lesson["stepCount"]?.integerValue, count > 0 else { return false }
        return furthest >= count - 1
    }

    /// This record and another of the same student's (two machines, two hand-ins): a lesson completed in either,
    /// a quiz right at the first try in either, the larger practice count.
    func merged(with other: ProgressRecord) -> ProgressRecord {
        ProgressRecord(student: student, lessonsCompleted: lessonsCompleted.union(other.lessonsCompleted),
                       quizzes: quizzes.merging(other.quizzes) { $0 || $1 },
                       practiceSums: practiceSums.merging(other.practiceSums) { max($0, $1) })
    }
}
