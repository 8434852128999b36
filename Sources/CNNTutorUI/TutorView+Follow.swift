import CNNSafeText

/// The status line of the pointer (`x`) and of a follower.
extension TutorView {
    /// "POINT X23 = 4 (Input X)   arrows move · Tab grid · x off".
    static func pointerStatus(_ state: TutorState, theme: Theme) -> StyledLine {
        let hints = ["arrows move"] + Keymap.hints(Keymap.pointer)
        return StyledLine([Segment("POINT", theme.message), Segment(" ", theme.status),
                           Segment(state.pointerDescription ?? "", theme.status.with(bold: true)),
                           Segment("   " + hints.joined(separator: " · "), theme.status)])
    }

    /// An attached follower's line: why the presenter's view cannot be shown, or what is followed (with the
    /// presenter's pointer) and the keys; nil for a tutor that follows no one, or explores on its own.
    static func followingStatus(_ state: TutorState, theme: Theme) -> StyledLine? {
        guard let following = state.following, following.isAttached else { return nil }
        if let problem = following.problem {
            return StyledLine([Segment(" " + problem + " ", theme.message)])
        }
        let path = TerminalText.singleLine(following.path)
        var segments = [Segment("FOLLOWING", theme.message), Segment(" " + path, theme.status)]
        if let pointed = state.pointerDescription {
            segments.append(Segment(" · " + pointed, theme.status.with(bold: true)))
        }
        let hints = Keymap.hints(Keymap.follow).filter { $0 != "a follow" }
        segments.append(Segment("   " + hints.joined(separator: " · "), theme.status))
        return StyledLine(segments)
    }
}
