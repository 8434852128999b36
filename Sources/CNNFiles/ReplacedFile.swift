import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A file replaced whole, never written in place: the new contents go to a temporary file beside it, which is
/// renamed over it, so a reader sees the old file or the new one, never half of one. The temporary file comes
/// from mkstemp (an unpredictable name, created with O_EXCL: a symbolic link planted there is never followed),
/// and rename replaces the path itself, never what a link there points to.
public enum ReplacedFile {
    /// Replaces `path` with `data`.
    ///
    /// - Parameters:
    ///   - mode: the new file's permissions (mkstemp makes 0600).
    ///   - flush: fsync before the rename, so that a crash leaves the old file or the whole new one.
    /// - Returns: 0, or the errno of the step that failed (ENOSPC, EFBIG past `ulimit -f`, EACCES…); the
    ///   temporary file is then removed.
    public static func replace(_ path: String, with data: Data, mode: mode_t = 0o600, flush: Bool) -> Int32 {
        let directory = PathText.folder(of: path)
        let name = ".\(PathText.lastComponent(of: path)).XXXXXX"
        var template = Array(PathText.joined(directory, name).utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { return errno }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var code: Int32 = mode == 0o600 || fchmod(descriptor, mode) == 0 ? writeAll(data, to: descriptor) : errno
        if code == 0 && flush && fsync(descriptor) != 0 { code = errno }
        if close(descriptor) != 0 && code == 0 { code = errno }
        if code == 0 && rename(temporary, path) != 0 { code = errno }
        if code != 0 { unlink(temporary) }
        return code
    }

    /// Writes all of `data`; returns 0 or the errno of the failed write.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32 {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno != EINTR { return errno }
                if written > 0 { offset += written }
            }
            return 0
        }
    }
}
