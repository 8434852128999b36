import Foundation
import Synchronization
import Testing
@testable import CNNTutorUI
#if canImport(Glibc)
import Glibc
#endif

/// What someone else can put beside or in place of the progress file (issue 13, items 4 and 6): a link planted
/// at a name the tutor writes, a link or a named pipe at progress.json. Nothing is followed, nothing hangs.
@Suite("Progress file: links, pipes and devices")
struct ProgressFileSafetyTests {
    /// The names an earlier cnn-tutor wrote at (`.progress.json.<pid>.tmp`) and the lock's, each a link to a file
    /// of someone else's: saving must leave the files as they were and not create the missing one.
    @Test func linksPlantedAtPredictableNamesAreNotFollowed() throws {
        let directory = temporaryDirectory()
        let victim = directory.appendingPathComponent("victim.txt")
        try Data("precious".utf8).write(to: victim)
        let absent = directory.appendingPathComponent("created-through-the-lock-link")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent(".progress.json.lock").path,
                                                   withDestinationPath: absent.path)
        for pid in [getpid(), getpid() + 1, 1] {
            try FileManager.default.createSymbolicLink(
                atPath: directory.appendingPathComponent(".progress.json.\(pid).tmp").path,
                withDestinationPath: victim.path)
        }
        let store = ProgressStore(url: directory.appendingPathComponent("progress.json"))
        for step in 0..<3 {
            try store.record(LessonProgress(step: step, furthestStep: step, stepCount: 5), lesson: "a", student: nil)
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        #expect(!FileManager.default.fileExists(atPath: absent.path))
        #expect(store.load().progress[lesson: "a"].step == 2)
        // The progress file is a file of its own, private to the student; no temporary file is left.
        let attributes = try FileManager.default.attributesOfItem(atPath: store.url.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
        let temporaries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(".progress.json.") && !$0.hasSuffix(".lock") && !$0.hasSuffix(".tmp") }
        #expect(temporaries.isEmpty, "\(temporaries)")
    }

    @Test func aLinkAtTheProgressFileIsNeitherFollowedNorReplaced() throws {
        let directory = temporaryDirectory()
        let victim = directory.appendingPathComponent("victim.json")
        let text = "{ \"version\": 1, \"lessons\": {} }"
        try Data(text.utf8).write(to: victim)
        let url = directory.appendingPathComponent("progress.json")
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: victim.path)
        let store = ProgressStore(url: url)
        let problem = try #require(store.load().problem)
        #expect(problem == "progress file is a symbolic link, not a regular file, so it is left as it is and this "
                + "session is not saved: \(url.path)")
        let error = #expect(throws: ProgressStoreError.self) {
            try store.record(LessonProgress(step: 1), lesson: "a", student: nil)
        }
        #expect(error?.message == "not saving progress over a symbolic link, which is not a regular file: \(url.path)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: url.path) == victim.path)
        #expect(try String(contentsOf: victim, encoding: .utf8) == text)
    }

    /// Opening a FIFO for reading blocks until a writer comes. A watchdog plays the writer whenever a reader
    /// waits, so a store that opens the FIFO fails this test instead of hanging it.
    @Test func aNamedPipeAtTheProgressFileIsNotOpenedAndStaysAPipe() throws {
        let url = temporaryDirectory().appendingPathComponent("progress.json")
        try #require(mkfifo(url.path, 0o600) == 0)
        let finished = Flag()
        let readerWasWaiting = Flag()
        let watchdog = Thread {
            while !finished.isSet {
                // Succeeds only while someone has the FIFO open for reading.
                let writer = open(url.path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
                if writer >= 0 {
                    readerWasWaiting.set()
                    close(writer)
                }
                usleep(20_000)
            }
        }
        watchdog.start()
        let store = ProgressStore(url: url)
        let loaded = store.load()
        let saveError = #expect(throws: ProgressStoreError.self) {
            try store.record(LessonProgress(step: 1), lesson: "a", student: nil)
        }
        usleep(100_000)
        finished.set()
        #expect(!readerWasWaiting.isSet, "the store opened the FIFO")
        #expect(loaded.progress == TutorProgress())
        #expect(loaded.problem?.hasPrefix("progress file is a named pipe (FIFO), not a regular file") == true)
        #expect(saveError?.message == "not saving progress over a named pipe (FIFO), which is not a regular file: "
                + url.path)
        var info = stat()
        #expect(lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }
}

/// A flag two threads share.
private final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}
