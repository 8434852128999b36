import CNNCore

extension ProblemGenerator {
    /// One layer of a stack along one axis.
    struct StackLayer {
        let kernel, stride: Int
    }

    /// The receptive field of one unit of the last layer of `layers` along one axis, measured with the core as
    /// its definition says: the input cells that can change the unit's value. The unit's gradient (a one-hot
    /// ∂L/∂O) is sent back through every layer with `ConvolutionBackward`, with filters of ones so that no path
    /// cancels, and the field is the span from the first to the last input cell with a nonzero gradient.
    /// - Precondition: `layers` is not empty; kernels and strides at most 7.
    static func receptiveField(of layers: [StackLayer]) -> Int {
        // Wide enough that the first unit's field never reaches the end: 1 + Σ (k − 1)·Π s ≤ 1 + 4·6·64.
        var sizes = [2048]
        let convolutions = layers.map { layer -> Convolution in
            let convolution = try! Convolution(input: Tensor(zeros: [sizes.last!]),
                                               filter: Tensor(shape: [layer.kernel],
                                                              values: Array(repeating: 1, count: layer.kernel)),
                                               stride: layer.stride)
            sizes.append(convolution.outputWidth)
            return convolution
        }
        var gradient = Array(repeating: 0.0, count: sizes.last!)
        gradient[0] = 1
        for convolution in convolutions.reversed() {
            let backward = try! convolution.backward(outputGradient: Tensor(shape: [gradient.count], values: gradient))
            gradient = backward.inputGradient().values
        }
        let reached = gradient.indices.filter { gradient[$0] != 0 }
        return reached.last! - reached.first! + 1
    }

    /// The receptive field of a unit after a stack of 2–4 one-axis convolutions with kernels 2–5 and strides 1–2.
    static func receptiveField(_ random: inout Xoshiro256StarStar, seed: UInt64) -> Problem {
        let layers = (0..<random.integer(in: 2...4)).map { _ in
            StackLayer(kernel: random.element(of: [2, 3, 3, 5]), stride: random.element(of: [1, 1, 2]))
        }
        let answer = receptiveField(of: layers)
        let kernels = layers.map(\.kernel)
        let slips: [KnownMistake?] = [
            layers.allSatisfy({ $0.stride == 1 }) ? nil : KnownMistake(
                .strideIgnored, Rational(receptiveField(of: layers.map { StackLayer(kernel: $0.kernel, stride: 1) })),
                "that adds each layer's F − 1 as if every stride were 1: a layer after a stride-S layer steps S "
                    + "input cells per unit, so its F − 1 counts S times"),
            KnownMistake(.plusOneForgotten, Rational(answer - 1),
                         "that is the growth alone: the field starts from the unit's own single cell, + 1"),
            KnownMistake(.kernelsAdded, Rational(kernels.reduce(0, +)),
                         "that adds the kernel sizes: neighbouring windows overlap, so each layer adds F − 1, not F"),
            KnownMistake(.kernelsMultiplied, Rational(kernels.reduce(1, *)),
                         "that multiplies the kernel sizes: the fields grow by adding, layer by layer"),
        ]
        var steps: [FormulaStep] = []
        var jump = 1
        for depth in 1...layers.count {
            let layer = layers[depth - 1]
            let before = depth == 1 ? 1 : steps[depth - 2].value
            steps.append(FormulaStep(name: "r\(depth) = r\(depth - 1) + (F\(depth) − 1)·j\(depth - 1)",
                                     numbers: "\(before) + (\(layer.kernel) − 1)·\(jump)",
                                     value: receptiveField(of: Array(layers.prefix(depth)))))
            jump *= layer.stride
        }
        let described = layers.enumerated().map { index, layer in
            "layer \(index + 1): kernel \(layer.kernel), stride \(layer.stride)"
        }.joined(separator: "; ")
        return Problem(
            kind: .receptiveField, seed: seed,
            parameters: layers.enumerated().flatMap { index, layer in
                [ProblemParameter("kernel\(index + 1)", layer.kernel), ProblemParameter("stride\(index + 1)",
                                                                                        layer.stride)]
            },
            grids: [],
            question: "\(layers.count) convolutions without padding are applied one after another along one axis "
                + "(\(described)). How many input cells wide is the receptive field of one unit of the last layer?",
            answer: Rational(answer),
            working: Working(target: "receptive field", steps: steps,
                             line: steps.map { "\($0.name) = \($0.numbers) = \($0.value)" }.joined(separator: "; ")),
            hints: ["Start from one cell, r0 = 1, and go up the stack: layer l adds (F − 1) times the input cells "
                        + "between neighbouring units of the layer below it, j = the product of the strides before l.",
                    steps.map { "\($0.name) = \($0.numbers)" }.joined(separator: "; ") + " — now work them out in "
                        + "order."],
            mistakes: distinctMistakes(slips, answer: Rational(answer)))
    }
}
