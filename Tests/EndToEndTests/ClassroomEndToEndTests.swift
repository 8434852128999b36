import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// An instructor's tutor (--present, --share) and a student's (follow) in tmux, each with its own server.
    @Suite("A class in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct ClassroomEndToEndTests {
        /// The status line's "step N/M" of a screen, as N.
        static func step(_ screen: String) -> Int? {
            guard let line = screen.split(separator: "\n").last(where: { $0.contains("step ") }),
                  let counter = line.components(separatedBy: "step ").last?.split(separator: "/").first else {
                return nil
            }
            return Int(counter)
        }

        static func temporaryFolder() throws -> URL {
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("cnn-e2e-class-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        /// Rehearsing leaves the student's file at step 30; presenting opens at step 1 and leaves the file as it was.
        @Test func presentingStartsAtStepOneAndNeverWritesTheProgressFile() throws {
            let state = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: state) }
            do {
                let rehearsal = try TmuxSession(arguments: ["--lesson", "max-pooling", "--step", "30"],
                                                stateDirectory: state)
                try rehearsal.waitFor("step 30/")
                try rehearsal.send("q")
                #expect(try rehearsal.exitStatus() == 0)
            }
            let file = state.appendingPathComponent("cnn-tutor/progress.json")
            let saved = try Data(contentsOf: file)
            let stateFolder = file.deletingLastPathComponent().path
            let folder = try FileManager.default.contentsOfDirectory(atPath: stateFolder)
            let session = try TmuxSession(arguments: ["--present", "--lesson", "max-pooling"], stateDirectory: state)
            try session.waitFor("step 1/32")
            try session.send("NPage")
            try session.waitFor("step 2/32")
            try session.send("q")
            try session.waitFor("Quit the tutor? (y/n)")
            try session.send("n")
            try session.waitFor("not quitting")
            try session.send("q")
            try session.send("y")
            #expect(try session.exitStatus() == 0)
            #expect(try Data(contentsOf: file) == saved)
            #expect(try FileManager.default.contentsOfDirectory(atPath: stateFolder) == folder)
        }

        @Test func blackoutBlanksTheScreenUntilAKey() throws {
            let session = try TmuxSession(arguments: ["--present", "--lesson", "forward-pass", "--step", "5"])
            try session.waitFor("step 5/")
            try session.send("b")
            try session.waitForScreen("a blank screen") { $0.allSatisfy { $0 == " " || $0 == "\n" } }
            try session.send("Right")
            let back = try session.waitFor("step 5/")
            #expect(Self.step(back) == 5, "the key that ends the blackout does nothing else")
            try session.send("C-c")
            #expect(try session.exitStatus() == 130)
        }

        @Test func theOverviewJumpsToAStep() throws {
            let session = try TmuxSession(arguments: ["--lesson", "forward-pass"])
            try session.waitFor("step 1/25")
            try session.send("O")
            try session.waitFor("21–24  The whole output")
            try session.send("End")
            try session.send("Up")
            try session.send("Enter")
            let screen = try session.waitFor("step 21/25")
            #expect(screen.contains("The whole output"))
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }

        /// The follower shows each of the presenter's steps soon after the key; detached it stays, attached it
        /// catches up; a broken file is said and, once fixed, followed again.
        @Test func theFollowerShowsThePresentersStepAfterEachKey() throws {
            let folder = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("now.json").path
            let presenter = try TmuxSession(arguments: ["--present", "--lesson", "forward-pass", "--share", path])
            try presenter.waitFor("step 1/25")
            let follower = try TmuxSession(arguments: ["follow", path])
            try follower.waitForScreen("the follower at step 1") { Self.step($0) == 1 && $0.contains("FOLLOWING") }
            var lags: [Double] = []
            for step in 2...13 {
                let sent = Date()
                try presenter.send(step % 4 == 0 ? "Right" : "NPage")
                try follower.waitForScreen("the follower at step \(step)", timeout: 10) { Self.step($0) == step }
                lags.append(Date().timeIntervalSince(sent))
            }
            let median = lags.sorted()[lags.count / 2]
            // The bound is 300 ms; on a machine busy building, the median (which includes tmux's capture) is asked.
            #expect(median < 0.3, "follower lag \(lags.map { Int($0 * 1000) }) ms")

            try follower.send("d")
            try follower.send("Left")
            try follower.waitForScreen("the student exploring") { Self.step($0) == 12 }
            try presenter.send("NPage")
            try presenter.waitFor("step 14/25")
            usleep(400_000)
            #expect(Self.step(try follower.capture()) == 12)
            try follower.send("a")
            try follower.waitForScreen("the follower caught up") { Self.step($0) == 14 }

            // Half a file, then the presenter's next step replaces it.
            try Data("{\"version\": 1, \"lesson\": \"for".utf8).write(to: URL(fileURLWithPath: path + ".tmp"))
            #expect(rename(path + ".tmp", path) == 0)
            try follower.waitFor("share file is not valid JSON (half-written?) · retrying")
            try presenter.send("NPage")
            try follower.waitForScreen("the follower back at step 15") {
                Self.step($0) == 15 && $0.contains("FOLLOWING")
            }
            try follower.send("q")
            #expect(try follower.exitStatus() == 0)
            try presenter.send("q")
            try presenter.send("y")
            #expect(try presenter.exitStatus() == 0)
        }

        @Test func aFollowerOfAMissingFileWaitsForIt() throws {
            let folder = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("now.json").path
            let follower = try TmuxSession(arguments: ["follow", path])
            try follower.waitFor("does not exist yet: waiting for the presenter")
            let presenter = try TmuxSession(arguments: ["--present", "--lesson", "max-pooling", "--step", "4",
                                                        "--share", path])
            try presenter.waitFor("step 4/")
            let screen = try follower.waitForScreen("the follower at step 4") { Self.step($0) == 4 }
            #expect(screen.contains("Max pooling"))
            try follower.send("q")
            #expect(try follower.exitStatus() == 0)
            try presenter.send("C-c")
            #expect(try presenter.exitStatus() == 130)
        }

        @Test func aShareFileThatCannotBeWrittenIsAnErrorBeforeTheLesson() throws {
            let session = try TmuxSession(arguments: ["--present", "--share", "/nonexistent-folder/now.json"])
            #expect(try session.exitStatus() == 1)
            usleep(100_000)
            let screen = try session.captureAll()
            #expect(screen.contains("error: cannot write the share file (no such file or directory)"), "\(screen)")
        }
    }
}
