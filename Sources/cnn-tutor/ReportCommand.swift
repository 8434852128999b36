import ArgumentParser
import CNNCoursework
import CNNFiles
import CNNSafeText
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Which table `report` prints.
enum ReportTable: String, ExpressibleByArgument, CaseIterable {
    case grades, questions, both
}

/// `cnn-tutor report FILES… [--csv]`: the gradebook from a folder of hand-ins.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A gradebook from hand-ins: exam results, progress and drill files, one row per student.",
        discussion: """
            Folders are read with everything in them. A file that is not a cnn-tutor progress, drill or exam-result \
            file, is corrupt, or was edited after the exam (its checksum does not match) is named on stderr and \
            skipped. --csv writes what Moodle's and Canvas's grade imports read (docs/grading.md maps the columns).
            """
    )

    /// Folders inside folders are read this deep (a download of every submission nests two levels).
    static let deepestFolder = 8

    @Argument(help: ArgumentHelp("Exam-result, progress and drill files, or folders of them.", valueName: "FILE"))
    var files: [String]

    @Flag(help: "Write CSV (UTF-8, RFC 4180) for an LMS grade import instead of aligned text.")
    var csv = false

    @Option(help: ArgumentHelp("The table: grades (a row per student), questions (what the class gets wrong "
                               + "most) or both (text only; the default without --csv)."))
    var table: ReportTable?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file or folder of hand-ins") }
        if csv, table == .both {
            throw ValidationError("--csv writes one table: --table grades or --table questions")
        }
    }

    func run() throws {
        let errors = TextOutput(descriptor: 2)
        var paths: [String] = [], skipped = 0
        for file in files {
            HandInFiles.collect(file, depth: Self.deepestFolder, into: &paths) { path, reason in
                errors.line("skipped \(TerminalText.singleLine(path)): \(reason)")
                skipped += 1
            }
        }
        var handIns: [(file: String, handIn: HandIn)] = []
        for path in paths {
            switch HandInFiles.read(path) {
            case .success(let handIn): handIns.append((path, handIn))
            case .failure(let refusal):
                errors.line("skipped \(TerminalText.singleLine(path)): \(TerminalText.singleLine(refusal.reason))")
                skipped += 1
            }
        }
        let book = Gradebook(handIns)
        book.notes.forEach { errors.line("note: " + TerminalText.singleLine($0)) }
        if skipped > 0 { errors.line("report: \(handIns.count) files read, \(skipped) skipped") }
        errors.flush()
        guard !handIns.isEmpty else {
            throw CLIError("no progress, drill or exam-result file to report on among \(files.count) argument(s)")
        }
        write(book)
    }

    func write(_ book: Gradebook) {
        let out = TextOutput(form: csv ? .verbatim : .readable)
        switch (csv, table ?? (csv ? .grades : .both)) {
        case (true, .questions): out.write(GradebookTable.questionsCSV(book))
        case (true, _): out.write(GradebookTable.gradesCSV(book))
        case (false, .grades): GradebookTable.gradesText(book).forEach { out.line($0) }
        case (false, .questions): GradebookTable.questionsText(book).forEach { out.line($0) }
        case (false, .both):
            GradebookTable.gradesText(book).forEach { out.line($0) }
            out.line()
            GradebookTable.questionsText(book).forEach { out.line($0) }
        }
        out.flush()
    }
}

/// The files behind `report`'s arguments.
enum HandInFiles {
    /// Adds `path`, or every regular file under it when it is a folder (in name order, `depth` levels down),
    /// to `paths`; calls `skip` with the reason for anything that cannot be a hand-in.
    static func collect(_ path: String, depth: Int, into paths: inout [String], skip: (String, String) -> Void) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            skip(path, "cannot be read (\(String(cString: strerror(errno)).lowercased()))")
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: paths.append(path)
        // A link to a file is read (a hand-in may be linked in); one to a folder is not followed (no loops).
        case S_IFLNK where isRegularFile(path): paths.append(path)
        case S_IFDIR:
            guard depth > 0 else { return skip(path, "is a folder nested too deep; name it on its own") }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                return skip(path, "is a folder that cannot be read")
            }
            for name in names.sorted() {
                collect(PathText.joined(path, name), depth: depth - 1, into: &paths, skip: skip)
            }
        case S_IFLNK: skip(path, "is a link to something other than a file; not followed")
        default: skip(path, "is not a regular file")
        }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The hand-in in the file at `path`, or why it is none.
    static func read(_ path: String) -> Result<HandIn, HandInRefusal> {
        // One byte more than the limit tells a file that is too large without reading all of it.
        guard let bytes = readStart(of: path, count: HandIn.byteLimit + 1) else {
            return .failure(.init("cannot be read"))
        }
        return HandIn.read(Data(bytes))
    }

    /// The first `count` bytes of the file at `path` (all of it when shorter); nil when it cannot be opened or read.
    private static func readStart(of path: String, count: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < count {
            let wanted = min(chunk.count, count - bytes.count)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, wanted) }
            if got == 0 { break }
            if got < 0 && errno != EINTR { return nil }
            bytes += chunk.prefix(max(got, 0))
        }
        return bytes
    }
}
