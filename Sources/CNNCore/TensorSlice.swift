extension Tensor {
    /// The entries whose index along `axis` lies in `range`; the axis stays, `range.count` long.
    /// - Precondition: `0 <= axis < rank` and `range` is non-empty and inside `0..<shape[axis]`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        precondition(axis >= 0 && axis < rank, "axis \(axis) of a rank-\(rank) tensor")
        precondition(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= shape[axis],
                     "slice \(range) of an axis of \(shape[axis])")
        // Row-major: the entries form `outer` blocks, each `shape[axis]` runs of `inner` values.
        let inner = shape[(axis + 1)...].reduce(1, *), outer = shape[..<axis].reduce(1, *)
        var values: [Double] = []
        values.reserveCapacity(outer * range.count * inner)
        for block in 0..<outer {
            let start = (block * shape[axis] + range.lowerBound) * inner
            values += self.values[start..<(start + range.count * inner)]
        }
        var newShape = shape
        newShape[axis] = range.count
        return try! Tensor(shape: newShape, values: values)
    }
}
