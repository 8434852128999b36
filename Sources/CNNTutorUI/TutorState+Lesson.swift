import CNNLessons

/// The menu and the lesson view: each key is looked up in its keymap, and the action performed.
extension TutorState {
    mutating func updateMenu(_ key: Key) {
        guard let action = Keymap.menu.action(for: key) else { return }
        let last = max(0, entries.count - 1)
        switch action {
        case .up: menuSelection = max(0, menuSelection - 1)
        case .down: menuSelection = min(last, menuSelection + 1)
        case .first: menuSelection = 0
        case .last: menuSelection = last
        case .open: openSelection()
        case .back: if lessonIndex != nil { mode = .lesson }
        case .help: showingHelp = true
        case .quit: quitRequested = true
        }
    }

    private mutating func openSelection() {
        guard !entries.isEmpty else { return }
        if let problem = entries[menuSelection].problem {
            message = "\(entries[menuSelection].id) cannot be played: \(problem)"
        } else {
            open(menuSelection, at: nil)
        }
    }

    mutating func updateLesson(_ key: Key) {
        guard currentSource != nil else {
            mode = .menu
            return
        }
        switch prompt {
        case .goTo(let text): updateGoTo(key, text: text)
        case .confirm(let what): updateConfirm(key, what: what)
        case .edit(let cursor): updateEdit(key, cursor: cursor)
        case .none:
            if answerBoxIsOpen, let action = Keymap.answer.action(for: key), handleAnswer(action, key: key) { return }
            if let action = Keymap.lesson.action(for: key) {
                perform(action)
            } else if case .character(let character) = key, character.isNumber {
                message = "to jump to a step, press g, then its number, then Enter"
            }
        }
    }

    mutating func perform(_ action: LessonAction) {
        guard let source = currentSource else { return }
        switch action {
        case .next: move(to: step + 1)
        case .previous: move(to: step - 1)
        case .nextValue: move(to: source.nextValue(after: step))
        case .previousValue: move(to: source.previousValue(before: step))
        case .first: move(to: 0)
        case .last: move(to: stepCount - 1)
        case .goTo: prompt = .goTo("")
        case .nextLesson: switchLesson(by: 1)
        case .previousLesson: switchLesson(by: -1)
        case .menu:
            mode = .menu
            menuSelection = lessonIndex ?? 0
        case .symbols: showSymbols.toggle()
        case .indexBase: toggleIndexBase()
        case .flipKernel: toggleKernelFlip()
        case .edit: perform(.edit, confirmed: false)
        case .randomize: perform(.randomize, confirmed: false)
        case .original: perform(.original, confirmed: false)
        case .practice: togglePractice()
        case .scrollDown: narrationScroll += 3
        case .scrollUp: narrationScroll = max(0, narrationScroll - 3)
        case .help: showingHelp = true
        case .quit: quitRequested = true
        }
    }

    private mutating func updateConfirm(_ key: Key, what: Confirmation) {
        prompt = .none
        if key == .character("y") || key == .character("Y") {
            perform(what, confirmed: true)
        } else {
            message = "cancelled: nothing changed"
        }
    }

    // MARK: Go to a step or a cell

    private mutating func updateGoTo(_ key: Key, text: String) {
        guard let action = Keymap.goTo.action(for: key) else { return }
        switch action {
        case .type:
            if case .character(let character) = key, text.count < 9 { prompt = .goTo(text + String(character)) }
        case .erase:
            prompt = text.isEmpty ? .none : .goTo(String(text.dropLast()))
        case .go:
            prompt = .none
            go(to: text)
        case .cancel:
            prompt = .none
        }
    }

    /// "12" is a step; "2,3" is the output cell in row 2, column 3 (counted from the index base shown).
    /// Out of range stays put.
    private mutating func go(to text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, let row = Int(parts[0]), let column = Int(parts[1]) {
            goToCell(row: row, column: column)
        } else if parts.count == 1, let number = Int(parts[0]) {
            if number < 1 || number > stepCount {
                message = "no step \(number): this lesson has steps 1 to \(stepCount)"
            } else {
                move(to: number - 1)
            }
        } else if !text.isEmpty {
            message = "\"\(text)\" is neither a step (12) nor an output cell (row,column: 2,3)"
        }
    }

    /// Moves to the first step of the output value at (row, column), searching value by value from here.
    private mutating func goToCell(row: Int, column: Int) {
        guard let source = currentSource else { return }
        var candidate = source.nextValue(after: step)
        var visited = Set<Int>()
        // Every value's first step, from the next one round to this one.
        for start in [candidate, 0] {
            candidate = start
            while !visited.contains(candidate) {
                visited.insert(candidate)
                let base = conventions.indexBase.rawValue
                if Self.computes(source.frame(at: candidate), row: row - base, column: column - base) {
                    move(to: candidate)
                    return
                }
                candidate = source.nextValue(after: candidate)
            }
        }
        message = "no output cell \(row),\(column) is computed in this lesson"
    }

    /// Whether the frame's output grid is computing the cell at (row, column), 0-based.
    static func computes(_ frame: Frame, row: Int, column: Int) -> Bool {
        frame.grids.contains { grid in
            let r = row - grid.firstRow
            let c = column - grid.firstColumn
            return grid.role == .output && r >= 0 && r < grid.cells.count && c >= 0 && c < grid.cells[r].count
                && grid.cells[r][c].highlight == .target
        }
    }

    // MARK: Changing the numbers

    mutating func perform(_ action: Confirmation, confirmed: Bool) {
        guard let index = lessonIndex, let source = entries[index].current else { return }
        switch action {
        case .edit:
            guard let first = editableGrids.first else {
                message = "nothing to edit in this step: no grid here comes straight from the lesson's numbers"
                return
            }
            if options.present && !confirmed {
                prompt = .confirm(.edit)
                return
            }
            prompt = .edit(initialCursor(defaultGrid: first))
        case .randomize:
            guard frame?.grids.isEmpty == false || frame?.formula != nil else {
                message = "no numbers in this step to randomize"
                return
            }
            if options.present && !confirmed {
                prompt = .confirm(.randomize)
                return
            }
            replaceNumbers(with: source.randomized(at: step, seed: seed), modified: true)
            seed &+= 1
            message = "random small integers: everything recomputed (o restores the original numbers)"
        case .original:
            guard entries[index].isModified, let original = entries[index].original else {
                message = "these are already the lesson's own numbers"
                return
            }
            if options.present && !confirmed {
                prompt = .confirm(.original)
                return
            }
            replaceNumbers(with: original, modified: false)
            message = "the lesson's original numbers are back"
        }
    }

    /// New numbers: every verdict and practice answer was about the old ones, so they go.
    mutating func replaceNumbers(with source: any StepSource, modified: Bool) {
        guard let index = lessonIndex else { return }
        entries[index].current = source
        entries[index].isModified = modified
        quizFeedback = [:]
        practice.forgetAnswers()
        answer = ""
        refreshFrame()
    }
}
