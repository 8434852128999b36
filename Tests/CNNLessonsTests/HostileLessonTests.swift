import Foundation
import Testing
@testable import CNNLessons

/// Lesson files written to break the tutor (issue 10): each gets a `file:line:column: error:`, never a trap,
/// and answers without computing what it would refuse.
struct HostileLessonTests {
    static let header = "id: hostile\ntitle: Hostile\nsummary: x\nsteps:\n"

    func problems(_ steps: String) -> [String] {
        switch LessonLoader.load(text: Self.header + steps, file: "h.yaml") {
        case .success: return []
        case .failure(let issues): return issues.issues.map(\.description)
        }
    }

    @Test func efficiencyCountsThatOverflowAreAnError() {
        let found = problems("  - op: efficiency\n    input_size: [50000, 50000]\n    kernel_size: [2, 1]\n")
        #expect(found == ["h.yaml:6:17: error: a 50000×50000 input is too large to count: its dense matrix's "
                          + "operations exceed \(Int.max)"])
    }

    @Test func aPatternWhoseSizeOverflowsIsAnError() {
        let found = problems("  - op: relu\n    input: {pattern: ramp, size: [3037000500, 3037000500]}\n")
        #expect(found == ["h.yaml:6:34: error: a 3037000500×3037000500 pattern is larger than the 1000000 numbers "
                          + "a lesson may hold"])
    }

    @Test func theTotalNumberBudgetNamesThePatternThatPassesIt() {
        let found = problems("""
          - op: relu
            input: {pattern: ramp, size: [800, 800]}
          - op: relu
            input: {pattern: edge, size: [800, 800]}

        """)
        #expect(found == ["h.yaml:8:34: error: with the lesson's other numbers, a 800×800 pattern passes the "
                          + "1000000 numbers a lesson may hold"])
    }

    /// A 999×999 picture, then 200 steps each convolving the previous result: refused at the step whose work
    /// passes the lesson's budget, before that step (or any after it) is computed.
    @Test func aChainOfLargeConvolutionsIsRefusedAtTheStepThatPassesTheBudget() {
        var steps = "  - op: relu\n    input: {pattern: ramp, size: [999, 999]}\n    walk: result\n"
        for _ in 0..<200 {
            steps += "  - op: conv\n    input: {from: previous, result: output}\n"
                + "    filter: \"1 0 1; 0 1 0; 1 0 1\"\n    walk: result\n"
        }
        let found = problems(steps)
        // relu: 998,001; each conv 3×3 over a shrinking grid: 997²·9, 995²·9 — the third conv passes 20,000,000.
        let thirdConvLine = 8 + 4 * 2
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("h.yaml:\(thirdConvLine):9: error: this step brings the lesson's work past "
                                       + "20000000 multiply-adds") == true, "\(found)")
    }

    @Test func aDuplicateKeyIsOneLineAtTheDuplicate() {
        let found = problems("  - op: conv\n    input: \"1 2; 3 4\"\n    filter: \"1\"\n    input: \"5 6; 7 8\"\n")
        #expect(found == ["h.yaml:8:5: error: duplicate key 'input' (first at line 6)"])
    }

    /// A 2×2 filter at dilation 2 spans 2·(2 − 1) + 1 = 3 cells: too wide for a 2×2 input, just right for 3×3.
    @Test func aDilatedFilterTooLargeForItsInputIsRefusedAtTheDilationLine() {
        let step = { (input: String) in
            "  - op: conv\n    input: \"\(input)\"\n    filter: \"1 0; 0 1\"\n    dilation: 2\n"
        }
        #expect(problems(step("1 2; 3 4")) == ["h.yaml:8:15: error: the filter height 2 at dilation 2 spans 3, more "
                                               + "than the padded input height 2"])
        #expect(problems(step("1 2 3; 4 5 6; 7 8 9")) == [])
    }

    /// One bad file among good ones: listed as a problem, and every other lesson still lists and opens.
    @Test func oneBadFileNeverTakesDownTheOthers() throws {
        let directory = NSTemporaryDirectory() + "cnn-tutor-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bad = Self.header.replacingOccurrences(of: "hostile", with: "overflow")
            + "  - op: efficiency\n    input_size: [50000, 50000]\n    kernel_size: [2, 1]\n"
        try bad.write(toFile: directory + "/bad.yaml", atomically: true, encoding: .utf8)
        let library = LessonLibrary.load(userDirectories: [directory], environment: [:])
        #expect(library.issues.isEmpty)  // its header is fine: the problem shows when it is opened
        #expect(library.entries.count == LessonLibrary.load(userDirectories: [], environment: [:]).entries.count + 1)
        guard case .failure(let issues) = try #require(library.lesson(id: "overflow")) else {
            Issue.record("the overflowing lesson loaded")
            return
        }
        #expect(issues.issues.first?.location.line == 6)
        #expect(try library.lesson(id: "forward-pass")?.get().title == "The forward pass, term by term")
    }

    /// The header scanner's fallback: a header it cannot read line by line is read by the YAML parser.
    @Test func unusualHeadersAreReadByTheParser() {
        let text = "{id: flow-style, title: \"A \\\"quoted\\\" title\", steps: [{say: Hi.}]}\n"
        let header = try? HeaderScanner.header(file: "f.yaml", text: text).get()
        #expect(header?.id == "flow-style")
        #expect(header?.title == "A \"quoted\" title")
        let multiLine = "id: folded\ntitle: A title\n  on two lines\nsteps:\n  - say: Hi.\n"
        #expect((try? HeaderScanner.header(file: "g.yaml", text: multiLine).get())?.title == "A title on two lines")
    }
}

/// The header read from a file's first lines agrees with the full reader, wherever the keys are.
struct HeaderFromFileTests {
    @Test func headerKeysAfterTheStepsAreStillRead() throws {
        let directory = NSTemporaryDirectory() + "cnn-tutor-header-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/late.yaml"
        try "id: late\nsteps:\n  - say: Hi.\norder: 7\ntitle: Keys after the steps\nsummary: Still read.\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let header = try LessonLoader.header(file: path).get()
        #expect(header.order == 7 && header.title == "Keys after the steps" && header.summary == "Still read.")
        let lesson = try LessonLoader.load(file: path).get()
        #expect([lesson.id, lesson.title, lesson.summary] == [header.id, header.title, header.summary])
    }
}
