import Foundation
import Testing

/// `cnn-tutor problem`: the seeded problems recomputed independently by numpy (Tests/crosscheck/problems.py) for
/// 1,000 seeds of every kind, and the same seed giving the same bytes.
struct ProblemCommandTests {
    @Test func everyKindAgreesWithNumpyForAThousandSeeds() throws {
        let check = try PythonCheck.run("problems.py")
        #expect(check.status == 0,
                "problems.py failed (numpy comes with .ci/install-deps):\n\(check.output.suffix(4000))")
        #expect(check.summary == "problems: 11000 passed, 0 failed", "\(check.summary)")
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let arguments = ["problem", "--kind", "input-gradient", "--seed", "18446744073709551615", "--count", "40",
                         "--json"]
        let first = try CLI.run(arguments), second = try CLI.run(arguments)
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        #expect(first.stdout.split(separator: "\n").count == 40)
        #expect(first.stdout == second.stdout)
        // The seed wraps around to 0 after the largest one, and prints exactly.
        #expect(first.stdout.hasPrefix("{\"kind\":\"input-gradient\",\"seed\":\"18446744073709551615\""))
        #expect(first.stdout.contains("\"seed\":\"0\""))
    }

    @Test func differentSeedsGiveDifferentProblems() throws {
        let result = try CLI.run(["problem", "--kind", "convolution-value", "--seed", "1", "--count", "20", "--json"])
        let lines = result.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: #""seed":"\d+""#,
                                                                                          with: "",
                                                                                          options: .regularExpression) }
        #expect(Set(lines).count == 20)
    }

    @Test func theSolutionIsShownOnlyWhenAsked() throws {
        let plain = try CLI.run(["problem", "--kind", "average-pool-value", "--seed", "3"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("What is P22?"))
        #expect(!plain.stdout.contains("Answer:") && !plain.stdout.contains("Hint"))
        let solved = try CLI.run(["problem", "--kind", "average-pool-value", "--seed", "3", "--solution"])
        #expect(solved.stdout.contains("Hint 1: P22 = (X33 + X34 + X43 + X44)/4"))
        #expect(solved.stdout.contains("Answer: 3/2 (1.5)"))
    }

    @Test func anUnknownKindIsRefusedNamingTheKinds() throws {
        try CLI.expectRefusal(["problem", "--kind", "convolution", "--seed", "1"], json: false,
                              mentioning: "convolution-value")
        try CLI.expectRefusal(["problem", "--kind", "output-size", "--seed", "-1"], json: false)
        try CLI.expectRefusal(["problem", "--kind", "output-size", "--seed", "1", "--count", "0"], json: false)
    }
}
