import Foundation
import Testing

/// `cnn-tutor train` without a terminal: one line per epoch, the weights saved, the same seed the same file.
struct TrainCommandTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func withoutATerminalItPrintsALinePerEpochAndSavesTheWeights() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("weights.json").path
        let result = try CLI.run(["train", "--epochs", "2", "--save", file])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines[1].hasPrefix("epoch 1/2  loss ") && lines[2].hasPrefix("epoch 2/2  loss "))
        #expect(lines[3].hasPrefix("Held-out accuracy after 2 epochs: "))
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(saved.utf8)) as? [String: Any])
        #expect(object["epochs"] as? Int == 2 && object["seed"] as? Int == 1)
        #expect((object["filters"] as? [[[[Double]]]])?.count == 4)
        #expect((object["dense_weights"] as? [[Double]])?.map(\.count) == Array(repeating: 36, count: 10))
    }

    @Test func theSameSeedSavesTheSameFileAndAnotherSeedAnother() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func train(seed: String, name: String) throws -> String {
            let file = folder.appendingPathComponent(name).path
            let result = try CLI.run(["train", "--epochs", "1", "--seed", seed, "--learning-rate", "0.2",
                                      "--batch-size", "25", "--save", file])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return try String(contentsOfFile: file, encoding: .utf8)
        }
        let first = try train(seed: "5", name: "a.json")
        #expect(try train(seed: "5", name: "b.json") == first)
        #expect(try train(seed: "6", name: "c.json") != first)
    }

    @Test(arguments: [
        (["train", "--epochs", "0"], "--epochs"),
        (["train", "--learning-rate", "0"], "--learning-rate"),
        (["train", "--batch-size", "501"], "--batch-size"),
        (["train", "--save", "/nonexistent-folder/weights.json"], "--save"),
    ] as [([String], String)])
    func refusals(arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, json: false, mentioning: fragment)
    }
}
