import Foundation
import Testing

/// `cnn-tutor report` on a folder of hand-ins: good, corrupt, edited and foreign files, and hostile names.
struct ReportCommandTests {
    /// A folder with two exam results (one in a subfolder), a progress file, an edited result, a corrupt file, a
    /// foreign JSON, a picture and a progress file without a name; removed by the caller.
    func handIns() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        let nested = folder.appendingPathComponent("bob_12345_assignsubmission_file_")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let ann = folder.appendingPathComponent("ann.json").path
        let bob = nested.appendingPathComponent("exam.json").path
        _ = try CLI.run(["exam", "--seed", "4", "--student", "ann", "--problems", "2", "--output", ann], stdin: "")
        // Bob answers his two problems right: their answers come from the problems his seed and name give.
        let plan = try examProblems(seed: 4, student: "bob", count: 2)
        _ = try CLI.run(["exam", "--seed", "4", "--student", "bob", "--problems", "2", "--output", bob],
                        stdin: plan.joined(separator: "\n") + "\n")
        let annText = try String(contentsOfFile: ann, encoding: .utf8)
        try annText.replacingOccurrences(of: "\"right\": 0", with: "\"right\": 2")
            .write(toFile: folder.appendingPathComponent("ann-edited.json").path, atomically: true, encoding: .utf8)
        try String(annText.prefix(100)).write(toFile: folder.appendingPathComponent("cut.json").path,
                                              atomically: true, encoding: .utf8)
        try #"{"name": "package", "version": "1.0.0"}"#.write(toFile: folder.appendingPathComponent("package.json")
            .path, atomically: true, encoding: .utf8)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: folder.appendingPathComponent("photo.png"))
        try #"{"version": 1, "lessons": {}}"#.write(toFile: folder.appendingPathComponent("anonymous.json").path,
                                                   atomically: true, encoding: .utf8)
        try """
            {"version": 1, "student": "ann", "currentLesson": "output-size", "lessons": {
              "output-size": {"step": 4, "furthestStep": 4, "stepCount": 5, "practiceFirstTries": 2,
                "quizzes": {"output-size/3": {"attempts": 1, "correct": true, "attemptsToCorrect": 1},
                            "output-size/5": {"attempts": 2, "correct": true, "attemptsToCorrect": 2}}},
              "forward-pass": {"step": 1, "furthestStep": 1, "stepCount": 8, "quizzes": {}}}}
            """.write(toFile: folder.appendingPathComponent("progress.json").path, atomically: true, encoding: .utf8)
        return folder
    }

    /// The answers of a student's exam problems, from `cnn-tutor problem --json` (their kinds and seeds are read
    /// from an exam run with no answers).
    func examProblems(seed: Int, student: String, count: Int) throws -> [String] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try CLI.run(["exam", "--seed", String(seed), "--student", student, "--problems", String(count),
                         "--output", scratch.path], stdin: "")
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch)) as? [String: Any]
        let problems = result?["problems"] as? [[String: Any]] ?? []
        return problems.compactMap { $0["answer"] as? String }
    }

    @Test func aFolderOfHandInsMakesOneRowPerStudentAndNamesEverySkippedFile() throws {
        let folder = try handIns()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["report", folder.path, "--csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.components(separatedBy: "\r\n")
        #expect(rows.count == 4 && rows[3].isEmpty, "\(result.stdout)")
        #expect(rows[0] == "\"Student\",\"ID\",\"SIS User ID\",\"SIS Login ID\",\"Section\",\"Lessons completed\","
                + "\"Quizzes right first try\",\"Practice sums\",\"Drill accuracy (%)\",\"Exam 4 (%)\"")
        #expect(rows[1] == "\"ann\",,,\"ann\",,1,1,2,,0")
        #expect(rows[2] == "\"bob\",,,\"bob\",,,,,,100")
        let skipped = result.stderrLines.filter { $0.hasPrefix("skipped ") }
        #expect(skipped.count == 5, "\(result.stderr)")
        for (file, reason) in [("ann-edited.json", "was edited after the exam"), ("cut.json", "is corrupt"),
                               ("package.json", "not a cnn-tutor progress, drill or exam-result file"),
                               ("photo.png", "not JSON"), ("anonymous.json", "has no student name")] {
            #expect(skipped.contains { $0.contains(file) && $0.contains(reason) }, "\(file): \(result.stderr)")
        }
        #expect(result.stderrLines.last == "report: 3 files read, 5 skipped")
    }

    @Test func theQuestionSummaryShowsWhatTheClassGetsWrongMost() throws {
        let folder = try handIns()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["report", folder.path, "--csv", "--table", "questions"])
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows[0] == "\"Question\",\"Source\",\"Asked\",\"Wrong\",\"Wrong (%)\",\"Commonest mistake\"")
        // Ann left both exam problems blank and Bob got both right; Ann's second quiz took two tries.
        #expect(rows.contains("\"output-size/5\",\"lesson quiz\",1,1,100,"))
        #expect(rows.contains("\"output-size/3\",\"lesson quiz\",1,0,0,"))
        let exam = rows.filter { $0.contains(",\"exam\",") }.map { $0.split(separator: ",").map(String.init) }
        #expect(exam.map { Int($0[2])! }.reduce(0, +) == 4 && exam.map { Int($0[3])! }.reduce(0, +) == 2, "\(rows)")
        // Most often wrong first: the wrong shares never rise down the table.
        let shares = rows.dropFirst().map { Double($0.split(separator: ",")[4])! }
        #expect(shares == shares.sorted(by: >), "\(rows)")
    }

    /// A student name is whatever a file says: it reaches a spreadsheet as text and a terminal as inert text.
    @Test func hostileNamesAreNeutralised() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "=HYPERLINK(\\\"http://x\\\",\\\"a\\\")\\u001b]2;owned\\u0007"
        try #"{"version": 1, "student": "\#(name)", "lessons": {"a": {"completed": true}}}"#
            .write(toFile: folder.appendingPathComponent("p.json").path, atomically: true, encoding: .utf8)
        let csv = try CLI.run(["report", folder.path, "--csv"])
        #expect(csv.stdout.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\u{1B}]2;owned\u{07}\",,,"))
        let text = try CLI.run(["report", folder.path])
        #expect(!text.stdout.contains("\u{1B}") && !text.stdout.contains("\u{07}"))
        #expect(text.stdout.contains("=HYPERLINK(\"http://x\",\"a\")\\e]2;owned\\a"))
    }

    @Test func nothingToReportIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{}".write(toFile: folder.appendingPathComponent("x.json").path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["report", folder.path, folder.appendingPathComponent("missing.json").path])
        #expect(result.status == 65 && result.stdout.isEmpty)
        #expect(result.stderrLines.contains { $0.hasPrefix("skipped ") && $0.contains("missing.json") })
        #expect(result.stderrLines.last?.hasPrefix("error: no progress, drill or exam-result file") == true)
        try CLI.expectRefusal(["report", folder.path, "--csv", "--table", "both"], json: false)
    }
}
