import CNNCore
@testable import CNNTutorUI

/// Independent references for the playground's numbers: the textbook definitions, written out with plain
/// loops over nested arrays and none of the core's index arithmetic.
enum PlaygroundReference {
    /// Cross-correlation of one channel, zero padding `p`, stride `s`: O[i][j] = Σ X[s·i+m−p][s·j+n−p]·F[m][n].
    static func crossCorrelation(_ x: [[Double]], _ f: [[Double]], stride s: Int = 1,
                                 padding p: Int = 0) -> [[Double]] {
        let (h, w, k) = (x.count, x[0].count, f.count)
        let (oh, ow) = ((h + 2 * p - k) / s + 1, (w + 2 * p - k) / s + 1)
        return (0..<oh).map { i in
            (0..<ow).map { j in
                var sum = 0.0
                for m in 0..<k {
                    for n in 0..<k {
                        let (r, c) = (s * i + m - p, s * j + n - p)
                        if r >= 0 && r < h && c >= 0 && c < w { sum += x[r][c] * f[m][n] }
                    }
                }
                return sum
            }
        }
    }

    /// ∂L/∂X[c][r][q] = Σ_k Σ_(i,j) G[k][i][j]·W[k][c][r+p−s·i][q+p−s·j] wherever that weight exists.
    static func inputGradient(_ g: [[[Double]]], _ w: [[[[Double]]]], c: Int, row: Int, column: Int,
                              stride s: Int, padding p: Int) -> Double {
        var sum = 0.0
        for k in g.indices {
            for i in g[k].indices {
                for j in g[k][i].indices {
                    let (m, n) = (row + p - s * i, column + p - s * j)
                    if m >= 0 && m < w[k][c].count && n >= 0 && n < w[k][c].count { sum += g[k][i][j] * w[k][c][m][n] }
                }
            }
        }
        return sum
    }

    /// A C×H×W or 1×K×H×W tensor's plane as rows.
    static func plane(_ tensor: Tensor, _ index: Int) -> [[Double]] {
        let (h, w) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
        return (0..<h).map { r in (0..<w).map { c in tensor.values[(index * h + r) * w + c] } }
    }
}

/// The playground at a given shape, 100×30, seed 1.
func playground(_ settings: PlaygroundSettings = PlaygroundSettings(), width: Int = 100, height: Int = 30,
                seed: UInt64 = 1) -> PlaygroundState {
    try! PlaygroundState(settings: settings, seed: seed, width: width, height: height)
}
