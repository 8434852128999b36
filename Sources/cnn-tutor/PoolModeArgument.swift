import ArgumentParser
import CNNCore

/// `compute pool --mode`: max or avg (also "average" and "mean", any case); ArgumentParser names the
/// choices when the value is none of them.
enum PoolModeArgument: String, ExpressibleByArgument, CaseIterable {
    case max, avg

    init?(argument: String) {
        switch argument.lowercased() {
        case "max": self = .max
        case "avg", "average", "mean": self = .avg
        default: return nil
        }
    }

    var mode: Pooling.Mode {
        self == .max ? .max : .average
    }
}
