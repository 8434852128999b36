import CNNCore

/// xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2021), transcribed
/// from the public-domain reference `xoshiro256starstar.c`: output rotl(s1·5, 7)·9, then the xorshift of the
/// four state words. From the state {1, 2, 3, 4} it gives 11520, 0, 1509978240, 1215971899390074240, ….
///
/// Every random choice a problem makes comes from here, never from the system generator, so that one seed gives
/// one problem on every machine and with every Swift version.
public struct Xoshiro256StarStar: Sendable {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// The state as four words; they must not all be zero (the generator would stay at zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** needs a state that is not all zero")
        self.state = state
    }

    /// The state filled with the first four outputs of SplitMix64 started at `seed`, as the authors recommend.
    /// SplitMix64 never returns four zeros in a row, so every seed is usable.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        self.init(state: (mixer.next(), mixer.next(), mixer.next(), mixer.next()))
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    // MARK: Draws

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method ("Fast random integer generation
    /// in an interval", 2019): the high word of next()·bound, redrawn while the low word falls below
    /// 2⁶⁴ mod bound, the values that would make some results likelier than others.
    /// - Precondition: `bound > 0`.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "a draw needs at least one value to choose from")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    /// A uniform integer in `range` (at most a few thousand values wide here).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(below(UInt64(range.upperBound - range.lowerBound + 1)))
    }

    /// One of `choices`, each equally likely. - Precondition: `choices` is not empty.
    public mutating func element<T>(of choices: [T]) -> T {
        choices[Int(below(UInt64(choices.count)))]
    }

    /// True with probability `numerator`/`denominator`.
    public mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        Int(below(UInt64(denominator))) < numerator
    }

    /// `values` in an order drawn by the Fisher–Yates shuffle (from the last position down, each swapped with a
    /// position drawn from those not yet fixed).
    public mutating func shuffled<T>(_ values: [T]) -> [T] {
        var result = values
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, Int(below(UInt64(index + 1))))
        }
        return result
    }

    /// A `rows`×`columns` grid of integers drawn from `range`, row by row.
    public mutating func grid(rows: Int, columns: Int, in range: ClosedRange<Int>) -> [[Int]] {
        (0..<rows).map { _ in (0..<columns).map { _ in integer(in: range) } }
    }
}
