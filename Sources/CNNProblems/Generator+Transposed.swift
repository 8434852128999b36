import CNNCore

extension ProblemGenerator {
    /// The settings of a transposed convolution, and the layer they make with a given filter.
    struct TransposedSetup {
        let input, filter: [[Int]]
        let bias: Int?
        let stride, padding, outputPadding: Int

        func layer(filter: [[Int]]? = nil, stride: Int? = nil, outputPadding: Int? = nil) -> TransposedConvolution? {
            try? TransposedConvolution(input: tensor(input), filter: tensor(filter ?? self.filter),
                                       bias: bias.map { [Double($0)] }, stride: stride ?? self.stride,
                                       padding: padding, outputPadding: outputPadding ?? self.outputPadding,
                                       names: TensorNames(output: "Y"))
        }

        static func value(_ layer: TransposedConvolution?, _ row: Int, _ column: Int) -> Rational? {
            guard let layer, (0..<layer.outputHeight).contains(row), (0..<layer.outputWidth).contains(column) else {
                return nil
            }
            return exact(layer.explainOutput(row * layer.outputWidth + column).value)
        }
    }

    /// One value of a transposed convolution (PyTorch's conv_transpose2d): every input value stamps a scaled
    /// copy of F, S apart; P rows and columns are cut from each side and A added at the far end.
    static func transposedValue(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let input = random.grid(rows: random.integer(in: 2...3), columns: random.integer(in: 2...3), in: -2...3)
        let filter = ConvolutionSetup.nonzeroGrid(&random, size: random.element(of: [2, 3]), in: -2...3)
        let stride = random.element(of: [1, 2, 2])
        let setup = TransposedSetup(
            input: input, filter: filter,
            bias: random.chance(1, in: 2) ? random.integer(in: 1...3) * random.element(of: [1, -1]) : nil,
            stride: stride, padding: random.element(of: [0, 0, 1]),
            outputPadding: stride > 1 ? random.element(of: [0, 0, 1]) : 0)
        let layer = setup.layer()!
        let reached = (0..<layer.outputCount).filter { !layer.explainOutput($0).terms.isEmpty }
        let flat = random.element(of: reached)
        let (row, column) = (flat / layer.outputWidth, flat % layer.outputWidth)
        let explanation = layer.explainOutput(flat)
        let working = Working(explanation)
        let bias = setup.bias.map { "Y = X ⊛ F + b with b = \($0)" } ?? "Y = X ⊛ F (no bias)"
        let cut = setup.padding == 0 ? "no padding"
            : "padding \(setup.padding) cuts \(setup.padding) row and column from every side of the result"
        let added = setup.outputPadding == 0 ? "no output padding"
            : "output padding \(setup.outputPadding) adds \(setup.outputPadding) row and column at the bottom and right"
        let question = "\(indexing) \(bias) is a transposed convolution (PyTorch's conv_transpose2d): each X value "
            + "adds a copy of F scaled by itself, their corners \(setup.stride) apart (stride \(setup.stride)); "
            + "\(cut); \(added). The output is \(layer.outputHeight)×\(layer.outputWidth). "
            + "What is \(cell("Y", row, column))?"
        return Problem(
            kind: .transposedValue, seed: seed,
            parameters: [ProblemParameter("stride", setup.stride), ProblemParameter("padding", setup.padding),
                         ProblemParameter("output_padding", setup.outputPadding),
                         ProblemParameter("bias", setup.bias ?? 0)] + position(row, column),
            grids: [ProblemGrid(name: "X", caption: "input", rows: input),
                    ProblemGrid(name: "F", caption: "filter", rows: filter)],
            question: question, answer: working.result, working: working,
            hints: [HintText.cells(explanation), HintText.worked(working)],
            mistakes: distinctMistakes(transposedSlips(setup, row: row, column: column, finished: working.result),
                                       answer: working.result))
    }

    static func transposedSlips(_ setup: TransposedSetup, row: Int, column: Int, finished: Rational)
        -> [KnownMistake?] {
        let turned = integerRows(tensor(setup.filter).rotated180())
        var slips: [KnownMistake?] = [
            TransposedSetup.value(setup.layer(filter: turned), row, column).map {
                KnownMistake(.flippedFilter, $0, "that stamps the filter turned by 180°: the scatter stamps it as "
                             + "written; only the zero-insertion form, which slides, turns it")
            },
            setup.bias.map {
                KnownMistake(.biasForgotten, finished - Rational($0), "that is the sum without the bias: add b = \($0)")
            },
        ]
        if setup.outputPadding > 0 {
            let shifted = (row - setup.outputPadding, column - setup.outputPadding)
            slips.append(TransposedSetup.value(setup.layer(outputPadding: 0), shifted.0, shifted.1).map {
                KnownMistake(.outputPaddingAtStart, $0, "that puts the output padding at the start, moving every "
                             + "stamp: it adds rows and columns at the far end, where no stamp reaches")
            })
        }
        if setup.stride > 1 {
            slips.append(TransposedSetup.value(setup.layer(stride: 1, outputPadding: 0), row, column).map {
                KnownMistake(.strideIgnored, $0, "that stamps the copies 1 apart: stride \(setup.stride) puts their "
                             + "corners \(setup.stride) apart")
            })
        }
        let layer = setup.layer()
        slips += neighbours.map { move in
            TransposedSetup.value(layer, row + move.rows, column + move.columns).map {
                KnownMistake(.wrongCell, $0, "that is \(cell("Y", row + move.rows, column + move.columns)), "
                             + "\(move.words) of the value asked: the right sum in the wrong place")
            }
        }
        return slips
    }
}
