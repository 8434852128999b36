extension StringProtocol {
    /// The text without the blanks at either end: tabs and the space separators (U+0020, U+00A0, U+3000…).
    /// What Foundation's `trimmingCharacters(in: .whitespaces)` did, without Foundation; line breaks stay.
    public func trimmingBlanks() -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }),
              let last = scalars.lastIndex(where: { !$0.isBlank }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// A tab or a space separator (general category Zs): what `CharacterSet.whitespaces` holds.
    fileprivate var isBlank: Bool { self == "\t" || properties.generalCategory == .spaceSeparator }
}
