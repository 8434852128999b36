import CNNFiles
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What a look at the share file found.
public enum ShareReading: Equatable, Sendable {
    /// Nothing new since the last look.
    case unchanged
    case share(ClassroomShare)
    /// Why the file cannot be shown now, worded to follow "share file": looked at again at the next poll.
    case problem(ShareProblem)
}

/// The follower's side of the share file: `poll()` (every ~100 ms) says whether the presenter changed it.
///
/// Each poll opens the file: on NFS, open revalidates the name (close-to-open consistency), where a bare stat
/// could see the cached old file for seconds. A file whose identity (device, inode, size, modification and
/// change times) is the same as at the last read is not read again, except a small one: the presenter's rename
/// can reuse the old file's inode within one clock tick, leaving all of those equal, so small files are always
/// read and compared by content instead.
public struct ShareWatcher: Sendable {
    public let path: String
    private var lastIdentity: FileIdentity?
    private var lastBytes: [UInt8]?
    private var lastReading: ShareReading?

    /// Files up to this size are read at every poll (a few µs).
    static let alwaysReadLimit = 64 << 10

    public init(path: String) {
        self.path = path
    }

    /// What changed since the last poll: a new share, a new problem, or nothing (the same problem again is
    /// nothing: it is on the status line already).
    public mutating func poll() -> ShareReading {
        let reading = read()
        if reading == .unchanged || reading == lastReading { return .unchanged }
        lastReading = reading
        return reading
    }

    private mutating func read() -> ShareReading {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return forgetting(Self.cannotOpen(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return forgetting(Self.cannotRead(errno)) }
        if let kind = Self.nonRegular(info.st_mode) { return forgetting(ShareProblem("is \(kind), not a share file")) }
        guard Int(info.st_size) <= ShareFile.byteLimit else {
            return forgetting(ShareProblem("is larger than \(ShareFile.byteLimit >> 20) MB"))
        }
        let identity = FileIdentity(info)
        guard Self.mayHaveChanged(identity, since: lastIdentity) else { return .unchanged }
        guard let bytes = Self.readAll(descriptor) else { return forgetting(Self.cannotRead(errno)) }
        lastIdentity = identity
        if bytes == lastBytes { return .unchanged }
        lastBytes = bytes
        switch ClassroomShare.decode(Data(bytes)) {
        case .success(let share): return .share(share)
        case .failure(let problem): return .problem(problem)
        }
    }

    /// Whether the file must be read: its identity changed, or it is small enough that an identity left equal by
    /// a coarse clock (or a reused inode) is not trusted.
    static func mayHaveChanged(_ identity: FileIdentity, since last: FileIdentity?) -> Bool {
        identity != last || identity.size <= alwaysReadLimit
    }

    /// A file that cannot be read is read afresh once it can be, even with the contents it had before.
    private mutating func forgetting(_ problem: ShareProblem) -> ShareReading {
        lastIdentity = nil
        lastBytes = nil
        return .problem(problem)
    }

    /// Up to `byteLimit` + 1 bytes (a file still growing is cut there, and then refused as too large).
    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= ShareFile.byteLimit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    private static func cannotRead(_ code: Int32) -> ShareProblem {
        ShareProblem("cannot be read (\(ShareFile.plainError(code)))")
    }

    private static func cannotOpen(_ code: Int32) -> ShareProblem {
        code == ENOENT ? ShareProblem("does not exist yet: waiting for the presenter")
            : ShareProblem("cannot be opened (\(ShareFile.plainError(code)))")
    }

    private static func nonRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "of an unknown type"
        }
    }
}
