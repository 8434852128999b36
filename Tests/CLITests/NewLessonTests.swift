import Foundation
import Testing

/// `cnn-tutor new ID`: a starter lesson that passes `check --strict` and opens.
struct NewLessonTests {
    func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("new-lesson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func theStarterPassesStrictCheckAndOpens() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("edge-filters.yaml").path
        let made = try CLI.run(["new", "edge-filters", "--output", file])
        #expect(made.status == 0 && made.stderr.isEmpty, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("wrote \(file); check it with `cnn-tutor check \(file)`"))
        let check = try CLI.run(["check", "--strict", file])
        #expect(check.status == 0 && check.stdout.isEmpty, "\(check.stdout)")
        let list = try CLI.run(["list", "--lessons", folder.path])
        #expect(list.stdout.split(separator: "\n").last?.hasPrefix("edge-filters ") == true, "\(list.stdout)")
        #expect(list.stdout.contains("Edge filters"))
        // The conv step's O12 = X12·F11 + X13·F12 + X22·F21 + X23·F22 = 2·1 + 0·0 + 1·0 + 3·(-1) = -1.
        let show = try CLI.run(["show", "edge-filters", "--lessons", folder.path, "--format", "json"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("2·1 + 0·0 + 1·0 + 3·(-1) = -1"))
    }

    @Test func standardOutputGetsTheSameText() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("x.yaml").path
        _ = try CLI.run(["new", "pooling-101", "-o", file])
        let printed = try CLI.run(["new", "pooling-101", "-o", "-"])
        #expect(printed.stdout == (try String(contentsOfFile: file, encoding: .utf8)))
        #expect(printed.stdout.contains("\nid: pooling-101 "))
    }

    @Test func refusesABadIdAndAnExistingFile() throws {
        try CLI.expectRefusal(["new", "Bad Id"], json: false, mentioning: "'Bad Id' is not a lesson id")
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mine.yaml").path
        try "keep me".write(toFile: file, atomically: true, encoding: .utf8)
        try CLI.expectRefusal(["new", "mine", "-o", file], json: false, mentioning: "is already there (--force")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
        #expect(try CLI.run(["new", "mine", "-o", file, "--force"]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("id: mine "))
    }
}
