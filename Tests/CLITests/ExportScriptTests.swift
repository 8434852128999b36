import CNNCore
import CNNLessons
import Foundation
import Testing

/// `show ID --format numpy|pytorch`: the script the binary writes is run with python3 and every value it prints
/// is compared with the value the tutor's engine computed for the same lesson step and result name, printed under
/// the tutor's numbers of that step's frames; the script's own verdict on them must be that all agree.
struct ExportScriptTests {
    static let lessonIDs = LessonLibrary.load(userDirectories: [], environment: [:]).headers.map(\.id)

    /// Whether `import torch` works here; torch is large and not installed by the project's CI.
    static let torchImports = (try? Python.run(["-c", "import torch"]).status == 0) ?? false

    /// Every bundled lesson's script in one format, exported by the binary and run (numpy) or compiled (PyTorch)
    /// by one python3 process for all of them (`PythonBatch`); each lesson's case then reads its own.
    struct ExportedScripts {
        var scripts: [String: String] = [:]
        var python: [String: Python.Output] = [:]

        init(format: String, mode: PythonBatch.Mode) throws {
            for id in ExportScriptTests.lessonIDs {
                scripts[id] = try ExportScriptTests().exportedScript(id, format: format)
            }
            let outputs = try PythonBatch.outputs(of: ExportScriptTests.lessonIDs.map { scripts[$0] ?? "" }, mode: mode)
            python = Dictionary(uniqueKeysWithValues: zip(ExportScriptTests.lessonIDs, outputs))
        }
    }

    static let numpyRuns = Result { try ExportedScripts(format: "numpy", mode: .run) }
    static let pytorchCompiles = Result { try ExportedScripts(format: "pytorch", mode: .compile) }
    /// Run only where torch imports (the test that reads it is skipped elsewhere).
    static let pytorchRuns = Result { try ExportedScripts(format: "pytorch", mode: .run) }

    @Test(arguments: lessonIDs)
    func numpyScriptReproducesEveryResult(id: String) throws {
        let runs = try Self.numpyRuns.get()
        let script = try #require(runs.scripts[id]), run = try #require(runs.python[id])
        #expect(script.hasPrefix("#!/usr/bin/env python3\n"))
        #expect(!script.contains("not exportable yet"), "every bundled lesson's operations can be exported")
        let player = try #require(try Self.bundledPlayer(id))
        try expectSameResults(player: player, printed: try Python.results(of: run))
    }

    @Test(arguments: lessonIDs)
    func pytorchScriptIsValidPython(id: String) throws {
        let compiles = try Self.pytorchCompiles.get()
        let script = try #require(compiles.scripts[id]), compiled = try #require(compiles.python[id])
        #expect(script.contains("import torch.nn.functional as F"))
        #expect(!script.contains("not exportable yet"))
        #expect(compiled.status == 0, "\(compiled.output)")
    }

    // Skipped, saying so in the test report, where torch does not import (the usual case: it is not installed).
    @Test(.enabled(if: torchImports, "torch does not import here: the PyTorch scripts were only compiled, not run"),
          arguments: lessonIDs)
    func pytorchScriptReproducesEveryResult(id: String) throws {
        // torch takes about 2 s of CPU to import: once for all the lessons, not once a lesson.
        let run = try #require(try Self.pytorchRuns.get().python[id])
        let player = try #require(try Self.bundledPlayer(id))
        try expectSameResults(player: player, printed: try Python.results(of: run))
    }

    @Test func theNumpyScriptOfTheForwardPassPrintsTheHandWorkedOutput() throws {
        let printed = try Python.results(of: try exportedScript("forward-pass", format: "numpy"))
        // X = 4 3 1 / 8 6 7 / 9 5 2, F = 1 −2 / 3 −3: O11 = 4 − 6 + 24 − 18 = 4, O12 = 3 − 2 + 18 − 21 = −2,
        // O21 = 8 − 12 + 27 − 15 = 8, O22 = 6 − 14 + 15 − 6 = 1. The file's step 3 is the tutor's steps 3–6.
        #expect(printed.results[PrintedKey(steps: 3...6, name: "output")]
                == PrintedResult(shape: [2, 2], values: [4, -2, 8, 1]))
        // Five conv steps of two 2×2 results each.
        #expect(printed.verdict == "all 40 values agree with the tutor")
    }

    @Test func referencesToEarlierResultsStayReferences() throws {
        let script = try exportedScript("stride-backward", format: "numpy")
        // Step 9 takes the gradient step 8 dilated, and a later step its filter from step 8: computed, never copied.
        #expect(script.contains(
            "s9 = full_conv(grad=s8[\"output\"], filter=tensor([[1, 2, -1], [-2, 1, 3], [2, -1, 1]]))"))
        #expect(script.contains("filter=s8[\"output\"]"))
    }

    @Test func exportsRefuseAStepInOneLine() throws {
        for format in ["latex", "numpy", "pytorch"] {
            try CLI.expectRefusal(["show", "forward-pass", "--format", format, "--step", "2"], json: false,
                                  mentioning: "--step does not apply to --format \(format)")
        }
    }

    /// Padding with stride on volumes, several filters, bias and ReLU, a shift, max windows of negative numbers
    /// (padding must never win), ties, ReLU at 0, non-square kernels: what the bundled lessons may not combine.
    static let edgeCases = """
        id: export-edge-cases
        title: Export edge cases
        summary: Combinations for the exporters.
        steps:
          - op: conv
            input: ["1 -2 3 0 1; 2 1 -1 4 0; 0 3 2 -2 1; 1 0 1 2 -3", "2 0 -1 1 3; -1 2 0 1 1; 3 1 -2 0 2; 0 -1 1 3 1"]
            filters:
              - ["1 0 -1; 2 1 0; 0 -1 1", "0 1 0; -1 2 1; 1 0 -2"]
              - ["-1 1 0; 0 2 -1; 1 1 1", "2 0 1; 0 -1 0; 1 0 -1"]
            bias: [0.5, -1]
            stride: 2
            padding: 1
            relu: true
            shift: [-1, 1]
            walk: result
          - op: conv-backward
            input: ["1 -2 3 0 1; 2 1 -1 4 0; 0 3 2 -2 1; 1 0 1 2 -3", "2 0 -1 1 3; -1 2 0 1 1; 3 1 -2 0 2; 0 -1 1 3 1"]
            filters:
              - ["1 0 -1; 2 1 0; 0 -1 1", "0 1 0; -1 2 1; 1 0 -2"]
              - ["-1 1 0; 0 2 -1; 1 1 1", "2 0 1; 0 -1 0; 1 0 -1"]
            grad: {from: 1, result: pre_activation}
            bias: [0.5, -1]
            stride: 2
            padding: 1
            gradient: weight
            walk: result
          - op: pool
            input: "-1 -2 -3 -4 -5; -6 -7 -8 -9 -1; -2 -3 -4 -5 -6; -7 -8 -9 -1 -2; -3 -4 -5 -6 -7"
            mode: max
            size: 3
            stride: 2
            padding: 1
            walk: result
          - op: pool-backward
            input: "-1 -2 -3 -4 -5; -6 -7 -8 -9 -1; -2 -3 -4 -5 -6; -7 -8 -9 -1 -2; -3 -4 -5 -6 -7"
            grad: {from: previous, result: output}
            mode: avg
            size: 3
            stride: 2
            padding: 1
            walk: result
          - op: pool-backward
            input: "1 1 0; 1 1 2; 0 2 2"
            grad: "1 2; 3 4"
            mode: max
            size: 2
            stride: 1
            walk: result
          - op: relu-backward
            input: "0 -1 2; 3 0 -0.5"
            grad: "1 2 3; 4 5 6"
            walk: result
          - op: convolve
            input: ["1 2 0; -1 3 1; 2 0 1", "0 1 -2; 1 1 0; 3 -1 2"]
            filter: ["1 -1; 2 0", "0 3; -1 1"]
            mode: full
            walk: result
          - op: im2col
            input: ["1 2 0 1; -1 3 1 0; 2 0 1 1", "0 1 -2 2; 1 1 0 -1; 3 -1 2 0"]
            filters: [["1 -1; 2 0", "0 3; -1 1"], ["2 1; 0 -1", "1 0; 0 1"]]
            stride: 2
            padding: 1
            walk: result
          - op: dilate
            grad: ["1 2; 3 4", "5 6; 7 8"]
            stride: 3
            walk: result
          - op: rotate
            filter: ["1 2 3; 4 5 6", "-1 -2 -3; -4 -5 -6"]
            walk: result
          - op: full-conv
            grad: "1 -2 0.25; 3 0 1"
            filter: "2 -1; 0 1; 1 3"
            walk: result
          - op: size
            input_size: 7
            filter_size: 3
            stride: 3
            padding: 1

        """

    /// Each edge-case lesson, by its id.
    static let edgeCaseLessons = ["export-edge-cases": edgeCases, "export-new-operations": newOperations,
                                  "export-groups": groups]

    @Test(arguments: ["numpy", "pytorch"], edgeCaseLessons.keys.sorted())
    func edgeCasesAgreeWithTheEngine(format: String, id: String) throws {
        let exports = try Self.edgeCaseExports.get(), key = "\(format) \(id)"
        let result = try #require(exports.shown[key])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(!result.stdout.contains("not exportable yet"))
        if let compiled = exports.compiled[key] { #expect(compiled.status == 0, "\(compiled.output)") }
        // Without torch the PyTorch script is only compiled.
        guard let run = exports.ran[key] else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(id).yaml")
        try #require(Self.edgeCaseLessons[id]).write(to: file, atomically: true, encoding: .utf8)
        let player = try LessonLoader.player(file: file.path).get()
        try expectSameResults(player: player, printed: try Python.results(of: run))
    }

    /// The edge-case lessons in one folder, exported in both formats by the binary; the PyTorch scripts compiled,
    /// and the scripts run (PyTorch's only where torch imports), each by one python3 process. Keyed "format id".
    struct EdgeCaseExports {
        var shown: [String: CLI.Result] = [:]
        var compiled: [String: Python.Output] = [:]
        var ran: [String: Python.Output] = [:]

        init() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for (id, yaml) in ExportScriptTests.edgeCaseLessons {
                try yaml.write(to: folder.appendingPathComponent("\(id).yaml"), atomically: true, encoding: .utf8)
                for format in ["numpy", "pytorch"] {
                    shown["\(format) \(id)"] = try CLI.run(["show", id, "--lessons", folder.path, "--format", format])
                }
            }
            let pytorch = shown.keys.filter { $0.hasPrefix("pytorch ") }.sorted()
            let runnable = shown.keys.filter { $0.hasPrefix("numpy ") || ExportScriptTests.torchImports }.sorted()
            let compiledOutputs = try PythonBatch.outputs(of: pytorch.map { shown[$0]?.stdout ?? "" }, mode: .compile)
            compiled = Dictionary(uniqueKeysWithValues: zip(pytorch, compiledOutputs))
            ran = Dictionary(uniqueKeysWithValues: zip(runnable, try PythonBatch.outputs(
                of: runnable.map { shown[$0]?.stdout ?? "" }, mode: .run)))
        }
    }

    static let edgeCaseExports = Result { try EdgeCaseExports() }

    /// The test runs every lesson file in Lessons/, none missed by the library's listing.
    @Test func everyBundledLessonFileIsExported() throws {
        let folder = CLI.packageRoot.appendingPathComponent("Lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 24)
        #expect(Self.lessonIDs.count == files.count, "\(Self.lessonIDs)")
    }

    func exportedScript(_ id: String, format: String) throws -> String {
        let result = try CLI.run(["show", id, "--format", format])
        #expect(result.status == 0 && result.stderr.isEmpty, "show \(id) --format \(format): \(result.stderr)")
        return result.stdout
    }

    /// A bundled lesson as the tutor plays it; nil when there is no such lesson.
    static func bundledPlayer(_ id: String) throws -> LessonPlayer? {
        try LessonLibrary.load(userDirectories: [], environment: [:]).entries.first { $0.header.id == id }?.player.get()
    }

    func expectSameResults(id: String, script: String) throws {
        let player = try #require(try Self.bundledPlayer(id))
        try expectSameResults(player: player, script: script)
    }

    /// The script prints every result the tutor computed, under the tutor's numbers of the step's frames, with the
    /// tutor's values, and says so in its last line, counting each of them.
    func expectSameResults(player: LessonPlayer, script: String) throws {
        try expectSameResults(player: player, printed: try Python.results(of: script))
    }

    /// As `expectSameResults(player:script:)`, for what the script printed when it ran.
    func expectSameResults(player: LessonPlayer, printed: PrintedOutput) throws {
        let id = player.lesson.id
        var compared = 0, tutorValues = 0
        for (index, step) in player.lesson.steps.enumerated() where step.computation != nil {
            let expected = player.results(ofStep: index)
            tutorValues += expected.values.map(\.values.count).reduce(0, +)
            // 1-based frame numbers, as the tutor's status line and `show --step` count them.
            let frames = player.lessonStepRanges[index]
            let steps = (frames.lowerBound + 1)...frames.upperBound
            let names = Set(printed.results.keys.filter { $0.steps == steps }.map(\.name))
            #expect(names == Set(expected.keys), "\(id) step \(index + 1): printed \(names.sorted())")
            for (name, tensor) in expected {
                guard let result = printed.results[PrintedKey(steps: steps, name: name)] else { continue }
                #expect(result.shape == tensor.shape, "\(id) step \(index + 1) \(name)")
                guard result.values.count == tensor.values.count else { continue }
                let differing = zip(result.values, tensor.values).enumerated().first { _, pair in
                    !(abs(pair.0 - pair.1) <= 1e-9 * max(1, abs(pair.1)))
                }
                #expect(differing == nil, "\(id) step \(index + 1) \(name): \(String(describing: differing))")
                compared += result.values.count
            }
        }
        #expect(compared > 0 || player.lesson.steps.allSatisfy { $0.computation == nil })
        #expect(printed.verdict == "all \(tutorValues) values agree with the tutor", "\(id)")
    }
}

/// A printed result: the tutor's steps it is printed under ("steps 21–25" is 21...25) and its name.
struct PrintedKey: Hashable {
    var steps: ClosedRange<Int>
    var name: String
}

/// What a script printed: its result lines, and its last line, the verdict on them.
struct PrintedOutput {
    var results: [PrintedKey: PrintedResult]
    var verdict: String
}

struct PrintedResult: Equatable {
    var shape: [Int]
    var values: [Double]
}

/// python3 run on a script or with arguments, output captured.
enum Python {
    struct Output {
        var status: Int32
        var output: String
    }

    /// python3 with `arguments`, in `directory` (the test's own when nil).
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = directory
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("python-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return Output(status: process.terminationStatus, output: try String(contentsOf: file, encoding: .utf8))
    }

    static func temporaryFile(_ script: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).py")
        try script.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs the script, which must succeed, and reads its output (see `printed`).
    static func results(of script: String) throws -> PrintedOutput {
        let file = try temporaryFile(script)
        defer { try? FileManager.default.removeItem(at: file) }
        return try results(of: try Python.run([file.path]))
    }

    /// What a script that ran printed; it must have succeeded.
    static func results(of run: Output) throws -> PrintedOutput {
        try #require(run.status == 0, "the script failed:\n\(run.output.suffix(3000))")
        return printed(run.output)
    }

    /// The `step N name AxB: v v …` or `steps N–M name AxB: v v …` lines a script printed, then its verdict;
    /// any other line fails the test.
    static func printed(_ output: String) -> PrintedOutput {
        var lines = output.split(separator: "\n")
        let verdict = lines.popLast().map(String.init) ?? ""
        var results: [PrintedKey: PrintedResult] = [:]
        for line in lines {
            let (head, tail) = (line.prefix { $0 != ":" }, line.drop { $0 != ":" }.dropFirst())
            let words = head.split(separator: " ")
            let shape = words.count == 4 ? words[3].split(separator: "x").compactMap { Int($0) } : []
            let values = tail.split(separator: " ").compactMap { Double($0) }
            guard words.count == 4, let steps = tutorSteps(words[0], words[1]), !shape.isEmpty,
                  values.count == tail.split(separator: " ").count else {
                Issue.record("unreadable line: \(line.prefix(200))")
                continue
            }
            results[PrintedKey(steps: steps, name: String(words[2]))] = PrintedResult(shape: shape, values: values)
        }
        return PrintedOutput(results: results, verdict: verdict)
    }

    /// "step" "7" is 7...7, "steps" "21–25" is 21...25; anything else is nil.
    static func tutorSteps(_ noun: Substring, _ numbers: Substring) -> ClosedRange<Int>? {
        let bounds = numbers.split(separator: "–", omittingEmptySubsequences: false).map { Int($0) }
        switch (noun, bounds.count) {
        case ("step", 1): return bounds[0].map { $0...$0 }
        case ("steps", 2):
            guard let first = bounds[0], let last = bounds[1], first < last else { return nil }
            return first...last
        default: return nil
        }
    }
}
