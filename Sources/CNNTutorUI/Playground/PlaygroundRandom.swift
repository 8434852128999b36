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
        let rowLength = shape[shape.count - 1]
        let rowCount = shape.dropLast().reduce(1, *)
        var values: [Double] = []
        values.reserveCapacity(rowCount * rowLength)
        // Row by row: the part of a row that `previous` has is copied at once, the rest drawn cell by cell.
        var index = Array(repeating: 0, count: shape.count)
        for _ in 0..<rowCount {
            var kept = 0
            if let previous, previous.rank == shape.count,
               zip(index.dropLast(), previous.shape).allSatisfy({ $0 < $1 }) {
                let start = previous.strides.dropLast().enumerated().reduce(0) { $0 + $1.element * index[$1.offset] }
                kept = min(rowLength, previous.shape[shape.count - 1])
                values.append(contentsOf: previous.values[start..<(start + kept)])
            }
            for column in kept..<rowLength {
                index[shape.count - 1] = column
                values.append(value(tag, index, spread: spread))
            }
            index[shape.count - 1] = 0
            var axis = shape.count - 2
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return try! Tensor(shape: shape, values: values)
    }

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
