import Testing
@testable import CNNTutorUI

/// The size the tutor draws at (issue 13, item 8): the terminal's own, within 1000×1000.
@Suite("Screen size")
struct ScreenSizeTests {
    @Test func theTerminalsSizeWinsOverColumnsAndLines() {
        let size = ScreenSize.resolve(terminal: ScreenSize(width: 100, height: 30),
                                      environment: ["COLUMNS": "10000", "LINES": "10000"])
        #expect(size == ScreenSize(width: 100, height: 30))
    }

    @Test func anySizeBeyondTheBoundIsClamped() {
        #expect(ScreenSize.resolve(terminal: ScreenSize(width: 3000, height: 2500), environment: [:])
            == ScreenSize(width: 1000, height: 1000))
        #expect(ScreenSize.resolve(terminal: nil, environment: ["COLUMNS": "10000", "LINES": "10000"])
            == ScreenSize(width: 1000, height: 1000))
        #expect(ScreenSize.resolve(terminal: ScreenSize(width: 1000, height: 999), environment: [:])
            == ScreenSize(width: 1000, height: 999))
    }

    @Test func anAxisTheTerminalDoesNotGiveComesFromTheEnvironmentThenTheFallback() {
        #expect(ScreenSize.resolve(terminal: ScreenSize(width: 0, height: 40), environment: ["COLUMNS": "120"])
            == ScreenSize(width: 120, height: 40))
        #expect(ScreenSize.resolve(terminal: nil, environment: ["COLUMNS": "wide", "LINES": "-5"])
            == ScreenSize.fallback)
        #expect(ScreenSize.resolve(terminal: nil, environment: [:]) == ScreenSize(width: 80, height: 24))
    }

    /// The last guard: a screen asked for at 10000×10000 holds a million cells, not a hundred million.
    @Test func aScreenIsNeverLargerThanTheBound() {
        let screen = Screen(width: 10000, height: 10000)
        #expect(screen.width == 1000 && screen.height == 1000)
        #expect(screen.cells.count == 1_000_000)
    }
}
