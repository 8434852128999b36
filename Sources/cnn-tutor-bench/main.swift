// In-process timings of the core, printed as one JSON object of medians in seconds.
// `Benchmarks/run.sh` runs this beside Benchmarks/reference.py (numpy/scipy) and prints the ratios.
import CNNCore
import Foundation

/// This process's CPU time in seconds: what the work costs on a loaded machine, not when it ended.
func processCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Median CPU time of `repeats` runs after `warmups` untimed ones.
func medianCPU(repeats: Int = 21, warmups: Int = 3, _ body: () -> Void) -> Double {
    for _ in 0..<warmups { body() }
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = processCPUTime()
        body()
        times.append(processCPUTime() - start)
    }
    times.sort()
    return times[times.count / 2]
}

/// Median of `repeats` timed runs after `warmups` untimed ones.
func median(repeats: Int = 21, warmups: Int = 3, _ body: () -> Void) -> Double {
    for _ in 0..<warmups { body() }
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<repeats {
        let elapsed = clock.measure(body)
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    times.sort()
    return times[times.count / 2]
}

/// Deterministic pseudo-random values in [−1, 1).
func values(_ count: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
}

/// Peak resident memory of this process so far, in megabytes.
func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let only = CommandLine.arguments.dropFirst().first

// Issue 14's figures, as text: `cnn-tutor-bench present`.
if only == "present" {
    let bench = PresentBenchmark()
    let share = bench.forwardPassShare()
    print("forward-pass step 3, 160×45, --present: grids take \(Int((share.area * 100).rounded()))% of the screen"
          + " (the rectangle around them), \(Int((share.boxes * 100).rounded()))% inside their boxes")
    for lesson in ["forward-pass", "convolution-over-volume", "im2col", "efficiency"] {
        let time = bench.keyToRedraw(lesson)
        print("→ then redraw, --present 160×45, \(lesson): median \(ms(time.median)), 90th percentile \(ms(time.p90))")
    }
    func size(_ size: (Int, Int)?) -> String { size.map { "\($0.0)×\($0.1)" } ?? "larger than 200×55" }
    print("smallest terminal each lesson plays in (every step shows what it must), and shows whole (nothing hidden"
          + " but narration to scroll):")
    for (lesson, plays, whole) in bench.smallestTerminals() {
        let name = lesson.padding(toLength: 32, withPad: " ", startingAt: 0)
        print("  \(name) \(size(plays).padding(toLength: 9, withPad: " ", startingAt: 0))  \(size(whole))")
    }
    exit(0)
}

func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1e3) }
var results: [(String, Double)] = []

// (a) Goodfellow's edge detector: a 320×280 input, a 2×1 kernel; forward, and forward with both gradients.
let image = try Tensor(shape: [320, 280], values: values(320 * 280, seed: 1))
let kernel = try Tensor(shape: [2, 1], values: [-1, 1])
let edge = try Convolution(input: image, filter: kernel)
let edgeGradient = try Tensor(shape: [319, 280], values: values(319 * 280, seed: 2))
var sink = 0.0
results.append(("a_forward", median { sink += edge.forward().values[0] }))
results.append(("a_forward_backward", median {
    sink += edge.forward().values[0]
    let backward = try! edge.backward(outputGradient: edgeGradient)
    sink += backward.inputGradient().values[0] + backward.weightGradient().values[0] + backward.biasGradient()[0]
}))
// (c) Step 50,000 of (a)'s explained terms, built alone.
results.append(("c_step_50000", median(repeats: 1001, warmups: 10) { sink += edge.explainOutput(50_000).value }))
results.append(("a_peak_mb", peakMegabytes()))

if only != "a" {
    // (c) The tutor's own frame for output 50,000 of (a): → pressed, the engine's frame, the view's screen.
    let tutorFrame = try TutorFrameBenchmark.make()
    results.append(("c_tutor_frame_50000", median(repeats: 201, warmups: 5) {
        sink += Double(tutorFrame.pressNext().width)
    }))
    // Issue 14: → in --present mode at 160×45, the grids fitted to the screen and their numbers drawn large.
    results.append(("c_present_160x45", PresentBenchmark().keyToRedraw("forward-pass").median))
}

if only != "a" {
    // (b) A first layer on an RGB image: 1×3×224×224, 16 filters 3×3, stride 1, padding 1.
    let rgb = try Tensor(shape: [1, 3, 224, 224], values: values(3 * 224 * 224, seed: 3))
    let bank = try Tensor(shape: [16, 3, 3, 3], values: values(16 * 27, seed: 4))
    let layer = try Convolution(input: rgb, filter: bank, padding: 1)
    results.append(("b_forward", median { sink += layer.forward().values[0] }))
    results.append(("b_forward_cpu", medianCPU { sink += layer.forward().values[0] }))
    let layerGradient = try Tensor(shape: [1, 16, 224, 224], values: values(16 * 224 * 224, seed: 5))
    results.append(("b_backward", median {
        let backward = try! layer.backward(outputGradient: layerGradient)
        sink += backward.inputGradient().values[0] + backward.weightGradient().values[0]
    }))
}

if only != "a" {
    // (d) The tiny CNN of `cnn-tutor train`: seconds per epoch of its default run, and the accuracy it reaches.
    results += NetworkBenchmark.run()
}

results.append(("vector_width", Double(Convolution.kernelVectorWidth)))
let body = results.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
print("{\(body)}")
if sink.isNaN { print("unreachable") }
