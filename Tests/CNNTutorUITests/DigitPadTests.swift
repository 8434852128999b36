import CNNNetwork
import Testing
@testable import CNNTutorUI

/// `cnn-tutor play --digits`: drawing keys change the grid, [ ] pick the bundled images, and the network's ten
/// probabilities follow every change.
struct DigitPadTests {
    @Test func itStartsOnTheFirstHeldOutImageWithTheNetworksProbabilities() {
        let pad = DigitPadState()
        let image = Digits.heldOut[0]
        let forward = ForwardPass(weights: BundledNetwork.weights, images: [image])
        #expect(pad.pixels == image.pixels)
        #expect(pad.probabilities == forward.probabilities.values)
        #expect(pad.prediction == forward.predictions[0])
        #expect(abs(pad.probabilities.reduce(0, +) - 1) < 1e-12)
    }

    @Test func arrowsMoveWithinTheGridAndSpaceSwitchesAPixel() {
        var pad = DigitPadState()
        for _ in 0..<10 { _ = pad.update(.right) }
        _ = pad.update(.up)
        #expect((pad.cursorRow, pad.cursorColumn) == (0, 7))
        let before = pad.probabilities
        _ = pad.update(.character(" "))
        #expect(pad.cursorPixel == (Digits.heldOut[0].pixels[7] == 0 ? 16 : 0))
        #expect(pad.isEdited && pad.probabilities != before)
        _ = pad.update(.character("c"))
        let steps: [(Character, UInt8)] = [(" ", 16), ("+", 16), (" ", 0), ("+", 4), ("+", 8), ("-", 4), ("-", 0),
                                           ("-", 0)]
        for (key, value) in steps {
            _ = pad.update(.character(key))
            #expect(pad.cursorPixel == value, "after \(key)")
        }
    }

    @Test func bracketsPickTheBundledImagesAndCClears() {
        var pad = DigitPadState()
        _ = pad.update(.character("["))
        #expect(pad.imageIndex == Digits.heldOut.count - 1 && pad.pixels == Digits.heldOut.last!.pixels)
        _ = pad.update(.character("]"))
        _ = pad.update(.character("]"))
        #expect(pad.imageIndex == 1 && !pad.isEdited)
        _ = pad.update(.character("c"))
        #expect(pad.pixels.allSatisfy { $0 == 0 } && pad.isEdited)
        #expect(pad.update(.character("q")) == .quit)
    }

    @Test func theViewShowsTheGridTheTenProbabilitiesAndTheAnswerAt80By24() {
        var pad = DigitPadState(imageIndex: 9)
        let screen = DigitPadView.render(pad)
        #expect(screen.contains("Held-out image 10 of 500, a 3"))
        #expect(screen.contains("Probabilities p"))
        #expect((0...9).allSatisfy { screen.contains("\($0)  0.") || screen.contains("\($0)  1.") })
        #expect(screen.contains("The network reads a \(pad.prediction), p = "))
        _ = pad.update(.character(" "))
        #expect(DigitPadView.render(pad).contains("a 3, drawn on"))
        pad.options.ascii = true
        #expect(DigitPadView.render(pad).lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }
}
