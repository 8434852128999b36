import Foundation
import Testing
import CNNSafeText

/// trimmingBlanks against Foundation's trimmingCharacters(in: .whitespaces), which it replaces in the binary.
struct BlankTrimmingTests {
    @Test(arguments: [
        "", " ", "  3/4  ", "\t2.5\t", "\u{a0}h\u{3000}", " a b ", "\n1\n", " \u{301}x ", "x\u{2003}", "\u{200b}y ",
    ])
    func trimsAsFoundationDoes(text: String) {
        #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces))
    }

    /// Every scalar of the Basic Multilingual Plane, where all the blanks are: trimmed away alone exactly when
    /// Foundation's whitespace set holds it.
    @Test func blanksAreFoundationsWhitespace() {
        let differing = (0..<0x1_0000).compactMap(Unicode.Scalar.init).filter { scalar in
            String(scalar).trimmingBlanks().isEmpty != CharacterSet.whitespaces.contains(scalar)
        }
        #expect(differing.isEmpty, "\(differing.map { String($0.value, radix: 16) })")
    }

    /// With the line breaks: trimmed away alone exactly when Foundation's whitespace-and-newline set holds it.
    @Test func blanksAndNewlinesAreFoundationsWhitespaceAndNewlines() {
        let differing = (0..<0x1_0000).compactMap(Unicode.Scalar.init).filter { scalar in
            String(scalar).trimmingBlanksAndNewlines().isEmpty != CharacterSet.whitespacesAndNewlines.contains(scalar)
        }
        #expect(differing.isEmpty, "\(differing.map { String($0.value, radix: 16) })")
    }

    @Test func worksOutByHand() {
        #expect(" \t 13/4 \u{a0}".trimmingBlanks() == "13/4")
        #expect("\n q \n".trimmingBlanks() == "\n q \n")
        #expect(" ".trimmingBlanks() == "")
        #expect("\n\u{B}\u{C}\r\u{85}A\u{2028}\u{2029} ".trimmingBlanksAndNewlines() == "A")
        #expect(" \u{301}A".trimmingBlanksAndNewlines() == "\u{301}A")
        #expect("x".dropFirst().trimmingBlanksAndNewlines() == "")
    }
}
