import CNNFiles
import CNNSafeText
import FoundationEssentials
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
        let code = ReplacedFile.replace(path, with: encode(share), mode: 0o644, flush: false)
        if code != 0 { throw cannotWrite(path, code) }
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
