import CNNCore

/// softmax, cross-entropy and their backward pass: each value derived in a few lines (the maximum, the exponentials,
/// their sum, the quotient), not one sum of products.
extension PlanBuilder {
    func softmaxPlan(_ fields: SoftmaxFields) throws -> any StepPlan {
        let softmax = try run { try Softmax(input: tensor(fields.input)) }
        let samples = softmax.samples
        try budget.charge(samples.count * samples.width, terms: 3 * samples.width, builder: self)
        let output = softmax.forward()
        let lines: @Sendable (Int) -> [DerivationLine] = { flat in
            let n = flat / samples.width
            return [.sum(softmax.explainMaximum(n)), .formula(softmax.explainExponential(flat)),
                    .sum(softmax.explainDenominator(n)), .formula(softmax.explainOutput(flat))]
        }
        let (elements, isAll) = try elements(displayShape: output.shape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, terms: 4)
        let drawing = ScoreGrids(samples: samples, scores: softmax.input.reshaped(samples.displayShape), walk: walk)
        let result = NamedResult(tensor: output, explain: nil, derivation: { DerivationPlan.worked(lines($0)) })
        return DerivationPlan(walk: walk, lines: lines,
                              grids: { state in
                                  [drawing.scorePanel(state, focus: state.focus),
                                   drawing.vector("Probabilities p", name: softmax.names.output, output, state: state)]
                              },
                              notes: { $0 == 1 ? [Softmax.whyMaximum] : [] },
                              results: ["output": result], mainResult: "output",
                              mistakes: { flat in
                                  let exponential = softmax.explainExponential(flat).value
                                  return [KnownMistake(.exponentialAlone, value: exponential,
                                                       message: "that is E = e^(z − m) alone: divide it by S, the "
                                                           + "sum of all of them")]
                              })
    }

    func crossEntropyPlan(_ fields: CrossEntropyFields) throws -> any StepPlan {
        let loss = try lossLayer(fields)
        let softmax = loss.softmax
        let surprise = loss.explainNegativeLogProbability(fields.label)
        let lines: [DerivationLine] = [.sum(softmax.explainMaximum(0)), .sum(softmax.explainDenominator(0)),
                                       .formula(Self.named("L", surprise))]
        let value = try! Tensor(shape: [1], values: [surprise.value])
        let walk = ValueWalk(walk: computation.walk, elements: [0], isAll: true, addsBias: false, terms: lines.count)
        let drawing = ScoreGrids(samples: softmax.samples, scores: softmax.input.reshaped([softmax.samples.width]),
                                 walk: walk)
        let label = fields.label
        let result = NamedResult(tensor: value, explain: nil, derivation: { _ in DerivationPlan.worked(lines) })
        return DerivationPlan(walk: walk, lines: { _ in lines },
                              grids: { state in
                                  [drawing.scorePanel(state, focus: state.focus.map { _ in label }),
                                   drawing.vector("Target y", name: "y", loss.target.reshaped([softmax.samples.width]),
                                                  state: state, role: .derived),
                                   drawing.vector("Loss L", name: "L", value, state: state)]
                              },
                              facts: ["The true class is \(IndexBase.current.shown(label)): "
                                      + "y is 1 there, 0 elsewhere."],
                              results: ["loss": result], mainResult: "loss",
                              mistakes: { _ in QuizMistakes.crossEntropy(loss: surprise.value) })
    }

    func scoreGradientPlan(_ fields: CrossEntropyFields) throws -> any StepPlan {
        let loss = try lossLayer(fields)
        let softmax = loss.softmax, width = softmax.samples.width
        let gradient = loss.scoreGradient(), probabilities = softmax.forward()
        let lines: @Sendable (Int) -> [DerivationLine] = { k in
            [.formula(softmax.explainOutput(k)), .formula(loss.explainScoreGradient(k))]
        }
        let (elements, isAll) = try elements(displayShape: gradient.shape)
        let walk = ValueWalk(walk: computation.walk, elements: elements, isAll: isAll, addsBias: false, terms: 2)
        let drawing = ScoreGrids(samples: softmax.samples, scores: softmax.input.reshaped([width]), walk: walk)
        let gradientName = TensorNames.gradient(softmax.names.input)
        let results = [
            "grad_input": NamedResult(tensor: gradient, explain: nil,
                                      derivation: { DerivationPlan.worked(lines($0)) }),
            "output": NamedResult(tensor: probabilities, explain: nil,
                                  derivation: { DerivationPlan.worked(Array(lines($0).prefix(1))) }),
        ]
        return DerivationPlan(walk: walk, lines: lines,
                              grids: { state in
                                  [drawing.scorePanel(state, focus: state.focus),
                                   drawing.vector("Probabilities p", name: softmax.names.output, probabilities,
                                                  state: state, role: .derived),
                                   drawing.vector("Target y", name: "y", loss.target.reshaped([width]), state: state,
                                                  role: .derived),
                                   drawing.vector("Gradient \(gradientName)", name: gradientName, gradient,
                                                  state: state)]
                              },
                              facts: ["The true class is \(IndexBase.current.shown(fields.label)): "
                                      + "y is 1 there, 0 elsewhere."],
                              results: results, mainResult: "grad_input",
                              mistakes: { k in QuizMistakes.scoreGradient(loss.explainScoreGradient(k)) })
    }

    /// One sample's scores against the one-hot target of `fields.label`, charged to the budget.
    /// - Throws: `LessonIssue` at `input` unless the scores are one vector, at `label` unless it is one of the classes.
    func lossLayer(_ fields: CrossEntropyFields) throws -> SoftmaxCrossEntropy {
        let scores = try tensor(fields.input)
        guard scores.rank == 1 else {
            throw issue("the scores must be one sample's K values, a list like [2, -1, 0.5]; this is "
                        + Shape.describe(scores.shape), field: "input")
        }
        guard fields.label < scores.count else {
            throw issue("label \(fields.label + 1) is not one of the \(scores.count) classes (1 to \(scores.count))",
                        field: "label")
        }
        let target = try! Tensor(shape: scores.shape, values: (0..<scores.count).map { $0 == fields.label ? 1 : 0 })
        try budget.charge(scores.count, terms: 4, builder: self)
        return try run { try SoftmaxCrossEntropy(scores: scores, target: target) }
    }

    /// `formula` with its target renamed (−ln p3 as the loss L): "L = −ln p3 = ln S − (z3 − m)".
    static func named(_ name: String, _ formula: Formula) -> Formula {
        let target = Factor(name: name, position: [], subscripts: [], value: formula.value)
        return Formula(target: target, operands: formula.operands, symbolicLine: "\(name) = " + formula.symbolicLine,
                       numericLine: "\(name) = " + formula.numericLine)
    }
}

/// The vectors of a softmax or loss frame: the scores with the one in use lit, and the vectors computed from them.
struct ScoreGrids: Sendable {
    let samples: Samples
    /// z as written.
    let scores: Tensor
    let walk: ValueWalk

    /// Position as written of flat index `flat` of a sample-shaped vector.
    func position(_ flat: Int) -> [Int] {
        let (n, k) = flat.quotientAndRemainder(dividingBy: samples.width)
        return samples.isBatch ? [n, k] : [k]
    }

    /// z, score `focus` (a flat index) lit as in use, the rest of its sample as read by the maximum and the sum.
    func scorePanel(_ state: WalkState, focus: Int?) -> GridPanel {
        let here = focus.map(position)
        let isComputing = state.element != nil
        return VectorGrid(title: "Scores z", role: .input, name: "z", tensor: scores, operand: "input",
                          focus: here ?? [])
            .build(highlight: { position in
                if isComputing, position == here { return .active }
                return isComputing && (!samples.isBatch || position.first == here?.first) ? .window : .none
            })
    }

    /// A vector computed from the scores: an output (its value in focus lit, those still to come blank) or a
    /// derived vector shown whole.
    func vector(_ title: String, name: String, _ tensor: Tensor, state: WalkState,
                role: GridRole = .output) -> GridPanel {
        let here = state.focus.map { tensor.multiIndex(min($0, tensor.count - 1)) }
        return VectorGrid(title: title, role: role, name: name, tensor: tensor, focus: here ?? [])
            .build(highlight: { role == .output && state.element != nil && $0 == here ? .target : .none },
                   hidden: { role == .output && state.isPending(tensor.flatIndex($0), walk: walk) })
    }
}
