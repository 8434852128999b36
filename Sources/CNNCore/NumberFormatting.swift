#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        string(value, scale: scale, digits: significantDigits)
    }

    /// `value` to at most `digits` significant digits (1…12): a grid of trained weights shown in fewer columns.
    /// Display only: the value computed and compared stays the double.
    public static func string(_ value: Double, scale: Double, digits: Int) -> String {
        let digits = min(max(digits, 1), significantDigits)
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        // An infinite or NaN scale says nothing of noise: against it every finite value would print as 0.
        if value == 0 || (scale.isFinite && abs(value) < abs(scale) * 1e-12) { return "0" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        var text = String(cFormat: "%.\(digits)g", value)
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
    /// Half a unit of the last of `digits` significant digits of `value`: how far a number read off a display of
    /// that many digits can be from it (0.00005 for 0.1235 at 4 digits; 0 when `value` prints exactly).
    public static func halfUnit(of value: Double, digits: Int) -> Double {
        guard value.isFinite, let shown = Double(string(value, scale: 0, digits: digits)), shown != value, shown != 0
        else { return 0 }
        // The unit of the last digit shown: of the rounded number (0.099996 shows as 0.1, its digits from 0.1000).
        let exponent = Int(log10(abs(shown)).rounded(.down))
        return 0.5 * pow(10, Double(exponent - min(max(digits, 1), significantDigits) + 1))
    }

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
