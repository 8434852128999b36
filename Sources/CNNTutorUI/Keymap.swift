/// One binding: the keys that do something, how the help names them, what they do, and the status bar's
/// short form (after bubbles' `key.Binding`: a key and its help text in one value). `update`, the `?`
/// screen, the status-bar hints and `cnn-tutor help tutor` all read the same table, so they cannot drift.
public struct KeyBinding<Action: Sendable>: Sendable {
    public let keys: [Key]
    /// The keys as the help shows them ("→ l space").
    public let label: String
    public let help: String
    /// The status bar's hint ("→ next"); nil for bindings the status bar leaves to the help.
    public let hint: String?
    public let action: Action

    public init(_ keys: [Key], _ label: String, _ help: String, hint: String? = nil, _ action: Action) {
        self.keys = keys
        self.label = label
        self.help = help
        self.hint = hint
        self.action = action
    }
}

extension Array {
    /// The action bound to `key` in a table of bindings (the first binding that lists it).
    public func action<Action>(for key: Key) -> Action? where Element == KeyBinding<Action> {
        first { $0.keys.contains(key) }?.action
    }
}

/// What a key does in the lesson view. A new binding is a case here, its line in `Keymap.lessonTable`, and its
/// line in `TutorState.perform(_:)`: a setting of the session (like `showSymbols`) toggled there, or an effect
/// for the driver appended to `effects` (as `.quit` is).
public enum LessonAction: Sendable, CaseIterable {
    case next, previous, nextValue, previousValue, first, last, goTo, overview, nextLesson, previousLesson, menu
    case symbols, shades, indexBase, flipKernel, edit, randomize, original, practice, playground, pointer
    case scrollDown, scrollUp, blackout, zoomIn, zoomOut, help, quit
}

public enum MenuAction: Sendable, CaseIterable {
    case up, down, first, last, open, back, drill, help, quit
}

/// Keys of the answer box (a quiz, or a running sum in practice mode) and of edit mode's number.
public enum AnswerAction: Sendable, CaseIterable {
    case type, erase, clear, check
    /// A multiple-choice quiz's letter: checked at once.
    case pick
    /// `x` on a "which cell?" quiz: the pointer comes on, in the grid asked about.
    case point
}

public enum EditAction: Sendable, CaseIterable {
    case left, right, up, down, nextGrid, previousGrid, type, erase, set, leave
}

public enum GoToAction: Sendable, CaseIterable {
    case type, erase, go, cancel
}

/// Keys of the pointer (`x`); the keys it does not take are the lesson's, so stepping keeps pointing.
public enum PointerAction: Sendable, CaseIterable {
    case left, right, up, down, nextGrid, previousGrid, off
}

/// Keys of the overview of the lesson's steps (`O`).
public enum OverviewAction: Sendable, CaseIterable {
    case up, down, pageUp, pageDown, first, last, jump, back, help
}

/// Keys of a follower (`cnn-tutor follow`): while attached, these are the only keys.
public enum FollowAction: Sendable, CaseIterable {
    case detach, attach, help, quit
}

public enum Keymap {
    static func characters(_ text: String) -> [Key] { text.map { .character($0) } }

    /// The characters of a number as typed: digits, sign, decimal point, fraction bar.
    static let numberKeys = characters("0123456789-−./")
    /// Zoom, the same in the lesson and the playground; = and _ for keyboards where + and − need Shift (and for
    /// an answer box, where − types a minus).
    static let zoomInKeys = characters("+=")
    static let zoomOutKeys = characters("-_")

    /// The lesson view's keys; in --present mode, `presentLesson`.
    public static let lesson = lessonTable(present: false, following: false)
    /// --present mode's keys: a presentation remote's PgDn/PgUp step (reveal.js's convention), so the narration
    /// scrolls with ] and [ alone, and q asks first.
    public static let presentLesson = lessonTable(present: true, following: false)
    /// A follower's keys once detached (`d`): a follower keeps no progress.
    public static let followerLesson = lessonTable(present: false, following: true)

    public static func lesson(present: Bool, following: Bool = false) -> [KeyBinding<LessonAction>] {
        present ? presentLesson : following ? followerLesson : lesson
    }

    static func lessonTable(present: Bool, following: Bool) -> [KeyBinding<LessonAction>] {
        let clicker = present ? [
            // One row in the help for both, as + and − share one: the help fits 80×24 with v among the keys.
            KeyBinding([.pageDown], "PgDn PgUp", "clicker: next / back", LessonAction.next),
            KeyBinding([.pageUp], "PgDn PgUp", "clicker: next / back", LessonAction.previous),
        ] : []
        let scroll = present ? [
            KeyBinding([.character("]")], "]", "narration down", LessonAction.scrollDown),
            KeyBinding([.character("[")], "[", "narration up", LessonAction.scrollUp),
        ] : [
            KeyBinding([.pageDown, .character("]")], "PgDn  ]", "narration down", LessonAction.scrollDown),
            KeyBinding([.pageUp, .character("[")], "PgUp  [", "narration up", LessonAction.scrollUp),
        ]
        let quit = present ? "quit (q asks first)" : following ? "quit" : "quit (saves progress)"
        return [
            KeyBinding([.right, .character("l"), .character(" ")], "→ l space", "next term", hint: "→ next", .next),
            KeyBinding([.left, .character("h"), .backspace], "← h Backspace", "previous term", hint: "← back",
                       .previous),
        ] + clicker + [
            KeyBinding([.down, .character("j")], "↓  j", "next value", hint: "↓↑ value", .nextValue),
            KeyBinding([.up, .character("k")], "↑  k", "previous value", .previousValue),
            KeyBinding([.home], "Home", "first step", .first),
            KeyBinding([.end], "End", "last step", .last),
            KeyBinding([.character("g")], "g 12 · g 2,3", "go to that step / cell", hint: "g go", .goTo),
            KeyBinding([.character("O")], "O", "overview of the steps", hint: "O steps", .overview),
            KeyBinding([.tab], "Tab", "next lesson", .nextLesson),
            KeyBinding([.backTab], "Shift-Tab", "previous lesson", .previousLesson),
            KeyBinding([.character("m")], "m", "the menu of lessons", hint: "m menu", .menu),
            KeyBinding([.character("s")], "s", "symbols ↔ numbers", hint: "s symbols", .symbols),
            KeyBinding([.character("v")], "v", "shades ↔ numbers", .shades),
            KeyBinding([.character("i")], "i", "indices from 1 ↔ from 0", .indexBase),
            KeyBinding([.character("c")], "c", "convolve ↔ correlate", .flipKernel),
            KeyBinding([.character("t")], "t", "practice running sums", hint: "t practice", .practice),
            KeyBinding([.character("e")], "e", "edit a number", hint: "e edit", .edit),
            KeyBinding([.character("r")], "r", "random small integers", hint: "r random", .randomize),
            KeyBinding([.character("o")], "o", "original numbers", .original),
            KeyBinding([.character("p")], "p", "playground (q returns)", hint: "p play", .playground),
            KeyBinding([.character("x")], "x", "point at a cell", .pointer),
        ] + scroll + [
            KeyBinding([.character("b"), .character(".")], "b  .", "blackout until any key", .blackout),
            KeyBinding(zoomInKeys, "+ -  = _", "zoom in / out", hint: "+/- zoom", .zoomIn),
            KeyBinding(zoomOutKeys, "+ -  = _", "zoom in / out", .zoomOut),
            KeyBinding([.character("?")], "?", "this help", hint: "? help", .help),
            KeyBinding([.character("q")], "q  Ctrl-C", quit, hint: "q quit", .quit),
        ]
    }

    public static let menu = menuTable(present: false)
    public static let presentMenu = menuTable(present: true)

    public static func menu(present: Bool) -> [KeyBinding<MenuAction>] { present ? presentMenu : menu }

    static func menuTable(present: Bool) -> [KeyBinding<MenuAction>] { [
        KeyBinding([.up, .character("k"), .backTab], "↑  k", "previous lesson", hint: "↑↓ choose", .up),
        KeyBinding([.down, .character("j"), .tab], "↓  j", "next lesson", .down),
        KeyBinding([.home], "Home", "first lesson", .first),
        KeyBinding([.end], "End", "last lesson", .last),
        KeyBinding([.enter, .right, .character("l"), .character(" ")], "Enter  →", "open the lesson",
                   hint: "Enter open", .open),
        KeyBinding([.escape, .character("m"), .left, .character("h")], "m  Esc  ←", "back to the lesson",
                   hint: "m back to the lesson", .back),
        KeyBinding([.character("d")], "d", "drill: generated problems, the ones you miss come back", hint: "d drill",
                   .drill),
        KeyBinding([.character("?")], "?", "this help", hint: "? help", .help),
        KeyBinding([.character("q")], "q", present ? "quit (asks first)" : "quit (progress is saved)", hint: "q quit",
                   .quit),
    ] }

    public static let answer: [KeyBinding<AnswerAction>] = [
        KeyBinding(numberKeys, "0-9 - . /", "a number (3/4 works)", .type),
        KeyBinding([.backspace], "Backspace", "erase", .erase),
        KeyBinding([.escape], "Esc", "clear", .clear),
        KeyBinding([.enter], "Enter", "check", hint: "type your answer, Enter checks", .check),
    ]

    /// A multiple-choice quiz's keys (a–f take those letters from the lesson's keys while it is on screen).
    public static let choice: [KeyBinding<AnswerAction>] = [
        KeyBinding(characters("abcdef"), "a-f", "choose that answer (checked at once)",
                   hint: "a-f choose", .pick),
    ]

    /// A "which cell?" quiz's keys: the row and column typed, or the cell pointed at (x, the arrows, Enter).
    public static let cellAnswer: [KeyBinding<AnswerAction>] = [
        KeyBinding(characters("0123456789 ,"), "0-9 space", "row and column of the cell (\"2 3\")",
                   hint: "type row column, Enter", .type),
        // Not the arrows, which step on as everywhere else: x is the pointer's key already.
        KeyBinding([.character("x")], "x", "point at the cell with the arrows, then Enter", hint: "x point",
                   .point),
        KeyBinding([.backspace], "Backspace", "erase", .erase),
        KeyBinding([.escape], "Esc", "clear", .clear),
        KeyBinding([.enter], "Enter", "check", .check),
    ]

    public static let edit: [KeyBinding<EditAction>] = [
        KeyBinding([.left, .character("h")], "←", "left", .left),
        KeyBinding([.right, .character("l")], "→", "right", .right),
        KeyBinding([.up, .character("k")], "↑", "up", .up),
        KeyBinding([.down, .character("j")], "↓", "down", .down),
        KeyBinding([.tab], "Tab", "next grid", hint: "Tab grid", .nextGrid),
        KeyBinding([.backTab], "Shift-Tab", "previous grid", .previousGrid),
        KeyBinding(numberKeys, "0-9", "a number", hint: "type a number, Enter", .type),
        KeyBinding([.backspace, .delete], "Backspace", "erase", .erase),
        KeyBinding([.enter], "Enter", "set it", .set),
        KeyBinding([.escape, .character("e")], "Esc", "leave", hint: "Esc leaves", .leave),
    ]

    public static let goTo: [KeyBinding<GoToAction>] = [
        KeyBinding(characters("0123456789,"), "0-9 ,", "a step, or row,column of an output cell", .type),
        KeyBinding([.backspace], "Backspace", "erase", .erase),
        KeyBinding([.enter], "Enter", "go", hint: "Enter goes", .go),
        KeyBinding([.escape, .character("g"), .character("q")], "Esc", "cancel", hint: "Esc cancels", .cancel),
    ]

    public static let pointer: [KeyBinding<PointerAction>] = [
        KeyBinding([.left, .character("h")], "←", "left", .left),
        KeyBinding([.right, .character("l")], "→", "right", .right),
        KeyBinding([.up, .character("k")], "↑", "up", .up),
        KeyBinding([.down, .character("j")], "↓", "down", .down),
        KeyBinding([.tab], "Tab", "next grid", hint: "Tab grid", .nextGrid),
        KeyBinding([.backTab], "Shift-Tab", "previous grid", .previousGrid),
        KeyBinding([.escape, .character("x")], "x  Esc", "pointer off", hint: "x off", .off),
    ]

    public static let overview: [KeyBinding<OverviewAction>] = [
        KeyBinding([.up, .character("k")], "↑  k", "previous step", hint: "↑↓ choose", .up),
        KeyBinding([.down, .character("j")], "↓  j", "next step", .down),
        KeyBinding([.pageUp], "PgUp", "a page up", .pageUp),
        KeyBinding([.pageDown], "PgDn", "a page down", .pageDown),
        KeyBinding([.home], "Home", "first step", .first),
        KeyBinding([.end], "End", "last step", .last),
        KeyBinding([.enter, .right, .character("l")], "Enter  →", "go to that step", hint: "Enter jumps", .jump),
        KeyBinding([.escape, .character("O"), .left, .character("h")], "Esc  O  ←", "back where you were",
                   hint: "Esc returns", .back),
        KeyBinding([.character("?")], "?", "this help", .help),
    ]

    public static let follow: [KeyBinding<FollowAction>] = [
        KeyBinding([.character("d")], "d", "detach: explore on your own", hint: "d explore", .detach),
        KeyBinding([.character("a")], "a", "attach: follow the presenter again", hint: "a follow", .attach),
        KeyBinding([.character("?")], "?", "this help", hint: "? help", .help),
        KeyBinding([.character("q")], "q  Ctrl-C", "quit", hint: "q quit", .quit),
    ]

    /// The status bar's hints of a table, in its order.
    static func hints<Action>(_ table: [KeyBinding<Action>]) -> [String] { table.compactMap(\.hint) }

    /// One line for a secondary table in the help: "in edit mode: ← cell to the left · → …".
    static func summary<Action>(_ table: [KeyBinding<Action>]) -> String {
        table.map { "\($0.label) \($0.help)" }.joined(separator: " · ")
    }

    /// The keys of every mode as lists, one key a line, for `cnn-tutor help tutor` and the man page (where a line
    /// that starts with a space starts a new output line).
    ///
    /// - Parameter text: how labels and help are written: as they are, or in ASCII for the man page (the key
    ///   column is aligned after it).
    public static func discussion(_ text: (String) -> String = { $0 }) -> String {
        [("Keys in a lesson:", list(lesson, text)), ("With --present (instead):", list(presentOnly, text)),
         ("On a quiz or in practice:", list(answer, text)), ("On a multiple-choice quiz:", list(choice, text)),
         ("On a which-cell quiz:", list(cellAnswer, text)), ("In edit mode:", list(edit, text)),
         ("With the pointer on (x):", list(pointer, text)), ("In the overview (O):", list(overview, text)),
         ("In the menu:", list(menu, text)), ("Following (cnn-tutor follow):", list(follow, text))]
            .map { heading, lines in ([heading] + lines).joined(separator: "\n") }
            .joined(separator: "\n\n")
    }

    /// The bindings --present mode changes (the clicker's PgDn/PgUp, narration scroll, q), as it has them.
    static var presentOnly: [KeyBinding<LessonAction>] {
        presentLesson.filter { present in !lesson.contains { $0.label == present.label && $0.help == present.help } }
    }

    /// "  → l space        next term": the keys in a column, then what they do.
    static func list<Action>(_ table: [KeyBinding<Action>], _ text: (String) -> String) -> [String] {
        list(rows(table), text)
    }

    /// A table's label and help, one row each; bindings that share both (+ and −) share a row.
    static func rows<Action>(_ table: [KeyBinding<Action>]) -> [(String, String)] {
        table.reduce(into: []) { rows, binding in
            if let last = rows.last, last == (binding.label, binding.help) { return }
            rows.append((binding.label, binding.help))
        }
    }

    /// Rows of keys and what they do as lines, the keys in a column.
    static func list(_ rows: [(String, String)], _ text: (String) -> String) -> [String] {
        let rows = rows.map { (text($0.0), text($0.1)) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, help in "  " + label + String(repeating: " ", count: width + 2 - label.count) + help }
    }
}
