import ArgumentParser
import CNNCore
import CNNSafeText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command line and turns every failure into the tutor's error contract: exactly one line on
/// stderr starting with `error:`, nothing on stdout, and an exit status between 1 and 127
/// (64 for a malformed command line, 65 for input the mathematics refuses, 74 when output cannot be written).
enum CommandRunner {
    static let usageStatus: Int32 = 64
    static let dataStatus: Int32 = 65

    static func run<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]? = nil) -> Never {
        // A closed pipe must end the program with a status, not a signal.
        signal(SIGPIPE, SIG_IGN)
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as CLIError {
            fail(error.message, status: error.status)
        } catch let error as CoreError {
            fail(error.description, status: dataStatus)
        } catch {
            let code = root.exitCode(for: error)
            if code == .success {
                // --help, help SUBCOMMAND, --version: the requested text on stdout. The dump the man page and
                // completion generators read is made ASCII here: the man page generator drops everything else.
                let message = root.fullMessage(for: error)
                let text = isDumpingHelp ? ManualText.helpDump(message) : message
                let out = TextOutput()
                out.line(text)
                out.flush()
                exit(0)
            }
            let status = (1..<128).contains(code.rawValue) ? code.rawValue : usageStatus
            let message = unknownSubcommand(root, arguments: arguments) ?? root.message(for: error)
            // These messages quote what the user typed: a value, an option, a command.
            fail(shorteningQuotes(oneLine(message), longerThan: NumberToken.quotedCharacters), status: status)
        }
    }

    /// Whether this run prints the help dump that the man page and completion generators read (which must be ASCII,
    /// and is laid out for roff).
    static let isDumpingHelp = CommandLine.arguments.contains("--experimental-dump-help")

    /// Paths and other text quoted in the tutor's own messages are shown whole unless absurdly long.
    static let longestQuote = 200

    /// Every 'quoted' span longer than `limit` characters cut to its first 20 and "…", so that a
    /// 100 KB argument cannot make a 100 KB error line.
    static func shorteningQuotes(_ message: String, longerThan limit: Int) -> String {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        // Odd-numbered parts lie between quotes; an unmatched last quote leaves its tail as it is.
        return parts.enumerated().map { index, part in
            let quoted = index % 2 == 1 && index < parts.count - 1
            guard quoted, part.count > limit else { return String(part) }
            return String(part.prefix(NumberToken.quotedCharacters)) + "…"
        }.joined(separator: "'")
    }

    /// After a parse failure: names an unknown or missing subcommand ("unknown operation 'bogus'"), which
    /// ArgumentParser would report as a puzzling "Unknown option '--input'". Nil when the words before the
    /// first option all name commands.
    static func unknownSubcommand(_ root: any ParsableCommand.Type, arguments: [String]) -> String? {
        var command = root
        var depth = 0
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            // `_commandName` is the name ArgumentParser derives from the type when none is configured.
            let names = subcommands.map { $0._commandName }
            let noun = depth == 0 ? "command" : "operation"
            if argument.hasPrefix("-") {
                if ["-h", "--help", "-help", "--version", "--"].contains(argument) { return nil }
                return "missing \(noun) before '\(argument)': expected one of \(names.joined(separator: ", "))"
            }
            guard let next = subcommands.first(where: { $0._commandName == argument }) else {
                if argument == "help" && depth == 0 { return nil }
                return "unknown \(noun) '\(argument)': expected one of \(names.joined(separator: ", "))"
            }
            command = next
            depth += 1
        }
        return nil
    }

    /// Prints "error: <message>" as one line on stderr and exits with `status`. The message may quote lesson
    /// text and what the user typed: every control character and line break in it is shown, not sent.
    static func fail(_ message: String, status: Int32) -> Never {
        let text = "error: " + TerminalText.singleLine(shorteningQuotes(message, longerThan: longestQuote)) + "\n"
        var bytes: [UInt8] = []
        OutputEncoding.append(text, form: .readable, charset: Charset.current, to: &bytes)
        // Written directly, not through `TextOutput`, whose own write errors end up here.
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(2, base + offset, raw.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        exit(status)
    }

    /// The first non-empty line of an ArgumentParser message, without its own "Error: " prefix; an
    /// empty message (an `ExitCode` thrown without text) becomes a generic one.
    static func oneLine(_ message: String) -> String {
        var line = message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: " \t") }
            .first(where: { !$0.isEmpty }) ?? "the command failed"
        for prefix in ["Error: ", "error: "] where line.hasPrefix(prefix) {
            line.removeFirst(prefix.count)
        }
        return line
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var slice = self
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
