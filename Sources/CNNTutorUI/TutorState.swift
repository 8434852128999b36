import CNNLessons

/// How the tutor is shown.
public struct TutorOptions: Equatable, Sendable {
    /// Instructor mode: larger cells, less chrome, the step counter prominent; e, r and o ask first.
    public var present: Bool
    /// Draw with ASCII only.
    public var ascii: Bool
    /// The terminal has colours (and NO_COLOR is not set); otherwise reverse, bold and underline.
    public var colors: Bool
    /// Where progress is saved, for the help screen.
    public var progressLocation: String?

    public init(present: Bool = false, ascii: Bool = false, colors: Bool = true, progressLocation: String? = nil) {
        self.present = present
        self.ascii = ascii
        self.colors = colors
        self.progressLocation = progressLocation
    }
}

public enum TutorMode: Equatable, Sendable {
    case lesson
    case menu
}

/// Where the cursor of edit mode is: a grid of the frame (one with a `source`), a cell, the number typed.
public struct EditCursor: Equatable, Sendable {
    public var grid: Int
    public var row: Int
    public var column: Int
    public var buffer: String

    public init(grid: Int, row: Int, column: Int, buffer: String = "") {
        self.grid = grid
        self.row = row
        self.column = column
        self.buffer = buffer
    }
}

/// Something that changes the lesson's numbers, asked for in --present mode.
public enum Confirmation: Equatable, Sendable {
    case edit, randomize, original

    var question: String {
        switch self {
        case .edit: "Edit the numbers of this lesson in front of the class? (y/n)"
        case .randomize: "Replace this step's numbers with random ones? (y/n)"
        case .original: "Restore the lesson's original numbers? (y/n)"
        }
    }
}

/// A line of input the tutor is collecting on the status line.
public enum Prompt: Equatable, Sendable {
    case none
    /// `g`, digits, Enter.
    case goTo(String)
    case edit(EditCursor)
    case confirm(Confirmation)
}

/// The answer given to a quiz in this session.
public struct QuizFeedback: Equatable, Sendable {
    public var answer: String
    public var verdict: QuizPrompt.Verdict
}

/// Everything the tutor shows, as a value: `update(_:)` applies a key, `TutorView.render(_:)` draws it.
public struct TutorState: Sendable {
    public var options: TutorOptions
    public var width: Int
    public var height: Int
    public private(set) var entries: [LessonEntry]
    /// The lesson open (or last open) in the lesson view; nil when there is none.
    public private(set) var lessonIndex: Int?
    /// 0-based fine step in the lesson.
    public private(set) var step: Int
    /// The frame at `step`, computed once per move so that drawing never recomputes it.
    public private(set) var frame: Frame?
    public private(set) var mode: TutorMode
    public private(set) var menuSelection: Int
    public private(set) var showingHelp: Bool
    public private(set) var showSymbols: Bool
    public private(set) var prompt: Prompt
    public private(set) var quizAnswer: String
    public private(set) var quizFeedback: [String: QuizFeedback]
    /// A one-shot line for the status bar, gone at the next key.
    public var message: String?
    public private(set) var progress: TutorProgress
    /// Bumped whenever `progress` changes, so the driver knows when to save.
    public private(set) var progressRevision: Int
    public private(set) var narrationScroll: Int
    public private(set) var shouldQuit: Bool
    /// Seed of the next `r`.
    public var seed: UInt64

    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// - Parameters:
    ///   - startLesson: a lesson id to open (--lesson), else the saved one, else the first.
    ///   - startStep: a 0-based step to open at (--step N − 1), else the saved one.
    ///   - notice: a line shown on the status bar until the first key (e.g. a corrupt progress file).
    public init(entries: [LessonEntry], progress: TutorProgress = TutorProgress(), options: TutorOptions = TutorOptions(),
                width: Int = 100, height: Int = 30, startLesson: String? = nil, startStep: Int? = nil,
                notice: String? = nil, seed: UInt64 = 1) {
        self.options = options
        self.width = width
        self.height = height
        self.entries = entries
        self.progress = progress
        progressRevision = 0
        lessonIndex = nil
        step = 0
        frame = nil
        mode = .menu
        menuSelection = 0
        showingHelp = false
        showSymbols = false
        prompt = .none
        quizAnswer = ""
        quizFeedback = [:]
        message = notice
        narrationScroll = 0
        shouldQuit = false
        self.seed = seed

        // Lessons load when first needed: try the wanted one, then the others in order, stopping at one that loads.
        let wanted = startLesson ?? progress.currentLesson
        let wantedIndex = wanted.flatMap { id in entries.firstIndex { $0.id == id } }
        let index = ((wantedIndex.map { [$0] } ?? []) + Array(entries.indices)).first { entries[$0].current != nil }
        if let index {
            open(index, at: startStep)
        } else if let wanted, let broken = entries.firstIndex(where: { $0.id == wanted }) {
            menuSelection = broken
        }
        if message == nil, entries.isEmpty {
            message = "no lessons found"
        }
    }

    // MARK: Derived

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    public var currentEntry: LessonEntry? { lessonIndex.map { entries[$0] } }
    public var currentSource: (any StepSource)? { currentEntry?.current }
    public var stepCount: Int { currentSource?.stepCount ?? 0 }

    /// The indices of the frame's grids that edit mode can change.
    public var editableGrids: [Int] {
        frame?.grids.indices.filter { frame?.grids[$0].source != nil } ?? []
    }

    // MARK: Update

    public mutating func update(_ key: Key) {
        if case .resize(let newWidth, let newHeight) = key {
            width = newWidth
            height = newHeight
            return
        }
        message = nil
        if isTooSmall {
            if key == .character("q") { shouldQuit = true }
            return
        }
        if showingHelp {
            showingHelp = false
            return
        }
        switch mode {
        case .menu: updateMenu(key)
        case .lesson: updateLesson(key)
        }
    }

    public mutating func update(_ keys: [Key]) {
        for key in keys { update(key) }
    }

    private mutating func updateMenu(_ key: Key) {
        let count = entries.count
        switch key {
        case .up, .character("k"), .backTab:
            menuSelection = max(0, menuSelection - 1)
        case .down, .character("j"), .tab:
            menuSelection = min(max(0, count - 1), menuSelection + 1)
        case .home:
            menuSelection = 0
        case .end:
            menuSelection = max(0, count - 1)
        case .enter, .right, .character("l"), .character(" "):
            guard count > 0 else { return }
            if let problem = entries[menuSelection].problem {
                message = "\(entries[menuSelection].id) cannot be played: \(problem)"
            } else {
                open(menuSelection, at: nil)
            }
        case .escape, .character("m"), .left, .character("h"):
            if lessonIndex != nil { mode = .lesson }
        case .character("?"):
            showingHelp = true
        case .character("q"):
            shouldQuit = true
        default:
            break
        }
    }

    private mutating func updateLesson(_ key: Key) {
        guard let source = currentSource else {
            mode = .menu
            return
        }
        switch prompt {
        case .goTo(let digits):
            updateGoTo(key, digits: digits)
            return
        case .confirm(let what):
            prompt = .none
            if key == .character("y") || key == .character("Y") {
                perform(what, confirmed: true)
            } else {
                message = "cancelled: nothing changed"
            }
            return
        case .edit(let cursor):
            updateEdit(key, cursor: cursor)
            return
        case .none:
            break
        }

        if let quiz = frame?.quiz, handleQuiz(key, quiz: quiz) { return }

        switch key {
        case .right, .character("l"), .character(" "):
            move(to: step + 1)
        case .left, .character("h"), .backspace:
            move(to: step - 1)
        case .down, .character("j"):
            move(to: source.nextValue(after: step))
        case .up, .character("k"):
            move(to: source.previousValue(before: step))
        case .home:
            move(to: 0)
        case .end:
            move(to: stepCount - 1)
        case .character("g"):
            prompt = .goTo("")
        case .tab:
            switchLesson(by: 1)
        case .backTab:
            switchLesson(by: -1)
        case .character("m"):
            mode = .menu
            menuSelection = lessonIndex ?? 0
        case .character("s"):
            showSymbols.toggle()
        case .character("e"):
            perform(.edit, confirmed: false)
        case .character("r"):
            perform(.randomize, confirmed: false)
        case .character("o"):
            perform(.original, confirmed: false)
        case .pageDown:
            narrationScroll += 3
        case .pageUp:
            narrationScroll = max(0, narrationScroll - 3)
        case .character("?"):
            showingHelp = true
        case .character("q"):
            shouldQuit = true
        case .escape:
            break
        case .character(let character) where character.isNumber:
            message = frame?.quiz == nil ? "to jump to a step, press g, then its number, then Enter" : nil
        default:
            break
        }
    }

    /// Typing an answer: digits, '-', '.', '/', Enter; Backspace and Esc edit it. Returns whether the key
    /// was taken.
    private mutating func handleQuiz(_ key: Key, quiz: QuizPrompt) -> Bool {
        switch key {
        case .character(let character) where "0123456789-−./".contains(character):
            if quizAnswer.count < 24 { quizAnswer.append(character == "−" ? "-" : character) }
            return true
        case .backspace where !quizAnswer.isEmpty:
            quizAnswer.removeLast()
            return true
        case .escape where !quizAnswer.isEmpty:
            quizAnswer = ""
            return true
        case .enter:
            guard !quizAnswer.isEmpty else {
                message = "type your answer (e.g. 5, -1.5 or 3/4), then Enter"
                return true
            }
            let verdict = quiz.check(quizAnswer)
            if verdict == .unreadable {
                message = "\"\(quizAnswer)\" is not a number: type e.g. 5, -1.5 or 3/4"
                return true
            }
            quizFeedback[quiz.id] = QuizFeedback(answer: quizAnswer, verdict: verdict)
            if let id = currentEntry?.id {
                progress.record(quiz: quiz.id, lesson: id, answer: quizAnswer, right: verdict == .right)
                progressRevision += 1
            }
            quizAnswer = ""
            return true
        default:
            return false
        }
    }

    private mutating func updateGoTo(_ key: Key, digits: String) {
        switch key {
        case .character(let character) where character.isASCII && character.isNumber:
            prompt = digits.count < 7 ? .goTo(digits + String(character)) : .goTo(digits)
        case .backspace:
            prompt = digits.isEmpty ? .none : .goTo(String(digits.dropLast()))
        case .enter:
            prompt = .none
            guard let number = Int(digits) else { return }
            if number < 1 || number > stepCount {
                message = "no step \(number): this lesson has steps 1 to \(stepCount)"
            }
            move(to: number - 1)
        case .escape, .character("g"), .character("q"):
            prompt = .none
        default:
            break
        }
    }

    private mutating func perform(_ action: Confirmation, confirmed: Bool) {
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
            entries[index].current = source.randomized(at: step, seed: seed)
            entries[index].isModified = true
            seed &+= 1
            refreshFrame()
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
            entries[index].current = original
            entries[index].isModified = false
            refreshFrame()
            message = "the lesson's original numbers are back"
        }
    }

    private func initialCursor(defaultGrid: Int) -> EditCursor {
        guard let grids = frame?.grids else { return EditCursor(grid: defaultGrid, row: 0, column: 0) }
        for index in editableGrids {
            for (r, row) in grids[index].cells.enumerated() {
                if let c = row.firstIndex(where: { $0.highlight == .active }) {
                    return EditCursor(grid: index, row: r, column: c)
                }
            }
        }
        // The first cell that is not padding.
        for (r, row) in grids[defaultGrid].cells.enumerated() {
            if let c = row.firstIndex(where: { $0.highlight != .padding }) {
                return EditCursor(grid: defaultGrid, row: r, column: c)
            }
        }
        return EditCursor(grid: defaultGrid, row: 0, column: 0)
    }

    private mutating func updateEdit(_ key: Key, cursor: EditCursor) {
        guard let grids = frame?.grids, cursor.grid < grids.count else {
            prompt = .none
            return
        }
        var cursor = cursor
        let editable = editableGrids
        let grid = grids[cursor.grid]
        let position = editable.firstIndex(of: cursor.grid) ?? 0
        switch key {
        case .left, .character("h"):
            if cursor.column > 0 {
                cursor.column -= 1
            } else if position > 0 {
                cursor.grid = editable[position - 1]
                cursor.column = grids[cursor.grid].columnCount - 1
                cursor.row = min(cursor.row, grids[cursor.grid].rowCount - 1)
            }
        case .right, .character("l"):
            if cursor.column < grid.columnCount - 1 {
                cursor.column += 1
            } else if position < editable.count - 1 {
                cursor.grid = editable[position + 1]
                cursor.column = 0
                cursor.row = min(cursor.row, grids[cursor.grid].rowCount - 1)
            }
        case .up, .character("k"):
            cursor.row = max(0, cursor.row - 1)
        case .down, .character("j"):
            cursor.row = min(grid.rowCount - 1, cursor.row + 1)
        case .tab, .backTab:
            let next = (position + (key == .tab ? 1 : editable.count - 1)) % editable.count
            cursor.grid = editable[next]
            cursor.row = min(cursor.row, grids[cursor.grid].rowCount - 1)
            cursor.column = min(cursor.column, grids[cursor.grid].columnCount - 1)
        case .character(let character) where "0123456789-−./".contains(character):
            if cursor.buffer.count < 12 { cursor.buffer.append(character == "−" ? "-" : character) }
        case .backspace, .delete:
            if !cursor.buffer.isEmpty { cursor.buffer.removeLast() }
        case .enter:
            guard !cursor.buffer.isEmpty else {
                message = "type a number first, then Enter"
                break
            }
            guard let value = Self.number(cursor.buffer) else {
                message = "\"\(cursor.buffer)\" is not a number"
                cursor.buffer = ""
                break
            }
            apply(value, cursor: cursor)
            cursor.buffer = ""
        case .escape:
            if !cursor.buffer.isEmpty {
                cursor.buffer = ""
            } else {
                prompt = .none
                return
            }
        case .character("e"):
            prompt = .none
            return
        case .resize:
            break
        default:
            message = "edit mode: move with arrows or hjkl, type a number, Enter; Esc leaves"
        }
        if case .edit = prompt { prompt = .edit(cursor) }
    }

    private mutating func apply(_ value: Double, cursor: EditCursor) {
        guard let index = lessonIndex, let source = entries[index].current,
              let grid = frame?.grids[cursor.grid], let plane = grid.source else { return }
        do {
            let changed = try source.replacingValue(value, in: plane, row: cursor.row, column: cursor.column, at: step)
            entries[index].current = changed
            entries[index].isModified = true
            let cell = grid.cells[cursor.row][cursor.column]
            refreshFrame()
            message = "\(cell.symbol) = \(Self.format(value)): everything recomputed"
        } catch let refused as EditRefused {
            message = refused.message
        } catch {
            message = "\(error)"
        }
    }

    static func number(_ text: String) -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, let numerator = Double(parts[0]), let denominator = Double(parts[1]), denominator != 0 {
            return numerator / denominator
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    // MARK: Moving

    /// Opens lesson `index` at `step` (0-based), or where the student left it.
    private mutating func open(_ index: Int, at requested: Int?) {
        guard let source = entries[index].current else { return }
        lessonIndex = index
        menuSelection = index
        mode = .lesson
        prompt = .none
        let saved = progress.lessons[entries[index].id]?.step ?? 0
        step = Self.clamp(requested ?? saved, count: source.stepCount)
        quizAnswer = ""
        narrationScroll = 0
        refreshFrame()
        recordVisit()
    }

    private mutating func switchLesson(by offset: Int) {
        guard let current = lessonIndex, !entries.isEmpty else { return }
        // The nearest lesson in that direction that loads (lessons load when first needed).
        let count = entries.count
        let next = (1..<max(count, 1)).lazy.map { (current + offset * $0 % count + count) % count }
            .first { self.entries[$0].current != nil }
        if let next, next != current { open(next, at: nil) }
    }

    private mutating func move(to target: Int) {
        let clamped = Self.clamp(target, count: stepCount)
        guard clamped != step else { return }
        step = clamped
        quizAnswer = ""
        narrationScroll = 0
        refreshFrame()
        recordVisit()
    }

    private mutating func refreshFrame() {
        guard let source = currentSource else {
            frame = nil
            return
        }
        step = Self.clamp(step, count: source.stepCount)
        frame = source.stepCount > 0 ? source.frame(at: step) : nil
        if case .edit(var cursor) = prompt {
            // Keep the cursor on a grid that can still be edited.
            let editable = editableGrids
            if editable.isEmpty {
                prompt = .none
            } else {
                if !editable.contains(cursor.grid) { cursor.grid = editable[0] }
                let grid = frame!.grids[cursor.grid]
                cursor.row = min(cursor.row, max(0, grid.rowCount - 1))
                cursor.column = min(cursor.column, max(0, grid.columnCount - 1))
                prompt = .edit(cursor)
            }
        }
    }

    private mutating func recordVisit() {
        guard let entry = currentEntry else { return }
        let before = progress
        progress.visit(lesson: entry.id, step: step, stepCount: entry.stepCount)
        if progress != before { progressRevision += 1 }
    }

    private static func clamp(_ step: Int, count: Int) -> Int {
        max(0, min(step, count - 1))
    }
}

/// Why an edit was refused ("that cell is padding"), for the status line.
public struct EditRefused: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
