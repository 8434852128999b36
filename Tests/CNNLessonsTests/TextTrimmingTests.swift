import Testing
@testable import CNNLessons

/// The trimming that replaced Foundation's `trimmingCharacters(in:)`: the same sets, by Unicode scalar.
struct TextTrimmingTests {
    @Test func whitespaceIsTheSpaceSeparatorsAndTheTab() {
        // U+00A0 and U+3000 are space separators (Zs); U+200B is a format character (Cf), which stays.
        #expect(" \t\u{A0}A b\u{3000} ".trimmingWhitespace() == "A b")
        #expect("\u{200B}A".trimmingWhitespace() == "\u{200B}A")
        #expect("\nA\n".trimmingWhitespace() == "\nA\n")
        #expect(" \t ".trimmingWhitespace() == "")
    }

    @Test func newlinesAreLineFeedToCarriageReturnNextLineAndTheSeparators() {
        #expect("\n\u{B}\u{C}\r\u{85}A\u{2028}\u{2029} ".trimmingWhitespaceAndNewlines() == "A")
        // By scalar, as Foundation: a combining accent after a trimmed space is kept, on its own.
        #expect(" \u{301}A".trimmingWhitespaceAndNewlines() == "\u{301}A")
        #expect("x".dropFirst().trimmingWhitespaceAndNewlines() == "")
    }
}
