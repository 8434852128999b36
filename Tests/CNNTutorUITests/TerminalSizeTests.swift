import CNNLessons
import Foundation
import Testing
@testable import CNNTutorUI

/// Every frame of every bundled lesson (the first 250 and last 50 of a long walk) at the sizes a lecture hall
/// gives, from a projector's huge font (60×20) to a wide screen (160×45), for students and in present mode.
@Suite("Every frame at 60×20, 80×24, 120×35 and 160×45")
struct TerminalSizeTests {
    let entries = bundledEntries()

    static let sizes = [(60, 20), (80, 24), (120, 35), (160, 45)]

    func frames(_ count: Int) -> [Int] {
        count <= 300 ? Array(0..<count) : Array(0..<250) + Array((count - 50)..<count)
    }

    @Test(arguments: sizes)
    func noFrameLosesWhatItMustShow(size: (Int, Int)) {
        for entry in entries {
            guard let source = entry.current else { continue }
            for present in [false, true] {
                var failures = 0
                for index in frames(source.stepCount) where failures < 3 {
                    let state = TutorState(entries: entries, options: TutorOptions(present: present), width: size.0,
                                           height: size.1, startLesson: entry.id, startStep: index)
                    let screen = render(state)
                    let missing = ScreenAudit(state, screen: screen).missing
                    if !missing.isEmpty { failures += 1 }
                    let place = "\(entry.id) step \(index + 1) at \(size.0)×\(size.1)\(present ? " --present" : "")"
                    #expect(missing.isEmpty, "\(place): \(missing)\n\(screen)")
                }
            }
        }
    }
}

/// The audit itself: it sees what is missing and what a marker hides.
struct ScreenAuditTests {
    let entries = bundledEntries()

    @Test func aMissingFormulaLineOrHeadingIsSeen() throws {
        let state = TutorState(entries: entries, width: 60, height: 20, startLesson: "convolution-over-volume",
                               startStep: 10)
        var screen = render(state)
        #expect(ScreenAudit(state, screen: screen).missing.isEmpty)
        #expect(ScreenAudit(state, screen: screen).hidden.contains("4 grids not in play"))
        let formula = try #require(state.frame?.formula)
        let row = try #require(screen.find(ScreenAudit.firstTerm(formula.symbolic, width: 58))).row
        for column in 0..<screen.width { screen[row, column] = .blank }
        screen[1, 3] = ScreenCell("Z")
        #expect(ScreenAudit(state, screen: screen).missing == ["the heading", "the formula's first line"])
    }

    /// Padding-backward's padded gradients do not fit 60×20 whole: some step shows a window of one, its border
    /// dashed; at 160×45 none does.
    @Test func aCroppedGridIsHiddenBehindItsDashedBorder() throws {
        func audits(width: Int, height: Int) -> [ScreenAudit] {
            (0..<40).map { step in
                let state = TutorState(entries: entries, width: width, height: height, startLesson: "padding-backward",
                                       startStep: step)
                return ScreenAudit(state, screen: render(state))
            }
        }
        let small = audits(width: 60, height: 20)
        #expect(small.allSatisfy { $0.missing.isEmpty })
        #expect(small.contains { $0.hidden.contains { $0.hasSuffix("cropped") } })
        #expect(!audits(width: 160, height: 45).contains { $0.hidden.contains { $0.hasSuffix("cropped") } })
    }
}
