/// SplitMix64 (Steele, Lea and Flood, 2014; the reference code by Sebastiano Vigna): a 64-bit state advanced by the
/// golden-ratio constant and mixed by two multiply-xorshift rounds. Written out here, not the system generator, so
/// that a seed gives the same numbers on every machine and in every version — and the same trained weights.
public struct SplitMix64: Sendable, Equatable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A double in [−limit, limit).
    public mutating func nextSymmetric(limit: Double) -> Double {
        (2 * nextUnit() - 1) * limit
    }

    /// 0 ..< bound, as `next() % bound` (the bias, under 2⁻⁵⁰ for the sizes used here, does not matter).
    /// - Precondition: `bound > 0`.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "an empty range")
        return Int(next() % UInt64(bound))
    }

    /// `values` in a random order: Fisher–Yates from the last position down, each swap partner drawn by
    /// `nextIndex(below: position + 1)`.
    public mutating func shuffled<T>(_ values: [T]) -> [T] {
        var result = values
        for position in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(position, nextIndex(below: position + 1))
        }
        return result
    }
}
