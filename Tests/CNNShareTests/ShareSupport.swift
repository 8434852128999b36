import CNNLessons
import Foundation
import Testing
@testable import CNNShare

/// A bundled lesson, as loaded.
func bundledPlayer(_ id: String) throws -> LessonPlayer {
    let library = LessonLibrary.load(userDirectories: [], environment: [:])
    let lesson = try #require(library.entries.first { $0.header.id == id })
    return try lesson.player.get()
}

func shareDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-share-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The problem `decode` finds in `text`, or nil when it accepts it.
func decodingProblem(_ text: String) -> String? {
    switch ClassroomShare.decode(Data(text.utf8)) {
    case .success: nil
    case .failure(let problem): problem.message
    }
}

/// A seeded generator: a failing case is reproduced by running the test again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether a problem line is safe for a status line: one line, no control character.
func isOneInertLine(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
}
