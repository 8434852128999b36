import Foundation
import Testing

extension TmuxSuites {
    /// The drill and the tutor's student name in a real (tmux) terminal, each with its own XDG_STATE_HOME.
    @Suite("Drills and the student's name in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct CourseworkEndToEndTests {
        /// The kind and seed on the screen's "Problem N: … (kind, seed S)" line for problem `number`.
        func problem(_ number: Int, on screen: String) throws -> (kind: String, seed: String) {
            let line = try #require(screen.split(separator: "\n").first { $0.hasPrefix("Problem \(number): ") })
            let parts = try #require(line.split(separator: "(").last?.dropLast()).components(separatedBy: ", seed ")
            return (parts[0], parts[1])
        }

        /// The answer `cnn-tutor problem --json` gives for that problem.
        func answer(_ problem: (kind: String, seed: String)) throws -> String {
            let output = try run(tutorBinary, ["problem", "--kind", problem.kind, "--seed", problem.seed, "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            return try #require(object?["answer"] as? String)
        }

        /// A right answer, a slip with its hint, the solution, then q: the screen says each, and drill.json keeps
        /// both finished problems.
        @Test func aDrillAnswersAndQuits() throws {
            let session = try TmuxSession(width: 100, height: 40, arguments: ["drill", "--student", "ann"])
            let first = try problem(1, on: try session.waitFor("Problem 1: "))
            #expect(first.kind == "convolution-value")
            try session.type(try answer(first))
            try session.send("Enter")
            let screen = try session.waitFor("Problem 2: ")
            #expect(screen.contains("Right: "))
            #expect(screen.contains("Drill for ann · streak 1 · 1 answered, 100% right at the first try"))
            try session.type("999999")
            try session.send("Enter")
            #expect(try session.waitFor("999999 is not right").contains("Hint 1: "))
            try session.type("s")
            try session.send("Enter")
            #expect(try session.waitFor("Problem 3: ").contains("The answer is "))
            try session.type("q")
            try session.send("Enter")
            #expect(try session.exitStatus() == 0)
            #expect(try session.captureAll().contains("Drill ended after 2 problem(s)."))
            let file = session.stateDirectory.appendingPathComponent("cnn-tutor/drill.json")
            let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            let answers = try #require(saved?["answers"] as? [[String: Any]])
            #expect(answers.map { $0["right"] as? Bool } == [true, false])
            #expect(answers.map { $0["hints"] as? Int } == [0, 1])
        }

        /// The menu's `d` leaves the tutor's screen and starts the drill for the tutor's student.
        @Test func theMenuOpensTheDrill() throws {
            let session = try TmuxSession(width: 100, height: 40, arguments: ["--student", "bo"])
            try session.waitFor("step 1/")
            try session.send("m")
            try session.waitFor("d drill")
            try session.send("d")
            #expect(try session.waitFor("Problem 1: ").contains("Drill for bo"))
            try session.type("q")
            try session.send("Enter")
            #expect(try session.exitStatus() == 0)
            #expect(try session.alternateScreenOn() == false)
        }

        /// `--student` names the progress file; opening a lesson stamps it, its last step completes it.
        @Test func theTutorSavesTheStudentTimesAndCompletion() throws {
            let steps = try run(tutorBinary, ["show", "max-pooling", "--format", "json", "--step", "1"])
            let count = try #require((try JSONSerialization.jsonObject(with: Data(steps.stdout.utf8))
                as? [String: Any])?["stepCount"] as? Int)
            let session = try TmuxSession(arguments: ["--student", "Ann Lee", "--lesson", "max-pooling",
                                                      "--step", String(count)])
            try session.waitFor("step \(count)/\(count)")
            try session.send("q")
            #expect(try session.exitStatus() == 0)
            let file = session.stateDirectory.appendingPathComponent("cnn-tutor/progress.json")
            let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            #expect(saved?["student"] as? String == "Ann Lee")
            let lesson = try #require((saved?["lessons"] as? [String: Any])?["max-pooling"] as? [String: Any])
            #expect(lesson["completed"] as? Bool == true)
            for field in ["firstOpened", "lastSeen", "completedAt"] {
                #expect((lesson[field] as? String)?.hasSuffix("Z") == true, "\(field): \(lesson[field] ?? "none")")
            }
        }
    }
}
