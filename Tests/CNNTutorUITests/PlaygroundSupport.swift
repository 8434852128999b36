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

    /// ∂L/∂X[c][r][q] = Σ_k Σ_(i,j) G[k][i][j]·W[k][c][m][n] over the taps with s·i + d·m − p = r and
    /// s·j + d·n − p = q (the outputs whose window reads X[c][r][q]).
    static func inputGradient(_ g: [[[Double]]], _ w: [[[[Double]]]], c: Int, row: Int, column: Int,
                              stride s: Int, padding p: Int, dilation d: Int = 1) -> Double {
        var sum = 0.0
        let size = w[0][c].count
        for k in g.indices {
            for i in g[k].indices {
                for j in g[k][i].indices {
                    for m in 0..<size where s * i + d * m - p == row {
                        for n in 0..<size where s * j + d * n - p == column { sum += g[k][i][j] * w[k][c][m][n] }
                    }
                }
            }
        }
        return sum
    }

    /// Transposed convolution of one channel by its definition (PyTorch's conv_transpose2d): every X[i][j] adds
    /// X[i][j]·F[m][n] at (s·i − p + d·m, s·j − p + d·n), cells past the output dropped; `a` extra rows and
    /// columns at the far end.
    static func transposed(_ x: [[Double]], _ f: [[Double]], stride s: Int, padding p: Int, dilation d: Int,
                           outputPadding a: Int) -> [[Double]] {
        let k = f.count
        let size = { (n: Int) in (n - 1) * s - 2 * p + d * (k - 1) + a + 1 }
        let (oh, ow) = (size(x.count), size(x[0].count))
        var output = Array(repeating: Array(repeating: 0.0, count: ow), count: oh)
        for i in x.indices {
            for j in x[i].indices {
                for m in 0..<k {
                    for n in 0..<k {
                        let (r, q) = (s * i - p + d * m, s * j - p + d * n)
                        if r >= 0 && r < oh && q >= 0 && q < ow { output[r][q] += x[i][j] * f[m][n] }
                    }
                }
            }
        }
        return output
    }

    /// Cross-correlation of one channel with dilation: O[i][j] = Σ X[s·i+d·m−p][s·j+d·n−p]·F[m][n].
    static func dilatedCrossCorrelation(_ x: [[Double]], _ f: [[Double]], stride s: Int, padding p: Int,
                                        dilation d: Int) -> [[Double]] {
        let (h, w, k) = (x.count, x[0].count, f.count)
        let span = d * (k - 1) + 1
        return (0..<((h + 2 * p - span) / s + 1)).map { i in
            (0..<((w + 2 * p - span) / s + 1)).map { j in
                var sum = 0.0
                for m in 0..<k {
                    for n in 0..<k {
                        let (r, c) = (s * i + d * m - p, s * j + d * n - p)
                        if r >= 0 && r < h && c >= 0 && c < w { sum += x[r][c] * f[m][n] }
                    }
                }
                return sum
            }
        }
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
