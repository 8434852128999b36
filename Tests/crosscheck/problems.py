#!/usr/bin/env python3
"""Independent recomputation of `cnn-tutor problem --json` for 1,000 seeds of every kind.

Each problem's answer is recomputed here from what the problem shows (its grids and parameters) with plain numpy
loops, never from the binary's working; then the working itself is checked (every operand is the grid's cell or a
padded zero, every product and running sum adds up, the result is the answer), the slips are checked to be
distinct wrong values, the numbers to be small integers and the averages to be quarters.

    python3 Tests/crosscheck/problems.py             # 1,000 seeds of every kind
    python3 Tests/crosscheck/problems.py -n 50 -k output-size

The binary is $CNN_TUTOR_BIN (relative to the repository root unless absolute), default `.build/debug/cnn-tutor`.
The last line is always `problems: N passed, M failed`; the exit status is 1 when any problem failed.
"""

import argparse
import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
KINDS = ["convolution-value", "partial-sum", "max-pool-value", "average-pool-value", "weight-gradient",
         "bias-gradient", "input-gradient", "transposed-value", "output-size", "receptive-field", "parameter-count"]


def binary_path():
    path = Path(os.environ.get("CNN_TUTOR_BIN", ".build/debug/cnn-tutor"))
    return path if path.is_absolute() else REPO / path


def grid(problem, name):
    return np.array(next(g["rows"] for g in problem["grids"] if g["name"] == name), dtype=np.int64)


def padded(x, p, fill=0):
    return np.pad(x, p, constant_values=fill) if p else x


def conv_terms(problem):
    """Products of O[row, column] in window order (kernel row, kernel column), plus the bias."""
    a = problem["parameters"]
    x, f = grid(problem, "X"), grid(problem, "F")
    if a["true_convolution"]:
        f = f[::-1, ::-1]
    s, p, d = a["stride"], a["padding"], a["dilation"]
    xp = padded(x, p)
    out_h = (xp.shape[0] - d * (f.shape[0] - 1) - 1) // s + 1
    out_w = (xp.shape[1] - d * (f.shape[1] - 1) - 1) // s + 1
    assert 0 <= a["row"] < out_h and 0 <= a["column"] < out_w, "asked cell outside the output"
    products = []
    for m in range(f.shape[0]):
        for q in range(f.shape[1]):
            products.append(int(xp[a["row"] * s + m * d, a["column"] * s + q * d]) * int(f[m, q]))
    return products, a["bias"]


def convolution_value(problem):
    products, bias = conv_terms(problem)
    return Fraction(sum(products) + bias)


def partial_sum(problem):
    products, _ = conv_terms(problem)
    term = problem["parameters"]["term"]
    assert 2 <= term < len(products), "term out of range"
    return Fraction(sum(products[:term]))


def pool_window(problem, fill):
    a = problem["parameters"]
    x = grid(problem, "X").astype(float)
    k, s, p = a["size"], a["stride"], a["padding"]
    xp = padded(x, p, fill)
    out_h, out_w = (xp.shape[0] - k) // s + 1, (xp.shape[1] - k) // s + 1
    assert 0 <= a["row"] < out_h and 0 <= a["column"] < out_w, "asked cell outside the output"
    r, c = a["row"] * s, a["column"] * s
    return xp[r:r + k, c:c + k], k


def max_pool_value(problem):
    window, _ = pool_window(problem, -np.inf)
    return Fraction(int(window.max()))


def average_pool_value(problem):
    window, k = pool_window(problem, 0)
    return Fraction(int(window.sum()), k * k)


def gradient_geometry(problem):
    a = problem["parameters"]
    return a["input_height"], a["input_width"], a["kernel"], a["stride"], a["padding"]


def weight_gradient(problem):
    h, w, k, s, p = gradient_geometry(problem)
    x, g = grid(problem, "X"), grid(problem, "∂L/∂O")
    assert x.shape == (h, w)
    xp = padded(x, p)
    a = problem["parameters"]
    total = 0
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            total += int(g[i, j]) * int(xp[i * s + a["row"], j * s + a["column"]])
    return Fraction(total)


def bias_gradient(problem):
    return Fraction(int(grid(problem, "∂L/∂O").sum()))


def input_gradient(problem):
    h, w, k, s, p = gradient_geometry(problem)
    f, g = grid(problem, "F"), grid(problem, "∂L/∂O")
    assert g.shape == ((h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)
    dxp = np.zeros((h + 2 * p, w + 2 * p), dtype=np.int64)
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            for m in range(k):
                for q in range(k):
                    dxp[i * s + m, j * s + q] += g[i, j] * f[m, q]
    a = problem["parameters"]
    return Fraction(int(dxp[p:p + h, p:p + w][a["row"], a["column"]]))


def transposed_value(problem):
    a = problem["parameters"]
    x, f = grid(problem, "X"), grid(problem, "F")
    s, p, extra = a["stride"], a["padding"], a["output_padding"]
    k = f.shape[0]
    full = np.zeros(((x.shape[0] - 1) * s + k + extra, (x.shape[1] - 1) * s + k + extra), dtype=np.int64)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            full[i * s:i * s + k, j * s:j * s + k] += x[i, j] * f
    out = full[p:full.shape[0] - p, p:full.shape[1] - p]
    assert 0 <= a["row"] < out.shape[0] and 0 <= a["column"] < out.shape[1], "asked cell outside the output"
    return Fraction(int(out[a["row"], a["column"]]) + a["bias"])


def output_size(problem):
    a = problem["parameters"]
    span = a["dilation"] * (a["filter"] - 1) + 1
    count, start = 0, 0
    while start + span <= a["input"] + 2 * a["padding"]:
        count, start = count + 1, start + a["stride"]
    return Fraction(count)


def receptive_field(problem):
    a = problem["parameters"]
    layers = [(a[f"kernel{n}"], a[f"stride{n}"]) for n in range(1, 5) if f"kernel{n}" in a]
    cells = {0}
    for kernel, stride in reversed(layers):
        cells = {i * stride + m for i in cells for m in range(kernel)}
    return Fraction(max(cells) - min(cells) + 1)


def parameter_count(problem):
    a = problem["parameters"]
    return Fraction(a["filters"] * (a["channels"] * a["kernel"] ** 2 + 1))


RECOMPUTE = {"convolution-value": convolution_value, "partial-sum": partial_sum, "max-pool-value": max_pool_value,
             "average-pool-value": average_pool_value, "weight-gradient": weight_gradient,
             "bias-gradient": bias_gradient, "input-gradient": input_gradient, "transposed-value": transposed_value,
             "output-size": output_size, "receptive-field": receptive_field, "parameter-count": parameter_count}


def check_working(problem, answer):
    """Every operand is what its grid holds (or a padded zero); products and running results add up."""
    working = problem["working"]
    grids = {g["name"]: np.array(g["rows"]) for g in problem["grids"]}
    running = None
    for term in working["terms"]:
        product = Fraction(1)
        for operand in term["operands"]:
            value = Fraction(operand["value"])
            if operand["padding"]:
                assert value == 0, "a padded operand is not zero"
            elif operand["grid"] in grids and operand["row"] is not None:
                assert value == grids[operand["grid"]][operand["row"], operand["column"]], \
                    f"operand {operand['symbol']} is not its grid's cell"
            product *= value
        assert product == Fraction(term["product"]), "a product does not multiply out"
        if working["combination"] == "maximum":
            running = product if running is None else max(running, product)
        else:
            running = product if running is None else running + product
        assert running == Fraction(term["running"]), "a running result does not add up"
    if working["terms"]:
        total = running + (Fraction(working["bias"]["value"]) if working["bias"] else 0)
        if working["combination"] == "mean":
            total /= working["divisor"]
        if problem["kind"] != "partial-sum":
            assert total == answer, "the working does not end at the answer"
    elif working["steps"]:
        assert Fraction(working["steps"][-1]["value"]) == answer, "the last step is not the answer"
    assert Fraction(working["result"]) == answer, "the working's result is not the answer"


def check(problem):
    answer = Fraction(problem["answer"])
    expected = RECOMPUTE[problem["kind"]](problem)
    assert answer == expected, f"answer {answer}, numpy says {expected}"
    check_working(problem, answer)
    values = [Fraction(m["value"]) for m in problem["mistakes"]]
    assert answer not in values, "a known mistake has the answer's value"
    assert len(set(values)) == len(values), "two known mistakes share a value"
    assert len(problem["hints"]) == 2, "not two graduated hints"
    for g in problem["grids"]:
        assert all(-9 <= v <= 9 for row in g["rows"] for v in row), "a grid holds a number that is not small"
    allowed = 4 if problem["kind"] == "average-pool-value" else 1
    assert allowed % answer.denominator == 0, f"answer {answer} is not a whole number of 1/{allowed}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000, help="seeds per kind (from --first)")
    parser.add_argument("--first", type=int, default=0, help="the first seed")
    parser.add_argument("-k", default="", help="only kinds whose name contains this")
    options = parser.parse_args()
    passed = failed = 0
    for kind in [k for k in KINDS if options.k in k]:
        command = [str(binary_path()), "problem", "--kind", kind, "--seed", str(options.first),
                   "--count", str(options.n), "--json"]
        lines = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600).stdout.splitlines()
        if len(lines) != options.n:
            print(f"FAIL {kind}: {len(lines)} problems printed, {options.n} asked")
            failed += 1
            continue
        for line in lines:
            problem = json.loads(line)
            try:
                check(problem)
                passed += 1
            except AssertionError as error:
                failed += 1
                print(f"FAIL {kind} seed {problem['seed']}: {error}")
    print(f"problems: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
