@preconcurrency import CNCurses
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Signals received and not yet acted on, one bit per signal number. Set by the handlers, taken by the loop.
let pendingSignals = Atomic<UInt64>(0)

/// Terminal state to put back if the program crashes while ncurses owns the terminal. Filled before the
/// crash handlers are installed and only read by them, with async-signal-safe calls (tcsetattr, write).
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var haveSavedTermios = false
nonisolated(unsafe) private var resetBytes: UnsafeMutablePointer<UInt8>? = nil
nonisolated(unsafe) private var resetCount = 0
nonisolated(unsafe) private var crashNotice: UnsafeMutablePointer<UInt8>? = nil
nonisolated(unsafe) private var crashNoticeCount = 0
/// Whether a crash goes on to Swift's backtracer (only when SWIFT_BACKTRACE asks for it) or ends quietly.
nonisolated(unsafe) private var chainToBacktracer = false
nonisolated(unsafe) private var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
nonisolated(unsafe) private var crashHandlersInstalled = false

let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

enum Signals {
    /// Signals that end the tutor cleanly (progress saved, terminal restored), exit status 128 + the signal.
    /// SIGQUIT (Ctrl-\) is one of them: otherwise Swift's backtracer takes it as a crash.
    static let quitting: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Signals with nothing to say to a tutor; by default they would kill it with the terminal left raw.
    /// SIGXFSZ (past `ulimit -f`) too: the write then fails with EFBIG, and the save reports it like a full disk.
    static let ignored: [Int32] = [SIGUSR1, SIGUSR2, SIGPIPE, SIGXFSZ]

    /// What the loop should do about the signals that arrived.
    enum Action: Equatable {
        case none
        case quit(Int32)
        /// The screen is no longer what curses believes (the terminal was resized, or the process was stopped and
        /// continued): draw it all, at the terminal's size.
        case redraw
    }

    /// Installed before `newterm`, which then leaves these signals alone. The handlers only set a bit; no
    /// SA_RESTART, so a blocking read returns ERR at once and the loop acts on the signal. SIGWINCH is the
    /// loop's too, so that the size curses takes is always clamped (`ScreenSize`).
    /// Also remembers the terminal's modes for the crash handler, before curses changes them.
    static func installTutorHandlers() {
        _ = pendingSignals.load(ordering: .relaxed) // initialise the global outside any handler
        if tcgetattr(0, &savedTermios) == 0 { haveSavedTermios = true }
        for signal in quitting + [SIGTSTP, SIGCONT, SIGWINCH] {
            // A signal ignored by whoever started the tutor stays ignored (nohup; no job control), as ncurses does.
            if isIgnored(signal) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                pendingSignals.bitwiseOr(UInt64(1) << UInt64(number), ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        for signal in ignored {
            setAction(SIG_IGN, for: signal)
        }
    }

    /// Takes the pending signals. Ctrl-Z is carried out here, outside any handler: curses gives the terminal
    /// back, the process stops, and after `fg` (or any SIGCONT), as after a resize, the loop is told to redraw.
    static func takePending() -> Action {
        let bits = pendingSignals.exchange(0, ordering: .relaxed)
        if bits == 0 { return .none }
        if let quit = quitting.first(where: { bits & bit($0) != 0 }) { return .quit(quit) }
        if bits & bit(SIGTSTP) != 0 {
            suspend()
        } else if bits & bit(SIGCONT) != 0 {
            // Continued after a SIGSTOP, which could not be caught: the shell may have put its own modes (echo,
            // line editing) on the terminal meanwhile. After endwin the next refresh puts all of curses' back.
            endwin()
        }
        return .redraw
    }

    private static func bit(_ signal: Int32) -> UInt64 { UInt64(1) << UInt64(signal) }

    /// Leaves curses (terminal modes and the main screen back), stops with SIGTSTP's default action, and
    /// returns once continued; the next refresh puts curses' modes and the alternate screen back.
    private static func suspend() {
        endwin()
        var handler = sigaction()
        sigaction(SIGTSTP, nil, &handler)
        setAction(SIG_DFL, for: SIGTSTP)
        raise(SIGTSTP)
        sigaction(SIGTSTP, &handler, nil)
        // The SIGCONT that woke us is this very redraw.
        pendingSignals.bitwiseAnd(~bit(SIGCONT), ordering: .relaxed)
    }

    /// Remembers the escape sequences that leave the alternate screen, then installs handlers that restore them
    /// and the modes saved before curses started on a crash. Without SWIFT_BACKTRACE in the
    /// environment the crash then ends with one line and no report on the student's screen; with it, Swift's
    /// backtracer runs as usual.
    static func installCrashHandlers(resetSequence: String, environment: [String: String]) {
        (resetBytes, resetCount) = copy(resetSequence)
        (crashNotice, crashNoticeCount) = copy("cnn-tutor stopped on an internal error; your progress up to the "
            + "last step is saved. Run with SWIFT_BACKTRACE=enable=yes for a report to send.\r\n")
        chainToBacktracer = environment["SWIFT_BACKTRACE"] != nil
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                restoreTerminalAfterCrash()
                if chainToBacktracer {
                    sigaction(number, previousActions.advanced(by: Int(number)), nil)
                } else {
                    if let crashNotice { _ = write(2, crashNotice, crashNoticeCount) }
                    setAction(SIG_DFL, for: number)
                }
                raise(number) // runs once this handler returns
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, previousActions.advanced(by: Int(signal)))
        }
        crashHandlersInstalled = true
    }

    /// The crash handlers are no longer needed once curses has ended normally.
    static func removeCrashHandlers() {
        guard crashHandlersInstalled else { return }
        for signal in crashSignals {
            sigaction(signal, previousActions.advanced(by: Int(signal)), nil)
        }
        crashHandlersInstalled = false
    }

    /// A C buffer the handlers can write without allocating.
    private static func copy(_ text: String) -> (UnsafeMutablePointer<UInt8>, Int) {
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        return (buffer, bytes.count)
    }
}

private func isIgnored(_ number: Int32) -> Bool {
    var current = sigaction()
    sigaction(number, nil, &current)
    return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        == unsafeBitCast(SIG_IGN, to: Int.self)
}

/// SIG_IGN or SIG_DFL for one signal; async-signal-safe.
private func setAction(_ disposition: __sighandler_t?, for number: Int32) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = disposition
    sigemptyset(&action.sa_mask)
    sigaction(number, &action, nil)
}

/// Async-signal-safe: terminal modes back, then the bytes that leave the alternate screen and show the cursor.
private func restoreTerminalAfterCrash() {
    if haveSavedTermios { tcsetattr(0, TCSANOW, &savedTermios) }
    if let resetBytes, resetCount > 0 { _ = write(1, resetBytes, resetCount) }
}
