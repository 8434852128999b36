import CNNCore
import CNNSafeText
import FoundationEssentials

/// One step of a lesson as any renderer needs it: the grids with their highlighted cells, the formula of
/// the current value (symbolic above numeric), the narration, a quiz. No colours, no layout: the plain and
/// markdown printers and the ncurses view each draw it their own way.
public struct Frame: Equatable, Sendable, Codable {
    public var lessonID: String
    public var lessonTitle: String
    /// 0-based position among the lesson's fine steps; shown 1-based ("step 7/24").
    public var stepIndex: Int
    public var stepCount: Int
    /// The heading of the lesson step this frame belongs to.
    public var heading: String
    /// The lesson step's narration: paragraphs, displayed lines, preformatted text and bullets, its cells named as
    /// this frame's grids name them. Setting it sets `narration`.
    public var narrationBlocks: Narration {
        didSet { narration = narrationBlocks.plainParagraphs }
    }
    /// The narration as plain text, one string per block (kept lines joined by line breaks): what JSON readers
    /// and the prose lint read. It follows `narrationBlocks`.
    public private(set) var narration: [String]
    public var grids: [GridPanel]
    public var formula: FormulaPanel?
    /// Further computed lines: output-size arithmetic, an efficiency table, notes on the current value.
    public var facts: [String]
    public var quiz: QuizPrompt?
    /// Position within the lesson step's walk, e.g. "value 2 of 4, term 3 of 4"; nil for narration.
    public var progress: String?

    public init(lessonID: String, lessonTitle: String, stepIndex: Int, stepCount: Int, heading: String,
                narration: Narration, grids: [GridPanel] = [], formula: FormulaPanel? = nil, facts: [String] = [],
                quiz: QuizPrompt? = nil, progress: String? = nil) {
        self.lessonID = lessonID
        self.lessonTitle = lessonTitle
        self.stepIndex = stepIndex
        self.stepCount = stepCount
        self.heading = heading
        narrationBlocks = narration
        self.narration = narration.plainParagraphs
        self.grids = grids
        self.formula = formula
        self.facts = facts
        self.quiz = quiz
        self.progress = progress
    }
}

/// A 2-D grid of cells with a title ("Input X", "Filter F1, channel 2", "∂L/∂O zero-padded").
public struct GridPanel: Equatable, Sendable, Codable {
    public var title: String
    public var role: GridRole
    public var cells: [[Cell]]
    /// Which operand of the step this grid shows and which plane of it (for edit mode): nil for
    /// derived grids (outputs, padded or rotated copies) that cannot be edited.
    public var source: OperandPlane?
    /// Large grids are cropped around the cell in focus: `cells[0][0]` is row `firstRow`, column
    /// `firstColumn` of a grid of `totalRows`×`totalColumns`.
    public var firstRow: Int
    public var firstColumn: Int
    public var totalRows: Int
    public var totalColumns: Int
    /// Set when the grid is to be drawn as shades (a digit, feature maps): the values at the light and dark ends
    /// of the ramp, each shown cell's `shade` placing it between them. Renderers choose the glyphs or colours.
    public var shading: Shading? = nil

    public init(title: String, role: GridRole, cells: [[Cell]], source: OperandPlane? = nil,
                firstRow: Int = 0, firstColumn: Int = 0, totalRows: Int? = nil, totalColumns: Int? = nil) {
        self.title = title
        self.role = role
        self.cells = cells
        self.source = source
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.totalRows = totalRows ?? cells.count
        self.totalColumns = totalColumns ?? (cells.first?.count ?? 0)
    }

    public var isCropped: Bool { rowCount < totalRows || columnCount < totalColumns }

    public var rowCount: Int { cells.count }
    public var columnCount: Int { cells.first?.count ?? 0 }
}

/// The range a shaded grid's ramp spans: its smallest value (lightest) to its largest (darkest).
public struct Shading: Equatable, Sendable, Codable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// Where `value` lies between `low` (0) and `high` (1); 0 for a grid whose values are all one.
    public func level(_ value: Double) -> Double {
        high > low ? min(max((value - low) / (high - low), 0), 1) : 0
    }
}

public enum GridRole: String, Equatable, Sendable, Codable, CaseIterable {
    case input, filter, output, gradient, derived
}

/// An editable operand ("input", "filter", "grad") and the plane of it a grid shows.
public struct OperandPlane: Equatable, Sendable, Codable, Hashable {
    public var operand: String
    /// Leading canonical indices of the plane (e.g. [k, c] of a filter bank; [0, c] of an input).
    public var plane: [Int]
    /// Offset of the grid's (0, 0) cell in the operand plane (−padding when the grid shows padding).
    public var rowOffset: Int
    public var columnOffset: Int

    public init(operand: String, plane: [Int], rowOffset: Int = 0, columnOffset: Int = 0) {
        self.operand = operand
        self.plane = plane
        self.rowOffset = rowOffset
        self.columnOffset = columnOffset
    }
}

public struct Cell: Equatable, Sendable, Codable {
    /// The number as printed, or "" while an output is still to be computed.
    public var text: String
    /// The element's symbol ("X11", "∂L/∂O12"), for the symbols view.
    public var symbol: String
    public var highlight: Highlight
    /// In a shaded grid, the value's place on the grid's ramp, 0 (lightest) to 1 (darkest); nil for a value not
    /// shown yet (pending, asked) and in grids that are not shaded.
    public var shade: Double? = nil

    public init(text: String, symbol: String, highlight: Highlight = .none) {
        self.text = text
        self.symbol = symbol
        self.highlight = highlight
    }
}

/// What a cell is doing in the current step; renderers map these to colours or to reverse/bold.
public enum Highlight: String, Equatable, Sendable, Codable {
    case none
    /// Inside the window (the active patch, or the filter sliding over it).
    case window
    /// The cell in the current term (the input value and the filter weight being multiplied).
    case active
    /// The value being computed.
    case target
    /// Not computed yet in this walk.
    case pending
    /// Zero padding around the real data.
    case padding
    /// The maximum of a pooling window.
    case winner
}

/// The formula of the current value: "O11 = X11·F11 + …" above "O11 = 1·2 + … → 5".
public struct FormulaPanel: Equatable, Sendable, Codable {
    public var symbolic: String
    public var numeric: String
    /// The running results so far: "2 → 5 → 5".
    public var partials: String
    /// For a volume: the partial sum contributed by each channel so far ("channel 1: 4", …), as `channelParts`
    /// prints them.
    public var channelSums: [String]
    /// The same per-channel sums as values.
    public var channelParts: [ChannelSum] = [] {
        didSet { channelSums = channelParts.map(\.line) }
    }
    /// Whether the value is complete in this frame.
    public var isComplete: Bool
    /// The same formula as terms (the lines above are rendered from it): nil for a formula of another form.
    public var worked: WorkedFormula? = nil

    public init(symbolic: String, numeric: String, partials: String, channelSums: [String] = [], isComplete: Bool) {
        self.symbolic = symbolic
        self.numeric = numeric
        self.partials = partials
        self.channelSums = channelSums
        self.isComplete = isComplete
    }

    /// The panel of `worked`, its lines rendered from it.
    public init(_ worked: WorkedFormula, channelParts: [ChannelSum] = []) {
        self.init(symbolic: worked.symbolicLine, numeric: worked.numericLine,
                  partials: worked.terms.map(\.partialText).joined(separator: " → "),
                  channelSums: channelParts.map(\.line), isComplete: worked.isComplete)
        self.worked = worked
        self.channelParts = channelParts
    }
}

/// One channel's share of a volume's sum so far: "channel 2: 5".
public struct ChannelSum: Equatable, Sendable, Codable {
    /// The channel as shown (in the frame's index base).
    public var channel: Int
    public var sum: Double
    /// The sum as printed; "?" while practice mode asks for it.
    public var text: String

    public init(channel: Int, sum: Double, text: String) {
        self.channel = channel
        self.sum = sum
        self.text = text
    }

    public var line: String { "channel \(channel): \(text)" }
}

/// A wrong answer a classic mistake produces ("that is the true-convolution value: the filter was flipped").
public struct KnownMistake: Equatable, Sendable, Codable {
    /// Which slip it is, as a lesson declares it.
    public var kind: QuizMistakeKind
    public var value: Double
    public var message: String

    public init(_ kind: QuizMistakeKind, value: Double, message: String) {
        self.kind = kind
        self.value = value
        self.message = message
    }
}

/// A question whose answer the core computed.
public struct QuizPrompt: Equatable, Sendable, Codable {
    /// Stable identity for saved progress: "lesson-id/step-number".
    public var id: String
    public var question: String
    public var answer: Double
    /// The worked terms, shown after a wrong answer.
    public var worked: [String]
    /// Answers that come from a classic mistake, each with what went wrong (nil: none recognised).
    public var mistakes: [KnownMistake]? = nil
    /// The first wrong answer's hint: which cells or terms make the value, never the value (nil: none).
    public var hint: String? = nil
    /// The title of the grid in the quiz frame that holds the asked cell (nil: not a question about a grid cell).
    public var grid: String? = nil
    /// The asked cell in that grid: 1-based [row, column] of the whole grid.
    public var at: [Int]? = nil
    /// The worked answer as terms (`worked` is rendered from it), nil when the value is not one sum.
    public var formula: WorkedFormula? = nil
    /// The slips the lesson declares this quiz is about: named first when two slips give the same number.
    public var declaredMistakes: [QuizMistakeKind]? = nil
    /// How it is answered: a number typed, a choice's letter, or a cell of a grid (QuizKinds.swift).
    public var kind: QuizKind = .number
    /// A multiple-choice question's options, lettered a, b, c…; exactly one is right.
    public var choices: [QuizChoice]? = nil
    /// A "which cell?" question's answer and what each wrong cell means.
    public var cell: QuizCell? = nil
    /// The author's hint, shown before the computed one.
    public var authorHint: String? = nil
    /// The author's explanation, revealed after a right answer or once the worked answer is shown.
    public var explain: String? = nil
    /// How far an answer may be from `answer` and count: half a unit of the last digit the lesson shows (its
    /// `digits:`), so that a value read off a rounded grid is right; nil: within 1e-9.
    public var tolerance: Double? = nil

    public init(id: String, question: String, answer: Double, worked: [String]) {
        self.id = id
        self.question = question
        self.answer = answer
        self.worked = worked
    }

    public enum Verdict: Equatable, Sendable {
        case right
        case wrong
        /// The text was not a number.
        case unreadable
    }

    /// Right when within 1e-9 of the computed value (relative for large values), or within `tolerance`; "3/4" style
    /// fractions count.
    public func check(_ text: String) -> Verdict {
        guard let value = Self.number(text) else { return .unreadable }
        // 1e-9 more than half a unit, so that an answer typed exactly at the rounding boundary counts.
        let allowed = max(1e-9 * max(1, abs(answer)), (tolerance ?? 0) * (1 + 1e-9))
        return abs(value - answer) <= allowed ? .right : .wrong
    }

    /// A typed answer: a number as a lesson file writes it (`-1.5`, `−1.5` with the minus sign the tutor prints,
    /// `2e3`) or a fraction of two such numbers (`3/4`); nil for anything else.
    public static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingBlanks()
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return try? TensorText.parseNumber(trimmed) }
        guard let numerator = try? TensorText.parseNumber(String(parts[0])),
              let denominator = try? TensorText.parseNumber(String(parts[1])), denominator != 0 else { return nil }
        return numerator / denominator
    }
}
