import Testing
import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// String(cFormat:), the printf the tutor formats numbers with in place of Foundation's String(format:).
struct PrintfFormatTests {
    @Test(arguments: [
        ("%.4f", 0.123456, "0.1235"), ("%.12g", 1.0 / 3.0, "0.333333333333"), ("%5.1f %%", 12.34, " 12.3 %"),
        ("%.3g", 1.5e-7, "1.5e-07"), ("%.1f", -0.04, "-0.0"), ("%.2f", 2.675, "2.67"),
    ] as [(String, Double, String)])
    func formatsADouble(format: String, value: Double, text: String) {
        #expect(String(cFormat: format, value) == text)
    }

    @Test func formatsIntegersOfBothWidths() {
        #expect(String(cFormat: "%04d-%02d", Int32(2026), Int32(5)) == "2026-05")
        #expect(String(cFormat: "%ld/%ld", 3, Int.max) == "3/9223372036854775807")
    }

    /// Longer than the first buffer: the text is formatted again into one that fits, never cut.
    @Test func aLongResultIsWhole() {
        let text = String(cFormat: "%0100.3f|%ld", 1.5, 42)
        #expect(text.count == 103)
        #expect(text.hasPrefix("0000") && text.hasSuffix("1.500|42"))
    }

    /// A locale with a decimal comma, where the machine has one: the text still has a decimal point.
    @Test(.enabled(if: commaLocale != nil, "no locale with a decimal comma is installed"))
    func aDecimalCommaLocaleStillPrintsAPoint() {
        let previous = uselocale(commaLocale)
        defer { uselocale(previous) }
        #expect(String(cString: localeconv().pointee.decimal_point) == ",")
        #expect(String(cFormat: "%.2f", 3.25) == "3.25")
    }
}

/// The first installed locale of a few that write 3,25.
nonisolated(unsafe) private let commaLocale: locale_t? = (["de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8"] as [String])
    .lazy.compactMap { name -> locale_t? in newlocale(LC_NUMERIC_MASK, name, nil) }.first
