import ArgumentParser
import CNNLessons
import FoundationEssentials

/// `cnn-tutor new ID`: a commented starter lesson that passes `check --strict`, to edit into one's own.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a commented starter lesson, ID.yaml, that passes `check --strict`.",
        discussion: "Edit it, check it with `cnn-tutor check ID.yaml`, and open it with `cnn-tutor --lessons DIR` "
            + "(the folder holding it). The format is described in docs/lesson-format.md."
    )

    @Argument(help: "The new lesson's id: lowercase letters, digits and dashes.")
    var id: String

    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("Where to write it (default ID.yaml here; - for standard output).", valueName: "FILE"))
    var output: String?

    @Flag(help: "Replace a file that is already there.")
    var force = false

    func validate() throws {
        guard StarterLesson.isValidID(id) else {
            throw ValidationError("'\(id)' is not a lesson id: use lowercase letters, digits and dashes")
        }
    }

    func run() throws {
        let text = StarterLesson.text(id: id)
        let path = output ?? id + ".yaml"
        if path == "-" {
            let out = TextOutput()
            out.write(text)
            out.flush()
            return
        }
        if !force && FileManager.default.fileExists(atPath: path) {
            CommandRunner.fail("\(path) is already there (--force replaces it)", status: 1)
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            CommandRunner.fail("cannot write \(path): \(FileError.reason(error))", status: 1)
        }
        // The folder as the user wrote it, so the advice can be pasted where they are.
        let folder = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        print("wrote \(path); check it with `cnn-tutor check \(path)`, open it with `cnn-tutor --lessons \(folder)`")
    }
}
