import Foundation
import Testing
@testable import CNNLessons

/// What the reader says of YAML at its edges. The messages and places were recorded from the Yams-based reader
/// before the switch to YAMLDocument, and are kept; the two deliberate changes are marked.
struct YAMLInputTests {
    static let header = "id: y\ntitle: Y\nsummary: s\n"

    func problems(_ text: String) -> [String] {
        switch LessonLoader.load(text: text, file: "y.yaml") {
        case .success: return []
        case .failure(let issues): return issues.issues.map(\.description)
        }
    }

    @Test func anEmptyFileOrOneOfCommentsIsNoLesson() {
        #expect(problems("") == ["y.yaml:1:1: error: the file is empty"])
        #expect(problems(" \n\n") == ["y.yaml:1:1: error: the file is empty"])
        #expect(problems("# only a comment\n")
                == ["y.yaml:1:1: error: a lesson is a YAML mapping with id, title, summary and steps"])
    }

    @Test func aSecondDocumentIsRefusedAtItsStart() {
        #expect(problems(Self.header + "steps:\n  - say: hi\n---\nid: z\n")
                == ["y.yaml:6:1: error: not valid YAML: but found another document expected a single document in the "
                    + "stream"])
        // Markers around the one document are fine.
        #expect(problems("---\n" + Self.header + "steps:\n  - say: hi\n...\n") == [])
    }

    @Test func tabsIndentingAreRefusedAndTabsBetweenAreNot() {
        #expect(problems(Self.header + "steps:\n\t- say: hi\n")
                == ["y.yaml:5:1: error: not valid YAML: found character that cannot start any token while scanning for "
                    + "the next token"])
        #expect(problems(Self.header + "steps:\n  - say:\thi\n") == [])
    }

    @Test func aByteOrderMarkIsReadAsLibYAMLReadsItInUTF8() {
        // LibYAML is told the text is UTF-8, so it does not skip the mark (as with Yams).
        #expect(problems("\u{FEFF}" + Self.header + "steps:\n  - say: hi\n")
                == ["y.yaml:2:1: error: not valid YAML: did not find expected <document start>"])
        #expect(problems("\u{FEFF}") == ["y.yaml:1:1: error: a lesson is a YAML mapping with id, title, summary and "
                                         + "steps"])
    }

    @Test func bytesThatAreNotUTF8AreNotText() {
        var bytes = Array((Self.header + "steps:\n  - say: hi\n").utf8)
        bytes.insert(0xFF, at: bytes.count - 2)
        guard case .failure(let issues) = LessonLoader.load(data: Data(bytes), file: "y.yaml") else {
            Issue.record("read bytes that are not UTF-8")
            return
        }
        #expect(issues.issues.map(\.description) == ["y.yaml:1:1: error: not a text file (binary or not UTF-8)"])
    }

    /// Changed on purpose: Yams put LibYAML's reader error at 1:1 with a snippet over three lines.
    @Test func aControlCharacterIsOneLineAtItsPlace() {
        #expect(problems(Self.header + "steps:\n  - say: h\u{1}i\n")
                == ["y.yaml:5:11: error: not valid YAML: control characters are not allowed"])
    }

    @Test func syntaxErrorsSayLibYAMLsProblemAtItsPlace() {
        #expect(problems(Self.header + "steps:\n  - say: \"hi\n")
                == ["y.yaml:6:1: error: not valid YAML: found unexpected end of stream while scanning a quoted scalar"])
        #expect(problems(Self.header + "steps:\n  - say: hi\n   op: relu\n")
                == ["y.yaml:6:4: error: not valid YAML: did not find expected '-' indicator while parsing a block "
                    + "collection"])
        #expect(problems(Self.header + "steps: [\n")
                == ["y.yaml:5:1: error: not valid YAML: did not find expected node content while parsing a flow node"])
        #expect(problems("a: " + String(repeating: "[", count: 2_000))
                == ["y.yaml:1:5: error: not valid YAML: Maximum nesting level reached, set with "
                    + "yaml_set_max_nest_level()) while parsing"])
    }

    @Test func aDuplicateKeyIsReportedAtItsSecondOccurrence() {
        #expect(problems(Self.header + "steps:\n  - say: hi\n    say: ho\n")
                == ["y.yaml:6:5: error: duplicate key 'say' (first at line 5)"])
        #expect(problems(Self.header + "title: Z\nsteps:\n  - say: hi\n")
                == ["y.yaml:4:1: error: duplicate key 'title' (first at line 2)"])
        #expect(problems(Self.header + "steps:\n  - {say: hi, say: ho}\n")
                == ["y.yaml:5:6: error: duplicate key 'say' (first at line 5)"])
        #expect(problems(Self.header + "steps:\n  - say: hi\n    é: 1\n    é: 2\n")
                == ["y.yaml:7:5: error: duplicate key 'é' (first at line 6)"])
        // Of several repeated keys, the least in Yams' order is named.
        #expect(problems(Self.header + "steps:\n  - say: hi\n    title: a\n    title: b\n    say: c\n")
                == ["y.yaml:8:5: error: duplicate key 'say' (first at line 5)"])
    }

    @Test func anAliasIsTheNodeItsAnchorNames() {
        #expect(problems(Self.header + "steps:\n  - say: &a hi\n  - say: *a\n") == [])
        #expect(problems(Self.header + "steps:\n  - say: *nope\n")
                == ["y.yaml:5:10: error: not valid YAML: found undefined alias"])
        // A quoted key is the same key; a tagged scalar is read as its text.
        #expect(problems(Self.header + "\"steps\":\n  - say: !foo hi\n") == [])
    }

    /// Changed on purpose: nested aliases may not name more nodes than a 1 MB file could spell out (Yams shared
    /// them, but a walk over them was unbounded). Ten levels of ten aliases name 10^10 nodes.
    @Test func aBillionLaughsIsRefusedAtTheAliasThatPassesTheLimit() {
        var text = Self.header + "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        text += "steps: *l9\n"
        // 123,468 nodes up to level 5's `[`, each alias of level 4 adds 111,111: the fourth passes 500,000.
        #expect(problems(text) == ["y.yaml:9:25: error: with its aliases expanded, the lesson holds more than 500000 "
                                   + "YAML nodes; a lesson is meant to be read"])
    }

    @Test func windowsLineEndsAndNonASCIIKeepTheirColumns() {
        #expect(problems(Self.header + "steps:\r\n  - say: hi\r\n") == [])
        #expect(problems(Self.header + "steps:\n  - say: hé\n    op: rélu\n").first?
                    .hasPrefix("y.yaml:6:9: error: unknown operation 'rélu'") == true)
    }
}
