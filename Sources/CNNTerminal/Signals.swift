import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The last SIGINT/SIGTERM/SIGHUP received, 0 for none. Written by the handler, read by the loop.
let pendingSignal = Atomic<Int32>(0)

/// Terminal state to put back if the program crashes while ncurses owns the terminal. Filled before the
/// crash handlers are installed and only read by them, with async-signal-safe calls (tcsetattr, write).
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var haveSavedTermios = false
nonisolated(unsafe) private var resetBytes: UnsafeMutablePointer<UInt8>? = nil
nonisolated(unsafe) private var resetCount = 0
nonisolated(unsafe) private var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
nonisolated(unsafe) private var crashHandlersInstalled = false

let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

enum Signals {
    /// SIGINT, SIGTERM and SIGHUP set `pendingSignal`; no SA_RESTART, so a blocking read returns ERR at once
    /// and the loop can leave curses and exit. Installed before `newterm` so ncurses keeps them.
    static func installQuitHandlers() {
        _ = pendingSignal.load(ordering: .relaxed) // initialise the global outside any handler
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                pendingSignal.store(number, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    /// Remembers the terminal's modes (before curses changes them) and the escape sequences that leave the
    /// alternate screen, then installs handlers that restore both on a crash and re-raise the signal.
    static func installCrashHandlers(resetSequence: String) {
        if tcgetattr(0, &savedTermios) == 0 { haveSavedTermios = true }
        let bytes = Array(resetSequence.utf8)
        resetBytes?.deallocate()
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        resetBytes = buffer
        resetCount = bytes.count
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                restoreTerminalAfterCrash()
                // Put back whatever handled this signal before (the default, or Swift's backtracer) and let
                // it run once this handler returns.
                sigaction(number, previousActions.advanced(by: Int(number)), nil)
                raise(number)
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

}

/// Async-signal-safe: terminal modes back, then the bytes that leave the alternate screen and show the cursor.
private func restoreTerminalAfterCrash() {
    if haveSavedTermios { tcsetattr(0, TCSANOW, &savedTermios) }
    if let resetBytes, resetCount > 0 { _ = write(1, resetBytes, resetCount) }
}
