import Testing
import YAMLDocument

/// What `YAML.compose` reads, worked out by hand from the YAML text.
struct ComposeTests {
    func error(_ text: String, maxNodes: Int = 1_000_000) -> YAMLError? {
        do {
            _ = try YAML.compose(yaml: text, maxNodes: maxNodes)
            return nil
        } catch {
            return error
        }
    }

    @Test func mappingOfScalarsKeepsOrderStylesAndMarks() throws {
        let root = try #require(try YAML.compose(yaml: "b: 1\na: 'x'\nc: |\n  line\nd: >-\n  one\n  two\n"))
        let mapping = try #require(root.mapping)
        #expect(mapping.map { $0.key.string } == ["b", "a", "c", "d"])
        #expect(mapping["b"]?.scalar?.style == .plain)
        #expect(mapping["a"]?.scalar?.style == .singleQuoted)
        #expect(mapping["c"]?.scalar?.string == "line\n")
        #expect(mapping["c"]?.scalar?.style == .literal)
        #expect(mapping["c"]?.mark == Mark(line: 3, column: 4))
        #expect(mapping["d"]?.scalar == Node.Scalar("one two", style: .folded, mark: Mark(line: 5, column: 4)))
        #expect(mapping["d"]?.scalar?.style == .folded)
        #expect(root.mark == Mark(line: 1, column: 1))
        #expect(root.tag == Node.mappingTag)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let root = try #require(try YAML.compose(yaml: "é: [ü, \"ö\"]\n"))
        let items = try #require(root.mapping?["é"]?.sequence)
        #expect(items.map(\.mark) == [Mark(line: 1, column: 5), Mark(line: 1, column: 8)])
        #expect(items.map { $0.scalar?.style } == [.plain, .doubleQuoted])
    }

    @Test func emptyTextsHoldNoDocument() throws {
        #expect(try YAML.compose(yaml: "") == nil)
        #expect(try YAML.compose(yaml: "# a comment\n\n") == nil)
        // `---` alone is a document holding one empty scalar.
        #expect(try YAML.compose(yaml: "---\n")?.scalar?.string == "")
    }

    @Test func aSecondDocumentIsAnErrorAtItsStart() {
        #expect(error("a: 1\n---\nb: 2\n") == YAMLError(.composer, problem: "but found another document",
                                                      at: Mark(line: 2, column: 1),
                                                      context: "expected a single document in the stream",
                                                      contextMark: Mark(line: 1, column: 1)))
    }

    @Test func tagsAreKeptAndAQuotedKeyIsThePlainKey() throws {
        let mapping = try #require(try YAML.compose(yaml: "'a': !!str 1\nb: !foo 2\nc: ! 3\n!bar d: 4\n")?.mapping)
        #expect(mapping["a"]?.tag == Node.stringTag)
        #expect(mapping["b"]?.tag == "!foo")
        #expect(mapping["c"]?.tag == Node.stringTag)
        // A key tagged otherwise is not the text key.
        #expect(mapping["d"] == nil)
        #expect(mapping.count == 4)
    }

    @Test func anAliasIsItsAnchorsNodeWithTheAnchorsMark() throws {
        let mapping = try #require(try YAML.compose(yaml: "a: &x [1, 2]\nb: *x\n")?.mapping)
        let anchored = try #require(mapping["a"]?.sequence)
        let aliased = try #require(mapping["b"]?.sequence)
        #expect(anchored.map(\.string) == ["1", "2"])
        #expect(aliased.map(\.string) == ["1", "2"])
        #expect(aliased.mark == Mark(line: 1, column: 4))
        #expect(error("a: *x\n") == YAMLError(.composer, problem: "found undefined alias",
                                             at: Mark(line: 1, column: 4)))
        // An anchor is defined once its node ends: an alias inside it is undefined.
        #expect(error("a: &x [*x]\n")?.problem == "found undefined alias")
    }

    /// The root, `a` and `[1, 2]` are 5 nodes; `b: *x` adds its key and the 3 nodes `*x` names: 9.
    @Test func aliasesCountEveryNodeTheyName() throws {
        let text = "a: &x [1, 2]\nb: *x\n"
        #expect(try YAML.compose(yaml: text, maxNodes: 9) != nil)
        #expect(error(text, maxNodes: 8) == YAMLError(.tooManyNodes(limit: 8), problem: "with its aliases expanded, "
                                                     + "the document holds more than 8 nodes",
                                                     at: Mark(line: 2, column: 4)))
        #expect(error(text, maxNodes: 5)?.problemMark == Mark(line: 2, column: 1))
    }

    @Test func aDuplicateKeyNamesTheLeastRepeatedKeyAtItsFirstPlace() {
        #expect(error("b: 1\na: 2\nb: 3\na: 4\n") == YAMLError(.duplicateKey("a"), problem: "found a duplicate key",
                                                              at: Mark(line: 2, column: 1)))
        // A quoted key repeats the plain one; a collection key is named by nothing.
        #expect(error("a: 1\n\"a\": 2\n")?.kind == .duplicateKey("a"))
        #expect(error("? [x]\n: 1\n? [x]\n: 2\n")?.kind == .duplicateKey(nil))
        // The same text under another tag is another key.
        #expect(error("a: 1\n!foo a: 2\n") == nil)
    }

    @Test func aControlCharacterIsAReaderErrorAtItsScalar() {
        #expect(error("a: b\nü: c\u{7}\n") == YAMLError(.reader, problem: "control characters are not allowed",
                                                       at: Mark(line: 2, column: 5)))
    }

    @Test func nodesAreEqualByKindTagAndContentNotByMarkOrStyle() throws {
        let plain = try #require(try YAML.compose(yaml: "[a, {b: c}]\n"))
        let quoted = try #require(try YAML.compose(yaml: "\n- 'a'\n- \"b\": c\n"))
        #expect(plain == quoted)
        #expect(plain.hashValue == quoted.hashValue)
        #expect(try plain != #require(try YAML.compose(yaml: "[a, {b: d}]\n")))
        #expect(try plain != #require(try YAML.compose(yaml: "[!foo a, {b: c}]\n")))
    }
}
