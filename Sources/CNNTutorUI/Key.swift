/// A key press (or a terminal event) as the tutor understands it, whatever terminal produced it.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, backspace, delete
    case tab, backTab
    /// The terminal now has this size.
    case resize(width: Int, height: Int)

    /// Shorthand for tests: a sequence of character keys.
    public static func typing(_ text: String) -> [Key] {
        text.map { character in
            switch character {
            case "\n", "\r": return .enter
            case "\t": return .tab
            default: return .character(character)
            }
        }
    }
}
