import CNNCore
import CNNLessons

/// The grids of the playground for one state: input (with its padding ring), filter, output and, in the scatter
/// view, ∂L/∂O; with the cells that the value under the cursor gathers from or scatters to lit.
struct PlaygroundGrids {
    let state: PlaygroundState
    /// Lit input cells (gather), as keys of the padded plane.
    private var litInput: Set<Int> = []
    /// Input cells inside a dilated window that its taps skip, as keys of the padded plane.
    private var holes: Set<Int> = []
    /// Lit output cells (scatter), as keys of the output plane.
    private var litOutput: Set<Int> = []

    init(_ state: PlaygroundState) {
        self.state = state
        let paddedWidth = state.settings.inputWidth + 2 * Self.ring(state.settings).columns
        switch state.detail {
        case .gather(let explanation):
            for term in explanation.terms where term.factors[0].position[1] == state.channel {
                let position = term.factors[0].position
                litInput.insert(inputKey(row: position[2], column: position[3], paddedWidth: paddedWidth))
            }
            if case .convolution(let convolution) = state.computation.layer, convolution.dilation.columns > 1 {
                holes = Self.holes(inside: litInput, width: paddedWidth)
            }
        case .transposedScatter(let contributions):
            let width = state.computation.output.shape[3]
            litOutput = Set(contributions.filter { $0.output[1] == state.plane }
                .map { $0.output[2] * width + $0.output[3] })
        case .scatter(let routes):
            litOutput = outputKeys(routes.chainRule)
        case .poolingScatter(let explanation, _):
            litOutput = outputKeys(explanation)
        case .none, .weight:
            break
        }
    }

    /// The zero padding drawn around the input, in rows and in columns: a transposed convolution's padding crops
    /// its output instead, and a signal is padded along its length only.
    static func ring(_ settings: PlaygroundSettings) -> (rows: Int, columns: Int) {
        let padding = settings.operation == .transposed ? 0 : settings.padding
        return (settings.isSignal ? 0 : padding, padding)
    }

    private func inputKey(row: Int, column: Int, paddedWidth: Int) -> Int {
        let ring = Self.ring(state.settings)
        return (row + ring.rows) * paddedWidth + column + ring.columns
    }

    /// The cells of the lit window's bounding box that are not lit: the holes between a dilated filter's taps.
    static func holes(inside lit: Set<Int>, width: Int) -> Set<Int> {
        guard let first = lit.min(), let last = lit.max() else { return [] }
        let columns = lit.map { $0 % width }
        var holes: Set<Int> = []
        for row in (first / width)...(last / width) {
            for column in columns.min()!...columns.max()! where !lit.contains(row * width + column) {
                holes.insert(row * width + column)
            }
        }
        return holes
    }

    private func outputKeys(_ explanation: Explanation) -> Set<Int> {
        let width = state.computation.output.shape[3]
        var keys: Set<Int> = []
        for term in explanation.terms where term.factors[0].position[1] == state.plane {
            keys.insert(term.factors[0].position[2] * width + term.factors[0].position[3])
        }
        return keys
    }

    var all: [PlaygroundGrid] {
        var grids = [inputGrid]
        if !state.settings.operation.isPooling { grids.append(filterGrid) }
        grids.append(planeGrid(state.computation.output, title: "Output O", role: .output,
                               cursor: state.focus == .output))
        if state.focus == .input, state.settings.operation != .transposed {
            grids.append(planeGrid(state.computation.outputGradient, title: "∂L/∂O (random)", role: .gradient,
                                   cursor: false))
        }
        return grids
    }

    /// The grids for the grid drawing. Every one is in play: when they do not all fit, ∂L/∂O gives way first,
    /// the grid with the cursor last.
    func contents(theme: Theme, ascii: Bool) -> [GridContent] {
        all.map { grid in
            let importance = grid.cursor != nil ? 10 : grid.role == .gradient ? 4 : 5
            return grid.content(theme: theme, ascii: ascii, importance: importance)
        }
    }

    var inputGrid: PlaygroundGrid {
        let settings = state.settings
        let (ring, height, width) = (Self.ring(settings), settings.inputHeight, settings.inputWidth)
        let paddedWidth = width + 2 * ring.columns
        var title = settings.isSignal ? "Signal X, length \(width)" : "Input X \(height)×\(width)"
        if settings.channels > 1 { title += " · channel \(state.channel + 1)/\(settings.channels)" }
        if ring.columns > 0 { title += " · padding \(ring.columns)" }
        let input = state.input, channel = state.channel, lit = litInput, holes = holes
        let holeMark = Self.holeMark
        var grid = PlaygroundGrid(title: title, role: .input, rows: height + 2 * ring.rows, columns: paddedWidth,
                                  origin: (-ring.rows, -ring.columns)) { row, column in
            let key = (row + ring.rows) * paddedWidth + column + ring.columns
            let isPadding = row < 0 || row >= height || column < 0 || column >= width
            let text = isPadding ? "0" : Self.text(input.values[(channel * height + row) * width + column])
            // A hole's number is not read: the mark stands alone, never glued to a sign ("·-3").
            if holes.contains(key) { return (holeMark, isPadding ? .paddingHole : .hole) }
            return (text, lit.contains(key) ? (isPadding ? .litPadding : .lit) : (isPadding ? .padding : .plain))
        }
        grid.lit = Set(lit.map { GridCellIndex(row: $0 / paddedWidth, column: $0 % paddedWidth) })
        if state.focus == .input {
            grid.cursor = (state.inputCursor.row, state.inputCursor.column)
            grid.focus = grid.cursor!
            grid.editText = state.editBuffer
        } else if let first = lit.min() {
            grid.focus = (first / paddedWidth - ring.rows, first % paddedWidth - ring.columns)
        }
        return grid
    }

    var filterGrid: PlaygroundGrid {
        let settings = state.settings
        let (rows, size) = (settings.filterRows, settings.filterSize)
        var title = settings.isSignal ? "Filter F, length \(size)" : "Filter F \(size)×\(size)"
        if settings.filters > 1 { title += " · \(state.plane + 1)/\(settings.filters)" }
        if settings.channels > 1 { title += " · ch \(state.channel + 1)" }
        let base = (state.plane * settings.channels + state.channel) * rows * size
        let values = state.filter.values
        var grid = PlaygroundGrid(title: title, role: .filter, rows: rows, columns: size) { row, column in
            (Self.text(values[base + row * size + column]), .plain)
        }
        if state.focus == .filter {
            grid.cursor = (state.filterCursor.row, state.filterCursor.column)
            grid.focus = grid.cursor!
            grid.editText = state.editBuffer
        }
        return grid
    }

    /// A plane (`state.plane`) of a canonical 1×K×H'×W' tensor: the output or ∂L/∂O.
    func planeGrid(_ tensor: Tensor, title: String, role: GridRole, cursor: Bool) -> PlaygroundGrid {
        let (planes, height, width) = (tensor.shape[1], tensor.shape[2], tensor.shape[3])
        let base = state.plane * height * width
        let values = tensor.values, lit = litOutput
        let size = state.settings.isSignal ? ", length \(width)" : " \(height)×\(width)"
        let label = title + size + (planes > 1 ? " · \(state.plane + 1)/\(planes)" : "")
        var grid = PlaygroundGrid(title: label, role: role, rows: height, columns: width) { row, column in
            (Self.text(values[base + row * width + column]), lit.contains(row * width + column) ? .lit : .plain)
        }
        grid.lit = Set(lit.map { GridCellIndex(row: $0 / width, column: $0 % width) })
        if cursor {
            grid.cursor = (state.outputCursor.row, state.outputCursor.column)
            grid.focus = grid.cursor!
        } else if let first = lit.min() {
            grid.focus = (first / width, first % width)
        }
        return grid
    }

    /// Stands for an input cell inside a dilated window that no tap reads (a hole), in place of its number; the
    /// legend under the grids says so.
    static let holeMark = "·"

    /// A value as the core's number format writes it, shortened to two decimals when that would be wider than
    /// six columns (an average of nine cells): the formula under the grids gives it in full.
    static func text(_ value: Double) -> String {
        let full = NumberFormat.string(value)
        return full.count <= 6 ? full : NumberFormat.string(Double(String(cFormat: "%.2f", value)) ?? value)
    }
}
