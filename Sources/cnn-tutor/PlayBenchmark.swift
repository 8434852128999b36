import CNNTutorUI
import Foundation

/// `cnn-tutor play --benchmark-keys N`, for Benchmarks/playground.sh: times update + render of N keys that each
/// recompute (parameter changes down and back up, cursor moves in the gather and scatter views) on a 120×40
/// screen and prints the median, 90th percentile and maximum as JSON.
enum PlayBenchmark {
    static let cycle: [Key] = Key.typing("hHwWcCkKfFsSpP") + [.right, .down, .tab, .right, .down, .tab, .tab]

    static func run(settings: PlaygroundSettings, keys count: Int) throws {
        var state = try PlaygroundState(settings: settings, width: 120, height: 40)
        let clock = ContinuousClock()
        var times: [Double] = []
        times.reserveCapacity(count)
        for index in 0..<max(1, count) {
            let key = cycle[index % cycle.count]
            let elapsed = clock.measure {
                state.update(key)
                _ = PlaygroundView.render(state)
            }
            times.append(Double(elapsed.components.attoseconds) * 1e-15 + Double(elapsed.components.seconds) * 1e3)
            if let message = state.message, message.contains("no output") {
                throw CLIError("the benchmark's keys must all recompute, but: \(message)")
            }
        }
        times.sort()
        let pick = { (fraction: Double) in times[min(times.count - 1, Int(Double(times.count) * fraction))] }
        print("{\"keys\": \(times.count), \"median_ms\": \(pick(0.5)), \"p90_ms\": \(pick(0.9)), "
              + "\"max_ms\": \(times.last!)}")
    }
}
