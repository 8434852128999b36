import CNNCore
import YAMLDocument

/// Reading `names:`: each grid's symbol and title, checked against the operation's grids and each other.
extension LessonReader {
    /// `text` without leading and trailing spaces and tabs (what Foundation's `.whitespaces` holds).
    static func trimmingSpaces<Text: StringProtocol>(_ text: Text) -> String {
        let isSpace = { (character: Character) in
            character.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    /// `names: {output: Z, input: {symbol: A, title: "Activation A"}}` for a step of `operation`.
    /// - Returns: the names given by key; the keys with a problem are left out (the problem recorded).
    mutating func readNames(_ node: Node, operation: Operation.Name) -> [String: StepNames.Name] {
        let keys = StepNames.keys(of: operation)
        guard !keys.isEmpty else {
            let takers = StepNames.defaults.keys.map(\.rawValue).sorted().joined(separator: ", ")
            fail("'names' does not apply to op '\(operation.rawValue)' (it does to: \(takers))", node)
            return [:]
        }
        guard let mapping = node.mapping else {
            fail("names must be a mapping of grids to symbols, like {output: Z, input: A}", node)
            return [:]
        }
        var given: [String: StepNames.Name] = [:]
        var nodes: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, keys.contains(key) else {
                fail("op '\(operation.rawValue)' names these grids: \(keys.joined(separator: ", "))", keyNode)
                continue
            }
            let isGradient = StepNames.gradients[operation]?[key] != nil
            if let name = readName(value, key: key, isGradient: isGradient) { (given[key], nodes[key]) = (name, value) }
        }
        checkDistinct(StepNames(operation: operation, given: given), nodes: nodes, at: node)
        return given
    }

    /// One grid's name: a bare symbol, or `{symbol: …, title: …}` (a gradient takes only a title).
    mutating func readName(_ node: Node, key: String, isGradient: Bool) -> StepNames.Name? {
        if let text = node.scalar?.string {
            guard !isGradient else {
                fail("the symbol of '\(key)' follows from its base (∂L/∂ and the base's symbol); give it a title "
                     + "with {title: …}, or name the base", node)
                return nil
            }
            return readSymbol(text, node).map { StepNames.Name(symbol: $0) }
        }
        guard let mapping = node.mapping else {
            fail("'\(key)' must be a symbol, or {symbol: …, title: …}", node)
            return nil
        }
        checkKeys(mapping, allowed: isGradient ? ["title"] : ["symbol", "title"], what: "name")
        var symbol: String?, title: String?
        for field in ["symbol", "title"] {
            guard let node = mapping[field] else { continue }
            guard let text = node.scalar?.string else {
                fail("'\(field)' must be text", node)
                continue
            }
            if field == "symbol" { symbol = readSymbol(text, node) } else { title = readTitle(text, node) }
        }
        guard symbol != nil || title != nil else {
            if mapping["symbol"] == nil && mapping["title"] == nil { fail("'\(key)' needs a symbol or a title", node) }
            return nil
        }
        return StepNames.Name(symbol: symbol, title: title)
    }

    mutating func readSymbol(_ text: String, _ node: Node) -> String? {
        let symbol = Self.trimmingSpaces(text)
        if let problem = StepNames.symbolProblem(symbol) {
            fail(problem, node)
            return nil
        }
        return symbol
    }

    mutating func readTitle(_ text: String, _ node: Node) -> String? {
        let title = Self.trimmingSpaces(text)
        let isControl = { (scalar: Unicode.Scalar) in scalar.properties.generalCategory == .control }
        if title.isEmpty || title.contains(where: \.isNewline) || title.unicodeScalars.contains(where: isControl) {
            fail("a title is one line of text, without control characters", node)
            return nil
        }
        if title.count > StepNames.maxTitleLength {
            fail("the title is \(title.count) characters; a grid's title has at most \(StepNames.maxTitleLength)",
                 node)
            return nil
        }
        if let problem = LessonTextRules.invisibleProblem(title, field: "the title") {
            fail(problem, node)
            return nil
        }
        return title
    }

    /// Two grids of one step under one symbol would make every formula ambiguous (X11 of which?).
    mutating func checkDistinct(_ names: StepNames, nodes: [String: Node], at node: Node) {
        var owner: [String: String] = [:]
        for key in (StepNames.defaults[names.operation] ?? [:]).keys.sorted() {
            let symbol = names.symbol(key)
            if let other = owner[symbol] {
                let named = nodes[key] != nil ? key : other
                fail("'\(other)' and '\(key)' would both be \(symbol): give them different symbols",
                     nodes[named] ?? node)
            }
            owner[symbol] = key
        }
    }

    /// A step taking an earlier step's result keeps the name that step gave it (`input: {from: 2}` of a result
    /// named Z is Z here too), unless this step names the operand itself or the name would clash.
    mutating func inheritNames() {
        for number in steps.indices {
            guard var computation = steps[number].computation else { continue }
            for (operand, reference) in computation.references where computation.givenNames[operand.rawValue] == nil {
                let source = reference.step.map { $0 - 1 }
                    ?? (0..<number).last { steps[$0].computation != nil }
                guard let source, source < number, let from = steps[source].computation,
                      let key = StepNames.key(ofResult: reference.result, in: from.operation),
                      let symbol = from.givenNames[key]?.symbol,
                      StepNames.defaults[computation.operation.name]?[operand.rawValue] != nil else { continue }
                var names = computation.names
                names.given[operand.rawValue] = StepNames.Name(symbol: symbol)
                let symbols = (StepNames.defaults[names.operation] ?? [:]).keys.map { names.symbol($0) }
                if Set(symbols).count == symbols.count { computation.givenNames = names.given }
            }
            steps[number].computation = computation
        }
    }
}
