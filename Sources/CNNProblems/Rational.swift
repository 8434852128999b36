/// An exact fraction in lowest terms with a positive denominator: answers are whole numbers or, for an
/// average, quarters, and a typed "3.25" must equal 13/4 exactly, which a `Double` comparison cannot promise
/// for every decimal.
public struct Rational: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// - Precondition: `denominator != 0`; both small enough that their product with another fits in an `Int`.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "a fraction needs a nonzero denominator")
        let divisor = Rational.greatestCommonDivisor(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / max(divisor, 1)
        self.denominator = sign * denominator / max(divisor, 1)
    }

    /// The fraction a core result stands for: its operands are small integers, so every value is a whole number
    /// divided by a small count. Tries denominators 1 to `maxDenominator` and takes the first that makes the
    /// value whole (to within binary rounding). Nil when none does or the value is not finite.
    public init?(approximating value: Double, maxDenominator: Int = 64) {
        guard value.isFinite, abs(value) < 1e12 else { return nil }
        for denominator in 1...maxDenominator {
            let scaled = value * Double(denominator)
            let whole = scaled.rounded()
            if abs(scaled - whole) <= 1e-9 * max(1, abs(scaled)) {
                self.init(Int(whole), denominator)
                return
            }
        }
        return nil
    }

    /// Whether the decimal form ends: the denominator has no prime factor but 2 and 5.
    public var hasFiniteDecimals: Bool {
        var rest = denominator
        for factor in [2, 5] { while rest % factor == 0 { rest /= factor } }
        return rest == 1
    }
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// "13/4", "-3", "0".
    public var description: String {
        denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)"
    }

    /// "3.25" when the fraction ends within four decimals, else "13/3".
    public var decimalText: String {
        guard denominator != 1 else { return String(numerator) }
        var scale = 1
        for places in 1...4 {
            scale *= 10
            guard scale % denominator == 0 else { continue }
            let scaled = abs(numerator) * (scale / denominator)
            var fraction = String(scaled % scale)
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return (numerator < 0 ? "-" : "") + "\(scaled / scale)." + fraction
        }
        return description
    }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        lhs + Rational(-rhs.numerator, rhs.denominator)
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : greatestCommonDivisor(b, a % b)
    }
}
