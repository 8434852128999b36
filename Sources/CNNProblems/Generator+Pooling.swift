import CNNCore

extension ProblemGenerator {
    /// One pooled value. Max pooling: windows 2×2 or 3×3 over numbers that may all be negative. Average pooling:
    /// 2×2 windows, so that every mean is a whole number of quarters (padded cells count as zeros, PyTorch's
    /// default).
    static func poolValue(_ random: inout Xoshiro256StarStar, seed: UInt64, mode: Pooling.Mode) -> Problem {
        let size = mode == .max ? random.element(of: [2, 2, 3]) : 2
        let stride = random.element(of: size == 3 ? [1, 2, 3] : [1, 2, 2])
        let padding = random.element(of: [0, 0, 1])
        let height = random.integer(in: 4...6), width = random.integer(in: 4...6)
        let input = random.grid(rows: height, columns: width, in: mode == .max ? -6...6 : -2...9)
        let pool = pooling(input, mode: mode, size: size, stride: stride, padding: padding)!
        let row = random.integer(in: 0...(pool.outputHeight - 1))
        let column = random.integer(in: 0...(pool.outputWidth - 1))
        let explanation = pool.explainOutput(row * pool.outputWidth + column)
        let working = Working(explanation)
        let name = mode == .max ? "max" : "average"
        let ring = padding == 0 ? "no padding" : "padding \(padding)"
        let rule = mode == .max ? "Padded cells never win a maximum."
            : "Padded cells count as zeros: every mean divides by \(size * size). Give the mean exactly."
        let question = "\(indexing) P is \(name) pooling of X with a \(size)×\(size) window, stride \(stride), "
            + "\(ring). \(rule) What is \(cell("P", row, column))?"
        var slips = mode == .max ? maxSlips(pool, explanation) : averageSlips(pool, explanation)
        slips += poolShiftSlips(input, pool, row: row, column: column)
        return Problem(
            kind: mode == .max ? .maxPoolValue : .averagePoolValue, seed: seed,
            parameters: [ProblemParameter("size", size), ProblemParameter("stride", stride),
                         ProblemParameter("padding", padding)] + position(row, column),
            grids: [ProblemGrid(name: "X", caption: "input", rows: input)], question: question,
            answer: working.result, working: working,
            hints: [HintText.cells(explanation), HintText.worked(working)],
            mistakes: distinctMistakes(slips, answer: working.result))
    }

    static func pooling(_ input: [[Int]], mode: Pooling.Mode, size: Int, stride: Int, padding: Int) -> Pooling? {
        try? Pooling(input: tensor(input), mode: mode, size: size, stride: stride, padding: padding)
    }

    /// The core's pooled value at (row, column), when that cell exists.
    static func pooledValue(_ pool: Pooling?, _ row: Int, _ column: Int) -> Rational? {
        guard let pool, (0..<pool.outputHeight).contains(row), (0..<pool.outputWidth).contains(column) else {
            return nil
        }
        return exact(pool.explainOutput(row * pool.outputWidth + column).value)
    }

    /// The window's mean instead of its maximum; the padded zeros let into the maximum (pooling the input with
    /// its zero border written in).
    static func maxSlips(_ pool: Pooling, _ explanation: Explanation) -> [KnownMistake?] {
        let cells = explanation.terms.map(\.product)
        let mean = exact(cells.reduce(0, +) / Double(cells.count))
        // With the border written in, window (i, j) starts at i·S in the bordered grid: the same output cell.
        let withZeros = pooledValue(padded(pool), explanation.target.position[2], explanation.target.position[3])
        return [
            KnownMistake(.wrongReduction, mean, "that is the window's mean: max pooling keeps the largest value"),
            withZeros.map {
                KnownMistake(.paddingInMaximum, $0, "that lets the padded zeros compete: padding never wins a "
                             + "maximum, only the input's own cells do")
            },
        ]
    }

    /// The same pooling over the input with its zero border written in as ordinary cells (no padding).
    static func padded(_ pool: Pooling) -> Pooling? {
        let p = pool.padding.rows
        guard p > 0 else { return nil }
        let width = pool.width + 2 * p
        var rows = Array(repeating: Array(repeating: 0, count: width), count: pool.height + 2 * p)
        for row in 0..<pool.height {
            for column in 0..<pool.width { rows[row + p][column + p] = Int(pool.input[[0, 0, row, column]]) }
        }
        return pooling(rows, mode: pool.mode, size: pool.size.rows, stride: pool.stride.rows, padding: 0)
    }

    /// Rounded, the fraction dropped, the sum not divided, the maximum taken, the padding left out of the count.
    static func averageSlips(_ pool: Pooling, _ explanation: Explanation) -> [KnownMistake?] {
        let mean = exact(explanation.value)
        let sum = exact(explanation.terms.last?.partial ?? 0)
        let inside = explanation.terms.filter { !$0.factors[0].isPadding }
        let count = pool.size.rows * pool.size.columns
        return [
            KnownMistake(.rounding, Rational(Int(mean.doubleValue.rounded())),
                         "that is the mean rounded to a whole number: give it exactly (a fraction or decimals)"),
            KnownMistake(.fractionDropped, Rational(Int(mean.doubleValue.rounded(.down))),
                         "that is the mean with its fraction dropped (integer division): keep the fraction"),
            KnownMistake(.sumNotDivided, sum, "that is the window's sum: the average divides it by its \(count) cells"),
            inside.map(\.product).max().map {
                KnownMistake(.wrongReduction, exact($0), "that is the window's maximum: average pooling asks for "
                             + "the mean")
            },
            inside.count < count && !inside.isEmpty ? KnownMistake(
                .paddingLeftOutOfMean, exact(inside.map(\.product).reduce(0, +) / Double(inside.count)),
                "that divides by the \(inside.count) cells inside X only: here padded zeros count, so divide by "
                    + "\(count)") : nil,
        ]
    }

    /// The window moved by one cell instead of one stride; the neighbouring pooled values.
    static func poolShiftSlips(_ input: [[Int]], _ pool: Pooling, row: Int, column: Int) -> [KnownMistake?] {
        var slips: [KnownMistake?] = []
        if pool.stride.rows > 1 {
            let single = pooling(input, mode: pool.mode, size: pool.size.rows, stride: 1, padding: pool.padding.rows)
            slips += neighbours.map { move in
                pooledValue(single, row * pool.stride.rows + move.rows, column * pool.stride.columns + move.columns)
                    .map {
                        KnownMistake(.windowOffByOne, $0, "that pools the window moved \(move.words) by one cell "
                                     + "instead of one stride: the window is off by one")
                    }
            }
        }
        slips += neighbours.map { move in
            pooledValue(pool, row + move.rows, column + move.columns).map {
                KnownMistake(.wrongCell, $0, "that is \(cell("P", row + move.rows, column + move.columns)), "
                             + "\(move.words) of the value asked: the right window in the wrong place")
            }
        }
        return slips
    }
}
