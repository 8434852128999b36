import Foundation
import Testing
import YAMLDocument
import Yams

/// Both readers' results written out the same way, to be compared: a tree line by line (kind, tag, mark, style,
/// text; every alias expanded), or an error's line and what it says.
enum CrossCheck {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// YAMLDocument's reading of `text`.
    static func ours(_ text: String) -> String {
        do {
            return try YAML.compose(yaml: text).map { dump($0) } ?? "no document"
        } catch {
            return "error at line \(error.problemMark.line)" + duplicateKey(error.kind)
        }
    }

    /// Yams' reading of `text`, as the lesson reader used it (no tag resolved).
    static func theirs(_ text: String) -> String {
        do {
            return try Yams.compose(yaml: text, .basic).map { dump($0) } ?? "no document"
        } catch let error as YamlError {
            return errorLine(error, in: text)
        } catch {
            return "error \(error)"
        }
    }

    private static func duplicateKey(_ kind: YAMLError.Kind) -> String {
        if case .duplicateKey(let key) = kind { return ", duplicate key \(key ?? "<uncovertable>")" }
        return ""
    }

    private static func errorLine(_ error: YamlError, in text: String) -> String {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return "error at line \(mark.line)"
        case let .duplicatedKeysInMapping(duplicates, context):
            return "error at line \(context.mark.line), duplicate key \(duplicates.first ?? "")"
        case let .reader(_, offset, _, _):
            // Yams gives a reader error's place as an offset in characters.
            let before = text.prefix(offset ?? 0)
            return "error at line \(before.count { $0 == "\n" || $0 == "\r\n" } + 1)"
        default:
            return "error \(error)"
        }
    }

    static func dump(_ node: YAMLDocument.Node, indent: String = "") -> String {
        let head = "\(indent)\(node.mark) \(node.tag)"
        switch node {
        case .scalar(let scalar):
            return "\(head) \(scalar.style) \(scalar.string.debugDescription)\n"
        case .sequence(let sequence):
            return "\(head) sequence\n" + sequence.map { dump($0, indent: indent + "  ") }.joined()
        case .mapping(let mapping):
            return "\(head) mapping\n" + mapping.map {
                dump($0.key, indent: indent + "  ? ") + dump($0.value, indent: indent + "  : ")
            }.joined()
        }
    }

    static func dump(_ node: Yams.Node, indent: String = "") -> String {
        let head = "\(indent)\(node.mark.map(\.description) ?? "no mark") \(node.tag.rawValue)"
        switch node {
        case .scalar(let scalar):
            let style = switch scalar.style {
            case .plain: "plain"
            case .singleQuoted: "singleQuoted"
            case .doubleQuoted: "doubleQuoted"
            case .literal: "literal"
            case .folded: "folded"
            case .any: "any"
            }
            return "\(head) \(style) \(scalar.string.debugDescription)\n"
        case .sequence(let sequence):
            return "\(head) sequence\n" + sequence.map { dump($0, indent: indent + "  ") }.joined()
        case .mapping(let mapping):
            return "\(head) mapping\n" + mapping.map {
                dump($0.key, indent: indent + "  ? ") + dump($0.value, indent: indent + "  : ")
            }.joined()
        case .alias:
            return "\(head) alias\n"
        }
    }

    /// The YAML files of the package: the bundled lessons and every fixture under Tests/.
    static var yamlFiles: [String] {
        let root = packageRoot.path
        let lessons = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/Lessons")) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { "Lessons/" + $0 }
        let tests = FileManager.default.enumerator(atPath: root + "/Tests")?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { "Tests/" + $0 } ?? []
        return (lessons + tests).sorted()
    }

    /// Every ```yaml block of README.md and docs/*.md, named by its file and first line.
    static var documentationBlocks: [(name: String, text: String)] {
        let docs = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.path + "/docs")) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return (["README.md"] + docs).flatMap { document in
            let text = (try? String(contentsOf: packageRoot.appendingPathComponent(document), encoding: .utf8)) ?? ""
            var blocks: [(String, String)] = []
            var open: (line: Int, text: String)?
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let block = open {
                    if line == "```" {
                        blocks.append(("\(document):\(block.line)", block.text))
                        open = nil
                    } else {
                        open?.text += line + "\n"
                    }
                } else if line == "```yaml" {
                    open = (index + 2, "")
                }
            }
            return blocks
        }
    }
}

/// YAMLDocument reads what Yams (the parser it replaced) reads, node for node, and fails where Yams fails.
struct YamsCrossCheckTests {
    @Test func everyYAMLFileOfThePackageReadsAsYamsReadsIt() throws {
        let files = CrossCheck.yamlFiles
        #expect(files.count { $0.hasPrefix("Lessons/") } >= 28)
        #expect(files.contains { $0.hasPrefix("Tests/fixtures/") })
        for file in files {
            let text = try String(contentsOf: CrossCheck.packageRoot.appendingPathComponent(file), encoding: .utf8)
            let ours = CrossCheck.ours(text)
            #expect(ours == CrossCheck.theirs(text), "\(file)")
            #expect(!ours.hasPrefix("error"), "\(file): \(ours)")
        }
    }

    @Test func everyYAMLBlockOfTheDocsReadsAsYamsReadsIt() {
        let blocks = CrossCheck.documentationBlocks
        #expect(blocks.count >= 10)
        for block in blocks {
            #expect(CrossCheck.ours(block.text) == CrossCheck.theirs(block.text), "\(block.name)")
        }
    }

    /// Texts at YAML's edges: the lesson reader's messages for these are pinned in CNNLessonsTests; here both
    /// readers must agree on the tree or on the failing line.
    @Test(arguments: [
        "", "# only a comment\n", "---\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "\u{FEFF}a: 1\n", "\u{FEFF}",
        "a:\n\t- 1\n", "a:\tb\n", "a: \"b\n", "a:\n  - b\n   c: d\n", "a: 1\na: 2\n", "{a: 1, a: 2}\n",
        "a: &x 1\nb: *x\n", "a: *x\n", "a: &x [1, 2]\nb: *x\nc: *x\n", "? [a, b]\n: 1\n? [a, b]\n: 2\n",
        "a: !foo b\n'a': 2\n", "a: !!str 1\n\"b\": ! 2\n", "a: b\r\nc: d\r\n", "é: ü\nà: 'ö'\n", "a: [\n",
        "a: h\u{1}i\n", "a: |\n  x\n  y\n", "a: >-\n  x\n\n  y\n", "a: 'it''s'\n", "a: \"\\t\\u00e9\"\n",
        "- a\n- - b\n  - c\n- d: e\n", "b: 1\na: 2\nb: 3\na: 4\n", "&x a: *x\n", "a: &x {b: &y c}\nd: *y\n",
    ])
    func edgeCasesReadAsYamsReadsThem(_ text: String) {
        #expect(CrossCheck.ours(text) == CrossCheck.theirs(text))
    }
}
