import CNNLessons
import Testing
@testable import CNNTutorUI

/// Numbers changed with e or r stay changed from step to step until o, in every step that wrote the same
/// numbers; the header says so exactly where they differ from the lesson's own (issue 14: an edit was gone after
/// `g 12` while the header still said "[numbers changed: o restores]").
@Suite("Edited numbers stay edited, and the header says where")
struct EditedNumbersTests {
    let entries = bundledEntries()

    /// Forward-pass at step 3 with X11 (4 in the lesson) set to 7.
    func editedForwardPass() throws -> TutorState {
        var tutor = TutorState(entries: entries, startLesson: "forward-pass", startStep: 2)
        tutor.update(.character("e"))
        guard case .edit(let cursor) = tutor.input else { throw EditRefused("no edit mode") }
        #expect(tutor.frame?.grids[cursor.grid].cells[0][0].text == "4")
        tutor.update(Key.typing("7\n"))
        tutor.update(.escape)
        return tutor
    }

    /// The line the header is on: the title bar, or --present's title.
    func header(_ tutor: TutorState) -> String { render(tutor).lines[0] }

    @Test func anEditStaysAfterGoingToAnotherStep() throws {
        var tutor = try editedForwardPass()
        tutor.update(Key.typing("g12\n"))
        #expect(tutor.step == 11)
        let input = try #require(tutor.frame?.grids.first { $0.title == "Input X" })
        #expect(input.cells[0][0].text == "7")
        #expect(header(tutor).contains("[numbers changed: o restores]"))
        tutor.update(.character("o"))
        #expect(tutor.frame?.grids.first { $0.title == "Input X" }?.cells[0][0].text == "4")
        #expect(!header(tutor).contains("changed"))
    }

    /// On every step: "numbers changed" exactly where the frame differs from the lesson's own, and elsewhere
    /// which steps were changed.
    @Test(arguments: [false, true])
    func theHeaderIsNeverWrongAboutIt(present: Bool) throws {
        var tutor = try editedForwardPass()
        tutor.options.present = present
        let original = try #require(tutor.currentEntry?.original)
        let changed = try #require(tutor.currentEntry?.changedSteps)
        #expect(!changed.isEmpty)
        for step in 0..<tutor.stepCount {
            tutor.update(Key.typing("g\(step + 1)\n"))
            let differs = tutor.frame != original.frame(at: step)
            #expect(header(tutor).contains("[numbers changed: o restores]") == differs, "step \(step + 1)")
            if !differs {
                let first = changed[0]
                let steps = "[steps \(first.lowerBound + 1)–\(first.upperBound)"
                #expect(header(tutor).contains(steps), "step \(step + 1)")
            }
        }
    }

    @Test func randomNumbersStayFromStepToStepToo() throws {
        var tutor = TutorState(entries: entries, startLesson: "forward-pass", startStep: 2)
        tutor.update(.character("r"))
        let input = try #require(tutor.frame?.grids.first { $0.title == "Input X" }?.cells)
        // The quiz on O12 is the next lesson step: the same X, so the same random numbers.
        tutor.update(.down)
        let next = try #require(tutor.frame?.grids.first { $0.title == "Input X" }?.cells)
        #expect(next.map { $0.map(\.text) } == input.map { $0.map(\.text) })
        #expect(input.map { $0.map(\.text) } != [["4", "3", "1"], ["8", "6", "7"], ["9", "5", "2"]])
    }

    @Test func settingAValueToWhatItWasChangesNothing() throws {
        var tutor = TutorState(entries: entries, startLesson: "forward-pass", startStep: 2)
        tutor.update(.character("e"))
        tutor.update(Key.typing("4\n"))
        #expect(tutor.currentEntry?.isModified == false)
        #expect(!header(tutor).contains("changed"))
    }
}
