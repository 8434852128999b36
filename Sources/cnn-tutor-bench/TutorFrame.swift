import CNNLessons
import CNNTutorUI

/// (c) as the student meets it: the efficiency lesson's 320×280 walk, the tutor on the last frame of output
/// 49,999 (0-based), and → pressed: the engine builds the frame of output 50,000 (its explained terms) and the
/// view renders it to a 100×30 screen.
struct TutorFrameBenchmark {
    let before: TutorState

    /// The walk is the efficiency lesson's step with more than `output` values; throws, saying why, without one.
    static func make(output: Int = 50_000) throws(BenchmarkSetupError) -> TutorFrameBenchmark {
        let library = LessonLibrary.load(userDirectories: [], environment: [:])
        guard let entry = library.entries.first(where: { $0.header.id == "efficiency" }) else {
            throw BenchmarkSetupError("the bundled lesson 'efficiency' was not found")
        }
        let player: LessonPlayer
        switch entry.player {
        case .success(let loaded): player = loaded
        case .failure(let issues): throw BenchmarkSetupError("the lesson 'efficiency' does not load: \(issues)")
        }
        guard let walk = player.lessonStepRanges.first(where: { $0.count > output }) else {
            throw BenchmarkSetupError("the lesson 'efficiency' has no walk of \(output) values")
        }
        var frame = walk.lowerBound
        for _ in 0..<output { frame = player.nextValue(after: frame) }
        guard walk.contains(frame), frame > walk.lowerBound else {
            throw BenchmarkSetupError("the walk of 'efficiency' ends before output \(output)")
        }
        let state = TutorState(entries: LessonEntry.entries(for: library), width: 100, height: 30,
                               startLesson: "efficiency", startStep: frame - 1)
        var probe = state
        _ = probe.update(.right)
        // The status line counts values from 1: output 50,000 (0-based, as the core's (c) row) is "value 50001".
        let shown = probe.frame?.progress ?? ""
        guard probe.step == frame, shown.hasPrefix("value \(output + 1) of") else {
            throw BenchmarkSetupError("→ from frame \(frame) of 'efficiency' showed '\(shown)', "
                                      + "not value \(output + 1)")
        }
        return TutorFrameBenchmark(before: state)
    }

    /// One key press: update to the next frame, then the screen the terminal would draw.
    func pressNext() -> Screen {
        var state = before
        _ = state.update(.right)
        return TutorView.render(state)
    }
}

struct BenchmarkSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
