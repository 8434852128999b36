import CNNCore
import CNNNetwork

/// Draws the digit pad: the pixel grid with the cursor, and beside it the network's ten probabilities as bars.
public enum DigitPadView {
    /// Columns of a probability bar at p = 1.
    static let barWidth = 30
    static let gridTop = 4, gridLeft = 2, cellWidth = 3
    static let probabilitiesLeft = 32

    public static func render(_ state: DigitPadState) -> Screen {
        var screen = Screen(width: state.width, height: state.height, ascii: state.options.ascii)
        let theme = Theme(colors: state.options.colors)
        screen.fill(row: 0, column: 0, count: state.width, style: theme.header, character: " ")
        _ = screen.put(" cnn-tutor play — draw a digit, the trained network reads it", row: 0, column: 0,
                       style: theme.header)
        if state.showingHelp {
            drawHelp(&screen, theme: theme)
        } else {
            _ = screen.put(source(state), row: 2, column: gridLeft, style: theme.label)
            drawGrid(&screen, state: state, theme: theme)
            drawProbabilities(&screen, state: state, theme: theme)
        }
        let keys = Keymap.hints(DigitPadKeymap.bindings).joined(separator: " · ")
        screen.fill(row: state.height - 1, column: 0, count: state.width, style: theme.status, character: " ")
        _ = screen.put(" " + keys, row: state.height - 1, column: 0, style: theme.status, maxWidth: state.width - 1)
        return screen
    }

    /// The keys, one a line, and what drawing does.
    static func drawHelp(_ screen: inout Screen, theme: Theme) {
        let intro = ["Draw on the 8×8 grid; after every key the trained network of lessons 25–28 reads it",
                     "(each pixel divided by 16) and its ten probabilities are recomputed.", ""]
        let rows = DigitPadKeymap.helpRows
        let width = rows.map { Screen.displayWidth($0.keys, ascii: screen.ascii) }.max() ?? 0
        let lines = intro + rows.map { keys, action in
            "  " + keys + String(repeating: " ", count: width + 2 - Screen.displayWidth(keys, ascii: screen.ascii))
                + action
        } + ["", "Any key closes this help."]
        for (offset, line) in lines.enumerated() where 2 + offset < screen.height - 1 {
            _ = screen.put(line, row: 2 + offset, column: 2, style: offset < intro.count ? theme.heading : .plain,
                           maxWidth: screen.width - 3)
        }
    }

    /// "Held-out image 10 of 500, a 3", and whether it was drawn on since.
    static func source(_ state: DigitPadState) -> String {
        let image = Digits.heldOut[state.imageIndex]
        let picked = "Held-out image \(state.imageIndex + 1) of \(Digits.heldOut.count), a \(image.label)"
        return state.isEdited ? picked + ", drawn on" : picked
    }

    static func drawGrid(_ screen: inout Screen, state: DigitPadState, theme: Theme) {
        let title = state.showShades ? "Pixels as shades, 0 to 16" : "Pixels, 0 to 16"
        _ = screen.put(title, row: gridTop - 1, column: gridLeft, style: theme.gridTitle)
        for row in 0..<DigitPadState.side {
            for column in 0..<DigitPadState.side {
                let value = state.pixels[row * DigitPadState.side + column]
                let isCursor = row == state.cursorRow && column == state.cursorColumn
                let style = isCursor ? theme.cursor : (value >= 8 && !state.showShades ? theme.numeric : Style.plain)
                _ = screen.put(cellText(value, state: state), row: gridTop + row,
                               column: gridLeft + column * cellWidth, style: style)
            }
        }
    }

    /// A pixel as three columns: of its shade (no gaps, so the strokes read as strokes), or its number
    /// right-aligned (a dot for 0).
    static func cellText(_ value: UInt8, state: DigitPadState) -> String {
        let ascii = state.options.ascii
        if state.showShades {
            let glyph = ShadeRamp.glyph(Double(value) / Double(DigitImage.maximumValue), ascii: ascii)
            return String(repeating: String(glyph), count: cellWidth)
        }
        let text = value == 0 ? (ascii ? "." : "·") : String(value)
        return String(repeating: " ", count: cellWidth - text.count) + text
    }

    static func drawProbabilities(_ screen: inout Screen, state: DigitPadState, theme: Theme) {
        _ = screen.put("Probabilities p", row: gridTop - 1, column: probabilitiesLeft, style: theme.gridTitle)
        let bar: Unicode.Scalar = state.options.ascii ? "#" : "█"
        for (digit, probability) in state.probabilities.enumerated() {
            let row = gridTop + digit
            let style = digit == state.prediction ? theme.right : Style.plain
            let text = "\(digit)  " + String(cFormat: "%.4f", probability)
            _ = screen.put(text, row: row, column: probabilitiesLeft, style: style)
            let length = Int((probability * Double(barWidth)).rounded())
            screen.fill(row: row, column: probabilitiesLeft + text.count + 1, count: length, style: style,
                        character: bar)
        }
        let best = state.prediction
        _ = screen.put("The network reads a \(best), p = " + String(cFormat: "%.4f", state.probabilities[best]),
                       row: gridTop + 11, column: probabilitiesLeft, style: theme.heading)
    }
}
