/// How large the tutor and the playground draw grids. Students get magnification 1; --present fits the grids to
/// the terminal (the largest magnification that shows every grid whole); + and − step from there. Below 80×24,
/// or at magnification 0, the compact layout: no blank rows between sections and short grid titles.
struct Zoom: Equatable {
    /// The compact layout.
    var compact: Bool
    /// The grids' magnification; nil to fit them to the room, then add `steps`.
    var magnification: Int?
    /// The + and − presses over the fitted magnification.
    var steps: Int

    /// The largest magnification + reaches or a fit tries.
    static let largest = 12
    /// The smallest terminal for the normal layout; below it the compact one.
    static let normalSize = ScreenSize(width: 80, height: 24)

    /// - Parameters:
    ///   - steps: + presses less − presses (`TutorOptions.zoom`).
    ///   - fits: fit the grids to the room (present mode).
    init(steps: Int, fits: Bool, width: Int, height: Int) {
        let small = width < Self.normalSize.width || height < Self.normalSize.height
        if fits {
            compact = small && steps <= 0
            magnification = nil
        } else {
            let chosen = (small ? 0 : 1) + steps
            compact = chosen <= 0
            magnification = min(Self.largest, max(1, chosen))
        }
        self.steps = fits ? steps : 0
    }

    /// The zoom steps after one more + (`by` 1) or − (−1): within what changes the drawing (from the compact
    /// layout to the largest magnification; in present mode, as far either way from the fitted one).
    static func steps(_ steps: Int, by step: Int, fits: Bool) -> Int {
        min(largest - 1, max(fits ? 1 - largest : -1, steps + step))
    }

    /// What + or − did, for the status line.
    var description: String {
        if compact { return "compact layout: short titles, no blank rows (+ larger)" }
        guard let magnification else {
            let stepped = steps == 0 ? "" : " \(steps > 0 ? "+" : "−")\(abs(steps))"
            return "grids fitted to the screen" + stepped + " (+ larger, − smaller)"
        }
        return "grids ×\(magnification) (+ larger, − smaller)"
    }

    /// The grids laid out at this zoom within `width` × `maxHeight`, none narrowed below `minimumColumns`
    /// columns (grids give way instead).
    func layOut(_ grids: [GridContent], ascii: Bool, width: Int, maxHeight: Int,
                minimumColumns: Int = 6) -> GridLayout {
        func make(_ magnification: Int) -> GridLayout {
            GridLayout.make(grids, scale: GridScale(magnification: magnification), ascii: ascii, width: width,
                            maxHeight: maxHeight, compact: compact, minimumColumns: minimumColumns)
        }
        guard let magnification else {
            let fitted = GridLayout.fitted(grids, largest: Self.largest, ascii: ascii, width: width,
                                           maxHeight: maxHeight, compact: compact, minimumColumns: minimumColumns)
            return steps == 0 ? fitted : make(min(Self.largest, max(1, fitted.magnification + steps)))
        }
        return make(magnification)
    }
}

extension GridLayout {
    /// The magnification the grids were laid out at.
    var magnification: Int { blocks.first?.scale.magnification ?? 1 }
}
