import CNNSafeText
import FoundationEssentials
import Glibc

/// Opens lesson files without ever blocking or reading what is not a file: a FIFO, a terminal, `/dev/stdin` or
/// a directory named `*.yaml` in a lessons folder is refused with the reason, never opened for a blocking read.
/// The type is checked before opening (`lstat`, then `stat` through a link), the file opened non-blocking, and
/// checked again on the descriptor (`fstat`), so a file swapped in between is caught too.
enum LessonFile {
    /// Why a path is not read, as the end of "cannot read the file: …".
    struct Refusal: Error, Equatable {
        let reason: String
    }

    /// An open regular file; the caller closes `descriptor`.
    struct Opened {
        let descriptor: Int32
        /// Bytes, as `fstat` gave them when the file was opened.
        let size: Int
    }

    /// The file at `path` opened read-only, once it is known to be a regular file.
    static func open(_ path: String) -> Result<Opened, Refusal> {
        if case .failure(let refusal) = checkType(path) { return .failure(refusal) }
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return .failure(Refusal(reason: reason(errno: errno))) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let refusal = Refusal(reason: reason(errno: errno))
            close(descriptor)
            return .failure(refusal)
        }
        if let kind = nonRegularKind(status.st_mode) {
            close(descriptor)
            return .failure(Refusal(reason: kind))
        }
        return .success(Opened(descriptor: descriptor, size: Int(status.st_size)))
    }

    /// Up to `limit` bytes of the file at `path` (the file may be longer), read once it is known to be regular.
    static func read(_ path: String, upTo limit: Int) -> Result<[UInt8], Refusal> {
        open(path).flatMap { opened in
            defer { close(opened.descriptor) }
            return read(opened, upTo: limit)
        }
    }

    /// Up to `limit` bytes of an open file, until its end or the limit.
    static func read(_ opened: Opened, upTo limit: Int) -> Result<[UInt8], Refusal> {
        // Room for one byte more than the file held when opened: a file that grew since is still read whole.
        var bytes = [UInt8](repeating: 0, count: min(limit, max(opened.size, 0) + 1))
        var count = 0
        while count < limit {
            if count == bytes.count { bytes += repeatElement(0, count: min(bytes.count, limit - count)) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(opened.descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Refusal(reason: reason(errno: errno)))
            }
            count += got
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// Refuses what is not a regular file, following a symbolic link only to say what is wrong with it.
    static func checkType(_ path: String) -> Result<Void, Refusal> {
        var link = stat()
        guard lstat(path, &link) == 0 else { return .failure(Refusal(reason: reason(errno: errno))) }
        var target = link
        if link.st_mode & S_IFMT == S_IFLNK, stat(path, &target) != 0 {
            let failure = errno
            return .failure(Refusal(reason: failure == ENOENT ? danglingLinkReason(path) : reason(errno: failure)))
        }
        if let kind = nonRegularKind(target.st_mode) { return .failure(Refusal(reason: kind)) }
        return .success(())
    }

    /// What a file of this mode is, when it is not a regular file; nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "it is a directory"
        case S_IFIFO: "it is a FIFO, not a regular file"
        case S_IFCHR: "it is a character device, not a regular file"
        case S_IFBLK: "it is a block device, not a regular file"
        case S_IFSOCK: "it is a socket, not a regular file"
        default: "it is not a regular file"
        }
    }

    /// A link whose target does not exist, naming the target as the link holds it.
    static func danglingLinkReason(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return "it is a dangling symbolic link" }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "it is a dangling symbolic link (to '\(TerminalText.singleLine(target))', which does not exist)"
    }

    /// The reason an `errno` gives, in the words a student can act on.
    static func reason(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case ENOENT: "no such file"
        case ELOOP: "too many levels of symbolic links"
        case ENOTDIR: "a part of its path is not a directory"
        case ENAMETOOLONG: "its name is too long"
        case EISDIR: "it is a directory"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
