import Foundation
import Synchronization
import Testing
@testable import CNNLessons

/// Issue 13, items 6 and 12: what is named `*.yaml` in a lessons folder but is not a regular file is refused
/// with the reason, without being opened for a blocking read: a FIFO, a device, `/dev/stdin`, a directory, a
/// dangling link, a link loop, a file that cannot be read.
struct SpecialFileTests {
    let directory: String = {
        let path = NSTemporaryDirectory() + "cnn-tutor-special-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func path(_ name: String) -> String { directory + "/" + name }

    static let good = "id: good\ntitle: Good\nsummary: ok\nsteps:\n  - say: Fine.\n"

    /// The one problem of loading `name`, as `check` prints it, after `make` created it.
    func problem(_ name: String, _ make: (String) throws -> Void) throws -> String? {
        try make(path(name))
        guard case .failure(let issues) = LessonLoader.load(file: path(name)) else { return nil }
        return issues.issues.map(\.message).joined(separator: "\n")
    }

    @Test func aDirectoryNamedYAML() throws {
        let found = try problem("folder.yaml") {
            try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false)
        }
        #expect(found == "cannot read the file: it is a directory")
    }

    @Test func aDanglingLink() throws {
        let found = try problem("dangling.yaml") { try FileManager.default.createSymbolicLink(
            atPath: $0, withDestinationPath: "nowhere.yaml") }
        #expect(found == "cannot read the file: it is a dangling symbolic link (to 'nowhere.yaml', which does not "
                + "exist)")
    }

    @Test func aLinkLoop() throws {
        let found = try problem("loop.yaml") { try FileManager.default.createSymbolicLink(
            atPath: $0, withDestinationPath: "loop.yaml") }
        #expect(found == "cannot read the file: too many levels of symbolic links")
    }

    @Test func aCharacterDevice() throws {
        let found = try problem("null.yaml") { try FileManager.default.createSymbolicLink(
            atPath: $0, withDestinationPath: "/dev/null") }
        #expect(found == "cannot read the file: it is a character device, not a regular file")
    }

    @Test func aMissingFile() throws {
        #expect(try problem("absent.yaml") { _ in } == "cannot read the file: no such file")
    }

    /// Root reads any file whatever its mode, so the message is checked from `errno` there.
    @Test func permissionDenied() throws {
        #expect(LessonFile.reason(errno: EACCES) == "permission denied")
        guard getuid() != 0 else { return }
        let found = try problem("secret.yaml") { path in
            _ = FileManager.default.createFile(atPath: path, contents: Data(Self.good.utf8),
                                               attributes: [.posixPermissions: 0o000])
        }
        #expect(found == "cannot read the file: permission denied")
    }

    @Test func aFIFOIsNotOpenedAndNothingHangs() throws {
        #expect(mkfifo(path("fifo.yaml"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: path("stdin.yaml"), withDestinationPath: "/dev/stdin")
        _ = FileManager.default.createFile(atPath: path("good.yaml"), contents: Data(Self.good.utf8))
        let library = try withoutBlocking(on: path("fifo.yaml")) {
            LessonLibrary.load(userDirectories: [directory], environment: [:])
        }
        #expect(library.lesson(id: "good") != nil)
        let fifo = library.issues.first { $0.location.file == path("fifo.yaml") }
        #expect(fifo?.description == path("fifo.yaml") + ":1:1: error: cannot read the file: it is a FIFO, not a "
                + "regular file")
        let stdin = library.issues.first { $0.location.file == path("stdin.yaml") }
        var status = stat()
        // Whatever the test's standard input is (a terminal, a pipe, /dev/null), unless it is a file, it is refused.
        if fstat(0, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            #expect(stdin?.message.hasSuffix("not a regular file") == true, "\(String(describing: stdin))")
        }
    }

    @Test func aFIFOGivenToTheFullReaderIsRefusedToo() throws {
        #expect(mkfifo(path("fifo.yaml"), 0o644) == 0)
        let result = try withoutBlocking(on: path("fifo.yaml")) { LessonLoader.load(file: path("fifo.yaml")) }
        guard case .failure(let issues) = result else {
            Issue.record("a FIFO loaded")
            return
        }
        #expect(issues.issues.map(\.message) == ["cannot read the file: it is a FIFO, not a regular file"])
    }

    /// `body`'s result, or a failure (not a hang) when it is still running after ten seconds: then a writer
    /// opens and closes `fifo`, so a reader stuck on it sees the end of the file and the test run goes on.
    func withoutBlocking<T: Sendable>(on fifo: String, _ body: @escaping @Sendable () -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<T?>(nil)
        DispatchQueue.global().async {
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
        if done.wait(timeout: .now() + 10) == .timedOut {
            Issue.record("reading the lessons blocked on \(fifo)")
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            done.wait()
        }
        return try #require(result.withLock { $0 })
    }
}
