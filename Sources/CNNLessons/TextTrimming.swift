/// Foundation's `trimmingCharacters(in: .whitespaces)` and `.whitespacesAndNewlines`, which FoundationEssentials
/// lacks, over Unicode scalars as Foundation trims: a title's trailing no-break space goes as before.
extension Substring {
    /// The text without the white space at its ends: Unicode's space separators (category Zs) and the tab.
    func trimmingWhitespace() -> String {
        trimming(where: Self.isWhitespace)
    }

    /// The text without white space or line breaks at its ends: as `trimmingWhitespace()`, and U+000A to U+000D,
    /// U+0085, U+2028 and U+2029.
    func trimmingWhitespaceAndNewlines() -> String {
        trimming { Self.isWhitespace($0) || Self.isNewline($0) }
    }

    /// The text without the scalars at its ends for which `isTrimmed` is true.
    func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[first...last])
    }

    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        ("\n"..."\r").contains(scalar) || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
}

extension String {
    /// See `Substring.trimmingWhitespace()`.
    func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }

    /// See `Substring.trimmingWhitespaceAndNewlines()`.
    func trimmingWhitespaceAndNewlines() -> String { self[...].trimmingWhitespaceAndNewlines() }
}
