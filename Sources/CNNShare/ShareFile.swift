import CNNSafeText
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The share file on disk, in POSIX calls so that every failure is one plain sentence. Written whole, then
/// renamed over the old one, so a follower reads either the last share or the new one, never half of one; read
/// with a size limit, never blocking on a named pipe, never from anything but a regular file.
public enum ShareFile {
    /// Shares are a few hundred bytes; with a generated picture's edits, a few MB.
    public static let byteLimit = 16 << 20

    public static func encode(_ share: ClassroomShare) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain values (strings, integers, finite doubles) cannot fail.
        return (try? encoder.encode(share)) ?? Data()
    }

    /// Replaces `path` with `share`: written to a temporary file beside it, then renamed over it. The temporary
    /// file comes from mkstemp (an unpredictable name, created with O_EXCL: a symbolic link planted there is
    /// never followed) and rename replaces `path` itself, never what a link there points to. Readable by all
    /// (0644): the class reads it. No fsync: a crash loses only a step the next change rewrites, and an fsync
    /// per key would make the presenter wait for the disk.
    ///
    /// - Throws: `ShareProblem` ("cannot write the share file (permission denied): PATH").
    public static func write(_ share: ClassroomShare, to path: String) throws(ShareProblem) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = ".\((path as NSString).lastPathComponent).XXXXXX"
        var template = Array((directory.isEmpty ? name : directory + "/" + name).utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw cannotWrite(path, errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var code: Int32 = fchmod(descriptor, 0o644) == 0 ? writeAll(encode(share), to: descriptor) : errno
        if close(descriptor) != 0 && code == 0 { code = errno }
        if code == 0 && rename(temporary, path) != 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw cannotWrite(path, code)
        }
    }

    /// Writes all of `data`; returns 0 or the errno of the failed write (ENOSPC, EDQUOT).
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32 {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno != EINTR { return errno }
                if written > 0 { offset += written }
            }
            return 0
        }
    }

    static func cannotWrite(_ path: String, _ code: Int32) -> ShareProblem {
        ShareProblem("cannot write the share file (\(plainError(code))): \(TerminalText.singleLine(path))")
    }

    /// strerror in lower case: "no such file or directory", "permission denied".
    static func plainError(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
