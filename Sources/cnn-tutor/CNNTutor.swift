import ArgumentParser
import CNNBundle

/// The root command. Subcommands are listed here; `CommandRunner` does the parsing, running and the
/// one-line error reporting for all of them.
@main
struct CNNTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn-tutor",
        abstract: "An interactive terminal tutor for the mathematics of convolutional neural networks.",
        version: "cnn-tutor \(TutorBundle.version) (commit \(TutorBundle.commit))",
        subcommands: [Tutor.self, Compute.self, List.self, Show.self, Check.self, Play.self, Train.self, New.self,
                      Follow.self, ProblemCommand.self, ExamCommand.self, ReportCommand.self, SheetCommand.self,
                      DrillCommand.self],
        defaultSubcommand: Tutor.self
    )

    static func main() {
        CommandRunner.run(CNNTutor.self)
    }
}
