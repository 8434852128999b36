import CNNCore
import CNNLessons
import Testing
@testable import CNNTutorUI

/// `p` in a lesson, through the tutor's `update` (no terminal): the effect asks the driver to open the playground
/// with the step's numbers, which the playground then recomputes to the lesson's hand-written `expect:` values.
@Suite("p: the playground from a lesson")
struct TutorPlaygroundTests {
    let entries = bundledEntries()

    /// The tutor at the first frame of lesson `id`'s step titled `title`, and the start `p` asks for there.
    func pressP(_ id: String, step title: String) throws -> (tutor: TutorState, start: PlaygroundStart) {
        let source = try #require(entries.first { $0.id == id }?.current)
        let index = try #require((0..<source.stepCount).first { source.frame(at: $0).heading == title })
        var tutor = TutorState(entries: entries, startLesson: id, startStep: index)
        let effects = tutor.update(.character("p"))
        #expect(tutor.step == index && !tutor.isInMenu)
        guard case .openPlayground(let start) = try #require(effects.last) else {
            Issue.record("p gave \(effects)")
            throw PlaygroundRefusal(message: "no playground")
        }
        return (tutor, start)
    }

    func rows(_ tensor: Tensor) -> [[Double]] { PlaygroundReference.plane(tensor, 0) }

    @Test func aConvolutionStepOpensWithItsInputFilterAndPadding() throws {
        let (tutor, start) = try pressP("stride-and-padding", step: "Zero padding")
        #expect(start.padding == 1 && start.stride == 1 && start.operation == .crossCorrelation)
        let playground = start.state(options: tutor.options, width: 100, height: 30, seed: 1)
        #expect(rows(playground.input) == [[1, 3, 2, 1, 3], [2, 9, 1, 1, 5], [1, 3, 2, 3, 2], [8, 3, 5, 1, 0],
                                           [5, 6, 1, 2, 9]])
        // The lesson's expect:, worked by hand.
        #expect(rows(playground.computation.output) == [[-12, 0, 10, -5, 2], [-15, -1, 10, -5, 5],
                                                        [-15, 3, 10, 1, 5], [-12, 6, 6, -3, 6], [-9, 7, 6, -3, 3]])
        let note = try #require(playground.message)
        #expect(note.hasPrefix("from stride-and-padding, step \(tutor.step + 1): ")
                && note.hasSuffix("q returns to the lesson"))
    }

    @Test func aPoolingStepOpensWithItsWindowAndStride() throws {
        let (tutor, start) = try pressP("max-pooling", step: "The slides' 4×4 grid, f = 2, s = 2")
        let playground = start.state(options: tutor.options, width: 100, height: 30, seed: 1)
        #expect(playground.settings.operation == .maxPool)
        #expect(playground.settings.filterSize == 2 && playground.settings.stride == 2)
        #expect(rows(playground.computation.output) == [[9, 2], [6, 3]])
    }

    @Test func aFullConvolutionOpensAsTrueConvolutionPaddedByFMinusOne() throws {
        let (tutor, start) = try pressP("commutativity-2d", step: "All of x * w")
        let playground = start.state(options: tutor.options, width: 100, height: 30, seed: 1)
        #expect(playground.settings.operation == .trueConvolution && playground.settings.padding == 1)
        #expect(rows(playground.computation.output) == [[1, 1, -2, 0], [2, 5, 2, -3], [2, 1, 6, -1], [4, 2, 2, 0]])
    }

    @Test func aStepWithNoLayerOpensTheDefaultPlayground() throws {
        var tutor = TutorState(entries: entries, startLesson: "output-size", startStep: 0)
        let effects = tutor.update(.character("p"))
        guard case .openPlayground(let start) = try #require(effects.last) else {
            Issue.record("p gave \(effects)")
            return
        }
        #expect(start.input == nil)
        let playground = start.state(options: tutor.options, width: 100, height: 30, seed: 1)
        #expect(playground.settings == PlaygroundSettings())
        #expect(playground.message?.contains("starts from its own numbers; q returns to the lesson") == true)
    }

    @Test func randomNumbersInTheLessonAreTheOnesThePlaygroundGets() throws {
        var (tutor, _) = try pressP("stride-and-padding", step: "Zero padding")
        tutor.update(.character("r"))
        guard case .openPlayground(let start) = try #require(tutor.update(.character("p")).last),
              case .conv(let fields) = (tutor.currentSource as? LessonPlayer)?.lesson.steps[2].computation?.operation
        else {
            Issue.record("no playground, or step 3 is not the padded convolution")
            return
        }
        #expect(start.input != nil && start.input == fields.input.tensor && start.filter == fields.filter.tensor)
        #expect(start.input?.values != [1, 3, 2, 1, 3, 2, 9, 1, 1, 5, 1, 3, 2, 3, 2, 8, 3, 5, 1, 0, 5, 6, 1, 2, 9])
    }
}
