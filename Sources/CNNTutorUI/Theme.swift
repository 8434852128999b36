import CNNLessons

/// The styles of the tutor, with colours or, on monochrome terminals and under NO_COLOR, with reverse,
/// bold, underline and dim only.
public struct Theme: Sendable {
    public let colors: Bool

    public init(colors: Bool) {
        self.colors = colors
    }

    public var header: Style {
        colors ? Style(foreground: .white, background: .blue, bold: true) : Style(bold: true, reverse: true)
    }
    public var status: Style {
        colors ? Style(foreground: .black, background: .cyan) : Style(reverse: true)
    }
    public var stepCounter: Style {
        colors ? Style(foreground: .black, background: .yellow, bold: true) : Style(bold: true, reverse: true)
    }
    public var heading: Style { Style(bold: true) }
    public var gridTitle: Style { colors ? Style(foreground: .cyan, bold: true) : Style(bold: true) }
    public var border: Style { colors ? Style(foreground: .blue) : Style.plain }
    public var symbolic: Style { colors ? Style(foreground: .cyan) : Style.plain }
    public var numeric: Style { Style(bold: true) }
    public var complete: Style { colors ? Style(foreground: .green, bold: true) : Style(bold: true, underline: true) }
    public var label: Style { Style(dim: true) }
    public var message: Style {
        colors ? Style(foreground: .black, background: .yellow, bold: true) : Style(bold: true, reverse: true)
    }
    public var right: Style { colors ? Style(foreground: .green, bold: true) : Style(bold: true) }
    public var wrong: Style { colors ? Style(foreground: .red, bold: true) : Style(bold: true, underline: true) }
    public var selection: Style {
        colors ? Style(foreground: .black, background: .cyan, bold: true) : Style(bold: true, reverse: true)
    }
    public var problem: Style { colors ? Style(foreground: .red) : Style(dim: true) }
    public var cursor: Style {
        colors ? Style(foreground: .white, background: .magenta, bold: true, underline: true)
            : Style(bold: true, reverse: true, underline: true)
    }

    /// How a grid cell with this highlight is drawn.
    public func cell(_ highlight: Highlight) -> Style {
        switch highlight {
        case .none:
            return .plain
        case .window:
            return colors ? Style(foreground: .black, background: .cyan) : Style(underline: true)
        case .active:
            return colors ? Style(foreground: .black, background: .yellow, bold: true)
                : Style(bold: true, reverse: true)
        case .target:
            return colors ? Style(foreground: .black, background: .green, bold: true)
                : Style(reverse: true, underline: true)
        case .pending:
            return Style(dim: true)
        case .padding:
            return colors ? Style(foreground: .blue, dim: true) : Style(dim: true)
        case .winner:
            return colors ? Style(foreground: .white, background: .red, bold: true)
                : Style(bold: true, reverse: true, underline: true)
        }
    }
}
