import CNNLessons

/// The lesson view: a key goes to the input that is open (go to, edit, confirm, the answer box, the pointer),
/// else it is looked up in `Keymap.lesson` (`presentLesson` in --present mode) and the action performed.
extension TutorState {
    mutating func updateLesson(_ key: Key, view: LessonView) {
        // A broken save is on screen instead of the lesson: no input of the lesson's is open.
        if lessonFileProblems != nil { return updateLessonKeys(key, answering: false) }
        switch view.input {
        case .goTo(let text): updateGoTo(key, text: text)
        case .confirm(let what): updateConfirm(key, what: what)
        case .edit(let cursor): updateEdit(key, cursor: cursor)
        case .answer(let box):
            if let action = Keymap.answerKeys(for: view.frame?.quiz?.kind).action(for: key),
               updateAnswer(action, key: key, box: box) { return }
            updateLessonKeys(key, answering: true)
        case .pointer(let pointer):
            if view.frame?.quiz?.kind == .cell, updatePointedAnswer(key, pointer: pointer) { return }
            if let action = Keymap.pointer.action(for: key) {
                updatePointer(action, pointer: pointer)
            } else {
                updateLessonKeys(key, answering: false)
            }
        case .none:
            updateLessonKeys(key, answering: false)
        }
    }

    private mutating func updateLessonKeys(_ key: Key, answering: Bool) {
        if let action = lessonKeymap.action(for: key) {
            perform(action)
        } else if !answering, case .character(let character) = key, character.isNumber {
            message = "to jump to a step, press g, then its number, then Enter"
        }
    }

    /// The lesson keys of this tutor: --present mode's, a follower's, or the student's.
    var lessonKeymap: [KeyBinding<LessonAction>] {
        Keymap.lesson(present: options.present, following: following != nil)
    }

    mutating func perform(_ action: LessonAction) {
        guard let view = lessonView, let source = currentSource else { return }
        if lessonFileProblems != nil, !Self.isAllowedOnBrokenFile(action) {
            message = "the lesson file has problems: fix them and save (m menu, q quit)"
            return
        }
        switch action {
        case .next: move(to: view.step + 1)
        case .previous: move(to: view.step - 1)
        case .nextValue: move(to: source.nextValue(after: view.step))
        case .previousValue: move(to: source.previousValue(before: view.step))
        case .first: move(to: 0)
        case .last: move(to: stepCount - 1)
        case .goTo: lessonView?.input = .goTo("")
        case .overview: showOverview()
        case .nextLesson: switchLesson(by: 1)
        case .previousLesson: switchLesson(by: -1)
        case .menu: showMenu()
        case .symbols: showSymbols.toggle()
        case .shades: toggleShades()
        case .indexBase: toggleIndexBase()
        case .flipKernel: toggleKernelFlip()
        case .edit: perform(.edit, confirmed: false)
        case .randomize: perform(.randomize, confirmed: false)
        case .original: perform(.original, confirmed: false)
        case .practice: togglePractice()
        case .playground: effects.append(.openPlayground(playgroundStart))
        case .pointer: togglePointer()
        case .scrollDown: lessonView?.narrationScroll += 3
        case .scrollUp: lessonView?.narrationScroll = max(0, view.narrationScroll - 3)
        case .blackout: isBlackedOut = true
        case .zoomIn: zoom(by: 1)
        case .zoomOut: zoom(by: -1)
        case .help: showingHelp = true
        case .quit: perform(.quit, confirmed: false)
        }
    }

    // MARK: Moving

    mutating func switchLesson(by offset: Int) {
        guard let current = lessonIndex, !entries.isEmpty else { return }
        // The nearest lesson in that direction that loads (lessons load when first needed).
        let count = entries.count
        let next = (1..<max(count, 1)).lazy.map { (current + offset * $0 % count + count) % count }
            .first { self.entries[$0].current != nil }
        if let next, next != current { open(next, at: nil) }
    }

    mutating func move(to target: Int) {
        let clamped = Self.clamp(target, count: stepCount)
        guard var view = lessonView, clamped != view.step else { return }
        view.step = clamped
        view.narrationScroll = 0
        lessonView = view
        refreshFrame()
        recordVisit()
    }

    /// Computes the frame at the step; the answer box starts empty, an edit cursor stays on an editable cell,
    /// the pointer on a cell of the new frame's grids.
    mutating func refreshFrame() {
        guard let source = currentSource else { return }
        let shown = showingConventions(source)
        guard var view = lessonView else { return }
        view.step = Self.clamp(view.step, count: shown.stepCount)
        view.frame = shown.stepCount > 0 ? shown.frame(at: view.step) : nil
        if case .edit(let cursor) = view.input, let kept = Self.keep(cursor, in: view) {
            view.input = .edit(kept)
        } else if case .pointer(let pointer) = view.input, let grids = view.frame?.grids,
                  let kept = Self.keep(pointer, in: grids) {
            view.input = .pointer(kept)
        } else {
            view.closeInput()
        }
        lessonView = view
    }

    /// The cursor moved onto a grid and cell that the view can still edit; nil when nothing can be edited.
    private static func keep(_ cursor: EditCursor, in view: LessonView) -> EditCursor? {
        let editable = view.editableGrids
        guard let grids = view.frame?.grids, let first = editable.first else { return nil }
        var cursor = cursor
        if !editable.contains(cursor.grid) { cursor.grid = first }
        cursor.row = min(cursor.row, max(0, grids[cursor.grid].rowCount - 1))
        cursor.column = min(cursor.column, max(0, grids[cursor.grid].columnCount - 1))
        return cursor
    }
}

extension TutorState {
    /// `v`: shaded grids as numbers, or back to shades; said in the status bar, and said when this step has none.
    mutating func toggleShades() {
        guard frame?.grids.contains(where: { $0.shading != nil }) == true else {
            message = "no grid of this step is drawn as shades"
            return
        }
        showShades.toggle()
        message = showShades ? "shades: v shows their numbers" : "numbers: v shows them as shades again"
    }
}
