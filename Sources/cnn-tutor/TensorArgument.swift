import CNNCore
import Foundation

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
    /// Largest magnitude accepted for any number: products and sums of up to `Limits.maxWork` terms of such
    /// numbers stay far from the double-precision overflow at 1.8e308, so no result is ever infinite.
    static let maxMagnitude = Limits.maxMagnitude

    /// Largest file `@path` may name: ten million numbers of up to 25 characters each.
    static let maxFileBytes = 256 << 20

    /// Parses `text`; errors are prefixed with the option they came from ("--input: ragged matrix: …").
    /// `@path` reads the text from a file (`@-` from standard input): the 320×280 image of the efficiency
    /// lesson does not fit in one command-line argument (Linux allows 128 KiB).
    static func parse(_ text: String, option: String) throws -> Tensor {
        try parseText(contents(text, option: option), option: option)
    }

    private static func parseText(_ text: String, option: String) throws -> Tensor {
        let tensor: Tensor
        do {
            if text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).first == "[" {
                tensor = try NestedArrayParser.parse(text)
            } else {
                tensor = try TensorText.parseMatrix(text)
            }
        } catch let error as CoreError {
            throw CLIError("\(option): \(error.description)")
        } catch let error as CLIError {
            throw CLIError("\(option): \(error.message)")
        }
        try checkMagnitude(tensor.values, option: option)
        return tensor
    }

    /// A bias: one number, a list "1 -2" / "1, -2", or a JSON list "[1, -2]".
    static func parseList(_ text: String, option: String) throws -> [Double] {
        let text = try contents(text, option: option)
        var values: [Double] = []
        if text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).first == "[" {
            let tensor = try parseText(text, option: option)
            guard tensor.rank == 1 else {
                throw CLIError("\(option): expected a flat list of numbers, got an array of rank \(tensor.rank)")
            }
            return tensor.values
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == ";" })
        guard !fields.isEmpty else { throw CLIError("\(option): the list is empty") }
        guard fields.count <= Limits.maxElements else {
            throw CLIError("\(option): the list is too large for a lesson: \(fields.count) exceeds the limit of \(Limits.maxElements)")
        }
        for (index, field) in fields.enumerated() {
            do {
                values.append(try TensorText.parseNumber(String(field), row: 1, column: index + 1))
            } catch let error as CoreError {
                throw CLIError("\(option): \(error.description)")
            }
        }
        try checkMagnitude(values, option: option)
        return values
    }

    /// The text itself, or for `@path` the file's contents.
    static func contents(_ text: String, option: String) throws -> String {
        guard text.hasPrefix("@") else { return text }
        let path = String(text.dropFirst())
        let data: Data
        if path == "-" {
            var bytes = Data()
            while true {
                let chunk = FileHandle.standardInput.availableData
                if chunk.isEmpty { break }
                bytes.append(chunk)
                if bytes.count > maxFileBytes { break }
            }
            data = bytes
        } else {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
                throw CLIError("\(option): cannot read '\(path)': no such file")
            }
            if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
                throw CLIError("\(option): cannot read '\(path)': it is a directory")
            }
            if let size = attributes[.size] as? Int, size > maxFileBytes {
                throw CLIError("\(option): '\(path)' is too large for a lesson: \(size) bytes exceeds the limit of \(maxFileBytes)")
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError("\(option): cannot read '\(path)'")
            }
            data = contents
        }
        guard data.count <= maxFileBytes else {
            throw CLIError("\(option): the text is too large for a lesson: more than \(maxFileBytes) bytes")
        }
        guard let string = String(data: data, encoding: .utf8) else {
            throw CLIError("\(option): '\(path)' is not UTF-8 text")
        }
        return string
    }

    private static func checkMagnitude(_ values: [Double], option: String) throws {
        for value in values where abs(value) > maxMagnitude {
            throw CLIError("\(option): \(NumberFormat.string(value)) is too large for a lesson; numbers must lie between -1e100 and 1e100")
        }
    }
}
