import CNNLessons
import Testing
@testable import CNNTutorUI

@Suite("Zoom: fitted grids in present mode, + and −, large digits, the window as one block")
struct ZoomTests {
    let entries = bundledEntries()

    func forwardPass(width: Int = 160, height: Int = 45, present: Bool = true, ascii: Bool = false,
                     keys: [Key] = []) -> TutorState {
        var state = TutorState(entries: entries, options: TutorOptions(present: present, ascii: ascii), width: width,
                               height: height, startLesson: "forward-pass", startStep: 2)
        state.update(keys)
        return state
    }

    /// Forward-pass step 3 at 160×45 (issue 14: columns 1–43, rows 4–11 before): the grids take most of it.
    @Test func presentModeFillsTheScreenWithTheGrids() {
        let screen = render(forwardPass())
        #expect(ScreenAudit.gridBoxes(screen).count == 3)
        let share = ScreenAudit.gridShare(screen)
        #expect(share.area > 0.5 && share.boxes > 0.35, "\(share)\n\(screen)")
        // The student's view at the same size stays at magnification 1.
        let student = render(forwardPass(present: false))
        #expect(ScreenAudit.gridShare(student).area < 0.05)
        #expect(student.contains("│ 4 3 1 │"))
    }

    @Test func numbersAreDrawnLargeWhereACellHasRoom() throws {
        let screen = render(forwardPass())
        // X11 = 4 and F12 = −2, in block glyphs.
        for number in ["4", "-2"] {
            let glyph = try #require(BigText.rows(number, ascii: false))
            let top = try #require(screen.find(glyph[0]), "\(number)\n\(screen)")
            #expect(screen.lines[top.row + 1].contains(glyph[1]) && screen.lines[top.row + 2].contains(glyph[2]))
        }
        // On an ASCII-only screen, in # five rows high.
        let ascii = render(forwardPass(ascii: true))
        let glyph = try #require(BigText.rows("4", ascii: true))
        #expect(glyph.count == 5 && ascii.contains(glyph[2]))
        #expect(ascii.text.unicodeScalars.allSatisfy { $0.isASCII })
    }

    /// The 2×2 window over X11…X22 is one block: the gaps between its cells, across and down, take its colour;
    /// the gaps to the cells outside it do not.
    @Test(arguments: [(160, 45), (80, 24)])
    func theWindowIsOneBlockGapsIncluded(size: (Int, Int)) throws {
        let state = forwardPass(width: size.0, height: size.1)
        let screen = render(state)
        let layout = try #require(lessonGrids(state))
        let input = try #require(layout.blocks.first { $0.content.title == "Input X" })
        #expect(input.scale.magnification > 1)
        let window = Theme(colors: true).cell(.window).background
        let (left, top) = (1 + input.x + 1 + input.scale.columnGap, 3 + input.y + 2)
        let pitch = (x: input.cellWidth + input.scale.columnGap, y: input.scale.cellHeight + input.scale.rowGap)
        // Between X11 and X12, the gap column; between X11 and X21, the gap row; their corner.
        #expect(screen[top, left + input.cellWidth].style.background == window)
        #expect(screen[top + input.scale.cellHeight, left].style.background == window)
        #expect(screen[top + input.scale.cellHeight, left + input.cellWidth].style.background == window)
        // Between X12 and X13 (outside the window) and under X21: blank.
        #expect(screen[top, left + pitch.x + input.cellWidth].style.background == .standard)
        #expect(screen[top + pitch.y + input.scale.cellHeight, left].style.background == .standard)
    }

    @Test func plusAndMinusStepFromTheDefault() throws {
        var state = forwardPass(width: 120, height: 35, present: false)
        let normal = try #require(lessonGrids(state)).magnification
        #expect(normal == 1)
        state.update(.character("+"))
        #expect(try #require(lessonGrids(state)).magnification == 2)
        #expect(state.message?.contains("grids ×2") == true)
        state.update([.character("-"), .character("-")])
        let compact = render(state)
        #expect(state.message?.hasPrefix("compact layout") == true)
        // The compact layout: the grids right under the heading.
        #expect(compact.lines[2].contains("Input X"))
        // In present mode − steps down from the fitted size.
        var present = forwardPass()
        let fitted = try #require(lessonGrids(present)).magnification
        present.update(.character("_"))
        #expect(try #require(lessonGrids(present)).magnification == fitted - 1)
        #expect(present.message == "grids fitted to the screen −1 (+ larger, − smaller)")
    }

    @Test func aFormulaIsDrawnLargeWhenTheGridsAreAndThereIsRoom() throws {
        let screen = render(forwardPass())
        let head = try #require(BigText.rows("O11 = X11·F11", ascii: false))
        #expect(screen.contains(head[0]), "\(screen)")
        // At 80×24 there is no room: the formula is text.
        #expect(render(forwardPass(width: 80, height: 24)).contains("O11 = X11·F11"))
    }

    /// --present's clicker steps with PgDn: the narration's marker names the key that scrolls it there.
    @Test(arguments: [(false, "… (PgDn for more)"), (true, "… (] for more)")])
    func theNarrationsMarkerNamesTheKeyThatScrollsIt(present: Bool, marker: String) throws {
        let markers = (0..<20).compactMap { step -> String? in
            let state = TutorState(entries: entries, options: TutorOptions(present: present), width: 60, height: 20,
                                   startLesson: "convolution-over-volume", startStep: step)
            return render(state).lines.first { $0.contains(" for more)") }
        }
        #expect(!markers.isEmpty)
        #expect(markers.allSatisfy { $0.hasSuffix(marker) }, "\(markers)")
    }

    @Test func thePlaygroundZoomsToo() throws {
        var state = try PlaygroundState(width: 120, height: 40)
        let before = ScreenAudit.gridShare(PlaygroundView.render(state)).boxes
        state.update(Key.typing("++"))
        let after = PlaygroundView.render(state)
        #expect(ScreenAudit.gridShare(after).boxes > 2 * before, "\(after)")
        #expect(state.message == "grids ×3 (+ larger, − smaller)")
    }

    /// The grids as the lesson view lays them out for `state`.
    func lessonGrids(_ state: TutorState) -> GridLayout? {
        guard let frame = state.frame else { return nil }
        let theme = Theme(colors: true)
        let zoom = Zoom(steps: state.options.zoom, fits: state.options.present, width: state.width,
                        height: state.height)
        let sections = TutorView.lessonSections(state, frame: frame, width: state.width - 2, ascii: false,
                                                theme: theme)
        let room = TutorView.LessonRoom(width: state.width - 2, height: state.height - 1 - TutorView.lessonTop(zoom),
                                        ascii: state.options.ascii)
        return TutorView.layOutLesson(sections, frame: frame, state: state, zoom: zoom, room: room, theme: theme).grids
    }
}
