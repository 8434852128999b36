import Foundation

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
        _ = screen.put(source(state), row: 2, column: gridLeft, style: theme.label)
        drawGrid(&screen, state: state, theme: theme)
        drawProbabilities(&screen, state: state, theme: theme)
        let keys = "arrows move · space 0 or 16 · + − by 4 · c clear · [ ] another image · q quit"
        screen.fill(row: state.height - 1, column: 0, count: state.width, style: theme.status, character: " ")
        _ = screen.put(" " + keys, row: state.height - 1, column: 0, style: theme.status)
        return screen
    }

    /// "Held-out image 10 of 500, a 3", and whether it was drawn on since.
    static func source(_ state: DigitPadState) -> String {
        let image = Digits.heldOut[state.imageIndex]
        let picked = "Held-out image \(state.imageIndex + 1) of \(Digits.heldOut.count), a \(image.label)"
        return state.isEdited ? picked + ", drawn on" : picked
    }

    static func drawGrid(_ screen: inout Screen, state: DigitPadState, theme: Theme) {
        _ = screen.put("Pixels, 0 to 16", row: gridTop - 1, column: gridLeft, style: theme.gridTitle)
        let blank = state.options.ascii ? "." : "·"
        for row in 0..<DigitPadState.side {
            for column in 0..<DigitPadState.side {
                let value = state.pixels[row * DigitPadState.side + column]
                let text = value == 0 ? blank : String(value)
                let padded = String(repeating: " ", count: cellWidth - text.count) + text
                let isCursor = row == state.cursorRow && column == state.cursorColumn
                let style = isCursor ? theme.cursor : (value >= 8 ? theme.numeric : Style.plain)
                _ = screen.put(padded, row: gridTop + row, column: gridLeft + column * cellWidth, style: style)
            }
        }
    }

    static func drawProbabilities(_ screen: inout Screen, state: DigitPadState, theme: Theme) {
        _ = screen.put("Probabilities p", row: gridTop - 1, column: probabilitiesLeft, style: theme.gridTitle)
        let bar: Unicode.Scalar = state.options.ascii ? "#" : "█"
        for (digit, probability) in state.probabilities.enumerated() {
            let row = gridTop + digit
            let style = digit == state.prediction ? theme.right : Style.plain
            let text = "\(digit)  " + String(format: "%.4f", probability)
            _ = screen.put(text, row: row, column: probabilitiesLeft, style: style)
            let length = Int((probability * Double(barWidth)).rounded())
            screen.fill(row: row, column: probabilitiesLeft + text.count + 1, count: length, style: style,
                        character: bar)
        }
        let best = state.prediction
        _ = screen.put("The network reads a \(best), p = " + String(format: "%.4f", state.probabilities[best]),
                       row: gridTop + 11, column: probabilitiesLeft, style: theme.heading)
    }
}
