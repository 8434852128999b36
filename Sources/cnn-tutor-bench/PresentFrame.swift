import CNNLessons
import CNNTutorUI

/// Issue 14's lecture-hall figures: key → redraw in present mode at 160×45 (update and the screen the terminal
/// would draw, the grids fitted to it), the grids' share of that screen, and the smallest terminal each lesson
/// plays in.
struct PresentBenchmark {
    let entries = LessonEntry.entries(for: LessonLibrary.load(userDirectories: [], environment: [:]))

    /// Median and 90th percentile, in seconds, of → pressed through every step of `lesson` (from step 1 again at
    /// its end) in present mode at `width`×`height`: `TutorState.update` then `TutorView.render`.
    func keyToRedraw(_ lesson: String, width: Int = 160, height: Int = 45,
                     keys: Int = 2000) -> (median: Double, p90: Double) {
        let start = TutorState(entries: entries, options: TutorOptions(present: true), width: width, height: height,
                               startLesson: lesson, startStep: 0)
        var state = start
        let clock = ContinuousClock()
        var times: [Double] = []
        var sink = 0
        for _ in 0..<keys {
            if state.step == state.stepCount - 1 { state = start }
            let elapsed = clock.measure {
                state.update(.right)
                sink &+= TutorView.render(state).width
            }
            times.append(Double(elapsed.components.attoseconds) * 1e-18 + Double(elapsed.components.seconds))
        }
        times.sort()
        return sink == 0 ? (0, 0) : (times[times.count / 2], times[times.count * 9 / 10])
    }

    /// The grids' share of the screen at forward-pass step 3, 160×45, present mode (issue 14's measure).
    func forwardPassShare() -> (area: Double, boxes: Double) {
        let state = TutorState(entries: entries, options: TutorOptions(present: true), width: 160, height: 45,
                               startLesson: "forward-pass", startStep: 2)
        return ScreenAudit.gridShare(TutorView.render(state))
    }

    static let ladder = [(60, 20), (70, 22), (80, 24), (90, 27), (100, 30), (120, 35), (140, 40), (160, 45),
                         (200, 55)]

    /// For each lesson, the smallest size of `ladder` at which every step shows what it must (`plays`) and at
    /// which it also hides nothing but narration behind a marker (`whole`); nil past the ladder's end.
    func smallestTerminals() -> [(lesson: String, plays: (Int, Int)?, whole: (Int, Int)?)] {
        entries.compactMap { entry in
            guard let source = entry.current else { return nil }
            let steps = source.stepCount <= 300 ? Array(0..<source.stepCount)
                : Array(0..<250) + Array((source.stepCount - 50)..<source.stepCount)
            func audits(_ size: (Int, Int)) -> [ScreenAudit] {
                steps.map { step in
                    let state = TutorState(entries: entries, width: size.0, height: size.1, startLesson: entry.id,
                                           startStep: step)
                    return ScreenAudit(state, screen: TutorView.render(state))
                }
            }
            var plays: (Int, Int)?
            var whole: (Int, Int)?
            for size in Self.ladder where whole == nil {
                let found = audits(size)
                if plays == nil, found.allSatisfy({ $0.missing.isEmpty }) { plays = size }
                if found.allSatisfy({ $0.missing.isEmpty && $0.hidden.allSatisfy { $0 == "narration lines" } }) {
                    whole = size
                }
            }
            return (entry.id, plays, whole)
        }
    }
}
