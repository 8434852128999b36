import Foundation

/// Runs one of the independent Python checks in Tests/crosscheck against the binary this build produced.
enum PythonCheck {
    struct Outcome {
        let status: Int32
        let output: String
        /// The closing "name: N passed, M failed" line.
        var summary: String { output.split(separator: "\n").last.map(String.init) ?? "" }
    }

    static func run(_ script: String) throws -> Outcome {
        try CLI.requireBinary()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.packageRoot.appendingPathComponent("Tests/crosscheck/\(script)").path]
        process.environment = ProcessInfo.processInfo.environment.merging(["CNN_TUTOR_BIN": CLI.binaryPath]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
