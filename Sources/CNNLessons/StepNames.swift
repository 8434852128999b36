import CNNCore

/// What a step calls its grids (`names:`): per operand or result, a symbol (the letter of the formulas, the cell
/// symbols and the default title) and optionally a title. What a step does not name keeps the operation's own
/// name; a gradient's symbol always follows its base (∂L/∂Z when the output is Z), only its title can be given.
public struct StepNames: Sendable, Equatable {
    /// A symbol, and a title replacing the one made from it (nil: "Input A", "Max-pooled Q", …).
    public struct Name: Sendable, Equatable {
        public var symbol: String?
        public var title: String?

        public init(symbol: String?, title: String? = nil) {
            self.symbol = symbol
            self.title = title
        }
    }

    public let operation: Operation.Name
    /// The names the lesson gives, by key (`input`, `output`, `grad`, …).
    public var given: [String: Name]

    public init(operation: Operation.Name, given: [String: Name] = [:]) {
        self.operation = operation
        self.given = given
    }

    /// Each operation that takes `names:`, with the symbol of each grid it draws when the lesson names none.
    static let defaults: [Operation.Name: [String: String]] = [
        .conv: ["input": "X", "filter": "F", "output": "O"],
        .convBackward: ["input": "X", "filter": "F", "output": "O"],
        .pool: ["input": "X", "output": "P"],
        .poolBackward: ["input": "X", "output": "P"],
        .relu: ["input": "O", "output": "A"],
        .reluBackward: ["input": "O", "output": "A"],
    ]

    /// The gradients each operation draws, with the key whose symbol each follows.
    static let gradients: [Operation.Name: [String: String]] = [
        .convBackward: ["grad": "output", "grad_input": "input", "grad_weight": "filter"],
        .poolBackward: ["grad": "output", "grad_input": "input"],
        .reluBackward: ["grad": "output", "grad_input": "input"],
    ]

    /// The keys `names:` takes for `operation`, sorted; empty when the operation does not take `names:`.
    static func keys(of operation: Operation.Name) -> [String] {
        ((defaults[operation] ?? [:]).keys.map { $0 } + (gradients[operation] ?? [:]).keys).sorted()
    }

    /// The key naming the grid of `result` (a result or operand name of a step of `operation`); nil when no key
    /// does: a convolution with `relu: true` names its pre-activation `output`, while its result `output` is the
    /// activation A.
    static func key(ofResult result: String, in operation: Operation) -> String? {
        guard case .conv(let fields) = operation, fields.relu else { return result }
        switch result {
        case "pre_activation": return "output"
        case "output": return nil
        default: return result
        }
    }

    /// The symbol of the grid `key`: given, a gradient's made from its base ("∂L/∂" + symbol), or the default.
    /// - Precondition: `key` is one of `keys(of: operation)`.
    public func symbol(_ key: String) -> String {
        if let base = Self.gradients[operation]?[key] { return TensorNames.gradient(symbol(base)) }
        return given[key]?.symbol ?? Self.defaults[operation]?[key] ?? key
    }

    /// The title of the grid `key`: given, else `made` (the builder's title around the symbol).
    public func title(_ key: String, else made: String) -> String {
        given[key]?.title ?? made
    }

    /// The title of filter `k` (0-based): given, with the filter's number when `numbered` (the step has several
    /// filters), else `made`.
    func filterTitle(_ k: Int, numbered: Bool, else made: String) -> String {
        guard let title = given["filter"]?.title else { return made }
        return numbered ? "\(title) \(IndexBase.current.shown(k))" : title
    }

    /// The letters the core names its tensors by, for the operation's explanations.
    var tensorNames: TensorNames {
        let defaults = TensorNames()
        let has = Self.defaults[operation] ?? [:]
        return TensorNames(input: has["input"] == nil ? defaults.input : symbol("input"),
                           filter: has["filter"] == nil ? defaults.filter : symbol("filter"),
                           output: has["output"] == nil ? defaults.output : symbol("output"))
    }

    /// Every given name, "input A, output P (“Pooled maps”)", for an export's comment; empty when none is given.
    public var summary: String {
        given.keys.sorted().map { key in
            let name = given[key]!
            return ([key, name.symbol ?? symbol(key)] + (name.title.map { ["(\"\($0)\")"] } ?? []))
                .joined(separator: " ")
        }.joined(separator: ", ")
    }

    /// Why `symbol` cannot name a grid, nil when it can: short, visible, without spaces, and not ending in a
    /// digit (subscripts follow it: A1 with subscripts 1, 1 would read A111).
    static func symbolProblem(_ symbol: String) -> String? {
        if symbol.isEmpty { return "a symbol cannot be empty" }
        if symbol.count > maxSymbolLength {
            return "the symbol '\(symbol)' is \(symbol.count) characters; a symbol has at most \(maxSymbolLength)"
        }
        if let problem = LessonTextRules.invisibleProblem(symbol, field: "the symbol") { return problem }
        let isSpaceOrControl = { (scalar: Unicode.Scalar) in
            scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
        }
        if symbol.unicodeScalars.contains(where: isSpaceOrControl) {
            return "a symbol is one word: no spaces or control characters"
        }
        if symbol.last?.isNumber == true {
            return "the symbol '\(symbol)' ends in a digit, which its subscripts would run into (\(symbol)11)"
        }
        if symbol.hasPrefix("∂") { return "a gradient's symbol follows its base: name the base instead" }
        return nil
    }

    static let maxSymbolLength = 6
    static let maxTitleLength = 60
}
