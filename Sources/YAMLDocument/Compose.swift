internal import CLibYAML

/// Composing YAML text into one document's node tree with LibYAML's parser.
public enum YAML {
    /// The single document of a YAML text, composed into a node tree; nil when the text holds no document
    /// (nothing but comments and blank lines).
    ///
    /// Reads YAML 1.1 as LibYAML does, without resolving scalars: every untagged scalar is text. Aliases are
    /// resolved to the node their anchor names; a duplicate key in a mapping is an error.
    ///
    /// - Parameters:
    ///   - yaml: the text, read as UTF-8 (a byte-order mark is not skipped: LibYAML reads it as a character).
    ///   - maxNodes: how many nodes the document may hold with every alias expanded (an alias of a grid of 10
    ///     numbers counts 11): a bound on the work of whoever walks the tree, which billions of nodes named by
    ///     nested aliases would otherwise make unbounded. Precondition: positive.
    /// - Throws: `YAMLError` at the first problem, as LibYAML finds it; a second document is a `.composer`
    ///   error at its start.
    public static func compose(yaml: String, maxNodes: Int = 1_000_000) throws(YAMLError) -> Node? {
        precondition(maxNodes > 0, "maxNodes must be positive")
        var text = yaml
        let document = text.withUTF8 { bytes -> Result<Node?, YAMLError> in
            guard bytes.count > 0 else { return .success(nil) }
            return Result { () throws(YAMLError) in
                var composer = try Composer(bytes: bytes, maxNodes: maxNodes)
                defer { composer.close() }
                return try composer.singleDocument()
            }
        }
        return try document.get()
    }
}

/// LibYAML's parser over a text and the events it yields, composed into nodes without recursion (LibYAML limits
/// nesting to 1000 levels; an explicit stack keeps that off the thread's stack).
struct Composer {
    /// A collection whose end event has not come yet.
    private struct Open {
        var isMapping: Bool
        var tag: String
        var mark: Mark
        var anchor: String?
        /// `nodeCount` before the collection's start: what the collection holds, expanded, is the difference.
        var nodesBefore: Int
        var items: [Node] = []
        var pairs: [Node.Mapping.Element] = []
        /// A mapping's key whose value has not come yet.
        var key: Node?

        /// Adds `node` as the sequence's next item, or as the mapping's next key or its pending key's value.
        mutating func add(_ node: Node) {
            if !isMapping {
                items.append(node)
            } else if let key {
                pairs.append((key, node))
                self.key = nil
            } else {
                key = node
            }
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxNodes: Int
    private var parser: UnsafeMutablePointer<yaml_parser_t>
    /// Each anchor's latest node and how many nodes it holds, expanded (an alias adds that many).
    private var anchors: [String: (node: Node, count: Int)] = [:]
    /// Nodes composed so far, every alias expanded.
    private var nodeCount = 0

    /// - Precondition: `bytes` is not empty and outlives the composer, which is closed after use.
    init(bytes: UnsafeBufferPointer<UInt8>, maxNodes: Int) throws(YAMLError) {
        self.bytes = bytes
        self.maxNodes = maxNodes
        parser = .allocate(capacity: 1)
        guard CLibYAML_yaml_parser_initialize(parser) == 1 else {  // out of memory; LibYAML freed what it had
            parser.deallocate()
            throw YAMLError(.memory, problem: "out of memory", at: Mark(line: 1, column: 1))
        }
        // As Yams sets it: the text is UTF-8, so LibYAML does not look for a byte-order mark.
        CLibYAML_yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        CLibYAML_yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    mutating func close() {
        CLibYAML_yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The stream's one document, or nil for an empty stream; a second document is an error at its start.
    mutating func singleDocument() throws(YAMLError) -> Node? {
        try skipEvent()  // the stream's start
        guard try nextEvent(then: { $0.type }) != YAML_STREAM_END_EVENT else { return nil }  // a document's start
        let root = try composeNode()
        try skipEvent()  // the document's end
        let (type, mark) = try nextEvent { ($0.type, Self.mark($0.start_mark)) }
        guard type == YAML_STREAM_END_EVENT else {
            throw YAMLError(.composer, problem: "but found another document", at: mark,
                            context: "expected a single document in the stream", contextMark: Mark(line: 1, column: 1))
        }
        return root
    }

    /// What `body` reads of the next event, before LibYAML frees it.
    private func nextEvent<T>(then body: (yaml_event_t) -> T) throws(YAMLError) -> T {
        var event = yaml_event_t()
        guard CLibYAML_yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
        defer { CLibYAML_yaml_event_delete(&event) }
        return body(event)
    }

    private func skipEvent() throws(YAMLError) {
        try nextEvent { _ in () }
    }

    /// One node from the next events: a scalar, an alias, or a collection up to its end event.
    private mutating func composeNode() throws(YAMLError) -> Node {
        var open: [Open] = []
        while true {
            var event = yaml_event_t()
            guard CLibYAML_yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
            defer { CLibYAML_yaml_event_delete(&event) }
            guard let node = try step(event, open: &open) else { continue }
            if open.isEmpty { return node }
            open[open.count - 1].add(node)
        }
    }

    /// What one event does: a scalar or alias is a completed node; a start event opens a collection (nil); an
    /// end event completes the innermost one.
    private mutating func step(_ event: yaml_event_t, open: inout [Open]) throws(YAMLError) -> Node? {
        let mark = Self.mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let tag = data.quoted_implicit == 1 ? Node.stringTag : Self.resolved(data.tag, default: Node.stringTag)
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let node = Node.scalar(.init(text, style: Self.style(data.style), tag: tag, mark: mark))
            try count(1, at: mark)
            register(Self.string(data.anchor), node: node, count: 1)
            return node
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let (node, count) = anchors[name] else {
                throw YAMLError(.composer, problem: "found undefined alias", at: mark)
            }
            try self.count(count, at: mark)
            return node
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let (tag, implicit, anchor) = isMapping
                ? (event.data.mapping_start.tag, event.data.mapping_start.implicit, event.data.mapping_start.anchor)
                : (event.data.sequence_start.tag, event.data.sequence_start.implicit,
                   event.data.sequence_start.anchor)
            try count(1, at: mark)
            open.append(Open(isMapping: isMapping,
                             tag: Self.resolved(implicit != 0 ? nil : tag,
                                                default: isMapping ? Node.mappingTag : Node.sequenceTag),
                             mark: mark, anchor: Self.string(anchor), nodesBefore: nodeCount - 1))
            return nil
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let collection = open.popLast() else { throw Self.unexpected(event, at: mark) }
            return try close(collection)
        default:  // LibYAML yields no other event inside a document
            throw Self.unexpected(event, at: mark)
        }
    }

    /// The node an end event completes, its anchor registered.
    private mutating func close(_ collection: Open) throws(YAMLError) -> Node {
        let node: Node
        if collection.isMapping {
            try Self.checkDuplicates(collection.pairs.map(\.key))
            node = .mapping(.init(collection.pairs, tag: collection.tag, mark: collection.mark))
        } else {
            node = .sequence(.init(collection.items, tag: collection.tag, mark: collection.mark))
        }
        register(collection.anchor, node: node, count: nodeCount - collection.nodesBefore)
        return node
    }

    /// Adds `nodes` to the document's expanded size, refusing it past `maxNodes`.
    private mutating func count(_ nodes: Int, at mark: Mark) throws(YAMLError) {
        nodeCount += nodes
        guard nodeCount <= maxNodes else {
            throw YAMLError(.tooManyNodes(limit: maxNodes),
                            problem: "with its aliases expanded, the document holds more than \(maxNodes) nodes",
                            at: mark)
        }
    }

    private mutating func register(_ anchor: String?, node: Node, count: Int) {
        if let anchor { anchors[anchor] = (node, count) }
    }
}

extension Composer {
    /// An event out of place, which LibYAML's parser does not yield: an error rather than a trap, should it.
    static func unexpected(_ event: yaml_event_t, at mark: Mark) -> YAMLError {
        YAMLError(.composer, problem: "found an unexpected event (\(event.type.rawValue))", at: mark)
    }

    /// LibYAML's 0-based mark made 1-based, as Yams makes it.
    static func mark(_ mark: yaml_mark_t) -> Mark {
        Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// A tag as Yams resolves it without rules: none, or the non-specific `!`, is the kind's default.
    static func resolved(_ tag: UnsafeMutablePointer<yaml_char_t>?, default defaultTag: String) -> String {
        guard let name = string(tag), name != "!" else { return defaultTag }
        return name
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func style(_ style: yaml_scalar_style_t) -> Node.Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// The parser's error. A reader error has no mark, only a byte offset: its line and column are counted here.
    func parserError() -> YAMLError {
        let state = parser.pointee
        let problem = Self.string(state.problem) ?? "unknown problem"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(.memory, problem: "out of memory", at: Mark(line: 1, column: 1))
        case YAML_READER_ERROR:
            return YAMLError(.reader, problem: problem, at: mark(atByte: state.problem_offset))
        default:
            let kind: YAMLError.Kind = state.error == YAML_SCANNER_ERROR ? .scanner
                : state.error == YAML_PARSER_ERROR ? .parser : .composer
            return YAMLError(kind, problem: problem, at: Self.mark(state.problem_mark),
                             context: Self.string(state.context),
                             contextMark: state.context == nil ? nil : Self.mark(state.context_mark))
        }
    }

    /// The line and column of a byte of the text (the column in Unicode scalars).
    func mark(atByte offset: Int) -> Mark {
        let before = bytes.prefix(min(offset, bytes.count))
        let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        // Every scalar has one leading byte, which is not a continuation byte (10xxxxxx).
        let column = before[lineStart...].count { $0 & 0xC0 != 0x80 } + 1
        return Mark(line: line, column: column)
    }

    /// A mapping's keys must differ; among repeated keys Yams names the least (as it sorts them), at its first
    /// occurrence.
    static func checkDuplicates(_ keys: [Node]) throws(YAMLError) {
        guard keys.count > 1 else { return }
        var firstIndex: [Node: Int] = [:]
        var repeated: [Node] = []
        for (index, key) in keys.enumerated() {
            if let first = firstIndex[key] {
                if !repeated.contains(keys[first]) { repeated.append(keys[first]) }
            } else {
                firstIndex[key] = index
            }
        }
        guard let key = repeated.min(by: precedes) else { return }
        throw YAMLError(.duplicateKey(key.string), problem: "found a duplicate key", at: key.mark)
    }

    /// Yams' order of nodes: scalars by text, collections item by item (a mapping by its keys); nodes of two
    /// kinds are unordered.
    static func precedes(_ lhs: Node, _ rhs: Node) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let lhs), .scalar(let rhs)):
            return lhs.string < rhs.string
        case (.sequence(let lhs), .sequence(let rhs)):
            return lexicographicallyPrecedes(Array(lhs), Array(rhs))
        case (.mapping(let lhs), .mapping(let rhs)):
            return lexicographicallyPrecedes(lhs.map(\.key), rhs.map(\.key))
        default:
            return false
        }
    }

    private static func lexicographicallyPrecedes(_ lhs: [Node], _ rhs: [Node]) -> Bool {
        for (left, right) in zip(lhs, rhs) {
            if precedes(left, right) { return true }
            if precedes(right, left) { return false }
        }
        return lhs.count < rhs.count
    }
}
