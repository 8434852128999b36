import PropertyBased
import Testing
import YAMLDocument

let seeds = Gen.uint64(in: 0...UInt64.max)

/// Generated documents, whole and broken, read by YAMLDocument as Yams reads them.
struct RandomYAMLTests {
    @Test func generatedDocumentsReadAsYamsReadsThem() async {
        await propertyCheck(count: 400, input: seeds) { seed in
            var generator = RandomYAML(seed: seed)
            let text = generator.document()
            #expect(CrossCheck.ours(text) == CrossCheck.theirs(text), "\(text)")
        }
    }

    /// Breaks that always make a document invalid: both readers refuse it at the same line.
    static let breaks: [(name: String, apply: @Sendable (String) -> String)] = [
        ("an unclosed quote", { $0 + "zz: \"never closed\n" }),
        ("an unclosed flow sequence", { $0 + "zz: [a, b\n" }),
        ("a tab as indentation", { $0 + "\t- x\n" }),
        ("a top-level key written twice", { text in
            text + (text.split(separator: "\n").first { !$0.hasPrefix("#") } ?? "") + "\n"
        }),
        ("a second document", { $0 + "---\nzz: 1\n" }),
        ("a control character", { $0 + "zz: a\u{7}b\n" }),
    ]

    @Test func brokenDocumentsFailAsYamsFails() async {
        await propertyCheck(count: 150, input: seeds, Gen.int(in: 0...(Self.breaks.count - 1))) { seed, index in
            var generator = RandomYAML(seed: seed)
            let document = generator.document()
            guard CrossCheck.ours(document) != "no document", !CrossCheck.ours(document).hasPrefix("error") else {
                return
            }
            let text = Self.breaks[index].apply(document)
            let ours = CrossCheck.ours(text)
            #expect(ours.hasPrefix("error"), "\(Self.breaks[index].name): \(text)")
            #expect(ours == CrossCheck.theirs(text), "\(Self.breaks[index].name): \(text)")
        }
    }

    /// One YAML-significant character put anywhere: whatever the document becomes, both read it alike.
    @Test func documentsWithACharacterInsertedReadAsYamsReadsThem() async {
        let characters: [Character] = [":", "-", "#", "'", "\"", "[", "]", "{", "}", "\t", "&", "*", "!", "|", ">",
                                       "?", "%", "@", "\n", " ", ",", "\\"]
        await propertyCheck(count: 400, input: seeds, Gen.int(in: 0...(characters.count - 1)),
                            Gen.int(in: 0...10_000)) { seed, character, position in
            var generator = RandomYAML(seed: seed)
            var text = generator.document()
            text.insert(characters[character], at: text.index(text.startIndex, offsetBy: position % text.count))
            #expect(CrossCheck.ours(text) == CrossCheck.theirs(text), "\(text.debugDescription)")
        }
    }
}
