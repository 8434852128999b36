import CNNLessons
import Foundation
import Testing
@testable import CNNTutorUI

/// The grid a quiz asks about (the engine names it in `quiz.grid`) is drawn when the quiz is asked, at 80×24
/// and 100×30: the real layout beside the lint's estimate of the same thing.
struct QuizGridVisibilityTests {
    @Test func everyBundledQuizGridIsDrawn() {
        let entries = bundledEntries()
        var checked = 0
        for entry in entries {
            guard let source = entry.current else { continue }
            for index in 0..<min(source.stepCount, 400) {
                guard let title = source.frame(at: index).quiz?.grid else { continue }
                for (width, height) in [(80, 24), (100, 30)] {
                    let tutor = TutorState(entries: entries, width: width, height: height, startLesson: entry.id,
                                           startStep: index)
                    let screen = TutorView.render(tutor)
                    // The compact layout (three 10×12 grids at 100×30) writes every title in its short form.
                    let short = GridLayout.shortTitle(title)
                    #expect(screen.lines.contains { $0.contains(title) || $0.contains(short) },
                            "\(entry.id) step \(index + 1) at \(width)×\(height) hides '\(title)'\n\(dump(screen))")
                    checked += 1
                }
            }
        }
        #expect(checked >= 60)
    }
}
