import Testing
@testable import CNNLessons

/// Issue 19, item 2: `names:` gives a step's grids their symbols and titles, in the grids, cell symbols, formulas,
/// quizzes and the names a later step takes with `from:`; bad names are refused at their place.
struct StepNamesTests {
    /// A conv whose output is Z, max-pooled, then the gradient of one pooled value sent back to Z.
    /// By hand: Z = [[1+5, 2+6], [4+8, 5+9]] = [[6, 8], [12, 14]]; P11 = max = 14, won by Z22;
    /// ∂L/∂Z = [[0, 0], [0, 1]].
    static let steps = """
      - op: conv
        input: "1 2 3; 4 5 6; 7 8 9"
        filter: "1 0; 0 1"
        names: {output: {symbol: Z, title: Pre-activation Z}, input: A}
        walk: result
      - op: pool
        input: {from: previous, result: output}
        mode: max
        size: 2
        walk: values
        quiz: {ask: What is P11?, value: output, at: [1, 1]}
      - op: pool-backward
        input: {from: 1, result: output}
        grad: "1"
        mode: max
        size: 2
        walk: values
        names: {grad_input: {title: Gradient reaching Z}}
        quiz: {ask: What is ∂L/∂Z22?, value: grad_input, at: [2, 2]}

    """

    func player(_ steps: String = Self.steps) throws -> LessonPlayer {
        try LessonPlayer(lesson: LessonLoader.load(text: LessonPlayerTests.header + steps, file: "n.yaml").get())
    }

    func problems(_ steps: String) -> [String] {
        guard case .failure(let issues) = LessonLoader.load(text: LessonPlayerTests.header + steps, file: "n.yaml")
        else { return [] }
        return issues.issues.map(\.description)
    }

    @Test func theGivenNamesTitleTheGridsAndNameTheCells() throws {
        let player = try player()
        let conv = player.frame(at: 0)
        #expect(conv.grids.map(\.title) == ["Input A", "Filter F", "Pre-activation Z"])
        #expect(conv.grids[0].cells[0][0].symbol == "A11")
        #expect(conv.grids[2].cells[1][1].symbol == "Z22")
        #expect(conv.grids[2].cells[1][1].text == "14")
    }

    @Test func aResultTakenByFromKeepsItsNameInGridsFormulasAndQuizzes() throws {
        let player = try player()
        let ranges = player.lessonStepRanges
        let quiz = player.frame(at: ranges[1].lowerBound)
        #expect(quiz.grids.map(\.title) == ["Input Z", "Max-pooled P"])
        #expect(quiz.quiz?.answer == 14)
        let walked = player.frame(at: ranges[1].lowerBound + 1)
        #expect(walked.formula?.symbolic == "P11 = max(Z11, Z12, Z21, Z22)")
    }

    @Test func gradientsFollowTheirBaseAndTakeAGivenTitle() throws {
        let player = try player()
        let quiz = try #require(player.frame(at: player.lessonStepRanges[2].lowerBound).quiz)
        #expect(quiz.grid == "Gradient reaching Z")
        #expect(quiz.at == [2, 2])
        #expect(quiz.answer == 1)
        #expect(quiz.worked.first == "∂L/∂Z22 = ∂L/∂P11")
        let frame = player.frame(at: player.lessonStepRanges[2].lowerBound + 1)
        #expect(frame.grids.map(\.title) == ["Input Z", "Gradient ∂L/∂P", "Gradient reaching Z"])
    }

    @Test func reluNamesItsPreActivationAndTheGradients() throws {
        let player = try player("""
          - op: relu-backward
            input: "2 -1"
            grad: "3 4"
            names: {input: Z}

        """)
        let frame = player.frame(at: 0)
        #expect(frame.grids.map(\.title) == ["Pre-activation Z", "Gradient ∂L/∂A", "∂L/∂Z"])
        // By hand: Z11 = 2 > 0 passes ∂L/∂A11 = 3.
        #expect(frame.formula?.symbolic.hasPrefix("∂L/∂Z11 = ∂L/∂A11") == true)
    }

    @Test func aReLUConvolutionsOutputIsTheActivationNotTheNamedPreActivation() throws {
        let player = try player("""
          - op: conv
            input: "1 2; 3 4"
            filter: "1"
            relu: true
            names: {output: Z}
            walk: result
          - op: pool
            input: {from: previous, result: output}
            mode: max
            size: 2
          - op: pool
            input: {from: 1, result: pre_activation}
            mode: max
            size: 2

        """)
        let ranges = player.lessonStepRanges
        #expect(player.frame(at: ranges[1].lowerBound).grids.first?.title == "Input X")
        #expect(player.frame(at: ranges[2].lowerBound).grids.first?.title == "Input Z")
    }

    @Test func withoutNamesEveryGridKeepsTheOperationsOwnName() throws {
        let player = try player("  - op: pool\n    input: \"1 2; 3 4\"\n    mode: max\n    size: 2\n")
        #expect(player.frame(at: 0).grids.map(\.title) == ["Input X", "Max-pooled P"])
    }

    /// Positions counted by hand: four header lines, then `names:` on line 10, its value from column 12.
    @Test(arguments: [
        ("{output: X}", "n.yaml:10:21: error: 'input' and 'output' would both be X: give them different symbols"),
        ("{output: A1}", "n.yaml:10:21: error: the symbol 'A1' ends in a digit, which its subscripts would run into "
            + "(A111)"),
        ("{output: Activation}", "n.yaml:10:21: error: the symbol 'Activation' is 10 characters; a symbol has at "
            + "most 6"),
        ("{output: \"A\\u202E\"}", "n.yaml:10:21: error: the symbol contains U+202E, a bidi control that changes "
            + "what a reader sees; remove it"),
        ("{grad: G}", "n.yaml:10:19: error: the symbol of 'grad' follows from its base (∂L/∂ and the base's symbol); "
            + "give it a title with {title: …}, or name the base"),
        ("{weights: W}", "n.yaml:10:13: error: op 'pool-backward' names these grids: grad, grad_input, input, output"),
        ("[A]", "n.yaml:10:12: error: names must be a mapping of grids to symbols, like {output: Z, input: A}"),
        ("{input: {title: \"\"}}", "n.yaml:10:28: error: a title is one line of text, without control characters"),
        ("{input: {title: \"A\\e[31m\"}}", "n.yaml:10:28: error: a title is one line of text, without control "
            + "characters"),
    ])
    func aBadNameIsRefusedAtItsPlace(names: String, expected: String) {
        let found = problems("""
          - op: pool-backward
            input: "1 2; 3 4"
            grad: "1"
            mode: max
            size: 2
            names: \(names)

        """)
        #expect(found == [expected])
    }

    @Test func anOperationWithoutNamedGridsRefusesNames() {
        let found = problems("  - op: size\n    input_size: 5\n    filter_size: 3\n    names: {output: N}\n")
        #expect(found.first?.hasPrefix("n.yaml:8:12: error: 'names' does not apply to op 'size'") == true, "\(found)")
    }
}
