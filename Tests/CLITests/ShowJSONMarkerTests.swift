import Foundation
import Testing

/// `show --fine --format json` on a walk longer than `--max-values`: the values left out are one marker line, as
/// in the text, where the output used to repeat the lesson's first frame (issue 16, item 8).
struct ShowJSONMarkerTests {
    @Test(arguments: ["channels-and-batch-backward", "efficiency"])
    func leftOutValuesAreOneMarkerLine(id: String) throws {
        try CLI.requireBinary()
        let json = try CLI.run(["show", id, "--fine", "--format", "json"])
        let text = try CLI.run(["show", id, "--fine", "--plain"])
        #expect(json.status == 0 && text.status == 0)
        let lines = json.stdout.split(separator: "\n").map(String.init)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let markers = objects.filter { $0["notShown"] != nil }
        let textMarkers = text.stdout.split(separator: "\n").filter { $0.hasPrefix("… ") && $0.contains("more value") }
        #expect(!markers.isEmpty && markers.count == textMarkers.count)
        for (marker, line) in zip(markers, textMarkers) {
            #expect(marker["note"] as? String == String(line))
            #expect((marker["notShown"] as? Int).map { line.hasPrefix("… \($0) more value(s)") } == true)
        }
        // Every other line is a frame, and the first frame is printed once only.
        let frames = objects.filter { $0["notShown"] == nil }
        #expect(frames.allSatisfy { $0["stepIndex"] is Int })
        #expect(frames.filter { $0["stepIndex"] as? Int == 0 }.count == 1)
    }
}
