import ArgumentParser
import CNNProblems

/// `cnn-tutor problem --kind K --seed S`: the seeded problem the exams, sheets and drills are made of.
struct ProblemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problem",
        abstract: "A seeded practice problem: the same kind and seed give the same problem on every machine.",
        discussion: "Kinds: \(ProblemKind.allCases.map(\.rawValue).joined(separator: ", ")). With --json, one "
            + "JSON object a line (grids, question, answer, worked terms, hints, known mistakes) for other tools."
    )

    static let maximumCount = 100_000

    @Option(help: "The kind of problem, one of those listed above.", completion: .list(ProblemKind.allCases.map(\.rawValue)),
            transform: ProblemCommand.kind)
    var kind: ProblemKind

    @Option(help: "The seed, 0 to 18446744073709551615.")
    var seed: UInt64

    @Option(help: "How many problems, with seeds S, S+1, … (at most \(maximumCount)).")
    var count = 1

    @Flag(help: "Also print the hints, the answer and the worked solution.")
    var solution = false

    @Flag(help: "Print each problem as one line of JSON, solution included.")
    var json = false

    @OptionGroup var display: DisplayOptions

    /// The kind named `text`; the refusal names every kind on one line (the error contract's single line).
    static func kind(_ text: String) throws -> ProblemKind {
        guard let kind = ProblemKind(rawValue: text) else {
            throw ValidationError("expected one of " + ProblemKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }

    func validate() throws {
        guard (1...Self.maximumCount).contains(count) else {
            throw ValidationError("--count must be between 1 and \(Self.maximumCount)")
        }
    }

    func run() throws {
        let out = TextOutput(form: json ? .json : .readable)
        for offset in 0..<count {
            let problem = ProblemGenerator.problem(kind, seed: seed &+ UInt64(offset))
            if json {
                out.line(problem.json.compactText())
                continue
            }
            if offset > 0 { out.line() }
            out.line("Problem \(kind.rawValue), seed \(problem.seed)")
            ProblemText.statement(problem).forEach { out.line($0) }
            if solution {
                out.line()
                (ProblemText.hints(problem) + ProblemText.solution(problem)).forEach { out.line($0) }
            }
        }
        out.flush()
    }
}
