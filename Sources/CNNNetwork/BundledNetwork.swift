/// The weights the lessons read by name: the tiny CNN trained by `cnn-tutor train` with its default settings, shipped
/// as Data/weights/tiny-cnn.json and embedded in the binary (Data/weights/regenerate.sh writes both).
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
