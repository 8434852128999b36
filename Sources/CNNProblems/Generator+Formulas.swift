import CNNCore

extension ProblemGenerator {
    /// The output width of a convolution, sometimes strided unevenly, padded or dilated.
    static func outputSize(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        var input = 0, filter = 0, stride = 0, padding = 0, dilation = 0
        var size: Int?
        repeat {
            input = random.integer(in: 5...32)
            filter = random.element(of: [1, 2, 3, 3, 5, 7])
            stride = random.integer(in: 1...3)
            padding = random.element(of: [0, 0, 1, 2, 3])
            dilation = random.chance(1, in: 4) ? 2 : 1
            size = try? OutputSize.compute(inputSize: input, filterSize: filter, stride: stride, padding: padding,
                                           dilation: dilation)
        } while size == nil
        let answer = size!
        let sized = { (padding: Int, stride: Int, dilation: Int) -> Rational? in
            (try? OutputSize.compute(inputSize: input, filterSize: filter, stride: stride, padding: padding,
                                     dilation: dilation)).map { Rational($0) }
        }
        let numerator = input + 2 * padding - dilation * (filter - 1) - 1
        let onePadding = input + padding - dilation * (filter - 1) - 1
        let slips: [KnownMistake?] = [
            KnownMistake(.plusOneForgotten, Rational(answer - 1),
                         "that is ⌊(N + 2P − D·(F − 1) − 1)/S⌋ without the + 1: the first window counts too"),
            numerator % stride == 0 ? nil : KnownMistake(.rounding, Rational(answer + 1),
                         "that rounds the division up: a window that would overhang the padded input does not fit, "
                            + "so round down"),
            padding == 0 ? nil : sized(0, stride, dilation).map {
                KnownMistake(.paddingForgotten, $0, "that leaves out the padding: the input is N + 2P wide")
            },
            padding == 0 || onePadding < 0 ? nil : KnownMistake(
                .paddingCountedOnce, Rational(onePadding / stride + 1),
                "that pads one side only: padding P adds P zeros on each side, 2P in all"),
            dilation == 1 ? nil : sized(padding, stride, 1).map {
                KnownMistake(.dilationIgnored, $0, "that takes the filter as \(filter) wide: dilated, it spans "
                             + "D·(F − 1) + 1 = \(dilation * (filter - 1) + 1)")
            },
            stride == 1 ? nil : sized(padding, 1, dilation).map {
                KnownMistake(.strideIgnored, $0, "that moves the window one cell at a time: stride \(stride) moves it "
                             + "\(stride)")
            },
        ]
        let explanation = try! OutputSize.explain(inputSize: input, filterSize: filter, stride: stride,
                                                  padding: padding, dilation: dilation)
        let steps = [
            FormulaStep(name: "N + 2P − D·(F − 1) − 1",
                        numbers: "\(input) + 2·\(padding) − \(dilation)·(\(filter) − 1) − 1", value: numerator),
            FormulaStep(name: "⌊(N + 2P − D·(F − 1) − 1)/S⌋", numbers: "⌊\(numerator)/\(stride)⌋",
                        value: answer - 1),
            FormulaStep(name: "⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1", numbers: "\(answer - 1) + 1", value: answer),
        ]
        let taps = dilation == 1 ? "" : ", dilation D = \(dilation)"
        return Problem(
            kind: .outputSize, seed: seed,
            parameters: [ProblemParameter("input", input), ProblemParameter("filter", filter),
                         ProblemParameter("stride", stride), ProblemParameter("padding", padding),
                         ProblemParameter("dilation", dilation)],
            grids: [],
            question: "A convolution slides a filter of width F = \(filter) over an input of width N = \(input) "
                + "with stride S = \(stride), padding P = \(padding) on each side\(taps). How wide is the output?",
            answer: Rational(answer), working: Working(target: "output width", steps: steps, line: explanation),
            hints: ["⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1 with N = \(input), F = \(filter), S = \(stride), "
                        + "P = \(padding), D = \(dilation) — the dilated filter spans D·(F − 1) + 1 cells.",
                    "⌊(\(input) + 2·\(padding) − \(dilation)·(\(filter) − 1) − 1)/\(stride)⌋ + 1 = "
                        + "⌊\(numerator)/\(stride)⌋ + 1 — now divide, round down and add 1."],
            mistakes: distinctMistakes(slips, answer: Rational(answer)))
    }

    /// How many parameters a convolutional layer learns: K filters of C·Kh·Kw weights and one bias each.
    static func parameterCount(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let channels = random.element(of: [1, 3, 3, 4, 8, 16])
        let filters = random.element(of: [2, 4, 6, 8, 16, 32])
        let kernel = random.element(of: [1, 3, 3, 5])
        let image = random.element(of: [8, 16, 28, 32])
        let layer = { (channels: Int, filters: Int) -> Convolution in
            try! Convolution(input: Tensor(zeros: [channels, image, image]),
                             filter: Tensor(zeros: [filters, channels, kernel, kernel]),
                             bias: Array(repeating: 0, count: filters))
        }
        let full = layer(channels, filters)
        let weights = full.filters.count, biases = full.bias!.count
        let answer = weights + biases
        let positions = full.outputHeight * full.outputWidth
        let slips: [KnownMistake?] = [
            KnownMistake(.biasForgotten, Rational(weights),
                         "that counts the weights only: each filter also learns one bias"),
            channels == 1 ? nil : KnownMistake(.channelsForgotten, Rational(layer(1, filters).filters.count + biases),
                         "that gives each filter a \(kernel)×\(kernel) weight grid only: it has one for each of the "
                            + "\(channels) input channels"),
            KnownMistake(.oneFilterOnly, Rational(layer(channels, 1).filters.count + 1),
                         "that is one filter's count: the layer has \(filters) filters"),
            KnownMistake(.weightsPerPosition, Rational(answer * positions),
                         "that gives every output position its own weights (a locally connected layer): a "
                            + "convolution shares one set over all \(positions) positions"),
        ]
        let steps = [
            FormulaStep(name: "C·Kh·Kw", numbers: "\(channels)·\(kernel)·\(kernel)", value: weights / filters),
            FormulaStep(name: "K·C·Kh·Kw", numbers: "\(filters)·\(weights / filters)", value: weights),
            FormulaStep(name: "K·C·Kh·Kw + K", numbers: "\(weights) + \(biases)", value: answer),
        ]
        return Problem(
            kind: .parameterCount, seed: seed,
            parameters: [ProblemParameter("channels", channels), ProblemParameter("filters", filters),
                         ProblemParameter("kernel", kernel), ProblemParameter("image", image)],
            grids: [],
            question: "A convolutional layer takes an image of C = \(channels) channels, each \(image)×\(image), and "
                + "has K = \(filters) filters of size \(kernel)×\(kernel), each with one bias (stride 1, no padding). "
                + "How many parameters does it learn?",
            answer: Rational(answer),
            working: Working(target: "parameters", steps: steps, line: "K·C·Kh·Kw + K = "
                                + "\(filters)·\(channels)·\(kernel)·\(kernel) + \(filters) = \(answer)"),
            hints: ["Each of the K = \(filters) filters has C·Kh·Kw weights (one \(kernel)×\(kernel) grid per input "
                        + "channel) and one bias; the image size does not matter.",
                    "C·Kh·Kw = \(channels)·\(kernel)·\(kernel) = \(weights / filters) weights per filter — now count "
                        + "all \(filters) filters and add their biases."],
            mistakes: distinctMistakes(slips, answer: Rational(answer)))
    }
}
