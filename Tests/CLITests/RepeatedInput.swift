import Foundation

/// Large inputs for the refusal tests (byte and element budgets), written a mebibyte at a time from one block
/// that doubles up to it: a 100 MB input costs no 100 MB string, which a debug build takes seconds to make.
enum RepeatedInput {
    /// A file of `head`, `count` copies of `unit`, then `tail`, in a fresh temporary folder; removed by the caller.
    static func file(_ head: String = "", repeating unit: String, _ count: Int, tail: String = "") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-large-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(head.utf8))
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        try file.seekToEnd()
        let (block, unitsPerBlock) = Self.block(unit, atMost: count)
        var left = count
        while left >= unitsPerBlock {
            try file.write(contentsOf: block)
            left -= unitsPerBlock
        }
        try file.write(contentsOf: block.prefix(left * unit.utf8.count) + Data(tail.utf8))
        return url
    }

    /// `count` copies of `unit` as one string (for standard input).
    static func text(repeating unit: String, _ count: Int) -> String {
        let (block, unitsPerBlock) = Self.block(unit, atMost: count)
        let blockText = String(decoding: block, as: UTF8.self)
        return String(repeating: blockText, count: count / unitsPerBlock)
            + String(repeating: unit, count: count % unitsPerBlock)
    }

    /// `unit` doubled until another doubling would pass 1 MiB or `count` copies; returns the block and its copies.
    static func block(_ unit: String, atMost count: Int) -> (Data, Int) {
        var block = Data(unit.utf8), copies = 1
        while copies * 2 <= count && block.count * 2 <= 1 << 20 {
            block.append(block)
            copies *= 2
        }
        return (block, copies)
    }
}
