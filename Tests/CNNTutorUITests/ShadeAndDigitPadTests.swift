import CNNCore
import CNNLessons
import CNNNetwork
import Testing
@testable import CNNTutorUI

/// The tutor draws a shaded grid as shades and `v` shows its numbers; the playground's `n` opens the digit pad,
/// drawn as shades, whose probabilities follow every key, and q comes back: state → update → view.
struct ShadeAndDigitPadTests {
    let entries = bundledEntries()

    /// The frame of lesson 25 that shows the digit as a flattened list: its input is the digit by name.
    func digitStep() throws -> (TutorState, Frame) {
        let source = try #require(entries.first { $0.id == "digit-forward" }?.current)
        let step = try #require((0..<source.stepCount).first {
            source.frame(at: $0).heading == "The digit, as numbers"
        })
        let tutor = TutorState(entries: entries, width: 80, height: 24, startLesson: "digit-forward", startStep: step)
        return (tutor, try #require(tutor.frame))
    }

    @Test func theDigitIsDrawnAsShadesAndVShowsItsNumbers() throws {
        var (tutor, frame) = try digitStep()
        let digit = frame.grids[0]
        #expect(digit.shading != nil)
        let screen = TutorView.render(tutor)
        // Image 10 of the held-out set: its darkest pixels are full blocks, two a cell.
        #expect(screen.lines.contains { $0.contains("██ ██") })
        tutor.update(.character("v"))
        let numbers = TutorView.render(tutor)
        #expect(!numbers.lines.contains { $0.contains("█") || $0.contains("░") })
        #expect(tutor.showShades == false)
        tutor.update(.character("v"))
        #expect(tutor.message == "shades: v shows their numbers")
        tutor.message = nil
        #expect(TutorView.render(tutor).lines == screen.lines)
    }

    @Test func anASCIIScreenDrawsTheShadesWithASCII() throws {
        let (_, frame) = try digitStep()
        var ascii = TutorState(entries: entries, options: TutorOptions(ascii: true), width: 80, height: 24,
                               startLesson: "digit-forward", startStep: frame.stepIndex)
        let screen = TutorView.render(ascii)
        #expect(screen.lines.contains { $0.contains("## ##") })
        #expect(screen.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        ascii.update(.character("s"))
        // Symbols win over shades.
        #expect(TutorView.render(ascii).lines.contains { $0.contains("X11") })
    }

    @Test func theVKeyIsInTheHelpGeneratedFromTheKeymap() {
        #expect(Keymap.lesson.action(for: .character("v")) == LessonAction.shades)
        #expect(Keymap.discussion().contains("shades ↔ numbers"))
        var plain = TutorState(entries: entries, width: 80, height: 24, startLesson: "forward-pass", startStep: 3)
        plain.update(.character("v"))
        #expect(plain.message == "no grid of this step is drawn as shades" && plain.showShades)
    }

    @Test func shadeRampRunsFromBlankToFullInk() {
        #expect(ShadeRamp.cell(0, ascii: false) == "  " && ShadeRamp.cell(1, ascii: false) == "██")
        #expect((0...4).map { ShadeRamp.glyph(Double($0) / 4, ascii: false) } == [" ", "░", "▒", "▓", "█"])
        #expect((0...4).map { ShadeRamp.glyph(Double($0) / 4, ascii: true) } == [" ", ".", ":", "+", "#"])
        #expect(ShadeRamp.glyph(-3, ascii: false) == " " && ShadeRamp.glyph(7, ascii: false) == "█")
    }

    func playground() throws -> PlaygroundState {
        try PlaygroundState(settings: PlaygroundSettings(), seed: 1)
    }

    @Test func nOpensTheDigitPadFromThePlaygroundAndQComesBack() throws {
        var state = try playground()
        let before = state
        #expect(state.update(.character("n")) == .none)
        let pad = try #require(state.digitPad)
        #expect(pad.pixels == Digits.heldOut[0].pixels)
        let screen = PlaygroundView.render(state)
        #expect(screen.lines.contains { $0.contains("Held-out image 1 of 500") })
        #expect(screen.lines.contains { $0.contains("Pixels as shades, 0 to 16") })
        #expect(screen.lines.last!.contains("? help"))
        // Keys are the pad's while it is open: q leaves it, not the playground.
        #expect(state.update(.character("q")) == .none)
        #expect(state.digitPad == nil && state.message == "back from the digit pad")
        state.message = nil
        #expect(state == before)
    }

    @Test func drawingWithArrowsAndSpaceUpdatesTheTenProbabilitiesLive() throws {
        var state = try playground()
        state.update([.character("n"), .character("c")])
        let blank = try #require(state.digitPad)
        #expect(blank.pixels.allSatisfy { $0 == 0 })
        // A vertical stroke down column 4: the network's probabilities after each pixel are its forward pass.
        for row in 0..<8 {
            state.update([.character(" ")])
            let pad = try #require(state.digitPad)
            var pixels = [UInt8](repeating: 0, count: 64)
            for drawn in 0...row { pixels[drawn * 8] = 16 }
            #expect(pad.pixels == pixels)
            let input = try Tensor(shape: [1, 1, 8, 8], values: pixels.map { Double($0) / 16 })
            let forward = ForwardPass(weights: BundledNetwork.weights, input: input, labels: [0])
            #expect(pad.probabilities == forward.probabilities.values)
            state.update(.down)
        }
        let screen = PlaygroundView.render(state)
        let pad = try #require(state.digitPad)
        #expect(screen.lines.contains { $0.contains("The network reads a \(pad.prediction)") })
        let source = "Held-out image 1 of 500, a \(Digits.heldOut[0].label), drawn on"
        #expect(screen.lines.contains { $0.contains(source) })
    }

    @Test func theDigitPadPicksImagesSwitchesToNumbersAndShowsItsHelp() throws {
        var state = try playground()
        state.update([.character("n"), .character("]"), .character("]")])
        #expect(state.digitPad?.imageIndex == 2 && state.digitPad?.pixels == Digits.heldOut[2].pixels)
        state.update(.character("["))
        #expect(state.digitPad?.imageIndex == 1)
        let shades = PlaygroundView.render(state)
        state.update(.character("v"))
        let numbers = PlaygroundView.render(state)
        // The pixel grid takes the first 26 columns; the probability bars beside it are blocks in both.
        let grid = { (screen: Screen) in screen.lines.map { String($0.prefix(26)) } }
        #expect(grid(shades).contains { $0.contains("███") } && !grid(numbers).contains { $0.contains("█") })
        #expect(numbers.lines.contains { $0.contains("Pixels, 0 to 16") && !$0.contains("shades") })
        state.update(.character("?"))
        let help = PlaygroundView.render(state)
        for (keys, action) in DigitPadKeymap.helpRows {
            #expect(help.lines.contains { $0.contains(keys) && $0.contains(action) }, "\(keys)")
        }
        state.update(.character("x"))
        #expect(state.digitPad?.showingHelp == false && state.digitPad != nil)
        #expect(PlaygroundKeymap.discussion().contains("On the digit pad (n, or play --digits):"))
    }

    @Test func theDigitPadFitsAt60By20AndInASCII() throws {
        var pad = DigitPadState(options: TutorOptions(ascii: true), width: 60, height: 20)
        let screen = DigitPadView.render(pad)
        #expect(screen.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(screen.lines.contains { $0.contains("###") })
        #expect(screen.lines.contains { $0.contains("9  0.") || $0.contains("9  1.") })
        _ = pad.update(.character("?"))
        #expect(DigitPadView.render(pad).lines.contains { $0.contains("Any key closes this help.") })
    }
}
