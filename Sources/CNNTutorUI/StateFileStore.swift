import FoundationEssentials

/// What a file in the progress folder holds: JSON with a `version` member, and an empty value to start from.
public protocol VersionedState: Codable, Sendable {
    /// The newest version this cnn-tutor writes; a file with a higher one is never touched.
    static var currentVersion: Int { get }
    init()
}

/// A file of the student's in the progress folder ($XDG_STATE_HOME/cnn-tutor), kept as safely as progress.json:
/// a file that cannot be read or understood is moved aside (`NAME.corrupt-<time>`) before anything else is written;
/// one from a newer cnn-tutor, and a named pipe, device or symbolic link in its place, is never written (nor opened,
/// nor followed); every change is made to the file as it is on disk, read afresh under an advisory lock, so two
/// tutors on one folder keep each other's changes; writes are atomic (a temporary file, then rename).
public struct StateFileStore<Value: VersionedState>: Sendable {
    public let url: URL
    /// What the messages call the file and its content: "progress file" and "progress".
    let fileNoun: String
    let contentNoun: String

    /// - Parameters:
    ///   - fileNoun: what messages call the file ("drill file").
    ///   - contentNoun: what they call its content ("drill answers").
    public init(url: URL, fileNoun: String, contentNoun: String) {
        self.url = url
        self.fileNoun = fileNoun
        self.contentNoun = contentNoun
    }

    /// The saved value: empty when there is no file yet, or when it could not be used (then `problem` says why,
    /// and where the file was moved).
    public func load() -> (value: Value, problem: String?) {
        let lock = ProgressLock(directory: directory, name: lockName)
        defer { lock.release() }
        switch ProgressFile.read(path: url.path, as: Value.self) {
        case .missing:
            return (Value(), nil)
        case .value(let value):
            return (value, nil)
        case .newer(let version):
            return (Value(), "\(fileNoun) from a newer cnn-tutor (version \(version)) is left as it is and this "
                + "session is not saved: \(url.path)")
        case .notRegular(let kind):
            return (Value(), "\(fileNoun) is \(kind), not a regular file, so it is left as it is and this session "
                + "is not saved: \(url.path)")
        case .unusable(let reason):
            return (Value(), moveAside(reason: reason))
        }
    }

    /// Changes the file: under the lock, reads it as it is now (empty when missing or moved aside as unusable),
    /// applies `change` and writes the result atomically. Returns a one-line notice when the file on disk had to
    /// be moved aside first.
    /// - Throws: `ProgressStoreError` when the file is from a newer cnn-tutor, is not a regular file, or cannot be
    ///   written.
    @discardableResult
    public func update(_ change: (inout Value) -> Void) throws -> String? {
        try ProgressFile.makeDirectories(directory.path, for: url.path)
        let lock = ProgressLock(directory: directory, name: lockName)
        defer { lock.release() }
        var value = Value()
        var notice: String?
        switch ProgressFile.read(path: url.path, as: Value.self) {
        case .missing: break
        case .value(let saved): value = saved
        case .newer(let version):
            throw ProgressStoreError(message: "not saving \(contentNoun) over \(url.path): it is from a newer "
                + "cnn-tutor (version \(version))")
        case .notRegular(let kind):
            throw ProgressStoreError(message: "not saving \(contentNoun) over \(kind), which is not a regular file: "
                + url.path)
        case .unusable(let reason):
            notice = moveAside(reason: reason)
            if ProgressFile.exists(url.path) { throw ProgressStoreError(message: notice!) }
        }
        change(&value)
        try ProgressFile.writeAtomically(ProgressFile.encode(value), to: url.path)
        return notice
    }

    /// Starts over: the file is kept as `NAME.reset-<time>`, not deleted.
    public func reset() throws {
        let lock = ProgressLock(directory: directory, name: lockName)
        defer { lock.release() }
        guard ProgressFile.exists(url.path) else { return }
        _ = try ProgressFile.renameAside(url.path, suffix: "reset")
    }

    private var directory: URL { url.deletingLastPathComponent() }
    private var lockName: String { ".\(url.lastPathComponent).lock" }

    /// Moves an unusable file aside and says so in one line (or says why it could not be moved).
    private func moveAside(reason: String) -> String {
        do {
            let kept = try ProgressFile.renameAside(url.path, suffix: "corrupt")
            return "\(fileNoun) \(reason), so it is kept as \(kept) and the tutor starts afresh"
        } catch {
            return "\(fileNoun) \(reason) and \(error), so \(contentNoun) is not saved: \(url.path)"
        }
    }
}
