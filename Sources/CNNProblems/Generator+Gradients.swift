import CNNCore

extension ProblemGenerator {
    /// A layer's geometry for the gradient kinds: input 4×4 to 5×5, filter 2×2 or 3×3, stride 1–2, padding 0–1,
    /// drawn again until the output is 2×2 to 4×4 (every gradient a sum of several terms, and not of 25).
    struct GradientGeometry {
        let height, width, kernel, stride, padding: Int

        static func draw(_ random: inout Xoshiro256StarStar) -> GradientGeometry {
            while true {
                let geometry = GradientGeometry(
                    height: random.integer(in: 4...5), width: random.integer(in: 4...5),
                    kernel: random.element(of: [2, 3]), stride: random.element(of: [1, 1, 2]),
                    padding: random.element(of: [0, 0, 1]))
                if (2...4).contains(geometry.outputSize(geometry.height)),
                   (2...4).contains(geometry.outputSize(geometry.width)) {
                    return geometry
                }
            }
        }

        /// The output extent along an axis of `size`, from the core.
        func outputSize(_ size: Int) -> Int {
            (try? OutputSize.compute(inputSize: size, filterSize: kernel, stride: stride, padding: padding)) ?? 0
        }

        var parameters: [ProblemParameter] {
            [ProblemParameter("input_height", height), ProblemParameter("input_width", width),
             ProblemParameter("kernel", kernel), ProblemParameter("stride", stride),
             ProblemParameter("padding", padding)]
        }

        /// "O = X ⋆ F (cross-correlation) on a 5×4 input X with a 3×3 filter, stride 2, padding 1"
        var sentence: String {
            let ring = padding == 0 ? "no padding" : "padding \(padding)"
            return "The layer O = X ⋆ F (cross-correlation, F slides without turning) has a \(height)×\(width) input "
                + "X, a \(kernel)×\(kernel) filter F, stride \(stride) and \(ring)."
        }

        /// The layer with these settings. - Precondition: `input` and `filter` have this geometry's shapes.
        func convolution(input: [[Int]], filter: [[Int]]) -> Convolution {
            try! Convolution(input: tensor(input), filter: tensor(filter), stride: stride, padding: padding)
        }
    }

    /// One cell of ∂L/∂F, given X and ∂L/∂O.
    static func weightGradient(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let geometry = GradientGeometry.draw(&random)
        let input = random.grid(rows: geometry.height, columns: geometry.width, in: -3...4)
        let gradient = random.grid(rows: geometry.outputSize(geometry.height),
                                   columns: geometry.outputSize(geometry.width), in: -2...3)
        let zeros = Array(repeating: Array(repeating: 0, count: geometry.kernel), count: geometry.kernel)
        let backward = try! geometry.convolution(input: input, filter: zeros).backward(outputGradient: tensor(gradient))
        let row = random.integer(in: 0...(geometry.kernel - 1)), column = random.integer(in: 0...(geometry.kernel - 1))
        let value = { (row: Int, column: Int) -> Rational? in
            guard (0..<geometry.kernel).contains(row), (0..<geometry.kernel).contains(column) else { return nil }
            return exact(backward.explainWeightGradient(row * geometry.kernel + column).value)
        }
        let explanation = backward.explainWeightGradient(row * geometry.kernel + column)
        let working = Working(explanation)
        let turned = (geometry.kernel - 1 - row, geometry.kernel - 1 - column)
        var slips: [KnownMistake?] = [
            value(turned.0, turned.1).map {
                KnownMistake(.flippedFilter, $0, "that is \(cell("∂L/∂F", turned.0, turned.1)), the cell turned by "
                             + "180°: in cross-correlation each weight meets X at its own offset, nothing turns")
            },
            KnownMistake(.inputLeftOut, exact(backward.explainBiasGradient(0).value),
                         "that adds up ∂L/∂O alone (that is ∂L/∂b): each ∂L/∂O value is multiplied by the X cell "
                            + "this weight met"),
        ]
        slips += neighbours.map { move in
            value(row + move.rows, column + move.columns).map {
                KnownMistake(.wrongCell, $0, "that is \(cell("∂L/∂F", row + move.rows, column + move.columns)), "
                             + "\(move.words) of the value asked: the right sum for another weight")
            }
        }
        return Problem(
            kind: .weightGradient, seed: seed, parameters: geometry.parameters + position(row, column),
            grids: [ProblemGrid(name: "X", caption: "input", rows: input),
                    ProblemGrid(name: "∂L/∂O", caption: "output gradient", rows: gradient)],
            question: "\(indexing) \(geometry.sentence) Given X and ∂L/∂O, what is \(cell("∂L/∂F", row, column))?",
            answer: working.result, working: working,
            hints: [HintText.cells(explanation), HintText.worked(working)],
            mistakes: distinctMistakes(slips, answer: working.result))
    }

    /// ∂L/∂b of a one-filter layer, given ∂L/∂O; the forward bias is shown too, as in the lessons.
    static func biasGradient(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let rows = random.integer(in: 2...4), columns = random.integer(in: 2...4)
        let bias = random.integer(in: 1...3) * random.element(of: [1, -1])
        let gradient = random.grid(rows: rows, columns: columns, in: -3...4)
        // Any layer with this output shape will do: ∂L/∂b depends on ∂L/∂O alone.
        let input = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        let layer = try! Convolution(input: tensor(input), filter: tensor([[0, 0], [0, 0]]), bias: [Double(bias)])
        let explanation = try! layer.backward(outputGradient: tensor(gradient)).explainBiasGradient(0)
        let working = Working(explanation)
        let count = rows * columns
        let slips = [
            KnownMistake(.averagedGradient, Rational(working.result.numerator, working.result.denominator * count),
                         "that is the mean of the \(count) values: the bias gradient adds them up"),
            KnownMistake(.forwardBiasAdded, working.result + Rational(bias),
                         "that adds the layer's bias b = \(bias): ∂L/∂b does not depend on b, only on ∂L/∂O"),
        ]
        let question = "A layer O = X ⋆ F + b with bias b = \(bias) produced a \(rows)×\(columns) output O. Given "
            + "∂L/∂O, what is ∂L/∂b?"
        return Problem(
            kind: .biasGradient, seed: seed, parameters: [ProblemParameter("bias", bias)],
            grids: [ProblemGrid(name: "∂L/∂O", caption: "output gradient", rows: gradient)], question: question,
            answer: working.result, working: working,
            hints: [HintText.cells(explanation), HintText.worked(working)],
            mistakes: distinctMistakes(slips, answer: working.result))
    }

    /// One cell of ∂L/∂X, given F and ∂L/∂O (X's numbers do not enter).
    static func inputGradient(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let geometry = GradientGeometry.draw(&random)
        let filter = ConvolutionSetup.nonzeroGrid(&random, size: geometry.kernel, in: -2...3)
        let gradient = random.grid(rows: geometry.outputSize(geometry.height),
                                   columns: geometry.outputSize(geometry.width), in: -2...3)
        let zeros = Array(repeating: Array(repeating: 0, count: geometry.width), count: geometry.height)
        let backwardOf = { (filter: [[Int]]) in
            try! geometry.convolution(input: zeros, filter: filter).backward(outputGradient: tensor(gradient))
        }
        let backward = backwardOf(filter)
        let explain = { (row: Int, column: Int) in backward.explainInputGradient(row * geometry.width + column) }
        // A cell that several outputs reach, where there is one (a stride-2 layer may reach each cell once).
        let cells = (0..<(geometry.height * geometry.width)).map { ($0 / geometry.width, $0 % geometry.width) }
        let reach = { (cell: (Int, Int)) in explain(cell.0, cell.1).terms.count }
        let most = min(2, cells.map(reach).max()!)
        let (row, column) = random.element(of: cells.filter { reach($0) >= most })
        let value = { (row: Int, column: Int) -> Rational? in
            guard (0..<geometry.height).contains(row), (0..<geometry.width).contains(column) else { return nil }
            return exact(explain(row, column).value)
        }
        let explanation = explain(row, column)
        let working = Working(explanation)
        let turned = ProblemGenerator.integerRows(tensor(filter).rotated180())
        var slips: [KnownMistake?] = [
            KnownMistake(.flippedFilter,
                         exact(backwardOf(turned).explainInputGradient(row * geometry.width + column).value),
                         "that slides the filter over ∂L/∂O as written: for ∂L/∂X it is turned by 180° (each "
                            + "∂L/∂O cell comes back through the weight that met this cell)"),
        ]
        if geometry.padding > 0 {
            let shifted = (row - geometry.padding, column - geometry.padding)
            slips.append(value(shifted.0, shifted.1).map {
                KnownMistake(.paddingForgotten, $0, "that is \(cell("∂L/∂X", shifted.0, shifted.1)): the cell was "
                             + "counted in the padded grid — X's own rows and columns start inside the padding")
            })
        }
        slips += neighbours.map { move in
            value(row + move.rows, column + move.columns).map {
                KnownMistake(.wrongCell, $0, "that is \(cell("∂L/∂X", row + move.rows, column + move.columns)), "
                             + "\(move.words) of the value asked: the right sum for another input cell")
            }
        }
        return Problem(
            kind: .inputGradient, seed: seed, parameters: geometry.parameters + position(row, column),
            grids: [ProblemGrid(name: "F", caption: "filter", rows: filter),
                    ProblemGrid(name: "∂L/∂O", caption: "output gradient", rows: gradient)],
            question: "\(indexing) \(geometry.sentence) Given F and ∂L/∂O, what is "
                + "\(cell("∂L/∂X", row, column))?",
            answer: working.result, working: working,
            hints: [HintText.cells(explanation), HintText.worked(working)],
            mistakes: distinctMistakes(slips, answer: working.result))
    }
}
