import CNNProblems
import CNNTutorUI
import Foundation
import Testing
@testable import CNNDrill

/// drill.json: merged writes, so that two drills keep each other's answers; a bad file is kept aside.
struct DrillStoreTests {
    func store() throws -> StateFileStore<DrillHistory> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-\(UUID().uuidString)")
        return DrillStore.store(environment: ["XDG_STATE_HOME": folder.path])
    }

    func answers(_ session: String, count: Int, from start: TimeInterval) -> [DrillAnswer] {
        (1...count).map {
            DrillAnswer(id: "\(session)/\($0)", kind: ProblemKind.outputSize.rawValue, seed: "\($0)",
                        answeredAt: Date(timeIntervalSince1970: start + Double($0)), right: $0 % 2 == 0,
                        wrongTries: 0, hints: 0, solved: true, mistake: nil)
        }
    }

    @Test func theFileIsBesideTheProgressFile() throws {
        let url = DrillStore.store(environment: ["XDG_STATE_HOME": "/x/state"]).url
        #expect(url.path == "/x/state/cnn-tutor/drill.json")
    }

    /// Two drills loaded the same (empty) file, then each saved its answers: the file holds both, in time order.
    @Test func twoDrillsKeepEachOthersAnswers() throws {
        let store = try store()
        let one = answers("one", count: 3, from: 0), two = answers("two", count: 2, from: 1.5)
        #expect(store.load().value.answers.isEmpty)
        try store.update { $0.student = "ann"; $0.merge(one) }
        try store.update { $0.student = "ann"; $0.merge(two) }
        // Saving the same answers again (a retry) adds nothing.
        try store.update { $0.merge(Array(one.prefix(1))) }
        let saved = store.load()
        #expect(saved.problem == nil && saved.value.student == "ann")
        #expect(saved.value.answers.map(\.id) == ["one/1", "one/2", "two/1", "one/3", "two/2"])
        let text = try String(contentsOf: store.url, encoding: .utf8)
        #expect(text.contains("\"format\" : \"cnn-tutor drill\"") && text.contains("\"version\" : 1"))
    }

    @Test func theOldestAnswersGoPastTheLimit() {
        var history = DrillHistory()
        history.merge(answers("a", count: DrillHistory.maximumAnswers + 5, from: 0))
        #expect(history.answers.count == DrillHistory.maximumAnswers)
        #expect(history.answers.first?.id == "a/6")
    }

    @Test func aCorruptFileIsKeptAsideAndTheDrillStartsAfresh() throws {
        let store = try store()
        try FileManager.default.createDirectory(at: store.url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: store.url)
        let loaded = store.load()
        #expect(loaded.value.answers.isEmpty)
        #expect(loaded.problem?.hasPrefix("drill file is not valid JSON, so it is kept as ") == true)
        let kept = try FileManager.default.contentsOfDirectory(atPath: store.url.deletingLastPathComponent().path)
        #expect(kept.contains { $0.hasPrefix("drill.json.corrupt-") })
    }

    @Test func aFileFromANewerTutorIsNotTouched() throws {
        let store = try store()
        try FileManager.default.createDirectory(at: store.url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let text = "{\"format\": \"cnn-tutor drill\", \"version\": 9, \"answers\": []}"
        try Data(text.utf8).write(to: store.url)
        #expect(throws: ProgressStoreError.self) { try store.update { $0.merge(answers("x", count: 1, from: 0)) } }
        #expect(try String(contentsOf: store.url, encoding: .utf8) == text)
    }
}
