import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// What the student's environment can do to the tutor (issue 13, items 6, 7, 8, 11 and 15): absurd COLUMNS
    /// and LINES, a terminal that claims 3000 columns, a file-size limit of 0, a named pipe for a progress file,
    /// a backlog of keys. The tutor keeps to the terminal's size, says what it cannot save and always gives the
    /// terminal back.
    @Suite("A hostile environment in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct HostileEnvironmentEndToEndTests {
        /// `stty -a` says the terminal echoes and reads lines again (not "-echo" or "-icanon").
        func isSane(_ modes: String) -> Bool {
            let flags = Set(modes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
            return flags.isSuperset(of: ["echo", "icanon", "isig", "icrnl"])
        }

        /// The most memory the tutor has used so far, in MB (VmHWM).
        func peakMegabytes(_ session: TmuxSession) throws -> Int {
            let status = try String(contentsOfFile: "/proc/\(try session.tutorPID())/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
            return try #require(Int(line.split(separator: " ")[1])) / 1024
        }

        /// The status bar's step counter sits at the right edge of the screen the tutor draws: it is seen only
        /// when that screen is the terminal's 100 columns, not COLUMNS' 10000.
        @Test func columnsAndLinesOfTenThousandAreIgnoredForTheRealSize() throws {
            let session = try TmuxSession(environment: ["COLUMNS": "10000", "LINES": "10000"])
            let screen = try session.waitFor("step 1/")
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.firstIndex { $0.contains("step 1/") } == 29, "\(screen)")
            #expect(try peakMegabytes(session) < 200)
            try session.send("q")
            #expect(try session.exitStatus(timeout: 10) == 0)
            #expect(try session.alternateScreenOn() == false)
        }

        /// A terminal may claim any size (`stty cols 3000 rows 2500`): the tutor draws at most 1000×1000. What
        /// tmux shows of it is a muddle (its pane has 100 columns), so the first frame is known by the trace file.
        @Test func aTerminalBeyondTheBoundIsDrawnAtTheBound() throws {
            let trace = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-e2e-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: trace) }
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"],
                                          environment: ["CNN_TUTOR_TRACE": trace.path],
                                          prelude: "stty cols 3000 rows 2500")
            let deadline = Date().addingTimeInterval(30)
            while (try? String(contentsOf: trace, encoding: .utf8))?.contains("first-frame") != true {
                try #require(Date() < deadline, "no first frame in 30 s")
                usleep(50_000)
            }
            // 7.5 million cells at 3000×2500 would take some 700 MB; 1000×1000 takes about a hundred.
            #expect(try peakMegabytes(session) < 400)
            try session.send("Right")
            try session.send("q")
            #expect(try session.exitStatus(timeout: 10) == 0)
            #expect(try session.alternateScreenOn() == false)
            #expect(isSane(try session.terminalModesAfterExit()))
        }

        /// `ulimit -f 0` made each save's write a SIGXFSZ, which killed the tutor on the alternate screen. Now
        /// the write fails as on a full disk: said once on the status line, and in the exit status.
        @Test func aFileSizeLimitIsAFailedSaveNotACrash() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"], prelude: "ulimit -f 0")
            try session.waitFor("step 1/")
            try session.send("Right")
            let failed = try session.waitFor("cannot save progress (file too large): ")
            #expect(!failed.contains("cannot save progress: cannot"))
            // The same failure at the next step is not said again.
            try session.send("Right")
            let next = try session.waitFor("step 3/")
            #expect(!next.contains("cannot save"))
            try session.send("q")
            #expect(try session.exitStatus() == 74)
            #expect(try session.alternateScreenOn() == false)
            #expect(isSane(try session.terminalModesAfterExit()))
            usleep(200_000)
            let after = try session.captureAll()
            let said = after.split(separator: "\n").filter { $0.contains("cannot save progress") }
            #expect(said.count == 1, "\(after)")
            #expect(said.first?.hasPrefix("error: cannot save progress (file too large): /") == true)
            // No temporary file is left behind, only the lock.
            let folder = session.stateDirectory.appendingPathComponent("cnn-tutor").path
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [".progress.json.lock"])
        }

        @Test func aNamedPipeForAProgressFileIsReportedAndLeftAlone() throws {
            let state = FileManager.default.temporaryDirectory
                .appendingPathComponent("cnn-e2e-state-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: state) }
            let file = state.appendingPathComponent("cnn-tutor/progress.json")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try #require(mkfifo(file.path, 0o600) == 0)
            let session = try TmuxSession(stateDirectory: state)
            let screen = try session.waitFor("step 1/")
            #expect(screen.contains("progress file is a named pipe (FIFO), not a regular file"))
            try session.send("q")
            // Nothing could be saved, and the exit status says so.
            #expect(try session.exitStatus() == 74)
            #expect(try session.alternateScreenOn() == false)
            var info = stat()
            #expect(lstat(file.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        }

        /// Keys typed faster than they are drawn are taken together and drawn once: none is lost on the way.
        @Test func aBacklogOfKeysIsAppliedWhole() throws {
            let session = try TmuxSession(arguments: ["play", "--input-size", "6"])
            try session.waitFor("playground · cross-correlation")
            try session.send("H", "H", "H", "H", "H", "w", "w", "K", "K", "K", "K", "K", "K", "K", "K", "K")
            let screen = try session.waitFor("number of filters is at its largest here (8)")
            #expect(screen.contains("X 11×4 · 8 filters 3×3"), "\(screen)")
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }
    }
}
