import Foundation

/// Prints numbers as a person writes them: `3.75`, `-4`, `0.5`, never `3.7500000000000004` or `-0`.
///
/// The core computes in binary floating point; twelve significant digits are far more than any lesson
/// shows and far fewer than the sixteen a double carries, so representation noise never reaches the page.
public enum NumberFormat {
    public static let significantDigits = 12

    public static func string(_ value: Double) -> String {
        string(value, scale: 0)
    }

    /// `scale` is the size of the numbers `value` was computed from (a grid's largest magnitude, the terms
    /// of a sum): a result a trillion times smaller than them is cancellation noise and prints as 0.
    public static func string(_ value: Double, scale: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        // An infinite or NaN scale says nothing of noise: against it every finite value would print as 0.
        if value == 0 || (scale.isFinite && abs(value) < abs(scale) * 1e-12) { return "0" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        var text = String(format: "%.\(significantDigits)g", value)
        if text.contains("e") {
            // 1.50000000000e-07 → 1.5e-07
            let parts = text.split(separator: "e", maxSplits: 1)
            text = trimFraction(String(parts[0])) + "e" + parts[1]
        } else {
            text = trimFraction(text)
        }
        return text == "-0" ? "0" : text
    }

    /// The cleaned value itself, for JSON output and comparisons with what is printed.
    public static func rounded(_ value: Double, scale: Double = 0) -> Double {
        Double(string(value, scale: scale)) ?? value
    }

    private static func trimFraction(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return String(trimmed)
    }
}
