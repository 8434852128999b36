import Foundation
import PackagePlugin

/// Embeds `Lessons/*.yaml` and the commit being built into the target it is applied to, so that the binary alone
/// is the whole tutor: `Lessons/` stays the source of truth, and an edited, added or removed lesson is
/// embedded again on the next build.
@main
struct EmbedLessons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let lessons = try FileManager.default
            .contentsOfDirectory(at: root.appending(path: "Lessons"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLessonTexts.swift")
        // The commit is an argument, so a new commit re-runs the command (it is part of the command's signature).
        return [.buildCommand(
            displayName: "Embedding \(lessons.count) lessons",
            executable: try context.tool(named: "embed-lessons").url,
            arguments: [output.path, GitCommit.read(packageRoot: root)] + lessons.map(\.path),
            inputFiles: lessons,
            outputFiles: [output]
        )]
    }
}

/// The commit checked out in the package's git repository, read from `.git` without running git (which a build
/// machine may lack); "unknown" outside a repository.
enum GitCommit {
    static func read(packageRoot: URL) -> String {
        guard let gitDirectory = gitDirectory(packageRoot.appending(path: ".git")),
              let head = contents(gitDirectory.appending(path: "HEAD")) else { return "unknown" }
        guard head.hasPrefix("ref: ") else { return head }
        let reference = String(head.dropFirst(5))
        let common = contents(gitDirectory.appending(path: "commondir"))
            .map { gitDirectory.appending(path: $0).standardizedFileURL } ?? gitDirectory
        if let loose = contents(common.appending(path: reference)) { return loose }
        let packed = contents(common.appending(path: "packed-refs")) ?? ""
        for line in packed.split(separator: "\n") where line.hasSuffix(" " + reference) {
            return String(line.prefix { $0 != " " })
        }
        return "unknown"
    }

    /// `.git` itself, or the folder a worktree's `.git` file points to.
    static func gitDirectory(_ dotGit: URL) -> URL? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return dotGit }
        guard let pointer = contents(dotGit), pointer.hasPrefix("gitdir: ") else { return nil }
        let path = String(pointer.dropFirst(8))
        return path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : dotGit.deletingLastPathComponent().appending(path: path).standardizedFileURL
    }

    static func contents(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
