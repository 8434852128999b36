import CNNCore
import CNNFiles
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The file-system side of `ProgressStore` and `StateFileStore`, in POSIX calls so that every failure is one plain
/// sentence ("not a directory", "permission denied") rather than a Foundation error dump.
enum ProgressFile {
    /// What is at a state file's path.
    enum Contents<Value> {
        case missing
        case value(Value)
        /// A version this cnn-tutor does not know; its fields may mean something else, so it is not touched.
        case newer(version: Int)
        /// A named pipe, a device, a socket or a symbolic link, worded "a named pipe (FIFO)": never opened (a
        /// FIFO would block the tutor), never followed, never replaced.
        case notRegular(kind: String)
        /// Why the file cannot be used, worded to follow "progress file <path>".
        case unusable(String)
    }

    /// Progress files are a few KB; anything this large is not one.
    static let byteLimit = 16 << 20

    /// Reads a state file when it is a regular file. The type is checked before opening, and again on the
    /// open descriptor: O_NOFOLLOW and O_NONBLOCK make whatever replaced the file in between fail, not block.
    static func read<Value: VersionedState>(path: String, as type: Value.Type) -> Contents<Value> {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            // ENOTDIR: a parent is not a directory, so there is no file (saving will say why it cannot).
            return errno == ENOENT || errno == ENOTDIR ? .missing : .unusable("cannot be read (\(plainError(errno)))")
        }
        if let other: Contents<Value> = nonRegular(info.st_mode) { return other }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 {
            return errno == ENOENT ? .missing : .unusable("cannot be read (\(plainError(errno)))")
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { return .unusable("cannot be read (\(plainError(errno)))") }
        if let other: Contents<Value> = nonRegular(info.st_mode) { return other }
        return readAll(descriptor)
    }

    /// Nil for a regular file, otherwise what the store makes of it: a directory is a mistake, moved aside like a
    /// corrupt file; anything else was put there on purpose and is left alone.
    private static func nonRegular<Value>(_ mode: mode_t) -> Contents<Value>? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: .unusable("cannot be read (is a directory)")
        case S_IFIFO: .notRegular(kind: "a named pipe (FIFO)")
        case S_IFCHR: .notRegular(kind: "a character device")
        case S_IFBLK: .notRegular(kind: "a block device")
        case S_IFSOCK: .notRegular(kind: "a socket")
        case S_IFLNK: .notRegular(kind: "a symbolic link")
        default: .notRegular(kind: "of an unknown type")
        }
    }

    private static func readAll<Value: VersionedState>(_ descriptor: Int32) -> Contents<Value> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .unusable("cannot be read (\(plainError(errno)))") }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > byteLimit { return .unusable("is larger than \(byteLimit >> 20) MB") }
        }
        return decode(Data(bytes))
    }

    private struct VersionProbe: Decodable {
        var version: Int
    }

    /// The version is read on its own first: a newer file may not fit this version's format at all.
    static func decode<Value: VersionedState>(_ data: Data) -> Contents<Value> {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let version: Int
        do {
            version = try decoder.decode(VersionProbe.self, from: data).version
        } catch {
            return .unusable(describe(error))
        }
        if version > Value.currentVersion { return .newer(version: version) }
        if version < 1 { return .unusable("has an unknown version \(version)") }
        do {
            return .value(try decoder.decode(Value.self, from: data))
        } catch {
            return .unusable(describe(error))
        }
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "is not valid JSON" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "does not match the progress format (\(dotted(context.codingPath)) has the wrong type)"
        case .keyNotFound(let key, let context):
            return "does not match the progress format (\(dotted(context.codingPath + [key])) is missing)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "is not valid JSON"
                : "does not match the progress format (\(dotted(context.codingPath)) is not understood)"
        @unknown default:
            return "is not valid JSON"
        }
    }

    private static func dotted(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `mkdir -p` of `directory`, failing with "cannot save progress (<reason>): <file>".
    static func makeDirectories(_ directory: String, for file: String) throws {
        var prefix = ""
        for component in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o755) == 0 { continue }
            let code = errno
            var info = stat()
            guard code == EEXIST, stat(prefix, &info) == 0 else { throw cannotSave(file, code) }
            if info.st_mode & S_IFMT != S_IFDIR { throw cannotSave(file, ENOTDIR) }
        }
    }

    /// Replaces `path` with `data` (`ReplacedFile`: never through a planted link), flushed to disk first.
    /// The file is the student's own: mode 0600.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let code = ReplacedFile.replace(path, with: data, flush: true)
        if code != 0 { throw cannotSave(path, code) }
    }

    /// Renames `path` to `path.<suffix>-<UTC time>` (with -2, -3… if taken); returns the new path.
    static func renameAside(_ path: String, suffix: String) throws -> String {
        let base = "\(path).\(suffix)-\(timestamp())"
        var target = base
        var attempt = 1
        while exists(target) {
            attempt += 1
            target = "\(base)-\(attempt)"
        }
        guard rename(path, target) == 0 else {
            throw ProgressStoreError(message: "cannot be moved aside (\(plainError(errno)))")
        }
        return target
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(cFormat: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// The reason before the path, which is long and would cut it off the status line.
    static func cannotSave(_ file: String, _ code: Int32) -> ProgressStoreError {
        ProgressStoreError(message: "cannot save progress (\(plainError(code))): \(file)")
    }

    /// strerror in lower case: "not a directory", "permission denied".
    static func plainError(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// An advisory lock (flock) on a lock file beside the progress file, held while the file is read and
/// rewritten. Locking the progress file itself would not do: the rename replaces it. Best effort when the
/// directory cannot hold the lock file (reading then goes ahead unlocked).
struct ProgressLock {
    private let descriptor: Int32

    init(directory: URL, name: String) {
        let path = directory.appendingPathComponent(name).path
        // O_NOFOLLOW: the lock's name is predictable, and a link planted there must not create or open its target.
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if descriptor >= 0 {
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    func release() {
        if descriptor >= 0 { close(descriptor) }
    }
}
