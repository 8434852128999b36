/// An exercise sheet before it is written out: its title and its exercises, each with the answer and the working
/// the key prints. The sheet and its key are two renderings of one value, so they always match.
///
/// Every string here may come from a lesson file (a stranger's): renderers escape each one for their format.
public struct ExerciseSheet: Equatable, Sendable {
    public var title: String
    /// Lines under the title: the lesson summaries, or the seed a sheet was generated from.
    public var notes: [String]
    /// Sections in order, each a lesson (or the generated problems), numbered continuously across them.
    public var sections: [ExerciseSection]

    public init(title: String, notes: [String], sections: [ExerciseSection]) {
        self.title = title
        self.notes = notes
        self.sections = sections
    }

    /// Every exercise in the order the sheet numbers them (from 1).
    public var exercises: [Exercise] { sections.flatMap(\.exercises) }
}

/// One lesson's exercises, or a run of generated problems.
public struct ExerciseSection: Equatable, Sendable {
    public var title: String
    public var exercises: [Exercise]

    public init(title: String, exercises: [Exercise]) {
        self.title = title
        self.exercises = exercises
    }
}

/// One question: what the student sees, and what the key adds.
public struct Exercise: Equatable, Sendable {
    /// What the exercise is about: the lesson step's heading, or the problem's kind and seed.
    public var heading: String
    /// Given values in words ("N = 5, F = 3, S = 1, P = 0"), one a line.
    public var facts: [String]
    public var grids: [ExerciseGrid]
    public var question: String
    /// The answer as the tutor prints it ("-2", "3.25").
    public var answer: String
    /// The answer's value, for checks that must not read it back from text.
    public var answerValue: Double
    public var solution: Solution
    /// A multiple-choice question's options, each with its letter ("a) n/f"); empty for a typed answer.
    public var choices: [String] = []
    /// The answer when it is not a number: the right choice ("b) …") or a cell ("X25"); nil for a number.
    public var answerText: String?
    /// The author's explanation, for the key only.
    public var explain: String?

    public init(heading: String, facts: [String], grids: [ExerciseGrid], question: String, answer: String,
                answerValue: Double, solution: Solution) {
        self.heading = heading
        self.facts = facts
        self.grids = grids
        self.question = question
        self.answer = answer
        self.answerValue = answerValue
        self.solution = solution
    }

    /// How the key shows the way to the answer.
    public enum Solution: Equatable, Sendable {
        /// A value worked term by term.
        case sum(WorkedSum)
        /// Lines of arithmetic ("⌊(5 + 2·0 − 3)/1⌋ + 1 = 3"), or nothing more than the answer.
        case lines([String])
    }
}

/// A titled grid of numbers, with boxes where values are still to come.
public struct ExerciseGrid: Equatable, Sendable {
    public var title: String
    public var rows: [[ExerciseCell]]

    public init(title: String, rows: [[ExerciseCell]]) {
        self.title = title
        self.rows = rows
    }
}

public enum ExerciseCell: Equatable, Sendable {
    /// A number as the tutor prints it.
    case number(String)
    /// A value not computed yet: an empty box.
    case blank
    /// The value the question asks about: a box marked "?".
    case asked
}

/// A value worked out term by term: symbols above numbers, as the tutor prints them.
public struct WorkedSum: Equatable, Sendable {
    public enum Combination: Equatable, Sendable {
        case sum
        case maximum
        /// The sum divided by the window's cell count.
        case mean(divisor: Int)
        /// max(0, x).
        case rectify
    }

    /// One number in a term: its symbol ("X12", "∂L/∂O21", "0" for padding, "b") and its value as printed.
    public struct Factor: Equatable, Sendable {
        public var symbol: String
        public var value: String

        public init(symbol: String, value: String) {
            self.symbol = symbol
            self.value = value
        }
    }

    /// The value's symbol: "O12", "∂L/∂F21".
    public var target: String
    /// For a running sum, the term it stops after (the terms shown are those up to it); nil for the value.
    public var stopsAfterTerm: Int?
    public var combination: Combination
    public var terms: [[Factor]]
    public var bias: Factor?
    /// For a mean: the sum before it is divided.
    public var total: String?
    public var result: String

    public init(target: String, stopsAfterTerm: Int? = nil, combination: Combination, terms: [[Factor]],
                bias: Factor?, total: String?, result: String) {
        self.target = target
        self.stopsAfterTerm = stopsAfterTerm
        self.combination = combination
        self.terms = terms
        self.bias = bias
        self.total = total
        self.result = result
    }

    /// Whether the combination adds its terms, so that a negative number after "+" is bracketed.
    var adds: Bool {
        switch combination {
        case .sum, .mean: true
        case .maximum, .rectify: false
        }
    }
}
