/// Output-size arithmetic: ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1, which is ⌊(N + 2P − F)/S⌋ + 1 for dilation 1.
public enum OutputSize {
    /// Refuses a non-positive stride or dilation, negative padding, or a (dilated) filter larger than the padded input.
    public static func compute(inputSize: Int, filterSize: Int, stride: Int, padding: Int, dilation: Int = 1,
                               axis: String = "size", window: Subject = .filter) throws -> Int {
        let operands = [(Subject.input.along(axis), inputSize), (window.along(axis), filterSize), (.stride, stride),
                        (.dilation, dilation)]
        for (what, value) in operands {
            guard value >= 1 else { throw CoreError.nonPositive(what: what, value: value) }
            guard value <= Limits.maxExtent else { throw CoreError.tooLarge(what: what, count: value,
                limit: Limits.maxExtent) }
        }
        guard padding >= 0 else { throw CoreError.negative(what: .padding, value: padding) }
        guard padding <= Limits.maxExtent else { throw CoreError.tooLarge(what: .padding, count: padding,
            limit: Limits.maxExtent) }
        let padded = inputSize + 2 * padding
        // Both factors are at most 10⁷, so the span stays far inside Int.
        let span = dilation * (filterSize - 1) + 1
        guard span <= padded else {
            if dilation > 1 {
                throw CoreError.dilatedFilterTooLarge(axis: axis, filter: filterSize, dilation: dilation, span: span,
                    paddedInput: padded)
            }
            throw CoreError.filterTooLarge(window: window, axis: axis, filter: filterSize, paddedInput: padded)
        }
        return (padded - span) / stride + 1
    }

    /// The arithmetic written out: "(5 + 2·0 − 3)/1 + 1 = 2/1 + 1 = 3", with ⌊ ⌋ when the division is not exact;
    /// with dilation D > 1 the dilated formula "⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 = …".
    public static func explain(inputSize: Int, filterSize: Int, stride: Int, padding: Int,
        dilation: Int = 1) throws -> String {
        let result = try compute(inputSize: inputSize, filterSize: filterSize, stride: stride, padding: padding,
            dilation: dilation)
        let numerator = inputSize + 2 * padding - dilation * (filterSize - 1) - 1
        let exact = numerator % stride == 0
        let quotient = exact ? "\(numerator / stride)" : "⌊\(numerator)/\(stride)⌋"
        let formula = formula(inputSize: inputSize, filterSize: filterSize, stride: stride, padding: padding,
                              dilation: dilation)
        return formula + " = \(quotient) + 1 = \(result)"
    }

    /// The formula, then the same with the numbers filled in, not worked out: "⌊(N + 2P − F)/S⌋ + 1 =
    /// ⌊(7 + 2·0 − 3)/2⌋ + 1" (with D·(F − 1) + 1 for F when `dilation` is above 1).
    public static func formula(inputSize: Int, filterSize: Int, stride: Int, padding: Int, dilation: Int = 1)
        -> String {
        dilation == 1
            ? "⌊(N + 2P − F)/S⌋ + 1 = ⌊(\(inputSize) + 2·\(padding) − \(filterSize))/\(stride)⌋ + 1"
            : "⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 = "
                + "⌊(\(inputSize) + 2·\(padding) − \(dilation)·(\(filterSize) − 1) − 1)/\(stride)⌋ + 1"
    }

    /// Padding that keeps the size at stride 1 ("same" convolution): (F − 1)/2, defined for odd F.
    public static func samePadding(filterSize: Int) -> Int? {
        filterSize % 2 == 1 ? (filterSize - 1) / 2 : nil
    }
}

extension OutputSize {
    /// A transposed convolution's output size along one axis, (H − 1)·S − 2P + D·(K − 1) + A + 1; the output
    /// padding A must be smaller than the stride or the dilation, as PyTorch requires.
    public static func transposed(inputSize: Int, filterSize: Int, stride: Int, padding: Int, outputPadding: Int,
                                  dilation: Int, axis: String = "size") throws -> Int {
        let positive = [(Subject.input.along(axis), inputSize), (Subject.filter.along(axis), filterSize), (.stride,
            stride),
                        (.dilation, dilation)]
        let nonNegative = [(Subject.padding, padding), (.outputPadding, outputPadding)]
        for (what, value) in positive where value < 1 { throw CoreError.nonPositive(what: what, value: value) }
        for (what, value) in nonNegative where value < 0 { throw CoreError.negative(what: what, value: value) }
        for (what, value) in positive + nonNegative where value > Limits.maxExtent {
            throw CoreError.tooLarge(what: what, count: value, limit: Limits.maxExtent)
        }
        guard outputPadding < stride || outputPadding < dilation else {
            throw CoreError.outputPaddingTooLarge(outputPadding: outputPadding, stride: stride, dilation: dilation)
        }
        // Every factor is at most 10⁷: the products stay far inside Int.
        let size = (inputSize - 1) * stride - 2 * padding + dilation * (filterSize - 1) + outputPadding + 1
        guard size >= 1 else {
            throw CoreError.nonPositive(what: Subject(.padding,
                "the output \(axis) (H − 1)·S − 2P + D·(K − 1) + A + 1"),
                                        value: size)
        }
        return size
    }

    /// "(H − 1)·S − 2P + D·(K − 1) + A + 1 = (3 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 6".
    ///
    /// - Parameter inputSymbol: the input's size as the formula names it: H for a height, W for a width, L for
    ///   the length of a signal.
    public static func explainTransposed(inputSize: Int, filterSize: Int, stride: Int, padding: Int, outputPadding: Int,
                                         dilation: Int, inputSymbol: String = "H") throws -> String {
        let size = try transposed(inputSize: inputSize, filterSize: filterSize, stride: stride, padding: padding,
                                  outputPadding: outputPadding, dilation: dilation)
        return "(\(inputSymbol) − 1)·S − 2P + D·(K − 1) + A + 1 = (\(inputSize) − 1)·\(stride) − 2·\(padding) + "
            + "\(dilation)·(\(filterSize) − 1) + \(outputPadding) + 1 = \(size)"
    }
}
