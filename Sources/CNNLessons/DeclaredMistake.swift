import YAMLDocument

/// A slip a lesson says a quiz is about (`mistakes: [filters-not-summed]`), with where it is written.
public struct DeclaredMistake: Equatable, Sendable {
    public var kind: QuizMistakeKind
    public var location: SourceLocation

    public init(_ kind: QuizMistakeKind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

extension LessonReader {
    /// `mistakes: [filters-not-summed, wrong-cell]`: each entry a known slip's identifier.
    mutating func declaredMistakes(_ node: Node) -> [DeclaredMistake] {
        guard let sequence = node.sequence else {
            fail("mistakes must be a list of slips, like [filters-not-summed]", node)
            return []
        }
        return sequence.compactMap { entry in
            guard let text = entry.scalar?.string, let kind = QuizMistakeKind(rawValue: text) else {
                let known = QuizMistakeKind.allCases.map(\.rawValue).joined(separator: ", ")
                fail("unknown mistake '\(entry.scalar?.string ?? "")'; known: \(known)", entry)
                return nil
            }
            return DeclaredMistake(kind, at: location(entry))
        }
    }
}
