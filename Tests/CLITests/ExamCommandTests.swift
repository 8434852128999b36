import Foundation
import Testing

/// `cnn-tutor exam` through the built binary, answers piped in (the plain, line-by-line exam).
struct ExamCommandTests {
    /// Tests/crosscheck/exam.py derives the problems as documented, recomputes their answers with numpy, pipes
    /// right, wrong and empty answers in, and checks the result file's grading, score, times and checksum.
    @Test func anExamEndToEndScoresAsNumpyGrades() throws {
        let check = try PythonCheck.run("exam.py")
        #expect(check.status == 0, "exam.py failed:\n\(check.output.suffix(4000))")
        #expect(check.summary.hasPrefix("exam: ") && check.summary.hasSuffix(" passed, 0 failed"), "\(check.summary)")
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("exam-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aResultFileIsNeverOverwritten() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mine.json").path
        try Data("keep".utf8).write(to: URL(fileURLWithPath: path))
        try CLI.expectRefusal(["exam", "--seed", "1", "--student", "ann", "--output", path], json: false,
                              mentioning: "exists already")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
    }

    /// Without --output the file lands in the working folder, named from the student (made safe) and the seed.
    @Test func theDefaultFileNamesTheStudentAndTheSeed() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binaryPath)
        process.arguments = ["exam", "--seed", "9", "--student", "Zoë O'Neil/../x", "--problems", "2"]
        process.currentDirectoryURL = directory
        process.environment = CLI.environment([:])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names == ["exam-Zo__O_Neil_.._x-9.json"])
    }

    @Test func theEndOfInputEndsTheExamWithAResult() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("result.json").path
        let result = try CLI.run(["exam", "--seed", "9", "--student", "ann", "--problems", "3", "--output", path],
                                 stdin: "")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("The input ended before the last problem."))
        #expect(result.stdout.contains("Score: 0 of 3 (0%)"))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(file?["ended"] as? String == "input-ended")
    }

    @Test func badSettingsAreRefused() throws {
        try CLI.expectRefusal(["exam", "--seed", "1", "--student", "  "], json: false, mentioning: "--student")
        try CLI.expectRefusal(["exam", "--seed", "1", "--student", "a\u{1B}[2Jb"], json: false,
                              mentioning: "--student")
        try CLI.expectRefusal(["exam", "--seed", "1", "--student", "ann", "--problems", "0"], json: false)
        try CLI.expectRefusal(["exam", "--seed", "1", "--student", "ann", "--minutes", "0"], json: false)
    }
}
