/// The order in which a step visits values and how many frames each takes: one per term in a `terms`
/// walk (plus one for an added bias; a value with no terms still gets one), one per value in a `values`
/// walk, one in all for `result`. Frame counts are summed once so any step is found by binary search.
struct ValueWalk: Sendable {
    let walk: Walk
    /// Flat indices of the values visited, in order.
    let elements: [Int]
    /// Walk position of each element when the walk is a subset (`only:`); nil when it visits all in order.
    let positions: [Int: Int]?
    /// First frame of each element (terms walk), with the total at the end; nil when uniform.
    let offsets: [Int]?
    let uniformFrames: Int
    let addsBias: Bool
    /// For a partial walk, the furthest element (flat index) walked up to each position.
    let reach: [Int]?

    /// Where a frame is: which element, how many terms shown, whether the value is complete.
    struct Place: Equatable {
        var position: Int
        var element: Int
        var shownTerms: Int
        var complete: Bool
    }

    /// A walk whose every value has `terms` terms.
    init(walk: Walk, elements: [Int], isAll: Bool, addsBias: Bool, terms: Int) {
        self.init(walk: walk, elements: elements, isAll: isAll, addsBias: addsBias, termCount: { _ in terms },
                  uniformTerms: terms)
    }

    init(walk: Walk, elements: [Int], isAll: Bool, addsBias: Bool, termCount: (Int) -> Int, uniformTerms: Int?) {
        self.walk = walk
        self.elements = elements
        self.addsBias = addsBias
        var positions: [Int: Int]? = nil
        if !isAll {
            var map: [Int: Int] = [:]
            for (position, element) in elements.enumerated() { map[element] = position }
            positions = map
        }
        self.positions = positions
        reach = positions == nil ? nil : elements.reduce(into: []) { $0.append(max($0.last ?? $1, $1)) }
        let extra = addsBias ? 1 : 0
        if walk == .terms, uniformTerms == nil {
            var offsets = [0]
            offsets.reserveCapacity(elements.count + 1)
            for element in elements { offsets.append(offsets.last! + max(1, termCount(element) + extra)) }
            self.offsets = offsets
            uniformFrames = 0
        } else {
            offsets = nil
            uniformFrames = walk == .terms ? max(1, (uniformTerms ?? 0) + extra) : 1
        }
    }

    var frameCount: Int {
        switch walk {
        case .result: return 1
        case .values: return elements.count
        case .terms: return offsets?.last ?? elements.count * uniformFrames
        }
    }

    func position(of element: Int) -> Int? {
        positions == nil ? element : positions![element]
    }

    /// First frame of the value at walk position `position`.
    func start(of position: Int) -> Int {
        switch walk {
        case .result: return 0
        case .values: return position
        case .terms: return offsets?[position] ?? position * uniformFrames
        }
    }

    /// Walk position of the value a frame belongs to.
    func positionOfFrame(_ local: Int) -> Int {
        switch walk {
        case .result: return 0
        case .values: return local
        case .terms:
            guard let offsets else { return local / uniformFrames }
            var low = 0, high = offsets.count - 2
            while low < high {
                let middle = (low + high + 1) / 2
                if offsets[middle] <= local { low = middle } else { high = middle - 1 }
            }
            return low
        }
    }

    /// nil for the `result` walk, which shows no single value.
    func place(_ local: Int, termCount: Int) -> Place? {
        guard walk != .result else { return nil }
        let position = positionOfFrame(local)
        let element = elements[position]
        guard walk == .terms else { return Place(position: position, element: element, shownTerms: termCount,
                                                 complete: true) }
        let offset = local - start(of: position)
        let shown = min(offset + 1, termCount)
        let complete = termCount == 0 || offset + 1 >= termCount + (addsBias ? 1 : 0)
        return Place(position: position, element: element, shownTerms: shown, complete: complete)
    }
}
