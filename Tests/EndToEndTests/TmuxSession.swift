import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The binary under test: the `cnn-tutor` this build produced, next to the test bundle (as
/// swift-argument-parser's own tests find theirs), so a stale binary elsewhere is never tested.
let tutorBinary: String = {
    let bundleURL = Bundle(for: BundleMarker.self).bundleURL
    let products = bundleURL.lastPathComponent.hasSuffix("xctest") ? bundleURL.deletingLastPathComponent() : bundleURL
    return products.appendingPathComponent("cnn-tutor").path
}()

/// A class whose bundle is the test bundle.
private final class BundleMarker {}

/// tmux, when installed.
let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Why the tmux tests cannot run here, or nil when they can. A missing binary is not a reason: the tests
/// then fail, since they would otherwise pass without testing anything.
let skipReason: String? = tmuxPath == nil ? "tmux is not installed" : nil

struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion, capturing its output. posix_spawn and waitpid rather than Foundation's
/// Process (whose child reaping hung here), and files rather than pipes: a program that leaves a daemon
/// behind (the tmux server) would hold a pipe open forever.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Output {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-e2e-run-\(UUID().uuidString)")
    let outPath = base.path + ".out"
    let errPath = base.path + ".err"
    defer {
        unlink(outPath)
        unlink(errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let environment = environment ?? ProcessInfo.processInfo.environment
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    // The test runner's threads block most signals, and a spawned process inherits that mask: the tmux
    // server would then never see SIGCHLD or SIGTERM. Start children with no signal blocked.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    // The runner may ignore job-control signals too; an ignored SIGTSTP is inherited and Ctrl-Z would do nothing.
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2] {
        sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
        throw TimedOut(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exited = status & 0x7f == 0
    let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return Output(status: code, stdout: out, stderr: err)
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

struct MissingBinary: Error, CustomStringConvertible {
    var description: String
}

/// The tutor running in a private tmux server (its own socket, its own config), detached, at a given size.
/// The program is started by a wrapper shell that records its exit status in a file; the pane stays after
/// the program exits (remain-on-exit) so the screen it left can still be captured.
final class TmuxSession {
    let socket: String
    let directory: URL
    let stateDirectory: URL
    let statusFile: URL
    /// `stty -a` of the pane's terminal, taken by the wrapper right after the tutor exits.
    let modesFile: URL
    let target = "tutor"

    /// - Parameters:
    ///   - arguments: the tutor's arguments.
    ///   - environment: extra variables for the tutor (TERM, LANG, NO_COLOR…).
    ///   - jobControl: start the tutor from an interactive bash (typed at its prompt), so Ctrl-Z and `fg` work;
    ///     call `recordExitFromShell()` once it has exited.
    ///   - executable: the binary to run; this build's `cnn-tutor` unless a test copied it elsewhere.
    ///   - prelude: shell commands run just before the tutor, in a subshell that then becomes the tutor, so that a
    ///     limit (`ulimit -f 0`) binds the tutor alone; not with `jobControl`.
    init(width: Int = 100, height: Int = 30, arguments: [String] = [], environment: [String: String] = [:],
         stateDirectory: URL? = nil, jobControl: Bool = false, executable: String = tutorBinary,
         prelude: String? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw MissingBinary(description: "no cnn-tutor at \(executable): "
                                + "run `swift build --build-tests`")
        }
        socket = "cnn-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.stateDirectory = stateDirectory ?? directory.appendingPathComponent("state")
        statusFile = directory.appendingPathComponent("status")
        modesFile = directory.appendingPathComponent("stty")

        let conf = directory.appendingPathComponent("tmux.conf")
        try """
            set -g remain-on-exit on
            set -g default-terminal "tmux-256color"
            set -g status off
            set -g history-limit 100
            set -sg escape-time 10
            """.write(to: conf, atomically: true, encoding: .utf8)

        var variables = ["XDG_STATE_HOME": self.stateDirectory.path, "LANG": "C.UTF-8", "LC_ALL": "",
                         "NO_COLOR": "", "CNN_TUTOR_LESSONS": "", "HOME": directory.path]
        for (key, value) in environment { variables[key] = value }
        let exports = variables.sorted { $0.key < $1.key }.map { key, value in
            value.isEmpty ? "unset \(key)" : "export \(key)=\(shellQuote(value))"
        }
        let wrapper = directory.appendingPathComponent("run.sh")
        // The shell survives Ctrl-C and SIGTERM (a trap with a command, which the tutor does not inherit) to
        // record the tutor's status.
        let tutor = ([executable] + arguments).map(shellQuote).joined(separator: " ")
        try ("#!/bin/sh\ntrap : INT TERM HUP QUIT\n" + exports.joined(separator: "\n") + "\n"
            + (prelude.map { "(\($0); exec \(tutor))" } ?? tutor) + "\n"
            + "status=$?; stty -a > \(shellQuote(modesFile.path)) 2>&1\n"
            + "echo $status > \(shellQuote(statusFile.path)).tmp && "
            + "mv \(shellQuote(statusFile.path)).tmp \(shellQuote(statusFile.path))\n")
            .write(to: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper.path, 0o755)

        let command = jobControl ? "env PS1='$ ' bash --norc --noprofile -i" : wrapper.path
        try tmux(["-f", conf.path, "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", command])
        if jobControl {
            // Typed, not the wrapper: the tutor must be the job's only process, or the shell would report the
            // stopped wrapper (and take the terminal) before the tutor has given the terminal back.
            try type((exports + [tutor]).joined(separator: "; "))
            try send("Enter")
        }
    }

    /// Under job control, after the tutor has exited: the shell records its status and the terminal's modes
    /// (readline restores the modes it found once the line is read, so `stty` sees what the tutor left).
    func recordExitFromShell() throws {
        let status = shellQuote(statusFile.path)
        try type("s=$?; stty -a > \(shellQuote(modesFile.path)) 2>&1; "
            + "echo $s > \(status).tmp && mv \(status).tmp \(status)")
        try send("Enter")
    }

    /// The terminal's modes just after the tutor exited (`stty -a`), once the wrapper has recorded them.
    func terminalModesAfterExit() throws -> String {
        _ = try exitStatus()
        return try String(contentsOf: modesFile, encoding: .utf8)
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = try run(tmuxPath!, ["-L", socket] + arguments)
        return output.stdout
    }

    /// Keys in tmux's names ("Right", "C-c", "q", "Enter").
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Literal text, typed.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", target])
    }

    /// The screen and the scrollback, wrapped lines joined: what is left after the program exits (tmux's
    /// "Pane is dead" line can scroll the last output off the visible screen).
    func captureAll() throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-S", "-100", "-t", target])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Whether the pane is on the alternate screen (the tutor's), as tmux sees it.
    func alternateScreenOn() throws -> Bool {
        try tmux(["display", "-p", "-t", target,
                  "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Polls the screen until `condition` holds; throws with the last screen after `timeout` seconds.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Double = 30, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            // A capture can fall in the middle of a redraw: a screen counts once it holds still for one poll.
            if condition(screen) {
                usleep(30_000)
                if try capture() == screen { return screen }
                continue
            }
            usleep(30_000)
        }
        throw TimedOut(description: "timed out waiting for \(what); the screen was:\n\(screen)")
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30) throws -> String {
        try waitForScreen("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The tutor's exit status, once the wrapper has recorded it.
    func exitStatus(timeout: Double = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: statusFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            usleep(30_000)
        }
        throw TimedOut(description: "the tutor did not exit; the screen was:\n\((try? capture()) ?? "")")
    }

    /// The tutor's process id: the descendant of the pane's process named cnn-tutor (the wrapper shell's
    /// child, or its grandchild under an interactive bash).
    func tutorPID() throws -> pid_t {
        let pane = try tmux(["display", "-p", "-t", target, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            var parents = [pane]
            while !parents.isEmpty {
                let children = try parents.flatMap { parent in
                    try run("/usr/bin/pgrep", ["-P", parent]).stdout.split(separator: "\n").map(String.init)
                }
                let name = { (pid: String) in try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) }
                if let tutor = children.first(where: { name($0)?.hasPrefix("cnn-tutor") == true }) {
                    return pid_t(tutor)!
                }
                parents = children
            }
            usleep(20_000)
        }
        throw TimedOut(description: "no cnn-tutor process under the pane's process \(pane)")
    }
}

func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
