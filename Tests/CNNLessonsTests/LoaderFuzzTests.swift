import Foundation
import Testing
@testable import CNNLessons

/// Random bytes and randomly mutated bundled lessons fed to the lesson loader: each case must end in a lesson
/// or in located problems, never a trap. The seed is fixed, so a failure is reproduced by running the test again.
struct LoaderFuzzTests {
    static let randomByteCases = 400
    static let mutatedLessonCases = 400

    /// Fragments that YAML and the lesson reader treat specially.
    static let fragments = [
        "-", ":", "[", "]", "{", "}", "&a ", "*a", "!!str ", "|", ">", "#", "\"", "'", "\t", "\r\n", "\n  ", "\u{0}",
        "999999999999999999999", "-1", "0", "1e308", "nan", "[3037000500, 3037000500]", "{from: previous}",
        "{pattern: ramp, size: [2, 2]}", "op: conv", "op: efficiency", "only: [[0, 0]]", "stride: 0", "é", "∂",
    ]

    @Test func randomBytesNeverTrap() {
        var generator = SplitMix(state: 0xC0FFEE)
        for _ in 0..<Self.randomByteCases {
            let count = Int.random(in: 0...2_000, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            expectLoadedOrLocated(LessonLoader.load(data: Data(bytes), file: "random.yaml"))
        }
    }

    @Test func mutatedLessonsNeverTrap() throws {
        let directory = sourceLessonsDirectory
        let texts = try ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8) }
        #expect(texts.count >= 14)
        var generator = SplitMix(state: 0xBADF11E)
        for _ in 0..<Self.mutatedLessonCases {
            var text = Array(texts[Int.random(in: 0..<texts.count, using: &generator)])
            for _ in 0..<Int.random(in: 1...4, using: &generator) { mutate(&text, using: &generator) }
            let result = LessonLoader.player(text: String(text), file: "mutated.yaml")
            expectLoadedOrLocated(result.map(\.lesson))
            // A lesson that still loads must also show its first and last frames.
            if case .success(let player) = result, player.stepCount > 0 {
                _ = player.frame(at: 0)
                _ = player.frame(at: player.stepCount - 1)
            }
        }
    }

    func mutate(_ text: inout [Character], using generator: inout SplitMix) {
        guard !text.isEmpty else { return }
        let at = Int.random(in: 0..<text.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            text.removeSubrange(at..<min(text.count, at + Int.random(in: 1...40, using: &generator)))
        case 1:
            let fragment = Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &generator)]
            text.insert(contentsOf: fragment, at: at)
        case 2:
            let end = min(text.count, at + Int.random(in: 1...200, using: &generator))
            text.insert(contentsOf: text[at..<end], at: end)
        default:
            // A digit changed: sizes, strides and positions take odd values.
            if let digit = text[at...].firstIndex(where: \.isNumber) {
                text[digit] = Character(String(Int.random(in: 0...9, using: &generator)))
            }
        }
    }

    func expectLoadedOrLocated(_ result: Result<Lesson, LessonIssues>) {
        guard case .failure(let issues) = result else { return }
        #expect(!issues.issues.isEmpty)
        #expect(issues.issues.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 && !$0.message.isEmpty })
    }
}
