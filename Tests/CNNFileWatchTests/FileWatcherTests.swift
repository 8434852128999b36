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

    /// Runs `body` on a fresh lesson file ("id: a") and a watcher that has looked at it once; removes it after.
    func withWatchedLesson(_ body: (URL, inout FileWatcher) throws -> Void) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lesson.yaml")
        try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
        var watcher = FileWatcher(path: file.path)
        try body(file, &watcher)
    }

    @Test func nothingChangedIsNoChange() throws {
        try withWatchedLesson { file, watcher in
            #expect(!poll(&watcher))
            #expect(!poll(&watcher))
        }
    }

    @Test func aSaveInPlaceOfTheSameSizeIsAChange() throws {
        try withWatchedLesson { file, watcher in
            try "id: b\n".write(to: file, atomically: false, encoding: .utf8)
            #expect(poll(&watcher))
            #expect(!poll(&watcher))
        }
    }

    @Test func aSaveByRenameIsAChange() throws {
        try withWatchedLesson { file, watcher in
            try "id: a\ntitle: T\n".write(to: file, atomically: true, encoding: .utf8)
            #expect(poll(&watcher))
            #expect(!poll(&watcher))
        }
    }

    @Test func aVanishedFileIsOneChangeAndItsReturnAnother() throws {
        try withWatchedLesson { file, watcher in
            try FileManager.default.removeItem(at: file)
            #expect(poll(&watcher))
            #expect(!poll(&watcher))
            try "id: a\n".write(to: file, atomically: false, encoding: .utf8)
            #expect(poll(&watcher))
        }
    }

    @Test func aFIFOInItsPlaceIsAChangeAndIsNeverRead() throws {
        try withWatchedLesson { file, watcher in
            try FileManager.default.removeItem(at: file)
            #expect(mkfifo(file.path, 0o600) == 0)
            // A read would block for ever on a FIFO no one writes: the watcher returns at once.
            #expect(poll(&watcher))
            #expect(!poll(&watcher))
        }
    }
}
