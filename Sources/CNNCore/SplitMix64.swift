/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), as in
/// Vigna's reference `splitmix64.c`: the state advances by the golden-ratio increment 0x9E3779B97F4A7C15 and each
/// output is the state passed through a 64-bit finaliser.
///
/// Written out, not the system generator, so that a seed gives the same numbers on every machine and in every
/// version: the tiny network's initial weights and shuffles (CNNNetwork adds those draws), the four state words
/// of `Xoshiro256StarStar` and the per-problem seeds of an exam and a sheet. Started at 1234567 its first
/// outputs are 6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431,
/// 16408922859458223821.
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
}
