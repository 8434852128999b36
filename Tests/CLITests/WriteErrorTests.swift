import Foundation
import Testing

/// A file the command line cannot write is named with the system's reason, as its other file errors are.
struct WriteErrorTests {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)")

    @Test func aStarterLessonInAMissingFolder() throws {
        let path = missing.appendingPathComponent("mine.yaml").path
        try CLI.expectRefusal(["new", "mine", "-o", path], json: false,
                              mentioning: "cannot write \(path): no such file or directory")
    }

    @Test func anExamResultInAMissingFolder() throws {
        let path = missing.appendingPathComponent("exam.json").path
        let result = try CLI.run(["exam", "--seed", "3", "--student", "ann", "--problems", "1", "--output", path],
                                 stdin: "")
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write the result to '\(path)': no such file or directory"),
                "\(result.stderr)")
        #expect(result.stdout.contains("\"checksum\""), "the result goes to stdout instead: \(result.stdout)")
    }
}
