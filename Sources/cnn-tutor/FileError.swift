import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written, said as the other file errors of the command line say it.
enum FileError {
    /// strerror of the POSIX error under a Foundation file error (`Data.write`), its first letter in lower case:
    /// "no such file or directory", "permission denied", "file exists"; the error's own text when it has none.
    static func reason(_ error: any Error) -> String {
        guard let code = ((error as? CocoaError)?.underlying as? POSIXError ?? error as? POSIXError)?.code.rawValue
        else { return String(describing: error) }
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
