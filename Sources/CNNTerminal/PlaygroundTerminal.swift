@preconcurrency import CNCurses
import CNNTutorUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Terminal {
    /// Runs the playground until its `update` asks to quit (q), or Ctrl-C, SIGTERM or SIGHUP. Throws
    /// `TerminalUnavailable` when the terminal cannot be used; the terminal is restored on every way out.
    public static func run(_ state: inout PlaygroundState,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TerminalExit {
        try runScreens(environment: environment, start: { colors, width, height in
            state.options.colors = colors
            state.update(.resize(width: width, height: height))
        }, render: {
            PlaygroundView.render(state)
        }, update: { key in
            state.update(key) == .quit
        })
    }

    /// The curses loop for any pure state → screen pair: `start` learns the colours and size, `render` draws,
    /// `update` applies a key and says whether to leave.
    static func runScreens(environment: [String: String], start: (_ colors: Bool, _ width: Int, _ height: Int) -> Void,
                           render: () -> Screen, update: (Key) -> Bool) throws -> TerminalExit {
        try check(environment: environment)
        Signals.installQuitHandlers()
        guard let screenPointer = newterm(nil, fdopen(1, "w"), fdopen(0, "r")) else {
            throw TerminalUnavailable(message: "unknown terminal type '\(environment["TERM"] ?? "")'"
                                      + " (no terminfo entry); set TERM (e.g. xterm-256color) or \(plainHint)")
        }
        set_term(screenPointer)
        guard let window = stdscr else {
            endwin()
            throw TerminalUnavailable(message: "cannot start curses; \(plainHint)")
        }
        Signals.installCrashHandlers(resetSequence: resetSequence())
        defer {
            endwin()
            delscreen(screenPointer)
            Signals.removeCrashHandlers()
        }
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var painter = Painter(window: window, colors: has_colors() && !noColor)
        if painter.colors {
            start_color()
            use_default_colors()
        }
        start(painter.colors, Int(getmaxx(window)), Int(getmaxy(window)))
        return readKeys(window: window, painter: &painter, render: render, update: update)
    }

    /// Draws, reads a key, applies it, until `update` says to leave or a quit signal arrives.
    private static func readKeys(window: UnsafeMutablePointer<WINDOW>, painter: inout Painter, render: () -> Screen,
                                 update: (Key) -> Bool) -> TerminalExit {
        var previous: Screen?
        var errors = 0
        while true {
            let signal = pendingSignal.exchange(0, ordering: .relaxed)
            if signal != 0 { return .signal(signal) }
            let screen = render()
            painter.draw(screen, over: previous)
            previous = screen
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            let key: Key?
            switch result {
            case KEY_CODE_YES:
                key = functionKey(Int32(character), window: window)
                if case .resize = key {
                    previous = nil
                    clearok(window, true)
                }
            case OK:
                key = characterKey(UInt32(character))
            default:
                // Interrupted by a signal (checked at the top), or input is gone (the terminal closed).
                if pendingSignal.load(ordering: .relaxed) == 0 {
                    errors += 1
                    if errors > 50 { return .signal(SIGHUP) }
                }
                continue
            }
            errors = 0
            if let key, update(key) { return .quit }
        }
    }
}
