extension StringProtocol {
    /// The text without the blanks at either end: tabs, the space separators (U+0020, U+00A0, U+3000…) and the
    /// zero width space. What Foundation's `trimmingCharacters(in: .whitespaces)` did, without Foundation; line
    /// breaks stay.
    public func trimmingBlanks() -> String {
        trimmingScalars { $0.isBlank }
    }

    /// The text without blanks or line breaks at either end: as `trimmingBlanks()`, and U+000A to U+000D, U+0085,
    /// U+2028 and U+2029. What Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` did.
    public func trimmingBlanksAndNewlines() -> String {
        trimmingScalars { $0.isBlank || $0.isNewline }
    }

    /// The text without the scalars at either end for which `isTrimmed` is true. By scalar, as Foundation's
    /// `trimmingCharacters(in:)`: a combining accent after a trimmed space stays, on its own.
    public func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// A tab, a space separator (general category Zs) or U+200B, a Zs before Unicode 4.0.1: exactly what
    /// `CharacterSet.whitespaces` holds (every scalar compared).
    fileprivate var isBlank: Bool {
        self == "\t" || self == "\u{200B}" || properties.generalCategory == .spaceSeparator
    }

    /// What `CharacterSet.newlines` holds: U+000A to U+000D, U+0085, U+2028 and U+2029.
    fileprivate var isNewline: Bool {
        ("\n"..."\r").contains(self) || self == "\u{85}" || self == "\u{2028}" || self == "\u{2029}"
    }
}
