import Foundation

/// Many Python scripts run or compiled by one python3 process, each in a fresh `__main__` namespace with its own
/// captured output and exit status: numpy is imported and the interpreter started once rather than once a
/// script (about 0.2 s of CPU each). For scripts that trust each other, such as the bundled lessons' exports;
/// a script that must run alone (hostile text, a working folder of its own) goes through `Python.run`.
enum PythonBatch {
    /// What the driver does with each script.
    enum Mode: String {
        /// Runs it as `python3 script` would (`runpy.run_path` as `__main__`).
        case run
        /// Compiles it as `python3 -m py_compile script` would, without writing a `.pyc`.
        case compile
    }

    /// Writes each script's status and output to `script.out` beside it: the first line the exit status (as
    /// `SystemExit` or an uncaught exception sets it), the rest everything it printed to stdout and stderr.
    static let driver = """
        import contextlib, io, runpy, sys, traceback
        mode = sys.argv[1]
        for path in sys.argv[2:]:
            output, status = io.StringIO(), 0
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                try:
                    if mode == "run":
                        runpy.run_path(path, run_name="__main__")
                    else:
                        with open(path, encoding="utf-8") as source:
                            compile(source.read(), path, "exec")
                except SystemExit as exit:
                    status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
                except BaseException:
                    traceback.print_exc()
                    status = 1
            with open(path + ".out", "w", encoding="utf-8") as result:
                result.write(f"{status}\\n{output.getvalue()}")
        """

    /// Runs (or compiles) every script in one python3 process; the outputs in the order of `scripts`.
    static func outputs(of scripts: [String], mode: Mode) throws -> [Python.Output] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("python-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = scripts.indices.map { folder.appendingPathComponent("script\($0).py") }
        for (script, file) in zip(scripts, files) { try script.write(to: file, atomically: true, encoding: .utf8) }
        let driver = try Python.run(["-c", Self.driver, mode.rawValue] + files.map(\.path))
        guard driver.status == 0 else { throw DriverFailed(output: driver.output) }
        return try files.map { file in
            let text = try String(contentsOf: file.appendingPathExtension("out"), encoding: .utf8)
            let (status, output) = (text.prefix { $0 != "\n" }, text.drop { $0 != "\n" }.dropFirst())
            return Python.Output(status: Int32(status) ?? -1, output: String(output))
        }
    }

    struct DriverFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "the batch driver failed:\n\(output.suffix(3000))" }
    }
}
