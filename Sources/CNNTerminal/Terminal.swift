@preconcurrency import CNCurses
import CNNTutorUI
import Dispatch
import FoundationEssentials
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Why the tutor cannot take over this terminal; the message is one line, printed as `error: …`.
public struct TerminalUnavailable: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// How the tutor ended.
public enum TerminalExit: Equatable, Sendable {
    case quit
    case signal(Int32)

    /// 0, or 128 + the signal (130 for Ctrl-C, 143 for SIGTERM).
    public var status: Int32 {
        switch self {
        case .quit: 0
        case .signal(let number): 128 + number
        }
    }
}

/// What the terminal offers, found before curses starts.
public struct TerminalCapabilities: Sendable {
    /// The locale is UTF-8 (otherwise the screens are drawn in ASCII).
    public var unicode: Bool
}

/// What a key did to a program, for the driver.
public enum KeyOutcome: Equatable, Sendable {
    /// What the program shows may have changed: its screen is drawn again.
    case changed
    /// Nothing the program shows changed (a setting already at its bound): nothing is drawn.
    case unchanged
    /// The program is done.
    case done
}

/// What the driver runs: a program that draws screens and takes keys. The driver knows nothing else of it.
public protocol TerminalProgram {
    /// Called once curses has started: the terminal's size, and whether it shows colours.
    mutating func start(width: Int, height: Int, colors: Bool)
    func view() -> Screen
    /// Applies a key (a resize too).
    mutating func handle(_ key: Key) -> KeyOutcome
    /// How often, in milliseconds, `tick` is called while no key comes; nil (the default) for never.
    var tickInterval: Int32? { get }
    /// Looks at the world outside the terminal (a follower's share file): called every `tickInterval` ms.
    mutating func tick() -> KeyOutcome
}

extension TerminalProgram {
    public var tickInterval: Int32? { nil }
    public mutating func tick() -> KeyOutcome { .unchanged }
}

/// The ncurses driver: draws the screens a `TerminalProgram` computes, writing only the cells that changed,
/// and feeds it keys.
public enum Terminal {
    static let plainHint = "use `cnn-tutor show --plain` for text output"

    /// Checks what can be checked before curses starts: stdin and stdout are terminals, TERM is usable.
    public static func check(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            let which = isatty(0) != 1 ? (isatty(1) != 1 ? "stdin and stdout are" : "stdin is") : "stdout is"
            throw TerminalUnavailable(message: "the tutor needs a terminal, but \(which) not a terminal; \(plainHint)")
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty {
            throw TerminalUnavailable(message: "TERM is not set, so the terminal type is unknown; "
                                      + "set TERM (e.g. xterm-256color) or \(plainHint)")
        }
        if term == "dumb" {
            throw TerminalUnavailable(message: "TERM=dumb cannot show the full-screen tutor; \(plainHint)")
        }
    }

    /// Sets the locale from the environment; the screens use UTF-8 box drawing when it is UTF-8.
    public static func prepareLocale() -> TerminalCapabilities {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        return TerminalCapabilities(unicode: codeset == "UTF-8" || codeset == "UTF8")
    }

    /// Runs `program` until it is done, or Ctrl-C, SIGTERM or SIGHUP. Throws `TerminalUnavailable` when the
    /// terminal cannot be used.
    public static func run<Program: TerminalProgram>(
        _ program: inout Program, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> TerminalExit {
        try check(environment: environment)
        Signals.installTutorHandlers()
        let trace = Trace(path: environment["CNN_TUTOR_TRACE"])

        // newterm takes LINES and COLUMNS, when set, over the terminal's own size: they are set to that size,
        // clamped, so that curses never allocates another.
        let size = ScreenSize.resolve(terminal: windowSize(), environment: environment)
        setenv("LINES", String(size.height), 1)
        setenv("COLUMNS", String(size.width), 1)
        guard let screenPointer = newterm(nil, fdopen(1, "w"), fdopen(0, "r")) else {
            throw TerminalUnavailable(message: "unknown terminal type '\(environment["TERM"] ?? "")' "
                                      + "(no terminfo entry); set TERM (e.g. xterm-256color) or \(plainHint)")
        }
        set_term(screenPointer)
        guard let window = stdscr else {
            endwin()
            throw TerminalUnavailable(message: "cannot start curses; \(plainHint)")
        }
        // The bytes that undo what curses did to the terminal, for the crash handler.
        Signals.installCrashHandlers(resetSequence: resetSequence(), environment: environment)
        defer { Signals.removeCrashHandlers() }
        setModes(window)

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var painter = Painter(window: window, colors: has_colors() && !noColor)
        if painter.colors {
            start_color()
            use_default_colors()
        }
        program.start(width: Int(getmaxx(window)), height: Int(getmaxy(window)), colors: painter.colors)
        let exit = loop(&program, painter: &painter, trace: trace)
        endwin()
        delscreen(screenPointer)
        return exit
    }

    private static func setModes(_ window: UnsafeMutablePointer<WINDOW>) {
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)
    }

    /// Draws, takes the keys typed, and draws again once they are all applied, until the program is done or a
    /// signal ends it.
    private static func loop<Program: TerminalProgram>(_ program: inout Program, painter: inout Painter,
                                                       trace: Trace) -> TerminalExit {
        let window = painter.window
        var reader = KeyReader(window: window)
        var previous: Screen?
        var needsDrawing = true
        var firstFrame = true
        var lastTick = DispatchTime.now().uptimeNanoseconds
        while true {
            switch Signals.takePending() {
            case .quit(let signal):
                return .signal(signal)
            case .redraw: // resized, or continued after Ctrl-Z: the screen is not what curses last drew
                if let key = resizeToTerminal(window) { _ = program.handle(key) }
                previous = nil
                clearok(window, true)
                needsDrawing = true
            case .none:
                break
            }
            if needsDrawing {
                let screen = program.view()
                painter.draw(screen, over: previous)
                previous = screen
                needsDrawing = false
                if firstFrame {
                    trace.firstFrame()
                    firstFrame = false
                }
            }
            // A signal that came while drawing or saving would otherwise wait for the next key.
            if pendingSignals.load(ordering: .relaxed) != 0 { continue }
            switch reader.nextKeys(timeout: program.tickInterval) {
            case .keys(let keys):
                for key in keys {
                    let started = DispatchTime.now().uptimeNanoseconds
                    switch program.handle(key) {
                    case .changed: needsDrawing = true
                    case .unchanged: break
                    case .done: return .quit
                    }
                    trace.key(started: started, program: program)
                }
            case .interrupted, .timedOut:
                break
            case .closed:
                return .signal(SIGHUP)
            }
            // Due ticks come between keys too, so that a held key does not starve them.
            if let interval = program.tickInterval,
               DispatchTime.now().uptimeNanoseconds - lastTick >= UInt64(interval) * 1_000_000 {
                lastTick = DispatchTime.now().uptimeNanoseconds
                switch program.tick() {
                case .changed: needsDrawing = true
                case .unchanged: break
                case .done: return .quit
                }
            }
        }
    }

    /// The terminal's size from TIOCGWINSZ, nil when it does not say.
    static func windowSize() -> ScreenSize? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return ScreenSize(width: Int(size.ws_col), height: Int(size.ws_row))
    }

    /// After SIGWINCH (or a stop, during which the terminal may have changed): curses resized to the terminal's
    /// size, clamped, and the key that tells the program; nil when the size is unchanged or unknown.
    static func resizeToTerminal(_ window: UnsafeMutablePointer<WINDOW>) -> Key? {
        guard let reported = windowSize() else { return nil }
        let size = ScreenSize.resolve(terminal: reported, environment: [:])
        guard size.width != Int(getmaxx(window)) || size.height != Int(getmaxy(window)) else { return nil }
        resizeterm(Int32(size.height), Int32(size.width))
        return .resize(width: size.width, height: size.height)
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        default: return nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32: return nil
        default:
            return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    /// sgr0, cnorm, rmkx and rmcup from terminfo (xterm's when missing): what endwin would send.
    static func resetSequence() -> String {
        func capability(_ name: String, _ fallback: String) -> String {
            guard let pointer = tigetstr(name), Int(bitPattern: pointer) != -1 else { return fallback }
            return String(cString: pointer)
        }
        return capability("sgr0", "\u{1B}[m") + capability("cnorm", "\u{1B}[?25h") + capability("rmkx", "")
            + capability("rmcup", "\u{1B}[?1049l") + "\r\n"
    }
}

/// Reads the keys for the loop: waits for one, then takes every key already typed without waiting, so that a
/// held key's backlog is applied at once and drawn once.
struct KeyReader {
    let window: UnsafeMutablePointer<WINDOW>
    /// Failed reads in a row with no signal to explain them; past 50 the terminal is taken to be gone.
    private var failures = 0

    /// Keys taken in one go at most, so that an endless paste is still drawn now and then.
    static let batchLimit = 256

    enum Input {
        case keys([Key])
        /// A signal came, or a read failed once: the loop looks at the signals and reads again.
        case interrupted
        /// No key came within the timeout.
        case timedOut
        /// Input is gone (the terminal closed).
        case closed
    }

    init(window: UnsafeMutablePointer<WINDOW>) {
        self.window = window
    }

    /// Waits for a key (at most `timeout` ms, or for ever when nil), then takes those already typed.
    mutating func nextKeys(timeout: Int32? = nil) -> Input {
        var character: wint_t = 0
        wtimeout(window, timeout ?? -1)
        let started = DispatchTime.now().uptimeNanoseconds
        let result = wget_wch(window, &character)
        guard result == OK || result == KEY_CODE_YES else {
            // No SA_RESTART: a signal ends the read with ERR, and the loop acts on it.
            if pendingSignals.load(ordering: .relaxed) != 0 { return .interrupted }
            // ERR after waiting is the timeout; at once, a closed terminal (which never waits).
            let waitedMilliseconds = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            if let timeout, waitedMilliseconds >= UInt64(timeout / 2) {
                failures = 0
                return .timedOut
            }
            failures += 1
            return failures > 50 ? .closed : .interrupted
        }
        failures = 0
        var keys = Self.key(result, character).map { [$0] } ?? []
        nodelay(window, true)
        defer { nodelay(window, false) }
        while keys.count < Self.batchLimit, pendingSignals.load(ordering: .relaxed) == 0 {
            let next = wget_wch(window, &character)
            guard next == OK || next == KEY_CODE_YES else { break }
            if let key = Self.key(next, character) { keys.append(key) }
        }
        return .keys(keys)
    }

    private static func key(_ result: Int32, _ character: wint_t) -> Key? {
        result == KEY_CODE_YES ? Terminal.functionKey(Int32(character)) : Terminal.characterKey(UInt32(character))
    }
}

/// Writes screens to curses: only the cells that differ from the previous screen, grouped in runs of one
/// style; never clear() per frame.
struct Painter {
    let window: UnsafeMutablePointer<WINDOW>
    let colors: Bool
    var pairs: [Int: Int16] = [:]

    init(window: UnsafeMutablePointer<WINDOW>, colors: Bool) {
        self.window = window
        self.colors = colors
    }

    static let bold: attr_t = 1 << (13 + 8)
    static let reverse: attr_t = 1 << (10 + 8)
    static let underline: attr_t = 1 << (9 + 8)
    static let dim: attr_t = 1 << (12 + 8)

    mutating func attributes(_ style: Style) -> attr_t {
        var value: attr_t = 0
        if style.bold { value |= Self.bold }
        if style.reverse { value |= Self.reverse }
        if style.underline { value |= Self.underline }
        if style.dim { value |= Self.dim }
        if colors && style.usesColor {
            let key = Int(style.foreground.rawValue) << 8 | Int(style.background.rawValue)
            let pair: Int16
            if let existing = pairs[key] {
                pair = existing
            } else if pairs.count + 1 < Int(COLOR_PAIRS) {
                pair = Int16(pairs.count + 1)
                init_pair(pair, Self.cursesColor(style.foreground), Self.cursesColor(style.background))
                pairs[key] = pair
            } else {
                pair = 0
            }
            value |= attr_t(COLOR_PAIR(Int32(pair)))
        }
        return value
    }

    static func cursesColor(_ color: TerminalColor) -> Int16 {
        switch color {
        case .standard: -1
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }

    mutating func draw(_ screen: Screen, over previous: Screen?) {
        let comparable = previous.map { $0.width == screen.width && $0.height == screen.height } ?? false
        let rows = min(screen.height, Int(getmaxy(window)))
        let columns = min(screen.width, Int(getmaxx(window)))
        for row in 0..<rows {
            var column = 0
            while column < columns {
                let cell = screen[row, column]
                if comparable, previous![row, column] == cell {
                    column += 1
                    continue
                }
                // A run of changed cells with one style.
                let start = column
                var text = ""
                text.unicodeScalars.append(cell.character)
                column += 1
                while column < columns {
                    let next = screen[row, column]
                    if next.style != cell.style || (comparable && previous![row, column] == next) { break }
                    text.unicodeScalars.append(next.character)
                    column += 1
                }
                wattrset(window, Int32(bitPattern: attributes(cell.style)))
                mvwaddstr(window, Int32(row), Int32(start), text)
            }
        }
        wattrset(window, 0)
        wrefresh(window)
    }
}

/// Timing lines for measurements (CNN_TUTOR_TRACE=file): the first frame's wall-clock time, and how long
/// each key took from read to the new state (the screen is built right after and timed with the next).
struct Trace {
    /// The trace file, emptied when opened; nil without CNN_TUTOR_TRACE or when it cannot be opened.
    let descriptor: Int32?

    init(path: String?) {
        guard let path, !path.isEmpty else {
            descriptor = nil
            return
        }
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        descriptor = opened >= 0 ? opened : nil
    }

    func firstFrame() {
        guard descriptor != nil else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        write("first-frame \(Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec))\n")
    }

    func key<Program: TerminalProgram>(started: UInt64, program: Program) {
        guard descriptor != nil else { return }
        let updated = DispatchTime.now().uptimeNanoseconds
        _ = program.view()
        let rendered = DispatchTime.now().uptimeNanoseconds
        write("key update-ns \(updated - started) render-ns \(rendered - updated)\n")
    }

    /// One line, whole (a short write to a regular file happens only when the disk is full; the trace then ends).
    private func write(_ line: String) {
        guard let descriptor else { return }
        var line = line
        _ = line.withUTF8 { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }
}
