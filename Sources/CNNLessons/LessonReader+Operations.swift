import CNNCore
import YAMLDocument

/// Reading a computation step: the operation's own fields into its struct, then the fields every step shares.
extension LessonReader {
    static func defaultTitle(_ operation: Operation.Name) -> String {
        switch operation {
        case .conv: "Convolution"
        case .convolve: "True convolution"
        case .rotate: "Rotating the filter by 180°"
        case .fullConv: "Full convolution"
        case .convBackward: "Backward pass"
        case .dilate: "Spreading the gradient out"
        case .pool: "Pooling"
        case .poolBackward: "Pooling backward"
        case .relu: "ReLU"
        case .reluBackward: "ReLU backward"
        case .size: "Output size"
        case .efficiency: "Counting the cost"
        case .im2col: "Gathering patches"
        case .transposed: "Transposed convolution"
        case .localConv: "Locally connected layer"
        case .tiledConv: "Tiled convolution"
        case .flatten: "Flattening"
        case .dense: "Dense layer"
        case .denseBackward: "Dense layer backward"
        case .softmax: "Softmax"
        case .crossEntropy: "Cross-entropy loss"
        case .softmaxCrossEntropyBackward: "Softmax and cross-entropy backward"
        case .sgdStep: "One step of gradient descent"
        case .evaluate: "How often is it right?"
        }
    }

    /// Fields each operation reads (beyond the common ones: walk, only, shift, expect, quiz, names).
    static func fields(_ operation: Operation.Name) -> (required: [String], optional: [String]) {
        let filter = ["filter", "filters"]
        switch operation {
        case .conv: return (["input"], filter + ["bias", "stride", "padding", "dilation", "groups", "relu"])
        case .convolve: return (["input", "filter"], ["mode"])
        case .rotate: return (["filter"], [])
        case .fullConv: return (["grad", "filter"], [])
        case .convBackward:
            return (["input", "grad", "gradient"], filter + ["stride", "padding", "dilation", "groups", "bias"])
        case .dilate: return (["grad", "stride"], [])
        case .pool: return (["input", "mode"], ["size", "stride", "padding", "across", "group"])
        case .poolBackward: return (["input", "mode", "size", "grad"], ["stride", "padding"])
        case .relu: return (["input"], [])
        case .reluBackward: return (["input", "grad"], [])
        case .size: return (["input_size", "filter_size"], ["stride", "padding", "dilation"])
        case .efficiency: return (["input_size", "kernel_size"], [])
        case .im2col: return (["input"], filter + ["stride", "padding"])
        case .transposed:
            return (["input", "filter"], ["bias", "stride", "padding", "output_padding", "dilation", "form"])
        case .localConv: return (["input"], filter + ["stride"])
        case .tiledConv: return (["input", "tiles"], filter + ["stride"])
        case .flatten, .softmax: return (["input"], [])
        case .dense: return (["input", "weights"], ["bias"])
        case .denseBackward: return (["input", "weights", "grad", "gradient"], ["bias"])
        case .crossEntropy, .softmaxCrossEntropyBackward: return (["input", "label"], [])
        case .sgdStep: return (["input", "label", "network", "learning_rate"], ["layer"])
        case .evaluate: return (["network"], [])
        }
    }

    static let commonFields: Set<String> = ["title", "say", "op", "walk", "only", "shift", "expect", "quiz", "names",
                                            "shade"]

    mutating func readComputation(_ mapping: Node.Mapping, opNode: Node) -> Computation? {
        guard let word = opNode.scalar?.string, let name = Operation.Name(rawValue: word) else {
            let known = Operation.Name.allCases.map(\.rawValue).joined(separator: ", ")
            fail("unknown operation '\(opNode.scalar?.string ?? "?")' (known: \(known))", opNode)
            return nil
        }
        checkFieldsApply(mapping, name: name, opNode: opNode)
        let operation = readOperation(name, mapping)
        // The shared fields are read even when the operation's are wrong, so every problem is reported at once.
        let placeholder = Operation.size(SizeFields(inputSize: 0, filterSize: 0))
        var computation = Computation(operation: operation ?? placeholder, location: location(opNode))
        readCommonFields(mapping, into: &computation)
        if let node = mapping["names"] { computation.givenNames = readNames(node, operation: name) }
        return operation == nil ? nil : computation
    }

    /// Fields that belong to another operation, and required ones that are missing.
    mutating func checkFieldsApply(_ mapping: Node.Mapping, name: Operation.Name, opNode: Node) {
        let (required, optional) = Self.fields(name)
        let allowed = Set(required + optional).union(Self.commonFields)
        for (key, value) in mapping {
            if let keyName = key.string, Self.stepKeys.contains(keyName), !allowed.contains(keyName) {
                fail("'\(keyName)' does not apply to op '\(name.rawValue)'", value)
            }
        }
        for field in required where mapping[field] == nil {
            fail("op '\(name.rawValue)' needs '\(field)'", opNode)
        }
        guard optional.contains("filters") else { return }
        if mapping["filter"] == nil && mapping["filters"] == nil {
            fail("op '\(name.rawValue)' needs 'filter' or 'filters'", opNode)
        }
        if mapping["filter"] != nil && mapping["filters"] != nil {
            fail("give either 'filter' or 'filters', not both", mapping["filters"])
        }
    }

    mutating func readOperation(_ name: Operation.Name, _ mapping: Node.Mapping) -> Operation? {
        switch name {
        case .conv: readConv(mapping).map(Operation.conv)
        case .convolve: readConvolve(mapping).map(Operation.convolve)
        case .rotate: operand(mapping, .filter).map { .rotate(RotateFields(filter: $0)) }
        case .fullConv: readFullConv(mapping).map(Operation.fullConv)
        case .convBackward: readConvBackward(mapping).map(Operation.convBackward)
        case .dilate: readDilate(mapping).map(Operation.dilate)
        case .pool: readPoolStep(mapping).map(Operation.pool)
        case .poolBackward: readPoolBackward(mapping).map(Operation.poolBackward)
        case .relu: operand(mapping, .input).map { .relu(ReLUFields(input: $0)) }
        case .reluBackward: readReLUBackward(mapping).map(Operation.reluBackward)
        case .size: readSize(mapping).map(Operation.size)
        case .efficiency: readEfficiency(mapping).map(Operation.efficiency)
        case .im2col: readIm2col(mapping).map(Operation.im2col)
        case .transposed: readTransposed(mapping).map(Operation.transposed)
        case .localConv: readUnshared(mapping, tiled: false).map(Operation.localConv)
        case .tiledConv: readUnshared(mapping, tiled: true).map(Operation.tiledConv)
        case .flatten: operand(mapping, .input).map { .flatten(InputFields(input: $0)) }
        case .softmax: operand(mapping, .input).map { .softmax(InputFields(input: $0)) }
        case .dense: readDense(mapping).map(Operation.dense)
        case .denseBackward: readDenseBackward(mapping).map(Operation.denseBackward)
        case .crossEntropy: readCrossEntropy(mapping).map(Operation.crossEntropy)
        case .softmaxCrossEntropyBackward: readCrossEntropy(mapping).map(Operation.softmaxCrossEntropyBackward)
        case .sgdStep: readSGDStep(mapping).map(Operation.sgdStep)
        case .evaluate:
            word(mapping, "network", EvaluateFields.Network.self).map { .evaluate(EvaluateFields(network: $0)) }
        }
    }

    // MARK: Each operation

    mutating func readConv(_ mapping: Node.Mapping) -> ConvFields? {
        let input = operand(mapping, .input), filter = operand(mapping, .filter)
        let bias = bias(mapping), stride = integer(mapping, "stride"), padding = integer(mapping, "padding")
        let dilation = dilation(mapping), relu = flag(mapping, "relu"), groups = integer(mapping, "groups")
        guard let input, let filter else { return nil }
        var fields = ConvFields(input: input, filter: filter, bias: bias)
        if let stride { fields.stride = stride }
        if let padding { fields.padding = padding }
        if let dilation { fields.dilation = dilation }
        if let groups { fields.groups = groups }
        if let relu { fields.relu = relu }
        return fields
    }

    mutating func readConvolve(_ mapping: Node.Mapping) -> ConvolveFields? {
        let input = operand(mapping, .input), filter = operand(mapping, .filter)
        let mode = word(mapping, "mode", ConvolveFields.Mode.self)
        guard let input, let filter else { return nil }
        var fields = ConvolveFields(input: input, filter: filter)
        if let mode { fields.mode = mode }
        return fields
    }

    mutating func readFullConv(_ mapping: Node.Mapping) -> FullConvFields? {
        let grad = operand(mapping, .grad), filter = operand(mapping, .filter)
        guard let grad, let filter else { return nil }
        return FullConvFields(grad: grad, filter: filter)
    }

    mutating func readConvBackward(_ mapping: Node.Mapping) -> ConvBackwardFields? {
        let input = operand(mapping, .input), filter = operand(mapping, .filter), grad = operand(mapping, .grad)
        let gradient = word(mapping, "gradient", ConvBackwardFields.Gradient.self)
        let bias = bias(mapping), stride = integer(mapping, "stride"), padding = integer(mapping, "padding")
        let dilation = dilation(mapping), groups = integer(mapping, "groups")
        guard let input, let filter, let grad, let gradient else { return nil }
        var fields = ConvBackwardFields(input: input, filter: filter, grad: grad, gradient: gradient, bias: bias)
        if let stride { fields.stride = stride }
        if let padding { fields.padding = padding }
        if let dilation { fields.dilation = dilation }
        if let groups { fields.groups = groups }
        return fields
    }

    mutating func readDilate(_ mapping: Node.Mapping) -> DilateFields? {
        let grad = operand(mapping, .grad), stride = integer(mapping, "stride")
        guard let grad, let stride else { return nil }
        return DilateFields(grad: grad, stride: stride)
    }

    mutating func readPool(_ mapping: Node.Mapping) -> PoolFields? {
        let input = operand(mapping, .input), mode = word(mapping, "mode", PoolFields.ModeWord.self)
        let size = integer(mapping, "size"), stride = integer(mapping, "stride"), padding = integer(mapping, "padding")
        guard let input, let mode, let size else { return nil }
        var fields = PoolFields(input: input, mode: mode.mode, size: size, stride: stride)
        if let padding { fields.padding = padding }
        return fields
    }

    /// `pool` over windows of positions (`size` needed) or `across: channels` in groups (`size` and its kin refused).
    mutating func readPoolStep(_ mapping: Node.Mapping) -> PoolFields? {
        let across = word(mapping, "across", PoolFields.Across.self), group = integer(mapping, "group")
        guard across == .channels else {
            if mapping["size"] == nil { fail("op 'pool' needs 'size' (or 'across: channels')", mapping["op"]) }
            if let node = mapping["group"] { fail("'group' applies only with 'across: channels'", node) }
            return readPool(mapping)
        }
        for key in ["size", "stride", "padding"] where mapping[key] != nil {
            fail("'\(key)' does not apply when pooling across channels", mapping[key])
        }
        let input = operand(mapping, .input), mode = word(mapping, "mode", PoolFields.ModeWord.self)
        guard let input, let mode else { return nil }
        var fields = PoolFields(input: input, mode: mode.mode, size: 1, stride: nil)
        (fields.across, fields.group) = (.channels, group)
        return fields
    }

    mutating func readUnshared(_ mapping: Node.Mapping, tiled: Bool) -> UnsharedConvFields? {
        let input = operand(mapping, .input), filter = operand(mapping, .filter), stride = integer(mapping, "stride")
        let tiles = tiled ? integer(mapping, "tiles") : nil
        guard let input, let filter, !tiled || tiles != nil else { return nil }
        var fields = UnsharedConvFields(input: input, filter: filter, tiles: tiles)
        if let stride { fields.stride = stride }
        return fields
    }

    mutating func readPoolBackward(_ mapping: Node.Mapping) -> PoolBackwardFields? {
        let pool = readPool(mapping), grad = operand(mapping, .grad)
        guard let pool, let grad else { return nil }
        return PoolBackwardFields(pool: pool, grad: grad)
    }

    mutating func readReLUBackward(_ mapping: Node.Mapping) -> ReLUBackwardFields? {
        let input = operand(mapping, .input), grad = operand(mapping, .grad)
        guard let input, let grad else { return nil }
        return ReLUBackwardFields(input: input, grad: grad)
    }

    mutating func readSize(_ mapping: Node.Mapping) -> SizeFields? {
        let input = integer(mapping, "input_size"), filter = integer(mapping, "filter_size")
        let stride = integer(mapping, "stride"), padding = integer(mapping, "padding"), dilation = dilation(mapping)
        guard let input, let filter else { return nil }
        var fields = SizeFields(inputSize: input, filterSize: filter)
        if let stride { fields.stride = stride }
        if let padding { fields.padding = padding }
        if let dilation { fields.dilation = dilation }
        return fields
    }

    mutating func readEfficiency(_ mapping: Node.Mapping) -> EfficiencyFields? {
        let input = pair(mapping, "input_size"), kernel = pair(mapping, "kernel_size")
        guard let input, let kernel else { return nil }
        return EfficiencyFields(inputHeight: input.0, inputWidth: input.1, kernelHeight: kernel.0,
                                kernelWidth: kernel.1)
    }

    mutating func readIm2col(_ mapping: Node.Mapping) -> Im2colFields? {
        let input = operand(mapping, .input), filter = operand(mapping, .filter)
        let stride = integer(mapping, "stride"), padding = integer(mapping, "padding")
        guard let input, let filter else { return nil }
        var fields = Im2colFields(input: input, filter: filter)
        if let stride { fields.stride = stride }
        if let padding { fields.padding = padding }
        return fields
    }

    mutating func readTransposed(_ mapping: Node.Mapping) -> TransposedFields? {
        let input = operand(mapping, .input), filter = operand(mapping, .filter), bias = bias(mapping)
        let stride = integer(mapping, "stride"), padding = integer(mapping, "padding")
        let outputPadding = integer(mapping, "output_padding"), dilation = dilation(mapping)
        let form = word(mapping, "form", TransposedFields.Form.self)
        guard let input, let filter else { return nil }
        var fields = TransposedFields(input: input, filter: filter, bias: bias)
        if let stride { fields.stride = stride }
        if let padding { fields.padding = padding }
        if let outputPadding { fields.outputPadding = outputPadding }
        if let dilation { fields.dilation = dilation }
        if let form { fields.form = form }
        return fields
    }

    // MARK: Fields every computation shares

    mutating func readCommonFields(_ mapping: Node.Mapping, into computation: inout Computation) {
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            computation.fieldLocations[name == "filters" ? "filter" : name] = location(value)
        }
        computation.shift = pair(mapping, "shift").map { (rows: $0.0, columns: $0.1) }
        if let node = mapping["walk"] {
            if let word = node.scalar?.string, let walk = Walk(rawValue: word) { computation.walk = walk } else {
                fail("walk must be one of: terms, values, result", node)
            }
        }
        if let node = mapping["only"] { computation.only = positions(node) }
        if let node = mapping["expect"] { computation.expectations = expectations(node) }
        if let node = mapping["quiz"] { computation.quiz = quiz(node) }
        computation.shadedRoles = shadedRoles(mapping)
    }

    /// `shade: true | false | [input, output, …]`: the grids drawn as shades. Without it, a digit loaded by name
    /// (`input: {digit: …}`) shades the input grid.
    mutating func shadedRoles(_ mapping: Node.Mapping) -> Set<GridRole> {
        guard let node = mapping["shade"] else {
            return mapping["input"]?.mapping?["digit"] != nil ? [.input] : []
        }
        switch node.scalar?.string {
        case "true", "yes": return Set(GridRole.allCases)
        case "false", "no": return []
        default: break
        }
        let words = node.sequence?.compactMap { $0.scalar?.string } ?? []
        let roles = words.compactMap(GridRole.init(rawValue:))
        guard let sequence = node.sequence, !sequence.isEmpty, roles.count == sequence.count else {
            let known = GridRole.allCases.map(\.rawValue).joined(separator: ", ")
            fail("shade must be true, false or a list of grid roles (\(known))", node)
            return []
        }
        return Set(roles)
    }

    mutating func positions(_ node: Node) -> [[Int]]? {
        let positions = node.sequence?.map { integerList($0) } ?? []
        let valid = positions.compactMap { $0 }.filter { !$0.isEmpty }
        guard !positions.isEmpty, valid.count == positions.count else {
            fail("only must be a list of 1-based positions like [[1, 1], [1, 2]]", node)
            return nil
        }
        return valid
    }

    // MARK: Typed field readers (nil when absent or wrong, a problem recorded for wrong)

    /// A tensor operand: a grid, a list of grids, a generated picture, a digit or weights by name, or a reference;
    /// `filter` also reads `filters`.
    mutating func operand(_ mapping: Node.Mapping, _ name: OperandName) -> OperandValue? {
        let node = name == .filter ? mapping["filters"] ?? mapping["filter"] : mapping[name.rawValue]
        if let node, let fields = node.mapping, Self.isNamed(fields) {
            return namedOperand(fields, node: node, field: name).map(OperandValue.tensor)
        }
        if name == .filter, let node = mapping["filters"] { return filterBank(node).map(OperandValue.tensor) }
        guard let node = mapping[name.rawValue] else { return nil }
        if let fields = node.mapping, fields["pattern"] != nil { return pattern(fields,
                node: node).map(OperandValue.tensor) }
        if let fields = node.mapping { return resultReference(fields, node: node).map(OperandValue.reference) }
        if let signal = signal(node) { return .tensor(signal) }
        if let samples = node.sequence, samples.contains(where: { $0.sequence != nil }) {
            return batch(Array(samples), key: name.rawValue).map(OperandValue.tensor)
        }
        return tensor(node, key: name.rawValue).map(OperandValue.tensor)
    }

    /// A 1-D signal: a list of plain numbers, `[1, 2, 3, 4]` (quoted items stay grids, "1 2; 3 4" or "5").
    mutating func signal(_ node: Node) -> Tensor? {
        guard let items = node.sequence, !items.isEmpty,
              items.allSatisfy({ $0.scalar?.style == .plain }) else { return nil }
        let values = items.compactMap { try? TensorText.parseNumber($0.scalar!.string) }
        guard values.count == items.count else { return nil }
        parsedValues += values.count
        return try? Tensor(shape: [values.count], values: values)
    }

    /// An N×C×H×W batch: a list of samples, each a list of channel grids.
    mutating func batch(_ samples: [Node], key: String) -> Tensor? {
        let what = key == "grad" ? "the gradient" : "the \(key)"
        var parts: [Tensor?] = []
        for sample in samples {
            guard let channels = sample.sequence, !channels.isEmpty, signal(sample) == nil else {
                fail("\(what): a batch is a list of samples, each a list of channel grids", sample)
                return nil
            }
            parts.append(stack(channels.map { grid($0, what: what) }, nodes: Array(channels), what: what))
        }
        return stack(parts, nodes: samples, what: what)
    }

    mutating func integer(_ mapping: Node.Mapping, _ key: String) -> Int? {
        guard let node = mapping[key] else { return nil }
        guard let value = integer(node) else {
            fail("'\(key)' must be an integer", node)
            return nil
        }
        return value
    }

    mutating func pair(_ mapping: Node.Mapping, _ key: String) -> (Int, Int)? {
        guard let node = mapping[key] else { return nil }
        guard let pair = integerPair(node) else {
            fail("'\(key)' must be a pair of integers like [2, 1]", node)
            return nil
        }
        return pair
    }

    mutating func word<Word: RawRepresentable & CaseIterable>(
        _ mapping: Node.Mapping, _ key: String, _ type: Word.Type
    ) -> Word? where Word.RawValue == String {
        guard let node = mapping[key] else { return nil }
        guard let text = node.scalar?.string, let word = Word(rawValue: text) else {
            fail("'\(key)' must be one of: \(Word.allCases.map(\.rawValue).joined(separator: ", "))", node)
            return nil
        }
        return word
    }

    mutating func bias(_ mapping: Node.Mapping) -> [Double]? {
        guard let node = mapping["bias"] else { return nil }
        if let fields = node.mapping { return networkBias(fields, node: node) }
        guard let list = numberList(node) else {
            fail("bias must be a number or a list of numbers", node)
            return nil
        }
        return list
    }

    mutating func flag(_ mapping: Node.Mapping, _ key: String) -> Bool? {
        guard let node = mapping[key] else { return nil }
        switch node.scalar?.string {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            fail("\(key) must be true or false", node)
            return nil
        }
    }

    /// `dilation:` D − 1 holes between the filter's taps; the core checks that the dilated filter fits.
    mutating func dilation(_ mapping: Node.Mapping) -> Int? {
        integer(mapping, "dilation")
    }
}

extension PoolFields {
    /// The words `mode:` takes.
    enum ModeWord: String, CaseIterable {
        case max, avg
        var mode: Pooling.Mode { self == .max ? .max : .average }
    }
}
