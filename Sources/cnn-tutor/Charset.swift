import ArgumentParser
import FoundationEssentials

/// What the reader's terminal can show: all of UTF-8, or ASCII only (a locale that is not UTF-8, or `--ascii`).
/// `TextOutput` and the error line follow it; the full-screen tutor and playground make the same choice from
/// the same flag and locale.
enum Charset: Sendable {
    case utf8, ascii

    /// This run's charset, decided once before any output from the process's arguments and environment.
    static let current = Charset(arguments: Array(CommandLine.arguments.dropFirst()),
                                 environment: ProcessInfo.processInfo.environment)

    /// ASCII when `arguments` ask for it or the locale is not UTF-8.
    ///
    /// `--ascii` is looked for in the raw arguments (before a `--`), not in the parsed command: help and usage
    /// errors are printed when parsing fails, and they follow the flag too.
    init(arguments: [String], environment: [String: String]) {
        let asked = arguments.prefix { $0 != "--" }.contains(DisplayOptions.asciiFlag)
        self = asked || !Charset.localeIsUTF8(environment) ? .ascii : .utf8
    }

    /// Whether the locale's character set is UTF-8, the locale named as setlocale(LC_CTYPE, "") names it: the
    /// first of LC_ALL, LC_CTYPE and LANG that is set and not empty, else "C".
    ///
    /// The name decides, not setlocale: the command line writes its bytes itself and needs no C locale, and a
    /// UTF-8 locale that is named but not installed still tells of a UTF-8 terminal.
    /// - Parameter environment: the process's environment variables.
    static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        // language_TERRITORY.CODESET@modifier, or a bare codeset ("UTF-8", as macOS sets LC_CTYPE over ssh).
        let afterDot = name.split(separator: ".", maxSplits: 1).last ?? ""
        let codeset = afterDot.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return codeset.lowercased().replacing("-", with: "") == "utf8"
    }
}

/// `--ascii`, shared by every command that prints.
///
/// The command line's own output reads the flag through `Charset.current`, before parsing; the full-screen
/// tutor and playground read the parsed value for their screens.
struct DisplayOptions: ParsableArguments {
    static let asciiFlag = "--ascii"

    @Flag(help: "Print and draw with ASCII only, symbols spelled out (automatic when the locale is not UTF-8).")
    var ascii = false
}
