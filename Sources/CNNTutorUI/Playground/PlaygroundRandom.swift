import CNNCore

/// Small random integers for the playground's tensors. Each value depends only on the seed, the tensor and
/// the cell's indices, so growing the input keeps every value already on screen.
struct PlaygroundRandom {
    enum Tag: UInt64 {
        case input = 1, filter, outputGradient
    }

    var seed: UInt64

    /// An integer in −spread…spread.
    func value(_ tag: Tag, _ index: [Int], spread: Int) -> Double {
        var mixed = seed ^ (tag.rawValue &* 0x9E37_79B9_7F4A_7C15)
        for component in index {
            mixed = Self.mix(mixed &+ UInt64(truncatingIfNeeded: component) &+ 0x632B_E59B_D9B4_E019)
        }
        return Double(Int(Self.mix(mixed) % UInt64(2 * spread + 1)) - spread)
    }

    /// A tensor of `shape` with random values, keeping those of `previous` where the two overlap.
    func tensor(_ tag: Tag, shape: [Int], spread: Int, keeping previous: Tensor? = nil) -> Tensor {
        if let previous, previous.shape == shape { return previous }
        var result = try! Tensor(zeros: shape)
        let previousStrides = previous?.strides
        // An odometer over the indices: no array allocated per cell (64×64×8 cells on every resize).
        var index = Array(repeating: 0, count: shape.count)
        for flat in 0..<result.count {
            if let previous, let previousStrides, zip(index, previous.shape).allSatisfy({ $0 < $1 }) {
                result.values[flat] = previous.values[zip(index, previousStrides).reduce(0) { $0 + $1.0 * $1.1 }]
            } else {
                result.values[flat] = value(tag, index, spread: spread)
            }
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
