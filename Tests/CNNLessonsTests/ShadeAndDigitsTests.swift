import CNNCore
import CNNNetwork
import Foundation
import Testing
@testable import CNNLessons
@testable import CNNText

/// `shade:` (grids drawn as shades, the ramp and each shown cell's place on it carried in the frame) and `digits:`
/// (grid numbers rounded for display, quizzes accepting the shown precision), and the plain text's picture.
struct ShadeAndDigitsTests {
    func player(_ steps: String, digits: String = "") throws -> LessonPlayer {
        let text = "id: sample\ntitle: A sample\nsummary: For tests.\n" + digits + "steps:\n" + steps
        return try LessonLoader.player(text: text, file: "t.yaml").get()
    }

    func problems(_ text: String) -> [String] {
        switch LessonLoader.player(text: text, file: "t.yaml") {
        case .success: return []
        case .failure(let issues): return issues.issues.map(\.description)
        }
    }

    // A 1×1 filter of 1 copies the input, so the output shows the same numbers.
    static let copy = """
          - op: conv
            input: "0.123456 1; -0.00123456 2"
            filter: "1"
            walk: values
            quiz:
              ask: What is O11?
              value: output
              at: [1, 1]

        """

    @Test func digitsRoundTheGridsOnlyAndTheComputedValuesStayExact() throws {
        let player = try player(Self.copy + "    expect: \"0.123456 1; -0.00123456 2\"\n", digits: "digits: 3\n")
        #expect(player.expectationIssues().isEmpty)
        let done = player.frame(at: player.stepCount - 1)
        #expect(done.grids[0].cells.map { $0.map(\.text) } == [["0.123", "1"], ["-0.00123", "2"]])
        #expect(done.grids.last!.cells.map { $0.map(\.text) } == [["0.123", "1"], ["-0.00123", "2"]])
        // The formula keeps every digit: it is the explanation, not the picture.
        #expect(player.frame(at: 1).formula?.numeric.contains("0.123456") == true)
        let full = try self.player(Self.copy)
        #expect(full.frame(at: full.stepCount - 1).grids[0].cells[0][0].text == "0.123456")
    }

    @Test func aQuizUnderDigitsAcceptsHalfAUnitOfTheLastDigitShownAndSaysSo() throws {
        let quiz = try #require(try player(Self.copy, digits: "digits: 3\n").frame(at: 0).quiz)
        // 0.123456 to three digits is 0.123: half a unit of the third digit is 0.0005.
        #expect(quiz.tolerance == 0.0005)
        #expect(quiz.question == "What is O11? (3 significant digits: within ±0.0005)")
        #expect(quiz.check("0.123") == .right)       // 0.000456 away
        #expect(quiz.check("0.123456") == .right)
        #expect(quiz.check("0.1239") == .right)      // 0.000444 away
        #expect(quiz.check("0.124") == .wrong)       // 0.000544 away
        #expect(quiz.check("0.1229") == .wrong)      // 0.000556 away
        let exact = try #require(try player(Self.copy).frame(at: 0).quiz)
        #expect(exact.tolerance == nil && exact.check("0.123") == .wrong && exact.question == "What is O11?")
    }

    @Test func aQuizWhoseAnswerTheGridShowsExactlyKeepsTheExactCheck() throws {
        let steps = Self.copy.replacingOccurrences(of: "at: [1, 1]", with: "at: [2, 2]")
        let quiz = try #require(try player(steps, digits: "digits: 3\n").frame(at: 0).quiz)
        #expect(quiz.tolerance == nil && quiz.answer == 2 && quiz.check("2.0004") == .wrong)
    }

    @Test func digitsOutsideOneToTwelveAreRefusedAtTheField() {
        for bad in ["0", "13", "four"] {
            let text = "id: sample\ntitle: A sample\nsummary: For tests.\ndigits: \(bad)\nsteps:\n" + Self.copy
            #expect(problems(text) == ["t.yaml:4:9: error: digits must be a whole number from 1 to 12"])
        }
    }

    @Test func aDigitByNameShadesItsInputOnTheRampOfItsOwnValues() throws {
        let player = try player("  - op: flatten\n    input: {digit: held-out, index: 10}\n    walk: result\n")
        let frame = player.frame(at: 0)
        let pixels = Digits.heldOut[9].pixels.map(Double.init)
        let (low, high) = (pixels.min()!, pixels.max()!)
        #expect(frame.grids[0].shading == Shading(low: low, high: high))
        for (index, cell) in frame.grids[0].cells.joined().enumerated() {
            #expect(cell.shade == (pixels[index] - low) / (high - low))
        }
        #expect(frame.grids.dropFirst().allSatisfy { grid in
            grid.shading == nil && grid.cells.joined().allSatisfy { $0.shade == nil }
        })
    }

    static let shadedConv = """
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            walk: values

        """

    @Test func shadeChoosesGridsByRoleAndFalseTurnsTheDigitsOff() throws {
        let roles = { (field: String) throws -> [GridRole] in
            let frame = try self.player(Self.shadedConv + field).frame(at: 3)
            return frame.grids.filter { $0.shading != nil }.map(\.role)
        }
        #expect(try roles("") == [])
        #expect(try roles("    shade: [output]\n") == [.output])
        #expect(try roles("    shade: true\n") == [.input, .filter, .output])
        let digit = "  - op: flatten\n    input: {digit: held-out, index: 1}\n    shade: false\n"
        #expect(try player(digit).frame(at: 0).grids.allSatisfy { $0.shading == nil })
        let text = "id: sample\ntitle: A sample\nsummary: For tests.\nsteps:\n" + Self.shadedConv
            + "    shade: [inputs]\n"
        #expect(problems(text) == ["t.yaml:9:12: error: shade must be true, false or a list of grid roles "
                                   + "(input, filter, output, gradient, derived)"])
    }

    @Test func aValueNotShownYetHasNoShadeSoNoShadeGivesItAway() throws {
        let player = try player(Self.shadedConv + "    shade: true\n    quiz:\n      ask: What is O22?\n"
                                + "      value: output\n      at: [2, 2]\n")
        for index in 0..<player.stepCount {
            for cell in player.frame(at: index).grids.flatMap({ $0.cells.joined() }) {
                #expect((cell.shade == nil) == cell.text.isEmpty, "frame \(index + 1)")
            }
        }
        // The output's ramp: −4 everywhere (X11 − X22 and its shifts), one value, so every shade is 0.
        let output = player.frame(at: player.stepCount - 1).grids.last!
        #expect(output.shading == Shading(low: -4, high: -4) && output.cells.joined().allSatisfy { $0.shade == 0 })
    }

    @Test func theFrameCarriesShadesInJSONOnlyWhereAGridIsShaded() throws {
        let encoder = JSONEncoder()
        let plain = String(decoding: try encoder.encode(try player(Self.shadedConv).frame(at: 4)), as: UTF8.self)
        #expect(!plain.contains("shad"))
        let shaded = try player(Self.shadedConv + "    shade: [input]\n").frame(at: 4)
        let decoded = try JSONDecoder().decode(Frame.self, from: try encoder.encode(shaded))
        #expect(decoded == shaded && decoded.grids[0].shading == Shading(low: 1, high: 9))
        #expect(decoded.grids[0].cells[1][1].shade == 0.5)
    }

    @Test func plainTextDrawsAShadedGridAsAPictureBesideItsNumbers() throws {
        let frame = try player(Self.shadedConv + "    shade: [input]\n").frame(at: 4)
        let text = FrameText(style: .plain).render(frame)
        // 1 … 9 on a ramp of five: 1 blank, 2 and 3 light, 5 the middle, 8 and 9 full.
        #expect(text.contains("as shades, 1 to 9"))
        #expect(text.contains("│  ░░░░│"))
        #expect(text.contains("│▒▒▒▒▓▓│"))
        #expect(text.contains("│▓▓████│"))
        let ascii = FrameText(style: .plain, ascii: true).render(frame)
        #expect(ascii.contains("|++####|") && ascii.contains("+------+"))
        #expect(!FrameText(style: .plain).render(try player(Self.shadedConv).frame(at: 4)).contains("as shades"))
    }
}

/// A cropped grid's title names the axes cropped, and only those.
struct CroppedTitleTests {
    @Test func aGridCroppedInColumnsOnlySaysColumns() throws {
        let row = (1...20).map(String.init).joined(separator: " ")
        // Two rows: a one-row signal shows up to 24 cells whole.
        let text = "id: sample\ntitle: A sample\nsummary: For tests.\nsteps:\n  - op: conv\n"
            + "    input: \"\(row); \(row)\"\n"
            + "    filter: \"1\"\n    walk: result\n"
        let player = try LessonLoader.player(text: text, file: "t.yaml").get()
        let titles = player.frame(at: 0).grids.map(\.title)
        #expect(titles == ["Input X columns 1–12 of 20", "Filter F", "Output O columns 1–12 of 20"])
    }
}
