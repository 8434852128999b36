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
    public static func json<Network: DigitNetwork>(_ run: SGDRun<Network>) -> String {
        var fields = [
            ("network", quoted(Network.summary)), ("seed", String(run.settings.seed)),
            ("learning_rate", number(run.settings.learningRate)), ("batch_size", String(run.settings.batchSize)),
            ("epochs", String(run.epochsDone)),
        ]
        if let last = run.epochs.last { fields.append(("held_out_accuracy", number(last.heldOutAccuracy))) }
        for ((name, shape), values) in zip(Network.tensorShapes, run.weights.tensors) {
            fields.append((name, nested(values, shape: shape)))
        }
        return "{\n" + fields.map { "  \(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// The weights of a file `json` wrote. Numbers are read with the core's JSON array reader, whose decimal to
    /// double conversion is correctly rounded, so the weights come back bit for bit.
    /// - Throws: `WeightsFileError` when a weight tensor is missing or malformed.
    public static func weights(from text: String) throws -> NetworkWeights {
        try network(NetworkWeights.self, from: text)
    }

    /// The weights of a `Network` in a file `json` wrote.
    /// - Throws: `WeightsFileError` when a weight tensor is missing or malformed.
    public static func network<Network: DigitNetwork>(_ type: Network.Type, from text: String) throws -> Network {
        // The text's bytes once for all the tensors (the dense-first file is 200 kB).
        let bytes = Array(text.utf8)
        return Network(tensors: try Network.tensorShapes.map { name, shape in
            try numbers(bytes, name, count: shape.reduce(1, *))
        })
    }

    /// The numbers of the array after `"key":`, row-major, refused unless there are `count` of them. Read as UTF-8
    /// bytes: the embedded files are large, and searching a String with non-ASCII text in it is slow.
    static func numbers(_ bytes: [UInt8], _ key: String, count: Int) throws -> [Double] {
        let refusal = WeightsFileError(description: "\"\(key)\" is missing or does not hold \(count) numbers")
        let (open, close, colon, space) = (UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: " "))
        guard let keyEnd = end(of: Array(quoted(key).utf8), in: bytes),
              let first = bytes[keyEnd...].firstIndex(of: open),
              bytes[keyEnd..<first].allSatisfy({ $0 == colon || $0 == space }) else { throw refusal }
        var depth = 0
        guard let last = bytes[first...].firstIndex(where: { byte in
            depth += byte == open ? 1 : (byte == close ? -1 : 0)
            return depth == 0
        }) else { throw refusal }
        let tensor = try? bytes[first...last].withUnsafeBufferPointer { buffer in
            try NestedArrayText.parse { try $0(buffer) }
        }
        guard let tensor, tensor.count == count else { throw refusal }
        return tensor.values
    }

    /// Where the first occurrence of `needle` in `bytes` ends; nil when there is none. A plain scan: the generic
    /// `firstRange(of:)` goes through Foundation's `DataProtocol` and cost most of lesson 28's load.
    static func end(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let head = needle.first, needle.count <= bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            for start in 0...(buffer.count - needle.count) where buffer[start] == head {
                if needle.indices.allSatisfy({ buffer[start + $0] == needle[$0] }) { return start + needle.count }
            }
            return nil
        }
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
