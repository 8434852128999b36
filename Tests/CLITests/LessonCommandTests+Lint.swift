import Foundation
import Testing

/// `check`'s lesson lint through the real binary: warnings, and `--strict` making them errors.
extension LessonCommandTests {
    @Test func everyBundledLessonPassesTheStrictLint() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: lessons.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let result = try CLI.run(["check", "--strict"] + files.map { lessons.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "checked \(files.count) files: no problems\n")
    }

    @Test func aWarningIsReportedAndOnlyStrictFailsOnIt() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("partial.yaml")
        // Only O11 of the 2×2 output is ever computed.
        try """
        id: partial-walk
        title: Partial
        summary: A walk that stops early.
        steps:
          - op: conv
            input: "1 2 3; 4 5 6; 7 8 9"
            filter: "1 0; 0 -1"
            only: [[1, 1]]

        """.write(to: file, atomically: true, encoding: .utf8)
        let message = "the output grid 'Output O (2×2)' is never shown complete: walk all its values, "
            + "or add a step with `walk: result`"
        let lenient = try CLI.run(["check", file.path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout == "\(file.path):5:9: warning: \(message)\n")
        #expect(lenient.stderr == "checked 1 file: no problems, 1 warning\n")
        let strict = try CLI.run(["check", "--strict", file.path])
        #expect(strict.status == 1)
        #expect(strict.stdout == "\(file.path):5:9: error: \(message)\n")
        #expect(strict.stderr == "checked 1 file: 1 problem\n")
    }
}
