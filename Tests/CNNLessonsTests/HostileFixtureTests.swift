import Foundation
import Testing
@testable import CNNLessons

/// The hostile lessons of `Tests/fixtures/hostile` (issue 13, item 3): refused by the full reader, by
/// the header read that `list` and the menu use, and so never listed beside the lessons they imitate.
struct HostileFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/hostile").path

    static func path(_ name: String) -> String { directory + "/" + name }

    /// Every problem the full reader finds in a fixture, as `check` prints them.
    func problems(_ name: String) -> [String] {
        guard case .failure(let issues) = LessonLoader.load(file: Self.path(name)) else { return [] }
        return issues.issues.map(\.description)
    }

    /// The problems the header read alone finds, as `list` prints them.
    func headerProblems(_ name: String) -> [String] {
        guard case .failure(let issues) = LessonLoader.header(file: Self.path(name)) else { return [] }
        return issues.issues.map(\.description)
    }

    static let lookalike = "lookalike-id.yaml:3:5: error: the id 'forward-pas\u{0455}' must be lowercase ASCII "
        + "letters, digits and dashes; '\u{0455}' (U+0455) is not one"
    static let bidiID = "bidi-id.yaml:2:5: error: the id 'Bad Id! \\u{202e}' must be lowercase ASCII letters, "
        + "digits and dashes; 'B' is not one"
    static let bidiTitle = "bidi-title.yaml:3:8: error: the title contains U+202E, a bidi control that changes "
        + "what a reader sees; remove it"
    static let zeroWidthSummary = "zero-width.yaml:4:10: error: the summary contains U+200B, a zero-width "
        + "character that changes what a reader sees; remove it"
    static let zeroWidthStep = "zero-width.yaml:6:12: error: step 1's title contains U+200D, a zero-width "
        + "character that changes what a reader sees; remove it"

    @Test(arguments: [
        ("lookalike-id.yaml", [lookalike]), ("bidi-id.yaml", [bidiID]), ("bidi-title.yaml", [bidiTitle]),
        ("zero-width.yaml", [zeroWidthSummary, zeroWidthStep]),
    ])
    func theFullReaderRefusesTheParsedValue(name: String, expected: [String]) {
        #expect(problems(name) == expected.map { Self.directory + "/" + $0 })
    }

    /// The header of a file whose id is a quoted string with escapes is read by the YAML parser (the scan
    /// cannot decide it), and the rule holds on what the parser gives.
    @Test(arguments: [
        ("lookalike-id.yaml", [lookalike]), ("bidi-id.yaml", [bidiID]), ("bidi-title.yaml", [bidiTitle]),
        ("zero-width.yaml", [zeroWidthSummary]),
    ])
    func theHeaderReadRefusesItToo(name: String, expected: [String]) {
        #expect(headerProblems(name) == expected.map { Self.directory + "/" + $0 })
    }

    /// The line scan (no YAML parse) applies the same rules to a raw lookalike letter and a raw bidi control.
    @Test func theLineScanAppliesTheRulesToRawCharacters() {
        let text = "id: forward-pas\u{0455}\ntitle: \"Right\u{202E}left\"\nsummary: ok\nsteps:\n  - say: Hi.\n"
        #expect(HeaderScanner.scan(Array(text.utf8)) != nil, "the scan, not the parser, reads this header")
        guard case .failure(let issues) = HeaderScanner.header(file: "raw.yaml", text: text) else {
            Issue.record("a raw lookalike id was listed")
            return
        }
        #expect(issues.issues.map(\.description) == [
            "raw.yaml:1:5: error: the id 'forward-pas\u{0455}' must be lowercase ASCII letters, digits and dashes; "
                + "'\u{0455}' (U+0455) is not one",
            "raw.yaml:2:8: error: the title contains U+202E, a bidi control that changes what a reader sees; "
                + "remove it",
        ])
    }

    /// A control character in a header value is left to the YAML parser, which refuses it.
    @Test func aControlCharacterSendsTheHeaderToTheParser() {
        let text = "id: ok\ntitle: A \u{1B}[2J title\nsteps:\n  - say: Hi.\n"
        #expect(HeaderScanner.scan(Array(text.utf8)) == nil)
    }

    @Test func noneOfThemIsListedAndTheBundledLessonKeepsItsPlace() throws {
        let library = LessonLibrary.load(userDirectories: [Self.directory], environment: [:])
        let listed = Set(library.headers.map(\.id))
        #expect(!listed.contains("forward-pas\u{0455}") && !listed.contains("Bad Id! \u{202E}"))
        #expect(!listed.contains("bidi-title") && !listed.contains("zero-width"))
        #expect(library.headers.filter { $0.file.hasPrefix(Self.directory) }.map(\.id) == [])
        #expect(try library.lesson(id: "forward-pass")?.get().title == "The forward pass, term by term")
        for name in ["lookalike-id.yaml", "bidi-id.yaml", "bidi-title.yaml", "zero-width.yaml"] {
            #expect(library.issues.contains { $0.location.file == Self.path(name) }, "\(name) not reported")
        }
    }
}
