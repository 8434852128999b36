extension Convolution {
    /// "Gather all the locations": column p of this (C·Kh·Kw)×(H'·W') matrix is the input patch under the
    /// filter at output position p (batch item `batch`), padded cells as zeros, in term order.
    /// - Parameter group: with groups, the patches of that group's C/G channels only: a grouped layer is G
    ///   separate products, `filterMatrix(group:)` times this.
    public func patchMatrix(batch: Int = 0, group: Int = 0) -> Tensor {
        let columns = outputHeight * outputWidth
        var values = Array(repeating: 0.0, count: termsPerOutput * columns)
        for i in 0..<outputHeight {
            for j in 0..<outputWidth {
                var row = 0
                for c in channelGroup(group).channels {
                    for m in 0..<kernelHeight {
                        for q in 0..<kernelWidth {
                            values[row * columns + i * outputWidth + j] =
                                inputFactor(n: batch, c: c, row: i * stride.rows + m * dilation.rows - padding.rows,
                                            column: j * stride.columns + q * dilation.columns - padding.columns).value
                            row += 1
                        }
                    }
                }
            }
        }
        return try! Tensor(shape: [termsPerOutput, columns], values: values)
    }

    /// The filters as rows of a K×(C·Kh·Kw) matrix, in the same term order as `patchMatrix`.
    /// - Parameter group: with groups, the rows of that group's K/G filters only.
    public func filterMatrix(group: Int = 0) -> Tensor {
        let rows = channelGroup(group).filters
        let values = slidingFilters.values[(rows.lowerBound * termsPerOutput)..<(rows.upperBound * termsPerOutput)]
        return try! Tensor(shape: [rows.count, termsPerOutput], values: Array(values))
    }
}

extension Tensor {
    /// The matrix product of two rank-2 tensors.
    public static func matrixProduct(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.rank == 2, b.rank == 2, a.shape[1] == b.shape[0] else {
            throw CoreError.shapeMismatch(what: "the right matrix", expected: [a.shape.last ?? 0, b.shape.last ?? 0],
                found: b.shape)
        }
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
        _ = try Tensor.elementCount([rows, columns], what: "the matrix product")
        var result = Array(repeating: 0.0, count: rows * columns)
        for row in 0..<rows {
            for k in 0..<inner {
                let left = a.values[row * inner + k]
                for column in 0..<columns { result[row * columns + column] += left * b.values[k * columns + column] }
            }
        }
        return try Tensor(shape: [rows, columns], values: result)
    }
}
