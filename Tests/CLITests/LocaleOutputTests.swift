import Foundation
import Testing

/// Issue 13, item 16: the command line follows the locale, as the full-screen tutor does: under a locale that is
/// not UTF-8 (or with `--ascii`) it prints ASCII, the symbols spelled out; under a UTF-8 locale it keeps them.
@Suite struct LocaleOutputTests {
    static let conv = ["compute", "conv", "--input", "1 2 3; 4 5 6; 7 8 9", "--filter", "1 0; 0 -1"]
    static let cLocale = ["LC_ALL": "C"]

    private func isASCII(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(\.isASCII) }

    private func questionMarks(_ text: String) -> Int { text.filter { $0 == "?" }.count }

    @Test func computeUnderTheCLocaleIsReadableASCII() throws {
        let result = try CLI.run(Self.conv, environment: Self.cLocale)
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(isASCII(result.stdout), "\(result.stdout)")
        for line in ["Input X (3x3)", "O11 = X11*F11 + X12*F12 + X21*F21 + X22*F22",
                     "O11 = 1*1 + 2*0 + 4*0 + 5*(-1) = -4", "Output height: floor((N + 2P - F)/S) + 1 = ",
                     "Convolution (cross-correlation: the filter slides without flipping)\n-------"] {
            #expect(result.stdout.contains(line), "\(line)")
        }
    }

    @Test func aUTF8LocaleKeepsTheSymbols() throws {
        let result = try CLI.run(Self.conv, environment: ["LC_ALL": "C.UTF-8"])
        #expect(result.stdout.contains("Input X (3×3)") && result.stdout.contains("O11 = X11·F11 + X12·F12"))
    }

    /// As setlocale reads them: the first of LC_ALL, LC_CTYPE and LANG that is set and not empty, else C.
    @Test(arguments: [
        (["LC_ALL": "C"], false),
        (["LC_ALL": "POSIX"], false),
        (["LC_ALL": "en_US.ISO-8859-1"], false),
        (["LC_ALL": "C.UTF-8", "LC_CTYPE": "C", "LANG": "C"], true),
        (["LC_ALL": "", "LC_CTYPE": "C", "LANG": "C.UTF-8"], false),
        (["LC_ALL": "", "LC_CTYPE": "de_DE.utf8@euro", "LANG": "C"], true),
        (["LC_ALL": "", "LC_CTYPE": "", "LANG": "en_US.UTF-8"], true),
        (["LC_ALL": "", "LC_CTYPE": "", "LANG": ""], false),
    ] as [([String: String], Bool)])
    func theLocaleDecides(environment: [String: String], utf8: Bool) throws {
        let result = try CLI.run(Self.conv, environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("×") == utf8)
        #expect(isASCII(result.stdout) == !utf8)
    }

    /// Every command that prints, its help and its error line: ASCII under the C locale, and under a UTF-8 one
    /// with `--ascii`, the flag read even when the command line is only a request for help.
    @Test(arguments: [
        (["list"], "The weight gradient dL/dF"),
        (["show", "forward-pass"], "O11 = X11*F11"),
        (["show", "forward-pass", "--step", "9"], "step 9/"),
        (["check", "--help"], "80x24"),
        (["compute", "full-conv", "--help"], "dL/dO"),
        (["play", "--help"], "+/-"),
        (["--help"], "USAGE"),
        (Self.conv, "O11 = 1*1 + 2*0"),
    ])
    func everyPrintingCommandIsASCII(arguments: [String], fragment: String) throws {
        for run in [try CLI.run(arguments, environment: Self.cLocale), try CLI.run(arguments + ["--ascii"])] {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(isASCII(run.stdout) && isASCII(run.stderr), "\(run.stdout)")
            #expect(run.stdout.contains(fragment), "\(run.stdout)")
        }
    }

    @Test func theErrorLineIsASCII() throws {
        let arguments = ["compute", "conv", "--input", "1 2; 3 4", "--filter", "1", "--padding", "9999999"]
        for run in [try CLI.run(arguments, environment: Self.cLocale), try CLI.run(arguments + ["--ascii"])] {
            #expect(run.status == 65)
            #expect(run.stderr.contains("shape 20000000x20000000"), "\(run.stderr)")
        }
    }

    /// Each symbol a bundled lesson shows has a stand-in: the ASCII text has no `?` the UTF-8 text lacks.
    @Test func everyBundledLessonReadsInASCII() throws {
        let ids = try CLI.run(["list"]).stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first }
        #expect(ids.count >= 24)
        for id in ids.map(String.init) {
            let utf8 = try CLI.run(["show", id]), ascii = try CLI.run(["show", id], environment: Self.cLocale)
            #expect(ascii.status == 0 && isASCII(ascii.stdout), "\(id)")
            #expect(questionMarks(ascii.stdout) == questionMarks(utf8.stdout), "\(id)")
        }
    }

    /// The same for the help of every command.
    @Test(arguments: [[], ["tutor"], ["play"], ["list"], ["show"], ["check"], ["compute"], ["compute", "conv"],
                      ["compute", "backward"], ["compute", "full-conv"], ["compute", "transposed"],
                      ["compute", "pool"], ["compute", "size"], ["compute", "relu"]])
    func everyHelpReadsInASCII(command: [String]) throws {
        let arguments = command + ["--help"]
        let utf8 = try CLI.run(arguments), ascii = try CLI.run(arguments, environment: Self.cLocale)
        #expect(isASCII(ascii.stdout))
        #expect(questionMarks(ascii.stdout) == questionMarks(utf8.stdout), "\(ascii.stdout)")
    }

    /// JSON is not transliterated (that would change its strings): under ASCII every non-ASCII character is a
    /// `\u` escape, so a parser reads exactly what it reads from the UTF-8 output.
    @Test func jsonUnderTheCLocaleIsASCIIAndReadsTheSame() throws {
        let arguments = ["show", "forward-pass", "--format", "json"]
        let utf8 = try CLI.run(arguments), ascii = try CLI.run(arguments, environment: Self.cLocale)
        #expect(ascii.status == 0 && isASCII(ascii.stdout))
        #expect(ascii.stdout.contains(#"O11 = X11\u00b7F11"#) && utf8.stdout.contains("O11 = X11·F11"))
        let parse = { (text: String) in
            try text.split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary
            }
        }
        #expect(try parse(ascii.stdout) == parse(utf8.stdout))
        let compute = Self.conv + ["--json"]
        #expect(try CLI.run(compute, environment: Self.cLocale).stdout == CLI.run(compute).stdout)
    }

    /// Markdown, LaTeX and the scripts are documents for other programs, which read UTF-8 whatever the locale; a
    /// transliteration could change their syntax (`“` becomes `"` inside a Python string), so they are left as
    /// they are.
    @Test(arguments: ["markdown", "latex", "numpy", "pytorch"])
    func documentsAreLeftInUTF8(format: String) throws {
        let arguments = ["show", "forward-pass", "--format", format]
        let utf8 = try CLI.run(arguments), ascii = try CLI.run(arguments, environment: Self.cLocale)
        #expect(ascii.status == 0)
        #expect(ascii.stdout == utf8.stdout)
    }
}
