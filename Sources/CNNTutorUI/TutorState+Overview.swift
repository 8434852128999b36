/// `O`: the lesson's steps listed with the tutor's numbers of their frames ("21–25  Every output value");
/// Enter goes to the chosen step's first frame, Esc back where the lesson was.
extension TutorState {
    /// The overview when it is on screen.
    public var overview: OverviewState? { if case .overview(let overview) = mode { overview } else { nil } }

    mutating func showOverview() {
        guard var view = lessonView, let outline = currentSource?.outline, !outline.isEmpty else { return }
        view.closeInput()
        let here = outline.firstIndex { $0.steps.contains(view.step + 1) } ?? 0
        mode = .overview(OverviewState(lesson: view, outline: outline, selection: here))
    }

    mutating func updateOverview(_ key: Key, overview: OverviewState) {
        guard let action = Keymap.overview.action(for: key) else {
            message = "overview: " + Keymap.hints(Keymap.overview).joined(separator: ", ")
            return
        }
        var overview = overview
        let last = overview.outline.count - 1
        let page = max(1, height - 4)
        switch action {
        case .up: overview.selection = max(0, overview.selection - 1)
        case .down: overview.selection = min(last, overview.selection + 1)
        case .pageUp: overview.selection = max(0, overview.selection - page)
        case .pageDown: overview.selection = min(last, overview.selection + page)
        case .first: overview.selection = 0
        case .last: overview.selection = last
        case .help: showingHelp = true
        case .back:
            mode = .lesson(overview.lesson)
            return
        case .jump:
            mode = .lesson(overview.lesson)
            move(to: overview.outline[overview.selection].steps.lowerBound - 1)
            return
        }
        mode = .overview(overview)
    }
}
