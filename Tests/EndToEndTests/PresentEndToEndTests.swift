import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TmuxSuites {
    /// Zoom in a real terminal: --present fitted to a projector's 160×45, and the compact layout at 60×20 (what a
    /// huge font leaves).
    @Suite("Zoom and the compact layout in tmux", .serialized, .enabled(if: announceSkip(), "\(skipReason ?? "")"))
    struct PresentEndToEndTests {
        /// The share of a `width`×`height` screen in the rectangle around its grid boxes (title rows included).
        func gridShare(_ screen: String, width: Int, height: Int) -> Double {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
            var (top, left, bottom, right) = (Int.max, Int.max, 0, 0)
            for (row, line) in lines.enumerated() {
                for (column, character) in line.enumerated() where "┌┐└┘".contains(character) {
                    (top, left) = (min(top, row - 1), min(left, column))
                    (bottom, right) = (max(bottom, row + 1), max(right, column + 1))
                }
            }
            return top > bottom ? 0 : Double((bottom - top) * (right - left)) / Double(width * height)
        }

        /// Within the first grid box, the rows that carry a background colour (SGR 4x): one run, the gaps between
        /// the window's rows included, as long as the window is tall.
        func windowRows(_ styled: String) -> [Int] {
            let lines = styled.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let first = lines.firstIndex(where: { $0.contains("┌") }),
                  let last = lines[first...].firstIndex(where: { $0.contains("└") }) else { return [] }
            let background = try! Regex(#"\e\[(?:[0-9;]*;)?4[0-7](?:;[0-9;]*)?m"#)
            return (first + 1..<last).filter { row in
                // The first box: what comes before the gap after its right border.
                let box = lines[row].components(separatedBy: "│   ")[0]
                return box.contains(background)
            }
        }

        @Test func presentModeFitsTheGridsToA160x45Screen() throws {
            let session = try TmuxSession(width: 160, height: 45,
                                          arguments: ["--present", "--lesson", "forward-pass", "--step", "3"])
            let screen = try session.waitFor("step 3/")
            // Issue 14: before, columns 1–43 and rows 4–11.
            #expect(gridShare(screen, width: 160, height: 45) > 0.5, "\(screen)")
            // X11 = 4 in block glyphs; the formula drawn large under the grids.
            #expect(screen.contains("█ █") && screen.contains("▀▀█"), "\(screen)")
            #expect(screen.contains("▄▀▄ ▄█  ▄█      ▄▄▄"), "\(screen)")
            // The 2×2 window over X11…X22: its two cell rows and the gap between them, coloured as one block.
            let rows = windowRows(try session.captureStyled())
            #expect(rows.count >= 15 && rows.last! - rows.first! + 1 == rows.count, "\(rows)")
            try session.send("-")
            let smaller = try session.waitFor("grids fitted to the screen −1")
            #expect(gridShare(smaller, width: 160, height: 45) < gridShare(screen, width: 160, height: 45))
            // In front of a class q asks first.
            try session.send("q")
            try session.waitFor("(y/n)")
            try session.send("y")
            #expect(try session.exitStatus() == 0)
        }

        @Test func aSixtyByTwentyTerminalPlaysTheLessonCompact() throws {
            let session = try TmuxSession(width: 60, height: 20, arguments: ["--lesson", "forward-pass", "--step", "3"])
            let screen = try session.waitFor("step 3/25")
            #expect(!screen.contains("enlarge"))
            #expect(screen.contains("Input X") && screen.contains("O11 = X11·F11"))
            // The compact layout: the grids right under the heading.
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[2].contains("Input X"), "\(screen)")
            try session.send("?")
            let help = try session.waitFor("any key closes this help")
            #expect(help.contains("more lines: a larger terminal shows them"))
            try session.send("Escape")
            try session.resize(width: 50, height: 16)
            try session.waitFor("enlarge the terminal to at least 60×20")
            try session.resize(width: 60, height: 20)
            try session.waitFor("step 3/25")
            try session.send("q")
            #expect(try session.exitStatus() == 0)
        }
    }
}
