import CNNSafeText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `TextOutput` carries, which decides how it meets an ASCII-only terminal (`Charset.ascii`).
enum OutputForm {
    /// Text for people (explanations, lists, plain frames, messages): transliterated, `×` as `x`.
    case readable
    /// A JSON document: every scalar a terminal could act on (DEL, C1 controls, bidi and zero-width characters)
    /// and, under ASCII, every non-ASCII scalar written as a `\u` escape, which a parser reads back unchanged.
    /// Only strings hold such scalars, so the escape is always in a string.
    case json
    /// A document for another program (Markdown, LaTeX, a Python script), written as it is: a transliteration
    /// would change its syntax (`“` becomes a `"` inside a Python string, `«` a `<` in Markdown), and these
    /// formats are read as UTF-8 whatever the locale.
    case verbatim
}

/// Buffered standard output (or error). Commands validate and compute everything before they write a byte, so a
/// refusal never leaves half an answer on stdout; large answers (a JSON with 10⁵ steps) stream out in
/// 64 KiB pieces instead of being built as one string. Text is encoded for `Charset.current` as `form` says.
final class TextOutput {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    private let form: OutputForm
    private let charset: Charset
    private let closedPipeStatus: Int32
    private static let chunk = 1 << 16

    /// - Parameters:
    ///   - descriptor: 1 for stdout, 2 for stderr.
    ///   - form: what is written, which decides its encoding under an ASCII-only charset.
    ///   - closedPipeStatus: the exit status when the reader of stdout goes away (`| head`): the status the
    ///     command would end with anyway, 0 unless it has already decided otherwise (`check` with problems).
    init(descriptor: Int32 = 1, form: OutputForm = .readable, closedPipeStatus: Int32 = 0) {
        self.descriptor = descriptor
        self.form = form
        self.charset = Charset.current
        self.closedPipeStatus = closedPipeStatus
        buffer.reserveCapacity(TextOutput.chunk + 4096)
    }

    func write(_ text: String) {
        OutputEncoding.append(text, form: form, charset: charset, to: &buffer)
        if buffer.count >= TextOutput.chunk { flush() }
    }

    func line(_ text: String = "") {
        write(text)
        write("\n")
    }

    /// Writes out the buffer. A closed pipe on stdout ends the program quietly (see `closedPipeStatus`); one on
    /// stderr drops the text and lets the command go on to its own end; other write errors end it with an
    /// "error:" line and status 74.
    ///
    /// Why the command's own status and not 141 (128 + SIGPIPE, which `CommandRunner` ignores): a reader that
    /// closes after the last byte is never noticed, so any other status would depend on the output's size and
    /// on timing, and `set -o pipefail` would fail `cnn-tutor list | head -1` now and then.
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
                // The reader went away: nothing is wrong with the request, so no message.
                if written < 0 && code == EPIPE {
                    if descriptor == 2 { return }
                    exit(closedPipeStatus)
                }
                CommandRunner.fail("cannot write the output (\(String(cString: strerror(code))))", status: 74)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Text to bytes for a charset: shared by `TextOutput` and the error line.
enum OutputEncoding {
    /// Appends `text` to `bytes` as `form` is written under `charset` (see `OutputForm`).
    static func append(_ text: String, form: OutputForm, charset: Charset, to bytes: inout [UInt8]) {
        switch (form, charset) {
        case (.readable, .ascii): bytes.append(contentsOf: ASCIIText.transliterated(text).utf8)
        case (.json, _): appendJSON(text, escapingNonASCII: charset == .ascii, to: &bytes)
        case (.readable, .utf8), (.verbatim, _): bytes.append(contentsOf: text.utf8)
        }
    }

    /// JSON text with DEL, C1 controls, bidi and zero-width characters (and, when asked, all non-ASCII) as `\uXXXX`,
    /// a scalar beyond the Basic Multilingual Plane as its UTF-16 surrogate pair.
    private static func appendJSON(_ text: String, escapingNonASCII: Bool, to bytes: inout [UInt8]) {
        // Numbers and punctuation, nearly all of a large answer, go through whole.
        guard !text.utf8.allSatisfy({ $0 < 0x7F }) else {
            bytes.append(contentsOf: text.utf8)
            return
        }
        for scalar in text.unicodeScalars {
            guard scalar.value >= 0x7F, escapingNonASCII || TerminalText.needsEscape(scalar) else {
                UTF8.encode(scalar) { bytes.append($0) }
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            }
        }
    }
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
