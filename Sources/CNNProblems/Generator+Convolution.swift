import CNNCore

extension ProblemGenerator {
    /// One output value of a convolution with stride, padding, dilation, bias and, now and then, true convolution.
    static func convolutionValue(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let setup = ConvolutionSetup.draw(&random, allowsDilation: true, allowsFlip: true)
        let layer = setup.convolution()!
        let row = random.integer(in: 0...(layer.outputHeight - 1))
        let column = random.integer(in: 0...(layer.outputWidth - 1))
        let explanation = layer.explainOutput(at: [0, 0, row, column])
        let working = Working(explanation)
        let slips = convolutionSlips(setup, row: row, column: column, finished: working.result)
        return Problem(
            kind: .convolutionValue, seed: seed, parameters: setup.parameters + position(row, column),
            grids: setup.grids,
            question: "\(indexing) \(setup.sentence) What is \(cell("O", row, column))?",
            answer: working.result, working: working,
            hints: [HintText.cells(explanation), HintText.worked(working)],
            mistakes: distinctMistakes(slips, answer: working.result))
    }

    /// The running sum of a convolution value after term t, the terms taken as the window's cells row by row.
    static func partialSum(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let setup = ConvolutionSetup.draw(&random, allowsDilation: false, allowsFlip: false)
        let layer = setup.convolution()!
        let row = random.integer(in: 0...(layer.outputHeight - 1))
        let column = random.integer(in: 0...(layer.outputWidth - 1))
        let explanation = layer.explainOutput(at: [0, 0, row, column])
        let count = explanation.terms.count
        let term = random.integer(in: 2...(count - 1))
        let full = Working(explanation)
        let answer = full.terms[term - 1].running
        let working = Working(target: "\(full.target) after term \(term)", combination: .sum,
                              terms: Array(full.terms.prefix(term)), bias: nil, steps: [], result: answer,
                              line: explanation.numericLine(terms: term))
        let target = cell("O", row, column)
        let question = "\(indexing) \(setup.sentence) Work out \(target) one product at a time, the window's cells "
            + "row by row from its top-left (a padded cell is a term too). What is the running sum after term \(term)?"
        return Problem(
            kind: .partialSum, seed: seed,
            parameters: setup.parameters + position(row, column) + [ProblemParameter("term", term)],
            grids: setup.grids, question: question, answer: answer, working: working,
            hints: [HintText.cells(explanation, terms: term), HintText.worked(full, terms: term)],
            mistakes: distinctMistakes(partialSumSlips(full, term: term), answer: answer))
    }

    /// The asked cell as parameters (0-based, as every position in JSON).
    static func position(_ row: Int, _ column: Int) -> [ProblemParameter] {
        [ProblemParameter("row", row), ProblemParameter("column", column)]
    }

    /// A convolution value's slips, most telling first.
    static func convolutionSlips(_ setup: ConvolutionSetup, row: Int, column: Int, finished: Rational)
        -> [KnownMistake?] {
        let value = { ConvolutionSetup.value($0, row, column) }
        var slips: [KnownMistake?] = [
            value(setup.convolution(flips: !setup.flips)).map {
                KnownMistake(.flippedFilter, $0, setup.flips
                    ? "that is the cross-correlation value: here the filter is turned by 180° before it slides"
                    : "that is the true-convolution value, the filter turned by 180°: here it slides as written")
            },
            setup.bias.map {
                KnownMistake(.biasForgotten, finished - Rational($0), "that is the sum without the bias: add b = \($0)")
            },
        ]
        if setup.padding > 0 {
            slips.append(value(setup.convolution(padding: 0)).map {
                KnownMistake(.paddingForgotten, $0, "that is the window at the same place in the unpadded input: "
                             + "the zero border was left out — pad first, then slide")
            })
        }
        if setup.dilation > 1 {
            slips.append(value(setup.convolution(dilation: 1)).map {
                KnownMistake(.dilationIgnored, $0, "that slides the filter with its taps side by side: dilation "
                             + "\(setup.dilation) spaces them \(setup.dilation) apart")
            })
        }
        if setup.stride > 1 {
            let single = setup.convolution(stride: 1)
            slips += neighbours.map { move in
                ConvolutionSetup.value(single, row * setup.stride + move.rows,
                                       column * setup.stride + move.columns).map {
                    KnownMistake(.windowOffByOne, $0, "that is the window moved \(move.words) by one cell instead "
                                 + "of one stride: the window is off by one")
                }
            }
        }
        let layer = setup.convolution()
        slips += neighbours.map { move in
            ConvolutionSetup.value(layer, row + move.rows, column + move.columns).map {
                KnownMistake(.wrongCell, $0, "that is \(cell("O", row + move.rows, column + move.columns)), "
                             + "\(move.words) of the value asked: the right sum in the wrong place")
            }
        }
        return slips
    }

    /// A running sum's slips: the whole sum, the finished value, one term short or too many, term t alone.
    static func partialSumSlips(_ full: Working, term: Int) -> [KnownMistake?] {
        let terms = full.terms
        return [
            KnownMistake(.wholeSum, terms[terms.count - 1].running,
                         "that is the sum of all \(terms.count) terms: the question stops after term \(term)"),
            full.bias.map { _ in
                KnownMistake(.wholeSum, full.result, "that is the finished value, bias and all: the question asks "
                             + "for the running sum after term \(term)")
            },
            KnownMistake(.termMiscounted, terms[term - 2].running,
                         "that is the running sum after term \(term - 1): one term short"),
            KnownMistake(.termMiscounted, terms[term].running,
                         "that is the running sum after term \(term + 1): one term too many"),
            KnownMistake(.productAlone, terms[term - 1].product,
                         "that is term \(term)'s product alone: the running sum adds terms 1 to \(term)"),
        ]
    }
}
