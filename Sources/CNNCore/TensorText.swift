/// Reads matrices written as people write them: rows separated by newlines or `;`, values by
/// spaces or commas ("1 2 3; 4 5 6"). Errors name the row and value, 1-based.
public enum TensorText {
    public static func parseMatrix(_ text: String) throws -> Tensor {
        var rows: [[Double]] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == ";" }) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            // Refuse an oversized matrix before converting a single value of it.
            if (rows.count + 1) * fields.count > Limits.maxElements {
                throw CoreError.tooLarge(what: "the matrix", count: (rows.count + 1) * fields.count, limit: Limits.maxElements)
            }
            var row: [Double] = []
            row.reserveCapacity(fields.count)
            for (column, field) in fields.enumerated() {
                row.append(try parseNumber(String(field), row: rows.count + 1, column: column + 1))
            }
            if let first = rows.first, first.count != row.count {
                throw CoreError.raggedRows(row: rows.count + 1, expected: first.count, found: row.count)
            }
            rows.append(row)
        }
        return try Tensor(rows: rows)
    }

    /// A finite decimal number: integers, decimals and exponents; NaN and infinities are refused.
    public static func parseNumber(_ text: String, row: Int = 1, column: Int = 1) throws -> Double {
        let isNumeral = !text.isEmpty && text.allSatisfy { "0123456789.-+eE".contains($0) } && text.contains(where: \.isNumber)
        guard isNumeral, let value = Double(text) else {
            throw CoreError.notANumber(text: text, row: row, column: column)
        }
        guard value.isFinite else { throw CoreError.nonFinite(text: text) }
        guard abs(value) <= Limits.maxMagnitude else { throw CoreError.magnitudeTooLarge(text: text) }
        return value
    }
}
