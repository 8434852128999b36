/// A value that is not a sum of products — an exponential, a quotient, a difference such as p₃ − y₃ — written as
/// its formula in symbols and again in numbers. Sums of products are `Explanation`s; a `Formula` is the one step that
/// joins them (E₃ = e^(z₃ − m) feeds the sum S; p₃ = E₃/S reads it).
///
/// `value` is computed in the order the numeric line reads, so the line and the value agree to the last bit.
public struct Formula: Equatable, Sendable {
    /// The value explained, e.g. "p3" (its `value` is the result).
    public let target: Factor
    /// The named numbers the formula reads, in the order it writes them.
    public let operands: [Factor]
    /// "p3 = E3/S".
    public let symbolicLine: String
    /// "p3 = 0.2231/1.72 = 0.1297".
    public let numericLine: String

    public init(target: Factor, operands: [Factor], symbolicLine: String, numericLine: String) {
        self.target = target
        self.operands = operands
        self.symbolicLine = symbolicLine
        self.numericLine = numericLine
    }

    public var value: Double { target.value }

    /// A number as formulas print it (12 significant digits, no float noise).
    static func text(_ number: Double) -> String { NumberFormat.string(number) }

    /// A number that follows an operator: negative ones in brackets, "3 − (−2)".
    static func operand(_ number: Double) -> String {
        let text = text(number)
        return text.hasPrefix("-") ? "(" + text + ")" : text
    }
}
