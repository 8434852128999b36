import Foundation
import Testing

/// Runs the independent numpy/scipy cross-check of `cnn-tutor compute --json` (Tests/crosscheck/crosscheck.py)
/// against the binary this test run built, a part (with its own seed) a case so that the parts run side by side.
struct NumpyCrossCheckTests {
    /// Each part of the script and the cases it has: it must run them all, not skip them.
    static let parts: [(name: String, cases: Int)] = [
        ("values", 177), ("geometry", 93), ("fixed-geometry", 35), ("groups", 59), ("vector", 129),
    ]

    @Test(arguments: parts)
    func computeAgreesWithNumpyAndScipy(part: (name: String, cases: Int)) throws {
        try CLI.requireBinary()
        let binary = CLI.binaryPath
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.packageRoot.appendingPathComponent("Tests/crosscheck/crosscheck.py").path,
                             "--part", part.name]
        process.environment = ProcessInfo.processInfo.environment.merging(["CNN_TUTOR_BIN": binary]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let summary = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(process.terminationStatus == 0,
                "crosscheck failed (numpy and scipy are installed by .ci/install-deps):\n\(text.suffix(4000))")
        #expect(summary.hasPrefix("crosscheck: ") && summary.hasSuffix(" 0 failed"), "\(summary)")
        // The script must have run its cases, not skipped them.
        let passed = Int(summary.dropFirst("crosscheck: ".count).split(separator: " ").first ?? "") ?? 0
        #expect(passed >= part.cases, "\(part.name): \(summary)")
    }
}
