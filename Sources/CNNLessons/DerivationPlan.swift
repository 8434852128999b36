import CNNCore

/// One line of a value's derivation: a sum or a maximum (an `Explanation`), or a formula that is neither (a
/// `Formula`: e^(z_k − m), E_k/S, p_k − y_k).
public enum DerivationLine: Sendable {
    case sum(Explanation)
    case formula(Formula)

    var target: Factor {
        switch self {
        case .sum(let explanation): explanation.target
        case .formula(let formula): formula.target
        }
    }

    public var symbolic: String {
        switch self {
        case .sum(let explanation): explanation.symbolicLine()
        case .formula(let formula): formula.symbolicLine
        }
    }

    public var numeric: String {
        switch self {
        case .sum(let explanation): explanation.numericLine()
        case .formula(let formula): formula.numericLine
        }
    }

    /// "m = 2.5": the line's result alone.
    var summary: String { target.symbol + " = " + NumberFormat.string(target.value) }
}

/// A step whose values are each derived in a few lines (softmax: m, E_k, S, p_k): in a `terms` walk one frame per
/// line, the lines before it listed above the current one; in a `values` walk one frame per value, its last line in
/// the formula panel.
struct DerivationPlan: StepPlan {
    let walk: ValueWalk
    /// The lines of the value at a flat index of the main result; the last one's target is the value.
    let lines: @Sendable (Int) -> [DerivationLine]
    let grids: @Sendable (WalkState) -> [GridPanel]
    /// Notes shown with line `index` of a value (why softmax subtracts the maximum, beside m).
    var notes: @Sendable (_ index: Int) -> [String] = { _ in [] }
    /// Facts of every frame; the finished result's frame adds `resultFacts`.
    var facts: [String] = []
    var resultFacts: [String] = []
    let results: [String: NamedResult]
    let mainResult: String
    /// The classic slips for value `flat` of the main result (a forgotten minus, the wrong logarithm).
    var mistakes: (@Sendable (Int) -> [KnownMistake])? = nil

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
        guard walk.walk != .result else {
            let state = WalkState(element: nil, explanation: nil, activeTerm: nil, complete: true, position: Int.max,
                                  finished: true)
            return FrameBody(grids: grids(state), facts: facts + resultFacts)
        }
        let element = walk.elements[walk.positionOfFrame(local)]
        let all = lines(element)
        let place = walk.place(local, termCount: all.count)!
        let current = all[place.shownTerms - 1]
        let state = WalkState(element: element, explanation: nil, activeTerm: nil, complete: place.complete,
                              position: place.position, finished: false)
        let formula = FormulaPanel(symbolic: current.symbolic, numeric: current.numeric,
                                   partials: all.prefix(place.shownTerms).map(\.summary).joined(separator: " → "),
                                   isComplete: place.complete)
        var progress = "value \(place.position + 1) of \(walk.elements.count)"
        if walk.walk == .terms, all.count > 1 { progress += " · line \(place.shownTerms) of \(all.count)" }
        let earlier = all.prefix(place.shownTerms - 1).map(\.numeric)
        return FrameBody(grids: grids(state), formula: formula,
                         facts: facts + earlier + notes(place.shownTerms - 1), progress: progress)
    }

    func quizBody() -> FrameBody {
        FrameBody(grids: grids(Self.beforeWalk(asking: nil)), facts: facts)
    }

    func quizBody(asking flat: Int, of result: String) -> FrameBody {
        result == mainResult ? FrameBody(grids: grids(Self.beforeWalk(asking: flat)), facts: facts) : quizBody()
    }

    func knownMistakes(asking flat: Int, of result: String) -> [KnownMistake] {
        result == mainResult ? mistakes?(flat) ?? [] : []
    }

    /// The output grid cell lit as value `flat`, found as `ExplainedPlan` finds it.
    func quizCell(asking flat: Int, of result: String) -> (grid: Int, row: Int, column: Int)? {
        guard result == mainResult else { return nil }
        let state = WalkState(element: flat, explanation: nil, activeTerm: nil, complete: true, position: -1,
                              finished: false)
        let panels = grids(state)
        for (index, panel) in panels.enumerated().reversed() where panel.role == .output {
            for (row, cells) in panel.cells.enumerated() {
                if let column = cells.firstIndex(where: { $0.highlight == .target }) {
                    return (index, panel.firstRow + row, panel.firstColumn + column)
                }
            }
        }
        return nil
    }

    static func beforeWalk(asking flat: Int?) -> WalkState {
        WalkState(element: nil, explanation: nil, activeTerm: nil, complete: false, position: -1, finished: false,
                  asked: flat)
    }

    /// The derivation's lines as a quiz's worked answer.
    static func worked(_ lines: [DerivationLine]) -> [String] {
        lines.flatMap { [$0.symbolic, $0.numeric] }
    }
}
