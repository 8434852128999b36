import CNNSafeText
import CNNTutorUI
#if canImport(Glibc)
import Glibc
#endif

/// `cnn-tutor play --benchmark-keys N`, for Benchmarks/playground.sh: times update + render of N keys on a 120×40
/// screen, keys that each recompute (parameter changes down and back up, cursor moves in the gather and scatter
/// views), and prints as JSON the median, 90th percentile and maximum over all keys and the median of each key.
/// Beside wall-clock time it reports this thread's CPU time, which a loaded machine's preemptions do not inflate.
enum PlayBenchmark {
    static let cycle: [(name: String, key: Key)] = "hHwWcCkKfFSsPp".map { (String($0), Key.character($0)) }
        + [("right (gather)", .right), ("down (gather)", .down), ("tab", .tab), ("right (scatter)", .right),
           ("down (scatter)", .down), ("tab ", .tab), ("tab  ", .tab)]

    static func run(settings: PlaygroundSettings, keys count: Int) throws {
        var state = try PlaygroundState(settings: settings, width: 120, height: 40)
        let clock = ContinuousClock()
        var times: [Double] = []
        var cpuTimes: [Double] = []
        var byKey: [String: [Double]] = [:]
        for index in 0..<max(1, count) {
            let (name, key) = cycle[index % cycle.count]
            let cpuStart = threadCPUMilliseconds()
            let elapsed = clock.measure {
                state.update(key)
                _ = PlaygroundView.render(state)
            }
            cpuTimes.append(threadCPUMilliseconds() - cpuStart)
            let milliseconds = Double(elapsed.components.attoseconds) * 1e-15 + Double(elapsed.components.seconds) * 1e3
            times.append(milliseconds)
            byKey[name.trimmingBlanks(), default: []].append(milliseconds)
            // A key that only put a message up (a bound reached, a refused shape) recomputed nothing.
            if let message = state.message {
                throw CLIError("the benchmark's keys must all recompute, but '\(name)' gave: \(message)")
            }
        }
        let perKey = byKey.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \(median($0.value))" }
        times.sort()
        cpuTimes.sort()
        let p90 = { (sorted: [Double]) in sorted[min(sorted.count - 1, sorted.count * 9 / 10)] }
        print("{\"keys\": \(times.count), \"median_ms\": \(median(times)), \"p90_ms\": \(p90(times)), "
              + "\"max_ms\": \(times.last!), \"cpu_median_ms\": \(median(cpuTimes)), \"cpu_p90_ms\": \(p90(cpuTimes)), "
              + "\"cpu_max_ms\": \(cpuTimes.last!), \"median_ms_by_key\": {\(perKey.joined(separator: ", "))}}")
    }

    static func threadCPUMilliseconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) * 1e3 + Double(now.tv_nsec) * 1e-6
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }
}
