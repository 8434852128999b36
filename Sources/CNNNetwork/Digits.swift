/// One 8×8 handwritten digit of the UCI optical-recognition set: 64 values from 0 to 16, row by row.
public struct DigitImage: Equatable, Sendable {
    /// The image's index in scikit-learn's copy of the set (its source; see Data/digits/README.md).
    public let sourceIndex: Int
    /// The digit written, 0 to 9.
    public let label: Int
    /// 64 values, 0 to 16, row by row.
    public let pixels: [UInt8]

    public static let side = 8
    public static let maximumValue = 16

    /// pixel/16 for each pixel, row by row.
    public var scaledPixels: [Double] { pixels.map { Double($0) / Double(DigitImage.maximumValue) } }
}

/// The bundled digits: 500 to train on and 500 held out, read from the texts embedded in the binary.
public enum Digits {
    public static let training = parse(DigitsData.training)
    public static let heldOut = parse(DigitsData.heldOut)

    /// The images of a data file: one a line, "index label pixels", the 64 pixels one character each (0–9, a–g for
    /// 10–16); lines starting with '#' are comments.
    /// - Precondition: every line is well formed (the embedded texts are checked by the tests).
    public static func parse(_ text: String) -> [DigitImage] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: " ")
            precondition(fields.count == 3 && fields[2].count == DigitImage.side * DigitImage.side,
                         "a malformed digit line: \(line)")
            let pixels = fields[2].map { character -> UInt8 in
                let value = character.hexDigitValue ?? (character == "g" ? 16 : -1)
                precondition((0...DigitImage.maximumValue).contains(value), "a pixel out of range: \(character)")
                return UInt8(value)
            }
            return DigitImage(sourceIndex: Int(fields[0])!, label: Int(fields[1])!, pixels: pixels)
        }
    }
}
