@testable import CNNProblems
import Testing

/// The generator's promises for every kind over many seeds: same seed, same problem; the answer graded right;
/// every known slip recognised by name and never the answer; the working ending at the answer.
struct ProblemTests {
    static let seeds: [UInt64] = Array(0..<150) + [UInt64.max, 1 << 63]

    @Test(arguments: ProblemKind.allCases)
    func aSeedGivesTheSameProblemEveryTime(kind: ProblemKind) {
        for seed in Self.seeds.prefix(20) {
            let first = ProblemGenerator.problem(kind, seed: seed), second = ProblemGenerator.problem(kind, seed: seed)
            #expect(first == second)
            #expect(first.json.compactText() == second.json.compactText())
        }
    }

    @Test(arguments: ProblemKind.allCases)
    func theAnswerIsRightAndEverySlipIsNamed(kind: ProblemKind) {
        for seed in Self.seeds {
            let problem = ProblemGenerator.problem(kind, seed: seed)
            #expect(problem.grade(problem.answer.description) == .right, "\(kind) \(seed)")
            #expect(problem.grade(problem.answer.decimalText) == .right, "\(kind) \(seed)")
            #expect(problem.grade(nil) == .unanswered)
            #expect(problem.grade("x") == .unreadable)
            for mistake in problem.mistakes {
                #expect(mistake.value != problem.answer)
                #expect(problem.grade(mistake.value.description) == .wrong(mistake), "\(kind) \(seed) \(mistake)")
            }
            #expect(Set(problem.mistakes.map(\.value)).count == problem.mistakes.count)
            #expect(problem.working.result == problem.answer)
            #expect(problem.hints.count == 2)
            // The hints stop short of the total: neither ends with "= answer".
            #expect(!problem.hints.contains { $0.hasSuffix("= \(problem.answer)") })
        }
    }

    /// Over many seeds each kind shows its classic slips, so that every named mistake can actually be met.
    @Test func everyNamedMistakeOccurs() {
        var seen = Set<MistakeKind>()
        for kind in ProblemKind.allCases {
            for seed in Self.seeds {
                seen.formUnion(ProblemGenerator.problem(kind, seed: seed).mistakes.map(\.kind))
            }
        }
        #expect(seen == Set(MistakeKind.allCases))
    }

    /// Seed 3's average-pooling problem, worked by hand from its grid: (−1 − 1 + 4 + 4)/4 = 3/2.
    @Test func anAverageIsExactInQuarters() {
        let problem = ProblemGenerator.problem(.averagePoolValue, seed: 3)
        #expect(problem.grids[0].rows[2][2...3] == [-1, -1] && problem.grids[0].rows[3][2...3] == [4, 4])
        #expect(problem.answer == Rational(3, 2))
        #expect(problem.grade("1.5") == .right)
        if case .wrong(let slip?) = problem.grade("2") { #expect(slip.kind == .rounding) } else {
            Issue.record("rounding 1.5 up to 2 is not recognised")
        }
        if case .wrong(let slip?) = problem.grade("6") { #expect(slip.kind == .sumNotDivided) } else {
            Issue.record("the undivided sum is not recognised")
        }
    }

    /// The core's receptive field (a gradient sent back through ones) against the textbook recurrence.
    @Test func theReceptiveFieldFollowsTheRecurrence() {
        let stacks: [[(Int, Int)]] = [[(3, 1), (3, 1), (3, 1)], [(3, 2), (5, 2), (5, 1), (2, 1)], [(2, 2), (2, 2)],
                                      [(5, 1), (3, 2)], [(3, 2), (3, 2), (3, 2), (3, 2)]]
        for stack in stacks {
            var field = 1, jump = 1
            for (kernel, stride) in stack {
                field += (kernel - 1) * jump
                jump *= stride
            }
            let layers = stack.map { ProblemGenerator.StackLayer(kernel: $0.0, stride: $0.1) }
            #expect(ProblemGenerator.receptiveField(of: layers) == field, "\(stack)")
        }
    }

    @Test func theJSONHoldsEverythingAToolNeeds() {
        let json = ProblemGenerator.problem(.convolutionValue, seed: 1).json
        for key in ["kind", "seed", "parameters", "grids", "question", "answer", "working", "hints", "mistakes"] {
            #expect(json[key] != nil, "\(key)")
        }
        #expect(json["seed"]?.stringValue == "1")
        #expect(json["working"]?["terms"]?.arrayValue?.isEmpty == false)
    }
}
