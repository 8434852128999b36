import CNNSafeText
import Foundation
import Testing

/// Lesson text in a generated script: comments that stay comments and literals that read back as the text,
/// checked by python3 itself.
@Suite struct PythonTextTests {
    /// What a stranger might put in a title to break out of a comment or a string literal.
    static let hostile = [
        "", "plain", "quote \" and ' and ''' and \"\"\"", "back\\slash\\", "\\", "\\n is not a newline",
        "line\nimport os; os.system('touch /tmp/PWNED')\n#", "cr\rn += 100", "crlf\r\nn += 100", "nul\u{0}x",
        "esc\u{1B}]2;title\u{07}", "ls\u{2028}n += 100\u{2029}", "nel\u{85}vt\u{0B}ff\u{0C}fs\u{1C}", "del\u{7F}",
        "{} {0} {__import__('os')}", "# not a comment", "\" + __import__('os').system('x') + \"",
        "\\N{BULLET} \\x41 \\u0041", "é ü × ∂ — 😀 \u{202E}rtl\u{200B}", "e\u{301}\\\u{301}",
    ]

    @Test func literalsOfEveryScalarArePrintableASCII() {
        var all = String.UnicodeScalarView()
        for value in Array(0...0x3000) + [0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF] {
            if let scalar = Unicode.Scalar(value) { all.append(scalar) }
        }
        for scalar in PythonText.stringLiteral(String(all)).unicodeScalars {
            #expect((0x20...0x7E).contains(scalar.value), "U+\(String(scalar.value, radix: 16)) survived")
        }
    }

    @Test func literalsUseNamedAndHexEscapes() {
        #expect(PythonText.stringLiteral("a\"b'c\\d\ne\rf\tg") == #""a\"b'c\\d\ne\rf\tg""#)
        #expect(PythonText.stringLiteral("\u{0}\u{1B}\u{7F}é\u{2028}😀")
            == #""\x00\x1b\x7f\xe9\u2028\U0001f600""#)
        #expect(PythonText.stringLiteral("{x}") == #""{x}""#)
    }

    /// Each literal on a line of its own must parse as one string constant (not an expression) equal to the text.
    @Test func pythonReadsEveryLiteralBackAsTheText() throws {
        let program = """
            import ast, sys
            for line in open(sys.argv[1], encoding="ascii").read().split("\\n")[:-1]:
                node = ast.parse(line, mode="eval").body
                assert isinstance(node, ast.Constant) and isinstance(node.value, str), line
                print(" ".join("%x" % ord(c) for c in node.value))
            """
        let literals = Self.hostile.map { PythonText.stringLiteral($0) + "\n" }.joined()
        let run = try PythonProcess.run(program, input: literals)
        #expect(run.status == 0, "\(run.output)")
        let expected = Self.hostile.map { text in
            text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") + "\n"
        }
        #expect(run.output == expected.joined())
    }

    @Test func commentsKeepOneLine() {
        #expect(PythonText.comment("T\nimport os\r#") == #"# T\nimport os\r#"#)
        // Every character that Python's tokenizer or str.splitlines takes as a line end.
        let breaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029, 0x00]
        for text in Self.hostile {
            let comment = PythonText.comment(text)
            #expect(comment.hasPrefix("# "))
            #expect(!comment.unicodeScalars.contains { breaks.contains($0.value) }, "\(comment)")
        }
    }

    /// Between the comments, each `n += 1` runs once; a comment that ended early would run its payload too.
    @Test func pythonRunsNothingFromAComment() throws {
        var script = "#!/usr/bin/env python3\n\(PythonText.encodingDeclaration)\nn = 0\n"
        for text in Self.hostile {
            script += PythonText.comment(text) + "\nn += 1\n"
        }
        script += "print(n)\n"
        let run = try PythonProcess.run(script)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output == "\(Self.hostile.count)\n")
    }

    /// PEP 263: a comment on line 2 naming utf-7 decodes the lines after it as UTF-7, where `+AAo-` is a newline.
    /// The declaration taking line 2 keeps a title on line 3 from choosing the encoding.
    @Test func aTitleCannotChooseTheEncoding() throws {
        let title = PythonText.comment("T coding: utf-7")
        let payload = PythonText.comment("+AAo-print(666)")
        let declared = try PythonProcess.run("#!/usr/bin/env python3\n\(PythonText.encodingDeclaration)\n"
                                             + "\(title)\n\(payload)\nprint(1)\n")
        #expect(declared.status == 0 && declared.output == "1\n", "\(declared.output)")
        // Without the declaration the same lines run the payload: the test above can fail.
        let undeclared = try PythonProcess.run("#!/usr/bin/env python3\n\(title)\n\(payload)\nprint(1)\n")
        #expect(undeclared.output == "666\n1\n", "\(undeclared.output)")
    }
}

/// `python3 -I` run on a program, output and errors captured together.
enum PythonProcess {
    struct Output {
        var status: Int32
        var output: String
    }

    /// Runs `program` as a file; `input`, when given, is written to a second file passed as `sys.argv[1]`.
    static func run(_ program: String, input: String? = nil) throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("python-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("script.py"), data = folder.appendingPathComponent("input.txt")
        let out = folder.appendingPathComponent("out.txt")
        try program.write(to: script, atomically: true, encoding: .utf8)
        try (input ?? "").write(to: data, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-I", script.path, data.path]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return Output(status: process.terminationStatus, output: try String(contentsOf: out, encoding: .utf8))
    }
}
