extension StringProtocol {
    /// The text without the blanks at either end: tabs, the space separators (U+0020, U+00A0, U+3000…) and the
    /// zero width space. What Foundation's `trimmingCharacters(in: .whitespaces)` did, without Foundation; line
    /// breaks stay.
    public func trimmingBlanks() -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }),
              let last = scalars.lastIndex(where: { !$0.isBlank }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// A tab, a space separator (general category Zs) or U+200B, a Zs before Unicode 4.0.1: exactly what
    /// `CharacterSet.whitespaces` holds (every scalar compared).
    fileprivate var isBlank: Bool {
        self == "\t" || self == "\u{200B}" || properties.generalCategory == .spaceSeparator
    }
}
