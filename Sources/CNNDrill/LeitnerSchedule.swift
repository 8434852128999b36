import CNNProblems
import FoundationEssentials

/// Which kind of problem a drill asks next: Leitner boxes, replayed from the answers.
///
/// Every kind starts in box 1, due at once. A kind answered right at the first try without a hint moves up a box
/// (at most box 5); any other ending (a wrong try, a hint, the solution shown) sends it back to box 1. After an
/// answer the kind is next due after its box's interval: 1 minute, 10 minutes, 1 hour, 1 day, 1 week. So a kind
/// got wrong comes back within minutes, one known well after days.
///
/// The next problem is the due kind in the lowest box (a kind already asked before a new one, then the longest
/// overdue, then the kind's order); when none is due, the kind due soonest. The kind just asked is not asked
/// again at once unless it is the only one drilled.
public struct LeitnerSchedule: Sendable {
    /// Seconds a kind waits in box 1…5 before it is due again.
    public static let intervals: [TimeInterval] = [60, 10 * 60, 60 * 60, 24 * 60 * 60, 7 * 24 * 60 * 60]

    /// One kind's place in the boxes, and its record.
    public struct Card: Equatable, Sendable {
        public let kind: ProblemKind
        /// 1…5.
        public fileprivate(set) var box = 1
        /// When it is next due; nil while it has never been asked (due at once).
        public fileprivate(set) var due: Date?
        public fileprivate(set) var answered = 0
        public fileprivate(set) var right = 0

        public func isDue(at now: Date) -> Bool { due.map { $0 <= now } ?? true }
    }

    /// In the order of the kinds drilled.
    public let cards: [Card]

    /// - Parameters:
    ///   - answers: oldest first; answers of kinds not drilled are left out.
    ///   - kinds: the kinds drilled, not empty.
    public init(answers: [DrillAnswer], kinds: [ProblemKind]) {
        precondition(!kinds.isEmpty, "a drill needs a kind")
        var cards = kinds.map { Card(kind: $0) }
        for answer in answers {
            guard let index = kinds.firstIndex(where: { $0.rawValue == answer.kind }) else { continue }
            cards[index].box = answer.right ? min(cards[index].box + 1, Self.intervals.count) : 1
            cards[index].due = answer.answeredAt.addingTimeInterval(Self.intervals[cards[index].box - 1])
            cards[index].answered += 1
            cards[index].right += answer.right ? 1 : 0
        }
        self.cards = cards
    }

    /// The kinds due at `now`, in the order they would be asked.
    public func due(at now: Date) -> [ProblemKind] {
        cards.enumerated().filter { $0.element.isDue(at: now) }.sorted { lhs, rhs in
            Self.askedFirst(lhs, rhs)
        }.map(\.element.kind)
    }

    /// The kind to ask at `now`, after `previous` (the kind just asked, if any).
    public func next(at now: Date, after previous: ProblemKind?) -> ProblemKind {
        let others = cards.enumerated().filter { $0.element.kind != previous || cards.count == 1 }
        let due = others.filter { $0.element.isDue(at: now) }
        if let first = due.min(by: Self.askedFirst) { return first.element.kind }
        // Nothing due: practice ahead, the kind due soonest first.
        return others.min { ($0.element.due ?? now, $0.offset) < ($1.element.due ?? now, $1.offset) }!.element.kind
    }

    /// Lowest box, then a kind already asked before a new one, then the longest overdue, then the kinds' order.
    private static func askedFirst(_ lhs: (offset: Int, element: Card), _ rhs: (offset: Int, element: Card)) -> Bool {
        let left = lhs.element, right = rhs.element
        if left.box != right.box { return left.box < right.box }
        if (left.due == nil) != (right.due == nil) { return left.due != nil }
        if let leftDue = left.due, let rightDue = right.due, leftDue != rightDue { return leftDue < rightDue }
        return lhs.offset < rhs.offset
    }

    public func card(_ kind: ProblemKind) -> Card? {
        cards.first { $0.kind == kind }
    }
}
