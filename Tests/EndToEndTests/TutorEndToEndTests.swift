import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// The real binary in a real (tmux) terminal. Every session has its own XDG_STATE_HOME, so the student's
    /// progress is never touched.
    @Suite("The tutor in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct TutorEndToEndTests {
        /// The line of the screen with the running partial sums.
        func partialSums(_ screen: String) -> String? {
            screen.split(separator: "\n").first { $0.contains("partial sums:") }.map(String.init)
        }

        /// Steps with → until the screen shows a formula being summed (at most `limit` presses).
        func stepToFormula(_ session: TmuxSession, limit: Int = 12) throws -> String {
            for _ in 0..<limit {
                let screen = try session.capture()
                if partialSums(screen) != nil { return screen }
                try session.send("Right")
                usleep(60_000)
            }
            return try session.waitForScreen("a formula") { partialSums($0) != nil }
        }

        @Test func firstFrameAppearsAndQLeavesASaneTerminal() throws {
            let session = try TmuxSession()
            let screen = try session.waitFor("step 1/")
            #expect(screen.contains("cnn-tutor │"))
            #expect(try session.alternateScreenOn())
            try session.send("q")
            #expect(try session.exitStatus() == 0)
            #expect(try session.alternateScreenOn() == false)
            // Progress was saved where XDG_STATE_HOME says.
            let saved = session.stateDirectory.appendingPathComponent("cnn-tutor/progress.json")
            #expect(FileManager.default.fileExists(atPath: saved.path))
        }

        @Test func steppingChangesThePartialSum() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"])
            try session.waitFor("step 1/")
            let before = try #require(partialSums(try stepToFormula(session)))
            try session.send("Right")
            let after = try session.waitForScreen("the partial sum to change") { screen in
                partialSums(screen).map { $0 != before } ?? false
            }
            #expect(partialSums(after)!.hasPrefix(before))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        @Test func editModeRecomputes() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"])
            try session.waitFor("step 1/")
            let screen = try stepToFormula(session)
            let numeric = screen.split(separator: "\n").filter { $0.contains(" = ") && $0.contains("→") }
                .map(String.init)
            try session.send("e")
            try session.waitFor("EDIT")
            try session.type("97")
            try session.send("Enter")
            let edited = try session.waitFor("everything recomputed")
            #expect(edited.contains("97"))
            let numericAfter = edited.split(separator: "\n").filter { $0.contains(" = ") && $0.contains("→") }
                .map(String.init)
            #expect(numericAfter != numeric)
            try session.send("Escape")
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        @Test func tinyTerminalScreenUntilItGrows() throws {
            let session = try TmuxSession(width: 50, height: 16)
            try session.waitFor("enlarge the terminal to at least 60×20")
            try session.resize(width: 100, height: 30)
            let screen = try session.waitFor("step 1/")
            #expect(!screen.contains("enlarge"))
            try session.resize(width: 59, height: 30)
            try session.waitFor("enlarge the terminal")
            try session.resize(width: 60, height: 20)
            try session.waitForScreen("the tutor at 60×20") { $0.contains("step 1/") && !$0.contains("enlarge") }
            try session.send("q")
            #expect(try session.exitStatus() == 0)
            #expect(try session.alternateScreenOn() == false)
        }

        @Test func sigtermLeavesASaneTerminal() throws {
            let session = try TmuxSession()
            try session.waitFor("step 1/")
            let pid = try session.tutorPID()
            kill(pid, SIGTERM)
            #expect(try session.exitStatus() == 143)
            #expect(try session.alternateScreenOn() == false)
        }

        @Test func ctrlCLeavesASaneTerminal() throws {
            let session = try TmuxSession()
            try session.waitFor("step 1/")
            try session.send("C-c")
            #expect(try session.exitStatus() == 130)
            #expect(try session.alternateScreenOn() == false)
        }

        @Test func aCrashLeavesASaneTerminal() throws {
            let session = try TmuxSession(environment: ["SWIFT_BACKTRACE": "enable=no"])
            try session.waitFor("step 1/")
            let pid = try session.tutorPID()
            kill(pid, SIGSEGV)
            let status = try session.exitStatus()
            #expect(status == 128 + SIGSEGV)
            #expect(try session.alternateScreenOn() == false)
        }

        /// Opens `lesson` and steps on to its first quiz.
        func sessionAtQuiz(_ lesson: String = "forward-pass", width: Int = 100,
                           height: Int = 30) throws -> TmuxSession {
            let session = try TmuxSession(width: width, height: height, arguments: ["--lesson", lesson])
            try session.waitFor("step 1/")
            var screen = try session.capture()
            for _ in 0..<40 where !screen.contains("Quiz:") {
                try session.send("Right")
                usleep(50_000)
                screen = try session.capture()
            }
            try session.waitFor("Quiz:")
            return session
        }

        @Test func wrongThenWrongGivesAHintThenTheWork() throws {
            let session = try sessionAtQuiz()
            try session.type("12345")
            try session.send("Enter")
            var screen = try session.waitFor("Not quite: 12345 is not it.")
            // The first wrong answer: the terms named, no worked numbers.
            #expect(screen.contains("Hint: O"))
            #expect(!screen.contains("Still not"))
            try session.type("12345")
            try session.send("Enter")
            screen = try session.waitFor("Still not: 12345")
            // The worked terms end with the value: "O12 = … = 8".
            let lines = screen.split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex { $0.contains("Still not") })
            let worked = lines[(start + 1)...].prefix { !$0.contains("Try again") }
            let last = try #require(worked.last { $0.contains(" = ") })
            let answer = try #require(last.components(separatedBy: " = ").last?.trimmingCharacters(in: .whitespaces))
            try session.type(answer)
            try session.send("Enter")
            screen = try session.waitFor("Right: \(answer) is correct")
            #expect(!screen.contains("Still not"))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        @Test func anUnreadableAnswerStaysEditable() throws {
            let session = try sessionAtQuiz()
            try session.type("1/0")
            try session.send("Enter")
            var screen = try session.waitFor("\"1/0\" is not a number")
            #expect(screen.contains("your answer: 1/0_"))
            try session.send("BSpace")
            screen = try session.waitFor("your answer: 1/_")
            #expect(!screen.contains("Not quite"))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        @Test func backspaceInAnEmptyAnswerBoxDoesNothing() throws {
            let session = try sessionAtQuiz()
            let before = try session.capture()
            let counter = try #require(before.split(separator: "\n").last { $0.contains("step ") })
            let step = try #require(counter.components(separatedBy: "step ").last)
            try session.send("BSpace")
            try session.send("BSpace")
            usleep(200_000)
            let screen = try session.capture()
            #expect(screen.contains("Quiz:"))
            #expect(screen.contains("step " + step))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        /// The running sum practice asks for: the sum so far plus the new product, read off the screen.
        func expectedRunningSum(_ screen: String) throws -> Double {
            let lines = screen.split(separator: "\n").map(String.init)
            let numeric = try #require(lines.first { $0.hasSuffix("→ ?") || $0.hasSuffix("= ?") })
            let body = numeric.components(separatedBy: " = ")[1]
            let terms = body.components(separatedBy: " + ").map { $0.components(separatedBy: " → ")[0] }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "…" && !$0.isEmpty }
            let factors = try #require(terms.last).components(separatedBy: "·").map { factor in
                Double(factor.filter { $0 != "(" && $0 != ")" }.replacingOccurrences(of: "−", with: "-"))
            }
            let product = factors.reduce(1.0) { $0 * ($1 ?? .nan) }
            let partials = try #require(partialSums(screen)).components(separatedBy: "partial sums: ")[1]
                .components(separatedBy: " → ")
            let previous = partials.count > 1 ? partials[partials.count - 2] : "0"
            let before = Double(previous.replacingOccurrences(of: "−", with: "-"))
            return (before ?? .nan) + product
        }

        func plain(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }

        @Test func practiceModeTakesARightAndAWrongRunningSum() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"])
            try session.waitFor("step 1/")
            _ = try stepToFormula(session)
            try session.send("t")
            var screen = try session.waitFor("running sum ?: _")
            let right = try expectedRunningSum(screen)
            #expect(right.isFinite)
            let counter = { (screen: String) in
                screen.split(separator: "\n").last { $0.contains("step ") }?.components(separatedBy: "step ").last
            }
            let before = counter(screen)
            // Wrong: the walk stays, with a hint.
            try session.type(plain(right + 1))
            try session.send("Enter")
            screen = try session.waitFor("is not it: add the lit product")
            #expect(counter(screen) == before)
            // Right: the walk advances.
            try session.type(plain(right))
            try session.send("Enter")
            screen = try session.waitFor("✓ \(plain(right)) is right")
            #expect(counter(screen) != before)
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        @Test func theThreeChannelLessonShowsEveryChannelAt80x24() throws {
            let session = try TmuxSession(width: 80, height: 24, arguments: ["--lesson", "convolution-over-volume"])
            try session.waitFor("step 1/")
            // Step on to the walk over the three channels of one filter.
            var screen = try session.capture()
            for _ in 0..<40 where !screen.contains("partial sums:") {
                try session.send("Right")
                usleep(50_000)
                screen = try session.capture()
            }
            screen = try session.waitFor("partial sums:")
            for grid in ["Input X", "Filter F"] {
                for channel in 1...3 {
                    #expect(screen.contains("\(grid) ch\(channel)") || screen.contains("\(grid), channel \(channel)"),
                            "\(grid) channel \(channel)")
                }
            }
            #expect(screen.contains("Output O"))
            #expect(!screen.contains("hidden"))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        @Test func resumesWhereTheStudentLeft() throws {
            let state = FileManager.default.temporaryDirectory
                .appendingPathComponent("cnn-e2e-state-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: state) }
            do {
                let session = try TmuxSession(arguments: ["--lesson", "max-pooling", "--step", "5"],
                                              stateDirectory: state)
                try session.waitFor("step 5/")
                try session.send("Right")
                try session.waitFor("step 6/")
                try session.send("q")
                #expect(try session.exitStatus() == 0)
            }
            do {
                let session = try TmuxSession(stateDirectory: state)
                let screen = try session.waitFor("step 6/")
                #expect(screen.contains("Max pooling"))
                try session.send("q")
                #expect(try session.exitStatus() == 0)
            }
            do {
                let session = try TmuxSession(arguments: ["--reset-progress"], stateDirectory: state)
                let screen = try session.waitFor("step 1/")
                #expect(!screen.contains("Max pooling"))
                try session.send("q")
                #expect(try session.exitStatus() == 0)
            }
        }

        @Test func corruptProgressIsReportedOnce() throws {
            let state = FileManager.default.temporaryDirectory
                .appendingPathComponent("cnn-e2e-state-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: state) }
            let file = state.appendingPathComponent("cnn-tutor/progress.json")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data("{ not json".utf8).write(to: file)
            do {
                let session = try TmuxSession(stateDirectory: state)
                try session.waitFor("progress file is not valid JSON")
                let kept = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
                    .filter { $0.hasPrefix("progress.json.corrupt-") }
                #expect(kept.count == 1)
                try session.send("q")
                #expect(try session.exitStatus() == 0)
                // Reported once: not again on stderr after the terminal is back.
                usleep(200_000)
                #expect(try !session.captureAll().contains("corrupt"))
            }
            do {
                let session = try TmuxSession(stateDirectory: state)
                let screen = try session.waitFor("step 1/")
                #expect(!screen.contains("corrupt"))
                try session.send("q")
                #expect(try session.exitStatus() == 0)
                #expect(try !session.captureAll().contains("corrupt"))
            }
        }

        @Test func dumbAndUnknownTerminalsGetAOneLineError() throws {
            for term in ["dumb", "no-such-terminal-xyz"] {
                let session = try TmuxSession(environment: ["TERM": term])
                let status = try session.exitStatus()
                #expect(status != 0)
                usleep(100_000)
                let screen = try session.captureAll()
                let errors = screen.split(separator: "\n").filter { $0.hasPrefix("error:") }
                #expect(errors.count == 1, "\(screen)")
                #expect(screen.contains("show --plain"))
                #expect(try session.alternateScreenOn() == false)
            }
        }

        @Test func asciiAndMonochrome() throws {
            let session = try TmuxSession(environment: ["LANG": "C", "NO_COLOR": "1"])
            let screen = try session.waitFor("step 1/")
            let allASCII = screen.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(allASCII, "\(screen)")
            #expect(screen.contains("cnn-tutor |"))
            let styled = try session.tmux(["capture-pane", "-p", "-e", "-t", session.target])
            // Reverse video (SGR 7) for the bars, no colours (SGR 3x/4x).
            #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m"))
            let colour = try Regex(#"\x1B\[(?:[0-9;]*;)?[34][0-7](?:;[0-9;]*)?m"#)
            #expect(styled.firstMatch(of: colour) == nil, "\(styled)")
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }
    }
}

@Suite("The tutor without a terminal")
struct NoTerminalTests {
    @Test func stdoutNotATerminalIsAOneLineError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: tutorBinary), "no cnn-tutor at \(tutorBinary)")
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("cnn-e2e-\(UUID().uuidString)").path
        let output = try run(tutorBinary, [], environment: environment)
        #expect(output.status != 0)
        #expect(output.stdout.isEmpty)
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(output.stderr)")
        #expect(output.stderr.hasPrefix("error:"))
        #expect(output.stderr.contains("cnn-tutor show --plain"))
        #expect(!FileManager.default.fileExists(atPath: environment["XDG_STATE_HOME"]!))
    }
}

/// Prints why the tmux tests are skipped, once; true when they can run.
func announceSkip() -> Bool {
    if let skipReason {
        print("EndToEndTests: skipping the tmux tests: \(skipReason)")
        return false
    }
    return true
}
