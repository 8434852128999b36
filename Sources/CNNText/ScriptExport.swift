import CNNCore
import CNNLessons
import CNNSafeText

/// A lesson as a Python script that recomputes every result of every computation step, with numpy alone or with
/// torch.nn.functional, from the lesson's own operands, prints each as one line:
///
///     steps 21–25 output 2x2: 4.0 -2.0 8.0 1.0
///
/// (the tutor's step numbers of that lesson step, as its status line and `show --step` count them; result name;
/// shape; values in row-major order, each exact), and checks it against the tutor's value, embedded beside the
/// call. The script ends with "all N values agree with the tutor" (exit 0) or a line per disagreeing result and
/// "K of N values differ from the tutor" (exit 1).
/// Results an earlier step computed are passed on as that step's variable (`s8` for the file's step 8, as `from: 8`
/// counts it), never copied, as in the tutor.
/// Lesson text (titles, the file's name) appears only in comments made by `PythonText.comment`, strings only as
/// `PythonText.stringLiteral`; names in the script are the exporter's own, and the embedded values the tutor's.
public struct ScriptExport {
    public enum Library: String, Sendable, CaseIterable {
        case numpy, pytorch
    }

    public var library: Library
    /// How each operation becomes a call; an operation missing here is written as a comment saying so.
    var builders = ScriptCall.builders

    public init(library: Library) {
        self.library = library
    }

    /// The script of `player`'s lesson, with the values `player` computed to check against.
    ///
    /// - Parameter player: the lesson as the tutor computed it, in the operation the lesson wrote.
    /// - Precondition: `player` does not swap cross-correlation and true convolution: the script recomputes the
    ///   lesson as written, so the embedded values must be of the same operation.
    public func render(_ player: LessonPlayer) -> String {
        precondition(!player.conventions.swapsKernelFlip, "a script recomputes the lesson as written")
        let lesson = player.lesson
        // Lesson text only from line 3 on, after the encoding declaration (see PythonText.encodingDeclaration).
        var lines = [
            "#!/usr/bin/env python3",
            PythonText.encodingDeclaration,
            PythonText.comment(
                "\(lesson.title) (cnn-tutor lesson '\(lesson.id)'), recomputed with \(libraryDescription)."),
            "# Prints one line per result: <the tutor's steps> <name> <shape>: <values in row-major order>, numbered",
            "# as the tutor's status line and `show --step` number them; then checks them against the tutor's values.",
            "# Variable sN holds the results of the lesson file's step N, as `from: N` counts them.",
            "",
        ]
        lines += prelude.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, step) in lesson.steps.enumerated() {
            guard let computation = step.computation else { continue }
            lines.append("")
            lines += stepLines(player, step: index, computation: computation)
        }
        lines += ["", "summarize()"]
        return lines.joined(separator: "\n") + "\n"
    }

    var libraryDescription: String {
        switch library {
        case .numpy: "numpy only"
        case .pytorch: "torch.nn.functional and autograd"
        }
    }

    var prelude: String {
        switch library {
        case .numpy: ScriptPrelude.numpy
        case .pytorch: ScriptPrelude.pytorch
        }
    }

    /// The comment naming lesson step `index` (0-based), its call, and its report.
    func stepLines(_ player: LessonPlayer, step index: Int, computation: Computation) -> [String] {
        // The file's name, not its path: the script may be read on another machine.
        let place = "\(computation.location.file.split(separator: "/").last ?? ""):\(computation.location.line)"
        let title = player.lesson.steps[index].title
        let heading = player.tutorStepsLabel(ofStep: index, capitalized: true) + (title.isEmpty ? "" : ": \(title)")
        let operands = ScriptOperands(computation: computation, stepIndex: index, lesson: player.lesson)
        let variable = ScriptOperands.variable(step: index)
        let call = builders[computation.operation.name]?(computation.operation, operands)
        let name = computation.operation.name.rawValue
        let body = call?.assignment(to: variable) ?? [PythonText.comment("not exportable yet: op \(name) at \(place)")]
        // Without a call the step computes nothing: each of the tutor's results is reported as not computed.
        let report = ScriptReport(label: player.tutorStepsLabel(ofStep: index), results: call == nil ? "{}" : variable,
                                  tutorValues: player.results(ofStep: index))
        // The lesson's names for its grids are prose here: the script's variables keep the exporter's own names.
        let names = computation.names.summary
        let named = names.isEmpty ? [] : [PythonText.comment("The lesson's names: " + names)]
        return [PythonText.comment(heading + " (\(place))")] + named + narrationComments(player, step: index) + body
            + report.lines
    }

    /// The step's narration as comments, set in under its heading, each line through `PythonText.comment`.
    func narrationComments(_ player: LessonPlayer, step index: Int) -> [String] {
        let narration = player.lesson.steps[index].narration.named(base: player.conventions.indexBase)
        var lines = NarrationText.plain(narration, width: 74)
        while lines.last == "" { lines.removeLast() }
        return lines.map { $0.isEmpty ? "#" : PythonText.comment("  " + $0) }
    }
}

/// `report(...)`: prints a step's results under the tutor's step numbers and checks them against the tutor's values,
/// written here as data (the exporter's numbers, never lesson text).
struct ScriptReport {
    /// "steps 21–25", from `LessonPlayer.tutorStepsLabel(ofStep:)`.
    var label: String
    /// The Python expression of the step's results by name: its variable.
    var results: String
    var tutorValues: [String: Tensor]

    /// One line when it fits in 100 columns, else one of the tutor's results a line.
    var lines: [String] {
        let entries = tutorValues.sorted { $0.key < $1.key }.map { name, tensor in
            "\(PythonText.stringLiteral(name)): \(ScriptOperands.literal(tensor))"
        }
        let head = "report(\(PythonText.stringLiteral(label)), \(results), tutor={"
        let single = head + entries.joined(separator: ", ") + "})"
        if single.count <= 100 { return [single] }
        return [head] + entries.map { "    \($0)," } + ["})"]
    }
}

/// A call of one of the prelude's step functions: `s3 = conv(input=..., filter=..., stride=1)`.
struct ScriptCall {
    var function: String
    var arguments: [(name: String, value: String)]

    /// One line when it fits in 100 columns, else one argument a line.
    func assignment(to variable: String) -> [String] {
        let pieces = arguments.map { "\($0.name)=\($0.value)" }
        let single = "\(variable) = \(function)(\(pieces.joined(separator: ", ")))"
        if single.count <= 100 { return [single] }
        return ["\(variable) = \(function)("] + pieces.map { "    \($0)," } + [")"]
    }

    typealias Builder = @Sendable (Operation, ScriptOperands) -> ScriptCall?

    /// The call for each operation the exporters know. A new operation needs one entry here and a function of
    /// the same meaning in each prelude (ScriptPrelude.swift).
    static let builders = layerBuilders.merging(networkBuilders) { layer, _ in layer }

    static let layerBuilders: [Operation.Name: Builder] = [
        .conv: { operation, x in
            guard case .conv(let f) = operation else { return nil }
            return ScriptCall(function: "conv", arguments: [
                ("input", x.input(f.input)), ("filter", x.value(f.filter)), ("bias", x.list(f.bias)),
                ("stride", "\(f.stride)"), ("padding", "\(f.padding)"), ("dilation", "\(f.dilation)"),
                ("relu", f.relu ? "True" : "False"),
            ] + groupsArgument(f.groups))
        },
        .convolve: { operation, x in
            guard case .convolve(let f) = operation else { return nil }
            return ScriptCall(function: "convolve", arguments: [
                ("input", x.input(f.input)), ("filter", x.value(f.filter)),
                ("mode", PythonText.stringLiteral(f.mode.rawValue)),
            ])
        },
        .rotate: { operation, x in
            guard case .rotate(let f) = operation else { return nil }
            return ScriptCall(function: "rotate", arguments: [("filter", x.value(f.filter))])
        },
        .fullConv: { operation, x in
            guard case .fullConv(let f) = operation else { return nil }
            return ScriptCall(function: "full_conv",
                              arguments: [("grad", x.value(f.grad)), ("filter", x.value(f.filter))])
        },
        .convBackward: { operation, x in
            guard case .convBackward(let f) = operation else { return nil }
            return ScriptCall(function: "conv_backward", arguments: [
                ("input", x.input(f.input)), ("filter", x.value(f.filter)), ("grad", x.value(f.grad)),
                ("bias", x.list(f.bias)), ("stride", "\(f.stride)"), ("padding", "\(f.padding)"),
                ("dilation", "\(f.dilation)"),
            ] + groupsArgument(f.groups))
        },
        .dilate: { operation, x in
            guard case .dilate(let f) = operation else { return nil }
            return ScriptCall(function: "dilate", arguments: [("grad", x.value(f.grad)), ("stride", "\(f.stride)")])
        },
        .pool: { operation, x in
            guard case .pool(let f) = operation else { return nil }
            guard f.across == .channels else { return ScriptCall(function: "pool", arguments: poolArguments(f, x)) }
            return ScriptCall(function: "pool_channels", arguments: [
                ("input", x.input(f.input)), ("mode", PythonText.stringLiteral(f.mode.rawValue)),
                ("group", f.group.map { "\($0)" } ?? "None"),
            ])
        },
        .poolBackward: { operation, x in
            guard case .poolBackward(let f) = operation else { return nil }
            var arguments = poolArguments(f.pool, x)
            arguments.insert(("grad", x.value(f.grad)), at: 1)
            return ScriptCall(function: "pool_backward", arguments: arguments)
        },
        .relu: { operation, x in
            guard case .relu(let f) = operation else { return nil }
            return ScriptCall(function: "relu", arguments: [("input", x.input(f.input))])
        },
        .reluBackward: { operation, x in
            guard case .reluBackward(let f) = operation else { return nil }
            return ScriptCall(function: "relu_backward",
                              arguments: [("input", x.input(f.input)), ("grad", x.value(f.grad))])
        },
        .size: { operation, _ in
            guard case .size(let f) = operation else { return nil }
            return ScriptCall(function: "size", arguments: [
                ("input_size", "\(f.inputSize)"), ("filter_size", "\(f.filterSize)"),
                ("stride", "\(f.stride)"), ("padding", "\(f.padding)"), ("dilation", "\(f.dilation)"),
            ])
        },
        .efficiency: { operation, _ in
            guard case .efficiency(let f) = operation else { return nil }
            return ScriptCall(function: "efficiency", arguments: [
                ("input_size", "(\(f.inputHeight), \(f.inputWidth))"),
                ("kernel_size", "(\(f.kernelHeight), \(f.kernelWidth))"),
            ])
        },
        .im2col: { operation, x in
            guard case .im2col(let f) = operation else { return nil }
            return ScriptCall(function: "im2col", arguments: [
                ("input", x.input(f.input)), ("filter", x.value(f.filter)),
                ("stride", "\(f.stride)"), ("padding", "\(f.padding)"),
            ])
        },
        .transposed: { operation, x in
            guard case .transposed(let f) = operation else { return nil }
            // The core takes the input as written: `shift:` does not apply to a transposed convolution.
            return ScriptCall(function: "transposed", arguments: [
                ("input", x.value(f.input)), ("filter", x.value(f.filter)), ("bias", x.list(f.bias)),
                ("stride", "\(f.stride)"), ("padding", "\(f.padding)"), ("output_padding", "\(f.outputPadding)"),
                ("dilation", "\(f.dilation)"), ("form", PythonText.stringLiteral(f.form.rawValue)),
            ])
        },
        .localConv: { operation, x in
            guard case .localConv(let f) = operation else { return nil }
            return unsharedCall(f, x)
        },
        .tiledConv: { operation, x in
            guard case .tiledConv(let f) = operation else { return nil }
            return unsharedCall(f, x)
        },
    ]

    /// `groups=G` for a grouped layer; nothing for one group, the functions' default.
    static func groupsArgument(_ groups: Int) -> [(name: String, value: String)] {
        groups == 1 ? [] : [("groups", "\(groups)")]
    }

    /// local-conv and tiled-conv share one function; `tiles=None` means a filter of its own at every position.
    static func unsharedCall(_ f: UnsharedConvFields, _ x: ScriptOperands) -> ScriptCall {
        ScriptCall(function: "unshared_conv", arguments: [
            ("input", x.input(f.input)), ("filter", x.value(f.filter)), ("stride", "\(f.stride)"),
            ("tiles", f.tiles.map { "\($0)" } ?? "None"),
        ])
    }

    static func poolArguments(_ f: PoolFields, _ x: ScriptOperands) -> [(name: String, value: String)] {
        [("input", x.input(f.input)), ("mode", PythonText.stringLiteral(f.mode.rawValue)),
         ("size", "\(f.size)"), ("stride", f.stride.map { "\($0)" } ?? "None"), ("padding", "\(f.padding)")]
    }
}

/// Operands as Python expressions: a tensor as a literal, an earlier result as that step's variable, the input
/// translated first when the step has `shift:`.
struct ScriptOperands: Sendable {
    let computation: Computation
    let stepIndex: Int
    let lesson: Lesson

    static func variable(step index: Int) -> String { "s\(index + 1)" }

    func value(_ operand: OperandValue) -> String {
        switch operand {
        case .tensor(let tensor):
            return "tensor(\(Self.literal(tensor)))"
        case .reference(let reference):
            let source = reference.step.map { $0 - 1 }
                ?? (0..<stepIndex).last { lesson.steps[$0].computation != nil } ?? 0
            let whole = operandExpression(reference.result, step: source)
                ?? "\(Self.variable(step: source))[\(PythonText.stringLiteral(reference.result))]"
            return reference.channel.map { "channel(\(whole), \($0))" } ?? whole
        }
    }

    /// An earlier step's operand (`result: input`) as that step took it, before `shift:`; nil when `name` is not
    /// an operand of that step, and so one of its results (the tutor looks results up first, and no result is
    /// named like an operand).
    func operandExpression(_ name: String, step: Int) -> String? {
        guard let operand = OperandName(rawValue: name), let computation = lesson.steps[step].computation,
              let value = computation.operation[operand] else { return nil }
        return ScriptOperands(computation: computation, stepIndex: step, lesson: lesson).value(value)
    }

    /// The `input` operand, shifted when the step says so (the core shifts only inputs of rank 2 or more).
    func input(_ operand: OperandValue) -> String {
        guard let (rows, columns) = computation.shift else { return value(operand) }
        return "shift(\(value(operand)), \(rows), \(columns))"
    }

    func list(_ numbers: [Double]?) -> String {
        numbers.map { "[" + $0.map(Self.number).joined(separator: ", ") + "]" } ?? "None"
    }

    /// Nested Python lists, one level per axis.
    static func literal(_ tensor: Tensor) -> String {
        func build(_ axis: Int, _ offset: Int) -> String {
            if axis == tensor.rank - 1 {
                let row = tensor.values[offset..<(offset + tensor.shape[axis])]
                return "[" + row.map(number).joined(separator: ", ") + "]"
            }
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            let items = (0..<tensor.shape[axis]).map { build(axis + 1, offset + $0 * stride) }
            return "[" + items.joined(separator: ", ") + "]"
        }
        return tensor.rank == 0 ? number(tensor.values.first ?? 0) : build(0, 0)
    }

    /// Whole numbers without a fraction, others in the shortest form that reads back as the same double.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "float('nan')" }
        if value.isInfinite { return value < 0 ? "float('-inf')" : "float('inf')" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
