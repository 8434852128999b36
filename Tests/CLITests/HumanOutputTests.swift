import Foundation
import Testing

/// The default (human) output: grids, then every element's symbolic and numeric lines.
struct HumanOutputTests {
    func human(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "exit status \(result.status); stderr: \(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, sourceLocation: sourceLocation)
        return result.stdout
    }

    @Test func convShowsGridsAndEveryTerm() throws {
        let text = try human(["compute", "conv", "--input", "1 2 3; 4 5 6; 7 8 9", "--filter", "1 0; 0 -1"])
        #expect(text.contains("Input X (3×3)\n  1  2  3\n  4  5  6\n  7  8  9\n"))
        #expect(text.contains("Filter F (2×2)\n  1   0\n  0  -1\n"))
        #expect(text.contains("O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22\n"))
        #expect(text.contains("O11 = 1·1 + 2·0 + 4·0 + 5·(-1) = -4\n"))
        #expect(text.contains("O22 = X22·F11 + X23·F12 + X32·F21 + X33·F22\n"))
        #expect(text.contains("O22 = 5·1 + 6·0 + 8·0 + 9·(-1) = -4\n"))
        #expect(text.contains("Output O (2×2)\n  -4  -4\n  -4  -4\n"))
    }

    @Test func convWithBiasAndPaddingShowsThePaddedInput() throws {
        let text = try human(["compute", "conv", "--input", "1 2; 3 4", "--filter", "1 1; 1 1", "--padding", "1",
                              "--bias", "10"])
        #expect(text.contains("Input X zero-padded by 1 (4×4)\n"
                              + "  0  0  0  0\n  0  1  2  0\n  0  3  4  0\n  0  0  0  0\n"))
        #expect(text.contains("O11 = 0·F11 + 0·F12 + 0·F21 + X11·F22 + b\n"))
        #expect(text.contains("O11 = 0·1 + 0·1 + 0·1 + 1·1 + 10 = 11\n"))
    }

    /// (3 − 1)·2 + (2 − 1) + 1 = 6 columns from 3, (2 − 1)·2 + 1 + 1 = 4 rows from 2: each axis names its size.
    @Test func transposedNamesEachAxisSize() throws {
        let text = try human(["compute", "transposed", "--input", "1 2 3; 4 5 6", "--filter", "1 1; 1 1",
                              "--stride", "2"])
        #expect(text.contains("Output height: (H − 1)·S − 2P + D·(K − 1) + A + 1 = "
                              + "(2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4\n"))
        #expect(text.contains("Output width:  (W − 1)·S − 2P + D·(K − 1) + A + 1 = "
                              + "(3 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 6\n"))
        #expect(text.contains("Filter turned by 180° (2×2)\n"))
        let signal = try human(["compute", "transposed", "--input", "[1, 2, 3]", "--filter", "[1, 1]", "--stride", "2"])
        #expect(signal.contains("Output length: (L − 1)·S"))
    }

    @Test func largeOutputsShowTheFirstTwentyStepsUnlessAll() throws {
        // 21×21 input, 1×1 filter: 441 outputs, more than 400.
        let row = (1...21).map(String.init).joined(separator: " ")
        let input = Array(repeating: row, count: 21).joined(separator: "; ")
        let text = try human(["compute", "conv", "--input", input, "--filter", "2"])
        #expect(text.contains("O1,20 = X1,20·F11\n"))
        #expect(text.contains("O1,20 = 20·2 = 40\n"))
        #expect(!text.contains("O1,21 = "))
        #expect(text.contains("421 more values of O left out (--all prints all)"))
        let all = try human(["compute", "conv", "--input", input, "--filter", "2", "--all"])
        #expect(all.contains("O21,21 = 21·2 = 42\n"))
        #expect(!all.contains("left out"))
    }

    @Test func backwardExplainsEveryGradient() throws {
        let text = try human(["compute", "backward", "--input", "1 2 3; 4 5 6; 7 8 9", "--filter", "1 0; 0 -1",
                              "--grad", "1 2; 3 4"])
        #expect(text.contains("∂L/∂F11 = ∂L/∂O11·X11 + ∂L/∂O12·X12 + ∂L/∂O21·X21 + ∂L/∂O22·X22\n"))
        #expect(text.contains("∂L/∂F11 = 1·1 + 2·2 + 3·4 + 4·5 = 37\n"))
        #expect(text.contains("∂L/∂X22 = "))
        #expect(text.contains("∂L/∂b = 1 + 2 + 3 + 4 = 10\n"))
        #expect(text.contains("∂L/∂X (3×3)\n  1   2   0\n  3   3  -2\n  0  -3  -4\n"))
    }

    @Test func poolShowsEachWindow() throws {
        let text = try human(["compute", "pool", "--mode", "avg", "--input", "1 3 2 1; 2 9 1 1; 1 3 2 3; 5 6 1 2",
                              "--size", "2"])
        #expect(text.contains("P21 = (X31 + X32 + X41 + X42)/4\n"))
        #expect(text.contains("P21 = (1 + 3 + 5 + 6)/4 = 15/4 = 3.75\n"))
        let max = try human(["compute", "pool", "--mode", "max", "--input", "1 3 2 1; 2 9 1 1; 1 3 2 3; 5 6 1 2",
                             "--size", "2",
                             "--grad", "1 2; 3 4"])
        #expect(max.contains("P11 = max(1, 3, 2, 9) = 9\n"))
        #expect(max.contains("∂L/∂X22 = ∂L/∂P11\n"))
    }

    @Test func fullConvShowsTheRotatedFilterAndPaddedGradient() throws {
        let text = try human(["compute", "full-conv", "--input", "1 2; 3 4", "--filter", "1 0; 0 -1"])
        #expect(text.contains("Filter F rotated by 180° (2×2)\n  -1  0\n   0  1\n"))
        #expect(text.contains("(4×4)\n  0  0  0  0\n  0  1  2  0\n  0  3  4  0\n  0  0  0  0\n"))
        #expect(text.contains("∂L/∂X22 = ∂L/∂O11·F22 + ∂L/∂O12·F21 + ∂L/∂O21·F12 + ∂L/∂O22·F11\n"))
    }

    @Test func sizeShowsTheArithmetic() throws {
        let text = try human(["compute", "size", "--input-size", "6", "--filter-size", "3", "--stride", "2"])
        #expect(text.contains("⌊(6 + 2·0 − 3)/2⌋ + 1 = ⌊3/2⌋ + 1 = 2"))
    }

    @Test func helpGoesToStdoutAndSucceeds() throws {
        let result = try CLI.run(["compute", "conv", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--input"))
        #expect(result.stderr.isEmpty)
    }
}
