import CNNCore
import CNNNetwork
import YAMLDocument

/// Reading the network operations, and the operands a lesson names instead of typing: a bundled digit image
/// (`{digit: held-out, index: 7}`) and a layer of the bundled trained network (`{network: bundled, layer: dense}`).
extension LessonReader {
    /// The words `values:` takes for a digit.
    enum DigitValues: String, CaseIterable {
        /// 0 to 16, as the data holds them.
        case pixels
        /// pixel/16, as the network reads them.
        case network
    }

    /// The layers `layer:` names in a network reference.
    enum NetworkLayer: String, CaseIterable { case conv, dense }

    /// Whether a mapping names bundled data (`digit:` or `network:`) rather than a pattern or a reference.
    static func isNamed(_ fields: Node.Mapping) -> Bool {
        fields["digit"] != nil || fields["network"] != nil
    }

    /// The tensor `fields` names, as operand `field` takes it.
    mutating func namedOperand(_ fields: Node.Mapping, node: Node, field: OperandName) -> Tensor? {
        fields["digit"] != nil ? digitGrid(fields, node: node) : networkTensor(fields, node: node, field: field)
    }

    // MARK: Digits

    /// `{digit: training | held-out, index: I, values: pixels | network}`: image I (from 1) of the set as an 8×8
    /// grid, 0 to 16 (`pixels`, the default) or each divided by 16 as the network reads it (`network`).
    mutating func digitGrid(_ fields: Node.Mapping, node: Node) -> Tensor? {
        checkKeys(fields, allowed: ["digit", "index", "values"], what: "digit")
        let values = word(fields, "values", DigitValues.self) ?? .pixels
        guard let image = digitImage(fields, node: node) else { return nil }
        let numbers = values == .network ? image.scaledPixels : image.pixels.map(Double.init)
        parsedValues += numbers.count
        return try? Tensor(shape: [DigitImage.side, DigitImage.side], values: numbers)
    }

    /// The image `{digit: SET, index: I}` names, I counted from 1.
    mutating func digitImage(_ fields: Node.Mapping, node: Node) -> DigitImage? {
        let name = fields["digit"]?.scalar?.string ?? ""
        guard let images = Digits.set(named: name) else {
            fail("'digit' must be one of: \(Digits.setNames.joined(separator: ", "))", fields["digit"] ?? node)
            return nil
        }
        guard let indexNode = fields["index"], let index = integer(indexNode), (1...images.count).contains(index) else {
            fail("a digit needs 'index': 1 to \(images.count), its place in the \(name) set", fields["index"] ?? node)
            return nil
        }
        return images[index - 1]
    }

    /// `label: N` (the class, from 1) or `label: {digit: SET, index: I}` (that image's digit d, class d + 1), 0-based.
    mutating func label(_ mapping: Node.Mapping) -> Int? {
        guard let node = mapping["label"] else { return nil }
        if let fields = node.mapping {
            checkKeys(fields, allowed: ["digit", "index"], what: "label")
            return digitImage(fields, node: node)?.label
        }
        guard let value = integer(node), value >= 1 else {
            fail("'label' must be a class number from 1, or {digit: SET, index: I}", node)
            return nil
        }
        return value - 1
    }

    // MARK: The bundled network

    /// `network: bundled` (the field of sgd-step): the trained weights.
    mutating func networkWeights(_ mapping: Node.Mapping) -> NetworkWeights? {
        guard let node = mapping["network"] else { return nil }
        guard node.scalar?.string == BundledNetwork.name else {
            fail("'network' must be '\(BundledNetwork.name)', the network the tutor trained", node)
            return nil
        }
        return BundledNetwork.weights
    }

    /// `{network: bundled, layer: conv | dense}`: the weights and the layer named.
    mutating func networkLayer(_ fields: Node.Mapping, node: Node) -> (NetworkWeights, NetworkLayer)? {
        checkKeys(fields, allowed: ["network", "layer"], what: "network reference")
        let weights = networkWeights(fields)
        guard fields["layer"] != nil else {
            fail("a network reference needs 'layer: conv' or 'layer: dense'", node)
            return nil
        }
        guard let weights, let layer = word(fields, "layer", NetworkLayer.self) else { return nil }
        return (weights, layer)
    }

    /// A layer's weights as operand `field` takes them: `filter` the conv layer's 4×1×3×3 filters, `weights` the
    /// dense layer's 10×36 matrix.
    mutating func networkTensor(_ fields: Node.Mapping, node: Node, field: OperandName) -> Tensor? {
        guard let (weights, layer) = networkLayer(fields, node: node) else { return nil }
        switch (field, layer) {
        case (.filter, .conv): return weights.filters
        case (.weights, .dense): return weights.denseWeights
        default:
            fail("'\(field == .filter ? "filters" : field.rawValue)' cannot take the \(layer.rawValue) layer: "
                 + "filters take {network: bundled, layer: conv}, weights {network: bundled, layer: dense}", node)
            return nil
        }
    }

    /// `bias: {network: bundled, layer: conv | dense}`: that layer's biases.
    mutating func networkBias(_ fields: Node.Mapping, node: Node) -> [Double]? {
        guard let (weights, layer) = networkLayer(fields, node: node) else { return nil }
        return layer == .conv ? weights.filterBias : weights.denseBias
    }

    // MARK: Each network operation

    mutating func readDense(_ mapping: Node.Mapping) -> DenseFields? {
        let input = operand(mapping, .input), weights = operand(mapping, .weights), bias = bias(mapping)
        guard let input, let weights else { return nil }
        return DenseFields(input: input, weights: weights, bias: bias)
    }

    mutating func readDenseBackward(_ mapping: Node.Mapping) -> DenseBackwardFields? {
        let input = operand(mapping, .input), weights = operand(mapping, .weights), grad = operand(mapping, .grad)
        let gradient = word(mapping, "gradient", DenseBackwardFields.Gradient.self), bias = bias(mapping)
        guard let input, let weights, let grad, let gradient else { return nil }
        return DenseBackwardFields(input: input, weights: weights, grad: grad, bias: bias, gradient: gradient)
    }

    mutating func readCrossEntropy(_ mapping: Node.Mapping) -> CrossEntropyFields? {
        let input = operand(mapping, .input), label = label(mapping)
        guard let input, let label else { return nil }
        return CrossEntropyFields(input: input, label: label)
    }

    mutating func readSGDStep(_ mapping: Node.Mapping) -> SGDStepFields? {
        let input = operand(mapping, .input), label = label(mapping), network = networkWeights(mapping)
        let rate = learningRate(mapping), layer = word(mapping, "layer", SGDStepFields.Layer.self)
        guard let input, let label, let network, let rate else { return nil }
        var fields = SGDStepFields(input: input, label: label, network: network, learningRate: rate)
        if let layer { fields.layer = layer }
        return fields
    }

    /// `learning_rate: η`, a positive number.
    mutating func learningRate(_ mapping: Node.Mapping) -> Double? {
        guard let node = mapping["learning_rate"] else { return nil }
        guard let text = node.scalar?.string, let rate = try? TensorText.parseNumber(text), rate > 0 else {
            fail("'learning_rate' must be a positive number", node)
            return nil
        }
        return rate
    }
}
