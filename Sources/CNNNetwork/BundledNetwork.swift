/// The weights the lessons read by name: the tiny CNN trained by `cnn-tutor train` with its default settings, and the
/// same network with a dense first layer trained the same way, shipped as Data/weights/*.json and embedded in the
/// binary (`swift run train-bundled` writes both).
public enum BundledNetwork {
    /// The name lessons use for these weights, `{network: bundled, …}`.
    public static let name = "bundled"

    /// The weights file's text, as `cnn-tutor train --save` wrote it.
    public static let text = WeightsData.tinyCNN

    /// The trained weights.
    public static let weights: NetworkWeights = {
        // The embedded text is checked by the tests: it always reads.
        try! WeightsFile.weights(from: text)
    }()

    /// The name of the dense-first network, `network: dense-first`.
    public static let denseFirstName = "dense-first"

    /// Its weights file's text.
    public static let denseFirstText = WeightsData.denseFirst

    /// The CNN with its convolution replaced by a dense layer on the 64 pixels, trained with the same settings.
    public static let denseFirst: DenseFirstWeights = {
        try! WeightsFile.network(DenseFirstWeights.self, from: denseFirstText)
    }()
}

extension DigitImage {
    /// The image moved by `rows` down and `columns` right, zeros filling in (the digit's edge may leave the grid).
    public func shifted(rows: Int, columns: Int) -> DigitImage {
        let side = DigitImage.side
        let moved = (0..<(side * side)).map { flat -> UInt8 in
            let (row, column) = (flat / side - rows, flat % side - columns)
            return (0..<side).contains(row) && (0..<side).contains(column) ? pixels[row * side + column] : 0
        }
        return DigitImage(sourceIndex: sourceIndex, label: label, pixels: moved)
    }
}

extension Digits {
    /// The names lessons give the two sets, `{digit: held-out, …}`.
    public static let setNames = ["training", "held-out"]

    /// The set called `name` ("training" or "held-out"), nil for any other name.
    public static func set(named name: String) -> [DigitImage]? {
        switch name {
        case "training": training
        case "held-out": heldOut
        default: nil
        }
    }
}
