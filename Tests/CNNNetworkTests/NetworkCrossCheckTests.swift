import CNNCore
import Foundation
import Testing
@testable import CNNNetwork

/// The trained network's forward and backward values on every held-out image, against the independent numpy
/// implementation in Tests/crosscheck/network_crosscheck.py run on the exported weights.
struct NetworkCrossCheckTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyHeldOutImageAgreesWithNumpyToOnePartInABillion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("network-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let weightsURL = folder.appendingPathComponent("weights.json")
        let resultsURL = folder.appendingPathComponent("results.json")
        try Data(WeightsFile.json(Trained.run).utf8).write(to: weightsURL)
        try Data(Self.results(weights: Trained.run.weights, images: Digits.heldOut).utf8).write(to: resultsURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("Tests/crosscheck/network_crosscheck.py").path,
                             weightsURL.path, resultsURL.path,
                             Self.root.appendingPathComponent("Data/digits/held-out.txt").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let summary = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(process.terminationStatus == 0, "numpy and scipy are installed by .ci/install-deps:\n\(text)")
        // 500 images × 8 checks, and the batch's 5.
        #expect(summary == "network crosscheck: 4006 passed, 0 failed", "\(text.suffix(3000))")
    }

    /// What the Swift network computes for each image alone, and the gradients of the mean loss over all of them.
    static func results(weights: NetworkWeights, images: [DigitImage]) -> String {
        let perImage = images.map { image -> String in
            let forward = ForwardPass(weights: weights, images: [image])
            var fields = ["\"index\": \(image.sourceIndex)", "\"scores\": " + list(forward.dense.forward().values),
                          "\"probabilities\": " + list(forward.probabilities.values),
                          "\"loss\": \(forward.loss.loss(sample: 0))"]
            fields += gradientFields(forward.backward().gradients)
            return "{" + fields.joined(separator: ", ") + "}"
        }
        let batch = ForwardPass(weights: weights, images: images)
        let batchFields = ["\"loss\": \(batch.meanLoss)"] + gradientFields(batch.backward().gradients)
        return "{\"images\": [\n" + perImage.joined(separator: ",\n") + "],\n\"batch\": {"
            + batchFields.joined(separator: ", ") + "}}\n"
    }

    static func gradientFields(_ gradients: NetworkGradients) -> [String] {
        ["\"grad_filters\": " + list(gradients.filters.values), "\"grad_filter_bias\": " + list(gradients.filterBias),
         "\"grad_dense_weights\": " + list(gradients.denseWeights.values),
         "\"grad_dense_bias\": " + list(gradients.denseBias)]
    }

    /// Shortest round-trip decimals: the doubles themselves.
    static func list(_ values: [Double]) -> String { "[" + values.map { "\($0)" }.joined(separator: ", ") + "]" }
}
