import Foundation
import Testing

/// `cnn-tutor sheet` through the built binary: the same seed gives the same bytes in two processes (Swift
/// randomises dictionary order per process, so this is where an order leak would show), and bad settings are
/// refused in one line.
struct SheetCommandTests {
    @Test(arguments: ["latex", "markdown"])
    func theSameSeedGivesTheSameBytes(format: String) throws {
        for answers in [[], ["--answers"]] {
            let arguments = ["sheet", "forward-pass", "max-pooling", "--seed", "2026", "--problems", "12",
                             "--format", format] + answers
            let first = try CLI.run(arguments), second = try CLI.run(arguments)
            #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
            #expect(!first.stdout.isEmpty && first.stdout == second.stdout)
        }
    }

    @Test func anotherSeedGivesOtherNumbers() throws {
        let one = try CLI.run(["sheet", "forward-pass", "--seed", "1"])
        let two = try CLI.run(["sheet", "forward-pass", "--seed", "2"])
        #expect(one.status == 0 && two.status == 0 && one.stdout != two.stdout)
    }

    @Test func aLaTeXSheetIsACompleteDocument() throws {
        let result = try CLI.run(["sheet", "average-pooling"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\\documentclass") && result.stdout.hasSuffix("\\end{document}\n"))
    }

    @Test func badSettingsAreRefused() throws {
        try CLI.expectRefusal(["sheet"], json: false, mentioning: "lesson")
        try CLI.expectRefusal(["sheet", "forward-pass", "--problems", "3"], json: false, mentioning: "--seed")
        try CLI.expectRefusal(["sheet", "--seed", "1", "--problems", "0"], json: false, mentioning: "--problems")
        try CLI.expectRefusal(["sheet", "no-such-lesson"], json: false, mentioning: "no-such-lesson")
        try CLI.expectRefusal(["sheet", "forward-pass", "--format", "html"], json: false)
    }
}
