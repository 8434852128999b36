import Foundation
import Testing
@testable import CNNNetwork

/// The digits embedded in the binary are the committed data files, whole and well formed.
struct DigitsDataTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/digits")

    @Test func embeddedTextsEqualTheDataFiles() throws {
        let training = try String(contentsOf: Self.folder.appendingPathComponent("training.txt"), encoding: .utf8)
        let heldOut = try String(contentsOf: Self.folder.appendingPathComponent("held-out.txt"), encoding: .utf8)
        #expect(DigitsData.training == training, "run Data/digits/extract.py to regenerate DigitsData.swift")
        #expect(DigitsData.heldOut == heldOut, "run Data/digits/extract.py to regenerate DigitsData.swift")
    }

    @Test func fiveHundredImagesEachOfEveryDigitWithNoneShared() {
        #expect(Digits.training.count == 500 && Digits.heldOut.count == 500)
        for set in [Digits.training, Digits.heldOut] {
            #expect(Set(set.map(\.label)) == Set(0...9))
            #expect(set.allSatisfy { $0.pixels.count == 64 && $0.pixels.allSatisfy { $0 <= 16 } })
        }
        let trainingSources = Set(Digits.training.map(\.sourceIndex))
        #expect(trainingSources.count == 500)
        #expect(trainingSources.isDisjoint(with: Digits.heldOut.map(\.sourceIndex)))
    }

    @Test func aLineReadsAsLabelAndPixels() {
        // "g" is 16, "a" 10: the first row of this 2 is 0 0 11 16 15 3 0 0.
        let line = "1081 2 00bgf30005gcbd0003d15f000000cb000001g700000af00000cggb1000dd8dg8"
        let image = Digits.parse("# a comment\n" + line + "\n")
        #expect(image.count == 1)
        #expect(image[0].sourceIndex == 1081 && image[0].label == 2)
        #expect(Array(image[0].pixels.prefix(8)) == [0, 0, 11, 16, 15, 3, 0, 0])
        #expect(image[0].scaledPixels[3] == 1)
    }
}
