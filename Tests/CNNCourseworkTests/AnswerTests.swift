import CNNProblems
import Testing

/// Typed answers are read exactly, in every form a student writes a number.
struct AnswerTests {
    @Test(arguments: [
        ("7", Rational(7)), ("-3", Rational(-3)), ("\u{2212}3", Rational(-3)), ("+2", Rational(2)),
        (" 3.25 ", Rational(13, 4)), (".5", Rational(1, 2)), ("13/4", Rational(13, 4)), ("-6/8", Rational(-3, 4)),
        ("2.", Rational(2)), ("0.75", Rational(3, 4)),
    ])
    func numbersAreReadExactly(text: String, value: Rational) {
        #expect(TypedAnswer(text)?.value == value)
    }

    @Test(arguments: ["", "abc", "3,5", "1/0", "1/2/3", "--1", ".", "1e3", "12345678901234", "3 1/4", "/4"])
    func otherTextIsNotANumber(text: String) {
        #expect(TypedAnswer(text) == nil)
    }

    @Test func fractionsAreKeptInLowestTerms() {
        #expect(Rational(6, -8) == Rational(-3, 4))
        #expect(Rational(6, -8).description == "-3/4")
        #expect(Rational(13, 4).decimalText == "3.25")
        #expect(Rational(-1, 4).decimalText == "-0.25")
        #expect(Rational(10, 3).decimalText == "10/3")
        #expect(Rational(approximating: 3.75) == Rational(15, 4))
        #expect(Rational(approximating: 0.1 + 0.2) == Rational(3, 10))
    }

    /// A slip whose value has no short decimal form is still recognised from the decimals typed.
    @Test func typedDecimalsMatchAValueRoundedToThem() {
        #expect(TypedAnswer("3.33")!.matches(Rational(10, 3)))
        #expect(TypedAnswer("3.3")!.matches(Rational(10, 3)))
        #expect(!TypedAnswer("3")!.matches(Rational(10, 3)))
        #expect(!TypedAnswer("3.2")!.matches(Rational(13, 4)))
        #expect(!TypedAnswer("3.3")!.matches(Rational(13, 4)))
    }
}
