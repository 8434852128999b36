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

    @Test func worksOutByHand() {
        #expect(" \t 13/4 \u{a0}".trimmingBlanks() == "13/4")
        #expect("\n q \n".trimmingBlanks() == "\n q \n")
        #expect(" ".trimmingBlanks() == "")
    }
}
