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
    case help
    case quit
}

/// What the driver must do after a key.
public enum PlaygroundEffect: Equatable, Sendable {
    case none
    /// Leave the playground (back to the lesson when opened from one).
    case quit
}

/// One key binding: the keys, the action, and its help text, in one value (as bubbles' key.Binding).
public struct PlaygroundBinding: Sendable {
    public let keys: [Key]
    /// The keys as the help shows them: "H h".
    public let label: String
    public let help: String
    public let action: PlaygroundAction
    /// Its short form on the status line ("o op"); nil when only the help screen lists it.
    public let hint: String?

    init(_ keys: [Key], _ label: String, _ help: String, _ action: PlaygroundAction, hint: String? = nil) {
        self.keys = keys
        self.label = label
        self.help = help
        self.action = action
        self.hint = hint
    }
}

/// The playground's keys: `update` looks keys up here, the help screen and the status line list them.
public enum PlaygroundKeymap {
    public static let bindings: [PlaygroundBinding] = parameterBindings + [
        PlaygroundBinding([.character("o")], "o", "next operation", .cycleOperation, hint: "o op"),
        PlaygroundBinding([.tab, .backTab], "Tab", "cursor on output (gather) → input (scatter) → filter",
                          .switchFocus, hint: "Tab view"),
        PlaygroundBinding([.up], "↑ ↓ ← →", "move the cursor", .move(rows: -1, columns: 0)),
        PlaygroundBinding([.down], "↑ ↓ ← →", "move the cursor", .move(rows: 1, columns: 0)),
        PlaygroundBinding([.left], "↑ ↓ ← →", "move the cursor", .move(rows: 0, columns: -1)),
        PlaygroundBinding([.right], "↑ ↓ ← →", "move the cursor", .move(rows: 0, columns: 1)),
        PlaygroundBinding([.character("]")], "] [", "next / previous channel (input) or filter shown", .plane(1)),
        PlaygroundBinding([.character("[")], "] [", "next / previous channel (input) or filter shown", .plane(-1)),
        PlaygroundBinding([.character("e")], "e", "edit the value under the cursor (input or filter)", .edit,
                          hint: "e edit"),
        PlaygroundBinding([.character("r")], "r", "new random numbers", .randomize, hint: "r random"),
        PlaygroundBinding([.character("?")], "?", "this help; any key closes it", .help, hint: "? help"),
        PlaygroundBinding([.character("q")], "q", "leave the playground", .quit, hint: "q quit"),
    ]

    /// Upper case makes a parameter larger, lower case smaller.
    static let parameterBindings: [PlaygroundBinding] = [
        (PlaygroundParameter.inputHeight, Character("h")), (.inputWidth, "w"), (.channels, "c"), (.filters, "k"),
        (.filterSize, "f"), (.stride, "s"), (.padding, "p"), (.dilation, "d"),
        (.outputPadding, "a"),
    ].flatMap { parameter, letter -> [PlaygroundBinding] in
        let upper = Character(letter.uppercased())
        let label = "\(upper) \(letter)"
        return [PlaygroundBinding([.character(upper)], label, "\(parameter.rawValue) + 1", .increase(parameter),
                                  hint: label.replacingOccurrences(of: " ", with: "/")),
                PlaygroundBinding([.character(letter)], label, "\(parameter.rawValue) − 1", .decrease(parameter))]
    }

    public static func action(for key: Key) -> PlaygroundAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

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
    public static var statusHints: [String] { bindings.compactMap(\.hint) }
}
