import CNNCore

/// The pure view of the playground: a `PlaygroundState` becomes a `Screen`. Numbers are the core's, only formatted.
public enum PlaygroundView {
    public static func render(_ state: PlaygroundState) -> Screen {
        if let pad = state.digitPad { return DigitPadView.render(pad) }
        var screen = Screen(width: state.width, height: state.height, ascii: state.options.ascii)
        let theme = Theme(colors: state.options.colors)
        if state.isTooSmall {
            TutorView.drawTooSmall(&screen, minimumWidth: PlaygroundState.minimumWidth,
                                   minimumHeight: PlaygroundState.minimumHeight)
        } else if state.showingHelp {
            drawHelp(&screen, theme: theme)
        } else {
            drawPlayground(&screen, state: state, theme: theme)
        }
        return screen
    }

    static func drawPlayground(_ screen: inout Screen, state: PlaygroundState, theme: Theme) {
        let view = ["gather view: cursor on the output", "scatter view: cursor on the input", "cursor on the filter"]
        let focusIndex = [PlaygroundFocus.output, .input, .filter].firstIndex(of: state.focus)!
        drawBar(&screen, row: 0, left: "cnn-tutor │ playground · \(state.settings.operation.rawValue)",
                right: view[focusIndex], style: theme.header)
        var y = 1
        screen.put(settingsLine(state), row: y, column: 1, style: theme.heading, maxWidth: screen.width - 2)
        y += 1
        for line in PlaygroundCore.outputSizeLines(state.settings) {
            screen.put("output size " + line, row: y, column: 1, style: theme.symbolic, maxWidth: screen.width - 2)
            y += 1
        }
        y += 1
        let detail = detailLines(state, width: screen.width - 2, ascii: screen.ascii, theme: theme)
        // The grids first (a 12×12 input whole at 80×24), then as much of the explanation as fits.
        let gridRoom = max(4, screen.height - y - 2 - min(detail.count, 3))
        let gridHeight = drawGrids(&screen, state: state, top: y, maxHeight: gridRoom, theme: theme)
        y += gridHeight + 1
        let detailRoom = screen.height - 1 - y
        for (offset, line) in detail.prefix(max(0, detailRoom)).enumerated() {
            let isLast = offset == detailRoom - 1 && detail.count > detailRoom
            let shown = isLast ? StyledLine("… \(detail.count - offset) more lines (a taller terminal shows them)",
                                            theme.label) : line
            screen.put(shown, row: y + offset, column: 1, maxWidth: screen.width - 2)
        }
        drawStatus(&screen, state: state, theme: theme)
    }

    static func settingsLine(_ state: PlaygroundState) -> String {
        let settings = state.settings
        let plural = { (count: Int, noun: String) in "\(count) \(noun)\(count == 1 ? "" : "s")" }
        let channels = settings.channels > 1 ? "\(settings.channels)×" : ""
        let square = "\(settings.filterSize)×\(settings.filterSize)"
        let (size, filter) = settings.isSignal ? ("length \(settings.inputWidth)", "length \(settings.filterSize)")
            : ("\(channels)\(settings.inputHeight)×\(settings.inputWidth)", square)
        var parts = ["X " + size]
        parts.append((settings.operation.isPooling ? "window" : plural(settings.filters, "filter")) + " " + filter)
        parts += ["stride \(settings.stride)", "padding \(settings.padding)", "dilation \(settings.dilation)"]
        if settings.operation == .transposed { parts.append("output padding \(settings.outputPadding)") }
        // The batch axis is always 1, the plane axis shown only when there are several.
        let shape = state.computation.output.shape
        return parts.joined(separator: " · ") + " → O "
            + Shape.describe(Array(shape.dropFirst(settings.isSignal ? 3 : shape[1] > 1 ? 1 : 2)))
    }

    static func drawBar(_ screen: inout Screen, row: Int, left: String, right: String, style: Style) {
        screen.fill(row: row, column: 0, count: screen.width, style: style, character: " ")
        let rightWidth = Screen.displayWidth(right, ascii: screen.ascii)
        let rightColumn = max(0, screen.width - rightWidth - 1)
        screen.put(left, row: row, column: 1, style: style, maxWidth: max(0, rightColumn - 2))
        screen.put(right, row: row, column: rightColumn, style: style)
    }

    static func drawStatus(_ screen: inout Screen, state: PlaygroundState, theme: Theme) {
        let row = screen.height - 1
        screen.fill(row: row, column: 0, count: screen.width, style: theme.status, character: " ")
        if let message = state.message {
            screen.put(" " + message + " ", row: row, column: 1, style: theme.message, maxWidth: screen.width - 2)
        } else if let buffer = state.editBuffer {
            screen.put("EDIT", row: row, column: 1, style: theme.message)
            let what = state.focus == .input ? "input" : "filter"
            screen.put(" \(what) cell = \(buffer)_   type a number, Enter sets it, Esc cancels", row: row,
                       column: 5, style: theme.status, maxWidth: screen.width - 6)
        } else {
            screen.put(PlaygroundKeymap.statusHints.joined(separator: "  "), row: row, column: 1, style: theme.status,
                       maxWidth: screen.width - 2)
        }
    }

    static func drawHelp(_ screen: inout Screen, theme: Theme) {
        let note = "Upper case makes a number larger, lower case smaller. A setting with no output is explained"
            + " on the status line and the last one that has an output is kept."
        TutorView.drawKeyHelp(&screen, title: "cnn-tutor │ playground keys",
                              keys: PlaygroundKeymap.helpRows.map { ($0.keys, $0.action) }, notes: [note], theme: theme)
    }

    // MARK: Grids

    /// Draws the grids at the zoom of the options (fitted in present mode); returns the rows they take, with
    /// the note under them when some are hidden.
    static func drawGrids(_ screen: inout Screen, state: PlaygroundState, top: Int, maxHeight: Int,
                          theme: Theme) -> Int {
        let grids = PlaygroundGrids(state).contents(theme: theme, ascii: screen.ascii)
        let zoom = Zoom(steps: state.options.zoom, fits: state.options.present, width: screen.width,
                        height: screen.height)
        // Three columns of each grid rather than one grid fewer: the playground is about how they relate.
        let layout = zoom.layOut(grids, ascii: screen.ascii, width: screen.width - 2, maxHeight: maxHeight,
                                 minimumColumns: 3)
        GridDrawing.draw(&screen, layout: layout, top: top, left: 1, maxHeight: layout.height, theme: theme)
        guard layout.hidden > 0 else { return layout.height }
        screen.put("(\(layout.hidden) grid\(layout.hidden == 1 ? "" : "s") hidden: a larger terminal shows it)",
                   row: top + layout.height, column: 1, style: theme.label, maxWidth: screen.width - 2)
        return layout.height + 1
    }

    // MARK: Detail

    static func detailLines(_ state: PlaygroundState, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        switch state.detail {
        case .none:
            return []
        case .gather(let explanation):
            return wrapped(gatherHeading(explanation, settings: state.settings), theme.heading, width, ascii)
                + formulaLines(explanation, width: width, ascii: ascii, theme: theme)
        case .transposedScatter(let contributions):
            guard case .transposed(let transposed) = state.computation.layer else { return [] }
            return transposedScatterLines(contributions, of: transposed, width: width, ascii: ascii, theme: theme)
        case .scatter(let routes):
            return scatterLines(routes, width: width, ascii: ascii, theme: theme)
        case .poolingScatter(let explanation, let backward):
            let same = agree(explanation.value, backward, scale: explanation.scale)
            return wrapped("scatter: \(explanation.target.symbol) receives from the \(explanation.terms.count) lit"
                           + " window" + (explanation.terms.count == 1 ? "" : "s"), theme.heading, width, ascii)
                + wrapped("the backward pass over the whole input gives \(explanation.format(backward)) here "
                          + (same ? "✓ the same" : "✗ different"), same ? theme.right : theme.wrong, width, ascii)
                + formulaLines(explanation, width: width, ascii: ascii, theme: theme)
        case .weight(let value):
            return wrapped("F at row \(state.filterCursor.row + 1), column \(state.filterCursor.column + 1) is "
                           + "\(NumberFormat.string(value)): every output of this filter multiplies it; e edits it",
                           theme.heading, width, ascii)
        }
    }

    static func gatherHeading(_ explanation: Explanation, settings: PlaygroundSettings) -> String {
        let count = explanation.terms.count
        if settings.operation == .transposed {
            return "gather: \(explanation.target.symbol) sums the \(count) lit input value\(count == 1 ? "" : "s")"
                + ", each times the weight its filter copy puts here"
        }
        let flipped = settings.operation == .trueConvolution ? " (F turned by 180°: X11 meets the last F)" : ""
        let holes = settings.dilation > 1 && !settings.operation.isPooling
            ? "; \(PlaygroundGrids.holeMark) marks the holes between the taps, which it skips" : ""
        return "gather: \(explanation.target.symbol) comes from the \(count) lit input cells" + flipped + holes
    }

    /// The input value under the cursor, scattered: one line per output cell its filter copies reach.
    static func transposedScatterLines(_ contributions: [ScatterContribution], of transposed: TransposedConvolution,
                                       width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        guard let input = contributions.first?.input else {
            return wrapped("scatter: every copy of the filter this input would add falls in the cropped padding:"
                           + " it feeds no output", theme.heading, width, ascii)
        }
        let heading = "scatter: \(input.symbol) = \(NumberFormat.string(input.value)) adds a copy of F scaled by it"
            + " to the \(contributions.count) lit output cell\(contributions.count == 1 ? "" : "s")"
        let terms = contributions.map { contribution in
            "\(PlaygroundCore.outputSymbol(transposed, at: contribution.output)) += "
                + "\(input.symbol)·\(contribution.weight.symbol) = \(factorText(input.value))·"
                + "\(factorText(contribution.weight.value)) = \(NumberFormat.string(contribution.product))"
        }
        return wrapped(heading, theme.heading, width, ascii)
            + packed(terms, width: width, ascii: ascii).map { StyledLine($0, theme.numeric) }
    }

    /// A line of prose wrapped to `width` columns, every line in `style`: the explanation is never cut.
    static func wrapped(_ text: String, _ style: Style, _ width: Int, _ ascii: Bool) -> [StyledLine] {
        TextLayout.wrap(text, width: width, ascii: ascii).map { StyledLine($0, style) }
    }

    /// A factor as the formula lines write it: a negative number in parentheses.
    static func factorText(_ value: Double) -> String {
        let text = NumberFormat.string(value)
        return text.hasPrefix("-") ? "(" + text + ")" : text
    }

    /// The pieces side by side, three spaces apart, as many to a line as fit; a piece is never split.
    static func packed(_ pieces: [String], width: Int, ascii: Bool) -> [String] {
        var lines: [String] = []
        for piece in pieces {
            if let last = lines.last,
               Screen.displayWidth(last + "   " + piece, ascii: ascii) <= width {
                lines[lines.count - 1] = last + "   " + piece
            } else {
                lines.append(piece)
            }
        }
        return lines
    }

    /// The chain-rule sum and the full convolution's value first (two lines, so a small terminal still shows
    /// both), then the sum term by term.
    static func scatterLines(_ routes: InputGradientRoutes, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        let chain = routes.chainRule
        let value = routes.fullConvolutionValue
        let same = agree(chain.value, value, scale: max(chain.scale, routes.fullConvolution?.scale ?? 0))
        let spread = routes.stride > 1 ? " stride-dilated by \(routes.stride)," : ""
        let (filter, border) = routes.dilation > 1
            ? ("rot180(F) dilated by \(routes.dilation)", "D·(F − 1)") : ("rot180(F)", "F − 1")
        let place = routes.fullConvolution.map { full in
            "at (\(full.target.position[2] + 1), \(full.target.position[3] + 1))"
        } ?? "past its edge (no window reaches here)"
        let outputs = "\(chain.terms.count) lit output" + (chain.terms.count == 1 ? "" : "s")
        // The verdict before the details, so that its first line says whether the two routes agree.
        return wrapped("scatter: \(chain.target.symbol) = Σ ∂L/∂O·F over the \(outputs) it feeds = "
                       + chain.format(chain.value), theme.heading, width, ascii)
            + wrapped("full convolution gives " + chain.format(value) + (same ? " ✓ the same" : " ✗ the routes differ")
                      + ": \(filter) with ∂L/∂O\(spread) zero-padded by \(border), \(place)",
                      same ? theme.right : theme.wrong, width, ascii)
            + formulaLines(chain, width: width, ascii: ascii, theme: theme)
    }

    /// Two values the core computed by different routes agree (to rounding).
    static func agree(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, scale)
    }

    static func formulaLines(_ explanation: Explanation, width: Int, ascii: Bool, theme: Theme) -> [StyledLine] {
        TextLayout.alignedFormula(symbolic: explanation.symbolicLine(), numeric: explanation.numericLine(),
                                  width: width, ascii: ascii).flatMap { symbolic, numeric in
            [StyledLine(symbolic, theme.symbolic), StyledLine(numeric, theme.numeric)]
        }
    }
}
