import CNNLessons
import Foundation
import Testing
@testable import CNNSheets

/// Every sheet and key compiles with pdflatex (texlive-latex-recommended) without an error, a warning or an
/// overfull box: the bundled lessons, seeded problems of every kind, and a 7×7 input's long sums.
@Suite(.enabled(if: SheetSupport.pdflatex != nil, "pdflatex is not installed (.ci/install-deps installs it)"))
struct SheetCompileTests {
    func expectClean(_ sheet: ExerciseSheet, _ name: String) throws {
        for answers in [false, true] {
            let problems = try SheetSupport.compile(LaTeXSheet.render(sheet, answers: answers), name: name)
            #expect(problems.isEmpty, "\(name)\(answers ? " key" : ""): \(problems.prefix(5))")
        }
    }

    /// The check itself: a line TeX cannot break is reported.
    @Test func anOverfullLineIsCaught() throws {
        let document = "\\documentclass{article}\n\\begin{document}\n\\mbox{" + String(repeating: "wide ", count: 40)
            + "}\n\\end{document}\n"
        #expect(try SheetSupport.compile(document, name: "overfull").contains { $0.contains("Overfull") })
    }

    /// All lessons in one document: a section each.
    @Test func everyBundledLessonTogether() throws {
        try expectClean(SheetBuilder.lessonSheet(try SheetSupport.bundled()), "lessons")
    }

    /// A single lesson has no section headings: the other layout. A case a lesson, so that the two test threads
    /// share the pdflatex runs.
    @Test(arguments: SheetSupport.library.headers.map(\.id))
    func everyBundledLessonOnItsOwn(id: String) throws {
        let entry = try #require(SheetSupport.library.entries.first { $0.header.id == id })
        try expectClean(SheetBuilder.lessonSheet([try entry.player.get()]), id)
    }

    @Test(arguments: [1, 99, 2026]) func seededProblemsOfEveryKind(seed: UInt64) throws {
        try expectClean(try #require(SheetBuilder.seededSheet(lessons: [], seed: seed, count: 33)), "seed-\(seed)")
    }

    @Test func aSevenBySevenInput() throws {
        try expectClean(SheetBuilder.lessonSheet([try SheetSupport.sevenBySeven()]), "seven")
    }
}
