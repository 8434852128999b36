import CNNLessons
import Foundation
import Testing

/// Issue 18 item 6: a script numbers its steps as the tutor does, and checks its numbers against the tutor's.
extension ExportScriptTests {
    /// The file's step 4 of the forward pass is the tutor's steps 7–11; its report carries the tutor's output
    /// O = 4 −2 / 8 1 (worked by hand in `theNumpyScriptOfTheForwardPassPrintsTheHandWorkedOutput`).
    static let forwardPassStep4Report = "report(\"steps 7\\u201311\", s4, tutor={\n    \"output\": [[4, -2], [8, 1]],"

    @Test func aTamperedTutorValueFailsTheScriptNamingItsStep() throws {
        let script = try exportedScript("forward-pass", format: "numpy")
        #expect(script.components(separatedBy: Self.forwardPassStep4Report).count == 2, "one such report")
        let tampered = script.replacingOccurrences(
            of: Self.forwardPassStep4Report,
            with: Self.forwardPassStep4Report.replacingOccurrences(of: "[8, 1]]", with: "[8, 2]]"))
        let player = try #require(try Self.bundledPlayer("forward-pass"))
        let tutorValues = (0..<player.lesson.steps.count).flatMap { player.results(ofStep: $0).values }
            .map(\.values.count).reduce(0, +)
        let original = try Self.run(script), changed = try Self.run(tampered)
        #expect(original.status == 0 && changed.status == 1)
        let originalLines = original.output.split(separator: "\n"), changedLines = changed.output.split(separator: "\n")
        #expect(originalLines.last == "all \(tutorValues) values agree with the tutor")
        // The script's own numbers are untouched: the same result lines, then what differs, then the verdict.
        // O22 (row 1, column 1 from 0) is 1 in the script and 2 in the tampered report.
        #expect(changedLines.dropLast(2) == originalLines.dropLast())
        #expect(changedLines.suffix(2) == [
            "steps 7–11 output: 1 of 4 values differ; at [1, 1] (from 0) the script has 1.0, the tutor 2.0",
            "1 of \(tutorValues) values differ from the tutor",
        ])
    }

    /// python3 on `script`, whatever its exit status.
    static func run(_ script: String) throws -> Python.Output {
        let file = try Python.temporaryFile(script)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Python.run([file.path])
    }

    /// The steps each result line and each step's comment name are the frames `show --format json` gives the
    /// step (`stepIndex`, 0-based); the frames of a lesson step are those under its heading.
    @Test(arguments: ["forward-pass", "stride-backward"])
    func theScriptsStepsAreTheFramesOfShow(id: String) throws {
        let show = try CLI.run(["show", id, "--format", "json", "--fine", "--max-values", "1000000"])
        #expect(show.status == 0, "\(show.stderr)")
        var frames: [(heading: String, steps: ClosedRange<Int>)] = []
        for line in show.stdout.split(separator: "\n") {
            let frame = try JSONDecoder().decode(Frame.self, from: Data(line.utf8))
            let number = frame.stepIndex + 1
            if let last = frames.last, last.heading == frame.heading, last.steps.upperBound + 1 == number {
                frames[frames.count - 1].steps = last.steps.lowerBound...number
            } else {
                frames.append((frame.heading, number...number))
            }
        }
        let script = try exportedScript(id, format: "numpy")
        let headings = Self.stepComments(script)
        let player = try #require(try Self.bundledPlayer(id))
        #expect(headings.count == player.lesson.steps.filter { $0.computation != nil }.count)
        #expect(headings.count > 1, "several computation steps")
        for heading in headings {
            #expect(frames.contains { $0.heading == heading.title && $0.steps == heading.steps }, "\(heading)")
        }
        let printed = try Python.results(of: script)
        #expect(Set(printed.results.keys.map(\.steps)) == Set(headings.map(\.steps)))
    }

    /// The `# Step N: title (file:line)` and `# Steps N–M: title (file:line)` comments that head each step.
    static func stepComments(_ script: String) -> [(steps: ClosedRange<Int>, title: String)] {
        script.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("# Step"), let colon = line.range(of: ": "),
                  let place = line.range(of: " (", options: .backwards) else { return nil }
            let label = line[line.index(line.startIndex, offsetBy: 2)..<colon.lowerBound].split(separator: " ")
            guard label.count == 2, let steps = Python.tutorSteps(Substring(label[0].lowercased()), label[1]) else {
                return nil
            }
            return (steps, String(line[colon.upperBound..<place.lowerBound]))
        }
    }
}
