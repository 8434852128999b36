#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered standard output. Commands validate and compute everything before they write a byte, so a
/// refusal never leaves half an answer on stdout; large answers (a JSON with 10⁵ steps) stream out in
/// 64 KiB pieces instead of being built as one string.
final class TextOutput {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    private static let chunk = 1 << 16

    init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        buffer.reserveCapacity(TextOutput.chunk + 4096)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= TextOutput.chunk { flush() }
    }

    func line(_ text: String = "") {
        write(text)
        write("\n")
    }

    /// Writes out the buffer. A closed pipe (`cnn-tutor … | head`) ends the program quietly with status 74
    /// rather than by SIGPIPE, which `CommandRunner` ignores; other write errors with an "error:" line.
    func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, raw.count - offset)
            }
            if written <= 0 {
                let code = errno
                if written < 0 && code == EINTR { continue }
                buffer.removeAll()
                // The reader went away (`| head`): nothing is wrong with the request, so no message.
                if written < 0 && code == EPIPE { exit(74) }
                CommandRunner.fail("cannot write the output (\(String(cString: strerror(code))))", status: 74)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
