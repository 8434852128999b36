import CNNSafeText

/// The colours a style can ask for; the terminal driver maps them to colour pairs.
public enum TerminalColor: UInt8, Hashable, Sendable, CaseIterable {
    case standard, black, red, green, yellow, blue, magenta, cyan, white
}

/// How one screen cell is drawn. The view decides, knowing whether the terminal has colours; the
/// driver only translates these into attributes.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(foreground: TerminalColor = .standard, background: TerminalColor = .standard, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)

    public var usesColor: Bool { foreground != .standard || background != .standard }
}

/// One character cell of the terminal.
public struct ScreenCell: Equatable, Sendable {
    /// One scalar, one column (the screen only holds single-width characters).
    public var character: Unicode.Scalar
    public var style: Style

    public init(_ character: Unicode.Scalar = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = ScreenCell()
}

/// A 2-D buffer of cells, as the pure view computes it. The driver keeps the previous one and writes only
/// the cells that differ. Every character is one column wide: text put on the screen is reduced to
/// single-width characters, and to ASCII when the screen is ASCII-only.
public struct Screen: Equatable, Sendable, CustomStringConvertible {
    public let width: Int
    public let height: Int
    /// Draw with ASCII only (no UTF-8 locale, or --ascii).
    public let ascii: Bool
    public private(set) var cells: [ScreenCell]

    /// A blank screen of `width`×`height` cells, each clamped to 0…`ScreenSize.maximum` (a larger one is never made).
    public init(width: Int, height: Int, ascii: Bool = false) {
        self.width = min(max(0, width), ScreenSize.maximum.width)
        self.height = min(max(0, height), ScreenSize.maximum.height)
        self.ascii = ascii
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> ScreenCell {
        get {
            guard row >= 0, row < height, column >= 0, column < width else { return .blank }
            return cells[row * width + column]
        }
        set {
            guard row >= 0, row < height, column >= 0, column < width else { return }
            cells[row * width + column] = newValue
        }
    }

    /// Writes `text` from (row, column), clipped at `maxWidth` columns (and the screen's edge); returns the
    /// number of columns written. Text that does not fit ends with an ellipsis when `ellipsis` is true.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .plain, maxWidth: Int? = nil,
                             ellipsis: Bool = true) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - column)
        guard limit > 0 else { return 0 }
        var characters = Screen.displayScalars(text, ascii: ascii)
        if characters.count > limit {
            characters = Array(characters.prefix(limit))
            if ellipsis { characters[limit - 1] = ascii ? "~" : "…" }
        }
        var x = column
        for character in characters {
            if x >= 0 { self[row, x] = ScreenCell(character, style: style) }
            x += 1
        }
        return characters.count
    }

    /// Sets the style of `count` cells from (row, column), keeping their characters, or fills them with
    /// `character` when given.
    public mutating func fill(row: Int, column: Int, count: Int, style: Style, character: Unicode.Scalar? = nil) {
        guard count > 0 else { return }
        for x in max(0, column)..<min(width, column + count) {
            self[row, x] = ScreenCell(character ?? self[row, x].character, style: style)
        }
    }

    /// The characters as text, one string a row, trailing blanks removed: for tests and snapshots.
    public var lines: [String] {
        (0..<height).map { row in
            // A plain loop: a key path's map costs a metadata look-up a cell in a debug build (tests call this often).
            var scalars = String.UnicodeScalarView()
            for cell in cells[(row * width)..<(row * width + width)] { scalars.append(cell.character) }
            var line = String(scalars)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }

    public var description: String { "\(width)×\(height) screen:\n" + text }

    /// Whether any row contains `needle`.
    public func contains(_ needle: String) -> Bool { lines.contains { $0.contains(needle) } }

    /// The (row, column) of the first occurrence of `needle`.
    public func find(_ needle: String) -> (row: Int, column: Int)? {
        for (row, line) in lines.enumerated() {
            if let range = line.firstRange(of: needle) {
                return (row, line.distance(from: line.startIndex, to: range.lowerBound))
            }
        }
        return nil
    }

    /// The number of columns `text` takes once put on a screen: the count of `displayScalars(text, ascii:)`.
    public static func displayWidth(_ text: String, ascii: Bool) -> Int {
        var count = 0
        for scalar in TerminalText.sanitized(text, keepingLineBreaks: true).unicodeScalars {
            if scalar.value < 128 {
                count += 1
            } else if ascii {
                count += ASCIIText.replacement(for: scalar).count
            } else if !isZeroWidth(scalar) {
                count += 1
            }
        }
        return count
    }

    /// `text` as the single-width scalars a screen holds, one a cell. Whatever could drive the terminal or
    /// reorder what it shows (C0 and C1 controls, DEL, bidi overrides, zero-width characters) is written
    /// visibly by `TerminalText`, one cell per character of its escape (`\e`, `\u{9b}`), as every other
    /// output of lesson text is; a tab or line break left in the text is a space. Then ASCII transliterations
    /// when `ascii` is true, wide characters as "?", zero-width marks dropped.
    public static func displayScalars(_ text: String, ascii: Bool) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in TerminalText.sanitized(text, keepingLineBreaks: true).unicodeScalars {
            let value = scalar.value
            if value < 128 {
                // Only a tab or a line break is left below 32: the sanitiser escaped every other control.
                result.append(value < 32 ? " " : scalar)
            } else if ascii {
                result.append(contentsOf: ASCIIText.replacement(for: scalar))
            } else if isZeroWidth(scalar) {
                continue
            } else if isWide(scalar) {
                result.append("?")
            } else {
                result.append(scalar)
            }
        }
        return result
    }

    /// Combining marks, variation selectors and the format characters the sanitiser leaves (a soft hyphen):
    /// no column of their own.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// East Asian wide and emoji characters take two columns in a terminal; the screen model keeps one
    /// column per cell, so they are replaced.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return scalar.properties.isEmojiPresentation
        }
    }
}
