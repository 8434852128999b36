import CNNCore

/// The draws the network's initialisation and training make from the core's SplitMix64 (the same generator the
/// seeded problems use), so that a seed gives the same trained weights on every machine.
extension SplitMix64 {
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
