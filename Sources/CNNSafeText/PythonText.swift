/// Text from a lesson file (a stranger's) placed in a generated Python script as data that never runs: a comment
/// that cannot end early, a string literal that cannot be closed early. Names in a script never come from lesson
/// text at all.
public enum PythonText {
    /// The line a script carrying lesson text puts second (after `#!`): a comment on line 1 or 2 that mentions
    /// `coding: utf-7` would otherwise decode the rest of the file as UTF-7, where `+AAo-` is a newline (PEP 263).
    public static let encodingDeclaration = "# -*- coding: utf-8 -*-"

    /// `text` as a `#` comment of one line: line breaks (including CR, U+2028 and U+2029), NUL and every other
    /// control character written visibly, so nothing after the `#` can start a line of code.
    ///
    /// - Parameter text: any text; printable characters, non-ASCII included, are kept as they are.
    /// - Returns: `# ` and the text, with no line break. Put it on line 3 or later (see `encodingDeclaration`).
    public static func comment(_ text: String) -> String {
        "# " + TerminalText.singleLine(text)
    }

    /// `text` as a double-quoted Python string literal that evaluates to exactly `text`.
    ///
    /// - Parameter text: any text.
    /// - Returns: printable ASCII only: `"` and `\` escaped with a backslash, `\n`, `\r` and `\t` by name, other
    ///   characters below U+0020 or from U+007F as `\xNN`, `\uXXXX` or `\UXXXXXXXX`. Nothing in it can end the
    ///   literal or the line, and there is no prefix, so braces are never formatted.
    public static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            literal += escaped(scalar)
        }
        return literal + "\""
    }

    /// One scalar as it appears inside a double-quoted literal.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\\": return "\\\\"
        case "\"": return "\\\""
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case " "..."~": return String(scalar)
        default: break
        }
        switch scalar.value {
        case ..<0x100: return "\\x" + hex(scalar.value, digits: 2)
        case ..<0x10000: return "\\u" + hex(scalar.value, digits: 4)
        default: return "\\U" + hex(scalar.value, digits: 8)
        }
    }

    /// `value` in lowercase hexadecimal, zero-padded to `digits`.
    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(digits - text.count, 0)) + text
    }
}
