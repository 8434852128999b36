import Foundation
import Testing
@testable import CNNLessons

/// Each kind of broken lesson file gives one clear problem at the right line, and never a crash.
struct BadLessonFileTests {
    let directory: String = {
        let path = NSTemporaryDirectory() + "cnn-tutor-bad-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func write(_ name: String, _ text: String) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// The issues of one file, as printed.
    func problems(_ name: String, _ text: String) -> [String] {
        let path = write(name, text)
        switch LessonLoader.load(file: path) {
        case .success(let lesson):
            return (try? LessonPlayer(lesson: lesson).expectationIssues().map(\.description)) ?? ["did not plan"]
        case .failure(let issues):
            return issues.issues.map(\.description)
        }
    }

    static let header = "id: sample\ntitle: A sample\nsummary: For tests.\nsteps:\n"

    @Test func malformedYAML() {
        let found = problems("a.yaml", Self.header + "  - say: [unclosed\n")
        #expect(found.count == 1)
        #expect(found[0].contains("a.yaml:6:1: error: not valid YAML") || found[0].contains("a.yaml:5:"), "\(found)")
    }

    @Test func raggedGridPointsAtTheShortRow() {
        let found = problems("b.yaml", Self.header + "  - op: conv\n    input: |\n      1 2 3\n      4 5\n      7 8 "
                                                     + "9\n    filter: \"1 0; 0 1\"\n")
        #expect(found == ["\(directory)/b.yaml:8:7: error: the input: ragged matrix: row 2 has 2 values, row 1 has 3"])
    }

    @Test func nonNumberPointsAtItsRow() {
        let found = problems("c.yaml", Self.header + "  - op: conv\n    input: |\n      1 2\n      3 four\n    "
                                                     + "filter: \"1\"\n")
        #expect(found == ["\(directory)/c.yaml:8:7: error: the input: not a number: 'four' at row 2, value 2"])
    }

    @Test func filterLargerThanItsPaddedInputPointsAtTheFilter() {
        let found = problems("d.yaml", Self.header + "  - op: conv\n    input: \"1 2; 3 4\"\n    filter: |\n      1 "
                                                     + "1 1\n      1 1 1\n      1 1 1\n")
        #expect(found == ["\(directory)/d.yaml:7:13: error: the filter height 3 is larger than the padded input "
                          + "height 2"])
    }

    @Test func unknownOperation() {
        let found = problems("e.yaml", Self.header + "  - op: deconvolve\n    input: \"1\"\n")
        #expect(found.count >= 1)
        #expect(found[0].hasPrefix("\(directory)/e.yaml:5:9: error: unknown operation 'deconvolve'"))
    }

    @Test func missingFields() {
        #expect(problems("f.yaml", "id: sample\nsummary: x\nsteps:\n  - say: hi\n") == ["\(directory)/f.yaml:1:1: "
                + "error: missing field 'title'"])
        let found = problems("g.yaml", Self.header + "  - op: pool\n    input: \"1 2; 3 4\"\n    size: 2\n")
        #expect(found == ["\(directory)/g.yaml:5:9: error: op 'pool' needs 'mode'"])
    }

    @Test func expectThatDisagrees() {
        let found = problems("h.yaml", Self.header + "  - op: pool\n    mode: max\n    size: 2\n    input: \"1 3; 2 "
                                                     + "9\"\n    expect: 8\n")
        #expect(found == ["\(directory)/h.yaml:9:13: error: expect disagrees with the computation: 'output' at (1,1) "
                          + "is 9, expected 8"])
    }

    @Test func emptyFile() {
        #expect(problems("i.yaml", "") == ["\(directory)/i.yaml:1:1: error: the file is empty"])
        #expect(problems("i2.yaml", "\n  \n") == ["\(directory)/i2.yaml:1:1: error: the file is empty"])
    }

    @Test func binaryFile() {
        let path = (directory as NSString).appendingPathComponent("j.yaml")
        let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0xFF, 0xFE]
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        guard case .failure(let issues) = LessonLoader.load(file: path) else {
            Issue.record("loaded a binary file")
            return
        }
        #expect(issues.issues.map(\.description) == ["\(path):1:1: error: not a text file (binary or not UTF-8)"])
    }

    @Test func fiftyMegabyteFileIsRefusedUnread() throws {
        let path = (directory as NSString).appendingPathComponent("k.yaml")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 50_000_000)
        try handle.close()
        guard case .failure(let issues) = LessonLoader.load(file: path) else {
            Issue.record("loaded a 50 MB file")
            return
        }
        #expect(issues.issues.map(\.description) == ["\(path):1:1: error: file is 50000000 bytes; a lesson file may "
                                                     + "be at most 1000000"])
    }

    @Test func gridOfAHundredMillionCellsIsRefused() {
        // Written out, 10^8 cells exceed the file size limit; through YAML aliases a small file can still
        // name them: 100,000 references to one 1,000-value grid.
        let row = Array(repeating: "1", count: 1_000).joined(separator: " ")
        let references = Array(repeating: "*big", count: 100_000).joined(separator: ", ")
        let text = Self.header + "  - op: relu\n    input: &big \"\(row)\"\n    expect: [\(references)]\n"
        #expect(text.utf8.count < LessonLoader.maxFileBytes)
        guard case .failure(let issues) = LessonLoader.load(text: text, file: "alias.yaml") else {
            Issue.record("10^8 cells loaded")
            return
        }
        #expect(issues.issues.map(\.description) == ["alias.yaml:6:12: error: the lesson holds more than 1000000 "
                                                     + "numbers; a lesson is meant to be read"])
    }

    @Test func badFilesAreReportedAndTheOthersStillLoad() throws {
        _ = write("good.yaml", "id: good\ntitle: Good\nsummary: ok\nsteps:\n  - say: Fine.\n")
        _ = write("bad.yaml", "id: [\n")
        _ = write("clash.yaml", "id: forward-pass\ntitle: Mine\nsummary: ok\nsteps:\n  - say: Mine.\n")
        let library = LessonLibrary.load(userDirectories: [directory], environment: [:])
        #expect(library.lesson(id: "good") != nil)
        #expect(library.entries.count == 29)
        #expect(library.issues.contains { $0.location.file.hasSuffix("bad.yaml") })
        #expect(library.issues.contains {
            $0.location.file.hasSuffix("clash.yaml") && $0.message.contains("already used")
        })
        // The bundled lesson keeps its id.
        #expect(try library.lesson(id: "forward-pass")?.get().title == "The forward pass, term by term")
    }

    /// Issue 13.10: the clash is found by id, in one look-up, and names the file that keeps the id.
    @Test func aSecondFileWithTheSameIdIsSkippedNamingTheFirst() {
        let first = write("a-first.yaml", "id: twin\ntitle: First\nsummary: ok\nsteps:\n  - say: One.\n")
        let second = write("b-second.yaml", "id: twin\ntitle: Second\nsummary: ok\nsteps:\n  - say: Two.\n")
        let library = LessonLibrary.load(userDirectories: [directory], environment: [:])
        #expect(library.headers.filter { $0.id == "twin" }.map(\.title) == ["First"])
        #expect(library.issues.map(\.description) == ["\(second):1:1: error: lesson id 'twin' is already used by "
                                                      + "\(first); this file is skipped"])
    }

    @Test func lessonsFolderFromTheEnvironment() {
        _ = write("env.yaml", "id: from-env\ntitle: From the environment\nsummary: ok\nsteps:\n  - say: Hi.\n")
        let library = LessonLibrary.load(userDirectories: [],
                                         environment: [LessonLibrary.environmentVariable: directory])
        #expect(library.lesson(id: "from-env") != nil)
    }
}
