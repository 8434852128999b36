import CNNCore

/// A small JSON encoder writing straight to a `TextOutput`, so keys come out in the order the contract
/// lists them and numbers as `NumberFormat` prints them (`-4`, `3.75`; never `-0` or float noise).
///
/// One object per run: `{` newline, one `"key": value` per line, `}`. Arrays of objects (steps) put one
/// element per line.
struct JSONWriter {
    let out: TextOutput
    private var keyCount = 0

    init(_ out: TextOutput) {
        self.out = out
    }

    mutating func beginObject() {
        out.write("{")
    }

    mutating func endObject() {
        out.write("\n}\n")
    }

    /// Starts `"key": ` on a new line of the top-level object; the caller writes the value.
    mutating func key(_ name: String) {
        out.write(keyCount == 0 ? "\n  " : ",\n  ")
        out.write(JSONWriter.quoted(name))
        out.write(": ")
        keyCount += 1
    }

    mutating func number(_ name: String, _ value: Double, scale: Double) {
        key(name)
        out.write(JSONWriter.number(value, scale: scale))
    }

    mutating func integer(_ name: String, _ value: Int) {
        key(name)
        out.write(String(value))
    }

    mutating func integers(_ name: String, _ values: [Int]) {
        key(name)
        out.write(JSONWriter.integers(values))
    }

    /// A tensor as nested arrays in `shape` (its own shape unless given), every number at `scale`.
    mutating func tensor(_ name: String, _ tensor: Tensor, shape: [Int]? = nil, scale: Double) {
        key(name)
        JSONWriter.writeNested(shape: shape ?? tensor.shape, to: out) { flat in
            JSONWriter.number(tensor.values[flat], scale: scale)
        }
    }

    /// A flat list of numbers.
    mutating func list(_ name: String, _ values: [Double], scale: Double) {
        key(name)
        JSONWriter.writeNested(shape: [values.count], to: out) { flat in
            JSONWriter.number(values[flat], scale: scale)
        }
    }

    // MARK: Pieces

    static func number(_ value: Double, scale: Double) -> String {
        // Only finite numbers reach here (inputs are bounded by Limits.maxMagnitude); the guard
        // keeps the document valid JSON regardless.
        guard value.isFinite else { return "null" }
        return NumberFormat.string(value, scale: scale)
    }

    static func integers(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Nested arrays of `shape` (rank ≤ 4, so the recursion is at most 4 deep) whose row-major element
    /// `flat` is the JSON text `element(flat)`.
    static func writeNested(shape: [Int], to out: TextOutput, element: (Int) -> String) {
        func level(_ axis: Int, _ offset: Int, _ stride: Int) {
            out.write("[")
            let extent = shape[axis]
            let inner = stride / max(extent, 1)
            for index in 0..<extent {
                if index > 0 { out.write(",") }
                if axis == shape.count - 1 {
                    out.write(element(offset + index))
                } else {
                    level(axis + 1, offset + index * inner, inner)
                }
            }
            out.write("]")
        }
        guard !shape.isEmpty else { return }
        level(0, 0, shape.reduce(1, *))
    }
}
