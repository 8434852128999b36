#!/usr/bin/env python3
"""numpy/scipy reference timings for the cnn-tutor benchmark.

    python3 Benchmarks/reference.py [--repeats 21] [--warmup 3] [--single-thread]

Prints ONE JSON object on stdout, the median wall time in seconds of each workload, measured in this
process with time.perf_counter:

    {"a_forward": ..., "a_forward_backward": ..., "b_forward": ..., "b_forward_cpu": ..., "b_backward": ...}

(a) X: 320×280 float64, K: 2×1.
    forward           Y  = scipy.signal.correlate2d(X, K, "valid")          (319×280)
    forward+backward  the forward above, then with G of Y's shape:
                      dW = correlate2d(X, G, "valid")                      (2×1)
                      dX = convolve2d(G, K, "full")                        (320×280)
(b) X: 1×3×224×224, W: 16×3×3×3, stride 1, padding 1, forward only: np.pad, then im2col with
    sliding_window_view, then a contraction. Three contractions are timed (tensordot, einsum with
    optimize=True, explicit im2col matrix @ weights); b_forward is the fastest one's median, and which
    one won is written to stderr.
    backward          given G of the output's shape: ∂L/∂F = G @ im2colᵀ, ∂L/∂X = col2im(Fᵀ @ G), the
                      im2col and col2im of the forward (each checked against scipy's correlate2d/convolve2d).

Inputs are drawn from numpy default_rng(2026). Every variant is checked against a direct scipy
computation before timing. --single-thread limits OpenBLAS/MKL/OpenMP to one thread (set before numpy
is imported); by default the BLAS library chooses. Diagnostics go to stderr; stdout is only the JSON.
"""

import argparse
import json
import os
import sys
import time

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--repeats", type=int, default=21, help="timed runs per workload (median reported)")
parser.add_argument("--warmup", type=int, default=3, help="untimed runs before timing")
parser.add_argument("--single-thread", action="store_true", help="one BLAS/OpenMP thread")
opts = parser.parse_args()
if opts.repeats < 1 or opts.warmup < 0:
    parser.error("--repeats must be >= 1 and --warmup >= 0")
if opts.single_thread:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"

import numpy as np  # noqa: E402  (after the thread settings)
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402
from scipy import signal  # noqa: E402


def median_time(fn, repeats, warmup, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return float(np.median(times))


rng = np.random.default_rng(2026)

# ---------------------------------------------------------------- (a) 320×280 with a 2×1 kernel
XA = rng.standard_normal((320, 280))
KA = rng.standard_normal((2, 1))
GA = rng.standard_normal((319, 280))


def a_forward():
    return signal.correlate2d(XA, KA, "valid")


def a_forward_backward():
    y = signal.correlate2d(XA, KA, "valid")
    dw = signal.correlate2d(XA, GA, "valid")
    dx = signal.convolve2d(GA, KA, "full")
    return y, dw, dx


y, dw, dx = a_forward_backward()
assert y.shape == (319, 280) and dw.shape == (2, 1) and dx.shape == (320, 280)
# direct checks of the three formulas
assert np.allclose(y, KA[0, 0] * XA[:-1] + KA[1, 0] * XA[1:])
assert np.allclose(dw[:, 0], [np.sum(XA[:-1] * GA), np.sum(XA[1:] * GA)])
dx_direct = np.zeros_like(XA)
dx_direct[:-1] += KA[0, 0] * GA
dx_direct[1:] += KA[1, 0] * GA
assert np.allclose(dx, dx_direct)

# ---------------------------------------------------------------- (b) 1×3×224×224, 16 filters 3×3×3, s1 p1
XB = rng.standard_normal((1, 3, 224, 224))
WB = rng.standard_normal((16, 3, 3, 3))
K, C, KH, KW = WB.shape


def windows():
    xp = np.pad(XB, ((0, 0), (0, 0), (1, 1), (1, 1)))
    return sliding_window_view(xp, (KH, KW), axis=(2, 3))  # N×C×H×W×Kh×Kw, a view


def b_tensordot():
    win = windows()
    out = np.tensordot(win, WB, axes=([1, 4, 5], [1, 2, 3]))  # N×H×W×K
    return np.ascontiguousarray(out.transpose(0, 3, 1, 2))


def b_einsum():
    return np.einsum("nchwij,kcij->nkhw", windows(), WB, optimize=True)


def b_matmul():
    win = windows()
    n, _, h, w = win.shape[:4]
    cols = win.transpose(0, 1, 4, 5, 2, 3).reshape(n, C * KH * KW, h * w)  # the im2col matrix (a copy)
    return (WB.reshape(K, -1) @ cols).reshape(n, K, h, w)


expected_b = np.zeros((1, K, 224, 224))
xpad = np.pad(XB[0], ((0, 0), (1, 1), (1, 1)))
for k in range(K):
    expected_b[0, k] = sum(signal.correlate2d(xpad[c], WB[k, c], "valid") for c in range(C))
variants = {"tensordot": b_tensordot, "einsum": b_einsum, "im2col_matmul": b_matmul}
for name, fn in variants.items():
    assert np.allclose(fn(), expected_b), name

# ---------------------------------------------------------------- (b) backward: ∂L/∂X and ∂L/∂F for a given ∂L/∂O
GB = rng.standard_normal((1, K, 224, 224))


def b_backward():
    win = windows()
    n, _, h, w = win.shape[:4]
    cols = win.transpose(0, 1, 4, 5, 2, 3).reshape(C * KH * KW, h * w)
    g = GB.reshape(K, h * w)
    dw = (g @ cols.T).reshape(WB.shape)
    dcols = (WB.reshape(K, -1).T @ g).reshape(C, KH, KW, h, w)
    dxp = np.zeros((C, h + KH - 1, w + KW - 1))
    for i in range(KH):
        for j in range(KW):
            dxp[:, i:i + h, j:j + w] += dcols[:, i, j]
    return dw, dxp[None, :, 1:-1, 1:-1]


dw_b, dx_b = b_backward()
for k in range(K):
    for c in range(C):
        assert np.allclose(dw_b[k, c], signal.correlate2d(xpad[c], GB[0, k], "valid"))
assert np.allclose(dx_b[0], [sum(signal.convolve2d(GB[0, k], WB[k, c], "full")[1:-1, 1:-1] for k in range(K))
                             for c in range(C)])

# ---------------------------------------------------------------- timing
result = {
    "a_forward": median_time(a_forward, opts.repeats, opts.warmup),
    "a_forward_backward": median_time(a_forward_backward, opts.repeats, opts.warmup),
}
b_times = {name: median_time(fn, opts.repeats, opts.warmup) for name, fn in variants.items()}
best = min(b_times, key=b_times.get)
result["b_forward"] = b_times[best]
# The same variant in this process's CPU time: on a loaded machine, what the work costs rather than when it ended.
# (With several BLAS threads this sums their time, so it is only comparable with --single-thread.)
result["b_forward_cpu"] = median_time(variants[best], opts.repeats, opts.warmup, clock=time.process_time)
result["b_backward"] = median_time(b_backward, opts.repeats, opts.warmup)

print(f"reference: numpy {np.__version__}, {opts.repeats} runs after {opts.warmup} warm-ups, "
      f"{'single thread' if opts.single_thread else 'default BLAS threads'}; "
      f"b variants (median s): " + ", ".join(f"{n}={t:.6f}" for n, t in b_times.items()) + f"; fastest: {best}",
      file=sys.stderr)
print(json.dumps(result))
