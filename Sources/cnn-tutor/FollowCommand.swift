import ArgumentParser
import CNNLessons
import CNNShare
import CNNTerminal
import CNNTutorUI
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `cnn-tutor follow PATH`: a student's tutor showing what the presenter's (`--present --share PATH`) shows.
struct Follow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Show the presenter's lesson and step, live, from the file their `--present --share PATH` writes.",
        discussion: """
            The file is read ten times a second: put it where the class already shares files (an NFS home, an \
            SSHFS mount, a synced folder), or run the follower where the file is: \
            `ssh -t lab cnn-tutor follow /srv/class/now.json`. While following, the screen is the presenter's \
            (read-only): d explores on your own, a follows again, q quits. A missing or unreadable file is said on \
            the status line and read again until it is right. Following keeps no progress. Needs a terminal of \
            at least 80×24.
            """
    )

    @Argument(help: ArgumentHelp("The presenter's share file.", valueName: "PATH"), completion: .file())
    var path: String

    @Option(name: .customLong("lessons"),
            help: ArgumentHelp("A folder of your own lessons, as the presenter's (repeatable; also "
                               + "$\(LessonLibrary.environmentVariable)).", valueName: "DIR"))
    var lessonDirectories: [String] = []

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            try Terminal.check(environment: environment)
        } catch let error as TerminalUnavailable {
            throw CLIError(error.message, status: 1)
        }
        let capabilities = Terminal.prepareLocale()
        let (entries, issues) = try Tutor.loadEntries(lessonDirectories)
        let options = TutorOptions(ascii: display.ascii || !capabilities.unicode)
        var state = TutorState(entries: entries, options: options, width: 80, height: 24, startStep: 0,
                               notice: Tutor.lessonFilesNotice(issues))
        state.startFollowing(path)
        var session = TutorSession(state: state, store: nil, follower: ShareFollower(path: path))
        let exit: TerminalExit
        do {
            exit = try Terminal.run(&session, environment: environment)
        } catch let error as TerminalUnavailable {
            throw CLIError(error.message, status: 1)
        }
        Tutor.printLines(issues)
        if exit != .quit {
            Glibc.exit(exit.status)
        }
    }
}
