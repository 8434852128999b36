/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), as in
/// Vigna's reference `splitmix64.c`: the state advances by the golden-ratio increment 0x9E3779B97F4A7C15 and each
/// output is the state passed through a 64-bit finaliser.
///
/// Here it only turns one 64-bit seed into others: the four state words of `Xoshiro256StarStar` and the
/// per-problem seeds of an exam. Started at 1234567 its first outputs are 6457827717110365317,
/// 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
