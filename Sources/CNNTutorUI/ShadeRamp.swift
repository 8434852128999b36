/// A value's shade as the terminal draws it: blank paper to full ink in five steps, two characters a cell so that
/// a grid of them reads as a picture (an 8×8 digit), in ASCII where the terminal is not UTF-8.
enum ShadeRamp {
    static let unicode: [Character] = [" ", "░", "▒", "▓", "█"]
    static let ascii: [Character] = [" ", ".", ":", "+", "#"]

    /// The glyph of `level`, 0 (lightest) to 1 (darkest).
    static func glyph(_ level: Double, ascii: Bool) -> Character {
        let ramp = ascii ? Self.ascii : unicode
        let step = Int((min(max(level, 0), 1) * Double(ramp.count - 1)).rounded())
        return ramp[step]
    }

    /// A grid cell of `level`: its glyph twice.
    static func cell(_ level: Double, ascii: Bool) -> String {
        String(repeating: String(glyph(level, ascii: ascii)), count: 2)
    }
}
