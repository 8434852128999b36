import CNNProblems

/// One row per student from everything handed in: lessons, quizzes, practice, drill accuracy and exam scores, and a
/// summary of which questions the class gets wrong most.
public struct Gradebook: Sendable {
    public struct Row: Equatable, Sendable {
        public let student: String
        /// Nil when the student handed in no progress file (an empty cell, not a zero).
        public let lessonsCompleted: Int?
        public let quizzesRightFirstTry: Int?
        public let practiceSums: Int?
        /// Nil when the student handed in no drill file.
        public let drill: DrillRecord?
        /// Exam seed → the exam's result (the latest when one exam was handed in twice).
        public let exams: [String: ExamRecord]
    }

    /// One question (an exam problem kind or a lesson quiz) across the class.
    public struct Question: Equatable, Sendable {
        public enum Source: String, Sendable {
            case exam
            case lessonQuiz = "lesson quiz"
        }

        public let name: String
        public let source: Source
        /// Exam problems of this kind asked, or students who tried this quiz.
        public let asked: Int
        /// Wrong or unanswered (exam); not right at the first try (quiz).
        public let wrong: Int
        /// The slip recognised most often in the wrong answers, and how often.
        public let commonestMistake: (name: String, count: Int)?

        public static func == (lhs: Question, rhs: Question) -> Bool {
            lhs.name == rhs.name && lhs.source == rhs.source && lhs.asked == rhs.asked && lhs.wrong == rhs.wrong
                && lhs.commonestMistake?.name == rhs.commonestMistake?.name
                && lhs.commonestMistake?.count == rhs.commonestMistake?.count
        }
    }

    public let rows: [Row]
    /// Every exam seed any row has, in numeric order: one grade column each.
    public let examSeeds: [String]
    /// Most often wrong first.
    public let questions: [Question]
    /// What was combined, one line each ("two progress files for ann: merged").
    public let notes: [String]

    /// - Parameter handIns: each file's name (for notes) and what it held.
    public init(_ handIns: [(file: String, handIn: HandIn)]) {
        var progress: [String: ProgressRecord] = [:], exams: [String: [String: ExamRecord]] = [:]
        var drills: [String: DrillRecord] = [:]
        var notes: [String] = []
        for (file, handIn) in handIns {
            switch handIn {
            case .progress(let record):
                if let earlier = progress[record.student] {
                    notes.append("\(file): a second progress file for \(record.student): merged with the first")
                    progress[record.student] = earlier.merged(with: record)
                } else {
                    progress[record.student] = record
                }
            case .drill(let record):
                if let earlier = drills[record.student] {
                    notes.append("\(file): a second drill file for \(record.student): merged with the first")
                    drills[record.student] = earlier.merged(with: record)
                } else {
                    drills[record.student] = record
                }
            case .exam(let record):
                if let earlier = exams[record.student]?[record.seed] {
                    notes.append("\(file): exam \(record.seed) handed in twice by \(record.student): the later one "
                                 + "counts")
                    if earlier.finished > record.finished { continue }
                }
                exams[record.student, default: [:]][record.seed] = record
            }
        }
        let students = Set(progress.keys).union(exams.keys).union(drills.keys).sorted()
        rows = students.map { student in
            let record = progress[student]
            return Row(student: student, lessonsCompleted: record?.lessonsCompleted.count,
                       quizzesRightFirstTry: record?.quizzes.values.filter { $0 }.count,
                       practiceSums: record.map { $0.practiceSums.values.reduce(0, +) }, drill: drills[student],
                       exams: exams[student] ?? [:])
        }
        examSeeds = Set(exams.values.flatMap(\.keys)).sorted { ($0.count, $0) < ($1.count, $1) }
        questions = Gradebook.sorted(Gradebook.examQuestions(exams.values.flatMap(\.values))
                                         + Gradebook.quizQuestions(Array(progress.values)))
        self.notes = notes
    }

    static func examQuestions(_ exams: [ExamRecord]) -> [Question] {
        let answers = Dictionary(grouping: exams.flatMap(\.answers), by: \.kind)
        return answers.map { kind, answers in
            let wrong = answers.filter { !$0.right }
            return Question(name: kind, source: .exam, asked: answers.count, wrong: wrong.count,
                            commonestMistake: commonest(wrong.compactMap(\.mistake)))
        }
    }

    static func quizQuestions(_ records: [ProgressRecord]) -> [Question] {
        let tries = Dictionary(grouping: records.flatMap { $0.quizzes.map { $0 } }, by: \.key)
        return tries.map { quiz, tries in
            Question(name: quiz, source: .lessonQuiz, asked: tries.count, wrong: tries.filter { !$0.value }.count,
                     commonestMistake: nil)
        }
    }

    /// The most frequent name (the first in name order on a tie) and its count.
    static func commonest(_ names: [String]) -> (name: String, count: Int)? {
        let counts = Dictionary(grouping: names, by: { $0 }).mapValues(\.count)
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ranked.first.map { ($0.key, $0.value) }
    }

    /// Highest share wrong first, then most asked, then by name.
    static func sorted(_ questions: [Question]) -> [Question] {
        questions.sorted { lhs, rhs in
            let left = lhs.wrong * rhs.asked, right = rhs.wrong * lhs.asked
            if left != right { return left > right }
            if lhs.asked != rhs.asked { return lhs.asked > rhs.asked }
            return (lhs.source.rawValue, lhs.name) < (rhs.source.rawValue, rhs.name)
        }
    }
}
