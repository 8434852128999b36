import CNNCore

/// A lesson step's prose as its author laid it out: paragraphs (reflowed to the screen), displayed lines (kept as
/// written), preformatted text and bullet items; each line is runs of text and cell references. Renderers draw it;
/// none of them parses text back.
public struct Narration: Equatable, Sendable, Codable, ExpressibleByArrayLiteral {
    public var blocks: [NarrationBlock]

    public init(_ blocks: [NarrationBlock] = []) {
        self.blocks = blocks
    }

    /// Plain paragraphs of text, without cell references.
    public init(paragraphs: [String]) {
        blocks = paragraphs.map { NarrationBlock(.paragraph, lines: [[.text($0)]]) }
    }

    public init(arrayLiteral paragraphs: String...) {
        self.init(paragraphs: paragraphs)
    }

    public init(from decoder: any Decoder) throws {
        blocks = try decoder.singleValueContainer().decode([NarrationBlock].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(blocks)
    }

    public var isEmpty: Bool { blocks.isEmpty }

    /// Each block as plain text (what JSON's `narration`, the prose lint and screen readers take): a paragraph or
    /// bullet as one line, displayed and preformatted lines joined by line breaks. Cells are named by `symbol`.
    public var plainParagraphs: [String] { blocks.map(\.plainText) }

    /// The narration with every cell reference named from `base`, as the grids of a frame made in it are.
    public func named(base: IndexBase = .current) -> Narration {
        Narration(blocks.map { block in
            NarrationBlock(block.kind, lines: block.lines.map { $0.map { $0.named(base: base) } })
        })
    }
}

/// One block of narration.
public struct NarrationBlock: Equatable, Sendable, Codable {
    public enum Kind: String, Equatable, Sendable, Codable {
        /// Prose whose line breaks are the renderer's: one line of runs, wrapped to the width at hand.
        case paragraph
        /// Lines the author indented (a formula set on lines of its own): kept line for line, never wrapped.
        case display
        /// A fenced block (a table, code): kept character for character; braces in it are text.
        case preformatted
        /// One item of a bullet list: one line of runs, wrapped under its bullet.
        case bullet
    }

    public var kind: Kind
    /// One line for a paragraph or bullet; the block's lines for displayed and preformatted text. Displayed lines
    /// keep the indentation beyond the block's first line.
    public var lines: [[NarrationRun]]

    public init(_ kind: Kind, lines: [[NarrationRun]]) {
        self.kind = kind
        self.lines = lines
    }

    /// Whether the block's lines are kept as written rather than wrapped.
    public var keepsLines: Bool { kind == .display || kind == .preformatted }

    /// The lines as plain text, cells named by their `symbol`.
    public var plainLines: [String] { lines.map(NarrationRun.plainText) }

    /// The block as one string: lines joined by line breaks where they are kept, by spaces where they are not.
    public var plainText: String { plainLines.joined(separator: keepsLines ? "\n" : " ") }
}

/// A piece of a narration line: text as written, or a cell named as the grids name it.
public enum NarrationRun: Equatable, Sendable, Codable {
    case text(String)
    case cell(CellReference)

    /// The run as plain text.
    public var plainText: String {
        switch self {
        case .text(let text): text
        case .cell(let reference): reference.symbol
        }
    }

    /// Runs as one plain string.
    public static func plainText(_ runs: [NarrationRun]) -> String {
        runs.map(\.plainText).joined()
    }

    func named(base: IndexBase) -> NarrationRun {
        guard case .cell(var reference) = self else { return self }
        reference.symbol = Symbols.name(reference.name, reference.subscripts, base: base)
        return .cell(reference)
    }

    private enum CodingKeys: String, CodingKey { case text, cell }

    /// `{"text": "…"}` or `{"cell": {"name": "X", "subscripts": [1, 1], "symbol": "X22"}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let reference = try container.decodeIfPresent(CellReference.self, forKey: .cell) {
            self = .cell(reference)
        } else {
            self = .text(try container.decode(String.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text): try container.encode(text, forKey: .text)
        case .cell(let reference): try container.encode(reference, forKey: .cell)
        }
    }
}

/// A tensor element named in prose: `{X 2 2}` in a lesson file.
public struct CellReference: Equatable, Sendable, Codable {
    /// The tensor's name as the formulas write it: "X", "F", "∂L/∂O".
    public var name: String
    /// 0-based subscripts (the file writes them from 1).
    public var subscripts: [Int]
    /// The name as the grids of the frame print it ("X22", or "X11" with indices from 0): `Symbols.name`.
    public var symbol: String

    /// - Parameters:
    ///   - name: the tensor's name.
    ///   - subscripts: 0-based subscripts.
    ///   - base: where the printed subscripts start.
    public init(name: String, subscripts: [Int], base: IndexBase = .current) {
        self.name = name
        self.subscripts = subscripts
        symbol = Symbols.name(name, subscripts, base: base)
    }
}
