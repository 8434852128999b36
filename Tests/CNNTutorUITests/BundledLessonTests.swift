import CNNLessons
import Foundation
import Testing
@testable import CNNTutorUI

/// The tutor on the lessons it ships with, through the real `LessonPlayer`.
@Suite("The tutor on the bundled lessons")
struct BundledLessonTests {
    let entries = bundledEntries()

    func state(_ id: String? = nil, step: Int? = nil, width: Int = 100, height: Int = 30,
               options: TutorOptions = TutorOptions()) -> TutorState {
        TutorState(entries: entries, options: options, width: width, height: height, startLesson: id, startStep: step)
    }

    /// The first step of lesson `id` whose frame satisfies `condition`.
    func firstStep(_ id: String, where condition: (Frame) -> Bool) -> Int? {
        guard let source = entries.first(where: { $0.id == id })?.current else { return nil }
        return (0..<source.stepCount).first { condition(source.frame(at: $0)) }
    }

    @Test func everyLessonPlays() {
        #expect(!entries.isEmpty)
        for entry in entries {
            #expect(entry.problem == nil, "\(entry.id): \(entry.problem ?? "")")
            #expect(entry.stepCount > 0)
        }
    }

    @Test func firstFrameIsTheFirstLessonAtStepOne() throws {
        let first = try #require(entries.first)
        let screen = render(state())
        #expect(screen.lines[0].contains(first.title))
        #expect(screen.lines.last!.contains("step 1/\(first.stepCount)"))
    }

    /// The steps a test visits: all of a short lesson; the first 250 and the last 50 of a long one (the
    /// 320×280 walk has some 180,000).
    func sampledSteps(_ count: Int) -> [Int] {
        count <= 300 ? Array(0..<count) : Array(0..<250) + Array((count - 50)..<count)
    }

    @Test func everyFrameOfEveryLessonDrawsAt80x24And100x30() {
        for entry in entries {
            guard let source = entry.current else { continue }
            for (width, height) in [(80, 24), (100, 30)] {
                for present in [false, true] {
                    var tutor = state(entry.id, step: 0, width: width, height: height,
                                      options: TutorOptions(present: present))
                    for index in sampledSteps(source.stepCount) {
                        if tutor.step != index { tutor.update(Key.typing("g\(index + 1)\n")) }
                        if index % 5 == 1 { tutor.update(.character("s")) }
                        let screen = render(tutor)
                        let counter = "step \(index + 1)/\(source.stepCount)"
                        let line = present ? screen.lines[0] : screen.lines[height - 1]
                        #expect(line.contains(counter), "\(entry.id) \(counter) \(width)×\(height)\n\(screen)")
                        // Something of the step is on screen: its heading, clipped or not.
                        if let heading = tutor.frame?.heading, !heading.isEmpty {
                            #expect(screen.contains(String(heading.prefix(20))), "\(entry.id) \(counter)\n\(screen)")
                        }
                        tutor.update(.right)
                    }
                }
            }
        }
    }

    @Test func steppingFromFirstToLastNeverChangesData() throws {
        for entry in entries {
            guard let source = entry.current else { continue }
            var tutor = state(entry.id, step: 0)
            let limit = min(source.stepCount, 300)
            for index in 0..<limit {
                #expect(tutor.frame == source.frame(at: index), "\(entry.id) step \(index + 1)")
                tutor.update(.right)
            }
            tutor.update(.end)
            #expect(tutor.frame == source.frame(at: source.stepCount - 1))
            // By values, both ways: ↓ always moves on, ↑ always back.
            tutor.update(.home)
            for _ in 0..<300 where tutor.step < source.stepCount - 1 {
                let before = tutor.step
                tutor.update(.down)
                #expect(tutor.step > before, "\(entry.id): ↓ from step \(before + 1)")
            }
            tutor.update(.end)
            for _ in 0..<300 where tutor.step > 0 {
                let before = tutor.step
                tutor.update(.up)
                #expect(tutor.step < before, "\(entry.id): ↑ from step \(before + 1)")
            }
            tutor.update(.home)
            #expect(tutor.frame == source.frame(at: 0))
            #expect(!tutor.entries.contains { $0.isModified })
        }
    }

    @Test func stepChangesThePartialSumShown() throws {
        let index = try #require(firstStep("forward-pass") { $0.formula.map { !$0.isComplete } ?? false })
        var tutor = state("forward-pass", step: index)
        let before = try #require(render(tutor).line(containing: "partial sums:"))
        tutor.update(.right)
        let after = try #require(render(tutor).line(containing: "partial sums:"))
        #expect(before != after)
        #expect(after.hasPrefix(before))
    }

    @Test func downJumpsToTheNextValue() throws {
        let index = try #require(firstStep("max-pooling") { $0.progress?.hasPrefix("value 1 of 4") ?? false })
        var tutor = state("max-pooling", step: index)
        #expect(render(tutor).contains("value 1 of 4"))
        tutor.update(.down)
        #expect(render(tutor).contains("value 2 of 4"))
        tutor.update(.up)
        #expect(render(tutor).contains("value 1 of 4"))
    }

    @Test func symbolsReplaceNumbers() throws {
        let index = try #require(firstStep("forward-pass") { $0.formula != nil })
        var tutor = state("forward-pass", step: index)
        #expect(!render(tutor).contains("X11 X12 X13"))
        tutor.update(.character("s"))
        #expect(render(tutor).contains("X11 X12 X13"))
    }

    @Test func editingAnInputRecomputesTheOutput() throws {
        let index = try #require(firstStep("forward-pass") { frame in
            frame.formula != nil && frame.grids.contains { $0.source != nil }
        })
        var tutor = state("forward-pass", step: index)
        let numericBefore = try #require(tutor.frame?.formula?.numeric)
        tutor.update(.character("e"))
        guard case .edit(let cursor) = tutor.input else {
            Issue.record("no edit mode")
            return
        }
        let old = tutor.frame!.grids[cursor.grid].cells[cursor.row][cursor.column].text
        let new = old == "7" ? "6" : "7"
        tutor.update(Key.typing(new + "\n"))
        #expect(tutor.frame!.grids[cursor.grid].cells[cursor.row][cursor.column].text == new)
        let numericAfter = try #require(tutor.frame?.formula?.numeric)
        #expect(numericAfter != numericBefore)
        #expect(render(tutor).contains("everything recomputed"))
        #expect(tutor.entries.first { $0.id == "forward-pass" }!.isModified)
    }

    /// Lesson 22's full 1-D convolution at its first value: O1 = 0·F3 + 0·F2 + X1·F1, with F1 = 1.
    @Test func editingASignalRecomputesItsConvolution() throws {
        let index = try #require(firstStep("convolution-1d") { frame in
            frame.grids.contains { $0.source?.operand == "input" && $0.rowCount == 1 }
                && frame.grids.contains { $0.title == "Output O" && $0.cells[0][0].text == "2" }
        })
        var tutor = state("convolution-1d", step: index)
        tutor.update(.character("e"))
        guard case .edit(let cursor) = tutor.input else {
            Issue.record("no edit mode")
            return
        }
        let input = tutor.frame!.grids[cursor.grid]
        #expect(input.source?.operand == "input" && input.rowCount == 1)
        // The first cell of the signal, X1 = 2, after the zero border of width 2.
        let firstValue = -(input.source?.columnOffset ?? 0)
        #expect(firstValue == 2)
        tutor.update(Array(repeating: .left, count: 20) + Array(repeating: .right, count: firstValue))
        #expect(tutor.frame!.grids[cursor.grid].cells[0][firstValue].text == "2")
        tutor.update(Key.typing("5\n"))
        let screen = render(tutor)
        #expect(!screen.contains("padding cells are always zero"))
        #expect(tutor.frame!.grids[cursor.grid].cells[0][firstValue].text == "5")
        #expect(tutor.frame!.grids.first { $0.title == "Output O" }?.cells[0][0].text == "5")
    }

    @Test func editingPaddingIsRefused() throws {
        // A grid with a padding cell that still comes from an operand (its source has an offset).
        guard let (id, index) = entries.lazy.compactMap({ entry -> (String, Int)? in
            guard let source = entry.current else { return nil }
            for index in 0..<source.stepCount {
                let frame = source.frame(at: index)
                if frame.grids.contains(where: { grid in
                    grid.source != nil && grid.cells.first?.first?.highlight == .padding
                }) {
                    return (entry.id, index)
                }
            }
            return nil
        }).first else { return } // no lesson edits through padding
        var tutor = state(id, step: index)
        tutor.update(.character("e"))
        guard case .edit = tutor.input else { return }
        let grid = tutor.frame!.grids.firstIndex { $0.source != nil && $0.cells.first?.first?.highlight == .padding }!
        while case .edit(let current) = tutor.input, current.grid != grid { tutor.update(.tab) }
        tutor.update(Array(repeating: .up, count: 20) + Array(repeating: .left, count: 1))
        if case .edit(let current) = tutor.input, current.grid == grid, current.row == 0, current.column == 0 {
            tutor.update(Key.typing("3\n"))
            #expect(render(tutor).contains("padding"))
        }
    }

    /// The per-channel sums of a volume's walk, as the screen shows them: "channel 1: 3 · channel 2: 5".
    func channelSums(_ screen: Screen) -> [String]? {
        screen.line(containing: "per channel:").map { line in
            line.components(separatedBy: "per channel: ")[1].components(separatedBy: "·")
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The number after "channel N: ".
    func channelValue(_ sum: String) -> Double? {
        sum.components(separatedBy: ": ").last
            .flatMap { TutorState.number($0.replacingOccurrences(of: "−", with: "-")) }
    }

    /// In practice mode the per-channel line must not give the running sum away: within the first channel its
    /// sum is the running sum; later, the channels' sums add up to it. So the newest channel's sum is hidden.
    @Test(arguments: [1, 2])
    func practiceHidesTheRunningSumInThePerChannelLine(channels: Int) throws {
        let id = "convolution-over-volume"
        let index = try #require(firstStep(id) { ($0.formula?.channelSums.count ?? 0) == channels })
        var tutor = state(id, step: index)
        let shown = try #require(channelSums(render(tutor)))
        let target = try #require(tutor.frame?.formula.flatMap { TutorState.lastPartial($0) }?.partial)
        // Unmasked, the channels' sums add up to the running sum (the leak).
        #expect(abs(shown.compactMap(channelValue).reduce(0, +) - target) < 1e-9)
        tutor.update(.character("t"))
        #expect(tutor.practiceTarget == target)
        let masked = try #require(channelSums(render(tutor)))
        #expect(masked.count == shown.count)
        #expect(Array(masked.dropLast()) == Array(shown.dropLast()))
        #expect(masked.last == "channel \(channels): ?")
        // Typed right, the walk moves on and the next step asks again, still hidden.
        tutor.update(Key.typing(NumberFormatter.plain(target) + "\n"))
        #expect(tutor.step == index + 1)
        #expect(channelSums(render(tutor))?.last?.hasSuffix(": ?") == true)
    }

    @Test func quizRightAndWrong() throws {
        let index = try #require(firstStep("forward-pass") { $0.quiz != nil })
        var tutor = state("forward-pass", step: index)
        let quiz = try #require(tutor.frame?.quiz)
        #expect(render(tutor).contains(quiz.question))
        let right = NumberFormatter.plain(quiz.answer)
        tutor.update(Key.typing(NumberFormatter.plain(quiz.answer + 1) + "\n"))
        var screen = render(tutor)
        #expect(screen.contains("Not quite"))
        let worked = try #require(quiz.worked.first)
        #expect(screen.contains(String(worked.prefix(30))))
        tutor.update(Key.typing(right + "\n"))
        screen = render(tutor)
        #expect(screen.contains("✓ Right"))
        #expect(tutor.progress[lesson: "forward-pass"].quizzes[quiz.id]?.correct == true)
    }

    @Test(arguments: [(80, 24), (100, 30)])
    func theThreeChannelLessonShowsEveryChannel(size: (Int, Int)) throws {
        let id = "convolution-over-volume"
        let source = try #require(entries.first { $0.id == id }?.current)
        // The steps of one filter over the three channels: 3 input grids, 3 filter grids, the output.
        let steps = (0..<source.stepCount).filter { source.frame(at: $0).grids.count == 7 }
        #expect(!steps.isEmpty)
        for step in steps {
            let tutor = state(id, step: step, width: size.0, height: size.1)
            let screen = render(tutor)
            #expect(!screen.contains("hidden"), "step \(step + 1)")
            for grid in tutor.frame!.grids {
                let short = GridLayout.shortTitle(grid.title)
                #expect(screen.contains(grid.title) || screen.contains(short), "step \(step + 1): \(grid.title)")
            }
        }
    }

    @Test(arguments: [(80, 24), (100, 30)])
    func aLongFormulaIsNeverCutSilently(size: (Int, Int)) throws {
        let id = "convolution-over-volume"
        let step = try #require(firstStep(id) { frame in
            frame.formula.map { $0.isComplete && $0.symbolic.components(separatedBy: " + ").count >= 27 } ?? false
        })
        let tutor = state(id, step: step, width: size.0, height: size.1)
        let screen = render(tutor)
        let formula = try #require(tutor.frame?.formula)
        let value = try #require(formula.numeric.components(separatedBy: " = ").last)
        // Its first line, the marker, and its end: the current term.
        #expect(screen.contains(String(formula.symbolic.prefix(20))))
        #expect(screen.contains("more lines"))
        #expect(screen.lines.contains { $0.hasSuffix(" = " + value) })
    }

    @Test func croppedGridCaptionsAreNeverCutAt80Columns() throws {
        var checked = 0
        for entry in entries {
            guard let source = entry.current else { continue }
            // The first step of each value (a cropped grid keeps its caption through a value's walk).
            let starts = sequence(first: 0) { step in
                let next = source.nextValue(after: step)
                return next > step ? next : nil
            }.prefix(40)
            for step in starts where source.frame(at: step).grids.contains(where: \.isCropped) {
            let tutor = state(entry.id, step: step, width: 80, height: 24)
            let screen = render(tutor)
            // Three 10×36 matrices cannot share 80×24 (lesson 27's step): the layout leaves grids out and says
            // how many. Every grid is drawn or counted in that note, and a caption missing is one left out.
            let hidden = ScreenAudit.hiddenGridCount(screen)
            #expect(ScreenAudit.gridBoxes(screen).count + hidden == tutor.frame!.grids.count, "\(entry.id) \(step)")
            var missing = 0
            for grid in tutor.frame!.grids where grid.isCropped {
                let short = GridLayout.shortTitle(grid.title)
                if screen.contains(grid.title) || screen.contains(short) { checked += 1 } else { missing += 1 }
            }
            #expect(missing <= hidden, "\(entry.id) step \(step + 1): a cropped grid's caption is cut")
            }
        }
        #expect(checked > 0)
    }

    @Test func theMenuWithItsQuizColumnFitsAt80Columns() {
        var tutor = state(width: 80, height: 24)
        tutor.update(.character("m"))
        let screen = render(tutor)
        for entry in entries.prefix(10) where entry.quizCount > 0 {
            #expect(screen.contains("quiz 0/\(entry.quizCount)"), "\(entry.id)")
        }
        #expect(screen.lines.allSatisfy { $0.count <= 80 })
    }

    @Test func theInputGradientShowsThePaddedGradient() throws {
        let id = "input-gradient"
        let index = try #require(firstStep(id) { frame in
            frame.grids.contains { $0.cells.joined().contains { $0.highlight == .padding } }
        })
        let tutor = state(id, step: index, width: 80, height: 24)
        let screen = render(tutor)
        for grid in tutor.frame!.grids {
            #expect(screen.contains(String(grid.title.prefix(12))), "\(grid.title)\n\(screen)")
        }
    }

    @Test func menuListsEveryLesson() {
        var tutor = state()
        tutor.update(.character("m"))
        // 100×30 shows the first lessons; End scrolls to the last.
        #expect(render(tutor).contains("1. \(entries[0].title)"))
        tutor.update(.end)
        #expect(render(tutor).contains("\(entries.count). \(entries.last!.title)"))
    }
}

enum NumberFormatter {
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
