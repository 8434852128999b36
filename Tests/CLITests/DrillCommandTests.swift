import Foundation
import Testing

/// `cnn-tutor drill` through the built binary, answers piped in (the plain, line-by-line drill). Each answer is
/// worked out from `cnn-tutor problem --json` for the kind and seed the drill printed.
struct DrillCommandTests {
    func stateFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("drill-cli-\(UUID().uuidString)")
    }

    /// The last "Problem N: title (kind, seed S)" line of `output`.
    func lastProblem(_ output: String) throws -> (kind: String, seed: String) {
        let line = try #require(output.split(separator: "\n").last { $0.hasPrefix("Problem ") })
        let inside = try #require(line.split(separator: "(").last?.dropLast())
        let parts = inside.components(separatedBy: ", seed ")
        return (parts[0], parts[1])
    }

    func answer(kind: String, seed: String) throws -> String {
        let (_, object) = try CLI.json(["problem", "--kind", kind, "--seed", seed])
        return try #require(object["answer"] as? String)
    }

    func drill(_ lines: [String], state: URL) throws -> CLI.Result {
        try CLI.run(["drill", "--seed", "11", "--student", "ann"], stdin: lines.map { $0 + "\n" }.joined(),
                    environment: ["XDG_STATE_HOME": state.path])
    }

    /// Three right answers (each run replays the same drill, one answer further), then a wrong one and the
    /// solution: drill.json records four answers, the first three right.
    @Test func rightAndWrongAnswersAreRecorded() throws {
        var answers: [String] = []
        for _ in 0..<3 {
            let state = stateFolder()
            defer { try? FileManager.default.removeItem(at: state) }
            let result = try drill(answers + ["q"], state: state)
            #expect(result.status == 0, "\(result.stderr)")
            let problem = try lastProblem(result.stdout)
            answers.append(try answer(kind: problem.kind, seed: problem.seed))
        }
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let result = try drill(answers + ["999999", "s", "q"], state: state)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "Right: ").count - 1 == 3)
        #expect(result.stdout.contains("999999 is not right"))
        #expect(result.stdout.contains("Drill ended after 4 problem(s)."))
        let data = try Data(contentsOf: state.appendingPathComponent("cnn-tutor/drill.json"))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(file["student"] as? String == "ann" && file["format"] as? String == "cnn-tutor drill")
        let saved = try #require(file["answers"] as? [[String: Any]])
        #expect(saved.map { $0["right"] as? Bool } == [true, true, true, false])
        #expect(saved.first?["kind"] as? String == "convolution-value")
    }

    @Test func aSecondDrillAddsToTheFirstsAnswers() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        for _ in 0..<2 { _ = try drill(["s", "q"], state: state) }
        let data = try Data(contentsOf: state.appendingPathComponent("cnn-tutor/drill.json"))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((file["answers"] as? [Any])?.count == 2)
    }

    @Test func badSettingsAreRefused() throws {
        try CLI.expectRefusal(["drill", "--student", "\u{1B}[2J"], json: false, mentioning: "--student")
        try CLI.expectRefusal(["drill", "--kind", "no-such-kind"], json: false, mentioning: "convolution-value")
    }
}
