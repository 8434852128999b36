import CNNLessons
import Foundation
import Testing
@testable import CNNShare

/// A share file is written by someone else, maybe by hand, maybe to cause trouble: whatever it holds, the
/// follower gets one inert line saying what is wrong, never a crash.
@Suite("Hostile share files")
struct HostileShareTests {
    static let valid = #"{"version": 1, "lesson": "forward-pass", "step": 3, "symbols": false, "indexBase": 1, "#
        + #""flipped": false, "edits": []}"#

    /// `valid` with one field's text replaced.
    static func with(_ field: String, _ value: String) -> String {
        let pattern = try! Regex("\"\(field)\": [^,}]*")
        return valid.replacing(pattern, with: "\"\(field)\": \(value)")
    }

    @Test func theValidOneIsAccepted() {
        #expect(decodingProblem(Self.valid) == nil)
    }

    @Test(arguments: [
        ("", "is empty (being written?)"),
        (String(valid.prefix(40)), "is not valid JSON (half-written?)"),
        ("[1, 2, 3]", "the top level has the wrong type"),
        ("\"forward-pass\"", "the top level has the wrong type"),
        (with("step", "\"3\""), "step has the wrong type"),
        (with("step", "3.5"), "a fraction where a whole number belongs"),
        (with("step", "1e300"), "has a number out of range"),
        (with("step", "99999999999999999999999"), "has a number out of range"),
        (with("step", "0"), "has step 0; steps count from 1"),
        (with("step", "-7"), "has step -7"),
        (with("symbols", "\"yes\""), "symbols has the wrong type"),
        (with("indexBase", "2"), "has index base 2; it is 0 or 1"),
        (with("version", "2"), "is from a newer cnn-tutor (format version 2)"),
        (with("version", "0"), "has an unknown format version 0"),
        (with("lesson", "null"), "lesson"),
        (with("lesson", "\"\""), "names no lesson"),
        (with("lesson", "\"../../etc/passwd\""), "\"../../etc/passwd\" is not a lesson id"),
        (with("lesson", "\"\\u001b]2;pwned\\u0007\\u001b[2J\""), "\"\\e]2;pwned\\a\\e[2J\" is not a lesson id"),
        (with("lesson", "\"\\u202eevil\""), "\"\\u{202e}evil\" is not a lesson id"),
        (with("lesson", "\"" + String(repeating: "a", count: 5000) + "\""), "…\" is not a lesson id"),
        (with("edits", "{}"), "edits has the wrong type"),
        (with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [2], "values": [1, "x"]}]"#),
         "edits.0.values.1 has the wrong type"),
        (with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [2], "values": [1, 1e999]}]"#), "JSON"),
        (with("edits", #"[{"fileStep": 1, "operand": "rm -rf", "shape": [1], "values": [1]}]"#),
         "edits an operand \"rm -rf\""),
        (with("edits", #"[{"fileStep": 0, "operand": "input", "shape": [1], "values": [1]}]"#), "file step 0"),
        (with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [3037000500, 3037000500], "values": [1]}]"#),
         "a shape that does not hold its 1 values"),
        (with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [2, 2], "values": [1]}]"#),
         "a shape that does not hold its 1 values"),
        (with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [], "values": []}]"#), "a shape"),
        (with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [-1, -1], "values": [1]}]"#), "a shape"),
        (#"{"version": 1, "lesson": "a", "step": 1, "symbols": false, "indexBase": 1, "flipped": false, "#
            + #""edits": [], "pointer": {"grid": -1, "row": 0, "column": 0}}"#, "negative position"),
        (#"{"version": 1}"#, "lesson is missing"),
    ])
    func aBadFieldIsOneInertLine(text: String, expected: String) throws {
        let problem = try #require(decodingProblem(text), "accepted: \(text.prefix(200))")
        #expect(problem.contains(expected), "\(problem)")
        #expect(isOneInertLine(problem), "\(problem)")
        #expect(problem.count < 300, "\(problem)")
    }

    @Test func deepNestingIsRefusedNotARecursionCrash() {
        for depth in [1_000, 100_000, 1_000_000] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(decodingProblem(text) != nil)
            let inObject = #"{"version": 1, "lesson": "#
                + String(repeating: "{\"a\": ", count: depth) + "1" + String(repeating: "}", count: depth) + "}"
            #expect(decodingProblem(inObject) != nil)
        }
    }

    @Test func tooManyNumbersAreRefused() {
        let values = Array(repeating: "0", count: 1_000_001).joined(separator: ",")
        let text = Self.with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [1000001], "values": ["#
                             + values + "]}]")
        let problem = decodingProblem(text)
        #expect(problem?.contains("a shape that does not hold") == true || problem?.contains("larger than") == true,
                "\(problem ?? "accepted")")
    }

    // MARK: Against the follower's lesson

    @Test(arguments: [
        (with("step", "999"),
         "is at step 999 of forward-pass, which has steps 1 to 25 here (another version of the lesson?)"),
        (with("edits", #"[{"fileStep": 99, "operand": "input", "shape": [1], "values": [1]}]"#),
         "edits input of file step 99, which this copy of forward-pass does not compute"),
        (with("edits", #"[{"fileStep": 1, "operand": "input", "shape": [1], "values": [1]}]"#),
         "edits input of file step 1, which this copy of forward-pass does not compute"),
        (with("edits", #"[{"fileStep": 4, "operand": "input", "shape": [2, 2], "values": [1, 2, 3, 4]}]"#),
         "edits input of file step 4, which has another shape here (or comes from an earlier step)"),
        (with("edits", #"[{"fileStep": 4, "operand": "grad", "shape": [1], "values": [1]}]"#),
         "edits grad of file step 4, which has another shape here (or comes from an earlier step)"),
        (with("edits", #"[{"fileStep": 4, "operand": "bias", "shape": [3], "values": [1, 2, 3]}]"#),
         "edits bias of file step 4, which has no bias of 3 numbers here"),
        (with("lesson", "\"max-pooling\""), "is about lesson \"max-pooling\", not \"forward-pass\""),
    ])
    func aShareThatDoesNotFitTheLessonIsOneLine(text: String, expected: String) throws {
        let share = try ClassroomShare.decode(Data(text.utf8)).get()
        let original = try bundledPlayer("forward-pass")
        #expect(throws: ShareProblem(expected)) { try share.player(from: original) }
    }

    // MARK: What is at the path

    @Test func aNamedPipeIsSaidAndNeverBlocks() throws {
        let path = shareDirectory().appendingPathComponent("now.json").path
        #expect(mkfifo(path, 0o644) == 0)
        var watcher = ShareWatcher(path: path)
        #expect(watcher.poll() == .problem(ShareProblem("is a named pipe (FIFO), not a share file")))
    }

    @Test func aDirectoryIsSaid() throws {
        let path = shareDirectory().path
        var watcher = ShareWatcher(path: path)
        #expect(watcher.poll() == .problem(ShareProblem("is a directory, not a share file")))
    }

    @Test func aHugeFileIsNotRead() throws {
        let path = shareDirectory().appendingPathComponent("now.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        // Sparse: 17 MB that take no room.
        #expect(truncate(path, off_t(17 << 20)) == 0)
        var watcher = ShareWatcher(path: path)
        #expect(watcher.poll() == .problem(ShareProblem("is larger than 16 MB")))
    }

    @Test func aFileFixedAfterAProblemIsShown() throws {
        let path = shareDirectory().appendingPathComponent("now.json").path
        var watcher = ShareWatcher(path: path)
        try Data("{\"version\": 1, \"les".utf8).write(to: URL(fileURLWithPath: path))
        #expect(watcher.poll() == .problem(ShareProblem("is not valid JSON (half-written?)")))
        #expect(watcher.poll() == .unchanged)
        let share = ClassroomShare(lesson: "forward-pass", step: 2)
        try ShareFile.write(share, to: path)
        #expect(watcher.poll() == .share(share))
        // Gone, then back with the same contents: shown again.
        try FileManager.default.removeItem(atPath: path)
        #expect(watcher.poll() == .problem(ShareProblem("does not exist yet: waiting for the presenter")))
        try ShareFile.write(share, to: path)
        #expect(watcher.poll() == .share(share))
    }
}
