/// Why a YAML text could not be composed into a document, and where.
public struct YAMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The text holds a character YAML refuses (a control character); LibYAML's reader.
        case reader
        /// A token could not be read (an unclosed quote, a tab where indentation is expected); LibYAML's scanner.
        case scanner
        /// The tokens do not make a document (a bad indentation, an unclosed `[`); LibYAML's parser.
        case parser
        /// The events do not make one document: an undefined alias, a second document.
        case composer
        /// A mapping holds a key twice: the key's text (nil for a collection key) and, as the mark, where it is
        /// first written.
        case duplicateKey(String?)
        /// Aliases would expand the document past its node limit; the mark is the alias that passes it.
        case tooManyNodes(limit: Int)
        /// LibYAML could not allocate memory.
        case memory
    }

    public var kind: Kind
    /// What is wrong, in LibYAML's words ("found unexpected end of stream").
    public var problem: String
    /// Where the problem is.
    public var problemMark: Mark
    /// What was being read when it happened ("while scanning a quoted scalar"), if LibYAML says.
    public var context: String?
    /// Where that reading started.
    public var contextMark: Mark?

    /// - Parameters:
    ///   - kind: which stage failed.
    ///   - problem: what is wrong.
    ///   - problemMark: where.
    ///   - context: what was being read, if known.
    ///   - contextMark: where that started, if known.
    public init(_ kind: Kind, problem: String, at problemMark: Mark, context: String? = nil,
                contextMark: Mark? = nil) {
        self.kind = kind
        self.problem = problem
        self.problemMark = problemMark
        self.context = context
        self.contextMark = contextMark
    }

    /// `line:column: problem context`, on one line.
    public var description: String {
        "\(problemMark): \(problem)" + (context.map { " \($0)" } ?? "")
    }
}
