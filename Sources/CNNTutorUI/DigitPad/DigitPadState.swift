import CNNCore
import CNNNetwork

/// The playground's digit mode (`cnn-tutor play --digits`): an 8×8 grid of pixel values 0 to 16, drawn with the
/// arrow keys and space or picked from the bundled held-out images with [ and ]; after every key the trained network
/// reads the grid (each pixel/16, as it was trained) and the ten probabilities are recomputed.
public struct DigitPadState: Equatable, Sendable {
    public static let side = DigitImage.side
    /// What + and − add to or take from a pixel.
    public static let step: UInt8 = 4

    /// 64 values, 0 to 16, row by row.
    public private(set) var pixels: [UInt8]
    public private(set) var cursorRow = 0, cursorColumn = 0
    /// The held-out image last picked (0-based), and whether the grid was drawn on since.
    public private(set) var imageIndex: Int
    public private(set) var isEdited = false
    /// p_0 … p_9 of the grid as it is.
    public private(set) var probabilities: [Double] = []
    /// Pixels drawn as shades (`░▒▓█`, the default) or as their numbers 0 to 16 (`v` switches).
    public private(set) var showShades = true
    public private(set) var showingHelp = false
    public var width: Int
    public var height: Int
    public var options: TutorOptions

    /// Starts on held-out image `imageIndex` (0-based).
    /// - Precondition: `imageIndex` is one of the held-out images.
    public init(imageIndex: Int = 0, options: TutorOptions = TutorOptions(), width: Int = 80, height: Int = 24) {
        precondition(Digits.heldOut.indices.contains(imageIndex), "no held-out image \(imageIndex)")
        (self.imageIndex, self.options, self.width, self.height) = (imageIndex, options, width, height)
        pixels = Digits.heldOut[imageIndex].pixels
        classify()
    }

    public enum Outcome: Equatable, Sendable { case stay, quit }

    /// Applies one key as `DigitPadKeymap` binds it: arrows move, space switches a pixel between 0 and 16, + and −
    /// raise and lower it by 4, c clears the grid, [ and ] pick the previous and next held-out image, v switches
    /// shades and numbers, ? shows the keys (any key closes them), q and Esc leave.
    public mutating func update(_ key: Key) -> Outcome {
        if case .resize(let newWidth, let newHeight) = key {
            (width, height) = (newWidth, newHeight)
            return .stay
        }
        if showingHelp {
            showingHelp = false
            return .stay
        }
        guard let action = DigitPadKeymap.bindings.action(for: key) else { return .stay }
        return perform(action)
    }

    mutating func perform(_ action: DigitPadAction) -> Outcome {
        let maximum = UInt8(DigitImage.maximumValue)
        switch action {
        case .move(let rows, let columns):
            cursorRow = min(max(cursorRow + rows, 0), Self.side - 1)
            cursorColumn = min(max(cursorColumn + columns, 0), Self.side - 1)
        case .toggle: draw(cursorPixel == 0 ? maximum : 0)
        case .darker: draw(min(maximum, cursorPixel + Self.step))
        case .lighter: draw(cursorPixel - min(cursorPixel, Self.step))
        case .clear: pixels = Array(repeating: 0, count: pixels.count); markEdited()
        case .image(let step): pick((imageIndex + Digits.heldOut.count + step) % Digits.heldOut.count)
        case .shades: showShades.toggle()
        case .help: showingHelp = true
        case .quit: return .quit
        }
        return .stay
    }

    public var cursorPixel: UInt8 { pixels[cursorRow * Self.side + cursorColumn] }

    /// The digit the network gives the highest probability (the first, on a tie).
    public var prediction: Int {
        probabilities.indices.reduce(0) { probabilities[$1] > probabilities[$0] ? $1 : $0 }
    }

    mutating func draw(_ value: UInt8) {
        pixels[cursorRow * Self.side + cursorColumn] = value
        markEdited()
    }

    mutating func markEdited() {
        isEdited = true
        classify()
    }

    mutating func pick(_ index: Int) {
        (imageIndex, isEdited) = (index, false)
        pixels = Digits.heldOut[index].pixels
        classify()
    }

    /// The network's probabilities for the grid as it is now.
    mutating func classify() {
        let input = try! Tensor(shape: [1, 1, Self.side, Self.side],
                                values: pixels.map { Double($0) / Double(DigitImage.maximumValue) })
        // The label only enters the loss, which the pad does not show.
        probabilities = ForwardPass(weights: BundledNetwork.weights, input: input, labels: [0]).probabilities.values
    }
}
