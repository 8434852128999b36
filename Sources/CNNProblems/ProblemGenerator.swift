import CNNCore

/// Makes seeded problems of every kind.
///
/// **Seeds.** A problem is a pure function of its kind and a 64-bit seed: the kind's generator draws every choice
/// (sizes, settings, numbers, the cell asked) from `Xoshiro256StarStar(seed:)`, whose state is the first four
/// outputs of SplitMix64 started at the seed. No other source of randomness is used, so a kind and a seed give the
/// same problem, byte for byte, on every machine. Exams derive their per-problem seeds from the exam's seed and the
/// student's name (`ExamPlan` in CNNCoursework); sheets and drills can do the same with their own seed.
///
/// **Values.** The generator only draws operands; every answer, worked term, hint value and slip value is computed
/// by CNNCore (`Convolution`, `ConvolutionBackward`, `Pooling`, `TransposedConvolution`, `OutputSize`), a slip by
/// redoing the computation the slipped way (the filter turned, the padding left out, the stride taken as 1, …).
public enum ProblemGenerator {
    /// The problem of `kind` for `seed`.
    public static func problem(_ kind: ProblemKind, seed: UInt64) -> Problem {
        var random = Xoshiro256StarStar(seed: seed)
        switch kind {
        case .convolutionValue: return convolutionValue(&random, seed: seed)
        case .partialSum: return partialSum(&random, seed: seed)
        case .maxPoolValue: return poolValue(&random, seed: seed, mode: .max)
        case .averagePoolValue: return poolValue(&random, seed: seed, mode: .average)
        case .weightGradient: return weightGradient(&random, seed: seed)
        case .biasGradient: return biasGradient(&random, seed: seed)
        case .inputGradient: return inputGradient(&random, seed: seed)
        case .transposedValue: return transposedValue(&random, seed: seed)
        case .outputSize: return outputSize(&random, seed: seed)
        case .receptiveField: return receptiveField(&random, seed: seed)
        case .parameterCount: return parameterCount(&random, seed: seed)
        }
    }

    /// The sentence every grid problem starts from.
    static let indexing = "Rows and columns count from 1."

    /// A grid's cell named as the lessons print it: "O12", "∂L/∂X23" (from 1).
    static func cell(_ name: String, _ row: Int, _ column: Int) -> String {
        Symbols.name(name, [row, column], base: .one)
    }

    /// A matrix tensor from integer rows. - Precondition: the rows are equally long and not empty.
    static func tensor(_ rows: [[Int]]) -> Tensor {
        try! Tensor(rows: rows.map { $0.map(Double.init) })
    }

    /// The rows of a matrix tensor as integers. - Precondition: every value is whole.
    static func integerRows(_ tensor: Tensor) -> [[Int]] {
        let columns = tensor.shape.last!
        return stride(from: 0, to: tensor.count, by: columns).map { start in
            tensor.values[start..<(start + columns)].map { Int($0) }
        }
    }

    /// The (row, column) steps to the four neighbouring cells, with their words.
    static let neighbours: [(rows: Int, columns: Int, words: String)] = [
        (0, 1, "one column right"), (0, -1, "one column left"), (1, 0, "one row down"), (-1, 0, "one row up"),
    ]
}
