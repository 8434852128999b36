import CNNLessons

/// What the tutor needs from a lesson: its frames, the coarse "next value" moves, and the two ways of
/// changing its numbers (edit, random). `LessonPlayer` is the real one; tests use hand-made ones.
public protocol StepSource: Sendable {
    var lessonID: String { get }
    var lessonTitle: String { get }
    var lessonSummary: String { get }
    /// How many quiz questions the lesson asks (for the menu's "quiz 1/2").
    var quizCount: Int { get }
    var stepCount: Int { get }
    func frame(at index: Int) -> Frame
    /// The first step of the next output value (clamped to the last step).
    func nextValue(after index: Int) -> Int
    /// The first step of the current value, or of the previous one when already there (clamped to 0).
    func previousValue(before index: Int) -> Int
    /// The same lesson with one operand value changed; throws a message-bearing error (e.g. a padding cell).
    func replacingValue(_ value: Double, in source: OperandPlane, row: Int, column: Int,
                        at index: Int) throws -> any StepSource
    /// The same lesson with random small integers in every operand of the lesson step holding `index`.
    func randomized(at index: Int, seed: UInt64) -> any StepSource
    /// The index base and kernel operation the frames are shown with.
    var conventions: Conventions { get }
    /// The same lesson shown with other conventions; nil when the lesson cannot be recomputed so.
    func applying(_ conventions: Conventions) -> (any StepSource)?
    /// The operation shown at `index` when its step is a convolution, else nil.
    func kernelOperation(at index: Int) -> KernelOperation?
    /// The steps whose numbers differ from `original`'s (this lesson as loaded, under the same conventions).
    func changedSteps(comparedWith original: any StepSource) -> [Range<Int>]
    /// The lesson's steps in order, each with its title and the tutor's numbers of its frames.
    var outline: [OutlineEntry] { get }
}

/// A hand-made source has one way of being shown.
extension StepSource {
    public var conventions: Conventions { Conventions() }
    public func applying(_ conventions: Conventions) -> (any StepSource)? {
        conventions == self.conventions ? self : nil
    }
    public func kernelOperation(at index: Int) -> KernelOperation? { nil }
    /// A hand-made source cannot tell where its numbers differ: all of its steps, unless it draws alike.
    public func changedSteps(comparedWith original: any StepSource) -> [Range<Int>] {
        (0..<stepCount).allSatisfy { frame(at: $0) == original.frame(at: $0) } ? [] : [0..<stepCount]
    }

    /// Runs of frames under one heading: a hand-made source has no file steps to count.
    public var outline: [OutlineEntry] {
        var entries: [OutlineEntry] = []
        for index in 0..<stepCount {
            let heading = frame(at: index).heading
            if let last = entries.last, last.title == heading, last.steps.upperBound == index {
                entries[entries.count - 1].steps = last.steps.lowerBound...(index + 1)
            } else {
                entries.append(OutlineEntry(title: heading, steps: (index + 1)...(index + 1)))
            }
        }
        return entries
    }
}

/// A lesson as the menu lists it: its source when it loads, or the reason it does not. A library lesson is
/// loaded the first time its source or problem is asked for, so listing does not load every lesson.
public struct LessonEntry: Sendable {
    public var id: String
    public var title: String
    public var summary: String
    private let lazyLesson: LazyLesson?
    private let givenSource: (any StepSource)?
    private let givenProblem: String?
    private var editedSource: (any StepSource)?

    public init(source: any StepSource) {
        id = source.lessonID
        title = source.lessonTitle
        summary = source.lessonSummary
        lazyLesson = nil
        givenSource = source
        givenProblem = nil
    }

    public init(id: String, title: String, summary: String, problem: String) {
        self.id = id
        self.title = title
        self.summary = summary
        lazyLesson = nil
        givenSource = nil
        givenProblem = problem
    }

    /// A library lesson, loaded when first opened or shown in the menu.
    public init(lesson: LazyLesson) {
        id = lesson.header.id
        title = lesson.header.title
        summary = lesson.header.summary
        lazyLesson = lesson
        givenSource = nil
        givenProblem = nil
        file = lesson.isEmbedded ? nil : lesson.header.file
    }

    /// The lesson as loaded (its original numbers).
    public var original: (any StepSource)? {
        guard let lazyLesson else { return givenSource }
        return try? lazyLesson.player.get()
    }

    /// The lesson with the edits and random numbers of this session.
    public var current: (any StepSource)? {
        get { editedSource ?? original }
        set { editedSource = newValue }
    }

    /// Why the lesson cannot be played (its file has problems, or the player refused it).
    /// Under `--watch`, a lesson that never loaded has its latest save's problems.
    public var problem: String? {
        if let fileProblems, current == nil { return Self.summary(fileProblems) }
        guard let lazyLesson, case .failure(let found) = lazyLesson.player else { return givenProblem }
        return Self.summary(found.issues.map(\.description))
    }

    /// The first problem, and how many more there are.
    static func summary(_ problems: [String]) -> String {
        let more = problems.count > 1 ? " (and \(problems.count - 1) more: cnn-tutor check)" : ""
        return (problems.first ?? "the lesson could not be read") + more
    }

    /// The lesson's file on disk, which `--watch` watches; nil for a bundled or hand-made lesson.
    public internal(set) var file: String?
    /// Under `--watch`, the problems of the file's last save, one line each (`file:line:column: error: …`): shown
    /// in place of the lesson, whose last good version is kept until a save loads again. nil when it loads.
    public internal(set) var fileProblems: [String]?

    public var stepCount: Int { current?.stepCount ?? 0 }
    public var quizCount: Int { current?.quizCount ?? 0 }
    /// The steps whose numbers this session changed (edit or random), counted from 0; empty when none.
    public var changedSteps: [Range<Int>] = []
    /// Whether this session changed its numbers.
    public var isModified: Bool { !changedSteps.isEmpty }
}

/// One step of a lesson (an entry of its file's `steps:`) as the overview lists it.
public struct OutlineEntry: Equatable, Sendable {
    public var title: String
    /// The tutor's numbers of the frames it shows, 1-based ("step 21/25" counts them).
    public var steps: ClosedRange<Int>

    public init(title: String, steps: ClosedRange<Int>) {
        self.title = title
        self.steps = steps
    }

    /// "21–25" for a step of several frames, "7" for one.
    public var label: String {
        steps.count == 1 ? "\(steps.lowerBound)" : "\(steps.lowerBound)–\(steps.upperBound)"
    }
}
