import CNNLessons
import CNNProblems

/// The two kinds of sheet: a lesson's own quizzes, or seeded problems of the kinds its quizzes ask.
public enum SheetBuilder {
    /// The quizzes of `players`' lessons, a section each.
    public static func lessonSheet(_ players: [LessonPlayer]) -> ExerciseSheet {
        let lessons = players.map(\.lesson)
        return ExerciseSheet(title: title(lessons), notes: lessons.count == 1 ? [lessons[0].summary] : [],
                             sections: players.map(LessonExercises.section))
    }

    /// Problems with fresh numbers: of the kinds `lessons`' quizzes ask (every kind when `lessons` is empty),
    /// one per quiz unless `count` says how many; nil when no quiz of `lessons` matches a kind.
    /// - Parameters:
    ///   - seed: picks every problem (`ProblemExercises` says how).
    ///   - count: ≥ 1 when given.
    public static func seededSheet(lessons: [Lesson], seed: UInt64, count: Int?) -> ExerciseSheet? {
        let kinds = lessons.isEmpty ? ProblemKind.allCases : lessons.flatMap(LessonProblemKinds.kinds)
        guard !kinds.isEmpty else { return nil }
        let problems = ProblemExercises.problems(kinds: kinds, count: count ?? kinds.count, seed: seed)
        let note = "Fresh numbers from seed \(seed). Each exercise names its kind and its own seed: cnn-tutor's "
            + "problem command shows it again, with hints."
        return ExerciseSheet(title: lessons.isEmpty ? "Problems" : title(lessons), notes: [note],
                             sections: [ExerciseSection(title: "Problems, seed \(seed)",
                                                        exercises: problems.map(ProblemExercises.exercise))])
    }

    static func title(_ lessons: [Lesson]) -> String {
        lessons.count == 1 ? lessons[0].title : "\(lessons.count) lessons"
    }
}
