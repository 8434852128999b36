import CNNLessons

extension LessonPlayer: StepSource {
    public var lessonID: String { lesson.id }
    public var lessonTitle: String { lesson.title }
    public var lessonSummary: String { lesson.summary }
    public var quizCount: Int { lesson.steps.filter { $0.computation?.quiz != nil }.count }

    public func replacingValue(_ value: Double, in source: OperandPlane, row: Int, column: Int,
                               at index: Int) throws -> any StepSource {
        do {
            let player: LessonPlayer = try replacingValue(value, in: source, row: row, column: column, at: index)
            return player
        } catch let issue as LessonIssue {
            throw EditRefused(issue.message)
        }
    }

    public func randomized(at index: Int, seed: UInt64) -> any StepSource {
        let player: LessonPlayer = randomized(at: index, seed: seed)
        return player
    }

    public func applying(_ conventions: Conventions) -> (any StepSource)? {
        try? with(conventions)
    }

    /// The file's steps, numbered as the exporters number them (`tutorSteps(ofStep:)`).
    public var outline: [OutlineEntry] {
        lesson.steps.indices.map { OutlineEntry(title: lesson.steps[$0].title, steps: tutorSteps(ofStep: $0)) }
    }
}

extension LessonEntry {
    /// The entries of a library, in its order; each lesson is loaded when first needed.
    public static func entries(for library: LessonLibrary) -> [LessonEntry] {
        library.entries.map { LessonEntry(lesson: $0) }
    }

    /// The entries of a library's lessons, in its order; a lesson the player refuses is listed with why.
    public static func entries(for lessons: [Lesson]) -> [LessonEntry] {
        lessons.map { lesson in
            do {
                return LessonEntry(source: try LessonPlayer(lesson: lesson))
            } catch let issue as LessonIssue {
                return LessonEntry(id: lesson.id, title: lesson.title, summary: lesson.summary,
                                   problem: issue.description)
            } catch {
                return LessonEntry(id: lesson.id, title: lesson.title, summary: lesson.summary, problem: "\(error)")
            }
        }
    }
}
