import Foundation
import Testing

/// `show --index-base` and `--flip` through the real binary, on forward-pass: X = 4 3 1 / 8 6 7 / 9 5 2,
/// F = 1 −2 / 3 −3. Expected lines worked by hand.
struct ShowConventionsTests {
    @Test func fromZeroRenamesEveryFormula() throws {
        let result = try CLI.run(["show", "forward-pass", "--step", "6", "--index-base", "0"])
        #expect(result.status == 0)
        // O11 of the slides is O00: 4·1 + 3·(−2) + 8·3 + 6·(−3) = 4.
        #expect(result.stdout.contains("O00 = X00·F00 + X01·F01 + X10·F10 + X11·F11"))
        #expect(result.stdout.contains("O00 = 4·1 + 3·(-2) + 8·3 + 6·(-3) = 4"))
        #expect(!result.stdout.contains("X11·F11 + X12"))
        let slides = try CLI.run(["show", "forward-pass", "--step", "6", "--index-base", "1"])
        #expect(slides.stdout == (try CLI.run(["show", "forward-pass", "--step", "6"])).stdout)
        #expect(slides.stdout.contains("O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22"))
    }

    @Test func fromZeroInJsonSymbolsAndMarkdownQuiz() throws {
        let json = try CLI.run(["show", "forward-pass", "--step", "6", "--format", "json", "--index-base", "0"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"symbol\":\"X22\""))
        #expect(json.stdout.contains("\"symbolic\":\"O00 = X00·F00 + X01·F01 + X10·F10 + X11·F11\""))
        let markdown = try CLI.run(["show", "forward-pass", "--format", "markdown", "--index-base", "0"])
        #expect(markdown.stdout.contains("What is O01?"))
        #expect(!markdown.stdout.contains("What is O12?"))
    }

    @Test func flipShowsTrueConvolution() throws {
        let result = try CLI.run(["show", "forward-pass", "--step", "11", "--flip"])
        #expect(result.status == 0)
        // O12 with F turned 180°: 3·(−3) + 1·3 + 6·(−2) + 7·1 = −11.
        #expect(result.stdout.contains("O12 = X12·F22 + X13·F21 + X22·F12 + X23·F11"))
        #expect(result.stdout.contains("O12 = 3·(-3) + 1·3 + 6·(-2) + 7·1 = -11"))
        #expect(result.stdout.contains("Shown as true convolution"))
        let both = try CLI.run(["show", "forward-pass", "--step", "11", "--flip", "--index-base", "0"])
        #expect(both.stdout.contains("O01 = X01·F11 + X02·F10 + X11·F01 + X12·F00"))
    }

    @Test func aBaseOtherThanZeroOrOneIsAOneLineError() throws {
        let result = try CLI.run(["show", "forward-pass", "--index-base", "2"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--index-base must be 0 or 1, got 2"))
    }

    @Test func latexFollowsTheBaseAndScriptsRefuseTheFlip() throws {
        let latex = try CLI.run(["show", "forward-pass", "--format", "latex", "--index-base", "0"])
        #expect(latex.status == 0)
        #expect(latex.stdout.contains("O_{00} &= X_{00}F_{00} + X_{01}F_{01} + X_{10}F_{10} + X_{11}F_{11}"))
        #expect(!latex.stdout.contains("O_{11} &= X_{11}F_{11}"))
        let script = try CLI.run(["show", "forward-pass", "--format", "numpy", "--flip"])
        #expect(script.status == 64)
        #expect(script.stdout.isEmpty)
        #expect(script.stderr.contains("--flip does not apply to --format numpy"))
    }
}
