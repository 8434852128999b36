import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// `cnn-tutor play` in a real (tmux) terminal.
    @Suite("The playground in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct PlaygroundEndToEndTests {
        @Test func parameterKeyChangesTheOutputSizeAndQLeavesASaneTerminal() throws {
            let session = try TmuxSession(arguments: ["play"])
            // 6×6 input, 3×3 filter: ⌊(6 − 3)/1⌋ + 1 = 4.
            let first = try session.waitFor("playground · cross-correlation")
            #expect(first.contains("→ O 4×4"))
            #expect(first.contains("⌊(6 + 2·0 − 3)/1⌋ + 1 = 3 + 1 = 4"))
            #expect(try session.alternateScreenOn())
            // Stride 2: ⌊(6 − 3)/2⌋ + 1 = 2.
            try session.send("S")
            let strided = try session.waitFor("→ O 2×2")
            #expect(strided.contains("stride 2"))
            #expect(strided.contains("Output O 2×2"))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
            #expect(try session.alternateScreenOn() == false)
        }

        @Test func startingShapeFromOptionsAndTheScatterView() throws {
            let session = try TmuxSession(arguments: ["play", "--input-size", "5x7", "--padding", "1", "--stride", "2"])
            // ⌊(5 + 2 − 3)/2⌋ + 1 = 3 rows, ⌊(7 + 2 − 3)/2⌋ + 1 = 4 columns.
            try session.waitFor("→ O 3×4")
            try session.send("Tab")
            let scatter = try session.waitFor("scatter view")
            #expect(scatter.contains("✓ the same"))
            try session.send("C-c")
            #expect(try session.exitStatus() == 130)
            #expect(try session.alternateScreenOn() == false)
        }

        @Test func pInALessonOpensThePlaygroundWithItsNumbersAndQComesBackToTheSameStep() throws {
            let session = try TmuxSession(arguments: ["--lesson", "max-pooling", "--step", "2"])
            let lesson = try session.waitFor("step 2/")
            #expect(lesson.contains("The slides' 4×4 grid"))
            try session.send("p")
            // The lesson's 4×4 grid, 2×2 windows, stride 2: ⌊(4 − 2)/2⌋ + 1 = 2.
            // The whole first frame, not the header alone: a capture can fall between two lines being drawn.
            let shape = "X 4×4 · window 2×2 · stride 2 · padding 0 · dilation 1 → O 2×2"
            try session.waitForScreen("the playground with the lesson's numbers") {
                $0.contains("playground · max pool") && $0.contains(shape) && $0.contains("from max-pooling, step 2")
            }
            try session.send("S")
            try session.waitFor("stride 3")
            try session.send("q")
            let back = try session.waitFor("step 2/")
            #expect(back.contains("The slides' 4×4 grid") && !back.contains("playground"))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
            #expect(try session.alternateScreenOn() == false)
        }

        @Test func tinyTerminalIsToldAndABadShapeIsOneLine() throws {
            let session = try TmuxSession(width: 50, height: 16, arguments: ["play"])
            try session.waitFor("enlarge the terminal to at least 60×20")
            try session.send("q")
            #expect(try session.exitStatus() == 0)

            let refused = try run(tutorBinary, ["play", "--input-size", "3", "--filter-size", "5"])
            #expect(refused.status == 65)
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr == "error: the starting shape has no output:"
                    + " the filter height 5 is larger than the padded input height 3\n")
            let outOfBounds = try run(tutorBinary, ["play", "--input-size", "6x65"])
            #expect(outOfBounds.status == 64)
            #expect(outOfBounds.stderr == "error: --input-size must lie between 1 and 64, got 65\n")
            let unknown = try run(tutorBinary, ["play", "--operation", "deconvolution"])
            #expect(unknown.status == 64)
            #expect(unknown.stderr.hasPrefix("error: The value 'deconvolution' is invalid"))
            #expect(unknown.stderr.contains("'max', 'avg' or 'transposed'"))
        }
    }
}
