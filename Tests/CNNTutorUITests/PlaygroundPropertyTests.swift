import CNNCore
import PropertyBased
import Testing
@testable import CNNTutorUI

/// The scatter view's promise: ∂L/∂X as Σ ∂L/∂O·F and as the full convolution of the rotated filter with the
/// (stride-dilated) zero-padded ∂L/∂O are the same number, at every input cell of every shape and dilation.
@Suite("The playground's two routes to ∂L/∂X")
struct PlaygroundPropertyTests {
    static let sizes = Gen.int(in: 1...9)
    static let counts = Gen.int(in: 1...3)
    static let filterSizes = Gen.int(in: 1...5)
    static let strides = Gen.int(in: 1...4)
    static let paddings = Gen.int(in: 0...4)
    static let dilations = Gen.int(in: 1...3)
    static let seeds = Gen.uint64(in: 0...UInt64.max)

    @Test func chainRuleAndFullConvolutionAgreeEverywhere() async {
        await propertyCheck(count: 200, input: Self.sizes, Self.sizes, Self.counts, Self.counts, Self.filterSizes,
                            Self.strides, Self.paddings, Self.dilations, Gen.bool,
                            Self.seeds) { h, w, c, k, f, s, p, d, flips, seed in
            let settings = PlaygroundSettings(inputHeight: h, inputWidth: w, channels: c, filters: k, filterSize: f,
                                              stride: s, padding: p, dilation: d,
                                              operation: flips ? .trueConvolution : .crossCorrelation)
            let span = d * (f - 1) + 1
            guard span <= h + 2 * p, span <= w + 2 * p else {
                #expect(throws: (any Error).self) { try PlaygroundState(settings: settings, seed: seed) }
                return
            }
            let state = try! PlaygroundState(settings: settings, seed: seed)
            let computation = state.computation
            guard case .convolution(let convolution) = computation.layer else {
                Issue.record("\(settings) built no convolution")
                return
            }
            // The filters as they slide: the reference needs them turned for true convolution.
            let sliding = flips ? state.filter.rotated180() : state.filter
            let weights = (0..<k).map { kk in (0..<c).map { cc in PlaygroundReference.plane(sliding, kk * c + cc) } }
            let gradient = (0..<k).map { PlaygroundReference.plane(computation.outputGradient, $0) }
            for cc in 0..<c {
                for row in 0..<h {
                    for column in 0..<w {
                        let routes = try! PlaygroundCore.inputGradientRoutes(
                            convolution, outputGradient: computation.outputGradient, c: cc, row: row, column: column)
                        let expected = PlaygroundReference.inputGradient(gradient, weights, c: cc, row: row,
                                                                          column: column, stride: s, padding: p,
                                                                          dilation: d)
                        #expect(routes.chainRule.value == expected, "\(settings) at \(cc),\(row),\(column)")
                        #expect(routes.fullConvolutionValue == expected, "\(settings) at \(cc),\(row),\(column)")
                    }
                }
            }
        }
    }

    /// Every setting the playground takes for a transposed convolution gives the definition's numbers on every
    /// output plane (summed over the input channels); a setting the definition has no output for is refused.
    @Test func transposedConvolutionMatchesItsDefinition() async {
        await propertyCheck(count: 200, input: Self.sizes, Self.sizes, Self.counts, Self.counts, Self.filterSizes,
                            Self.strides, Self.paddings, Self.dilations, Gen.int(in: 0...3),
                            Self.seeds) { h, w, c, k, f, s, p, d, a, seed in
            let settings = PlaygroundSettings(inputHeight: h, inputWidth: w, channels: c, filters: k, filterSize: f,
                                              stride: s, padding: p, dilation: d, outputPadding: a,
                                              operation: .transposed)
            let size = { (n: Int) in (n - 1) * s - 2 * p + d * (f - 1) + a + 1 }
            guard a < s || a < d, size(h) >= 1, size(w) >= 1 else {
                #expect(throws: (any Error).self) { try PlaygroundState(settings: settings, seed: seed) }
                return
            }
            let state = try! PlaygroundState(settings: settings, seed: seed)
            for kk in 0..<k {
                var expected = Array(repeating: Array(repeating: 0.0, count: size(w)), count: size(h))
                for cc in 0..<c {
                    let part = PlaygroundReference.transposed(
                        PlaygroundReference.plane(state.input, cc),
                        PlaygroundReference.plane(state.filter, kk * c + cc),
                        stride: s, padding: p, dilation: d, outputPadding: a)
                    expected = zip(expected, part).map { zip($0, $1).map(+) }
                }
                #expect(PlaygroundReference.plane(state.computation.output, kk) == expected, "\(settings) plane \(kk)")
            }
        }
    }
}
