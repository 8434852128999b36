#!/usr/bin/env python3
"""numpy reference for the network benchmark: the same network trained the same way as `cnn-tutor train`.

    python3 Benchmarks/network_reference.py [--epochs 20] [--single-thread]

conv 3×3 ×4 → ReLU → max pool 2 → flatten 36 → dense 10 → softmax cross-entropy, mini-batches of 10 in a shuffled
order, learning rate 0.3, Glorot-uniform weights, on Data/digits/training.txt; tested on Data/digits/held-out.txt.
The batch is vectorised (the windows of every image at once, einsum for the convolution and its gradients), as one
would write it in numpy. The initial weights and the shuffles come from numpy's generator, so the accuracy is that
of another draw, not of the tutor's seed. Prints ONE JSON object: {"network_epoch": median seconds per epoch,
"network_accuracy": held-out accuracy after the last epoch}.
"""

import argparse
import json
import os
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--single-thread", action="store_true", help="one BLAS/OpenMP thread")
opts = parser.parse_args()
if opts.single_thread:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"

import numpy as np  # noqa: E402  (after the thread settings)

DATA = Path(__file__).resolve().parents[1] / "Data/digits"


def read(name):
    rows = [line.split() for line in open(DATA / name) if not line.startswith("#")]
    images = np.array([["0123456789abcdefg".index(c) for c in r[2]] for r in rows], dtype=float) / 16
    return images.reshape(-1, 8, 8), np.array([int(r[1]) for r in rows])


def forward(params, x):
    f, fb, w, wb = params
    n = x.shape[0]
    windows = np.lib.stride_tricks.sliding_window_view(x, (3, 3), axis=(1, 2))  # N×6×6×3×3
    o = np.einsum("nijab,kab->nkij", windows, f) + fb[None, :, None, None]
    a = np.maximum(o, 0)
    blocks = a.reshape(n, 4, 3, 2, 3, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, 4, 3, 3, 4)
    first = blocks.argmax(axis=-1)
    flat = blocks.max(axis=-1).reshape(n, 36)
    z = flat @ w.T + wb
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return windows, o, first, flat, p


def step(params, x, labels, rate):
    f, fb, w, wb = params
    n = x.shape[0]
    windows, o, first, flat, p = forward(params, x)
    gz = p.copy()
    gz[np.arange(n), labels] -= 1
    gz /= n
    g_flat = gz @ w
    g_blocks = np.zeros((n, 4, 3, 3, 4))
    np.put_along_axis(g_blocks, first[..., None], g_flat.reshape(n, 4, 3, 3)[..., None], axis=-1)
    g_o = g_blocks.reshape(n, 4, 3, 3, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, 4, 6, 6) * (o > 0)
    return (f - rate * np.einsum("nkij,nijab->kab", g_o, windows), fb - rate * g_o.sum(axis=(0, 2, 3)),
            w - rate * (gz.T @ flat), wb - rate * gz.sum(axis=0))


def main():
    x, y = read("training.txt")
    tx, ty = read("held-out.txt")
    rng = np.random.default_rng(1)
    glorot = lambda fan_in, fan_out, shape: rng.uniform(-1, 1, shape) * np.sqrt(6 / (fan_in + fan_out))
    params = (glorot(9, 36, (4, 3, 3)), np.zeros(4), glorot(36, 10, (10, 36)), np.zeros(10))
    times = []
    for _ in range(opts.epochs):
        start = time.perf_counter()
        order = rng.permutation(len(y))
        for b in range(0, len(y), 10):
            batch = order[b:b + 10]
            params = step(params, x[batch], y[batch], 0.3)
        times.append(time.perf_counter() - start)
    accuracy = float((forward(params, tx)[4].argmax(axis=1) == ty).mean())
    print(json.dumps({"network_epoch": float(np.median(times)), "network_accuracy": accuracy}))


if __name__ == "__main__":
    main()
