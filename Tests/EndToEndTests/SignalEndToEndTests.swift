import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// Signals a student (or their system) can send the tutor: each ends it cleanly or is shrugged off, and the
    /// terminal is always left usable, with no crash report on the screen.
    @Suite("Signals in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct SignalEndToEndTests {
        /// A deadline, not a timing. With the other tmux suite and other builds sharing two cores (load 12), this
        /// suite's first session missed a 10 s deadline in about 1 run of 4; the cause was not pinned down.
        let firstFrameTimeout = 30.0

        /// `stty -a` says the terminal echoes and reads lines again (not "-echo" or "-icanon").
        func isSane(_ modes: String) -> Bool {
            let flags = Set(modes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
            return flags.isSuperset(of: ["echo", "icanon", "isig", "icrnl"])
        }

        @Test func ctrlBackslashQuitsCleanlyWithoutACrashReport() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"])
            try session.waitFor("step 1/", timeout: firstFrameTimeout)
            try session.send("Right")
            try session.waitFor("step 2/")
            try session.send("C-\\")
            // Swift's backtracer would print "Program crashed" and wait 30 s for a key.
            #expect(try session.exitStatus(timeout: 5) == 128 + SIGQUIT)
            #expect(try session.alternateScreenOn() == false)
            #expect(isSane(try session.terminalModesAfterExit()))
            let after = try session.captureAll()
            #expect(!after.contains("crashed") && !after.contains("Backtrac"))
            let saved = try String(contentsOf: session.stateDirectory.appendingPathComponent("cnn-tutor/progress.json"),
                                   encoding: .utf8)
            #expect(saved.contains("\"step\" : 1"))
        }

        @Test func ctrlZGivesTheTerminalBackAndFgRedrawsTheScreen() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"], jobControl: true)
            try session.waitFor("step 1/", timeout: firstFrameTimeout)
            try session.send("Right")
            let before = try session.waitFor("step 2/")
            try session.send("C-z")
            // Stopped: the shell has the terminal, on the main screen, with its own modes.
            try session.waitFor("Stopped")
            #expect(try session.alternateScreenOn() == false)
            try session.type("fg")
            try session.send("Enter")
            // Every line comes back, not only those that change.
            let redrawn = try session.waitForScreen("the tutor's screen again") { $0 == before }
            #expect(redrawn.contains("cnn-tutor │"))
            #expect(try session.alternateScreenOn())
            try session.send("Right")
            try session.waitFor("step 3/")
            try session.send("q")
            try session.waitForScreen("the shell's prompt") { screen in
                screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == "$"
            }
            try session.recordExitFromShell()
            #expect(try session.exitStatus() == 0)
            #expect(isSane(try session.terminalModesAfterExit()))
        }

        /// SIGSTOP cannot be caught: the shell's "Stopped" line lands on the tutor's screen and the shell's modes on
        /// the terminal; SIGCONT puts back both the screen and curses' modes.
        @Test func aStopFromOutsideIsRepairedOnContinue() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"], jobControl: true)
            let before = try session.waitFor("step 1/", timeout: firstFrameTimeout)
            kill(try session.tutorPID(), SIGSTOP)
            try session.waitFor("Stopped")
            try session.type("fg")
            try session.send("Enter")
            let redrawn = try session.waitForScreen("the tutor's screen without the shell's lines") { $0 == before }
            #expect(!redrawn.contains("Stopped"))
            // The shell's modes are gone again: keys reach the tutor one by one, unechoed.
            try session.send("Right")
            try session.waitFor("step 2/")
            try session.send("q")
            try session.waitForScreen("the shell's prompt") { screen in
                screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == "$"
            }
        }

        @Test func userSignalsAndSigpipeAreIgnored() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"])
            try session.waitFor("step 1/", timeout: firstFrameTimeout)
            let pid = try session.tutorPID()
            for signal in [SIGUSR1, SIGUSR2, SIGPIPE] {
                #expect(kill(pid, signal) == 0)
            }
            usleep(200_000)
            try session.send("Right")
            try session.waitFor("step 2/")
            try session.send("q")
            #expect(try session.exitStatus() == 0)
            #expect(try session.alternateScreenOn() == false)
            #expect(isSane(try session.terminalModesAfterExit()))
        }

        @Test func aCrashEndsWithOneLineAndASaneTerminal() throws {
            let session = try TmuxSession(environment: ["SWIFT_BACKTRACE": ""])
            try session.waitFor("step 1/", timeout: firstFrameTimeout)
            kill(try session.tutorPID(), SIGSEGV)
            #expect(try session.exitStatus(timeout: 5) == 128 + SIGSEGV)
            #expect(try session.alternateScreenOn() == false)
            let modes = try session.terminalModesAfterExit()
            #expect(isSane(modes), "\(modes)")
            let after = try session.captureAll()
            #expect(after.contains("cnn-tutor stopped on an internal error"))
            #expect(!after.contains("crashed") && !after.contains("Backtrac"))
        }

        @Test func twoTutorsOnOneFolderKeepBothLessons() throws {
            let state = FileManager.default.temporaryDirectory
                .appendingPathComponent("cnn-e2e-state-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: state) }
            let first = try TmuxSession(arguments: ["--lesson", "forward-pass"], stateDirectory: state)
            let second = try TmuxSession(arguments: ["--lesson", "max-pooling"], stateDirectory: state)
            try first.waitFor("step 1/", timeout: firstFrameTimeout)
            try second.waitFor("step 1/", timeout: firstFrameTimeout)
            // Each saves on every step, in turn: without merging, each save would drop the other's lesson.
            for step in 2...4 {
                try first.send("Right")
                try first.waitFor("step \(step)/")
                if step < 4 {
                    try second.send("Right")
                    try second.waitFor("step \(step)/")
                }
            }
            try first.send("q")
            try second.send("q")
            #expect(try first.exitStatus() == 0)
            #expect(try second.exitStatus() == 0)
            let data = try Data(contentsOf: state.appendingPathComponent("cnn-tutor/progress.json"))
            let saved = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let lessons = try #require(saved["lessons"] as? [String: [String: Any]])
            #expect(lessons["forward-pass"]?["step"] as? Int == 3)
            #expect(lessons["max-pooling"]?["step"] as? Int == 2)
        }
    }
}
