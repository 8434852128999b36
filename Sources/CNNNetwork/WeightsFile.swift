import CNNCore

/// The network's weights as a JSON object (`cnn-tutor train --save`), with the settings that trained them:
///
///     {"network": "conv 3×3 ×4 → …", "seed": 1, "learning_rate": 0.3, "batch_size": 10, "epochs": 10,
///      "held_out_accuracy": 0.944, "filters": 4×1×3×3, "filter_bias": 4, "dense_weights": 10×36, "dense_bias": 10}
///
/// Numbers are written in Swift's shortest form that reads back to the same double, so a file holds the weights
/// bit for bit.
public enum WeightsFile {
    /// The JSON text of `run`'s weights and settings.
    public static func json(_ run: TrainingRun) -> String {
        let weights = run.weights
        var fields = [
            ("network", quoted(TinyCNN.summary)), ("seed", String(run.settings.seed)),
            ("learning_rate", number(run.settings.learningRate)), ("batch_size", String(run.settings.batchSize)),
            ("epochs", String(run.epochsDone)),
        ]
        if let last = run.epochs.last { fields.append(("held_out_accuracy", number(last.heldOutAccuracy))) }
        fields += [
            ("filters", nested(weights.filters.values, shape: weights.filters.shape)),
            ("filter_bias", nested(weights.filterBias, shape: [weights.filterBias.count])),
            ("dense_weights", nested(weights.denseWeights.values, shape: weights.denseWeights.shape)),
            ("dense_bias", nested(weights.denseBias, shape: [weights.denseBias.count])),
        ]
        return "{\n" + fields.map { "  \(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// The weights of a file `json` wrote. Numbers are read with the core's JSON array reader, whose decimal to
    /// double conversion is correctly rounded, so the weights come back bit for bit.
    /// - Throws: `WeightsFileError` when a weight tensor is missing or malformed.
    public static func weights(from text: String) throws -> NetworkWeights {
        let filterShape = [TinyCNN.filterCount, 1, TinyCNN.kernelSize, TinyCNN.kernelSize]
        return NetworkWeights(
            filters: try Tensor(shape: filterShape, values: numbers(text, "filters", count: filterShape.reduce(1, *))),
            filterBias: try numbers(text, "filter_bias", count: TinyCNN.filterCount),
            denseWeights: try Tensor(shape: [TinyCNN.classCount, TinyCNN.featureCount],
                                     values: numbers(text, "dense_weights",
                                                     count: TinyCNN.classCount * TinyCNN.featureCount)),
            denseBias: try numbers(text, "dense_bias", count: TinyCNN.classCount))
    }

    /// The numbers of the array after `"key":`, row-major, refused unless there are `count` of them.
    static func numbers(_ text: String, _ key: String, count: Int) throws -> [Double] {
        let refusal = WeightsFileError(description: "\"\(key)\" is missing or does not hold \(count) numbers")
        guard let keyRange = text.range(of: "\"\(key)\""),
              let open = text[keyRange.upperBound...].firstIndex(of: "["),
              text[keyRange.upperBound..<open].allSatisfy({ $0 == ":" || $0 == " " }) else { throw refusal }
        var depth = 0
        guard let close = text[open...].firstIndex(where: { character in
            depth += character == "[" ? 1 : (character == "]" ? -1 : 0)
            return depth == 0
        }) else { throw refusal }
        let bytes = Array(text[open...close].utf8)
        let tensor = try? bytes.withUnsafeBufferPointer { buffer in try NestedArrayText.parse { try $0(buffer) } }
        guard let tensor, tensor.count == count else { throw refusal }
        return tensor.values
    }

    static func number(_ value: Double) -> String { "\(value)" }

    static func quoted(_ text: String) -> String { "\"" + text + "\"" }

    /// `values` as nested JSON arrays of `shape`.
    static func nested(_ values: [Double], shape: [Int]) -> String {
        guard shape.count > 1 else { return "[" + values.map(number).joined(separator: ", ") + "]" }
        let inner = values.count / shape[0]
        return "[" + (0..<shape[0]).map { index in
            nested(Array(values[(index * inner)..<((index + 1) * inner)]), shape: Array(shape.dropFirst()))
        }.joined(separator: ", ") + "]"
    }
}

/// Why a weights file cannot be read.
public struct WeightsFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
