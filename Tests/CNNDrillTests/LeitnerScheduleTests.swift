import CNNProblems
import Foundation
import Testing
@testable import CNNDrill

/// The schedule replayed from answers: boxes, intervals, and which kind comes next.
struct LeitnerScheduleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func answer(_ kind: ProblemKind, right: Bool, at seconds: TimeInterval, id: String? = nil) -> DrillAnswer {
        DrillAnswer(id: id ?? "s/\(seconds)", kind: kind.rawValue, seed: "1",
                    answeredAt: start.addingTimeInterval(seconds), right: right, wrongTries: right ? 0 : 1,
                    hints: 0, solved: right, mistake: nil)
    }

    @Test func newKindsAreDueAtOnceInTheirOrder() {
        let schedule = LeitnerSchedule(answers: [], kinds: ProblemKind.allCases)
        #expect(schedule.due(at: Self.start) == ProblemKind.allCases)
        #expect(schedule.next(at: Self.start, after: nil) == .convolutionValue)
        #expect(schedule.cards.allSatisfy { $0.box == 1 && $0.due == nil })
    }

    /// Right moves up a box, wrong sends back to box 1; the next due time is the box's interval after the answer.
    @Test func rightMovesUpAndWrongGoesBackToBoxOne() {
        let kind = ProblemKind.maxPoolValue
        let rights = (0..<6).map { Self.answer(kind, right: true, at: Double($0) * 1_000_000) }
        var card = LeitnerSchedule(answers: Array(rights.prefix(2)), kinds: [kind]).cards[0]
        #expect(card.box == 3 && card.due == Self.start.addingTimeInterval(1_000_000 + 3600))
        card = LeitnerSchedule(answers: rights, kinds: [kind]).cards[0]
        #expect(card.box == 5 && card.answered == 6 && card.right == 6)
        #expect(card.due == Self.start.addingTimeInterval(5_000_000 + 7 * 86_400))
        let wrong = Self.answer(kind, right: false, at: 6_000_000)
        card = LeitnerSchedule(answers: rights + [wrong], kinds: [kind]).cards[0]
        #expect(card.box == 1 && card.due == Self.start.addingTimeInterval(6_000_060) && card.right == 6)
    }

    /// A kind got wrong waits its minute while new kinds are asked, then comes back before them.
    @Test func aWrongKindComesBackSoon() {
        let kinds: [ProblemKind] = [.convolutionValue, .partialSum, .outputSize]
        let answers = [Self.answer(.convolutionValue, right: false, at: 0)]
        let schedule = LeitnerSchedule(answers: answers, kinds: kinds)
        #expect(schedule.next(at: Self.start.addingTimeInterval(30), after: .convolutionValue) == .partialSum)
        #expect(schedule.due(at: Self.start.addingTimeInterval(30)) == [.partialSum, .outputSize])
        #expect(schedule.next(at: Self.start.addingTimeInterval(61), after: .partialSum) == .convolutionValue)
        #expect(schedule.due(at: Self.start.addingTimeInterval(61)) == [.convolutionValue, .partialSum, .outputSize])
    }

    /// A kind known well (box 2 after one right answer) waits behind one got wrong (box 1), both due.
    @Test func theLowestBoxGoesFirst() {
        let answers = [Self.answer(.outputSize, right: true, at: 0), Self.answer(.partialSum, right: false, at: 10)]
        let schedule = LeitnerSchedule(answers: answers, kinds: [.outputSize, .partialSum])
        #expect(schedule.next(at: Self.start.addingTimeInterval(10_000), after: nil) == .partialSum)
    }

    @Test func nothingDueAsksTheSoonestAndNeverTheSameKindTwice() {
        let answers = [Self.answer(.outputSize, right: true, at: 0), Self.answer(.partialSum, right: true, at: 100)]
        let schedule = LeitnerSchedule(answers: answers, kinds: [.outputSize, .partialSum])
        // Both in box 2, due at 600 s and 700 s; at 200 s neither is due.
        #expect(schedule.due(at: Self.start.addingTimeInterval(200)).isEmpty)
        #expect(schedule.next(at: Self.start.addingTimeInterval(200), after: nil) == .outputSize)
        #expect(schedule.next(at: Self.start.addingTimeInterval(200), after: .outputSize) == .partialSum)
        let single = LeitnerSchedule(answers: answers, kinds: [.outputSize])
        #expect(single.next(at: Self.start, after: .outputSize) == .outputSize)
    }

    @Test func answersOfKindsNotDrilledOrUnknownAreLeftOut() {
        var unknown = Self.answer(.outputSize, right: true, at: 0)
        unknown.kind = "a-kind-from-a-newer-tutor"
        let answers = [unknown, Self.answer(.partialSum, right: true, at: 1)]
        let schedule = LeitnerSchedule(answers: answers, kinds: [.outputSize])
        #expect(schedule.cards == LeitnerSchedule(answers: [], kinds: [.outputSize]).cards)
    }
}
