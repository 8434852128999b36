import CNNCore

/// A one-channel 2-D convolutional layer drawn at random: small integer input, filter and bias, stride 1–2,
/// padding 0–1 and, where allowed, dilation 2 or true convolution. Shared by every kind built on a convolution.
struct ConvolutionSetup {
    let input: [[Int]]
    let filter: [[Int]]
    let bias: Int?
    let stride: Int
    let padding: Int
    let dilation: Int
    let flips: Bool

    /// - Parameters:
    ///   - allowsDilation: a quarter of the layers get dilation 2 (with a 2×2 filter, so that it fits).
    ///   - allowsFlip: a quarter of the layers are true convolutions (the filter turned by 180°).
    static func draw(_ random: inout Xoshiro256StarStar, allowsDilation: Bool, allowsFlip: Bool) -> ConvolutionSetup {
        let dilation = allowsDilation && random.chance(1, in: 4) ? 2 : 1
        let kernel = dilation == 2 ? 2 : random.element(of: [2, 3])
        let stride = random.element(of: [1, 1, 2])
        let padding = random.element(of: [0, 0, 1])
        let height = random.integer(in: 4...6), width = random.integer(in: 4...6)
        let flips = allowsFlip && random.chance(1, in: 4)
        let input = random.grid(rows: height, columns: width, in: -3...5)
        let filter = nonzeroGrid(&random, size: kernel, in: -2...3)
        let bias = random.chance(1, in: 2) ? random.integer(in: 1...3) * random.element(of: [1, -1]) : nil
        return ConvolutionSetup(input: input, filter: filter, bias: bias, stride: stride, padding: padding,
                                dilation: dilation, flips: flips)
    }

    /// A square grid drawn again until some value is not zero (a zero filter makes every value 0).
    static func nonzeroGrid(_ random: inout Xoshiro256StarStar, size: Int, in range: ClosedRange<Int>) -> [[Int]] {
        while true {
            let grid = random.grid(rows: size, columns: size, in: range)
            if grid.joined().contains(where: { $0 != 0 }) { return grid }
        }
    }

    /// The layer, or the same layer with one setting changed the way a slip changes it; nil when no output fits.
    func convolution(flips: Bool? = nil, stride: Int? = nil, padding: Int? = nil, dilation: Int? = nil)
        -> Convolution? {
        try? Convolution(input: ProblemGenerator.tensor(input), filter: ProblemGenerator.tensor(filter),
                         bias: bias.map { [Double($0)] }, stride: stride ?? self.stride,
                         padding: padding ?? self.padding, dilation: dilation ?? self.dilation,
                         flipsKernel: flips ?? self.flips)
    }

    var parameters: [ProblemParameter] {
        [ProblemParameter("stride", stride), ProblemParameter("padding", padding),
         ProblemParameter("dilation", dilation), ProblemParameter("true_convolution", flips ? 1 : 0),
         ProblemParameter("bias", bias ?? 0)]
    }

    var grids: [ProblemGrid] {
        [ProblemGrid(name: "X", caption: "input", rows: input), ProblemGrid(name: "F", caption: "filter", rows: filter)]
    }

    /// "O = X ⋆ F + b with b = 2, stride 2, padding 1 (one ring of zeros around X), dilation 1. ⋆ is …"
    var sentence: String {
        let bias = self.bias.map { "O = X ⋆ F + b with b = \($0)" } ?? "O = X ⋆ F (no bias)"
        let ring = padding == 0 ? "no padding" : "padding \(padding) (a ring of zeros around X)"
        let taps = dilation == 1 ? "" : ", dilation \(dilation) (the filter's taps \(dilation) apart)"
        let operation = flips
            ? "⋆ is true convolution here: F is turned by 180° before it slides."
            : "⋆ is cross-correlation, as deep-learning frameworks compute it: F slides without turning."
        return "\(bias), stride \(stride), \(ring)\(taps). \(operation)"
    }

    /// The core's output value at (row, column) of `layer`, when that cell exists.
    static func value(_ layer: Convolution?, _ row: Int, _ column: Int) -> Rational? {
        guard let layer, (0..<layer.outputHeight).contains(row), (0..<layer.outputWidth).contains(column) else {
            return nil
        }
        return exact(layer.explainOutput(at: [0, 0, row, column]).value)
    }
}
