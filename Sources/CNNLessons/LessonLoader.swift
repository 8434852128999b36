import CNNCore
import CNNSafeText
import FoundationEssentials
import Glibc
import YAMLDocument

/// Reads lesson files. Every problem becomes a `LessonIssue` at the line and column it concerns;
/// nothing an author can write crashes the reader.
public enum LessonLoader {
    /// Lesson files are prose and small grids: anything larger is a mistake, refused before parsing.
    public static let maxFileBytes = 1_000_000

    /// Reads, parses, validates and plans a lesson (so a filter too big for its input is caught here).
    public static func load(file path: String) -> Result<Lesson, LessonIssues> {
        player(file: path).map(\.lesson)
    }

    /// The lesson of a file made steppable: read, parsed, validated and planned once.
    public static func player(file path: String) -> Result<LessonPlayer, LessonIssues> {
        text(file: path).flatMap { player(text: $0, file: path) }
    }

    /// Only the header of a file (id, order, title, summary), without reading its steps.
    public static func header(file path: String) -> Result<LessonHeader, LessonIssues> {
        if let prefix = headerPrefix(file: path),
           let (fields, reachedSteps) = HeaderScanner.scan(prefix, untilSteps: true),
           reachedSteps, fields.count == HeaderScanner.headerKeys.count {
            // All four header keys came before `steps:`; otherwise the whole file is scanned.
            return HeaderScanner.validate(fields, file: path)
        }
        return data(file: path).flatMap { data in
            text(data: data, file: path).flatMap { text in
                HeaderScanner.header(file: path, bytes: Array(text.utf8), text: text)
            }
        }
    }

    /// The first two kilobytes of a lesson file, up to the last whole line, when they are UTF-8 text with no NUL:
    /// where a lesson's header keys are (a header further down is found by the full read). Reading 8 KB cost a
    /// quarter of a listing's instructions. nil when the file cannot be read this way (the full read explains why).
    static func headerPrefix(file path: String) -> [UInt8]? {
        guard case .success(let bytes) = LessonFile.read(path, upTo: 2048),
              let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        let prefix = Array(bytes[...lastNewline])
        guard !prefix.contains(0), String(validating: prefix, as: UTF8.self) != nil else { return nil }
        return prefix
    }

    /// A file's text, refused when too large (before reading it), binary or not UTF-8.
    static func text(file path: String) -> Result<String, LessonIssues> {
        data(file: path).flatMap { text(data: $0, file: path) }
    }

    /// A regular file's bytes; anything else (a FIFO, a device, a directory, a dangling link) is refused with
    /// the reason, unread, and a file over `maxFileBytes` is refused before it is read.
    static func data(file path: String) -> Result<Data, LessonIssues> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let refused = { (refusal: LessonFile.Refusal) in
            LessonIssues([LessonIssue("cannot read the file: \(refusal.reason)", at: start)])
        }
        switch LessonFile.open(path) {
        case .failure(let refusal):
            return .failure(refused(refusal))
        case .success(let opened):
            defer { close(opened.descriptor) }
            guard opened.size <= maxFileBytes else {
                return .failure(LessonIssues([LessonIssue(
                    "file is \(opened.size) bytes; a lesson file may be at most \(maxFileBytes)", at: start)]))
            }
            // One byte past the limit: a file that grew since it was opened is refused by `text(data:file:)`.
            return LessonFile.read(opened, upTo: maxFileBytes + 1).map { Data($0) }.mapError(refused)
        }
    }

    static func text(data: Data, file: String) -> Result<String, LessonIssues> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard data.count <= maxFileBytes else {
            return .failure(LessonIssues([LessonIssue(
                "file is \(data.count) bytes; a lesson file may be at most \(maxFileBytes)", at: start)]))
        }
        // Over the raw bytes: Data's own iterator and Foundation's decoder cost more than the rest of a listing.
        let text: String? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard !bytes.contains(0) else { return nil }
            return String(validating: bytes, as: UTF8.self)
        }
        guard let text else {
            return .failure(LessonIssues([LessonIssue("not a text file (binary or not UTF-8)", at: start)]))
        }
        return .success(text)
    }

    public static func load(data: Data, file: String) -> Result<Lesson, LessonIssues> {
        text(data: data, file: file).flatMap { load(text: $0, file: file) }
    }

    public static func load(text: String, file: String) -> Result<Lesson, LessonIssues> {
        player(text: text, file: file).map(\.lesson)
    }

    static func player(text: String, file: String) -> Result<LessonPlayer, LessonIssues> {
        var reader = LessonReader(file: file, text: text)
        let lesson = reader.read()
        if let lesson, reader.issues.isEmpty, let player = try? LessonPlayer(lesson: lesson) {
            return .success(player)
        }
        // Something is wrong: every problem is reported, the steps that were read planned each on its own.
        let steps = Lesson(id: "", order: 0, title: "", summary: "", steps: reader.steps, file: file)
        let issues = reader.issues + LessonPlanning.issues(in: steps, unreadSteps: reader.unreadSteps)
        let sorted = issues.enumerated().sorted { first, second in
            let (a, b) = (first.element.location, second.element.location)
            return (a.line, a.column, first.offset) < (b.line, b.column, second.offset)
        }.map(\.element)
        return .failure(LessonIssues(sorted.isEmpty
            ? [LessonIssue("the lesson could not be read", at: SourceLocation(file: file, line: 1, column: 1))]
            : sorted))
    }
}

/// Several problems in one file.
public struct LessonIssues: Error, Sendable, CustomStringConvertible {
    public var issues: [LessonIssue]
    public init(_ issues: [LessonIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// One pass over one file's YAML tree, collecting every problem rather than stopping at the first.
struct LessonReader {
    let file: String
    let lines: [Substring]
    let text: String
    var issues: [LessonIssue] = []
    /// The steps read so far, also when the header has a problem (`read()` then returns nil).
    var steps: [LessonStep] = []
    /// 0-based steps read with a problem (among `issues`): they are not computed.
    var unreadSteps: Set<Int> = []
    /// Numbers parsed so far: YAML aliases can repeat one grid without end, so a file gets a budget.
    var parsedValues = 0
    static let maxValuesPerFile = 1_000_000
    /// YAML nodes a file may hold with its aliases expanded: as many as 1 MB could spell out without aliases
    /// (`[1,1,…]`, two bytes a node), so that nested aliases cannot make a walk over the tree unbounded.
    static let maxNodes = LessonLoader.maxFileBytes / 2

    init(file: String, text: String) {
        self.file = file
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    static let lessonKeys: Set<String> = ["id", "order", "title", "summary", "digits", "steps"]
    static let stepKeys: Set<String> = [
        "title", "say", "op", "input", "filter", "filters", "bias", "grad", "stride", "padding", "relu", "mode", "size",
        "gradient", "walk", "only", "shift", "expect", "quiz", "input_size", "filter_size", "kernel_size", "dilation",
        "output_padding", "form", "across", "group", "tiles", "groups", "weights", "label", "network", "learning_rate",
        "layer", "names", "shade",
    ]
    static let quizKeys: Set<String> = ["ask", "value", "at", "term", "mistakes", "hint", "explain", "choices", "cell"]

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark.line ?? 1, column: node?.mark.column ?? 1)
    }

    mutating func fail(_ message: String, _ node: Node?) {
        issues.append(LessonIssue(message, at: location(node)))
    }

    mutating func read() -> Lesson? {
        guard let (root, mapping) = parseRoot() else { return nil }
        let header = readHeader(mapping, root: root)
        if let stepsNode = mapping["steps"] {
            if let sequence = stepsNode.sequence, !sequence.isEmpty {
                for (index, node) in sequence.enumerated() {
                    let issuesBefore = issues.count
                    let step = readStep(node, number: index + 1)
                    // A step that is not a mapping still holds its place, so `from: N` counts as written.
                    steps.append(step ?? LessonStep(title: "", narration: [], location: location(node)))
                    // A step read with a problem is not computed: a default standing in for a bad field
                    // (`groups: two` read as 1) would only add a problem the author did not make.
                    if issues.count > issuesBefore { unreadSteps.insert(index) }
                }
            } else {
                fail("steps must be a non-empty list", stepsNode)
            }
        } else {
            fail("missing field 'steps'", root)
        }
        inheritNames()
        let digits = displayDigits(mapping)
        guard var lesson = header else { return nil }
        lesson.steps = steps
        lesson.displayDigits = digits
        return lesson
    }

    /// `digits: N`, 1 to 12 significant digits shown in the lesson's grids.
    mutating func displayDigits(_ mapping: Node.Mapping) -> Int? {
        guard let node = mapping["digits"] else { return nil }
        guard let digits = integer(node), (1...NumberFormat.significantDigits).contains(digits) else {
            fail("digits must be a whole number from 1 to \(NumberFormat.significantDigits)", node)
            return nil
        }
        return digits
    }

    /// The lesson's id, order, title and summary, with no steps: for files the header scanner cannot read.
    mutating func readHeaderOnly() -> Lesson? {
        guard let (root, mapping) = parseRoot() else { return nil }
        return readHeader(mapping, root: root)
    }

    mutating func parseRoot() -> (Node, Node.Mapping)? {
        if text.trimmingBlanksAndNewlines().isEmpty {
            fail("the file is empty", nil)
            return nil
        }
        let root: Node?
        do {
            // Every scalar is read by this reader itself, as text: no tag is resolved.
            root = try YAML.compose(yaml: text, maxNodes: Self.maxNodes)
        } catch {
            issues.append(yamlIssue(error))
            return nil
        }
        guard let root, let mapping = root.mapping else {
            fail("a lesson is a YAML mapping with id, title, summary and steps", root)
            return nil
        }
        return (root, mapping)
    }

    /// The header fields; nil when any of them has a problem, so that a listing never shows a header the full
    /// read refuses (an id against the rule, a bidi control in the title).
    mutating func readHeader(_ mapping: Node.Mapping, root: Node) -> Lesson? {
        checkKeys(mapping, allowed: Self.lessonKeys, what: "lesson")
        let issuesBefore = issues.count
        let id = requiredString(mapping, "id", in: root)
        if let id, let problem = LessonTextRules.idProblem(id) { fail(problem, mapping["id"]) }
        let title = requiredString(mapping, "title", in: root)
        let summary = optionalString(mapping, "summary") ?? ""
        requireVisible(title, field: "the title", mapping["title"])
        requireVisible(summary, field: "the summary", mapping["summary"])
        let order = mapping["order"].flatMap { integer($0) } ?? Int.max
        if let node = mapping["order"], integer(node) == nil { fail("order must be an integer", node) }
        guard issues.count == issuesBefore, let id, let title else { return nil }
        return Lesson(id: id, order: order, title: title, summary: summary, steps: [], file: file)
    }

    /// Refuses text a reader would not see as it is (`LessonTextRules.invisibleProblem`), at its node.
    mutating func requireVisible(_ text: String?, field: String, _ node: Node?) {
        if let text, let problem = LessonTextRules.invisibleProblem(text, field: field) { fail(problem, node) }
    }

    func yamlIssue(_ error: YAMLError) -> LessonIssue {
        let at = SourceLocation(file: file, line: error.problemMark.line, column: error.problemMark.column)
        switch error.kind {
        case .duplicateKey(let key):
            let key = key ?? "?"
            let first = error.problemMark
            let second = duplicateLine(of: key, after: first)
            let location = SourceLocation(file: file, line: second?.line ?? first.line,
                                          column: second?.column ?? first.column)
            return LessonIssue("duplicate key '\(key)' (first at line \(first.line))", at: location)
        case .tooManyNodes(let limit):
            return LessonIssue("with its aliases expanded, the lesson holds more than \(limit) YAML nodes; "
                               + "a lesson is meant to be read", at: at)
        case .reader, .scanner, .parser, .composer, .memory:
            return LessonIssue("not valid YAML: \(error.problem)" + (error.context.map { " \($0)" } ?? ""), at: at)
        }
    }

    /// Where a key appears again after its first occurrence at `first`, at the same indentation.
    func duplicateLine(of key: String, after first: Mark) -> (line: Int, column: Int)? {
        let indent = String(repeating: " ", count: max(first.column - 1, 0))
        for index in first.line..<lines.count {
            let line = lines[index]
            let rest = line.dropFirst(indent.count)
            if line.hasPrefix(indent), rest.hasPrefix(key + ":") || rest.hasPrefix("- " + key + ":") {
                let column = indent.count + (rest.hasPrefix("- ") ? 3 : 1)
                return (index + 1, column)
            }
        }
        return nil
    }

    mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, what: String) {
        for (key, _) in mapping {
            guard let name = key.string else {
                fail("keys must be words", key)
                continue
            }
            if !allowed.contains(name) {
                fail("unknown field '\(name)' in a \(what) (known: \(allowed.sorted().joined(separator: ", ")))", key)
            }
        }
    }

    mutating func requiredString(_ mapping: Node.Mapping, _ key: String, in parent: Node) -> String? {
        guard let node = mapping[key] else {
            fail("missing field '\(key)'", parent)
            return nil
        }
        guard let value = node.scalar?.string else {
            fail("'\(key)' must be text", node)
            return nil
        }
        return value.trimmingBlanksAndNewlines()
    }

    mutating func optionalString(_ mapping: Node.Mapping, _ key: String) -> String? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.scalar?.string else {
            fail("'\(key)' must be text", node)
            return nil
        }
        return value.trimmingBlanksAndNewlines()
    }

    func integer(_ node: Node) -> Int? {
        node.scalar.flatMap { TensorText.parseInteger($0.string.trimmingBlanks()) }
    }

    // MARK: Steps

    mutating func readStep(_ node: Node, number: Int) -> LessonStep? {
        guard let mapping = node.mapping else {
            fail("step \(number) must be a mapping (title, say, op, …)", node)
            return nil
        }
        checkKeys(mapping, allowed: Self.stepKeys, what: "step")
        let title = optionalString(mapping, "title")
        requireVisible(title, field: "step \(number)'s title", mapping["title"])
        let say = optionalString(mapping, "say") ?? ""
        var computation: Computation?
        if let opNode = mapping["op"] {
            computation = readComputation(mapping, opNode: opNode)
        } else {
            for key in ["input", "filter", "filters", "grad", "expect", "quiz"] where mapping[key] != nil {
                fail("'\(key)' needs an 'op' in the same step", mapping[key])
            }
            if say.isEmpty { fail("step \(number) has neither 'say' nor 'op'", node) }
        }
        let heading = title ?? computation.map { Self.defaultTitle($0.operation.name) } ?? "Step \(number)"
        var step = LessonStep(title: heading, narration: narration(mapping["say"]), computation: computation,
                              location: location(node))
        step.narrationLocation = mapping["say"].map { location($0) }
        return step
    }

    // MARK: Values

    mutating func numberList(_ node: Node) -> [Double]? {
        if let scalar = node.scalar {
            return try? TensorText.parseMatrix(scalar.string).values
        }
        guard let sequence = node.sequence else { return nil }
        var values: [Double] = []
        for item in sequence {
            guard let text = item.scalar?.string, let value = try? TensorText.parseNumber(text) else { return nil }
            values.append(value)
        }
        return values.isEmpty ? nil : values
    }

    func integerList(_ node: Node) -> [Int]? {
        guard let sequence = node.sequence else { return nil }
        let values = sequence.map { integer($0) }
        return values.allSatisfy { $0 != nil } ? values.map { $0! } : nil
    }

    func integerPair(_ node: Node) -> (Int, Int)? {
        guard let list = integerList(node), list.count == 2 else { return nil }
        return (list[0], list[1])
    }

    /// A grid written in a scalar: errors point at the row's line in the file.
    mutating func grid(_ node: Node, what: String) -> Tensor? {
        guard let scalar = node.scalar else {
            fail("\(what) must be a grid: rows on lines (or separated by ;), values separated by spaces", node)
            return nil
        }
        guard parsedValues <= Self.maxValuesPerFile else { return nil }
        do {
            let matrix = try TensorText.parseMatrix(scalar.string)
            parsedValues += matrix.count
            if parsedValues > Self.maxValuesPerFile {
                fail("the lesson holds more than \(Self.maxValuesPerFile) numbers; a lesson is meant to be read", node)
                return nil
            }
            return matrix
        } catch let error as CoreError {
            issues.append(LessonIssue("\(what): \(error)", at: gridLocation(node, scalar: scalar, error: error)))
        } catch {
            fail("\(what): \(error)", node)
        }
        return nil
    }

    /// The file position of a grid row named by a parse error: block scalars start on the line after the
    /// `|`; one-line grids keep every row on the node's line.
    func gridLocation(_ node: Node, scalar: Node.Scalar, error: CoreError) -> SourceLocation {
        let base = location(node)
        let row: Int
        switch error {
        case let .raggedRows(r, _, _): row = r
        case let .notANumber(_, r, _), let .numeralTooLong(_, _, _, r, _): row = r
        default: return base
        }
        guard scalar.style == .literal || scalar.style == .folded else { return base }
        // Rows count non-blank lines; find the row-th non-blank line of the block.
        var seen = 0
        var line = base.line
        while line < lines.count {
            let content = lines[line]
            if !content.trimmingBlanks().isEmpty {
                seen += 1
                if seen == row {
                    let indent = content.prefix { $0 == " " }.count
                    return SourceLocation(file: file, line: line + 1, column: indent + 1)
                }
            }
            line += 1
        }
        return base
    }

    /// A grid, or a list of grids (one per channel) for a volume.
    mutating func tensor(_ node: Node, key: String) -> Tensor? {
        let what = key == "grad" ? "the gradient" : "the \(key)"
        if node.scalar != nil { return grid(node, what: what) }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            fail("\(what) must be a grid or a list of grids", node)
            return nil
        }
        return stack(sequence.map { grid($0, what: what) }, nodes: Array(sequence), what: what)
    }

    /// Filters K×C×Kh×Kw: a list of filters, each a grid or a list of channel grids.
    mutating func filterBank(_ node: Node) -> Tensor? {
        guard let sequence = node.sequence, !sequence.isEmpty else {
            fail("filters must be a list of filters, each a grid or a list of channel grids", node)
            return nil
        }
        var filters: [Tensor?] = []
        for item in sequence {
            if item.scalar != nil {
                filters.append(grid(item, what: "a filter").map { $0.reshaped([1] + $0.shape) })
            } else if let channels = item.sequence, !channels.isEmpty {
                filters.append(stack(channels.map { grid($0, what: "a filter channel") }, nodes: Array(channels),
                                     what: "a filter"))
            } else {
                fail("each filter must be a grid or a list of channel grids", item)
                filters.append(nil)
            }
        }
        return stack(filters, nodes: Array(sequence), what: "the filters")
    }

    /// Same-shaped tensors stacked along a new leading axis.
    mutating func stack(_ parts: [Tensor?], nodes: [Node], what: String) -> Tensor? {
        guard parts.allSatisfy({ $0 != nil }) else { return nil }
        let tensors = parts.map { $0! }
        let shape = tensors[0].shape
        for (index, tensor) in tensors.enumerated() where tensor.shape != shape {
            fail("\(what): part \(index + 1) is \(Shape.describe(tensor.shape)) but part 1 is "
                 + "\(Shape.describe(shape))", nodes[index])
            return nil
        }
        guard shape.count < 4 else {
            fail("\(what) is nested too deeply", nodes[0])
            return nil
        }
        do {
            return try Tensor(shape: [tensors.count] + shape, values: tensors.flatMap(\.values))
        } catch {
            fail("\(what): \(error)", nodes[0])
            return nil
        }
    }

    /// `{pattern: edge | ramp, size: [H, W]}`: a synthetic image too big to type, such as the 320×280
    /// picture of the efficiency example. `edge` is 0 above the middle row and 9 below it (a horizontal
    /// edge); `ramp` is (row + 2·column) mod 10.
    mutating func pattern(_ mapping: Node.Mapping, node: Node) -> Tensor? {
        checkKeys(mapping, allowed: ["pattern", "size"], what: "pattern")
        guard let name = mapping["pattern"]?.scalar?.string, ["edge", "ramp"].contains(name) else {
            fail("pattern must be 'edge' or 'ramp'", mapping["pattern"])
            return nil
        }
        guard let sizeNode = mapping["size"], let (height,
                                                   width) = integerPair(sizeNode), height >= 1, width >= 1 else {
            fail("a pattern needs size: [H, W] with positive sides", mapping["size"] ?? node)
            return nil
        }
        let (count, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, count <= Self.maxValuesPerFile - parsedValues else {
            let room = Self.maxValuesPerFile - parsedValues
            let what = room < Self.maxValuesPerFile && !overflow && count <= Self.maxValuesPerFile
                ? "with the lesson's other numbers, a \(height)×\(width) pattern passes"
                : "a \(height)×\(width) pattern is larger than"
            fail("\(what) the \(Self.maxValuesPerFile) numbers a lesson may hold", sizeNode)
            return nil
        }
        parsedValues += count
        let values = (0..<count).map { index -> Double in
            let (row, column) = (index / width, index % width)
            return name == "edge" ? (row < height / 2 ? 0 : 9) : Double((row + 2 * column) % 10)
        }
        return try? Tensor(shape: [height, width], values: values)
    }

    /// `{from: previous | N, result: NAME, channel: C}` (`channel` optional, 1-based).
    mutating func resultReference(_ mapping: Node.Mapping, node: Node) -> ResultReference? {
        checkKeys(mapping, allowed: ["from", "result", "channel"], what: "reference")
        guard let from = mapping["from"]?.scalar?.string else {
            fail("a reference needs 'from: previous' or 'from: STEP' (a 1-based step number)", node)
            return nil
        }
        let step = from == "previous" ? nil : Int(from)
        guard from == "previous" || (step ?? 0) >= 1 else {
            fail("'from' must be 'previous' or a step number, not '\(from)'", mapping["from"])
            return nil
        }
        let result = mapping["result"]?.scalar?.string ?? "output"
        var channel: Int?
        if let node = mapping["channel"] {
            channel = integer(node).flatMap { $0 >= 1 ? $0 : nil }
            if channel == nil { fail("'channel' must be a channel number from 1", node) }
        }
        return ResultReference(step: step, result: result, channel: channel, location: location(node))
    }

    mutating func expectations(_ node: Node) -> [Expectation] {
        if let mapping = node.mapping {
            var result: [Expectation] = []
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                if let expectation = expectation(value, result: name) { result.append(expectation) }
            }
            return result
        }
        return expectation(node, result: nil).map { [$0] } ?? []
    }

    mutating func expectation(_ node: Node, result: String?) -> Expectation? {
        if let text = node.scalar?.string,
           let number = try? TensorText.parseNumber(text.trimmingBlanks()) {
            return Expectation(result: result, values: [number], shape: [], location: location(node))
        }
        guard let tensor = tensor(node, key: "expect") else { return nil }
        return Expectation(result: result, values: tensor.values, shape: tensor.shape, location: location(node))
    }

    mutating func quiz(_ node: Node) -> QuizSpec? {
        guard let mapping = node.mapping else {
            fail("quiz must be a mapping with ask, value and at", node)
            return nil
        }
        checkKeys(mapping, allowed: Self.quizKeys, what: "quiz")
        let question = requiredString(mapping, "ask", in: node)
        if question != nil { checkPlaceholders(mapping["ask"]) }
        let result = requiredString(mapping, "value", in: node)
        var position: [Int] = []
        if let at = mapping["at"] {
            if let list = integerList(at) { position = list } else { fail("at must be a 1-based position like [1, 2]",
                    at) }
        }
        var term: Int?
        if let termNode = mapping["term"] {
            if let value = integer(termNode), value >= 1 { term = value } else { fail("term must be a positive "
                    + "integer", termNode) }
        }
        guard let question, let result else { return nil }
        var spec = QuizSpec(question: question, result: result, position: position, term: term,
                            location: location(node))
        spec.mistakes = mapping["mistakes"].map { declaredMistakes($0) } ?? []
        readQuizKinds(mapping, into: &spec)
        return spec
    }
}
