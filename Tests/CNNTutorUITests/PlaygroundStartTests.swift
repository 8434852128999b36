import CNNCore
@testable import CNNLessons
import Testing
@testable import CNNTutorUI

/// `p` opens the playground with the step's own operation and numbers, for every operation the playground has:
/// checked against the lesson's own result over every step of every bundled lesson.
@Suite("p: the step's own operation in the playground")
struct PlaygroundStartTests {
    let entries = bundledEntries()

    /// What kind of layer a playground is, to count which kinds the lessons reached.
    func kind(_ settings: PlaygroundSettings) -> String {
        var kind = settings.operation.rawValue
        if settings.isSignal { kind += ", 1-D" }
        if settings.dilation > 1 { kind += ", dilated" }
        return kind
    }

    @Test func everyStepThePlaygroundHasOpensWithItsOperationAndGivesItsOutput() throws {
        var kinds: Set<String> = []
        var refused: [String] = []
        for entry in entries {
            let player = try #require(entry.current as? LessonPlayer)
            for (number, frames) in player.lessonStepRanges.enumerated() {
                let tutor = TutorState(entries: entries, startLesson: entry.id, startStep: frames.lowerBound)
                let start = tutor.playgroundStart
                guard start.input != nil else { continue }
                let playground = start.state(options: tutor.options, width: 100, height: 30, seed: 1)
                guard playground.message == start.note else {
                    refused.append("\(entry.id) step \(frames.lowerBound + 1): \(playground.message ?? "")")
                    continue
                }
                kinds.insert(kind(playground.settings))
                guard start.leftOut.isEmpty, let output = player.plans[number].results["output"]?.tensor else {
                    continue
                }
                #expect(playground.computation.output.values == output.values,
                        "\(entry.id) step \(frames.lowerBound + 1): \(kind(playground.settings))")
            }
        }
        for wanted in ["cross-correlation", "true convolution", "max pool", "average pool", "transposed convolution",
                       "cross-correlation, 1-D", "true convolution, 1-D", "cross-correlation, 1-D, dilated",
                       "cross-correlation, dilated", "transposed convolution, 1-D"] {
            #expect(kinds.contains(wanted), "no bundled step opens a \(wanted) playground: \(kinds.sorted())")
        }
        // Refused, saying why: a batch, a filter that is not square (the 320×280 edge detector's 2×1).
        #expect(refused.allSatisfy { $0.contains("do not fit the playground") && ($0.contains("not a batch of")
            || $0.contains("filters are square")) }, "\(refused)")
    }

    /// Lesson 22's first convolution: x = 2 1 3 0 1, w = 1 2 −1, valid; x∗w = 3 5 −2.
    @Test func aSignalOpensAsASignal() throws {
        let source = try #require(entries.first { $0.id == "convolution-1d" }?.current)
        let step = try #require((0..<source.stepCount).first { source.frame(at: $0).heading.hasPrefix("True conv") })
        let tutor = TutorState(entries: entries, startLesson: "convolution-1d", startStep: step)
        var playground = tutor.playgroundStart.state(options: tutor.options, width: 100, height: 30, seed: 1)
        #expect(playground.settings.isSignal && playground.settings.operation == .trueConvolution)
        #expect(playground.computation.output.values == [3, 5, -2])
        let screen = PlaygroundView.render(playground)
        #expect(screen.contains("Signal X, length 5") && screen.contains("Filter F, length 3"))
        #expect(screen.lines[1].hasPrefix(" X length 5 · 1 filter length 3 ·") && screen.lines[1].hasSuffix("→ O 3"))
        // One row, one channel, one filter: the keys that would change that say so.
        playground.update(.character("H"))
        #expect(playground.message == "this is a 1-D signal, from the lesson: one row, one channel, one filter")
        playground.update(Key.typing("P"))
        #expect(playground.computation.output.shape == [1, 1, 1, 5])
        // The scatter view's two routes agree along a signal too, strided and dilated: the full convolution pads
        // by D·(F − 1) along its length only.
        playground.update(Key.typing("SDWWW"))
        playground.update([.tab, .right, .right, .right])
        let scatter = PlaygroundView.render(playground)
        #expect(playground.settings.stride == 2 && playground.settings.dilation == 2)
        #expect(scatter.contains("✓ the same"), "\(scatter)")
    }

    @Test func aStepOnAnEarlierResultOpensWithThatResult() throws {
        let player = try #require(entries.first { $0.id == "dilated-convolution" }?.current as? LessonPlayer)
        let number = try #require(player.lesson.steps.firstIndex { step in
            step.computation?.references.isEmpty == false
        })
        let tutor = TutorState(entries: entries, startLesson: "dilated-convolution",
                               startStep: player.lessonStepRanges[number].lowerBound)
        let start = tutor.playgroundStart
        #expect(start.input == player.plans[number - 1].results["output"]?.tensor)
        #expect(start.dilation == 2 && start.padding == 2)
    }
}
