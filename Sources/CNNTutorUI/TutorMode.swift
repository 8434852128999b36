import CNNLessons

/// What the tutor is doing, each case with the data only it has: the state cannot be, say, in the menu
/// with an edit cursor, or on a quiz with a "go to step" buffer open.
public enum TutorMode: Sendable {
    case menu(MenuState)
    case lesson(LessonView)
    case overview(OverviewState)
}

/// The menu of lessons: which one is chosen, and the lesson to go back to (m, Esc) when one was open.
public struct MenuState: Sendable {
    public var selection: Int
    public var lesson: LessonView?
    /// --present mode's q asked "quit?": y quits, any other key stays.
    public var confirmingQuit = false
}

/// The overview of the open lesson's steps (`O`): which is chosen, and the lesson view to go back to.
public struct OverviewState: Sendable {
    public var lesson: LessonView
    /// The lesson's steps, with the tutor's numbers of their frames.
    public var outline: [OutlineEntry]
    /// Index into `outline`.
    public var selection: Int
}

/// An open lesson: where it is, the frame there, and the line of input being collected, if any.
public struct LessonView: Sendable {
    /// The lesson's index in the tutor's entries.
    public internal(set) var index: Int
    /// 0-based fine step in the lesson.
    public internal(set) var step: Int
    /// The frame at `step`, computed once per move so that drawing never recomputes it.
    public internal(set) var frame: Frame?
    public internal(set) var input: LessonInput = .none
    /// Practice mode (`t`): the running sums of a walk are typed, not shown.
    public internal(set) var practice: PracticeState
    public internal(set) var narrationScroll = 0

    /// The indices of the frame's grids that edit mode can change.
    public var editableGrids: [Int] {
        frame?.grids.indices.filter { frame?.grids[$0].source != nil } ?? []
    }

    /// The running sum the student is asked for at this step in practice mode, when there is one.
    public var practiceTarget: Double? {
        guard practice.isOn, !practice.solved.contains(step), let frame, frame.quiz == nil,
              let formula = frame.formula, let last = TutorState.lastPartial(formula) else { return nil }
        return last.partial
    }

    /// Whether this frame asks for a number: a quiz, or a running sum in practice mode.
    var asksForAnswer: Bool { frame?.quiz != nil || practiceTarget != nil }

    /// Closes whatever input was open: the answer box stays when the frame asks for a number.
    mutating func closeInput() {
        input = asksForAnswer ? .answer(AnswerBox()) : .none
    }
}

/// A line of input the lesson view is collecting.
public enum LessonInput: Equatable, Sendable {
    case none
    /// `g`, digits (or row,column), Enter.
    case goTo(String)
    case edit(EditCursor)
    /// A quiz's answer, or a running sum in practice mode.
    case answer(AnswerBox)
    case confirm(Confirmation)
    /// `x`: a cell lit to point at (arrows move it, Tab changes grid); other keys are the lesson's.
    case pointer(GridPointer)
}

/// A cell of the frame's grids: `grids[grid].cells[row][column]`. The grid drawing lights it.
public struct GridPointer: Equatable, Sendable {
    public var grid: Int
    public var row: Int
    public var column: Int

    public init(grid: Int, row: Int, column: Int) {
        self.grid = grid
        self.row = row
        self.column = column
    }
}

/// The number typed into a quiz's or practice mode's answer box.
public struct AnswerBox: Equatable, Sendable {
    public var text = ""
}

/// Where the cursor of edit mode is: a grid of the frame (one with a `source`), a cell, the number typed.
public struct EditCursor: Equatable, Sendable {
    public var grid: Int
    public var row: Int
    public var column: Int
    public var buffer: String

    public init(grid: Int, row: Int, column: Int, buffer: String = "") {
        self.grid = grid
        self.row = row
        self.column = column
        self.buffer = buffer
    }
}

/// What --present mode asks before doing: changing the lesson's numbers, or quitting in front of the class.
public enum Confirmation: Equatable, Sendable {
    case edit, randomize, original, quit

    var question: String {
        switch self {
        case .edit: "Edit the numbers of this lesson in front of the class? (y/n)"
        case .randomize: "Replace this step's numbers with random ones? (y/n)"
        case .original: "Restore the lesson's original numbers? (y/n)"
        case .quit: Self.quitQuestion
        }
    }

    static let quitQuestion = "Quit the tutor? (y/n)"
}

/// Practice mode: in a term-by-term walk the student types each running sum before it is shown.
public struct PracticeState: Equatable, Sendable {
    public var isOn = false
    /// Steps (of the open lesson) whose running sum the student has typed right: shown from then on.
    public var solved: Set<Int> = []
    /// The last wrong running sum typed at a step, for the hint.
    public var wrong: [Int: String] = [:]

    mutating func forgetAnswers() {
        solved = []
        wrong = [:]
    }
}
