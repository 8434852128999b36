/// What a key asks the playground to do.
public enum PlaygroundAction: Equatable, Sendable {
    case increase(PlaygroundParameter)
    case decrease(PlaygroundParameter)
    case cycleOperation
    /// Tab: the cursor moves between the output (gather view), the input (scatter view) and the filter.
    case switchFocus
    case move(rows: Int, columns: Int)
    /// The channel (on the input and filter) or filter (on the output) shown.
    case plane(Int)
    case edit
    case randomize
    /// + (1) and − (−1): larger or smaller grids, as in the tutor.
    case zoom(Int)
    case help
    /// `n`: the digit pad, an 8×8 digit drawn for the trained network (`DigitPadState`).
    case digits
    case quit
}

/// What the driver must do after a key.
public enum PlaygroundEffect: Equatable, Sendable {
    case none
    /// Leave the playground (back to the lesson when opened from one).
    case quit
}

/// The playground's keys: `update` looks keys up here; the help screen, the status line and `cnn-tutor help play`
/// list them.
public enum PlaygroundKeymap {
    public static let bindings: [KeyBinding<PlaygroundAction>] = parameterBindings + [
        KeyBinding([.character("o")], "o", "next operation", hint: "o op", .cycleOperation),
        KeyBinding([.tab, .backTab], "Tab", "cursor on output (gather) → input (scatter) → filter", hint: "Tab view",
                   .switchFocus),
        KeyBinding([.up], "↑ ↓ ← →", "move the cursor", .move(rows: -1, columns: 0)),
        KeyBinding([.down], "↑ ↓ ← →", "move the cursor", .move(rows: 1, columns: 0)),
        KeyBinding([.left], "↑ ↓ ← →", "move the cursor", .move(rows: 0, columns: -1)),
        KeyBinding([.right], "↑ ↓ ← →", "move the cursor", .move(rows: 0, columns: 1)),
        KeyBinding([.character("]")], "] [", "next / previous channel (input) or filter shown", .plane(1)),
        KeyBinding([.character("[")], "] [", "next / previous channel (input) or filter shown", .plane(-1)),
        KeyBinding([.character("e")], "e", "edit the value under the cursor (input or filter)", hint: "e edit", .edit),
        KeyBinding([.character("r")], "r", "new random numbers", hint: "r random", .randomize),
        KeyBinding(Keymap.zoomInKeys, "+ -", "zoom in / out", .zoom(1)),
        KeyBinding(Keymap.zoomOutKeys, "+ -", "zoom in / out", .zoom(-1)),
        KeyBinding([.character("n")], "n", "draw a digit for the trained network (q comes back)", .digits),
        KeyBinding([.character("?")], "?", "this help; any key closes it", hint: "? help", .help),
        KeyBinding([.character("q")], "q", "leave the playground", hint: "q quit", .quit),
    ]

    /// Upper case makes a parameter larger, lower case smaller.
    static let parameterBindings: [KeyBinding<PlaygroundAction>] = [
        (PlaygroundParameter.inputHeight, Character("h")), (.inputWidth, "w"), (.channels, "c"), (.filters, "k"),
        (.filterSize, "f"), (.stride, "s"), (.padding, "p"), (.dilation, "d"),
        (.outputPadding, "a"),
    ].flatMap { parameter, letter -> [KeyBinding<PlaygroundAction>] in
        let upper = Character(letter.uppercased())
        let label = "\(upper) \(letter)"
        return [KeyBinding([.character(upper)], label, "\(parameter.rawValue) + 1",
                           hint: label.replacing(" ", with: "/"), .increase(parameter)),
                KeyBinding([.character(letter)], label, "\(parameter.rawValue) − 1", .decrease(parameter))]
    }

    public static func action(for key: Key) -> PlaygroundAction? { bindings.action(for: key) }

    /// The help screen's rows: one per label.
    public static var helpRows: [(keys: String, action: String)] {
        var rows: [(keys: String, action: String)] = []
        for binding in bindings {
            if let last = rows.last, last.keys == binding.label {
                // Keys that share a label share a row: one help text, or a parameter's "+ 1 / − 1".
                if last.action != binding.help {
                    rows[rows.count - 1].action = parameterHelp(last.action, binding.help)
                }
            } else {
                rows.append((binding.label, binding.help))
            }
        }
        return rows
    }

    /// "input height + 1" and "input height − 1" → "input height + 1 / − 1".
    private static func parameterHelp(_ first: String, _ second: String) -> String {
        first + " / " + (second.split(separator: " ").last.map { "− " + $0 } ?? second)
    }

    /// The status line's hints, from the bindings that have one: "H/h W/w … o op Tab view … q quit".
    public static var statusHints: [String] { Keymap.hints(bindings) }

    /// The keys as a list, one row of the help a line, for `cnn-tutor help play` and the man page (as
    /// `Keymap.discussion` for the tutor).
    ///
    /// - Parameter text: how labels and help are written: as they are, or in ASCII for the man page.
    public static func discussion(_ text: (String) -> String = { $0 }) -> String {
        (["Keys in the playground:"] + Keymap.list(helpRows, text) + ["", "On the digit pad (n, or play --digits):"]
            + Keymap.list(DigitPadKeymap.helpRows.map { ($0.keys, $0.action) }, text)).joined(separator: "\n")
    }
}
