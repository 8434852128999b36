import CNNCore

/// Grids and numbers as a student reads them: a title line ("Input X (3×3)"), then one row a line with
/// right-aligned columns. A rank-3 or rank-4 tensor prints as a sequence of titled H×W planes.
///
///     Filter F (2×2)
///       1   0
///       0  -1
enum GridText {
    /// `[3, 4]` → "3×4".
    static func shape(_ shape: [Int]) -> String {
        Shape.describe(shape)
    }

    /// A number as everywhere in the tutor; `scale` is the size of the numbers it was computed from.
    static func number(_ value: Double, scale: Double = 0) -> String {
        NumberFormat.string(value, scale: scale)
    }

    /// Renders `tensor` (rank 1 to 4) under `title`, which gets the shape appended: "Input X (2×3×3)".
    ///
    /// - `scale`: the noise scale for every value (default: the tensor's own magnitude).
    /// - `axisNames`: what the leading axes of a rank-4 tensor are called, outermost first (a rank-3 tensor
    ///   uses the last name): ["sample", "channel"] for inputs, ["filter", "channel"] for filter banks.
    /// - `indent`: put before every grid row.
    static func render(_ tensor: Tensor, title: String, scale: Double? = nil,
                       axisNames: [String] = ["sample", "channel"], indent: String = "  ") -> String {
        var lines = [title + " (" + shape(tensor.shape) + ")"]
        lines += renderBody(tensor, scale: scale, axisNames: axisNames, indent: indent)
        return lines.joined(separator: "\n")
    }

    /// The rows of `render` without the title line.
    static func renderBody(_ tensor: Tensor, scale: Double? = nil,
                           axisNames: [String] = ["sample", "channel"], indent: String = "  ") -> [String] {
        let scale = scale ?? tensor.magnitude
        let width = tensor.shape.last ?? 1
        let height = tensor.rank >= 2 ? tensor.shape[tensor.rank - 2] : 1
        let plane = width * height
        let planes = tensor.count / max(plane, 1)
        let texts = tensor.values.map { number($0, scale: scale) }

        // One width per column, shared by every plane so they line up.
        var columnWidths = Array(repeating: 0, count: width)
        for (index, text) in texts.enumerated() {
            columnWidths[index % width] = max(columnWidths[index % width], text.count)
        }

        var lines: [String] = []
        for p in 0..<planes {
            if tensor.rank >= 3 {
                lines.append(indent + planeLabel(p, shape: tensor.shape, axisNames: axisNames) + ":")
            }
            let rowIndent = tensor.rank >= 3 ? indent + "  " : indent
            for row in 0..<height {
                var line = rowIndent
                for column in 0..<width {
                    let text = texts[p * plane + row * width + column]
                    if column > 0 { line += "  " }
                    line += String(repeating: " ", count: columnWidths[column] - text.count) + text
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// "channel 2" for plane 1 of a C×H×W tensor, "sample 1, channel 2" for a rank-4 one (1-based).
    static func planeLabel(_ plane: Int, shape: [Int], axisNames: [String]) -> String {
        let leading = Array(shape.dropLast(2))
        let names = Array(axisNames.suffix(leading.count))
        var remainder = plane
        var indices = Array(repeating: 0, count: leading.count)
        for axis in stride(from: leading.count - 1, through: 0, by: -1) {
            indices[axis] = remainder % leading[axis]
            remainder /= leading[axis]
        }
        return zip(names, indices).map { "\($0) \($1 + 1)" }.joined(separator: ", ")
    }

    /// A list of numbers on one line: "1, -2".
    static func list(_ values: [Double], scale: Double? = nil) -> String {
        let scale = scale ?? values.reduce(0) { max($0, abs($1)) }
        return values.map { number($0, scale: scale) }.joined(separator: ", ")
    }
}
