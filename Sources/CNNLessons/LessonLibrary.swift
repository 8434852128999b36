import Foundation

/// The lessons a student can open: the bundled ones and an instructor's own folders. A bad file is
/// reported and skipped; the rest still load. A user lesson whose id a bundled one already has is
/// reported, never silently overriding it.
public struct LessonLibrary: Sendable {
    public private(set) var lessons: [Lesson] = []
    public private(set) var issues: [LessonIssue] = []

    /// The environment variable naming extra lesson folders (separated by ':').
    public static let environmentVariable = "CNN_TUTOR_LESSONS"

    public static func load(userDirectories: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> LessonLibrary {
        var library = LessonLibrary()
        if let bundled = bundledDirectory() {
            library.add(directory: bundled)
        } else {
            library.issues.append(LessonIssue("the bundled lessons were not found (set \(environmentVariable) to a folder of lessons)",
                                              at: SourceLocation(file: "Lessons", line: 1, column: 1)))
        }
        let fromEnvironment = environment[environmentVariable].map { $0.split(separator: ":").map(String.init) } ?? []
        for directory in userDirectories + fromEnvironment {
            library.add(directory: directory)
        }
        library.lessons.sort { ($0.order, $0.id) < ($1.order, $1.id) }
        return library
    }

    public func lesson(id: String) -> Lesson? {
        lessons.first { $0.id == id }
    }

    mutating func add(directory: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            issues.append(LessonIssue("no such lesson folder", at: SourceLocation(file: directory, line: 1, column: 1)))
            return
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        for name in names {
            add(file: (directory as NSString).appendingPathComponent(name))
        }
    }

    mutating func add(file: String) {
        switch LessonLoader.load(file: file) {
        case .failure(let problems):
            issues.append(contentsOf: problems.issues)
        case .success(let lesson):
            if let existing = lessons.first(where: { $0.id == lesson.id }) {
                issues.append(LessonIssue("lesson id '\(lesson.id)' is already used by \(existing.file ?? "a bundled lesson"); this file is skipped",
                                          at: SourceLocation(file: file, line: 1, column: 1)))
            } else {
                lessons.append(lesson)
            }
        }
    }

    /// The bundled `Lessons/` folder: beside an installed binary (`../share/cnn-tutor/Lessons`), in the
    /// source tree the binary was built from, or found from this source file at build time.
    public static func bundledDirectory() -> String? {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        candidates.append(folder.appendingPathComponent("../share/cnn-tutor/Lessons").standardizedFileURL)
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent("Lessons"))
            folder = folder.deletingLastPathComponent()
        }
        // Sources/CNNLessons/LessonLibrary.swift → the package root.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent("Lessons"))
        return candidates.first { url in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.contains { $0.hasSuffix(".yaml") }
        }?.path
    }
}
