/// What a key does on the digit pad.
public enum DigitPadAction: Equatable, Sendable {
    case move(rows: Int, columns: Int)
    /// Space: a pixel from blank to full ink (16) or back to 0.
    case toggle
    case darker, lighter, clear
    /// ] (1) and [ (−1): the next or previous held-out image.
    case image(Int)
    case shades, help, quit
}

/// The digit pad's keys: `DigitPadState.update` looks keys up here; its help screen, its status line and
/// `cnn-tutor help play` list them.
public enum DigitPadKeymap {
    public static let bindings: [KeyBinding<DigitPadAction>] = [
        KeyBinding([.up, .character("k")], "↑ ↓ ← →", "move the cursor", hint: "arrows move", .move(rows: -1,
                   columns: 0)),
        KeyBinding([.down, .character("j")], "↑ ↓ ← →", "move the cursor", .move(rows: 1, columns: 0)),
        KeyBinding([.left, .character("h")], "↑ ↓ ← →", "move the cursor", .move(rows: 0, columns: -1)),
        KeyBinding([.right, .character("l")], "↑ ↓ ← →", "move the cursor", .move(rows: 0, columns: 1)),
        KeyBinding([.character(" ")], "space", "pixel blank ↔ full ink (0 ↔ 16)", hint: "space ink", .toggle),
        KeyBinding(Keymap.zoomInKeys, "+ -", "pixel darker / lighter by 4", hint: "+/- shade", .darker),
        KeyBinding(Keymap.zoomOutKeys, "+ -", "pixel darker / lighter by 4", .lighter),
        KeyBinding([.character("c")], "c", "clear the grid", hint: "c clear", .clear),
        KeyBinding([.character("]")], "] [", "next / previous held-out image", hint: "[ ] image", .image(1)),
        KeyBinding([.character("[")], "] [", "next / previous held-out image", .image(-1)),
        KeyBinding([.character("v")], "v", "shades ↔ numbers", hint: "v numbers", .shades),
        KeyBinding([.character("?")], "?", "this help; any key closes it", hint: "? help", .help),
        KeyBinding([.character("q"), .escape], "q  Esc", "leave the digit pad", hint: "q leave", .quit),
    ]

    /// The help's rows: keys that share a label share a row.
    public static var helpRows: [(keys: String, action: String)] {
        Keymap.rows(bindings).map { (keys: $0.0, action: $0.1) }
    }
}
