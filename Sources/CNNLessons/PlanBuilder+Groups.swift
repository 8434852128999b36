import CNNCore

/// What a grouped convolution step adds to a dense one: the group of the value in focus, and the weight counts.
extension Convolution {
    /// `parameters` (K·(C/G)·Kh·Kw, plus K with a bias) and `dense_parameters` (the same with one group), as
    /// number results a quiz can ask for.
    var parameterResults: [String: NamedResult] {
        let lines = parameterCountLines
        let number = { (count: Int, line: String, hint: String) in
            NamedResult(tensor: try! Tensor(shape: [1], values: [Double(count)]), explain: nil,
                        derivation: { _ in [line] }, hint: hint)
        }
        let (bias, kernel) = (bias == nil ? "" : " + \(filterCount)", "\(kernelHeight)·\(kernelWidth)")
        let then = bias.isEmpty ? "." : ", then one bias per filter."
        return ["parameters": number(parameterCount, lines[0], "\(filterCount) filters of (C/G)·Kh·Kw = "
                                     + "(\(channels)/\(groups))·\(kernel) weights each\(then)"),
                "dense_parameters": number(denseParameterCount, lines[1], "\(filterCount) filters of C·Kh·Kw = "
                                           + "\(channels)·\(kernel) weights each\(then)")]
    }

    /// For a grouped layer, the facts of a value in focus: "Group 2 of 3: filter 2 sees input channel 2 only."
    /// nil with one group.
    /// - Parameter group: the group of the value at a flat index of the walked result.
    func groupFacts(_ group: @escaping @Sendable (Int) -> ChannelGroup) -> (@Sendable (Int) -> [String])? {
        guard groups > 1 else { return nil }
        return { flat in [group(flat).sentence] }
    }
}

extension Convolution {
    /// The channel of the input value at a canonical flat index.
    func channel(ofInput flat: Int) -> Int { CanonicalShape(input.shape).position(flat).c }

    /// The filter of the weight at a canonical flat index of the filter bank.
    func filter(ofWeight flat: Int) -> Int { CanonicalShape(filters.shape).position(flat).n }
}
