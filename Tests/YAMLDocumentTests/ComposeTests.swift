import Testing
import YAMLDocument

/// What `YAML.compose` reads, worked out by hand from the YAML text.
struct ComposeTests {
    @Test func mappingOfScalarsKeepsOrderStylesAndMarks() throws {
        let root = try #require(try YAML.compose(yaml: "b: 1\na: 'x'\nc: |\n  line\n"))
        let mapping = try #require(root.mapping)
        #expect(mapping.map { $0.key.string } == ["b", "a", "c"])
        #expect(mapping["a"]?.scalar?.style == .singleQuoted)
        #expect(mapping["c"]?.scalar?.string == "line\n")
        #expect(mapping["c"]?.scalar?.style == .literal)
        #expect(mapping["c"]?.mark == Mark(line: 3, column: 4))
        #expect(root.mark == Mark(line: 1, column: 1))
    }
}
