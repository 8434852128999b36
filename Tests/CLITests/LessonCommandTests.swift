import Foundation
import Testing

/// `list`, `show` and `check` through the real binary.
struct LessonCommandTests {
    let lessons = CLI.packageRoot.appendingPathComponent("Lessons")

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func listPrintsOneLessonALineIdFirst() throws {
        let result = try CLI.run(["list"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 28)
        #expect(lines.first?.hasPrefix("output-size ") == true)
        #expect(lines.contains { $0.hasPrefix("forward-pass") && $0.hasSuffix("The forward pass, term by term") })
    }

    @Test func bundledLessonsAreFoundFromAnyWorkingDirectory() throws {
        try CLI.requireBinary()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binaryPath)
        process.arguments = ["list"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).split(separator: "\n").count == 28)
    }

    @Test func showOneStepAsPlainTextWithoutColourCodes() throws {
        let result = try CLI.run(["show", "forward-pass", "--step", "6"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}["), "a pipe gets no escape codes")
        #expect(result.stdout.contains("[step 6/"))
        // X = 4 3 1 / 8 6 7 / 9 5 2, F = 1 −2 / 3 −3: O11 = 4 − 6 + 24 − 18 = 4, worked by hand.
        #expect(result.stdout.contains("O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22"))
        #expect(result.stdout.contains("O11 = 4·1 + 3·(-2) + 8·3 + 6·(-3) = 4"))
    }

    @Test func showFormats() throws {
        let markdown = try CLI.run(["show", "average-pooling", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("# "))
        #expect(markdown.stdout.contains("|---|"))
        let json = try CLI.run(["show", "max-pooling", "--step", "1", "--format", "json"])
        let frame = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(frame?["lessonID"] as? String == "max-pooling")
        #expect(frame?["stepIndex"] as? Int == 0)
    }

    @Test func showRefusesUnknownLessonsAndSteps() throws {
        let unknown = try CLI.run(["show", "no-such-lesson"])
        #expect(unknown.status != 0 && !unknown.signaled)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderrLines.count == 1 && unknown.stderr.hasPrefix("error: no lesson with id 'no-such-lesson'"))
        let step = try CLI.run(["show", "forward-pass", "--step", "9999"])
        #expect(step.status != 0 && step.stderr.hasPrefix("error: lesson 'forward-pass' has steps 1 to "))
    }

    @Test func checkPassesEveryBundledLesson() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: lessons.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let result = try CLI.run(["check"] + files.map { lessons.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "checked \(files.count) files: no problems\n")
    }

    @Test func checkReportsEveryProblemAtFileLineColumnAndFails() throws {
        let folder = try temporaryFolder()
        let bad = folder.appendingPathComponent("bad.yaml")
        try """
        id: broken
        title: Broken
        summary: Two problems.
        steps:
          - op: conv
            input: |
              1 2 3
              4 5
            filter: "1"
          - op: pool
            mode: median
            size: 2
            input: "1 2; 3 4"

        """.write(to: bad, atomically: true, encoding: .utf8)
        let wrong = folder.appendingPathComponent("wrong.yaml")
        try ("id: wrong\ntitle: Wrong\nsummary: x\nsteps:\n"
             + "  - op: size\n    input_size: 5\n    filter_size: 3\n    expect: 4\n")
            .write(to: wrong, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", bad.path, wrong.path])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n") == [
            "\(bad.path):8:7: error: the input: ragged matrix: row 2 has 2 values, row 1 has 3",
            "\(bad.path):11:11: error: 'mode' must be one of: max, avg",
            "\(wrong.path):8:13: error: expect disagrees with the computation: 'output' at (1) is 3, expected 4",
        ])
        #expect(result.stderr == "checked 2 files: 3 problems\n")
        let missing = try CLI.run(["check", folder.appendingPathComponent("absent.yaml").path])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("absent.yaml:1:1: error: cannot read the file"))
    }

    /// README's sample lesson passes; the same lesson at a bundled lesson's order is warned about.
    @Test func checkWarnsOfAnOrderABundledLessonHas() throws {
        let folder = try temporaryFolder()
        let lesson = "id: my-own\norder: ORDER\ntitle: Mine\nsummary: x\nsteps:\n  - say: Hello.\n"
        let file = folder.appendingPathComponent("mine.yaml")
        try lesson.replacingOccurrences(of: "ORDER", with: "100").write(to: file, atomically: true, encoding: .utf8)
        let unused = try CLI.run(["check", "--strict", file.path])
        #expect(unused.status == 0 && unused.stdout.isEmpty, "\(unused.stdout)")
        try lesson.replacingOccurrences(of: "ORDER", with: "6").write(to: file, atomically: true, encoding: .utf8)
        let clash = try CLI.run(["check", file.path])
        #expect(clash.status == 0)
        #expect(clash.stdout.contains("mine.yaml:1:1: warning: order 6 is also the bundled lesson 'max-pooling''s"),
                "\(clash.stdout)")
    }

    @Test func userLessonsFromAFolderAndClashingIdsAreReported() throws {
        let folder = try temporaryFolder()
        try "id: mine\ntitle: Mine\nsummary: x\nsteps:\n  - say: Hello.\n"
            .write(to: folder.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        try "id: max-pooling\ntitle: Impostor\nsummary: x\nsteps:\n  - say: Hi.\n"
            .write(to: folder.appendingPathComponent("clash.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["list", "--lessons", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("mine  ") || result.stdout.contains("mine "))
        #expect(!result.stdout.contains("Impostor"))
        #expect(result.stderr.contains("clash.yaml:1:1: error: lesson id 'max-pooling' is already used by"))
    }
}
