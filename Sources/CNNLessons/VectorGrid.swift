import CNNCore

/// A vector (one row of K cells) or a matrix (K rows × J columns) of the network operations as a `GridPanel`,
/// cropped around the cell in focus like any plane. Cells are addressed by their position as written: [k] or [k, j].
struct VectorGrid {
    var title: String
    var role: GridRole
    /// Symbol letter, e.g. "z" or "∂L/∂W".
    var name: String
    /// Rank 1 or 2.
    var tensor: Tensor
    /// The operand the grid shows, for edits; nil for a derived grid.
    var operand: String?
    /// The position in focus, [k] or [k, j] (empty: the start).
    var focus: [Int] = []

    /// - Parameters:
    ///   - highlight: each cell's highlight, by position as written.
    ///   - hidden: whether a cell's number is still to come.
    func build(highlight: ([Int]) -> Highlight = { _ in .none },
               hidden: ([Int]) -> Bool = { _ in false }) -> GridPanel {
        let isMatrix = tensor.rank == 2
        let (rows, columns) = isMatrix ? (tensor.shape[0], tensor.shape[1]) : (1, tensor.count)
        let position: (Int, Int) -> [Int] = { row, column in isMatrix ? [row, column] : [column] }
        let centre = isMatrix ? (focus.first ?? 0, focus.last ?? 0) : (0, focus.first ?? 0)
        let plane = PlaneGrid(title: title, role: role, name: name, tensor: tensor.reshaped([1, 1, rows, columns]),
                              mask: AxisMask(rank: tensor.rank), plane: (0, 0),
                              source: operand.map { OperandPlane(operand: $0, plane: []) },
                              scale: tensor.magnitude, focus: centre)
        return plane.build(highlight: { highlight(position($0, $1)) }, hidden: { hidden(position($0, $1)) })
    }
}
