import CNNLessons
import Foundation
import Testing

/// The network sections of docs/lesson-format.md pass `check --strict`, and their numpy scripts reproduce the tutor.
struct NetworkLessonCheckTests {
    static let documentedSections = [
        "Network layers: dense, softmax and the loss", "Digits and trained weights by name",
    ]

    @Test(arguments: documentedSections)
    func documentedExamplesPassTheStrictCheckAndExport(heading: String) throws {
        let blocks = try GroupedLessonCheckTests.lessonBlocks(under: heading)
        #expect(!blocks.isEmpty, "no complete lesson under '\(heading)'")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, block) in blocks.enumerated() {
            let file = folder.appendingPathComponent("example-\(index).yaml")
            try block.write(to: file, atomically: true, encoding: .utf8)
            let check = try CLI.run(["check", "--strict", file.path])
            #expect(check.status == 0 && check.stderr == "checked 1 file: no problems\n", "\(check.stdout)")
            let player = try LessonLoader.player(file: file.path).get()
            let script = try CLI.run(["show", player.lesson.id, "--lessons", folder.path, "--format", "numpy"])
            try ExportScriptTests().expectSameResults(player: player, script: script.stdout)
        }
    }
}
