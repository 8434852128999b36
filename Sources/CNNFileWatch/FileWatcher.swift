import CNNFiles
#if canImport(Glibc)
import Glibc
#endif

/// Notices that a file changed since the last look (a lesson being edited under `cnn-tutor --watch`), by polling:
/// the caller looks every ~250 ms from its event loop's timeout, so nothing busy-waits and nothing runs in the
/// background.
///
/// A look compares the file's identity (device, inode, size, modification and change times): an editor's save
/// in place or by rename changes one of them. A small file is also compared byte for byte, because a save
/// within one clock tick of the last one, by rename onto a reused inode, can leave the identity equal. A file
/// that vanishes or turns into something else (a directory, a FIFO) counts as changed; it is never read then.
public struct FileWatcher: Sendable {
    public let path: String
    private var lastIdentity: FileIdentity?
    private var lastBytes: [UInt8]?
    /// Whether the last look found no regular file.
    private var wasMissing = false

    /// Files up to this size are read at every look (a few µs); larger ones are compared by identity alone.
    static let alwaysReadLimit = 64 << 10

    /// Starts watching `path` as it is now: the first change is the first difference from this look.
    public init(path: String) {
        self.path = path
        _ = look()
    }

    /// Whether the file changed since the last look.
    public mutating func poll() -> Bool {
        look()
    }

    private mutating func look() -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        var info = stat()
        guard descriptor >= 0, fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            if descriptor >= 0 { close(descriptor) }
            return forget()
        }
        defer { close(descriptor) }
        let identity = FileIdentity(info)
        let small = Int(info.st_size) <= Self.alwaysReadLimit
        guard identity != lastIdentity || small || wasMissing else { return false }
        let bytes = small ? Self.readAll(descriptor) : nil
        let changed = wasMissing || (small ? bytes != lastBytes : identity != lastIdentity)
        lastIdentity = identity
        lastBytes = bytes
        wasMissing = false
        return changed
    }

    /// No regular file to read: a change the first time, then nothing until it is back.
    private mutating func forget() -> Bool {
        defer {
            wasMissing = true
            lastIdentity = nil
            lastBytes = nil
        }
        return !wasMissing
    }

    /// The whole file (at most `alwaysReadLimit` + 1 bytes); nil when a read fails.
    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while bytes.count <= alwaysReadLimit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
