import Foundation
import Testing

/// Issue 19, items 2, 3 and 6 through the real binary: every problem of a file in one run (50 lines a file, then
/// a count), the exit status, a narration giveaway failing `--strict`, and the documented `names:` example.
extension LessonCommandTests {
    @Test func checkPrintsEveryPlantedErrorInOneRun() throws {
        let fixture = CLI.packageRoot.appendingPathComponent("Tests/fixtures/broken/seven-errors.yaml").path
        let result = try CLI.run(["check", fixture])
        #expect(result.status == 1)
        let positions = result.stdout.split(separator: "\n").map { line in
            line.dropFirst(fixture.count + 1).prefix { $0 != " " }
        }
        #expect(positions == ["7:1:", "13:5:", "19:13:", "26:7:", "35:13:", "42:7:", "48:13:", "54:12:"])
        #expect(result.stderr == "checked 1 file: 8 problems\n")
    }

    @Test func checkStopsAFileAfterFiftyLinesAndCountsTheRest() throws {
        let file = try temporaryFolder().appendingPathComponent("many.yaml")
        let steps = (1...60).map { "  - say: Step \($0).\n    tempo: fast\n" }.joined()
        try ("id: many-mistakes\ntitle: Many\nsummary: x\nsteps:\n" + steps).write(to: file, atomically: true,
                                                                                  encoding: .utf8)
        let result = try CLI.run(["check", file.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 51)
        #expect(lines.first?.hasPrefix("\(file.path):6:5: error: unknown field 'tempo' in a step") == true)
        #expect(lines.last == "\(file.path): … 10 more")
        #expect(result.stderr == "checked 1 file: 60 problems\n")
    }

    @Test func aNarrationGiveawayFailsStrict() throws {
        let file = try temporaryFolder().appendingPathComponent("giveaway.yaml")
        // By hand: O11 = 1·1 + 4·1 = 5.
        try """
        id: giveaway
        title: Giveaway
        summary: x
        steps:
          - say: Here O11 = 5.
            op: conv
            input: "1 2; 3 4"
            filter: "1 0; 0 1"
            walk: result
            quiz: {ask: What is O11?, value: output, at: [1, 1]}

        """.write(to: file, atomically: true, encoding: .utf8)
        let lenient = try CLI.run(["check", file.path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout == "\(file.path):5:10: warning: the narration gives away the quiz's answer: "
                + "'Here O11 = 5' is shown before the quiz at line 10 asks for it\n")
        let strict = try CLI.run(["check", "--strict", file.path])
        #expect(strict.status == 1)
        #expect(strict.stderr == "checked 1 file: 1 problem\n")
    }
}
