import CNNCore
import CNNFiles
import CNNLessons
import Foundation
import Testing
@testable import CNNShare

@Suite("The classroom share file: written, read back, applied to the lesson")
struct ShareRoundTripTests {
    @Test func aShareRoundTripsThroughItsBytes() throws {
        let share = ClassroomShare(lesson: "forward-pass", step: 21, symbols: true,
                                   conventions: Conventions(indexBase: .zero, swapsKernelFlip: true),
                                   edits: [OperandEdit(fileStep: 4, operand: "input", shape: [2, 2],
                                                       values: [1, -2.5, 3e-7, 4])],
                                   pointer: SharedPointer(grid: 1, row: 0, column: 2))
        #expect(try ClassroomShare.decode(ShareFile.encode(share)).get() == share)
    }

    @Test func aShareRoundTripsThroughTheFile() throws {
        let path = shareDirectory().appendingPathComponent("now.json").path
        var watcher = ShareWatcher(path: path)
        #expect(watcher.poll() == .problem(ShareProblem("does not exist yet: waiting for the presenter")))
        // The same problem again is nothing new.
        #expect(watcher.poll() == .unchanged)
        let first = ClassroomShare(lesson: "max-pooling", step: 3)
        try ShareFile.write(first, to: path)
        #expect(watcher.poll() == .share(first))
        #expect(watcher.poll() == .unchanged)
        // Same size, written within one clock tick: still seen, the file being small enough to compare.
        let second = ClassroomShare(lesson: "max-pooling", step: 4)
        try ShareFile.write(second, to: path)
        #expect(watcher.poll() == .share(second))
    }

    /// A coarse clock and a reused inode can leave a new small file's identity equal to the old one's.
    @Test func aSmallFileIsReadEvenWhenItsIdentityIsUnchanged() throws {
        let path = shareDirectory().appendingPathComponent("now.json").path
        try ShareFile.write(ClassroomShare(lesson: "a", step: 1), to: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        let small = FileIdentity(info)
        #expect(ShareWatcher.mayHaveChanged(small, since: small))
        var large = small
        large.size = Int64(ShareWatcher.alwaysReadLimit + 1)
        #expect(!ShareWatcher.mayHaveChanged(large, since: large))
        var moved = large
        moved.inode += 1
        #expect(ShareWatcher.mayHaveChanged(moved, since: large))
        #expect(ShareWatcher.mayHaveChanged(large, since: nil))
    }

    @Test func theFileIsReplacedWholeAndReadableByTheClass() throws {
        let directory = shareDirectory()
        let path = directory.appendingPathComponent("now.json").path
        for step in 1...20 { try ShareFile.write(ClassroomShare(lesson: "a", step: step), to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["now.json"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    @Test func aLinkAtThePathIsReplacedNotFollowed() throws {
        let directory = shareDirectory()
        let target = directory.appendingPathComponent("precious").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let path = directory.appendingPathComponent("now.json").path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        try ShareFile.write(ClassroomShare(lesson: "a", step: 1), to: path)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
    }

    @Test func aFolderThatIsNotThereIsOneLine() {
        let path = shareDirectory().appendingPathComponent("no/such/now.json").path
        #expect(throws: ShareProblem("cannot write the share file (no such file or directory): \(path)")) {
            try ShareFile.write(ClassroomShare(lesson: "a", step: 1), to: path)
        }
    }

    @Test func thePublisherWritesTheLatestShare() throws {
        let path = shareDirectory().appendingPathComponent("now.json").path
        let publisher = SharePublisher(path: path)
        for step in 1...200 { publisher.publish(ClassroomShare(lesson: "forward-pass", step: step)) }
        publisher.finish()
        #expect(publisher.problem == nil)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try ClassroomShare.decode(data).get().step == 200)
    }

    @Test func theFollowerPollsOnItsOwnThread() throws {
        let path = shareDirectory().appendingPathComponent("now.json").path
        let follower = ShareFollower(path: path, interval: 0.01)
        defer { follower.stop() }
        let share = ClassroomShare(lesson: "forward-pass", step: 5)
        try ShareFile.write(share, to: path)
        var reading = ShareReading.unchanged
        for _ in 0..<500 where reading != .share(share) {
            usleep(10_000)
            let taken = follower.take()
            if taken != .unchanged { reading = taken }
        }
        #expect(reading == .share(share))
        #expect(follower.take() == .unchanged, "taken once")
    }

    /// The presenter's random numbers and flipped kernel, shared and applied to the follower's own copy of the
    /// lesson, give the presenter's frames.
    @Test func editsAndConventionsReachTheFollowerFrameForFrame() throws {
        let original = try bundledPlayer("forward-pass")
        let conventions = Conventions(indexBase: .zero, swapsKernelFlip: true)
        let presenter = try original.randomized(at: 10, seed: 7).with(conventions)
        let edits = ClassroomShare.edits(from: original, to: presenter)
        #expect(!edits.isEmpty)
        let share = ClassroomShare(lesson: "forward-pass", step: 12, conventions: conventions, edits: edits)
        let received = try ClassroomShare.decode(ShareFile.encode(share)).get()
        let follower = try received.player(from: original)
        #expect(follower.stepCount == presenter.stepCount)
        for index in 0..<presenter.stepCount {
            #expect(follower.frame(at: index) == presenter.frame(at: index), "frame \(index + 1)")
        }
    }

    @Test func theLessonsOwnNumbersAreNoEdits() throws {
        let original = try bundledPlayer("forward-pass")
        #expect(ClassroomShare.edits(from: original, to: try original.with(Conventions(indexBase: .zero))).isEmpty)
    }

    @Test func aBiasEditReachesTheFollower() throws {
        let original = try bundledPlayer("convolution-over-volume")
        let step = try #require(original.lesson.steps.firstIndex { $0.computation?.operation.bias != nil })
        let presenter = original.randomized(at: original.tutorSteps(ofStep: step).lowerBound - 1, seed: 3)
        let edits = ClassroomShare.edits(from: original, to: presenter)
        #expect(edits.contains { $0.operand == "bias" })
        let follower = try ClassroomShare(lesson: original.lesson.id, step: 1, edits: edits).player(from: original)
        #expect(follower.lesson.steps[step].computation?.operation.bias
                == presenter.lesson.steps[step].computation?.operation.bias)
    }
}
