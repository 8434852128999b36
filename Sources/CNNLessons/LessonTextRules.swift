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
    /// zero-width character makes what a reader sees differ from what the text is. The line and paragraph
    /// separators, which `TerminalText` also writes visibly, are left to it: they hide nothing.
    ///
    /// - Parameters:
    ///   - text: the parsed value.
    ///   - field: its name for the message ("the title", "step 3's title").
    static func invisibleProblem(_ text: String, field: String) -> String? {
        guard let bad = text.unicodeScalars.first(where: isHiding) else { return nil }
        return "\(field) contains \(describe(bad)), \(kind(of: bad)) that changes what a reader sees; remove it"
    }

    /// A bidi control or a zero-width character: `TerminalText.isInvisibleFormat` but for U+2028 and U+2029.
    static func isHiding(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isInvisibleFormat(scalar) && !(0x2028...0x2029).contains(scalar.value)
    }

    /// "'!'" for a printable ASCII scalar, "U+202E" for one that is not shown as itself, "'ѕ' (U+0455)" for
    /// any other, whose look alone could be mistaken for an ASCII letter.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if TerminalText.needsEscape(scalar) { return code }
        return scalar.isASCII ? "'\(scalar)'" : "'\(scalar)' (\(code))"
    }

    /// What kind of hiding character `scalar` is (one for which `isHiding` holds).
    static func kind(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: "a zero-width character"
        default: "a bidi control"
        }
    }
}
