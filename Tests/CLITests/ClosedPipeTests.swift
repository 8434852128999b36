import Foundation
import Testing

/// Issue 13, item 15: a reader that goes away (`cnn-tutor … | head -1`) ends the program quietly, with the status
/// it would have had anyway, whether the pipe closes before, during or after the output.
@Suite struct ClosedPipeTests {
    struct Outcome {
        let status: Int32
        let signaled: Bool
        let stderr: String
    }

    /// Runs the binary with stdout into a pipe whose reader takes `lines` lines and closes it (0: closed before
    /// the program starts, so its first write fails); stderr into a file.
    static func run(_ arguments: [String], readingLines lines: Int) throws -> Outcome {
        try CLI.requireBinary()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
        try Data().write(to: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binaryPath)
        process.arguments = arguments
        process.environment = CLI.environment([:])
        process.standardOutput = pipe
        process.standardError = errHandle
        if lines == 0 { try pipe.fileHandleForReading.close() }
        try process.run()
        var seen = 0
        while lines > 0 && seen < lines {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += data.count { $0 == UInt8(ascii: "\n") }
        }
        if lines > 0 { try pipe.fileHandleForReading.close() }
        process.waitUntilExit()
        try errHandle.close()
        return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// A lesson of one long walk: 6×6 outputs of 9 terms, some 300 KB with `--fine`, beyond any pipe's buffer.
    static func bigLessonFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lesson = """
            id: big-walk
            title: A long walk
            summary: Every term of an 8×8 input.
            steps:
              - title: All of it
                op: conv
                input: {pattern: ramp, size: [8, 8]}
                filter: "1 0 1; 0 1 0; 1 0 1"
                walk: terms

            """
        try Data(lesson.utf8).write(to: folder.appendingPathComponent("big-walk.yaml"))
        return folder
    }

    @Test(arguments: [0, 1])
    func bigAndSmallOutputsEndAlike(lines: Int) throws {
        let folder = try Self.bigLessonFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = ["show", "big-walk", "--fine", "--max-values", "100000", "--lessons", folder.path]
        let bigOutput = try CLI.run(big)
        #expect(bigOutput.status == 0 && bigOutput.stdout.utf8.count > 1 << 18)
        for arguments in [big, ["show", "forward-pass", "--step", "1"], ["list"]] {
            let outcome = try Self.run(arguments, readingLines: lines)
            #expect(outcome.status == 0 && !outcome.signaled, "\(arguments.prefix(2)): \(outcome.status)")
            #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
        }
    }

    /// A closed stderr drops the warnings and the error line, not the answer or the status.
    @Test func aClosedStderrChangesNoStatus() throws {
        let folder = try HostileLessons.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Both print a warning about the headless lesson first; the second then fails.
        for (arguments, status) in [(["list"], Int32(0)), (["show", "hostile-broken"], 65)] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binaryPath)
            process.arguments = arguments + ["--lessons", folder.path]
            process.environment = CLI.environment([:])
            let pipe = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = pipe
            try pipe.fileHandleForReading.close()
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == status && process.terminationReason == .exit, "\(arguments)")
        }
    }

    /// `check` has decided before it writes: problems still exit 1 when nobody reads them.
    @Test func checkKeepsItsVerdict() throws {
        let folder = try HostileLessons.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = ["check", folder.appendingPathComponent(HostileLessons.unplayableFileName).path]
        let good = ["check", CLI.packageRoot.appendingPathComponent("Lessons/03-forward-pass.yaml").path]
        for (arguments, status) in [(bad, Int32(1)), (good, 0)] {
            #expect(try CLI.run(arguments).status == status)
            let outcome = try Self.run(arguments, readingLines: 0)
            #expect(outcome.status == status && !outcome.signaled)
        }
    }
}
