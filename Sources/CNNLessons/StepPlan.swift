import CNNCore

/// What one lesson step shows, frame by frame, and the results it computed (for `expect` and quizzes).
protocol StepPlan: Sendable {
    var frameCount: Int { get }
    /// First frame (local) of the value the frame belongs to, for coarse navigation.
    func valueStart(containing local: Int) -> Int
    /// First frame of the next value, nil past the last.
    func nextValueStart(after local: Int) -> Int?
    func body(at local: Int) -> FrameBody
    /// The step's state before anything is computed, under a quiz.
    func quizBody() -> FrameBody
    /// The quiz frame of a question about value `flat` of `result`: the grids chosen for that value (its
    /// filter, its channel, its crop), nothing computed, the asked cell pending.
    func quizBody(asking flat: Int, of result: String) -> FrameBody
    /// Where the asked value is drawn in the quiz frame: grid index and 0-based row and column of the whole
    /// grid; nil when no grid shows it.
    func quizCell(asking flat: Int, of result: String) -> (grid: Int, row: Int, column: Int)?
    /// The values classic slips give for value `flat` of `result` (the operation's own mistakes).
    func knownMistakes(asking flat: Int, of result: String) -> [KnownMistake]
    var results: [String: NamedResult] { get }
    var mainResult: String { get }
}

extension StepPlan {
    func quizBody(asking flat: Int, of result: String) -> FrameBody { quizBody() }
    func quizCell(asking flat: Int, of result: String) -> (grid: Int, row: Int, column: Int)? { nil }
    func knownMistakes(asking flat: Int, of result: String) -> [KnownMistake] { [] }
}

struct FrameBody {
    var grids: [GridPanel] = []
    var formula: FormulaPanel?
    var facts: [String] = []
    var progress: String?
}

/// A computed result by name: its values in the shape the user wrote, and how each value came about.
struct NamedResult: Sendable {
    var tensor: Tensor
    /// Explanation of the value at a flat index (display order), when the result has one.
    var explain: (@Sendable (Int) -> Explanation)?
    /// The worked lines of a value that is not one sum (a softmax probability: m, E_k, S, p_k), for a quiz.
    var derivation: (@Sendable (Int) -> [String])? = nil
    /// A quiz's first hint for a value not explained term by term (a size, a count): how it is made, with the
    /// step's numbers, never the value.
    var hint: String? = nil
}

/// A step with prose only.
struct NarrationPlan: StepPlan {
    var frameCount: Int { 1 }
    func valueStart(containing local: Int) -> Int { 0 }
    func nextValueStart(after local: Int) -> Int? { nil }
    func body(at local: Int) -> FrameBody { FrameBody() }
    func quizBody() -> FrameBody { FrameBody() }
    var results: [String: NamedResult] { [:] }
    var mainResult: String { "output" }
}

/// A step shown in one frame: grids and facts, no walk (rotate, dilate, size, efficiency).
struct StaticPlan: StepPlan {
    var grids: [GridPanel]
    var facts: [String]
    /// The facts shown under a quiz, before the answer.
    var quizFacts: [String]
    var results: [String: NamedResult]
    var mainResult: String
    /// Per result: the numbers classic slips give.
    var slips: [String: [KnownMistake]] = [:]
    var frameCount: Int { 1 }
    func valueStart(containing local: Int) -> Int { 0 }
    func nextValueStart(after local: Int) -> Int? { nil }
    func body(at local: Int) -> FrameBody { FrameBody(grids: grids, facts: facts) }
    func knownMistakes(asking flat: Int, of result: String) -> [KnownMistake] { slips[result] ?? [] }
    func quizBody() -> FrameBody { FrameBody(grids: quizGrids, facts: quizFacts) }
    /// Result grids hide their numbers under a quiz.
    var quizGrids: [GridPanel] {
        grids.map { grid in
            guard grid.role == .output else { return grid }
            var hidden = grid
            hidden.cells = grid.cells.map { $0.map { Cell(text: "", symbol: $0.symbol, highlight: .pending) } }
            return hidden
        }
    }
}

/// The state of the walk a frame's grids are drawn for.
struct WalkState {
    /// The value in focus (flat index of the walked tensor), nil before the walk or for a whole result.
    var element: Int?
    var explanation: Explanation?
    /// The term just added (its factors are the active cells).
    var activeTerm: Term?
    var complete: Bool
    /// Walk position of the value in focus; values after it are still pending. Before the walk: −1.
    var position: Int
    /// Everything computed (result frames).
    var finished: Bool
    /// The value a quiz asks about: its grids are drawn, its cell stays pending.
    var asked: Int? = nil

    /// The value the grids are drawn for: the one being computed, else the one asked.
    var focus: Int? { element ?? asked }

    /// A quiz frame asking about a value: its grids draw every operand of the value's sum at once.
    var isAsking: Bool { element == nil && asked != nil }

    /// Whether the value at `element` is still hidden in this frame. A full walk hides what it has not
    /// reached. A partial walk (`only:`, in any order) shows the values it has walked, and the others before
    /// the furthest one walked so far; the values after stay hidden, so no later answer shows early.
    func isPending(_ element: Int, walk: ValueWalk) -> Bool {
        if finished { return false }
        if element == asked { return true }
        if let positions = walk.positions {
            guard let reach = walk.reach, !reach.isEmpty else { return true }
            if let walked = positions[element] { return walked > position || (walked == position && !complete) }
            return element >= reach[max(0, min(position, reach.count - 1))]
        }
        if element == self.element { return !complete }
        return element > position
    }
}

/// A step that walks the values of one tensor, each explained term by term.
struct ExplainedPlan: StepPlan {
    let walk: ValueWalk
    let explain: @Sendable (Int) -> Explanation
    let termCount: @Sendable (Int) -> Int
    let grids: @Sendable (WalkState) -> [GridPanel]
    let extraFacts: @Sendable (WalkState) -> [String]
    let results: [String: NamedResult]
    let mainResult: String
    /// Channel of a term's first factor, for per-channel partial sums of a volume; nil when not a volume.
    let channelOf: (@Sendable (Term) -> Int)?
    /// Results indexed like the walked one besides `mainResult` (a conv's pre-activation beside its ReLU). The
    /// main result is drawn in the last output grid, these in the first.
    var otherWalkedResults: Set<String> = []
    /// The operation's classic mistakes for a walked value: (flat index, result name) → wrong values.
    var mistakes: (@Sendable (Int, String) -> [KnownMistake])? = nil
    /// Facts shown under a quiz too (what operation is shown), as they give nothing away.
    var quizFacts: [String] = []
    /// Facts about the value in focus (walked or asked) that give nothing away: the channel group it belongs to.
    var focusFacts: (@Sendable (Int) -> [String])? = nil

    var frameCount: Int { walk.frameCount }

    func valueStart(containing local: Int) -> Int {
        walk.start(of: walk.positionOfFrame(local))
    }

    func nextValueStart(after local: Int) -> Int? {
        guard walk.walk != .result else { return nil }
        let next = walk.positionOfFrame(local) + 1
        return next < walk.elements.count ? walk.start(of: next) : nil
    }

    func body(at local: Int) -> FrameBody {
        guard let place = walk.place(local, termCount: termCount(walk.elements[walk.positionOfFrame(local)])) else {
            let state = WalkState(element: nil, explanation: nil, activeTerm: nil, complete: true, position: Int.max,
                                  finished: true)
            return FrameBody(grids: grids(state), facts: extraFacts(state))
        }
        let explanation = explain(place.element)
        let active = place.shownTerms > 0 && walk.walk == .terms ? explanation.terms[place.shownTerms - 1] : nil
        let state = WalkState(element: place.element, explanation: explanation, activeTerm: active,
                              complete: place.complete, position: place.position, finished: false)
        let worked = WorkedFormula(explanation, shown: place.complete ? nil : place.shownTerms)
        var formula = FormulaPanel(worked, channelParts: channelSums(explanation, shown: place.shownTerms))
        let panels = grids(state)
        formula.worked = worked.locating(in: panels)
        var progress = "value \(place.position + 1) of \(walk.elements.count)"
        if walk.walk == .terms, !explanation.terms.isEmpty {
            progress += " · term \(place.shownTerms) of \(explanation.terms.count)"
            if walk.addsBias && place.complete { progress += " + bias" }
        }
        let facts = (focusFacts?(place.element) ?? []) + extraFacts(state)
        return FrameBody(grids: panels, formula: formula, facts: facts, progress: progress)
    }

    func quizBody() -> FrameBody {
        let state = WalkState(element: nil, explanation: nil, activeTerm: nil, complete: false, position: -1,
                              finished: false)
        return FrameBody(grids: grids(state), facts: quizFacts)
    }

    func walks(_ result: String) -> Bool { result == mainResult || otherWalkedResults.contains(result) }

    func quizBody(asking flat: Int, of result: String) -> FrameBody {
        guard walks(result) else { return quizBody() }
        let state = WalkState(element: nil, explanation: nil, activeTerm: nil, complete: false, position: -1,
                              finished: false, asked: flat)
        return FrameBody(grids: grids(state), facts: quizFacts + (focusFacts?(flat) ?? []))
    }

    func knownMistakes(asking flat: Int, of result: String) -> [KnownMistake] {
        walks(result) ? mistakes?(flat, result) ?? [] : []
    }

    /// The output grid that lights value `flat` as the one computed, and the cell it lights.
    func quizCell(asking flat: Int, of result: String) -> (grid: Int, row: Int, column: Int)? {
        guard walks(result) else { return nil }
        let state = WalkState(element: flat, explanation: nil, activeTerm: nil, complete: true, position: -1,
                              finished: false)
        let panels = grids(state)
        let lit = panels.indices.filter { index in
            panels[index].role == .output && panels[index].cells.contains { $0.contains { $0.highlight == .target } }
        }
        guard let grid = result == mainResult ? lit.last : lit.first else { return nil }
        let panel = panels[grid]
        // The quiz frame draws more grids than a walk frame (every operand of the sum): find the same one there.
        let asking = quizBody(asking: flat, of: result).grids
        guard let shown = asking.firstIndex(where: { $0.title == panel.title && $0.role == .output }) else {
            return nil
        }
        for (row, cells) in panel.cells.enumerated() {
            if let column = cells.firstIndex(where: { $0.highlight == .target }) {
                return (shown, panel.firstRow + row, panel.firstColumn + column)
            }
        }
        return nil
    }

    func channelSums(_ explanation: Explanation, shown: Int) -> [ChannelSum] {
        guard let channelOf else { return [] }
        var sums: [Int: Double] = [:]
        var order: [Int] = []
        for term in explanation.terms.prefix(shown) {
            let channel = channelOf(term)
            if sums[channel] == nil { order.append(channel) }
            sums[channel, default: 0] += term.product
        }
        guard order.count > 1 || explanation.terms.contains(where: { channelOf($0) != order.first }) else { return [] }
        return order.map {
            ChannelSum(channel: IndexBase.current.shown($0), sum: sums[$0]!, text: explanation.format(sums[$0]!))
        }
    }
}
