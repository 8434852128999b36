import CNNLessons
import CNNShare

/// What a presenter's tutor publishes for its followers (`--present --share PATH`).
extension TutorState {
    /// The lesson and step on screen (or the one the menu or overview goes back to), with the conventions,
    /// changed numbers and pointer it is shown with; nil before any lesson is open.
    public var classroomShare: ClassroomShare? {
        guard let view = lastLesson, let entry = currentEntry else { return nil }
        var edits: [OperandEdit] = []
        if entry.isModified, let original = entry.original as? LessonPlayer,
           let current = entry.current as? LessonPlayer {
            edits = ClassroomShare.edits(from: original, to: current)
        }
        let pointed = pointer.map { SharedPointer(grid: $0.grid, row: $0.row, column: $0.column) }
        return ClassroomShare(lesson: entry.id, step: view.step + 1, symbols: showSymbols, conventions: conventions,
                              edits: edits, pointer: pointed)
    }
}
