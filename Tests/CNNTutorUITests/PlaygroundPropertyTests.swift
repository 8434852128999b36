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
}
