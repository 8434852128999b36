import CNNCore
import CNNLessons

/// The classroom share file: what a presenter's tutor (`--present --share PATH`) publishes on every change, and
/// what `cnn-tutor follow PATH` shows. One JSON object, replaced atomically:
///
///     {"version": 1, "lesson": "forward-pass", "step": 21, "symbols": false, "indexBase": 1, "flipped": false,
///      "edits": [{"fileStep": 3, "operand": "input", "shape": [4, 4], "values": [1, 2, …]}],
///      "pointer": {"grid": 0, "row": 1, "column": 2}}
///
/// It names a lesson rather than carrying it: the follower plays its own copy, so a share file can show nothing
/// but frames of the follower's lessons. Everything in it is checked before use (`decode`, `player(from:)`).
public struct ClassroomShare: Codable, Equatable, Sendable {
    public static let currentVersion = 1

    public var version: Int
    /// The lesson's id (`cnn-tutor list`).
    public var lesson: String
    /// The tutor's step, 1-based, as its status line counts ("step 21/25") and `--step` takes it.
    public var step: Int
    /// Grids show symbols (X11) rather than numbers (`s`).
    public var symbols: Bool
    /// Names and captions count from 0 or from 1 (`i`).
    public var indexBase: Int
    /// Convolution steps show the other operation: cross-correlation ↔ true convolution (`c`).
    public var flipped: Bool
    /// The operands the presenter changed (`e`, `r`), whole; empty for the lesson's own numbers.
    public var edits: [OperandEdit]
    /// The cell the presenter points at (`x`), when the pointer is on.
    public var pointer: SharedPointer?

    public init(lesson: String, step: Int, symbols: Bool = false, conventions: Conventions = Conventions(),
                edits: [OperandEdit] = [], pointer: SharedPointer? = nil) {
        version = Self.currentVersion
        self.lesson = lesson
        self.step = step
        self.symbols = symbols
        indexBase = conventions.indexBase.rawValue
        flipped = conventions.swapsKernelFlip
        self.edits = edits
        self.pointer = pointer
    }

    /// The index base and kernel operation the presenter shows. Valid once `decode` accepted the share.
    public var conventions: Conventions {
        Conventions(indexBase: IndexBase(rawValue: indexBase) ?? .one, swapsKernelFlip: flipped)
    }

    /// What the follower recomputes a lesson for: the same numbers under the same conventions need no new player.
    public var numbers: SharedNumbers {
        SharedNumbers(lesson: lesson, indexBase: indexBase, flipped: flipped, edits: edits)
    }
}

/// The part of a share that decides the lesson's numbers and names (all but the step, symbols and pointer).
public struct SharedNumbers: Equatable, Sendable {
    public var lesson: String
    public var indexBase: Int
    public var flipped: Bool
    public var edits: [OperandEdit]
}

/// One operand of one lesson step with the presenter's numbers.
public struct OperandEdit: Codable, Equatable, Sendable {
    /// The step of the lesson file (1-based, as `from: {step: N}` counts the file's `steps:`), not the tutor's.
    public var fileStep: Int
    /// "input", "filter", "grad", or "bias".
    public var operand: String
    public var shape: [Int]
    /// Row-major, `shape`'s product of them.
    public var values: [Double]

    public init(fileStep: Int, operand: String, shape: [Int], values: [Double]) {
        self.fileStep = fileStep
        self.operand = operand
        self.shape = shape
        self.values = values
    }

    /// The operand names an edit may carry: the lesson's tensor operands, and a convolution's bias.
    static let operandNames = Set(OperandName.allCases.map(\.rawValue) + [biasOperand])
    static let biasOperand = "bias"
}

/// A cell of the frame's grids (0-based: the grid's index in the frame, then row and column of its cells).
public struct SharedPointer: Codable, Equatable, Sendable {
    public var grid: Int
    public var row: Int
    public var column: Int

    public init(grid: Int, row: Int, column: Int) {
        self.grid = grid
        self.row = row
        self.column = column
    }
}

/// Why a share file cannot be shown, in one line that follows "share file PATH" or stands alone on the status
/// line. Never contains a control character: text from the file is quoted visibly (`\e`).
public struct ShareProblem: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }

    public init(_ message: String) {
        self.message = message
    }
}
