/// A seeded generator of YAML documents shaped like lessons and beyond: nested block mappings and sequences
/// (the compact `- key: value` form too), flow collections, plain, quoted and block scalars with text that
/// needs quoting, comments, anchors and aliases.
struct RandomYAML {
    private var random: SplitMix64
    private var lines: [String] = []
    private var anchors: [String] = []

    init(seed: UInt64) { random = SplitMix64(state: seed) }

    static let keys = ["a", "b", "say", "op", "input", "title", "k_1", "é", "two words", "x-y"]
    static let plainScalars = ["x", "relu", "1", "-2.5", "a b", "é ü", "3 4 5", "true", "null", "~", "x-y", "1e-3",
                               "a:b", "x#y", "O₁₂ = 4"]
    static let quotedTexts = [": colon", "# hash", "- dash", "[a]", "{b}", "*x", "&y", "!t", "%", "@", "`", "'", "\"",
                              "", " lead", "trail ", "a #b", "ü: ö", "back\\slash", "tab\there", "two\nlines"]
    static let blockLines = ["x", "1 2 3", "a: b", "# not a comment", "  indented", "- dash", "é ü", "'quoted'"]

    /// A document: a block mapping at the top, as a lesson is.
    mutating func document() -> String {
        lines = []
        anchors = []
        if chance(4) { lines.append("# a comment") }
        blockMapping(indent: 0, depth: 0, firstLinePrefix: nil)
        if chance(4) { lines.append("") }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Collections

    /// A mapping's pairs, each on its own line at `indent`; the first after `firstLinePrefix` (`- `) if given.
    private mutating func blockMapping(indent: Int, depth: Int, firstLinePrefix: String?) {
        let count = int(1...4)
        let keys = Self.keys.shuffled(using: &random).prefix(count)
        for (index, key) in keys.enumerated() {
            let pad = String(repeating: " ", count: indent)
            if chance(6) && index > 0 { lines.append(pad + "# between keys") }
            let lead = index == 0 ? (firstLinePrefix ?? pad) : pad
            value(after: lead + keyText(key) + ":", indent: indent, depth: depth)
        }
    }

    private mutating func blockSequence(indent: Int, depth: Int) {
        let pad = String(repeating: " ", count: indent)
        for _ in 0..<int(1...3) {
            if depth < 3 && chance(3) {
                // The compact form of a lesson's steps: `- key: value` and the keys after it indented by two.
                blockMapping(indent: indent + 2, depth: depth + 1, firstLinePrefix: pad + "- ")
            } else {
                value(after: pad + "-", indent: indent, depth: depth)
            }
        }
    }

    /// A value after `head` (`key:` or `-`): inline, a block scalar, or a nested collection on the next lines.
    private mutating func value(after head: String, indent: Int, depth: Int) {
        var head = head
        // Named once the value is written: an alias inside its own anchor's value is undefined.
        var anchor: String?
        if chance(8) {
            anchor = "n\(anchors.count)-\(int(0...99))"
            head += " &\(anchor!)"
        }
        defer { if let anchor { anchors.append(anchor) } }
        switch int(0...9) {
        case 0 where depth < 3:
            lines.append(head)
            blockMapping(indent: indent + 2, depth: depth + 1, firstLinePrefix: nil)
        case 1 where depth < 3:
            lines.append(head)
            blockSequence(indent: head.hasSuffix("-") ? indent + 2 : indent + (chance(2) ? 0 : 2), depth: depth + 1)
        case 2:
            blockScalar(after: head, indent: indent + 2)
        case 3:
            lines.append(head + " " + flow(depth: depth) + comment())
        case 4 where !anchors.isEmpty && !head.contains("&"):
            lines.append(head + " *" + anchors[int(0...(anchors.count - 1))] + comment())
        default:
            lines.append(head + " " + scalar() + comment())
        }
    }

    private mutating func flow(depth: Int) -> String {
        let items = (0..<int(0...3)).map { _ in depth < 3 && chance(4) ? flow(depth: depth + 1) : flowScalar() }
        if chance(2) { return "[" + items.joined(separator: ", ") + "]" }
        let keys = Self.keys.shuffled(using: &random).prefix(items.count)
        return "{" + zip(keys, items).map { keyText($0) + ": " + $1 }.joined(separator: ", ") + "}"
    }

    // MARK: Scalars

    private mutating func scalar() -> String {
        switch int(0...3) {
        case 0: return singleQuoted(Self.quotedTexts.randomElement(using: &random)!)
        case 1: return doubleQuoted(Self.quotedTexts.randomElement(using: &random)!)
        default: return Self.plainScalars.randomElement(using: &random)!
        }
    }

    /// A scalar safe inside `[…]` and `{…}`: plain ones there may not hold `,`, `[`, `]`, `{`, `}` or `#`.
    private mutating func flowScalar() -> String {
        let text = scalar()
        return text.contains(where: { ",[]{}#:".contains($0) }) && !"'\"".contains(text.first!)
            ? doubleQuoted(text) : text
    }

    private mutating func blockScalar(after head: String, indent: Int) {
        let indicator = ["|", "|-", "|+", ">", ">-"].randomElement(using: &random)!
        lines.append(head + " " + indicator + comment())
        let pad = String(repeating: " ", count: indent)
        for index in 0..<int(1...3) {
            if index > 0 && chance(4) { lines.append("") }
            lines.append(pad + Self.blockLines.randomElement(using: &random)!)
        }
    }

    private func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "''").replacing("\n", with: "\n\n") + "'"
    }

    private func doubleQuoted(_ text: String) -> String {
        let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            .replacing("\n", with: "\\n").replacing("\t", with: "\\t")
        return "\"" + escaped + "\""
    }

    private mutating func keyText(_ key: String) -> String {
        chance(5) ? singleQuoted(key) : key
    }

    private mutating func comment() -> String {
        chance(5) ? "  # note: [x] 'y'" : ""
    }

    // MARK: Randomness

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// True once in `odds` times.
    private mutating func chance(_ odds: Int) -> Bool { int(1...odds) == 1 }
}

/// Sebastiano Vigna's SplitMix64: a seed's documents are the same on every run and platform.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
