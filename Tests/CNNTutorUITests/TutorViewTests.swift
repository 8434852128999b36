import CNNLessons
import Testing
@testable import CNNTutorUI

@Suite("The tutor's screens, from hand-made frames")
struct TutorViewTests {
    @Test func firstFrameShowsTheLessonTitleAndStepOne() {
        let screen = render(fakeState())
        #expect(screen.lines[0].contains("A hand-made convolution"))
        #expect(screen.lines[29].contains("step 1/18"))
        #expect(screen.contains("The cast"))
        #expect(screen.contains("We slide a 2×2 filter over a 3×3 input."))
    }

    @Test func rightArrowAddsATermToThePartialSum() {
        var state = fakeState()
        state.update(.right)
        let first = render(state)
        #expect(first.contains("step 2/18"))
        #expect(first.line(containing: "partial sums:") == " partial sums: 1")
        #expect(first.contains("O11 = 1·1"))

        state.update(.right)
        let second = render(state)
        #expect(second.line(containing: "partial sums:") == " partial sums: 1 → 1")
        // Symbolic above numeric, term under term.
        let symbolic = try! #require(second.find("O11 = X11·F11 + X12·F12"))
        let numeric = try! #require(second.find("O11 = 1·1"))
        #expect(numeric.row == symbolic.row + 1)
        #expect(second.lines[numeric.row].contains("+ 2·0"))
        let column = { (line: String, text: String) in
            line.distance(from: line.startIndex, to: line.range(of: text)!.lowerBound)
        }
        #expect(column(second.lines[symbolic.row], "X12·F12") == column(second.lines[numeric.row], "2·0"))

        // The same keys: l and space.
        state.update(.character("l"))
        state.update(.character(" "))
        #expect(render(state).line(containing: "partial sums:") == " partial sums: 1 → 1 → 1 → -4")
        state.update(.left)
        state.update(.character("h"))
        state.update(.backspace)
        #expect(state.step == 1)
    }

    @Test func downJumpsToTheNextValueAndUpComesBack() {
        var state = fakeState(step: 2)
        #expect(render(state).contains("value 1 of 4 · term 2 of 4"))
        state.update(.down)
        #expect(state.step == 5)
        let screen = render(state)
        #expect(screen.contains("value 2 of 4 · term 1 of 4"))
        #expect(screen.contains("O12 = X12·F11"))
        state.update(.character("j"))
        #expect(render(state).contains("value 3 of 4"))
        state.update(.up)
        #expect(render(state).contains("value 2 of 4 · term 1 of 4"))
        state.update(.character("k"))
        #expect(render(state).contains("value 1 of 4 · term 1 of 4"))
    }

    @Test func homeEndAndGoTo() {
        var state = fakeState(step: 5)
        state.update(.end)
        #expect(render(state).contains("step 18/18"))
        state.update(.home)
        #expect(render(state).contains("step 1/18"))
        state.update(Key.typing("g12"))
        #expect(render(state).contains("go to step: 12_"))
        state.update(.enter)
        #expect(state.step == 11)
        #expect(render(state).contains("step 12/18"))
        state.update(Key.typing("g99\n"))
        #expect(state.step == 11) // out of range stays put
        #expect(render(state).contains("no step 99"))
        state.update(Key.typing("g3"))
        state.update(.escape)
        #expect(state.step == 11)
        #expect(state.input == .none)
    }

    @Test func sShowsSymbolsInsteadOfNumbers() {
        var state = fakeState(step: 1)
        let numbers = render(state)
        #expect(numbers.contains("│ 1 2 3 │"))
        #expect(!numbers.contains("X11 X12"))
        state.update(.character("s"))
        let symbols = render(state)
        #expect(symbols.contains("│ X11 X12 X13 │"))
        #expect(symbols.contains("│ F11 F12 │"))
        #expect(!symbols.contains("│ 1 2 3 │"))
        state.update(.character("s"))
        #expect(render(state).contains("│ 1 2 3 │"))
    }

    @Test func editModeChangesAValueAndTheOutputRecomputes() {
        var state = fakeState(step: 4) // O11 complete: 1·1 + 2·0 + 4·0 + 5·(−1) = −4
        #expect(render(state).contains("= -4"))
        state.update(.character("e"))
        guard case .edit(let cursor) = state.input else {
            Issue.record("e did not enter edit mode")
            return
        }
        // The cursor starts on the active cell (X22 in the fourth term).
        #expect(cursor.grid == 0 && cursor.row == 1 && cursor.column == 1)
        #expect(render(state).contains("EDIT"))
        #expect(render(state).contains("[5]"))
        state.update(Key.typing("7"))
        #expect(render(state).contains("X22 = 7_"))
        state.update(.enter)
        let screen = render(state)
        // The grid with the cursor keeps a column in each cell for the closing bracket.
        #expect(screen.contains("│  1  2  3 │"))
        #expect(screen.contains("[7] "))
        #expect(screen.contains("7·(-1) = -6"))
        #expect(screen.contains("X22 = 7: everything recomputed"))
        #expect(screen.lines[0].contains("numbers changed"))

        // Move to the filter with l past the input's edge and change F22.
        state.update([.character("l"), .character("l")])
        guard case .edit(let moved) = state.input else { return }
        #expect(moved.grid == 1)
        state.update([.down, .character("l")])
        state.update(Key.typing("2\n"))
        #expect(render(state).contains("7·2 = 15"))
        // Esc leaves edit mode; stepping works again and keeps the new numbers.
        state.update(.escape)
        #expect(state.input == .none)
        state.update(.right)
        #expect(render(state).contains("O12 = 2·1"))
        // o brings the original numbers back.
        state.update(.character("o"))
        state.update(.left)
        #expect(render(state).contains("= -4"))
    }

    @Test func editModeRefusalIsShownOnTheStatusLine() {
        var state = fakeState(step: 1)
        state.update(.character("e"))
        state.update(.tab)
        state.update(.tab)
        state.update(Key.typing("x"))
        #expect(render(state).contains("edit mode: move with arrows"))
        state.update(Key.typing("1/0\n"))
        #expect(render(state).contains("is not a number"))
    }

    @Test func quizRightAnswerIsRecorded() {
        var state = fakeState()
        state.update(.end)
        var screen = render(state)
        #expect(screen.contains("Quiz: What is O22?"))
        #expect(screen.contains("your answer: _"))
        state.update(Key.typing("12"))
        #expect(render(state).contains("your answer: 12_"))
        state.update(.enter)
        state.update(Key.typing("-8/2\n"))
        screen = render(state)
        #expect(screen.contains("✓ Right: -8/2 is correct."))
        #expect(!screen.contains("Not quite"))
        let result = state.progress[lesson: "fake-conv"].quizzes["fake-conv/3"]
        #expect(result == QuizResult(attempts: 2, correct: true, attemptsToCorrect: 2, lastAnswer: "-8/2"))
    }

    @Test func tinyTerminalAsksToEnlargeItAndRecoversOnResize() {
        var state = fakeState(width: 59, height: 20)
        var screen = render(state)
        #expect(screen.contains("enlarge the terminal to at least 60×20"))
        #expect(screen.contains("(it is 59×20 now)"))
        #expect(!screen.contains("step 1/18"))
        state.update(.right) // ignored while too small
        #expect(state.step == 0)
        state.update(.resize(width: 60, height: 20))
        screen = render(state)
        #expect(!screen.contains("enlarge"))
        #expect(screen.contains("step 1/18"))
        state.update(.resize(width: 60, height: 19))
        #expect(render(state).contains("enlarge the terminal"))
        #expect(state.update(.character("q")) == [.quit])
    }

    @Test func helpFitsAt80x24() {
        var state = fakeState(width: 80, height: 24, options: TutorOptions(present: true))
        state.update(.character("?"))
        let screen = render(state)
        #expect(screen.contains("q  Ctrl-C"))
        #expect(screen.contains("ask first"))
        #expect(screen.contains("--present keeps no progress"))
    }

    @Test func menuShowsEachLessonsProgress() {
        var progress = TutorProgress()
        progress.visit(lesson: "fake-two", step: 6, stepCount: 18)
        progress.record(quiz: "fake-two/3", lesson: "fake-two", answer: "-4", right: true)
        progress.currentLesson = "fake-conv"
        var state = fakeState(progress: progress)
        state.update(.character("m"))
        var screen = render(state)
        #expect(screen.contains("1. A hand-made convolution"))
        #expect(screen.contains("2. A second hand-made lesson"))
        #expect(screen.line(containing: "1. A hand-made")!.contains("step 1/18"))
        #expect(screen.line(containing: "2. A second")!.contains("step 7/18"))
        #expect(screen.line(containing: "2. A second")!.contains("quiz 1/1"))
        #expect(screen.contains("Three by three, two by two."))
        #expect(screen.line(containing: "▸")!.contains("A hand-made convolution"))
        // Down, Enter: the second lesson opens where it was left.
        state.update([.down, .enter])
        screen = render(state)
        #expect(screen.lines[0].contains("A second hand-made lesson"))
        #expect(screen.contains("step 7/18"))
        // Tab and Shift-Tab go round the lessons.
        state.update(.tab)
        #expect(render(state).lines[0].contains("A hand-made convolution"))
        state.update(.backTab)
        #expect(render(state).lines[0].contains("A second hand-made lesson"))
        state.update(.end)
        state.update(.character("m"))
        #expect(render(state).line(containing: "2. A second")!.contains("✓"))
    }

    @Test func presentModeAsksBeforeChangingNumbers() throws {
        var state = fakeState(options: TutorOptions(present: true), step: 4)
        let before = render(state)
        #expect(before.lines[0].contains("step 5/18"))
        #expect(!before.lines[0].contains("cnn-tutor"))
        // Larger cells: fitted to the screen, the numbers drawn large.
        #expect(before.contains(BigText.rows("1", ascii: false)![0]))
        #expect(!before.contains("│ 1 2 3 │"))
        state.update(.character("r"))
        #expect(render(state).contains("Replace this step's numbers with random ones? (y/n)"))
        state.update(.character("n"))
        #expect(render(state).contains("cancelled: nothing changed"))
        #expect(render(state).contains("= -4"))
        state.update(.character("r"))
        state.update(.character("y"))
        #expect(state.entries[0].isModified)
        state.update(.character("o"))
        state.update(.character("y"))
        #expect(!state.entries[0].isModified)
        state.update(.character("e"))
        #expect(state.input == .confirm(.edit))
        state.update(.character("y"))
        guard case .edit = state.input else {
            Issue.record("y did not enter edit mode")
            return
        }
        // The cursor's brackets survive the window's shading between cells.
        let edited = render(state)
        let bracket = try #require(edited.find("["))
        #expect(edited.lines[bracket.row].contains("]"))
        #expect(edited[bracket.row, bracket.column].style == Theme(colors: true).cursor)
    }

    @Test func randomNumbersRecomputeAndSteppingNeverChangesData() {
        var state = fakeState(step: 4)
        state.update(.character("r"))
        #expect(state.entries[0].isModified)
        #expect(render(state).contains("random small integers"))
        let changed = state.frame!
        #expect(changed.grids[0] != FakeConvolution().frame(at: 4).grids[0])
        // Stepping the whole lesson there and back leaves every frame as it was.
        var stepping = fakeState()
        let original = (0..<18).map { FakeConvolution().frame(at: $0) }
        for index in 0..<18 {
            #expect(stepping.frame == original[index])
            stepping.update(.right)
        }
        for _ in 0..<18 { stepping.update(.left) }
        stepping.update([.down, .down, .up, .end, .home])
        #expect(stepping.frame == original[0])
        #expect(!stepping.entries[0].isModified)
    }

    @Test func monochromeUsesReverseAndBoldInsteadOfColour() {
        let state = fakeState(options: TutorOptions(colors: false), step: 2)
        let screen = render(state)
        #expect(screen.cells.allSatisfy { !$0.style.usesColor })
        let active = try! #require(screen.find("│ 1 2 3 │"))
        // X12 is the active cell in the second term: reverse and bold.
        #expect(screen[active.row, active.column + 4].style.reverse)
        #expect(screen[active.row, active.column + 4].style.bold)
        let coloured = render(fakeState(step: 2))
        #expect(coloured.cells.contains { $0.style.usesColor })
    }

    @Test func asciiFallbackDrawsOnlyASCII() {
        var state = fakeState(options: TutorOptions(ascii: true), step: 2)
        for key in [Key.right, .character("s"), .character("m"), .character("m"), .end, .character("?")] {
            state.update(key)
            let screen = render(state)
            #expect(screen.cells.allSatisfy { $0.character.isASCII }, "\(dump(screen))")
        }
        state.update(.escape)
        let screen = render(fakeState(options: TutorOptions(ascii: true), step: 2))
        #expect(screen.contains("+-------+"))
        #expect(screen.contains("| 1 2 3 |"))
        #expect(screen.contains("O11 = 1*1"))
        #expect(screen.contains("+ ... -> 1"))
    }

    @Test func noticeIsShownUntilTheFirstKey() {
        var state = fakeState(notice: "ignoring corrupt progress file /x/progress.json")
        #expect(render(state).lines[29].contains("ignoring corrupt progress file"))
        state.update(.right)
        #expect(!render(state).contains("ignoring corrupt"))
    }

    @Test func quitKey() {
        var state = fakeState()
        #expect(state.update(.character("q")) == [.quit])
    }

    @Test func narrationScrollsWithPageKeys() {
        struct Long: StepSource {
            var base = FakeConvolution()
            var lessonID: String { "long" }
            var lessonTitle: String { "Long" }
            var lessonSummary: String { "" }
            var quizCount: Int { 0 }
            var stepCount: Int { 1 }
            func frame(at index: Int) -> Frame {
                Frame(lessonID: "long", lessonTitle: "Long", stepIndex: 0, stepCount: 1, heading: "Many words",
                      narration: Narration(paragraphs: (1...40).map { "Paragraph \($0) of the narration." }))
            }
            func nextValue(after index: Int) -> Int { 0 }
            func previousValue(before index: Int) -> Int { 0 }
            func replacingValue(_ value: Double, in source: OperandPlane, row: Int, column: Int,
                                at index: Int) throws -> any StepSource { self }
            func randomized(at index: Int, seed: UInt64) -> any StepSource { self }
        }
        var state = TutorState(entries: [LessonEntry(source: Long())], width: 80, height: 24)
        #expect(render(state).contains("Paragraph 1 of"))
        #expect(render(state).contains("PgDn for more"))
        for _ in 0..<30 { state.update(.pageDown) }
        #expect(render(state).contains("Paragraph 40 of"))
        #expect(!render(state).contains("Paragraph 1 of"))
        state.update(.pageUp)
        state.update(.home)
    }
}

@Suite("Text layout")
struct TextLayoutTests {
    @Test func wrapsWords() {
        #expect(TextLayout.wrap("one two three four", width: 9, ascii: false) == ["one two", "three", "four"])
        #expect(TextLayout.wrap("abcdefghij", width: 4, ascii: false) == ["abcd", "efgh", "ij"])
    }

    @Test func alignsTheNumericFormulaUnderTheSymbolicOne() {
        let pairs = TextLayout.alignedFormula(symbolic: "O11 = X11·F11 + X12·F12", numeric: "O11 = 1·2 + 10·(-3) → -28",
                                              width: 70, ascii: false)
        #expect(pairs.count == 1)
        #expect(pairs[0].0 == "O11 = X11·F11 + X12·F12")
        #expect(pairs[0].1 == "O11 = 1·2     + 10·(-3) → -28")
    }

    @Test func wrapsLongFormulasInPairs() {
        let symbolic = "O11 = " + (1...12).map { "X1\($0)·F1\($0)" }.joined(separator: " + ")
        let numeric = "O11 = " + (1...12).map { "\($0)·1" }.joined(separator: " + ") + " = 78"
        let pairs = TextLayout.alignedFormula(symbolic: symbolic, numeric: numeric, width: 50, ascii: false)
        #expect(pairs.count > 1)
        for pair in pairs {
            #expect(pair.0.count <= 50 && pair.1.count <= 50)
        }
        #expect(pairs.last!.1.hasSuffix("12·1 = 78"))
        #expect(pairs[1].0.hasPrefix("      + "))
    }

    @Test func asciiTransliteration() {
        #expect(Screen.displayScalars("∂L/∂O·F → 5 … ×", ascii: true) == Array("dL/dO*F -> 5 ... x".unicodeScalars))
        #expect(Screen.displayScalars("日", ascii: false) == ["?"])
        // Combining marks take no column; the width counts what is drawn.
        #expect(Screen.displayScalars("e\u{301}x", ascii: false) == ["e", "x"])
        #expect(Screen.displayWidth("e\u{301}x → y", ascii: false) == 6)
        #expect(Screen.displayWidth("→", ascii: true) == 2)
    }
}
