/// Output-size arithmetic: ⌊(N + 2P − F)/S⌋ + 1.
public enum OutputSize {
    /// Refuses a non-positive stride, negative padding, or a filter larger than the padded input.
    public static func compute(inputSize: Int, filterSize: Int, stride: Int, padding: Int, axis: String = "size",
                               window: Subject = .filter) throws -> Int {
        for (what, value) in [(Subject.input.along(axis), inputSize), (window.along(axis), filterSize), (.stride, stride)] {
            guard value >= 1 else { throw CoreError.nonPositive(what: what, value: value) }
            guard value <= Limits.maxExtent else { throw CoreError.tooLarge(what: what, count: value, limit: Limits.maxExtent) }
        }
        guard padding >= 0 else { throw CoreError.negative(what: .padding, value: padding) }
        guard padding <= Limits.maxExtent else { throw CoreError.tooLarge(what: .padding, count: padding, limit: Limits.maxExtent) }
        let padded = inputSize + 2 * padding
        guard filterSize <= padded else { throw CoreError.filterTooLarge(window: window, axis: axis, filter: filterSize, paddedInput: padded) }
        return (padded - filterSize) / stride + 1
    }

    /// The arithmetic written out: "(5 + 2·0 − 3)/1 + 1 = 2/1 + 1 = 3", with ⌊ ⌋ when the division is not exact.
    public static func explain(inputSize: Int, filterSize: Int, stride: Int, padding: Int) throws -> String {
        let result = try compute(inputSize: inputSize, filterSize: filterSize, stride: stride, padding: padding)
        let numerator = inputSize + 2 * padding - filterSize
        let exact = numerator % stride == 0
        let quotient = exact ? "\(numerator / stride)" : "⌊\(numerator)/\(stride)⌋"
        return "⌊(N + 2P − F)/S⌋ + 1 = ⌊(\(inputSize) + 2·\(padding) − \(filterSize))/\(stride)⌋ + 1 = \(quotient) + 1 = \(result)"
    }

    /// Padding that keeps the size at stride 1 ("same" convolution): (F − 1)/2, defined for odd F.
    public static func samePadding(filterSize: Int) -> Int? {
        filterSize % 2 == 1 ? (filterSize - 1) / 2 : nil
    }
}
