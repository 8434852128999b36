import CNNFileWatch
import Foundation
import Testing

/// The watcher says "changed" once per change an editor can make, and never when nothing changed.
@Suite("File watcher")
struct FileWatcherTests {
    /// One look (outside `#expect`, which cannot hold a mutating call).
    func poll(_ watcher: inout FileWatcher) -> Bool { watcher.poll() }

    /// A fresh folder for one test, removed afterwards.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func nothingChangedIsNoChange() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lesson.yaml")
        try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: file.path)
        #expect(!poll(&watcher))
        #expect(!poll(&watcher))
    }

    @Test func aSaveInPlaceOfTheSameSizeIsAChange() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lesson.yaml")
        try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: file.path)
        try "id: b\n".write(to: file, atomically: false, encoding: .utf8)
        #expect(poll(&watcher))
        #expect(!poll(&watcher))
    }

    @Test func aSaveByRenameIsAChange() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lesson.yaml")
        try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: file.path)
        try "id: a\ntitle: T\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(poll(&watcher))
        #expect(!poll(&watcher))
    }

    @Test func aVanishedFileIsOneChangeAndItsReturnAnother() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lesson.yaml")
        try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: file.path)
        try FileManager.default.removeItem(at: file)
        #expect(poll(&watcher))
        #expect(!poll(&watcher))
        try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
        #expect(poll(&watcher))
    }

    @Test func aFIFOInItsPlaceIsAChangeAndIsNeverRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lesson.yaml")
        try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: file.path)
        try FileManager.default.removeItem(at: file)
        #expect(mkfifo(file.path, 0o600) == 0)
        // A read would block for ever on a FIFO no one writes: the watcher returns at once.
        #expect(poll(&watcher))
        #expect(!poll(&watcher))
    }
}
