/// A number as a student types it: "7", "-3", "−3" (the minus sign), "3.25", ".5", "13/4", "-13/4".
///
/// Besides its exact value it keeps how many decimals were typed, so that a slip whose value does not end
/// (a window's mean of 10/3) is still recognised from "3.33".
public struct TypedAnswer: Equatable, Sendable {
    public let value: Rational
    /// Digits typed after the decimal point (0 for a whole number or a fraction).
    public let decimals: Int
    /// What was typed, trimmed.
    public let text: String

    /// Longest answer read: nothing a problem asks needs more, and it keeps every product inside an `Int`.
    static let maximumDigits = 12

    /// Nil when `text` is not a number in one of the forms above.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        var body = Substring(String(trimmed.map { $0 == "\u{2212}" ? "-" : $0 }))
        let negative = body.first == "-"
        if negative || body.first == "+" { body.removeFirst() }
        let parsed = body.contains("/") ? TypedAnswer.fraction(body) : TypedAnswer.decimal(body)
        guard let (value, decimals) = parsed else { return nil }
        self.value = negative ? Rational(-value.numerator, value.denominator) : value
        self.decimals = decimals
        self.text = trimmed
    }

    /// Whether the student's number is `value`: equal exactly, or, when `value`'s decimals never end (10/3) and
    /// they typed some, equal to `value` rounded to as many decimals as they typed.
    public func matches(_ value: Rational) -> Bool {
        if self.value == value { return true }
        guard decimals > 0, !value.hasFiniteDecimals else { return false }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (Double(value.numerator) * Double(scale) / Double(value.denominator)).rounded()
        return Rational(Int(scaled), scale) == self.value
    }

    private static func decimal(_ body: Substring) -> (Rational, Int)? {
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.count + fraction.count <= maximumDigits,
              (whole + fraction).allSatisfy(\.isASCIIDigit) else { return nil }
        var scale = 1
        for _ in 0..<fraction.count { scale *= 10 }
        let digits = Int(whole + fraction) ?? 0
        return (Rational(digits, scale), fraction.count)
    }

    private static func fraction(_ body: Substring) -> (Rational, Int)? {
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let top = parts.first, let bottom = parts.last,
              !top.isEmpty, !bottom.isEmpty, top.count + bottom.count <= maximumDigits,
              (top + bottom).allSatisfy(\.isASCIIDigit),
              let numerator = Int(top), let denominator = Int(bottom), denominator != 0 else { return nil }
        return (Rational(numerator, denominator), 0)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// Without the white space (spaces, tabs, line breaks) around it.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
