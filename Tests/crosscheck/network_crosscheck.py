#!/usr/bin/env python3
"""Independent numpy check of the tutor's network (`cnn-tutor train`) on exported weights.

    python3 Tests/crosscheck/network_crosscheck.py WEIGHTS.json RESULTS.json IMAGES.txt

WEIGHTS.json is a file `cnn-tutor train --save` writes; IMAGES.txt a data file of Data/digits; RESULTS.json what the
Swift network computed for those images (written by NetworkCrossCheckTests):

    {"images": [{"index": i, "scores": [10], "probabilities": [10], "loss": L,
                 "grad_filters": [36], "grad_filter_bias": [4], "grad_dense_weights": [360], "grad_dense_bias": [10]}],
     "batch": {"loss": mean L, "grad_...": the gradients of the mean loss over all the images}}

Every expected value is computed here from the weights and the images alone, with numpy: the convolution as explicit
window sums, max pooling sending each window's gradient to its first maximum, softmax via scipy's log-softmax. The
last line is always `network crosscheck: N passed, M failed`; the exit status is 1 when any check failed.
"""

import json
import sys

import numpy as np
from scipy.special import log_softmax

TOLERANCE = 1e-9
PIXELS = "0123456789abcdefg"


def read_images(path):
    indices, labels, images = [], [], []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        index, label, pixels = line.split()
        indices.append(int(index))
        labels.append(int(label))
        images.append([PIXELS.index(c) for c in pixels])
    return indices, np.array(labels), np.array(images, dtype=float).reshape(-1, 8, 8) / 16


def forward_backward(weights, x, labels):
    """The network on images x (N×8×8); the gradients of the mean loss over the N images."""
    f = np.array(weights["filters"], dtype=float)[:, 0]  # 4×3×3
    fb = np.array(weights["filter_bias"], dtype=float)
    w = np.array(weights["dense_weights"], dtype=float)  # 10×36
    wb = np.array(weights["dense_bias"], dtype=float)
    n = x.shape[0]
    windows = np.stack([x[:, i:i + 3, j:j + 3] for i in range(6) for j in range(6)], axis=1)  # N×36×3×3
    o = np.einsum("npab,kab->nkp", windows, f).reshape(n, 4, 6, 6) + fb[None, :, None, None]
    a = np.maximum(o, 0)
    blocks = a.reshape(n, 4, 3, 2, 3, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, 4, 3, 3, 4)
    first = blocks.argmax(axis=-1)  # the first maximum of each 2×2 window, row-major
    pooled = blocks.max(axis=-1)
    flat = pooled.reshape(n, 36)  # channel, row, column
    z = flat @ w.T + wb
    logp = log_softmax(z, axis=1)
    y = np.eye(10)[labels]
    losses = -(y * logp).sum(axis=1)
    gz = (np.exp(logp) - y) / n
    g_w, g_wb, g_flat = gz.T @ flat, gz.sum(axis=0), gz @ w
    g_blocks = np.zeros_like(blocks)
    np.put_along_axis(g_blocks, first[..., None], g_flat.reshape(n, 4, 3, 3)[..., None], axis=-1)
    g_a = g_blocks.reshape(n, 4, 3, 3, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, 4, 6, 6)
    g_o = g_a * (o > 0)
    g_f = np.einsum("nkp,npab->kab", g_o.reshape(n, 4, 36), windows)
    return {"scores": z, "probabilities": np.exp(logp), "losses": losses,
            "grad_filters": g_f.reshape(-1), "grad_filter_bias": g_o.sum(axis=(0, 2, 3)),
            "grad_dense_weights": g_w.reshape(-1), "grad_dense_bias": g_wb}


class Checker:
    def __init__(self):
        self.passed = self.failed = 0

    def close(self, name, got, expected):
        got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        if got.shape == expected.shape and np.allclose(got, expected, rtol=TOLERANCE, atol=TOLERANCE):
            self.passed += 1
            return
        self.failed += 1
        if self.failed <= 10:
            worst = np.max(np.abs(got - expected)) if got.shape == expected.shape else "shape"
            print(f"FAIL {name}: shape {got.shape} vs {expected.shape}, largest difference {worst}")


def main():
    weights_path, results_path, images_path = sys.argv[1:4]
    weights = json.load(open(weights_path))
    results = json.load(open(results_path))
    indices, labels, x = read_images(images_path)
    check = Checker()
    got_images = results["images"]
    check.close("image count", len(got_images), len(indices))
    for t, got in enumerate(got_images[:len(indices)]):
        check.close(f"image {t} source index", got["index"], indices[t])
        one = forward_backward(weights, x[t:t + 1], labels[t:t + 1])
        for key in ("scores", "probabilities"):
            check.close(f"image {t} {key}", got[key], one[key][0])
        check.close(f"image {t} loss", got["loss"], one["losses"][0])
        for key in ("grad_filters", "grad_filter_bias", "grad_dense_weights", "grad_dense_bias"):
            check.close(f"image {t} {key}", got[key], one[key])
    batch = forward_backward(weights, x, labels)
    check.close("batch mean loss", results["batch"]["loss"], batch["losses"].mean())
    for key in ("grad_filters", "grad_filter_bias", "grad_dense_weights", "grad_dense_bias"):
        check.close(f"batch {key}", results["batch"][key], batch[key])
    print(f"network crosscheck: {check.passed} passed, {check.failed} failed")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
