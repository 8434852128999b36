import Foundation
import Testing

/// A file of `bytes` in a fresh temporary folder, removed by the caller.
private func temporaryFile(_ bytes: Data) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-robust-\(UUID().uuidString)")
    try bytes.write(to: url)
    return url
}

/// A rows×columns matrix of ones in the friendly syntax.
private func ones(rows: Int, columns: Int) -> Data {
    let row = Array(repeating: "1", count: columns).joined(separator: " ")
    return Data(Array(repeating: row, count: rows).joined(separator: "\n").utf8)
}

/// Issue 10: the cases a hostile user found, each refused with one line, no trap, no hours of work.
struct RobustnessTests {
    // MARK: Argument errors name the subcommand used

    @Test(arguments: [
        (["check"], "Missing expected argument '<files> ...'"),
        (["show", "forward-pass", "--format", "xml"], "'xml' is invalid for '--format"),
        (["list", "extra"], "Unexpected argument 'extra'"),
        (["compute", "pool", "--mode", "median", "--input", "1", "--size", "1"], "'median' is invalid for '--mode"),
    ])
    func argumentErrorsAreTheSubcommandsOwn(arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, json: false, mentioning: fragment)
        let result = try CLI.run(arguments)
        #expect(!result.stderr.contains("unknown command"), "\(result.stderr)")
        #expect(result.status == 64)
    }

    @Test func poolModeAcceptsItsAliasesInAnyCase() throws {
        let (_, object) = try CLI.json(["compute", "pool", "--mode", "MEAN", "--input", "1 2; 3 6", "--size", "2"])
        #expect(Nested(json: object["output"]) == [[3]])
    }

    // MARK: Bounded parsing

    @Test(arguments: [
        ("100 MB of ';'", ";", 100_000_000),
        ("100 MB of newlines", "\n", 100_000_000),
        ("5·10⁷ numbers on one line", "1 ", 50_000_000),
        ("a 100 MB JSON list", "1,", 50_000_000),
    ] as [(String, String, Int)])
    func hugeFilesAreRefusedByTheByteBudget(name: String, unit: String, count: Int) throws {
        let url = try RepeatedInput.file(repeating: unit, count)
        defer { try? FileManager.default.removeItem(at: url) }
        try CLI.expectRefusal(["compute", "relu", "--input", "@" + url.path], mentioning: "too large")
    }

    @Test func standardInputIsRefusedAtTheByteBudget() throws {
        let text = RepeatedInput.text(repeating: ";", 40 << 20)
        try CLI.expectRefusal(["compute", "relu", "--input", "@-"], stdin: text, mentioning: "more than 33554432 bytes")
    }

    @Test func aFileOfSeparatorsWithinTheBudgetIsEmpty() throws {
        let url = try RepeatedInput.file(repeating: ";\n", 10_000_000)
        defer { try? FileManager.default.removeItem(at: url) }
        try CLI.expectRefusal(["compute", "relu", "--input", "@" + url.path],
                              mentioning: "--input: the matrix is empty")
    }

    @Test func oneNumberPastTheElementBudgetIsRefused() throws {
        let url = try RepeatedInput.file(repeating: "1 ", 10_000_001)
        defer { try? FileManager.default.removeItem(at: url) }
        try CLI.expectRefusal(["compute", "relu", "--input", "@" + url.path], mentioning: "limit of 10000000")
    }

    @Test func crlfMatrixFilesAreRead() throws {
        let url = try temporaryFile(Data("1 -2\r\n3 4\r\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let (_, object) = try CLI.json(["compute", "relu", "--input", "@" + url.path])
        #expect(Nested(json: object["output"]) == [[1, 0], [3, 4]])
        let (_, json) = try CLI.json(["compute", "relu", "--input", "[[1, -2],\r\n [3, 4]]\r\n"])
        #expect(Nested(json: json["output"]) == [[1, 0], [3, 4]])
        let (_, bias) = try CLI.json(["compute", "conv", "--input", "1", "--filter", "1", "--bias", "2\r\n"])
        #expect(Nested(json: bias["output"]) == [[3]])
    }

    @Test(arguments: ["1 " + String(repeating: "x", count: 100_000),
                      "[[1, " + String(repeating: "7x", count: 50_000) + "]]"])
    func longTokensAreQuotedShort(input: String) throws {
        let result = try CLI.run(["compute", "relu", "--input", input])
        #expect(result.status == 65)
        #expect(result.stderr.count < 120, "\(result.stderr.prefix(300))")
        #expect(result.stderr.contains("…'"), "\(result.stderr)")
    }

    @Test(arguments: [
        (["compute", "relu", "--input", "1", "--max-output", "LONG"], "The value 'xxxxxxxxxxxxxxxxxxxx…'"),
        (["LONG"], "unknown command 'xxxxxxxxxxxxxxxxxxxx…'"),
        (["show", "LONG"], "no lesson with id 'xxxxxxxxxxxxxxxxxxxx…'"),
        (["compute", "relu", "--input", "1", "--LONG"], "Unknown option '--xxxxxxxxxxxxxxxxxx…'"),
        (["compute", "relu", "--input", "@/nonexistent/LONG"], "cannot read '/nonexistent/xxxxxxx…'"),
    ])
    func longArgumentsAreQuotedShort(arguments: [String], fragment: String) throws {
        let long = String(repeating: "x", count: 100_000)
        let command = arguments.map { $0.replacingOccurrences(of: "LONG", with: long) }
        try CLI.expectRefusal(command, json: false, mentioning: fragment)
        // Short beside the argument: an unknown command's line also lists the thirteen commands.
        #expect(try CLI.run(command).stderr.count < 200)
    }

    // MARK: Output that would be huge

    @Test(arguments: [
        ["compute", "relu", "--all"],
        ["compute", "conv", "--filter", "1 0; 0 1", "--all"],
        ["compute", "pool", "--mode", "max", "--size", "2", "--all"],
        ["compute", "transposed", "--filter", "1 1; 1 1", "--all"],
        ["compute", "transposed", "--filter", "1 1; 1 1", "--json"],
        ["compute", "backward", "--filter", "1", "--grad", "@GRID", "--json"],
    ])
    func hugeAnswersNameTheLimitOption(arguments: [String]) throws {
        let url = try temporaryFile(ones(rows: 1000, columns: 1000))
        defer { try? FileManager.default.removeItem(at: url) }
        let command = arguments.map { $0 == "@GRID" ? "@" + url.path : $0 } + ["--input", "@" + url.path]
        try CLI.expectRefusal(command, json: false, mentioning: "--max-output")
    }

    @Test func aRaisedLimitPrintsTheAnswer() throws {
        let url = try temporaryFile(ones(rows: 1100, columns: 1000))
        defer { try? FileManager.default.removeItem(at: url) }
        try CLI.expectRefusal(["compute", "relu", "--input", "@" + url.path],
                              mentioning: "raise --max-output to 1100000")
        let result = try CLI.run(["compute", "relu", "--input", "@" + url.path, "--json", "--max-output", "1100000"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = try #require(object?["output"] as? [[Double]])
        #expect(rows.count == 1100 && rows.allSatisfy { $0.count == 1000 && $0.allSatisfy { $0 == 1 } })
    }

    @Test(arguments: [
        (["compute", "relu", "--input", "1", "--max-output=-1"], "--max-output must be between 1 and"),
        (["compute", "relu", "--input", "1", "--max-output", "0"], "--max-output must be between 1 and"),
        (["show", "forward-pass", "--max-values=-1"], "--max-values must be between 0 and 1000000, got -1"),
        (["show", "forward-pass", "--max-values", "9223372036854775807"], "got 9223372036854775807"),
    ])
    func limitOptionsOutOfRangeAreOneLine(arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, json: false, mentioning: fragment)
    }
}
