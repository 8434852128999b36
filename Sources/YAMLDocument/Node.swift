/// Where a node starts in the YAML text: 1-based line and column, the column counted in Unicode scalars (a tab
/// and a `é` are one column each), as LibYAML reports it.
public struct Mark: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    /// - Parameters:
    ///   - line: the 1-based line.
    ///   - column: the 1-based column, in Unicode scalars.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One node of a composed YAML document: a scalar, a sequence or a mapping. An alias is the node its anchor
/// names (the same value, with that node's mark), so a reader never sees aliases.
///
/// Two nodes are equal, and hash alike, when they have the same kind, tag and content: YAML's key equality,
/// under which a mapping may not hold a key twice. Marks and styles are not compared.
public enum Node: Hashable, Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// The tags of untagged (or `!`-tagged) nodes, by kind: every scalar is text until the reader reads it.
    public static let stringTag = "tag:yaml.org,2002:str"
    public static let sequenceTag = "tag:yaml.org,2002:seq"
    public static let mappingTag = "tag:yaml.org,2002:map"

    public var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    public var mapping: Mapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    public var sequence: Sequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }

    /// A scalar's text; nil for a collection.
    public var string: String? { scalar?.string }

    /// Where the node starts: a scalar's first character (its quote or `|`), a collection's `[`, `{`, `-` or
    /// first key.
    public var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }

    /// The node's tag, resolved: `tag:yaml.org,2002:str`, `…:seq` or `…:map` unless the text names another.
    public var tag: String {
        switch self {
        case .scalar(let scalar): scalar.tag
        case .mapping(let mapping): mapping.tag
        case .sequence(let sequence): sequence.tag
        }
    }
}

extension Node {
    /// A scalar: its text as YAML reads it (quotes, escapes and block indentation removed), never converted.
    public struct Scalar: Hashable, Sendable {
        /// How the scalar is written.
        public enum Style: Sendable {
            case plain, singleQuoted, doubleQuoted
            /// `|`: lines kept.
            case literal
            /// `>`: lines folded into spaces.
            case folded
        }

        public var string: String
        public var style: Style
        public var tag: String
        public var mark: Mark

        /// - Parameters:
        ///   - string: the scalar's text.
        ///   - style: how it is written.
        ///   - tag: its resolved tag (`Node.stringTag` unless written otherwise).
        ///   - mark: where it starts.
        public init(_ string: String, style: Style, tag: String = Node.stringTag, mark: Mark) {
            self.string = string
            self.style = style
            self.tag = tag
            self.mark = mark
        }

        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.string == rhs.string && lhs.tag == rhs.tag }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(string)
            hasher.combine(tag)
        }
    }

    /// A sequence's items, in order.
    public struct Sequence: RandomAccessCollection, Hashable, Sendable {
        public var items: [Node]
        public var tag: String
        public var mark: Mark

        /// - Parameters:
        ///   - items: the items in order.
        ///   - tag: its resolved tag (`Node.sequenceTag` unless written otherwise).
        ///   - mark: where it starts.
        public init(_ items: [Node], tag: String = Node.sequenceTag, mark: Mark) {
            self.items = items
            self.tag = tag
            self.mark = mark
        }

        public var startIndex: Int { items.startIndex }
        public var endIndex: Int { items.endIndex }
        public subscript(position: Int) -> Node { items[position] }

        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.tag == rhs.tag && lhs.items == rhs.items }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(tag)
            hasher.combine(items)
        }
    }

    /// A mapping's key/value pairs in the order written; its keys are distinct nodes (`compose` refuses a
    /// duplicate).
    public struct Mapping: RandomAccessCollection, Hashable, Sendable {
        public typealias Element = (key: Node, value: Node)

        public var pairs: [Element]
        public var tag: String
        public var mark: Mark

        /// - Parameters:
        ///   - pairs: the key/value pairs in order.
        ///   - tag: its resolved tag (`Node.mappingTag` unless written otherwise).
        ///   - mark: where it starts.
        public init(_ pairs: [Element], tag: String = Node.mappingTag, mark: Mark) {
            self.pairs = pairs
            self.tag = tag
            self.mark = mark
        }

        public var startIndex: Int { pairs.startIndex }
        public var endIndex: Int { pairs.endIndex }
        public subscript(position: Int) -> Element { pairs[position] }

        /// The value of the plain-text key `key` (a scalar tagged as text, however quoted); nil when there is none.
        public subscript(key: String) -> Node? {
            pairs.first { $0.key.scalar.map { $0.string == key && $0.tag == Node.stringTag } ?? false }?.value
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.tag == rhs.tag && lhs.pairs.count == rhs.pairs.count
                && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(tag)
            for (key, value) in pairs {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }
}
