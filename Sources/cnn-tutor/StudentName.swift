import CNNCoursework
import CNNSafeText

/// A student's name as `--student` takes it (tutor, drill, exam): the gradebook's row key, so it is printable and
/// of a sensible length.
enum StudentName {
    static let longest = 100

    /// Whether `name`, without the white space around it, is 1 to `longest` characters, none a control.
    static func isValid(_ name: String) -> Bool {
        let trimmed = normalized(name)
        return !trimmed.isEmpty && trimmed.count <= longest
            && !trimmed.unicodeScalars.contains(where: { TerminalText.needsEscape($0) })
    }

    /// The name without the white space around it, as exams and the gradebook read it.
    static func normalized(_ name: String) -> String {
        ExamPlan.normalized(name)
    }
}
