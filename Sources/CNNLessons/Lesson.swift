import CNNCore

/// Where something is in a lesson file, for `file:line:column` messages.
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem found in a lesson file, printed as `file:line:column: error: message`.
public struct LessonIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): error: \(message)" }
}

/// A lesson as its file describes it: prose and named computations, never answers.
public struct Lesson: Sendable {
    public var id: String
    public var order: Int
    public var title: String
    public var summary: String
    public var steps: [LessonStep]
    /// The file the lesson came from (nil for lessons built in code).
    public var file: String?
    /// `digits: N`: grid cells show at most N significant digits, and quizzes accept an answer within half a unit
    /// of the last of them (trained weights print in 12); nil: the full 12.
    public var displayDigits: Int? = nil

    public init(id: String, order: Int, title: String, summary: String, steps: [LessonStep], file: String? = nil) {
        self.id = id
        self.order = order
        self.title = title
        self.summary = summary
        self.steps = steps
        self.file = file
    }
}

public struct LessonStep: Sendable {
    public var title: String
    public var narration: Narration
    public var computation: Computation?
    public var location: SourceLocation
    /// Where the step's `say:` is written (nil when it has none, or was built in code).
    public var narrationLocation: SourceLocation?

    public init(title: String, narration: Narration, computation: Computation? = nil, location: SourceLocation) {
        self.title = title
        self.narration = narration
        self.computation = computation
        self.location = location
    }
}

/// How finely a computation is stepped through.
public enum Walk: String, Sendable, CaseIterable {
    /// One step per term of every value.
    case terms
    /// One step per value, its whole formula at once.
    case values
    /// One step with the whole result.
    case result
}

/// An operation with its fields, and how the step walks, checks and quizzes its result.
public struct Computation: Sendable {
    public var operation: Operation
    public var walk = Walk.terms
    /// 1-based output positions to walk (as written); nil for all.
    public var only: [[Int]]?
    /// Rows and columns the input is translated by before the operation (zero fill).
    public var shift: (rows: Int, columns: Int)?
    public var quiz: QuizSpec?
    /// The grids drawn as shades (`shade:`): by role; a digit loaded by name shades its input unless told not to.
    public var shadedRoles: Set<GridRole> = []
    public var expectations: [Expectation] = []
    public var location: SourceLocation
    /// Where each field was written, so a core refusal points at the field it concerns.
    public var fieldLocations: [String: SourceLocation] = [:]
    /// The names the step's `names:` gives its grids (see `names`).
    public var givenNames: [String: StepNames.Name] = [:]

    /// What the step calls its grids: the given names, the operation's own for the rest.
    public var names: StepNames { StepNames(operation: operation.name, given: givenNames) }

    public init(operation: Operation, location: SourceLocation) {
        self.operation = operation
        self.location = location
    }

    /// Operands taken from an earlier step's result, so a value computed once is never retyped and an
    /// edit upstream carries through.
    public var references: [(operand: OperandName, reference: ResultReference)] {
        OperandName.allCases.compactMap { name in
            if case .reference(let reference) = operation[name] { return (name, reference) }
            return nil
        }
    }
}

/// `{from: previous, result: output}` or `{from: 3, result: grad_input}` (a 1-based lesson step); `result` may
/// also name one of the step's operands (`input`, `filter`, `grad`), and `channel: 2` keeps one channel.
public struct ResultReference: Sendable {
    /// nil for the nearest earlier computation step.
    public var step: Int?
    public var result: String
    /// The one channel taken (1-based), nil for the whole result.
    public var channel: Int?
    public var location: SourceLocation

    public init(step: Int?, result: String, channel: Int? = nil, location: SourceLocation) {
        self.step = step
        self.result = result
        self.channel = channel
        self.location = location
    }
}

/// An author's check of a computed result: a tensor or a number under a result name.
public struct Expectation: Sendable {
    /// nil for the operation's main result.
    public var result: String?
    public var values: [Double]
    public var shape: [Int]
    public var location: SourceLocation

    public init(result: String?, values: [Double], shape: [Int], location: SourceLocation) {
        self.result = result
        self.values = values
        self.shape = shape
        self.location = location
    }
}

/// A question on one computed value.
public struct QuizSpec: Sendable {
    public var question: String
    public var result: String
    /// 1-based position in the result; empty for a number.
    public var position: [Int]
    /// Ask for the running partial after this many terms instead of the value.
    public var term: Int?
    public var location: SourceLocation
    /// The slips the quiz is about (`mistakes:`), each with where it is written: `check` makes sure a wrong
    /// answer reaches each one and the tutor names it.
    public var mistakes: [DeclaredMistake] = []
    /// The author's `hint:`, shown before the computed one.
    public var hint: String?
    /// `explain:`, revealed after a right answer or once the worked answer is shown.
    public var explain: String?
    /// `choices:`: a multiple-choice question (empty: the answer is typed).
    public var choices: [ChoiceSpec] = []
    /// `cell:`: the operand ("input", "filter", "grad") whose deciding cell is asked, not the value.
    public var cell: String?

    public init(question: String, result: String, position: [Int], term: Int?, location: SourceLocation) {
        self.question = question
        self.result = result
        self.position = position
        self.term = term
        self.location = location
    }
}
