import CNNCore
import CNNLessons
import Foundation
@testable import CNNTutorUI

/// The bundled lessons, loaded once.
let bundledLibrary = LessonLibrary.load(userDirectories: [], environment: [:])

func bundledEntries() -> [LessonEntry] {
    LessonEntry.entries(for: bundledLibrary)
}

func render(_ state: TutorState) -> Screen { TutorView.render(state) }

func dump(_ screen: Screen) -> String {
    let rule = String(repeating: "·", count: screen.width)
    return ([rule] + screen.lines + [rule]).joined(separator: "\n")
}

extension Screen {
    /// The first line containing `needle`.
    func line(containing needle: String) -> String? { lines.first { $0.contains(needle) } }
}

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-tutor-ui-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A hand-made lesson: a narration frame, then a 3×3 input and a 2×2 filter walked term by term (4 values ×
/// 4 terms), then a quiz on O22. It computes its frames itself, so edits and random numbers recompute.
struct FakeConvolution: StepSource {
    var input: [[Double]] = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    var filter: [[Double]] = [[1, 0], [0, -1]]
    var lessonID = "fake-conv"
    var lessonTitle = "A hand-made convolution"
    var lessonSummary = "Three by three, two by two."
    /// Classic mistakes the quiz recognises (the engine's job for real lessons).
    var mistakes: [KnownMistake]?
    var quizCount: Int { 1 }
    var stepCount: Int { 1 + 16 + 1 }

    static let inputPlane = OperandPlane(operand: "input", plane: [0, 0])
    static let filterPlane = OperandPlane(operand: "filter", plane: [0, 0])

    func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }


    func output(_ i: Int, _ j: Int, terms: Int = 4) -> Double {
        var sum = 0.0
        for t in 0..<terms { sum += input[i + t / 2][j + t % 2] * filter[t / 2][t % 2] }
        return sum
    }

    func frame(at index: Int) -> Frame {
        let index = max(0, min(index, stepCount - 1))
        var frame = Frame(lessonID: lessonID, lessonTitle: lessonTitle, stepIndex: index, stepCount: stepCount,
                          heading: "The cast", narration: ["We slide a 2×2 filter over a 3×3 input."])
        if index == 0 { return frame }
        if index == stepCount - 1 {
            frame.heading = "Your turn"
            let formula = worked(1, 1, shown: nil)
            frame.quiz = QuizPrompt(id: "\(lessonID)/3", question: "What is O22?", answer: output(1, 1),
                                    worked: [formula.symbolicLine, formula.numericLine])
            frame.quiz?.formula = formula
            frame.quiz?.hint = formula.symbolicLine + " — 4 products, each worked on its own, then added."
            frame.quiz?.mistakes = mistakes
            frame.grids = grids(value: nil, term: nil)
            return frame
        }
        let value = (index - 1) / 4
        let term = (index - 1) % 4
        let (i, j) = (value / 2, value % 2)
        frame.heading = "Every output value"
        frame.progress = "value \(value + 1) of 4 · term \(term + 1) of 4"
        frame.grids = grids(value: value, term: term)
        frame.formula = FormulaPanel(worked(i, j, shown: term == 3 ? nil : term + 1))
        return frame
    }

    /// O(i+1)(j+1) as the core explains a sum, its first `shown` terms (nil: complete).
    func worked(_ i: Int, _ j: Int, shown: Int?) -> WorkedFormula {
        var partial = 0.0
        let terms = (0..<4).map { t in
            let (r, c) = (t / 2, t % 2)
            let x = Factor(name: "X", position: [i + r, j + c], subscripts: [i + r, j + c], value: input[i + r][j + c])
            let f = Factor(name: "F", position: [r, c], subscripts: [r, c], value: filter[r][c])
            partial += x.value * f.value
            return Term(factors: [x, f], product: x.value * f.value, partial: partial)
        }
        let target = Factor(name: "O", position: [i, j], subscripts: [i, j], value: partial)
        return WorkedFormula(Explanation(target: target, reduction: .sum, terms: terms, value: partial), shown: shown)
    }

    func grids(value: Int?, term: Int?) -> [GridPanel] {
        let (vi, vj) = value.map { ($0 / 2, $0 % 2) } ?? (-9, -9)
        let inputCells = (0..<3).map { r in
            (0..<3).map { c -> Cell in
                var highlight = Highlight.none
                if let term, r - vi >= 0, r - vi < 2, c - vj >= 0, c - vj < 2 {
                    highlight = (r - vi) * 2 + (c - vj) == term ? .active : .window
                }
                return Cell(text: format(input[r][c]), symbol: "X\(r + 1)\(c + 1)", highlight: highlight)
            }
        }
        let filterCells = (0..<2).map { r in
            (0..<2).map { c in
                Cell(text: format(filter[r][c]), symbol: "F\(r + 1)\(c + 1)",
                     highlight: term.map { r * 2 + c == $0 ? .active : .none } ?? .none)
            }
        }
        let outputCells = (0..<2).map { r in
            (0..<2).map { c -> Cell in
                let position = r * 2 + c
                let symbol = "O\(r + 1)\(c + 1)"
                guard let value else { return Cell(text: position == 3 ? "" : format(output(r, c)), symbol: symbol) }
                if position < value { return Cell(text: format(output(r, c)), symbol: symbol) }
                if position == value { return Cell(text: "", symbol: symbol, highlight: .target) }
                return Cell(text: "", symbol: symbol, highlight: .pending)
            }
        }
        return [GridPanel(title: "Input X", role: .input, cells: inputCells, source: Self.inputPlane),
                GridPanel(title: "Filter F", role: .filter, cells: filterCells, source: Self.filterPlane),
                GridPanel(title: "Output O", role: .output, cells: outputCells)]
    }

    func nextValue(after index: Int) -> Int {
        if index < 1 { return 1 }
        if index >= 17 { return stepCount - 1 }
        return min(stepCount - 1, 1 + ((index - 1) / 4 + 1) * 4)
    }

    func previousValue(before index: Int) -> Int {
        if index <= 1 { return 0 }
        if index >= 17 { return 13 }
        let start = 1 + (index - 1) / 4 * 4
        return start < index ? start : max(1, start - 4)
    }

    func replacingValue(_ value: Double, in source: OperandPlane, row: Int, column: Int,
                        at index: Int) throws -> any StepSource {
        var copy = self
        switch source.operand {
        case "input": copy.input[row][column] = value
        case "filter": copy.filter[row][column] = value
        default: throw EditRefused("this grid cannot be edited")
        }
        return copy
    }

    func randomized(at index: Int, seed: UInt64) -> any StepSource {
        var copy = self
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int(state >> 33) % 7 - 3)
        }
        copy.input = input.map { $0.map { _ in next() } }
        copy.filter = filter.map { $0.map { _ in next() } }
        return copy
    }
}

func fakeState(width: Int = 100, height: Int = 30, options: TutorOptions = TutorOptions(), step: Int? = nil,
               progress: TutorProgress = TutorProgress(), notice: String? = nil) -> TutorState {
    var second = FakeConvolution()
    second.lessonID = "fake-two"
    second.lessonTitle = "A second hand-made lesson"
    return TutorState(entries: [LessonEntry(source: FakeConvolution()), LessonEntry(source: second)],
                      progress: progress, options: options, width: width, height: height, startStep: step,
                      notice: notice)
}
