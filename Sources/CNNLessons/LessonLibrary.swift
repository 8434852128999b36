import CNNBundle
import FoundationEssentials

/// The lessons a student can open: the bundled ones (embedded in the binary) and an instructor's own folders.
/// Listing reads only each file's header, so start-up does not grow with the number of lessons; a lesson is
/// parsed, validated and planned when it is opened (`LazyLesson.player`). A file whose header is bad is reported
/// and skipped; the rest still load. A user lesson whose id a bundled one already has is reported, never
/// silently overriding it.
public struct LessonLibrary: Sendable {
    /// In menu order (by `order`, then id).
    public private(set) var entries: [LazyLesson] = []
    /// Problems found while listing: unreadable headers, missing folders, clashing ids.
    public private(set) var issues: [LessonIssue] = []
    /// The file of each id listed so far: a clash is found in one look-up, so listing 100,000 files is linear.
    private var fileByID: [String: String] = [:]

    /// The environment variable naming extra lesson folders (separated by ':').
    public static let environmentVariable = "CNN_TUTOR_LESSONS"

    public static func load(userDirectories: [String],
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> LessonLibrary {
        var library = LessonLibrary()
        for file in TutorBundle.lessonFiles {
            library.add(bundled: file)
        }
        let fromEnvironment = environment[environmentVariable].map { $0.split(separator: ":").map(String.init) } ?? []
        for directory in userDirectories + fromEnvironment {
            library.add(directory: directory)
        }
        library.entries.sort { ($0.header.order, $0.header.id) < ($1.header.order, $1.header.id) }
        return library
    }

    public var headers: [LessonHeader] { entries.map(\.header) }

    /// The lesson with this id, loaded now if it was not yet; nil when no lesson has that id.
    public func lesson(id: String) -> Result<Lesson, LessonIssues>? {
        entries.first { $0.header.id == id }?.lesson
    }

    /// Every lesson loaded (for checks and tests): the ones that load, and the problems of the ones that do not.
    public func loadAll() -> (lessons: [Lesson], issues: [LessonIssue]) {
        var lessons: [Lesson] = [], issues: [LessonIssue] = []
        for entry in entries {
            switch entry.lesson {
            case .success(let lesson): lessons.append(lesson)
            case .failure(let found): issues += found.issues
            }
        }
        return (lessons, issues)
    }

    /// A folder's lesson files, or one lesson file named instead of a folder (what `--watch` edits).
    mutating func add(directory: String) {
        guard let files = Self.lessonFiles(in: directory) ?? Self.lessonFile(directory) else {
            issues.append(LessonIssue("no such lesson folder", at: SourceLocation(file: directory, line: 1, column: 1)))
            return
        }
        for file in files { add(file: file) }
    }

    /// The paths of the lesson files (`*.yaml`, `*.yml`) in a folder, sorted by name; nil when `directory` is not
    /// a folder. Whether each is a regular file is left to the reader, which says why one is not.
    public static func lessonFiles(in directory: String) -> [String]? {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory else {
            return nil
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        return names.map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
    }

    /// `[path]` when `path` is a lesson file (`*.yaml`, `*.yml`, not a folder); nil otherwise.
    static func lessonFile(_ path: String) -> [String]? {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml"), FileManager.default.fileExists(atPath: path) else {
            return nil
        }
        return [path]
    }

    mutating func add(file: String) {
        add(LessonLoader.header(file: file), embeddedText: nil)
    }

    /// A lesson embedded in the binary, named `Lessons/NAME` in every message as in the source tree.
    mutating func add(bundled file: BundledLessonFile) {
        let name = "Lessons/" + file.name
        add(HeaderScanner.header(file: name, text: file.text), embeddedText: file.text)
    }

    mutating func add(_ header: Result<LessonHeader, LessonIssues>, embeddedText: String?) {
        switch header {
        case .failure(let problems):
            issues.append(contentsOf: problems.issues)
        case .success(let header):
            if let existing = fileByID[header.id] {
                issues.append(LessonIssue(
                    "lesson id '\(header.id)' is already used by \(existing); this file is skipped",
                    at: SourceLocation(file: header.file, line: 1, column: 1)))
            } else {
                fileByID[header.id] = header.file
                entries.append(LazyLesson(header: header, embeddedText: embeddedText))
            }
        }
    }
}
