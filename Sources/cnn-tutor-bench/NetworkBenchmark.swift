import CNNNetwork

/// `cnn-tutor train`'s default run, timed epoch by epoch: the median seconds per epoch (500 images) and the
/// held-out accuracy it ends with.
enum NetworkBenchmark {
    static func run() -> [(String, Double)] {
        var run = TrainingRun(settings: TrainingSettings())
        let clock = ContinuousClock()
        var times: [Double] = []
        while !run.isFinished {
            let elapsed = clock.measure {
                repeat { run.step() } while run.batchesDone > 0
            }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        times.sort()
        return [("network_epoch", times[times.count / 2]), ("network_accuracy", run.epochs.last!.heldOutAccuracy)]
    }
}
