import Foundation
import Testing
@testable import CNNShare

/// Random bytes, and random changes to a valid share, fed to `decode`: each case ends in a share whose fields
/// are within their bounds or in one inert line, never a trap. The seeds are fixed.
@Suite("Share file fuzz")
struct ShareFuzzTests {
    static let cases = 3_000

    @Test func randomBytesNeverTrap() {
        var generator = SeededGenerator(state: 0x5EED)
        for _ in 0..<Self.cases {
            let count = Int.random(in: 0...400, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            expectAcceptedOrExplained(Data(bytes))
        }
    }

    /// Fragments JSON and the share's fields treat specially.
    static let fragments = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\u001b", "null", "true", "-", "0", "-1", "1e999",
        "99999999999999999999", "\"step\": ", "\"edits\": [", "\u{0}", "é", "\u{202e}", "NaN", "Infinity",
    ]

    @Test func mutatedSharesNeverTrap() {
        let share = ClassroomShare(lesson: "forward-pass", step: 4, edits: [
            OperandEdit(fileStep: 4, operand: "input", shape: [3, 3], values: [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        ], pointer: SharedPointer(grid: 0, row: 1, column: 1))
        let valid = Array(String(decoding: ShareFile.encode(share), as: UTF8.self))
        var generator = SeededGenerator(state: 0xFA11)
        for _ in 0..<Self.cases {
            var text = valid
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<text.count, using: &generator)
                if Bool.random(using: &generator) {
                    text.removeSubrange(at..<min(text.count, at + Int.random(in: 1...8, using: &generator)))
                } else {
                    let fragment = Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &generator)]
                    text.insert(contentsOf: fragment, at: at)
                }
                if text.isEmpty { break }
            }
            expectAcceptedOrExplained(Data(String(text).utf8))
        }
    }

    func expectAcceptedOrExplained(_ data: Data) {
        switch ClassroomShare.decode(data) {
        case .success(let share):
            #expect(share.problem == nil)
            #expect(share.step >= 1 && (share.indexBase == 0 || share.indexBase == 1))
        case .failure(let problem):
            #expect(isOneInertLine(problem.message), "\(problem.message)")
            #expect(!problem.message.isEmpty)
        }
    }
}
