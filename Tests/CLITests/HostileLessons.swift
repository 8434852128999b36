import Foundation

/// Lessons written to drive the terminal of whoever lists, checks or shows them (issue 13, item 2): every text
/// field, and the file names, carry an OSC 2 title change, an OSC 52 clipboard write, ESC[2J, an OSC 8 link and a
/// C1 CSI (U+009B); the narration and the file names a bidi override too (in a title, summary or step title the
/// loader refuses one, issue 13 item 3).
enum HostileLessons {
    /// The terminal controls as YAML's double-quoted escapes spell them.
    static let yamlControls = #"\e]2;pwned\a \e]52;c;cHduZWQ=\a \e[2J \e]8;;http://evil.example/\e\\link\e]8;;\e\\ "#
        + #"\x9b31m"#

    /// The controls and a bidi override, for the narration.
    static let yamlSequences = yamlControls + #" \u202Egnp.exe"#

    /// The controls as the lesson loader reads them.
    static let controls = "\u{1B}]2;pwned\u{07} \u{1B}]52;c;cHduZWQ=\u{07} \u{1B}[2J "
        + "\u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\ \u{9B}31m"

    /// The controls and the bidi override as the lesson loader reads them.
    static let sequences = controls + " \u{202E}gnp.exe"

    /// As `TerminalText` shows the controls: each written visibly.
    static let shownControls = #"\e]2;pwned\a \e]52;c;cHduZWQ=\a \e[2J \e]8;;http://evil.example/\e\link\e]8;;\e\ "#
        + #"\u{9b}31m"#

    /// As `TerminalText` shows the sequences: every control and the bidi override written visibly.
    static let shownSequences = shownControls + #" \u{202e}gnp.exe"#

    /// A lesson that loads and plays: its title, summary, step title and narration are hostile.
    static let playable = """
        id: hostile-text
        title: "Title \(yamlControls)"
        summary: "Summary \(yamlControls)"
        steps:
          - title: "Step \(yamlControls)"
            say: "Say \(yamlSequences)\\nsecond line \\e[31m red"
            op: conv
            input: "1 2; 3 4"
            filter: "1"

        """

    /// A lesson whose header lists but whose step is refused, the refusal quoting its operation.
    static let unplayable = """
        id: hostile-broken
        title: "Broken \(yamlControls)"
        summary: s
        steps:
          - title: t
            op: "\\e]52;c;cHduZWQ=\\a"

        """
    static let unplayableFileName = "evil\u{1B}]2;file\u{07}\u{9B}2J\u{202E}lmth.yaml"
    static let shownUnplayableFileName = #"evil\e]2;file\a\u{9b}2J\u{202e}lmth.yaml"#

    /// A file whose header cannot be read (no title), reported by `list` with its name.
    static let headless = "id: hostile-headless\nsummary: \"\\e]2;x\\a\"\nsteps: []\n"
    static let headlessFileName = "head\u{1B}[2J\u{9B}1m\u{202E}.yaml"

    /// A fresh folder holding the three lessons; the caller removes it.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = ["hostile-text.yaml": playable, unplayableFileName: unplayable, headlessFileName: headless]
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// The scalars in `text` that drive a terminal or reorder what it shows: C0 controls but newline and tab, DEL,
    /// C1 controls, bidi controls, zero-width characters and the Unicode line and paragraph separators.
    static func terminalActive(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F: true
            case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
            default: false
            }
        }
    }
}
