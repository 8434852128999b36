import CNNCore

/// Where the playground's cursor is: on the output (the gather view), the input (the scatter view) or the filter.
public enum PlaygroundFocus: Equatable, Sendable {
    case output, input, filter

    var next: PlaygroundFocus {
        switch self {
        case .output: .input
        case .input: .filter
        case .filter: .output
        }
    }
}

/// A cell of a plane: row and column.
public struct PlaygroundCursor: Equatable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int = 0, column: Int = 0) {
        self.row = row
        self.column = column
    }
}

/// What the panel under the grids explains, computed by the core after every key.
public enum PlaygroundDetail: Sendable {
    case none
    /// Gather: the output under the cursor, term by term.
    case gather(Explanation)
    /// Scatter through a convolution: ∂L/∂X at the cursor by both routes.
    case scatter(InputGradientRoutes)
    /// Scatter through a pooling layer: ∂L/∂X term by term, and the backward pass's value.
    case poolingScatter(Explanation, backward: Double)
    /// Scatter through a transposed convolution: the input value under the cursor times each filter weight,
    /// added to the output cells its filter copies reach (none when they all fall in the cropped padding).
    case transposedScatter([ScatterContribution])
    /// The filter weight under the cursor, as given.
    case weight(Double)
}

/// The playground as a value: `update(_:)` applies a key and says what the driver must do; `PlaygroundView`
/// draws it. Every number in it comes from `PlaygroundCore`.
public struct PlaygroundState: Sendable {
    public var options: TutorOptions
    public var width: Int
    public var height: Int
    public private(set) var settings: PlaygroundSettings
    /// C×H×W.
    public private(set) var input: Tensor
    /// K×C×F×F.
    public private(set) var filter: Tensor
    public private(set) var computation: PlaygroundComputation
    public private(set) var detail: PlaygroundDetail = .none
    public private(set) var focus: PlaygroundFocus = .output
    public private(set) var outputCursor = PlaygroundCursor()
    public private(set) var inputCursor = PlaygroundCursor()
    public private(set) var filterCursor = PlaygroundCursor()
    /// The input channel shown (and the filter's channel).
    public private(set) var channel = 0
    /// The filter shown, and the output plane (for pooling, the output channel).
    public private(set) var plane = 0
    /// The number being typed after `e`; nil when not editing.
    public private(set) var editBuffer: String?
    public private(set) var showingHelp = false
    /// The digit pad (`n`): while it is open, every key is its own until it is left (q, Esc).
    public private(set) var digitPad: DigitPadState?
    /// A one-shot line for the status bar, gone at the next key.
    public var message: String?
    var random: PlaygroundRandom
    /// How many times the core has computed for this playground: each layer and each explanation under the
    /// cursor counts one. A key that changes nothing (a setting already at its bound) leaves it as it was.
    public private(set) var computationCount = 0
    /// Counts the layers computed, so that `detailSource` can tell one layer from the next.
    private var layerGeneration = 0
    /// What `detail` was computed from: the same cursor on the same layer has the same explanation.
    private var detailSource: DetailSource?

    /// The tutor's: `p` opens the playground wherever the lesson plays.
    public static let minimumWidth = TutorState.minimumWidth
    public static let minimumHeight = TutorState.minimumHeight

    /// A playground with random small integers (seeded, so the same seed gives the same numbers). Throws the
    /// core's refusal, or a `PlaygroundRefusal` for a setting outside the playground's bounds.
    public init(settings: PlaygroundSettings = PlaygroundSettings(), seed: UInt64 = 1,
                options: TutorOptions = TutorOptions(),
                width: Int = 100, height: Int = 30) throws {
        if let problem = settings.problem() { throw PlaygroundRefusal(message: problem) }
        let random = PlaygroundRandom(seed: seed)
        let input = random.tensor(.input, shape: settings.inputShape, spread: 3)
        let filter = random.tensor(.filter, shape: settings.filterShape, spread: 2)
        try self.init(settings: settings, input: input, filter: filter, random: random, options: options,
                      width: width, height: height)
    }

    /// A playground starting from a lesson's numbers: `input` H×W or C×H×W and `filter` F×F, C×F×F or K×C×F×F
    /// (square; a transposed convolution's K filters are its output channels); or a 1-D signal `input` of W values
    /// (or one row of them) and a `filter` of F.
    public init(input: Tensor, filter: Tensor, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
                outputPadding: Int = 0, operation: PlaygroundOperation = .crossCorrelation, seed: UInt64 = 1,
                options: TutorOptions = TutorOptions(), width: Int = 100, height: Int = 30) throws {
        let (input3, filter4, isSignal) = try Self.playgroundShapes(input: input, filter: filter)
        let settings = PlaygroundSettings(inputHeight: input3.shape[1], inputWidth: input3.shape[2],
                                          channels: input3.shape[0], filters: filter4.shape[0],
                                          filterSize: filter4.shape[3], stride: stride, padding: padding,
                                          dilation: dilation, outputPadding: outputPadding, operation: operation,
                                          isSignal: isSignal)
        if let problem = settings.problem() { throw PlaygroundRefusal(message: problem) }
        guard filter4.shape[1] == input3.shape[0] else {
            throw CoreError.channelMismatch(inputChannels: input3.shape[0], filterChannels: filter4.shape[1])
        }
        try self.init(settings: settings, input: input3, filter: filter4, random: PlaygroundRandom(seed: seed),
                      options: options, width: width, height: height)
    }

    /// A lesson's tensors as the playground keeps them, C×H×W and K×C×F×F, and whether they are a 1-D signal: a list
    /// of values, or one row of them with a one-row filter (as a lesson may write x and w). Throws what the
    /// playground cannot show: a batch, a filter that is not square.
    static func playgroundShapes(input: Tensor, filter: Tensor) throws -> (input: Tensor, filter: Tensor,
                                                                           isSignal: Bool) {
        let oneRow = input.rank == 2 && input.shape[0] == 1 && filter.rank == 2 && filter.shape[0] == 1
        if input.rank == 1 || oneRow {
            guard filter.rank == input.rank else {
                throw PlaygroundRefusal(message: "a 1-D signal here takes a 1-D filter, not "
                                        + Shape.describe(filter.shape))
            }
            return (input.reshaped([1, 1, input.count]), filter.reshaped([1, 1, 1, filter.count]), true)
        }
        guard input.rank <= 3 else {
            throw PlaygroundRefusal(message: "the playground takes one input, not a batch of \(input.shape[0])")
        }
        let input3 = input.reshaped(Array(repeating: 1, count: 3 - input.rank) + input.shape)
        let filter4 = filter.reshaped(Array(repeating: 1, count: 4 - filter.rank) + filter.shape)
        guard filter4.shape[2] == filter4.shape[3] else {
            throw PlaygroundRefusal(message: "the playground's filters are square; this one is "
                                    + "\(filter4.shape[2])×\(filter4.shape[3])")
        }
        return (input3, filter4, false)
    }

    /// A playground starting from a pooling step's numbers: `input` H×W or C×H×W and an F×F window, or a 1-D
    /// signal and a window of F.
    public init(input: Tensor, windowSize: Int, stride: Int, padding: Int, operation: PlaygroundOperation,
                seed: UInt64 = 1, options: TutorOptions = TutorOptions(), width: Int = 100, height: Int = 30) throws {
        // Pooling has no filter: one is drawn at random, for when the student picks a convolution.
        let shape = input.rank == 1 ? [windowSize]
            : [1, input.rank == 3 ? input.shape[0] : 1, windowSize, windowSize]
        let filter = PlaygroundRandom(seed: seed).tensor(.filter, shape: shape, spread: 2)
        try self.init(input: input, filter: filter, stride: stride, padding: padding, operation: operation, seed: seed,
                      options: options, width: width, height: height)
    }

    private init(settings: PlaygroundSettings, input: Tensor, filter: Tensor, random: PlaygroundRandom,
                 options: TutorOptions, width: Int, height: Int) throws {
        self.settings = settings
        self.input = input
        self.filter = filter
        self.random = random
        self.options = options
        self.width = width
        self.height = height
        computation = try Self.compute(settings, input: input, filter: filter, random: random)
        countLayer()
        refreshDetail()
    }

    // MARK: Derived

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Output planes: the filters, or for pooling the channels.
    public var planeCount: Int { settings.operation.isPooling ? settings.channels : settings.filters }

    // MARK: Update

    /// Applies a key; returns what the driver must do.
    @discardableResult
    public mutating func update(_ key: Key) -> PlaygroundEffect {
        if case .resize(let newWidth, let newHeight) = key {
            width = newWidth
            height = newHeight
            return .none
        }
        message = nil
        if digitPad != nil {
            updateDigitPad(key)
            return .none
        }
        if isTooSmall { return key == .character("q") ? .quit : .none }
        if showingHelp {
            showingHelp = false
            return .none
        }
        if let buffer = editBuffer {
            updateEdit(key, buffer: buffer)
            return .none
        }
        guard let action = PlaygroundKeymap.action(for: key) else { return .none }
        return perform(action)
    }

    @discardableResult
    public mutating func update(_ keys: [Key]) -> PlaygroundEffect {
        for key in keys where update(key) == .quit { return .quit }
        return .none
    }

    private mutating func perform(_ action: PlaygroundAction) -> PlaygroundEffect {
        switch action {
        case .increase(let parameter): change(parameter, by: 1)
        case .decrease(let parameter): change(parameter, by: -1)
        case .cycleOperation: cycleOperation()
        case .switchFocus: focus = focus.next == .filter && settings.operation.isPooling ? .output : focus.next
        case .move(let rows, let columns): move(rows: rows, columns: columns)
        case .plane(let step): changePlane(by: step)
        case .edit: startEdit()
        case .randomize: randomize()
        case .zoom(let step):
            options.zoom = Zoom.steps(options.zoom, by: step, fits: options.present)
            message = Zoom(steps: options.zoom, fits: options.present, width: width, height: height).description
        case .help: showingHelp = true
        case .digits: digitPad = DigitPadState(options: options, width: width, height: height)
        case .quit: return .quit
        }
        refreshDetail()
        return .none
    }

    /// A key for the open digit pad; leaving it comes back to the playground as it was.
    private mutating func updateDigitPad(_ key: Key) {
        if case .resize(let newWidth, let newHeight) = key { (width, height) = (newWidth, newHeight) }
        if digitPad?.update(key) == .quit {
            digitPad = nil
            message = "back from the digit pad"
        }
    }

    private mutating func change(_ parameter: PlaygroundParameter, by delta: Int) {
        guard parameter != .outputPadding || settings.operation == .transposed else {
            message = "output padding belongs to transposed convolution: o picks it"
            return
        }
        guard !settings.isSignal || !PlaygroundSettings.signalFixed.contains(parameter) else {
            message = "this is a 1-D signal, from the lesson: one row, one channel, one filter"
            return
        }
        var candidate = settings
        candidate[parameter] += delta
        guard parameter.range.contains(candidate[parameter]) else {
            let bound = delta > 0 ? "largest" : "smallest"
            message = "\(parameter.rawValue) is at its \(bound) here (\(settings[parameter]))"
            return
        }
        if let refusal = apply(candidate) {
            message = "no output with \(parameter.rawValue) \(candidate[parameter]): \(refusal);"
                + " kept \(settings[parameter])"
        }
    }

    /// Tries the next operations in turn, naming any that has no output with these numbers.
    private mutating func cycleOperation() {
        var candidate = settings
        var skipped: [String] = []
        repeat {
            candidate.operation = candidate.operation.next
            guard let refusal = apply(candidate) else { break }
            skipped.append("\(candidate.operation.rawValue) (\(refusal))")
        } while candidate.operation != settings.operation
        if !skipped.isEmpty { message = "skipped " + skipped.joined(separator: ", ") }
    }

    /// Recomputes with `candidate`; keeps the current setting and returns the core's refusal when it has no output.
    private mutating func apply(_ candidate: PlaygroundSettings, input newInput: Tensor? = nil,
                                filter newFilter: Tensor? = nil, keepingGradient: Bool = true) -> String? {
        let input = newInput ?? random.tensor(.input, shape: candidate.inputShape, spread: 3, keeping: input)
        let filter = newFilter ?? random.tensor(.filter, shape: candidate.filterShape, spread: 2, keeping: filter)
        do {
            computation = try Self.compute(candidate, input: input, filter: filter, random: random,
                                           previousGradient: keepingGradient ? computation.outputGradient : nil)
        } catch {
            return "\(error)"
        }
        countLayer()
        (settings, self.input, self.filter) = (candidate, input, filter)
        clampCursors()
        return nil
    }

    /// Runs the core; ∂L/∂O keeps the values of `previousGradient` where the shapes overlap.
    static func compute(_ settings: PlaygroundSettings, input: Tensor, filter: Tensor, random: PlaygroundRandom,
                        previousGradient: Tensor? = nil) throws -> PlaygroundComputation {
        try PlaygroundCore.compute(settings, input: input, filter: filter) { shape in
            random.tensor(.outputGradient, shape: shape, spread: 2, keeping: previousGradient)
        }
    }

    private mutating func randomize() {
        random.seed &+= 1
        let input = random.tensor(.input, shape: settings.inputShape, spread: 3)
        let filter = random.tensor(.filter, shape: settings.filterShape, spread: 2)
        _ = apply(settings, input: input, filter: filter, keepingGradient: false)
        message = "new random numbers: everything recomputed"
    }

    // MARK: Cursor

    private mutating func move(rows: Int, columns: Int) {
        switch focus {
        case .output: outputCursor.move(rows: rows, columns: columns)
        case .input: inputCursor.move(rows: rows, columns: columns)
        case .filter: filterCursor.move(rows: rows, columns: columns)
        }
        clampCursors()
    }

    private mutating func changePlane(by step: Int) {
        switch focus {
        case .output, .filter:
            plane = (plane + step + planeCount) % planeCount
        case .input:
            channel = (channel + step + settings.channels) % settings.channels
        }
        // A pooling layer maps each channel to its own output plane: both show the same one.
        if settings.operation.isPooling {
            if focus == .input { plane = channel } else { channel = plane }
        }
    }

    private mutating func clampCursors() {
        let outputShape = computation.output.shape
        outputCursor.clamp(rows: outputShape[2], columns: outputShape[3])
        inputCursor.clamp(rows: settings.inputHeight, columns: settings.inputWidth)
        filterCursor.clamp(rows: settings.filterRows, columns: settings.filterSize)
        channel = min(channel, settings.channels - 1)
        plane = min(plane, planeCount - 1)
        if settings.operation.isPooling {
            // Pooling maps each channel to its own output plane, and has no filter to put the cursor on.
            channel = plane
            if focus == .filter { focus = .output }
        }
    }

    private mutating func countLayer() {
        layerGeneration += 1
        computationCount += 1
    }

    /// The explanation for the cell under the cursor, from the core; asked again only when the layer or the
    /// cursor changed, so that a key changing neither costs nothing.
    private mutating func refreshDetail() {
        let source = DetailSource(layerGeneration: layerGeneration, focus: focus, outputCursor: outputCursor,
                                  inputCursor: inputCursor, filterCursor: filterCursor, channel: channel, plane: plane)
        guard source != detailSource else { return }
        detailSource = source
        computationCount += 1
        switch (focus, computation.layer) {
        case (.output, _):
            detail = .gather(PlaygroundCore.gather(computation, k: plane, i: outputCursor.row, j: outputCursor.column))
        case (.input, .convolution(let convolution)):
            detail = (try? PlaygroundCore.inputGradientRoutes(
                convolution, outputGradient: computation.outputGradient, c: channel,
                row: inputCursor.row, column: inputCursor.column)).map { .scatter($0) } ?? .none
        case (.input, .pooling(let pooling)):
            detail = (try? PlaygroundCore.poolingScatter(pooling, outputGradient: computation.outputGradient,
                                                         c: channel,
                                                         row: inputCursor.row, column: inputCursor.column))
                .map { .poolingScatter($0.explanation, backward: $0.backward) } ?? .none
        case (.input, .transposed(let transposed)):
            detail = .transposedScatter(PlaygroundCore.transposedScatter(transposed, c: channel, row: inputCursor.row,
                                                                         column: inputCursor.column))
        case (.filter, .convolution), (.filter, .transposed):
            detail = .weight(filter[[plane, channel, filterCursor.row, filterCursor.column]])
        case (.filter, .pooling):
            detail = .none
        }
    }

    // MARK: Edit

    private mutating func startEdit() {
        switch focus {
        case .input, .filter:
            editBuffer = ""
        case .output:
            message = "outputs are computed: press Tab to move to the input or the filter, then e"
        }
    }

    private mutating func updateEdit(_ key: Key, buffer: String) {
        switch key {
        case .character(let character) where "0123456789-−.".contains(character):
            if buffer.count < 12 { editBuffer = buffer + String(character == "−" ? "-" : character) }
        case .backspace:
            editBuffer = String(buffer.dropLast())
        case .escape:
            editBuffer = nil
            message = "edit cancelled: nothing changed"
        case .enter:
            commitEdit(buffer)
        default:
            break
        }
    }

    private mutating func commitEdit(_ buffer: String) {
        guard let value = Double(buffer), value.isFinite, abs(value) <= 1e6 else {
            message = buffer.isEmpty ? "type a number, then Enter (Esc cancels)"
                : "\"\(buffer)\" is not a number between -1000000 and 1000000: type e.g. 5 or -1.5"
            return
        }
        editBuffer = nil
        var input = self.input, filter = self.filter
        if focus == .input {
            input[[channel, inputCursor.row, inputCursor.column]] = value
        } else {
            filter[[plane, channel, filterCursor.row, filterCursor.column]] = value
        }
        if let refusal = apply(settings, input: input, filter: filter) {
            message = "cannot use \(buffer): \(refusal)"
        } else {
            message = "set to \(NumberFormat.string(value)): everything recomputed"
        }
        refreshDetail()
    }
}

/// What the explanation under the cursor is computed from.
private struct DetailSource: Equatable {
    var layerGeneration: Int
    var focus: PlaygroundFocus
    var outputCursor: PlaygroundCursor
    var inputCursor: PlaygroundCursor
    var filterCursor: PlaygroundCursor
    var channel: Int
    var plane: Int
}

extension PlaygroundState: Equatable {
    /// Equal when they draw alike. What the core computed (the layer's output, the explanation) compares by
    /// `computationCount`, which every computation raises: meant for states of one playground, before and after
    /// a key. Tensors compare in constant time when unchanged (they share their storage).
    public static func == (lhs: PlaygroundState, rhs: PlaygroundState) -> Bool {
        lhs.computationCount == rhs.computationCount && lhs.settings == rhs.settings && lhs.input == rhs.input
            && lhs.filter == rhs.filter && lhs.focus == rhs.focus && lhs.outputCursor == rhs.outputCursor
            && lhs.inputCursor == rhs.inputCursor && lhs.filterCursor == rhs.filterCursor
            && lhs.channel == rhs.channel && lhs.plane == rhs.plane && lhs.editBuffer == rhs.editBuffer
            && lhs.showingHelp == rhs.showingHelp && lhs.digitPad == rhs.digitPad && lhs.message == rhs.message
            && lhs.options == rhs.options
            && lhs.width == rhs.width && lhs.height == rhs.height && lhs.random.seed == rhs.random.seed
    }
}

/// A setting the playground refuses before asking the core (outside its bounds, a shape it cannot show).
public struct PlaygroundRefusal: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

extension PlaygroundCursor {
    mutating func move(rows: Int, columns: Int) {
        row += rows
        column += columns
    }

    mutating func clamp(rows: Int, columns: Int) {
        row = max(0, min(row, rows - 1))
        column = max(0, min(column, columns - 1))
    }
}
