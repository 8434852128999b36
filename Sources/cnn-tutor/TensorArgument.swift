import CNNCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A refusal of the command line that reads as one line ("error: " is added when it is printed).
struct CLIError: Error, CustomStringConvertible {
    let message: String
    /// The exit status: `CommandRunner.dataStatus` for input the tutor refuses, `usageStatus` for a
    /// malformed command line.
    let status: Int32

    init(_ message: String, status: Int32 = CommandRunner.dataStatus) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}


/// Tensors, bias lists and numbers as written on the command line.
///
/// A value starting with `[` is a JSON nested array of any rank from 1 to 4; anything else is the friendly
/// matrix form, rows separated by `;` or newlines and values by spaces or commas ("1 2 3; 4 5 6").
enum TensorArgument {
    /// Parses `text`; errors are prefixed with the option they came from ("--input: ragged matrix: …").
    /// `@path` reads the text from a file (`@-` from standard input): the 320×280 image of the efficiency
    /// lesson does not fit in one command-line argument (Linux allows 128 KiB).
    static func parse(_ text: String, option: String) throws -> Tensor {
        let source = try TextSource(argument: text, option: option)
        do {
            if try source.firstNonBlankByte() == UInt8(ascii: "[") {
                return try NestedArrayText.parse(forEachChunk: source.forEachChunk)
            }
            return try TensorText.parseMatrix(forEachChunk: source.forEachChunk)
        } catch let error as CoreError {
            throw CLIError("\(option): \(error.description)")
        } catch let error as NestedArrayError {
            throw CLIError("\(option): \(error.description)")
        }
    }

    /// A bias: one number, a list "1 -2" / "1, -2", or a JSON list "[1, -2]".
    static func parseList(_ text: String, option: String) throws -> [Double] {
        let source = try TextSource(argument: text, option: option)
        do {
            guard try source.firstNonBlankByte() == UInt8(ascii: "[") else {
                return try TensorText.parseList(forEachChunk: source.forEachChunk)
            }
            let tensor = try NestedArrayText.parse(forEachChunk: source.forEachChunk)
            guard tensor.rank == 1 else {
                throw CLIError("\(option): expected a flat list of numbers, got an array of rank \(tensor.rank)")
            }
            return tensor.values
        } catch let error as CoreError {
            throw CLIError("\(option): \(error.description)")
        } catch let error as NestedArrayError {
            throw CLIError("\(option): \(error.description)")
        }
    }
}

/// Where a tensor's text comes from: the argument itself, or the file `@path` names (`@-`: standard input).
/// A regular file is read in pieces, twice (count, then values), so its size costs no memory; a pipe is
/// read once into memory. Either way no more than `maxBytes` are accepted.
enum TextSource {
    case bytes([UInt8])
    case file(path: String, option: String)

    /// Largest text accepted: 32 MiB, three bytes for each of `Limits.maxElements` numbers.
    static let maxBytes = 32 << 20
    static let chunkBytes = 1 << 20

    init(argument: String, option: String) throws {
        guard argument.hasPrefix("@") else {
            guard argument.utf8.count <= TextSource.maxBytes else { throw TextSource.tooLarge(option: option) }
            self = .bytes(Array(argument.utf8))
            return
        }
        let path = String(argument.dropFirst())
        if path == "-" {
            self = .bytes(try TextSource.readAll(descriptor: 0, name: "standard input", option: option))
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else { throw TextSource.cannotRead(path, option: option) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw CLIError("\(option): cannot read '\(path)': it is a directory")
        case S_IFREG:
            guard Int(status.st_size) <= TextSource.maxBytes else {
                throw CLIError("\(option): '\(path)' is too large: \(status.st_size) bytes exceeds the limit of "
                               + "\(TextSource.maxBytes)")
            }
            self = .file(path: path, option: option)
        default:
            let descriptor = try TextSource.openFile(path, option: option)
            defer { close(descriptor) }
            self = .bytes(try TextSource.readAll(descriptor: descriptor, name: "'\(path)'", option: option))
        }
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The first byte that is not a space, tab or line break (decides JSON or matrix syntax).
    func firstNonBlankByte() throws -> UInt8? {
        var found: UInt8?
        struct Found: Error {}
        do {
            try forEachChunk { chunk in
                if let byte = chunk.first(where: { !TextSource.isBlank($0) }) {
                    found = byte
                    throw Found()
                }
            }
        } catch is Found {}
        return found
    }

    /// Hands the text to `body` in pieces of at most `chunkBytes`.
    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        switch self {
        case .bytes(let bytes):
            try bytes.withUnsafeBufferPointer { try body($0) }
        case .file(let path, let option):
            let descriptor = try TextSource.openFile(path, option: option)
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: TextSource.chunkBytes)
            var total = 0
            while true {
                let count = try TextSource.readChunk(descriptor, into: &buffer, name: "'\(path)'")
                if count == 0 { return }
                total += count
                // The file grew since it was measured.
                guard total <= TextSource.maxBytes else { throw TextSource.tooLarge(option: option) }
                try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
            }
        }
    }

    /// All of a pipe or device, refused once it passes `maxBytes`.
    private static func readAll(descriptor: Int32, name: String, option: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunkBytes)
        while true {
            let count = try readChunk(descriptor, into: &buffer, name: name)
            if count == 0 { return bytes }
            guard bytes.count + count <= maxBytes else { throw tooLarge(option: option) }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    private static func readChunk(_ descriptor: Int32, into buffer: inout [UInt8], name: String) throws -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno != EINTR { throw CLIError("cannot read \(name): \(String(cString: strerror(errno)))") }
        }
    }

    private static func openFile(_ path: String, option: String) throws -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw cannotRead(path, option: option) }
        return descriptor
    }

    private static func cannotRead(_ path: String, option: String) -> CLIError {
        let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno)).lowercased()
        return CLIError("\(option): cannot read '\(path)': \(reason)")
    }

    private static func tooLarge(option: String) -> CLIError {
        CLIError("\(option): the text is too large: more than \(maxBytes) bytes")
    }
}
