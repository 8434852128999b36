import Foundation
import Testing

/// Issue 13 through the real binary: hostile lesson files and numbers (items 3, 6, 9, 12, 13) are refused with
/// one clear line each, and nothing hangs.
struct HostileLessonCommandTests {
    static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/fixtures/hostile").path

    func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "hostile-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs the binary under `timeout`: a command still running after `seconds` exits 124 instead of hanging.
    func runWithDeadline(_ arguments: [String], seconds: Int = 30) throws -> (status: Int32, out: String,
                                                                             err: String) {
        try CLI.requireBinary()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outPath = folder + "/stdout", errPath = folder + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [String(seconds), CLI.binaryPath] + arguments
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: outPath, encoding: .utf8),
                try String(contentsOfFile: errPath, encoding: .utf8))
    }

    // MARK: Items 6 and 12

    @Test func aFIFOADirectoryAndBrokenLinksAreNamedAndNothingHangs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo.yaml", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: folder + "/folder.yaml", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.yaml", withDestinationPath: "gone")
        try FileManager.default.createSymbolicLink(atPath: folder + "/loop.yaml", withDestinationPath: "loop.yaml")
        try "id: mine\ntitle: Mine\nsummary: ok\nsteps:\n  - say: Hi.\n"
            .write(toFile: folder + "/mine.yaml", atomically: true, encoding: .utf8)
        let expected = [
            "dangling.yaml:1:1: error: cannot read the file: it is a dangling symbolic link (to 'gone', which does "
                + "not exist)",
            "fifo.yaml:1:1: error: cannot read the file: it is a FIFO, not a regular file",
            "folder.yaml:1:1: error: cannot read the file: it is a directory",
            "loop.yaml:1:1: error: cannot read the file: too many levels of symbolic links",
        ].map { folder + "/" + $0 }
        let list = try runWithDeadline(["list", "--lessons", folder])
        #expect(list.status == 0, "exit \(list.status) (124: it hung)")
        #expect(list.err.split(separator: "\n").map(String.init) == expected)
        #expect(list.out.contains("mine  "))
        let show = try runWithDeadline(["show", "mine", "--lessons", folder])
        #expect(show.status == 0, "exit \(show.status) (124: it hung)")
        #expect(show.out.contains("Hi."))
    }

    // MARK: Item 10

    /// A folder stands for its lesson files (100,000 paths would not fit on a command line), and ids repeated
    /// across them are reported against the first file.
    @Test func checkTakesAFolderAndFindsRepeatedIds() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, id) in [("a", "one"), ("b", "two"), ("c", "one")] {
            try "id: \(id)\ntitle: T\nsummary: ok\nsteps:\n  - say: Hi.\n"
                .write(toFile: folder + "/\(name).yaml", atomically: true, encoding: .utf8)
        }
        let result = try CLI.run(["check", folder])
        #expect(result.status == 1)
        #expect(result.stdout == "\(folder)/c.yaml:1:1: error: id 'one' is also used by \(folder)/a.yaml\n")
        #expect(result.stderr == "checked 3 files: 1 problem\n")
    }

    // MARK: Items 3 and 9

    @Test func checkRefusesEveryHostileFixture() throws {
        let names = ["bidi-id.yaml", "bidi-title.yaml", "lookalike-id.yaml", "overflow-chain.yaml", "zero-width.yaml"]
        let result = try CLI.run(["check"] + names.map { Self.fixtures + "/" + $0 })
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(lines)")
        for name in names {
            #expect(lines.contains { $0.hasPrefix(Self.fixtures + "/" + name + ":") }, "\(name) passed check")
        }
        #expect(lines.contains { $0.hasSuffix("step 2 computes 'output' at (1,2) = 1e+180, outside the -1e100 to "
                                              + "1e100 a lesson's numbers must stay within (each step feeds the "
                                              + "next: make the numbers smaller)") })
    }

    @Test func lookalikeIdsAreNeverListed() throws {
        let result = try CLI.run(["list", "--lessons", Self.fixtures])
        #expect(result.status == 0)
        let ids = result.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(ids.filter { $0.hasPrefix("forward-pas") } == ["forward-pass"])
        #expect(!ids.contains("Bad") && !ids.contains("bidi-title") && !ids.contains("zero-width"))
    }

    /// The JSON frames of a lesson whose numbers overflow: one located error line, never an EncodingError.
    @Test func showAsJSONOfAnOverflowingLessonIsOneClearError() throws {
        for format in ["json", "plain", "numpy"] {
            let result = try CLI.run(["show", "overflow-chain", "--lessons", Self.fixtures, "--format", format])
            #expect(result.status != 0 && !result.signaled)
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.contains("EncodingError") && !result.stderr.contains("nan"), "\(result.stderr)")
            #expect(result.stderr.contains("overflow-chain.yaml:11:9: error: step 2 computes 'output' at (1,2)"))
        }
    }

    // MARK: Item 13

    @Test func computeReadsTheMinusSignTheToolPrints() throws {
        let (_, object) = try CLI.json(["compute", "relu", "--input", "\u{2212}1 2; 3 \u{2212}4.5"])
        #expect(Nested(json: object["output"]) == [[0, 2], [3, 0]])
        let (_, conv) = try CLI.json(["compute", "conv", "--input", "[[1, 2], [3, 4]]", "--filter", "[[\u{2212}1]]"])
        #expect(Nested(json: conv["output"]) == [[-1, -2], [-3, -4]])
    }

    @Test func aTenThousandDigitNumberIsTooLong() throws {
        let digits = String(repeating: "7", count: 10_000)
        try CLI.expectRefusal(["compute", "relu", "--input", "1 \(digits)"],
                              mentioning: "is too long: 10000 characters")
    }

    @Test func aNumberThatWouldReadAsZeroUnderflows() throws {
        try CLI.expectRefusal(["compute", "relu", "--input", "1 1e-99999999999999999999"], mentioning: "underflows")
    }

    @Test func checkLocatesALongNumberAndAnUnderflowInALesson() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let digits = String(repeating: "7", count: 10_000)
        let lesson = "id: numbers\ntitle: Numbers\nsteps:\n  - op: relu\n    input: |\n      \u{2212}1 2\n"
            + "      3 \(digits)\n  - op: relu\n    input: \"1 1e-99999999999999999999\"\n"
        try lesson.write(toFile: folder + "/numbers.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", folder + "/numbers.yaml"])
        #expect(result.stdout.split(separator: "\n").map(String.init) == [
            folder + "/numbers.yaml:7:7: error: the input: the number '77777777777777777777…' at row 2, value 2 "
                + "is too long: 10000 characters, at most 100",
            folder + "/numbers.yaml:9:12: error: the input: '1e-99999999999999999…' underflows: a nonzero number "
                + "must be at least 1e-100 in size (a smaller one would be read as 0)",
        ])
    }
}
