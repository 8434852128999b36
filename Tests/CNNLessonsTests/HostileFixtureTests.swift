import Foundation
import Testing
@testable import CNNLessons

/// The hostile lessons of `Tests/fixtures/hostile` (issue 13, items 3 and 9): refused by the full reader, by
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

    /// The line and paragraph separators hide nothing (every output writes them visibly, issue 13 item 1): a
    /// title may hold them.
    @Test func lineSeparatorsInATitleAreNotRefused() throws {
        let text = "id: lines\ntitle: \"One\\LTwo\\PThree\"\nsteps:\n  - title: \"A\\LB\"\n    say: Hi.\n"
        #expect(try LessonLoader.load(text: text, file: "l.yaml").get().title == "One\u{2028}Two\u{2029}Three")
    }

    /// A control character in a header value is left to the YAML parser, which refuses it.
    @Test func aControlCharacterSendsTheHeaderToTheParser() {
        let text = "id: ok\ntitle: A \u{1B}[2J title\nsteps:\n  - say: Hi.\n"
        #expect(HeaderScanner.scan(Array(text.utf8)) == nil)
    }

    @Test func noneOfThemIsListedAndTheBundledLessonKeepsItsPlace() throws {
        let refused = ["lookalike-id.yaml", "bidi-id.yaml", "bidi-title.yaml", "zero-width.yaml"].map(Self.path)
        let library = LessonLibrary.load(userDirectories: [Self.directory], environment: [:])
        let listed = Set(library.headers.map(\.id))
        #expect(!listed.contains("forward-pas\u{0455}") && !listed.contains("Bad Id! \u{202E}"))
        #expect(!listed.contains("bidi-title") && !listed.contains("zero-width"))
        #expect(library.headers.filter { refused.contains($0.file) }.map(\.id) == [])
        #expect(try library.lesson(id: "forward-pass")?.get().title == "The forward pass, term by term")
        for file in refused {
            #expect(library.issues.contains { $0.location.file == file }, "\(file) not reported")
        }
    }

    // MARK: Item 9: chained steps that leave the bound

    @Test func aChainThatGrowsPastTheBoundIsRefusedAtTheStepAndCell() {
        #expect(problems("overflow-chain.yaml") == [
            Self.path("overflow-chain.yaml") + ":11:9: error: step 2 computes 'output' at (1,2) = 1e+180, outside "
                + "the -1e100 to 1e100 a lesson's numbers must stay within (each step feeds the next: make the "
                + "numbers smaller)",
        ])
    }

    /// The bound is the one written numbers obey: a computed 1e100 is fine, anything past it is not.
    @Test func aComputedValueAtTheBoundIsKept() throws {
        let text = "id: edge\ntitle: Edge\nsteps:\n  - op: conv\n    input: \"1e100 -1e100\"\n    filter: \"1\"\n"
        let lesson = try LessonLoader.load(text: text, file: "edge.yaml").get()
        #expect(lesson.steps.count == 1)
        let past = text.replacingOccurrences(of: "filter: \"1\"", with: "filter: \"2\"")
        guard case .failure(let issues) = LessonLoader.load(text: past, file: "past.yaml") else {
            Issue.record("2e100 was computed and kept")
            return
        }
        #expect(issues.issues.map(\.description) == ["past.yaml:4:9: error: step 1 computes 'output' at (1,1) = "
            + "2e+100, outside the -1e100 to 1e100 a lesson's numbers must stay within (each step feeds the next: "
            + "make the numbers smaller)"])
    }

    /// An edit in the tutor is held to the same bound: a typed 1e300 is refused, and so is an edit whose
    /// recomputation would leave the bound.
    @Test func anEditCannotTakeTheLessonPastTheBound() throws {
        let text = "id: edit\ntitle: Edit\nsteps:\n  - op: conv\n    input: \"1 2; 3 4\"\n    filter: \"1\"\n"
            + "  - op: conv\n    input: {from: previous}\n    filter: \"1e60\"\n"
        let player = try LessonPlayer(lesson: LessonLoader.load(text: text, file: "edit.yaml").get())
        let input = try #require(player.frame(at: 0).grids.first { $0.role == .input }?.source)
        #expect(throws: LessonIssue.self) { try player.replacingValue(1e300, in: input, row: 0, column: 0, at: 0) }
        do {
            _ = try player.replacingValue(1e50, in: input, row: 0, column: 0, at: 0)
            Issue.record("an edit computed 1e110")
        } catch let issue as LessonIssue {
            #expect(issue.message.hasPrefix("step 2 computes 'output' at (1,1) = 1e+110"), "\(issue.message)")
        }
        #expect(try player.replacingValue(5, in: input, row: 0, column: 0, at: 0).stepCount == player.stepCount)
    }
}
