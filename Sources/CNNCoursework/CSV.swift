/// Comma-separated values as RFC 4180 writes them and as Moodle's and Canvas's grade imports read them: UTF-8,
/// commas between fields, CRLF after every record, a field holding text always in double quotes (quotes inside
/// doubled), numbers bare.
public enum CSV {
    /// One record, ended by CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.joined(separator: ",") + "\r\n"
    }

    /// Text from a file, made safe for a spreadsheet: quoted, with a leading `'` where it would start with
    /// = + - @ (or a tab or carriage return), which a spreadsheet would run as a formula.
    public static func text(_ value: String) -> String {
        let risky = value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        let neutral = risky ? "'" + value : value
        return "\"" + neutral.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
