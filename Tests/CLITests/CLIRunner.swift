import Foundation
import Testing

/// Runs the `cnn-tutor` binary this build produced and collects what it printed.
///
/// The binary is found next to the test bundle (as swift-argument-parser's own tests find theirs), so the
/// tests always exercise the code they were built with; a missing binary fails the test rather than
/// skipping it.
enum CLI {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    /// The build's products folder (`.build/debug`): where the test bundle is.
    static let productsDirectory: URL = {
        let bundleURL = Bundle(for: BundleMarker.self).bundleURL
        return bundleURL.lastPathComponent.hasSuffix("xctest") ? bundleURL.deletingLastPathComponent() : bundleURL
    }()

    static let binaryPath: String = productsDirectory.appendingPathComponent("cnn-tutor").path

    struct MissingBinary: Error, CustomStringConvertible {
        var description: String {
            "cnn-tutor is not next to the test bundle at \(CLI.binaryPath): build it with `swift build --build-tests`"
        }
    }

    /// Throws (failing the test) when this build has no `cnn-tutor`.
    static func requireBinary() throws {
        guard FileManager.default.isExecutableFile(atPath: binaryPath) else { throw MissingBinary() }
    }

    struct Result {
        let status: Int32
        /// Ended by a signal rather than exit().
        let signaled: Bool
        let stdout: String
        let stderr: String

        var stderrLines: [Substring] {
            (stderr.hasSuffix("\n") ? String(stderr.dropLast()) : stderr)
                .split(separator: "\n", omittingEmptySubsequences: false)
        }
    }

    /// The environment of every run: the tests' own with a UTF-8 locale, whatever the machine's (the output
    /// follows the locale), then `overrides` (an empty value counts as unset, as for setlocale).
    static func environment(_ overrides: [String: String]) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment
        variables["LC_ALL"] = "C.UTF-8"
        variables.merge(overrides) { $1 }
        return variables
    }

    /// Runs the binary with `arguments` (stdin empty), output captured through temporary files so that
    /// no pipe can fill up and block.
    /// - Parameter environment: variables set for this run over `CLI.environment`'s (`["LC_ALL": "C"]`).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws
        -> Result {
        try requireBinary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        let inURL = directory.appendingPathComponent("stdin")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        try Data((stdin ?? "").utf8).write(to: inURL)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = arguments
        process.environment = CLI.environment(environment)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        try inHandle.close()

        let out = try String(contentsOf: outURL, encoding: .utf8)
        let err = try String(contentsOf: errURL, encoding: .utf8)
        return Result(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                      stdout: out, stderr: err)
    }

    /// Runs a command that must succeed with `--json` appended; returns the raw text and the parsed object.
    static func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation)
        throws -> (text: String, object: [String: Any]) {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0 && !result.signaled, "exit status \(result.status); stderr: \(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let object = try #require(parsed as? [String: Any], "stdout is not a JSON object: \(result.stdout)",
                                  sourceLocation: sourceLocation)
        return (result.stdout, object)
    }

    /// The refusal contract: status 1…127 (not a signal), nothing on stdout, exactly one stderr line
    /// starting with "error:".
    static func expectRefusal(_ arguments: [String], json: Bool = true, stdin: String? = nil,
                              mentioning fragment: String? = nil,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run(json ? arguments + ["--json"] : arguments, stdin: stdin)
        let shown = arguments.map { $0.count > 80 ? String($0.prefix(40)) + "…(\($0.count) chars)" : $0 }
        #expect(!result.signaled, "killed by signal \(result.status): \(shown)", sourceLocation: sourceLocation)
        #expect(result.status > 0 && result.status < 128, "exit status \(result.status) for \(shown)",
                sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout not empty for \(shown): \(result.stdout.prefix(200))",
                sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error:"), "stderr for \(shown): \(result.stderr.prefix(300))",
                sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("\n") && result.stderrLines.count == 1,
                "stderr is not exactly one line for \(shown): \(result.stderr.prefix(300))",
                sourceLocation: sourceLocation)
        if let fragment {
            #expect(result.stderr.contains(fragment), "stderr lacks '\(fragment)': \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// A class whose bundle is the test bundle.
private final class BundleMarker {}

/// A JSON number or nested array, for writing expectations as literals: `[[-4, -4], [-4, -4]]`.
indirect enum Nested: Equatable, ExpressibleByArrayLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    CustomStringConvertible {
    case number(Double)
    case list([Nested])

    init(arrayLiteral elements: Nested...) { self = .list(elements) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(floatLiteral value: Double) { self = .number(value) }

    /// From what JSONSerialization produced; nil for anything but numbers and arrays of them.
    init?(json value: Any?) {
        switch value {
        case let list as [Any]:
            var items: [Nested] = []
            for item in list {
                guard let nested = Nested(json: item) else { return nil }
                items.append(nested)
            }
            self = .list(items)
        case let number as NSNumber:
            self = .number(number.doubleValue)
        default:
            return nil
        }
    }

    var description: String {
        switch self {
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .list(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        }
    }
}

/// The object's keys in the order they appear in the raw text (JSONSerialization forgets the order).
func keyOrder(_ text: String, _ keys: [String]) -> [String] {
    keys.compactMap { key in text.range(of: "\"\(key)\"").map { (key, $0.lowerBound) } }
        .sorted { $0.1 < $1.1 }
        .map(\.0)
}
