import CNNSafeText

/// The rules a lesson's id and headings obey, applied to their parsed values (after YAML's escapes), so that
/// `"forward-pas\u0455"` or a bidi override written as an escape is refused like the character itself.
enum LessonTextRules {
    /// Why `id` is not a lesson id (lowercase ASCII letters, digits and dashes), or nil when it is one.
    static func idProblem(_ id: String) -> String? {
        let shown = TerminalText.singleLine(id)
        guard let bad = id.unicodeScalars.first(where: { !isIDScalar($0) }) else {
            return id.isEmpty ? "the id must not be empty" : nil
        }
        // The offending character named by code point: a Cyrillic 'ѕ' looks exactly like the Latin 's'.
        return "the id '\(shown)' must be lowercase ASCII letters, digits and dashes; \(describe(bad)) is not one"
    }

    static func isIDScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }

    /// Why `text` (a title, a summary) cannot be shown as written, or nil when it can: a bidi control or a
    /// zero-width character makes what a reader sees differ from what the text is.
    ///
    /// - Parameters:
    ///   - text: the parsed value.
    ///   - field: its name for the message ("the title", "step 3's title").
    static func invisibleProblem(_ text: String, field: String) -> String? {
        guard let bad = text.unicodeScalars.first(where: TerminalText.isInvisibleFormat) else { return nil }
        return "\(field) contains \(describe(bad)), \(kind(of: bad)) that changes what a reader sees; remove it"
    }

    /// "'!'" for a printable ASCII scalar, "U+202E" for one that is not shown as itself, "'ѕ' (U+0455)" for
    /// any other, whose look alone could be mistaken for an ASCII letter.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if TerminalText.needsEscape(scalar) { return code }
        return scalar.isASCII ? "'\(scalar)'" : "'\(scalar)' (\(code))"
    }

    /// What kind of invisible character `scalar` is (one for which `TerminalText.isInvisibleFormat` holds).
    static func kind(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x2028, 0x2029: "a line or paragraph separator"
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: "a zero-width character"
        default: "a bidi control"
        }
    }
}
