import CNNNetwork
import CNNTutorUI

/// `cnn-tutor train` as the tutor's other screens are built: a state (the run and the terminal), `handle(key)` to
/// update it, `view()` to draw it. Training advances in `train(while:)`, called by the driver while no key comes,
/// so the screen shows every batch and q is read between batches. Nothing here touches a terminal.
public struct TrainingScreen: Sendable {
    public private(set) var run: TrainingRun
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var colors: Bool
    public let ascii: Bool

    /// - Parameters:
    ///   - run: the run to train and show.
    ///   - width, height: the terminal's size, until a resize or `start` says otherwise.
    ///   - ascii: draw with ASCII only.
    public init(run: TrainingRun, width: Int = 80, height: Int = 24, ascii: Bool = false) {
        (self.run, self.width, self.height, self.colors, self.ascii) = (run, width, height, false, ascii)
    }

    /// The terminal's size and whether it shows colours, once the driver has started.
    public mutating func start(width: Int, height: Int, colors: Bool) {
        (self.width, self.height, self.colors) = (width, height, colors)
    }

    /// Training goes on until the run is finished (q ends the screen earlier).
    public var isTraining: Bool { !run.isFinished }

    /// Applies a key: q (or Q, Escape) ends the screen, keeping the weights trained so far; a resize redraws.
    /// - Returns: false when the screen is done.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character("q"), .character("Q"), .escape:
            return false
        case .resize(let newWidth, let newHeight):
            (width, height) = (newWidth, newHeight)
            return true
        default:
            return true
        }
    }

    /// Trains one batch, then more while `keepGoing()` says so and the run is not finished.
    public mutating func train(while keepGoing: () -> Bool) {
        guard isTraining else { return }
        repeat { run.step() } while isTraining && keepGoing()
    }

    public func view() -> Screen { TrainingView(screen: self).render() }
}
