import Foundation
import Testing
@testable import CNNNetwork

/// The weights the lessons load by name are the shipped files, and training again with the settings they record
/// gives them bit for bit.
struct BundledNetworkTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/weights")

    func file(_ name: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func embeddedTextsEqualTheWeightsFiles() throws {
        #expect(WeightsData.tinyCNN == (try file("tiny-cnn.json")), "run `swift run train-bundled` to regenerate")
        #expect(WeightsData.denseFirst == (try file("dense-first.json")), "run `swift run train-bundled` to regenerate")
    }

    @Test func retrainingTheCNNWithItsSeedReproducesTheFileBitForBit() throws {
        // The default settings, as `cnn-tutor train` and train-bundled use them; the file records them.
        let text = try file("tiny-cnn.json")
        #expect(text.contains("\"seed\": \(TrainingSettings.defaultSeed),"))
        #expect(WeightsFile.json(Trained.run) == text)
        #expect(BundledNetwork.weights == Trained.run.weights)
    }

    @Test func retrainingTheDenseTwinWithItsSeedReproducesTheFileBitForBit() throws {
        var run = SGDRun<DenseFirstWeights>(settings: TrainingSettings())
        while !run.isFinished { run.step() }
        #expect(WeightsFile.json(run) == (try file("dense-first.json")))
        #expect(BundledNetwork.denseFirst == run.weights)
    }

    @Test func theTwinDiffersFromTheCNNInItsFirstLayerOnly() {
        #expect(NetworkWeights.parameterCount == 4 * 9 + 4 + 10 * 36 + 10)
        #expect(DenseFirstWeights.parameterCount == 144 * 64 + 144 + 10 * 36 + 10)
        #expect(Array(NetworkWeights.tensorShapes.suffix(2).map(\.shape))
                == Array(DenseFirstWeights.tensorShapes.suffix(2).map(\.shape)))
        #expect(DenseFirstWeights.summary.hasSuffix(String(TinyCNN.summary.split(separator: "→", maxSplits: 1)[1])))
    }

    @Test func aShiftedDigitMovesItsPixelsAndKeepsItsLabel() {
        let image = Digits.heldOut[9]
        let moved = image.shifted(rows: 1, columns: -2)
        #expect(moved.label == image.label)
        // Pixel (r, c) comes from (r − 1, c + 2); the first row and the last two columns fill with zeros.
        #expect(moved.pixels[1 * 8 + 3] == image.pixels[0 * 8 + 5])
        #expect(moved.pixels.prefix(8).allSatisfy { $0 == 0 })
        #expect((0..<8).allSatisfy { moved.pixels[$0 * 8 + 6] == 0 && moved.pixels[$0 * 8 + 7] == 0 })
        #expect(image.shifted(rows: 0, columns: 0) == image)
    }
}
