import CNNCore
import CNNProblems

/// The fixed problems of one student's exam: the exam's seed and the student's name give the variant, so that
/// neighbours get different numbers and a student who starts again gets the same ones.
///
/// Derivation, documented so that anyone can regenerate an exam:
/// 1. variant = seed xor FNV-1a 64 of the student's name (its UTF-8 bytes, white space around it removed);
/// 2. the kinds, in `ProblemKind.allCases` order, are shuffled by Fisher–Yates with `Xoshiro256StarStar(seed:
///    variant)`; an exam longer than one round of kinds takes a fresh shuffle for each further round;
/// 3. problem i (from 0) has seed = the (i + 1)-th output of SplitMix64 started at the variant.
public struct ExamPlan: Equatable, Sendable {
    public let student: String
    public let seed: UInt64
    public let problems: [Problem]

    /// - Parameters:
    ///   - seed: the exam's seed, the same for the whole class.
    ///   - student: the student's name as they sign the exam; the white space around it is dropped.
    ///   - count: how many problems; ≥ 1.
    public init(seed: UInt64, student: String, count: Int) {
        precondition(count >= 1, "an exam has at least one problem")
        let name = ExamPlan.normalized(student)
        let variant = ExamPlan.variant(seed: seed, student: name)
        var order = Xoshiro256StarStar(seed: variant)
        var kinds: [ProblemKind] = []
        while kinds.count < count { kinds += order.shuffled(ProblemKind.allCases) }
        var seeds = SplitMix64(seed: variant)
        self.student = name
        self.seed = seed
        self.problems = kinds.prefix(count).map { ProblemGenerator.problem($0, seed: seeds.next()) }
    }

    /// The exam seed mixed with the student's name.
    public static func variant(seed: UInt64, student: String) -> UInt64 {
        seed ^ FNV1a.hash64(normalized(student).utf8)
    }

    /// The name without the white space around it.
    public static func normalized(_ student: String) -> String {
        var text = Substring(student)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
