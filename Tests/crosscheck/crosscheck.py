#!/usr/bin/env python3
"""Independent numpy/scipy cross-check of `cnn-tutor compute ... --json`.

Every expected value is computed here from the inputs alone (numpy loops, scipy.signal); the binary's
output is only ever compared, never used to build an expectation.

    python3 Tests/crosscheck/crosscheck.py              # run all cases against the binary
    python3 Tests/crosscheck/crosscheck.py --selftest   # check the numpy reference against scipy only
    python3 Tests/crosscheck/crosscheck.py -v           # also print each passing case
    python3 Tests/crosscheck/crosscheck.py -k pool      # only the cases whose name contains "pool"
    python3 Tests/crosscheck/crosscheck.py --part groups # only one part: values, geometry, fixed-geometry,
                                                         # groups or vector (each draws from its own seed)

The binary is $CNN_TUTOR_BIN (a path relative to the repository root unless absolute), default
`.build/debug/cnn-tutor`. The last line printed is always `crosscheck: N passed, M failed`; the exit
status is 1 when any case failed.

Notes on the command lines used:
* a value that starts with '-' is passed as `--opt=-1.5` (swift-argument-parser reads `--opt -1.5` as a
  missing value followed by an unknown option -- apple/swift-argument-parser#31).
* Linux refuses a single argv string longer than 128 KiB (MAX_ARG_STRLEN), so the "deeply nested JSON"
  case uses 65,000 '[' + 65,000 ']' rather than 100,000 of each; that is still far beyond any sane
  recursion depth.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy import signal

REPO = Path(__file__).resolve().parents[2]
RTOL = 1e-9
ATOL = 1e-9
TIMEOUT = 20
SEED = 2026


def binary_path():
    b = os.environ.get("CNN_TUTOR_BIN", ".build/debug/cnn-tutor")
    p = Path(b)
    return p if p.is_absolute() else REPO / p


# --------------------------------------------------------------------------------------------------
# Formatting of command-line tensors
# --------------------------------------------------------------------------------------------------

def fmt_num(v):
    v = float(v)
    if v == 0:
        return "0"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def to_json_text(a):
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return fmt_num(a)
    return "[" + ",".join(to_json_text(s) for s in a) + "]"


def to_friendly(a):
    a = np.asarray(a, dtype=float)
    assert a.ndim == 2
    return "; ".join(" ".join(fmt_num(v) for v in row) for row in a)


def opt(name, value):
    """One option as argv words; values starting with '-' use the --name=value form."""
    value = str(value)
    if value.startswith("-"):
        return [f"--{name}={value}"]
    return [f"--{name}", value]


# --------------------------------------------------------------------------------------------------
# numpy reference (canonical layout: X is N×C×H×W, W is K×C×Kh×Kw)
# --------------------------------------------------------------------------------------------------

def canon_input(x):
    x = np.asarray(x, dtype=float)
    return x.reshape((1,) * (4 - x.ndim) + x.shape)


def canon_filter(w):
    w = np.asarray(w, dtype=float)
    if w.ndim == 2:
        return w.reshape(1, 1, *w.shape)
    if w.ndim == 3:
        return w.reshape(1, *w.shape)
    return w


def out_axes(x_rank, f_rank):
    """Which of the canonical (N, K) axes the user's output keeps."""
    return x_rank == 4, f_rank == 4


def squeeze_out(a, x_rank, f_rank):
    keep_n, keep_k = out_axes(x_rank, f_rank)
    if not keep_k:
        a = a[:, 0]
    if not keep_n:
        a = a[0]
    return a


def ref_conv(x, w, b, stride, pad):
    """Direct loops. Returns canonical output (N,K,H',W') and padded input."""
    N, C, H, W = x.shape
    K, C2, Kh, Kw = w.shape
    assert C == C2
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho = (H + 2 * pad - Kh) // stride + 1
    Wo = (W + 2 * pad - Kw) // stride + 1
    out = np.zeros((N, K, Ho, Wo))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    win = xp[n, :, i * stride:i * stride + Kh, j * stride:j * stride + Kw]
                    out[n, k, i, j] = float(np.sum(win * w[k])) + b[k]
    return out, xp


def ref_conv_steps(x, w, b, stride, pad, x_rank, f_rank):
    """Expected steps: one per output element (row-major in the user's output shape)."""
    out, xp = ref_conv(x, w, b, stride, pad)
    N, K, Ho, Wo = out.shape
    _, C, Kh, Kw = w.shape
    keep_n, keep_k = out_axes(x_rank, f_rank)
    steps = []
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    terms = []
                    partial = 0.0
                    for c in range(C):
                        for a in range(Kh):
                            for bb in range(Kw):
                                xv = xp[n, c, i * stride + a, j * stride + bb]
                                wv = w[k, c, a, bb]
                                partial += xv * wv
                                terms.append((xv, wv, xv * wv, partial))
                    index = ([n] if keep_n else []) + ([k] if keep_k else []) + [i, j]
                    steps.append((index, partial + b[k], terms))
    return steps


def ref_backward(x, w, g, stride, pad):
    """Direct loop over output positions accumulating every contribution."""
    N, C, H, W = x.shape
    K, _, Kh, Kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    _, _, Ho, Wo = g.shape
    gxp = np.zeros_like(xp)
    gw = np.zeros_like(w)
    gb = np.zeros(K)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    gv = g[n, k, i, j]
                    sl = (n, slice(None), slice(i * stride, i * stride + Kh), slice(j * stride, j * stride + Kw))
                    gw[k] += gv * xp[sl]
                    gxp[sl] += gv * w[k]
                    gb[k] += gv
    gx = gxp[:, :, pad:pad + H, pad:pad + W]
    return gx, gw, gb


def ref_pool(x, mode, f, s, p, g=None):
    H, W = x.shape
    Ho = (H + 2 * p - f) // s + 1
    Wo = (W + 2 * p - f) // s + 1
    out = np.zeros((Ho, Wo))
    gx = np.zeros_like(x)
    for i in range(Ho):
        for j in range(Wo):
            cells = []  # real (non-padded) cells of the window, row-major
            for a in range(f):
                for bb in range(f):
                    r, c = i * s + a - p, j * s + bb - p
                    if 0 <= r < H and 0 <= c < W:
                        cells.append((r, c))
            assert cells, "window with no real cell"
            vals = [x[r, c] for r, c in cells]
            if mode == "max":
                m = max(vals)
                out[i, j] = m
                if g is not None:
                    first = vals.index(m)
                    gx[cells[first]] += g[i, j]
            else:
                out[i, j] = sum(vals) / (f * f)
                if g is not None:
                    for r, c in cells:
                        gx[r, c] += g[i, j] / (f * f)
    return out, gx


# --------------------------------------------------------------------------------------------------
# Comparison helpers
# --------------------------------------------------------------------------------------------------

class Mismatch(Exception):
    pass


def as_array(got, key):
    try:
        a = np.asarray(got, dtype=float)
    except (ValueError, TypeError) as e:
        raise Mismatch(f"{key}: not a rectangular numeric array ({e}): {str(got)[:200]}")
    return a


def close(got, exp, key, scale):
    exp = np.asarray(exp, dtype=float)
    a = as_array(got, key)
    if a.shape != exp.shape:
        raise Mismatch(f"{key}: shape {list(a.shape)} != expected {list(exp.shape)}; got {str(got)[:300]}")
    if not np.allclose(a / scale, exp / scale, rtol=RTOL, atol=ATOL):
        bad = np.argwhere(~np.isclose(a / scale, exp / scale, rtol=RTOL, atol=ATOL))
        where = tuple(int(t) for t in bad[0]) if bad.size else ()
        raise Mismatch(f"{key}: values differ (first at {list(where)}: got {float(a[where]) if where else a!r}, "
                       f"expected {float(exp[where]) if where else exp!r}); got {compact(a)}, expected {compact(exp)}")


def compact(a, limit=400):
    text = json.dumps(np.round(np.asarray(a, dtype=float), 12).tolist())
    return text if len(text) <= limit else text[:limit] + "..."


def need(obj, key):
    if key not in obj:
        raise Mismatch(f"missing key {key!r} (keys: {sorted(obj)})")
    return obj[key]


def scale_of(*arrays):
    s = 1.0
    for a in arrays:
        a = np.asarray(a, dtype=float)
        if a.size:
            s = max(s, float(np.max(np.abs(a))))
    return s


def check_steps(got_steps, exp_steps, scale):
    if not isinstance(got_steps, list):
        raise Mismatch(f"steps: not a list: {str(got_steps)[:200]}")
    if len(got_steps) != len(exp_steps):
        raise Mismatch(f"steps: {len(got_steps)} steps, expected {len(exp_steps)}")
    tol = lambda a, b: abs(float(a) - float(b)) <= ATOL * scale + RTOL * abs(float(b))
    for t, (gs, (idx, val, terms)) in enumerate(zip(got_steps, exp_steps)):
        if not isinstance(gs, dict):
            raise Mismatch(f"steps[{t}]: not an object")
        gi = need(gs, "index")
        if list(gi) != idx:
            raise Mismatch(f"steps[{t}].index = {gi}, expected {idx}")
        gterms = need(gs, "terms")
        if not isinstance(gterms, list) or len(gterms) != len(terms):
            raise Mismatch(f"steps[{t}].terms: {len(gterms) if isinstance(gterms, list) else gterms!r} terms, "
                           f"expected {len(terms)} (C*Kh*Kw)")
        prev = 0.0
        for u, (gt, (xv, wv, pv, partial)) in enumerate(zip(gterms, terms)):
            for key, ev in (("x", xv), ("w", wv), ("product", pv), ("partial", partial)):
                if key not in gt:
                    raise Mismatch(f"steps[{t}].terms[{u}]: missing {key!r}")
                if not tol(gt[key], ev):
                    raise Mismatch(f"steps[{t}] (index {idx}).terms[{u}].{key} = {gt[key]}, expected {ev} "
                                   f"(order must be channel, kernel row, kernel column)")
            # internal consistency of what was printed
            if not tol(gt["product"], float(gt["x"]) * float(gt["w"])):
                raise Mismatch(f"steps[{t}].terms[{u}]: product {gt['product']} != x*w")
            if not tol(gt["partial"], prev + float(gt["product"])):
                raise Mismatch(f"steps[{t}].terms[{u}]: partial {gt['partial']} != previous partial + product")
            prev = float(gt["partial"])
        gv = need(gs, "value")
        if not tol(gv, val):
            raise Mismatch(f"steps[{t}] (index {idx}).value = {gv}, expected {val}")


# --------------------------------------------------------------------------------------------------
# Runner
# --------------------------------------------------------------------------------------------------

class Runner:
    def __init__(self, binary, verbose=False, only=None):
        self.binary = str(binary)
        self.verbose = verbose
        self.only = only  # run only cases whose name contains this (the random draws stay the same)
        self.passed = 0
        self.failed = 0
        self.failures = []

    def run(self, args):
        try:
            p = subprocess.run([self.binary] + args, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, b"", b"(timed out after %d s)" % TIMEOUT
        return p.returncode, p.stdout, p.stderr

    @staticmethod
    def show(args):
        def q(a):
            if len(a) > 300:
                a = a[:120] + f"...<{len(a)} chars>..." + a[-40:]
            return "'" + a.replace("'", "'\\''") + "'" if any(ch in a for ch in " ;[]\"'*?$") else a
        return "cnn-tutor " + " ".join(q(a) for a in args)

    def record(self, name, args, problem):
        if problem is None:
            self.passed += 1
            if self.verbose:
                print(f"ok   {name}")
        else:
            self.failed += 1
            self.failures.append(name)
            print(f"FAIL {name}\n     $ {self.show(args)}\n     {problem}")

    def ok_case(self, name, args, check):
        """A case that must succeed: exit 0, one JSON object on stdout; check(obj) raises Mismatch."""
        if self.only and self.only not in name:
            return
        args = list(args) + ["--json"]
        rc, out, err = self.run(args)
        problem = None
        if rc is None:
            problem = err.decode(errors="replace")
        elif rc != 0:
            problem = f"exit status {rc}; stderr: {err.decode(errors='replace').strip()[:400]}"
        else:
            try:
                obj = json.loads(out.decode())
            except (ValueError, UnicodeDecodeError) as e:
                obj = None
                problem = f"stdout is not one JSON value ({e}): {out[:300]!r}"
            if obj is not None and not isinstance(obj, dict):
                problem = f"stdout is JSON but not an object: {out[:300]!r}"
            elif obj is not None:
                try:
                    check(obj)
                except Mismatch as e:
                    problem = str(e)
        self.record(name, args, problem)

    def err_case(self, name, args):
        """A case that must be refused: 0 < status < 128, empty stdout, one stderr line 'error:...'."""
        if self.only and self.only not in name:
            return
        args = list(args) + ["--json"]
        try:
            rc, out, err = self.run(args)
        except OSError as e:  # e.g. E2BIG: the case itself is broken
            self.record(name, args, f"could not start the binary: {e}")
            return
        problems = []
        if rc is None:
            problems.append(err.decode(errors="replace"))
        elif rc == 0:
            problems.append("exit status 0 (expected a refusal)")
        elif rc < 0 or rc >= 128:
            problems.append(f"killed by a signal / crash (status {rc})")
        if out:
            problems.append(f"stdout not empty: {out[:200]!r}")
        text = err.decode(errors="replace")
        body = text[:-1] if text.endswith("\n") else text
        if rc is not None:
            if not body.startswith("error:"):
                problems.append(f"stderr does not start with 'error:': {text[:300]!r}")
            elif "\n" in body:
                problems.append(f"stderr is more than one line: {text[:300]!r}")
        self.record(name, args, "; ".join(problems) if problems else None)


# --------------------------------------------------------------------------------------------------
# Case generators
# --------------------------------------------------------------------------------------------------

def rand_values(rng, shape, decimal):
    if decimal:
        places = int(rng.integers(1, 3))
        v = np.round(rng.uniform(-5, 5, size=shape), places)
    else:
        v = rng.integers(-9, 10, size=shape).astype(float)
    return v + 0.0  # no negative zeros


def tensor_arg(rng, a, allow_friendly=True):
    a = np.asarray(a)
    if a.ndim == 2 and allow_friendly and rng.random() < 0.5:
        return to_friendly(a)
    return to_json_text(a)


def conv_case(R, rng, name, x_shape, f_shape, decimal, with_bias=None, stride=None, pad=None, check_steps_too=True):
    """x_shape is the user's input shape (rank 2..4), f_shape the user's filter shape (rank 2..4)."""
    H, W = x_shape[-2:]
    stride = int(rng.integers(1, 4)) if stride is None else stride
    pad = int(rng.integers(0, 3)) if pad is None else pad
    x = rand_values(rng, x_shape, decimal)
    w = rand_values(rng, f_shape, decimal and rng.random() < 0.7)
    X, Wt = canon_input(x), canon_filter(w)
    K = Wt.shape[0]
    if with_bias is None:
        with_bias = rng.random() < 0.5
    args = ["compute", "conv"] + opt("input", tensor_arg(rng, x)) + opt("filter", tensor_arg(rng, w))
    b = np.zeros(K)
    if with_bias:
        b = rand_values(rng, (K,), decimal)
        if K == 1 and len(f_shape) < 4 and rng.random() < 0.5:
            args += opt("bias", fmt_num(b[0]))
        else:
            args += opt("bias", to_json_text(b))
    if stride != 1 or rng.random() < 0.3:
        args += opt("stride", stride)
    if pad != 0 or rng.random() < 0.3:
        args += opt("padding", pad)
    out, _ = ref_conv(X, Wt, b, stride, pad)
    exp = squeeze_out(out, len(x_shape), len(f_shape))
    scale = max(1.0, scale_of(x)) * max(1.0, scale_of(w)) * Wt[0].size + scale_of(b)
    steps = ref_conv_steps(X, Wt, b, stride, pad, len(x_shape), len(f_shape)) if check_steps_too else None

    def check(obj):
        close(need(obj, "output"), exp, "output", scale)
        shp = need(obj, "output_shape")
        if list(shp) != list(exp.shape):
            raise Mismatch(f"output_shape {shp} != expected {list(exp.shape)}")
        if steps is not None:
            check_steps(need(obj, "steps"), steps, scale)

    desc = (f"x{list(x_shape)} f{list(f_shape)} s{stride} p{pad}{' bias' if with_bias else ''}"
            f"{' dec' if decimal else ' int'}")
    R.ok_case(f"{name} {desc}", args, check)


def fitting_kernel(rng, H, W, pad, maxk=None):
    kh = int(rng.integers(1, H + 2 * pad + 1))
    kw = int(rng.integers(1, W + 2 * pad + 1))
    if maxk:
        kh, kw = min(kh, maxk), min(kw, maxk)
    return kh, kw


def backward_case(R, rng, name, x_shape, f_shape, decimal, stride, pad):
    x = rand_values(rng, x_shape, decimal)
    w = rand_values(rng, f_shape, decimal)
    X, Wt = canon_input(x), canon_filter(w)
    out, _ = ref_conv(X, Wt, np.zeros(Wt.shape[0]), stride, pad)
    g_canon = rand_values(rng, out.shape, decimal)
    g = squeeze_out(g_canon, len(x_shape), len(f_shape))
    gx, gw, gb = ref_backward(X, Wt, g_canon, stride, pad)
    exp_out = squeeze_out(out, len(x_shape), len(f_shape))
    exp_gx = gx.reshape(x.shape)
    exp_gw = gw.reshape(w.shape)
    args = (["compute", "backward"] + opt("input", tensor_arg(rng, x)) + opt("filter", tensor_arg(rng, w))
            + opt("grad", tensor_arg(rng, g)) + opt("stride", stride) + opt("padding", pad))
    sx, sw, sg = max(1.0, scale_of(x)), max(1.0, scale_of(w)), max(1.0, scale_of(g))
    n_out = g_canon[0, 0].size * g_canon.shape[0]

    def check(obj):
        close(need(obj, "output"), exp_out, "output", sx * sw * Wt[0].size)
        close(need(obj, "grad_input"), exp_gx, "grad_input", sg * sw * Wt.shape[0] * Wt[0, 0].size)
        close(need(obj, "grad_weight"), exp_gw, "grad_weight", sg * sx * n_out)
        gbv = need(obj, "grad_bias")
        if not isinstance(gbv, list):
            raise Mismatch(f"grad_bias is not a list: {gbv!r}")
        close(gbv, gb, "grad_bias", sg * n_out)

    desc = f"x{list(x_shape)} f{list(f_shape)} g{list(g.shape)} s{stride} p{pad}{' dec' if decimal else ' int'}"
    R.ok_case(f"{name} {desc}", args, check)


def full_conv_case(R, rng, name, g, f, check_steps_too):
    exp_rot = np.rot90(f, 2)
    exp = signal.convolve2d(g, f, mode="full")
    kh, kw = f.shape
    # full convolution = correlation of G zero-padded by (kh-1, kw-1) with the rotated filter
    gp = np.pad(g, ((kh - 1, kh - 1), (kw - 1, kw - 1)))
    steps = []
    for i in range(exp.shape[0]):
        for j in range(exp.shape[1]):
            partial, terms = 0.0, []
            for a in range(kh):
                for b in range(kw):
                    xv, wv = gp[i + a, j + b], exp_rot[a, b]
                    partial += xv * wv
                    terms.append((xv, wv, xv * wv, partial))
            steps.append(([i, j], partial, terms))
    args = ["compute", "full-conv"] + opt("input", tensor_arg(rng, g)) + opt("filter", tensor_arg(rng, f))
    scale = max(1.0, scale_of(g)) * max(1.0, scale_of(f)) * f.size

    def check(obj):
        close(need(obj, "rotated_filter"), exp_rot, "rotated_filter", max(1.0, scale_of(f)))
        close(need(obj, "output"), exp, "output", scale)
        if check_steps_too:
            check_steps(need(obj, "steps"), steps, scale)

    R.ok_case(f"{name} g{list(g.shape)} f{list(f.shape)}", args, check)


def pool_case(R, rng, name, x, mode, f, s, p, with_grad, give_stride=True, give_pad=True, exp_override=None):
    if not give_stride:
        s = f  # the contract: stride defaults to the window size
    Ho = (x.shape[0] + 2 * p - f) // s + 1
    Wo = (x.shape[1] + 2 * p - f) // s + 1
    g = rand_values(rng, (Ho, Wo), bool(rng.random() < 0.5)) if with_grad else None
    exp, exp_gx = ref_pool(x, mode, f, s, p, g)
    if exp_override is not None:
        if not np.allclose(exp, exp_override):
            raise AssertionError(f"reference disagrees with the hand-computed seed example {name}")
    args = ["compute", "pool"] + opt("mode", mode) + opt("input", tensor_arg(rng, x)) + opt("size", f)
    if give_stride:
        args += opt("stride", s)
    if give_pad:
        args += opt("padding", p)
    if with_grad:
        args += opt("grad", tensor_arg(rng, g))
    scale = max(1.0, scale_of(x))
    gscale = max(1.0, scale_of(g)) * f * f if with_grad else 1.0

    def check(obj):
        close(need(obj, "output"), exp, "output", scale)
        if with_grad:
            close(need(obj, "grad_input"), exp_gx, "grad_input", gscale)

    R.ok_case(f"{name} {mode} x{list(x.shape)} f{f} s{s} p{p}{' grad' if with_grad else ''}", args, check)


def size_case(R, n, f, s, p, give_s=True, give_p=True):
    exp = (n + 2 * p - f) // s + 1
    args = ["compute", "size"] + opt("input-size", n) + opt("filter-size", f)
    if give_s:
        args += opt("stride", s)
    if give_p:
        args += opt("padding", p)

    def check(obj):
        got = need(obj, "output")
        if not (isinstance(got, (int, float)) and not isinstance(got, bool) and float(got) == exp):
            raise Mismatch(f"output = {got!r}, expected {exp}")

    R.ok_case(f"size n{n} f{f} s{s} p{p}", args, check)


# --------------------------------------------------------------------------------------------------
# The suite
# --------------------------------------------------------------------------------------------------

def run_suite(R):
    rng = np.random.default_rng(SEED)

    # --- conv, 2-D input and 2-D filter (30 cases; steps checked on every one)
    for t in range(30):
        H, W = int(rng.integers(1, 9)), int(rng.integers(1, 9))
        pad = int(rng.integers(0, 3))
        kh, kw = fitting_kernel(rng, H, W, pad, maxk=5)
        conv_case(R, rng, f"conv2d#{t}", (H, W), (kh, kw), decimal=bool(t % 2), pad=pad)

    # --- conv, rank-3 input (C×H×W) with rank-3 filter (C×Kh×Kw): 10 cases
    for t in range(10):
        C, H, W = int(rng.integers(1, 4)), int(rng.integers(1, 7)), int(rng.integers(1, 7))
        pad = int(rng.integers(0, 3))
        kh, kw = fitting_kernel(rng, H, W, pad, maxk=4)
        conv_case(R, rng, f"conv3x3#{t}", (C, H, W), (C, kh, kw), decimal=bool(t % 2), pad=pad)

    # --- conv, rank-3 input with rank-4 filter (K×C×Kh×Kw), K = 1..3: 10 cases
    for t in range(10):
        C, H, W = int(rng.integers(1, 4)), int(rng.integers(1, 7)), int(rng.integers(1, 7))
        K = 1 + t % 3
        pad = int(rng.integers(0, 3))
        kh, kw = fitting_kernel(rng, H, W, pad, maxk=4)
        conv_case(R, rng, f"conv3x4#{t}", (C, H, W), (K, C, kh, kw), decimal=bool(t % 2), pad=pad)

    # --- conv, rank-4 input N=2: 6 with rank-4 filters, 2 with a rank-3 filter; plus 2 rank-2 input × rank-4 filter
    for t in range(6):
        C, H, W = int(rng.integers(1, 4)), int(rng.integers(1, 6)), int(rng.integers(1, 6))
        K = int(rng.integers(1, 4))
        pad = int(rng.integers(0, 3))
        kh, kw = fitting_kernel(rng, H, W, pad, maxk=3)
        conv_case(R, rng, f"conv4x4#{t}", (2, C, H, W), (K, C, kh, kw), decimal=bool(t % 2), pad=pad)
    for t in range(2):
        C, H, W = int(rng.integers(1, 4)), int(rng.integers(2, 6)), int(rng.integers(2, 6))
        conv_case(R, rng, f"conv4x3#{t}", (2, C, H, W), (C, 2, 2), decimal=bool(t % 2), pad=t)
    for t in range(2):
        H, W = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        conv_case(R, rng, f"conv2x4#{t}", (H, W), (2 + t, 1, 2, 2), decimal=bool(t % 2), pad=t)

    # --- backward: same shape families (2-D 14, 3×3 5, 3×4 5, 4×4 5, 4×3 1)
    def bw_shapes(kind):
        C, H, W = int(rng.integers(1, 4)), int(rng.integers(1, 7)), int(rng.integers(1, 7))
        pad, stride = int(rng.integers(0, 3)), int(rng.integers(1, 4))
        kh, kw = fitting_kernel(rng, H, W, pad, maxk=4)
        K = int(rng.integers(1, 4))
        return {
            "2d": ((H, W), (kh, kw)),
            "3x3": ((C, H, W), (C, kh, kw)),
            "3x4": ((C, H, W), (K, C, kh, kw)),
            "4x4": ((2, C, H, W), (K, C, kh, kw)),
            "4x3": ((2, C, H, W), (C, kh, kw)),
        }[kind], stride, pad

    for kind, count in (("2d", 14), ("3x3", 5), ("3x4", 5), ("4x4", 5), ("4x3", 1)):
        for t in range(count):
            (xs, fs), stride, pad = bw_shapes(kind)
            backward_case(R, rng, f"backward{kind}#{t}", xs, fs, decimal=bool(t % 2), stride=stride, pad=pad)

    # --- full-conv (10 cases, steps checked on all)
    for t in range(10):
        g = rand_values(rng, (int(rng.integers(1, 6)), int(rng.integers(1, 6))), bool(t % 2))
        f = rand_values(rng, (int(rng.integers(1, 4)), int(rng.integers(1, 4))), bool(t % 3 == 0))
        full_conv_case(R, rng, f"full-conv#{t}", g, f, check_steps_too=True)

    # --- pool: seed examples
    seed4 = np.array([[1, 3, 2, 1], [2, 9, 1, 1], [1, 3, 2, 3], [5, 6, 1, 2]], dtype=float)
    seed5 = np.array([[1, 3, 2, 1, 3], [2, 9, 1, 1, 5], [1, 3, 2, 3, 2], [8, 3, 5, 1, 0], [5, 6, 1, 2, 9]],
                     dtype=float)
    pool_case(R, rng, "seed-pool4", seed4, "max", 2, 2, 0, False, exp_override=np.array([[9, 2], [6, 3]]))
    pool_case(R, rng, "seed-pool4(default stride)", seed4, "max", 2, 2, 0, True, give_stride=False, give_pad=False,
              exp_override=np.array([[9, 2], [6, 3]]))
    pool_case(R, rng, "seed-pool5", seed5, "max", 3, 1, 0, False,
              exp_override=np.array([[9, 9, 5], [9, 9, 5], [8, 6, 9]]))
    pool_case(R, rng, "seed-pool5", seed5, "max", 3, 1, 0, True)
    pool_case(R, rng, "tie-pool3 (first maximum wins)", np.zeros((3, 3)), "max", 2, 1, 0, True,
              exp_override=np.zeros((2, 2)))
    pool_case(R, rng, "seed-avgpool4", seed4, "avg", 2, 2, 0, False,
              exp_override=np.array([[3.75, 1.25], [3.75, 2]]))
    pool_case(R, rng, "seed-avgpool4", seed4, "avg", 2, 2, 0, True, give_stride=False)

    # --- pool: random (12 max, 12 avg; ties forced by small integer ranges in half the max cases)
    for mode in ("max", "avg"):
        for t in range(12):
            H, W = int(rng.integers(1, 8)), int(rng.integers(1, 8))
            f = int(rng.integers(1, 4))
            p = int(rng.integers(0, f // 2 + 1))
            f = min(f, H + 2 * p, W + 2 * p)
            p = min(p, f // 2)
            if f > H + 2 * p or f > W + 2 * p:
                f, p = 1, 0
            s = int(rng.integers(1, 4))
            if mode == "max" and t % 2 == 0:
                x = rng.integers(0, 3, size=(H, W)).astype(float)  # many ties: first maximum must win
            else:
                x = rand_values(rng, (H, W), bool(t % 2))
            pool_case(R, rng, f"pool#{t}", x, mode, f, s, p, with_grad=(t % 3 != 2), give_stride=(t % 4 != 3))

    # --- size (incl. floor cases and defaults)
    for n, f, s, p in ((5, 3, 1, 0), (7, 2, 2, 0), (8, 3, 2, 0), (224, 3, 1, 1), (224, 7, 2, 3), (10, 4, 3, 1),
                       (1, 1, 1, 0), (1, 3, 1, 1), (6, 6, 5, 0), (9, 4, 4, 2)):
        size_case(R, n, f, s, p)
    size_case(R, 5, 3, 1, 0, give_s=False, give_p=False)
    size_case(R, 7, 3, 2, 0, give_p=False)
    for t in range(6):
        n = int(rng.integers(1, 40))
        p = int(rng.integers(0, 4))
        f = int(rng.integers(1, n + 2 * p + 1))
        s = int(rng.integers(1, 6))
        size_case(R, n, f, s, p)

    # --- errors
    big_nest = "[" * 65000 + "]" * 65000
    E = [
        ("ragged matrix", ["compute", "conv", "--input", "1 2; 3", "--filter", "1"]),
        ("ragged JSON", ["compute", "conv", "--input", "[[1,2],[3]]", "--filter", "[[1]]"]),
        ("non-number", ["compute", "conv", "--input", "1 x", "--filter", "1"]),
        ("nan input", ["compute", "conv", "--input", "nan", "--filter", "1"]),
        ("NaN in matrix", ["compute", "conv", "--input", "1 NaN; 2 3", "--filter", "1"]),
        ("Infinity in JSON", ["compute", "conv", "--input", "[[1,Infinity]]", "--filter", "[[1]]"]),
        ("1e999 overflow", ["compute", "conv", "--input", "1e999", "--filter", "1"]),
        ("1e999 in JSON", ["compute", "conv", "--input", "[[1,1e999]]", "--filter", "[[1]]"]),
        ("filter bigger than input", ["compute", "conv", "--input", "1 2; 3 4", "--filter", "1 1 1; 1 1 1; 1 1 1"]),
        ("stride 0", ["compute", "conv", "--input", "1 2; 3 4", "--filter", "1", "--stride", "0"]),
        ("negative stride", ["compute", "conv", "--input", "1 2; 3 4", "--filter", "1", "--stride=-1"]),
        ("negative padding", ["compute", "conv", "--input", "1 2; 3 4", "--filter", "1", "--padding=-1"]),
        ("malformed JSON", ["compute", "conv", "--input", "[[1,2]", "--filter", "[[1]]"]),
        ("deeply nested JSON", ["compute", "conv", "--input", big_nest, "--filter", "[[1]]"]),
        ("output too large (padding 5e6)", ["compute", "conv", "--input", "1", "--filter", "1",
                                            "--padding", "5000000"]),
        ("backward grad of wrong shape", ["compute", "backward", "--input", "1 2 3; 4 5 6; 7 8 9",
                                          "--filter", "1 0; 0 1", "--grad", "1 2 3; 4 5 6"]),
        ("backward grad of wrong rank", ["compute", "backward", "--input", "[[[1,2],[3,4]]]",
                                         "--filter", "[[[[1]]],[[[2]]]]", "--grad", "[[1,2],[3,4]]"]),
        ("channel mismatch", ["compute", "conv", "--input", "[[[1,2],[3,4]],[[5,6],[7,8]]]",
                              "--filter", "[[[1]],[[1]],[[1]]]"]),
        ("channel mismatch rank-4 filter", ["compute", "conv", "--input", "[[[1,2],[3,4]]]",
                                            "--filter", "[[[[1]],[[1]]]]"]),
        ("bias count != filter count", ["compute", "conv", "--input", "1 2; 3 4",
                                        "--filter", "[[[[1]]],[[[2]]]]", "--bias", "[1,2,3]"]),
        ("unknown pool mode", ["compute", "pool", "--mode", "median", "--input", "1 2; 3 4", "--size", "2"]),
        ("pool padding > size/2", ["compute", "pool", "--mode", "max", "--input", "1 2 3; 4 5 6; 7 8 9",
                                   "--size", "2", "--padding", "2"]),
        ("pool size bigger than input", ["compute", "pool", "--mode", "avg", "--input", "1 2; 3 4", "--size", "3"]),
        ("pool grad of wrong shape", ["compute", "pool", "--mode", "max", "--input", "1 2; 3 4", "--size", "2",
                                      "--grad", "1 2; 3 4"]),
        ("size: filter does not fit", ["compute", "size", "--input-size", "3", "--filter-size", "6"]),
        ("size: stride 0", ["compute", "size", "--input-size", "5", "--filter-size", "3", "--stride", "0"]),
        ("size: negative stride", ["compute", "size", "--input-size", "5", "--filter-size", "3", "--stride=-2"]),
        ("full-conv of a non-number", ["compute", "full-conv", "--input", "1 2; 3 z", "--filter", "1"]),
    ]
    for name, args in E:
        R.err_case(f"error: {name}", args)


# --------------------------------------------------------------------------------------------------
# Dilation, transposed convolution and 1-D signals (numpy loops written apart from the core's gather)
# --------------------------------------------------------------------------------------------------

def pairs(v):
    """(rows, columns) from one number or a pair."""
    return v if isinstance(v, tuple) else (v, v)


def signal_pad(x, v):
    """A 1-D signal is one row: padding applies along its length only."""
    return (0, v) if np.ndim(x) == 1 else v


def ref_dilated_conv_steps(x, w, b, stride, pad, dil):
    """Canonical output of a dilated cross-correlation and its steps (index canonical, terms c, m, q)."""
    N, C, H, W = x.shape
    K, _, Kh, Kw = w.shape
    ph, pw = pairs(pad)
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    Ho = (H + 2 * ph - dil * (Kh - 1) - 1) // stride + 1
    Wo = (W + 2 * pw - dil * (Kw - 1) - 1) // stride + 1
    out = np.zeros((N, K, Ho, Wo))
    steps = []
    for n, k, i, j in np.ndindex(N, K, Ho, Wo):
        terms, partial = [], 0.0
        for c, m, q in np.ndindex(C, Kh, Kw):
            xv, wv = xp[n, c, i * stride + m * dil, j * stride + q * dil], w[k, c, m, q]
            partial += xv * wv
            terms.append((xv, wv, xv * wv, partial))
        out[n, k, i, j] = partial + b[k]
        steps.append(([n, k, i, j], partial + b[k], terms))
    return out, steps


def ref_dilated_backward(x, w, g, stride, pad, dil):
    """Every output's gradient sent back along the dilated taps that made it."""
    N, C, H, W = x.shape
    K, _, Kh, Kw = w.shape
    ph, pw = pairs(pad)
    gxp = np.zeros((N, C, H + 2 * ph, W + 2 * pw))
    gw = np.zeros_like(w)
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    for n, k, i, j in np.ndindex(*g.shape):
        for m, q in np.ndindex(Kh, Kw):
            r, c = i * stride + m * dil, j * stride + q * dil
            gxp[n, :, r, c] += g[n, k, i, j] * w[k, :, m, q]
            gw[k, :, m, q] += g[n, k, i, j] * xp[n, :, r, c]
    return gxp[:, :, ph:ph + H, pw:pw + W], gw, g.sum(axis=(0, 2, 3))


def ref_conv_transpose(x, w, b, stride, pad, out_pad, dil):
    """conv_transpose2d by scattering: x[n,ci,i,j]·w[ci,co] placed at (i·S + m·D, j·S + q·D) of an uncut buffer,
    then P cut from the top/left and the output size kept."""
    N, Ci, H, W = x.shape
    _, Co, Kh, Kw = w.shape
    (ph, pw), (ah, aw) = pairs(pad), pairs(out_pad)
    Ho = (H - 1) * stride - 2 * ph + dil * (Kh - 1) + ah + 1
    Wo = (W - 1) * stride - 2 * pw + dil * (Kw - 1) + aw + 1
    full = np.zeros((N, Co, (H - 1) * stride + dil * (Kh - 1) + 1 + ah, (W - 1) * stride + dil * (Kw - 1) + 1 + aw))
    for n, ci, i, j in np.ndindex(N, Ci, H, W):
        for m, q in np.ndindex(Kh, Kw):
            full[n, :, i * stride + m * dil, j * stride + q * dil] += x[n, ci, i, j] * w[ci, :, m, q]
    return full[:, :, ph:ph + Ho, pw:pw + Wo] + np.asarray(b)[None, :, None, None]


def ref_transpose_steps(x, w, b, stride, pad, dil, out_shape):
    """Steps of each output value: the (ci, m, q) whose scattered tap lands there, in that order."""
    N, Ci, H, W = x.shape
    _, Co, Kh, Kw = w.shape
    ph, pw = pairs(pad)
    steps = []
    for n, co, y, z in np.ndindex(*out_shape):
        terms, partial = [], 0.0
        for ci, m, q in np.ndindex(Ci, Kh, Kw):
            ri, rj = y + ph - m * dil, z + pw - q * dil
            if ri % stride or rj % stride or not (0 <= ri // stride < H and 0 <= rj // stride < W):
                continue
            xv, wv = x[n, ci, ri // stride, rj // stride], w[ci, co, m, q]
            partial += xv * wv
            terms.append((xv, wv, xv * wv, partial))
        steps.append(([n, co, y, z], partial + b[co], terms))
    return steps


def user_steps(steps, keep):
    """Steps with canonical indices cut to the axes the user's output shows (keep: four booleans)."""
    return [([v for v, k in zip(idx, keep) if k], val, terms) for idx, val, terms in steps]


def dilated_conv_case(R, rng, name, x_shape, f_shape, stride, pad, dil):
    x, w = rand_values(rng, x_shape, False), rand_values(rng, f_shape, bool(rng.random() < 0.5))
    X = x.reshape((1,) * (4 - x.ndim) + x.shape)
    Wt = w.reshape((1,) * (4 - w.ndim) + w.shape) if w.ndim != 3 else w.reshape(1, *w.shape)
    b = rand_values(rng, (Wt.shape[0],), False)
    out, steps = ref_dilated_conv_steps(X, Wt, b, stride, signal_pad(x, pad), dil)
    keep = [x.ndim == 4, w.ndim == 4, x.ndim > 1, True]
    exp = out.reshape([d for d, k in zip(out.shape, keep) if k])
    args = (["compute", "conv"] + opt("input", to_json_text(x)) + opt("filter", to_json_text(w))
            + opt("bias", to_json_text(b))
            + opt("stride", stride) + opt("padding", pad) + opt("dilation", dil))
    scale = scale_of(x) * scale_of(w) * Wt[0].size + scale_of(b)

    def check(obj):
        close(need(obj, "output"), exp, "output", scale)
        if list(need(obj, "output_shape")) != list(exp.shape):
            raise Mismatch(f"output_shape {obj['output_shape']} != expected {list(exp.shape)}")
        check_steps(need(obj, "steps"), user_steps(steps, keep), scale)

    R.ok_case(f"{name} x{list(x_shape)} f{list(f_shape)} s{stride} p{pad} d{dil}", args, check)


def dilated_backward_case(R, rng, name, x_shape, f_shape, stride, pad, dil):
    x, w = rand_values(rng, x_shape, True), rand_values(rng, f_shape, False)
    X = x.reshape((1,) * (4 - x.ndim) + x.shape)
    Wt = w.reshape((1,) * (4 - w.ndim) + w.shape) if w.ndim != 3 else w.reshape(1, *w.shape)
    out, _ = ref_dilated_conv_steps(X, Wt, np.zeros(Wt.shape[0]), stride, signal_pad(x, pad), dil)
    g_canon = rand_values(rng, out.shape, False)
    keep = [x.ndim == 4, w.ndim == 4, x.ndim > 1, True]
    g = g_canon.reshape([d for d, k in zip(out.shape, keep) if k])
    gx, gw, gb = ref_dilated_backward(X, Wt, g_canon, stride, signal_pad(x, pad), dil)
    args = (["compute", "backward"] + opt("input", to_json_text(x)) + opt("filter", to_json_text(w))
            + opt("grad", to_json_text(g)) + opt("stride", stride) + opt("padding", pad) + opt("dilation", dil))
    scale = scale_of(x, w, g) ** 2 * max(Wt.size, g.size)

    def check(obj):
        close(need(obj, "output"), out.reshape(g.shape), "output", scale)
        close(need(obj, "grad_input"), gx.reshape(x.shape), "grad_input", scale)
        close(need(obj, "grad_weight"), gw.reshape(w.shape), "grad_weight", scale)
        close(need(obj, "grad_bias"), gb, "grad_bias", scale)

    R.ok_case(f"{name} x{list(x_shape)} f{list(f_shape)} s{stride} p{pad} d{dil}", args, check)


def transposed_case(R, rng, name, x_shape, f_shape, stride, pad, out_pad, dil, with_bias=True):
    x, w = rand_values(rng, x_shape, bool(rng.random() < 0.5)), rand_values(rng, f_shape, False)
    X = x.reshape((1,) * (4 - x.ndim) + x.shape)
    Wt = w.reshape((1,) * (4 - w.ndim) + w.shape)
    b = rand_values(rng, (Wt.shape[1],), True) if with_bias else np.zeros(Wt.shape[1])
    out = ref_conv_transpose(X, Wt, b, stride, signal_pad(x, pad), signal_pad(x, out_pad), dil)
    steps = ref_transpose_steps(X, Wt, b, stride, signal_pad(x, pad), dil, out.shape)
    keep = [x.ndim == 4, w.ndim == 4, x.ndim > 1, True]
    exp = out.reshape([d for d, k in zip(out.shape, keep) if k])
    args = (["compute", "transposed"] + opt("input", to_json_text(x)) + opt("filter", to_json_text(w))
            + (opt("bias", to_json_text(b)) if with_bias else []) + opt("stride", stride) + opt("padding", pad)
            + opt("output-padding", out_pad) + opt("dilation", dil))
    scale = scale_of(x) * scale_of(w) * Wt.size + scale_of(b)

    def check(obj):
        close(need(obj, "output"), exp, "output", scale)
        if list(need(obj, "output_shape")) != list(exp.shape):
            raise Mismatch(f"output_shape {obj['output_shape']} != expected {list(exp.shape)}")
        check_steps(need(obj, "steps"), user_steps(steps, keep), scale)

    bias_word = "" if with_bias else " no bias"
    R.ok_case(f"{name} x{list(x_shape)} f{list(f_shape)} s{stride} p{pad} a{out_pad} d{dil}{bias_word}", args, check)


def signal_pool_case(R, rng, name, n, mode, f, s):
    x = rand_values(rng, (n,), False)
    windows = [x[i * s:i * s + f] for i in range((n - f) // s + 1)]
    exp = [max(v) if mode == "max" else sum(v) / f for v in windows]
    args = ["compute", "pool"] + opt("mode", mode) + opt("input", to_json_text(x)) + opt("size", f) + opt("stride", s)
    R.ok_case(f"{name} {mode} n{n} f{f} s{s}", args, lambda obj: close(need(obj, "output"), exp, "output", scale_of(x)))


def run_geometry_suite(R):
    rng = np.random.default_rng(SEED + 1)
    dilated_suite(R, rng)
    transposed_suite(R, rng)
    for t in range(6):
        n, f = int(rng.integers(2, 10)), int(rng.integers(1, 3))
        signal_pool_case(R, rng, f"pool1d#{t}", n, ("max", "avg")[t % 2], f, int(rng.integers(1, 3)))
    E = [
        ("dilated filter larger than the input", ["compute", "conv", "--input", "1 2 3; 4 5 6; 7 8 9",
                                                  "--filter", "1 1; 1 1", "--dilation", "3"]),
        ("dilation 0", ["compute", "backward", "--input", "[1,2,3]", "--filter", "[1]", "--grad", "[1,2,3]",
                        "--dilation", "0"]),
        ("output padding not below stride or dilation", ["compute", "transposed", "--input", "1 2; 3 4",
                                                         "--filter", "1", "--stride", "2", "--output-padding", "2"]),
        ("transposed padding leaves no output", ["compute", "transposed", "--input", "[1,2]", "--filter", "[1]",
                                                 "--padding", "1"]),
        ("1-D input with a 2-D filter", ["compute", "conv", "--input", "[1,2,3]", "--filter", "1 1; 1 1"]),
    ]
    for name, args in E:
        R.err_case(f"error: {name}", args)


def dilated_suite(R, rng):
    """Dilated conv and backward on every input/filter rank pairing, 1-D included."""
    shapes = {"2d": lambda C, K, H, W, kh, kw: ((H, W), (kh, kw)),
              "3x4": lambda C, K, H, W, kh, kw: ((C, H, W), (K, C, kh, kw)),
              "4x4": lambda C, K, H, W, kh, kw: ((2, C, H, W), (K, C, kh, kw)),
              "1d": lambda C, K, H, W, kh, kw: ((W,), (kw,))}

    def draw(kind):
        while True:
            C, K, H, W = (int(v) for v in rng.integers(1, [4, 4, 8, 9]))
            kh, kw, s, p, d = (int(v) for v in rng.integers([1, 1, 1, 0, 1], [4, 4, 4, 3, 4]))
            if kind == "1d":
                H, kh = 1, 1
            if d * (kh - 1) < H + 2 * p * (kind != "1d") and d * (kw - 1) < W + 2 * p:
                return shapes[kind](C, K, H, W, kh, kw), s, p, d

    for kind, count in (("2d", 12), ("3x4", 6), ("4x4", 4), ("1d", 8)):
        for t in range(count):
            (xs, fs), s, p, d = draw(kind)
            dilated_conv_case(R, rng, f"conv-dilated{kind}#{t}", xs, fs, s, p, d)
    for kind, count in (("2d", 8), ("3x4", 4), ("4x4", 3), ("1d", 5)):
        for t in range(count):
            (xs, fs), s, p, d = draw(kind)
            dilated_backward_case(R, rng, f"backward-dilated{kind}#{t}", xs, fs, s, p, d)


def transposed_suite(R, rng):
    """conv_transpose on every input/filter rank pairing, 1-D included, with output padding below S or D."""
    shapes = {"2d": lambda Ci, Co, H, W, kh, kw: ((H, W), (kh, kw)),
              "3x4": lambda Ci, Co, H, W, kh, kw: ((Ci, H, W), (Ci, Co, kh, kw)),
              "4x4": lambda Ci, Co, H, W, kh, kw: ((2, Ci, H, W), (Ci, Co, kh, kw)),
              "1d": lambda Ci, Co, H, W, kh, kw: ((W,), (kw,))}
    for kind, count in (("2d", 14), ("3x4", 6), ("4x4", 4), ("1d", 8)):
        t = 0
        while t < count:
            Ci, Co, H, W = (int(v) for v in rng.integers(1, [4, 4, 6, 7]))
            kh, kw, s, p, d = (int(v) for v in rng.integers([1, 1, 1, 0, 1], [4, 4, 4, 3, 4]))
            a = int(rng.integers(0, max(s, d)))
            if kind == "1d":
                H, kh = 1, 1
            rows_ok = kind == "1d" or (H - 1) * s - 2 * p + d * (kh - 1) + a >= 0
            if rows_ok and (W - 1) * s - 2 * p + d * (kw - 1) + a >= 0:
                xs, fs = shapes[kind](Ci, Co, H, W, kh, kw)
                transposed_case(R, rng, f"transposed{kind}#{t}", xs, fs, s, p, a, d)
                t += 1


# --------------------------------------------------------------------------------------------------
# Fixed geometry: the combinations random draws may miss, each named
# --------------------------------------------------------------------------------------------------

def run_fixed_geometry_suite(R):
    rng = np.random.default_rng(SEED + 2)
    # (input, filter, S, P, A, D): A below S; A not below S but below D; P beyond D·(K − 1), so the zero-inserted
    # input loses its border; channels; a batch; 1-D signals. Each with and without a bias.
    for xs, fs, s, p, a, d in [((3, 4), (2, 3), 2, 1, 1, 1), ((3, 3), (3, 2), 1, 0, 1, 2),
                               ((2, 3), (2, 2), 3, 2, 2, 1), ((2, 3, 3), (2, 3, 3, 2), 2, 1, 1, 2),
                               ((2, 2, 3, 2), (2, 2, 2, 3), 3, 1, 2, 2), ((5,), (3,), 2, 1, 1, 2),
                               ((4,), (2,), 1, 0, 2, 3)]:
        for with_bias in (True, False):
            transposed_case(R, rng, "transposed-fixed", xs, fs, s, p, a, d, with_bias)
    # Dilation with stride and padding together, forward (with its steps) and backward, on every rank.
    for xs, fs, s, p, d in [((7, 8), (3, 2), 2, 1, 2), ((2, 6, 7), (3, 2, 2, 3), 3, 2, 2),
                            ((2, 2, 7, 6), (2, 2, 3, 3), 2, 1, 3), ((9,), (3,), 2, 1, 3), ((6,), (2,), 3, 2, 2)]:
        dilated_conv_case(R, rng, "conv-dilated-fixed", xs, fs, s, p, d)
        dilated_backward_case(R, rng, "backward-dilated-fixed", xs, fs, s, p, d)
    # Shapes whose rows and columns leave the same remainder, so that one output padding A fits both.
    for xs, fs, s, p, d in [((8, 8), (3, 3), 2, 1, 2), ((7, 7), (3, 3), 2, 1, 2), ((2, 6, 8), (3, 2, 2, 3), 3, 2, 2),
                            ((2, 2, 8, 8), (2, 2, 3, 3), 2, 1, 3), ((9,), (3,), 2, 1, 3), ((6,), (2,), 3, 2, 2)]:
        transposed_gradient_case(R, rng, "transposed-is-input-gradient", xs, fs, s, p, d)
    for n, mode, f, s, p in [(7, "max", 3, 2, 1), (7, "avg", 3, 2, 1), (6, "max", 2, 1, 1), (8, "avg", 4, 3, 2),
                             (5, "max", 1, 2, 0)]:
        signal_pool_grad_case(R, rng, "pool1d-grad", n, mode, f, s, p)


def transposed_gradient_case(R, rng, name, x_shape, f_shape, stride, pad, dil):
    """The seeds' deconvolution: `compute transposed` of ∂L/∂O through the conv's own filter bank (K x C read as
    C_in x C_out), with A the rows the strided conv never reached, equals `compute backward`'s ∂L/∂X, and both
    equal the numpy scatter of ∂L/∂O."""
    x, w = rand_values(rng, x_shape, False), rand_values(rng, f_shape, False)
    X = x.reshape((1,) * (4 - x.ndim) + x.shape)
    Wt = w.reshape((1,) * (4 - w.ndim) + w.shape) if w.ndim != 3 else w.reshape(1, *w.shape)
    out, _ = ref_dilated_conv_steps(X, Wt, np.zeros(Wt.shape[0]), stride, signal_pad(x, pad), dil)
    g_canon = rand_values(rng, out.shape, True)
    keep = [x.ndim == 4, w.ndim == 4, x.ndim > 1, True]
    g = g_canon.reshape([e for e, k in zip(out.shape, keep) if k])
    gx, _, _ = ref_dilated_backward(X, Wt, g_canon, stride, signal_pad(x, pad), dil)
    reach = [extent + 2 * pad - dil * (k - 1) - 1 for extent, k in zip(X.shape[2:], Wt.shape[2:])]
    a = reach[1] % stride
    if x.ndim > 1 and reach[0] % stride != a:
        raise AssertionError(f"{name}: rows and columns need different output paddings; pick another shape")
    backward = (["compute", "backward"] + opt("input", to_json_text(x)) + opt("filter", to_json_text(w))
                + opt("grad", to_json_text(g)) + opt("stride", stride) + opt("padding", pad) + opt("dilation", dil)
                + ["--json"])
    args = (["compute", "transposed"] + opt("input", to_json_text(g)) + opt("filter", to_json_text(w))
            + opt("stride", stride) + opt("padding", pad) + opt("output-padding", a) + opt("dilation", dil))
    scale = scale_of(g, w) ** 2 * Wt.size

    def check(obj):
        close(need(obj, "output"), gx.reshape(x.shape), "output", scale)
        rc, text, err = R.run(backward)
        if rc != 0:
            raise Mismatch(f"compute backward failed: {err.decode(errors='replace').strip()[:300]}")
        gradient = as_array(need(json.loads(text.decode()), "grad_input"), "grad_input")
        close(need(obj, "output"), gradient, "output vs compute backward's grad_input", scale)

    R.ok_case(f"{name} x{list(x_shape)} f{list(f_shape)} s{stride} p{pad} a{a} d{dil}", args, check)


def signal_pool_grad_case(R, rng, name, n, mode, f, s, p):
    """1-D pooling with padding (never a max; zeros in a mean) and its gradient: each window's gradient to its
    first maximum, or shared by its f cells."""
    x, length = rand_values(rng, (n,), False), (n + 2 * p - f) // s + 1
    g = rand_values(rng, (length,), True)
    out, gx = np.zeros(length), np.zeros(n)
    for i in range(length):
        cells = [c for c in range(i * s - p, i * s - p + f) if 0 <= c < n]
        values = [x[c] for c in cells]
        if mode == "max":
            out[i] = max(values)
            gx[cells[values.index(out[i])]] += g[i]
        else:
            out[i] = sum(values) / f
            gx[cells] += g[i] / f
    args = (["compute", "pool"] + opt("mode", mode) + opt("input", to_json_text(x)) + opt("size", f)
            + opt("stride", s) + opt("padding", p) + opt("grad", to_json_text(g)))

    def check(obj):
        close(need(obj, "output"), out, "output", max(1.0, scale_of(x)))
        close(need(obj, "grad_input"), gx, "grad_input", max(1.0, scale_of(g)) * f)

    R.ok_case(f"{name} {mode} n{n} f{f} s{s} p{p}", args, check)


# --------------------------------------------------------------------------------------------------
# Grouped and depthwise convolution: numpy per group (einsum over each group's channels), never the dense code
# --------------------------------------------------------------------------------------------------

def ref_grouped_conv(x, w, b, stride, pad, dil, groups):
    """Canonical output of a grouped layer: group g's K/G filters against its C/G channels only (one einsum per
    tap), the groups' outputs stacked by filter."""
    N, C, H, W = x.shape
    K, Cg, Kh, Kw = w.shape
    assert C == Cg * groups and K % groups == 0
    Kg = K // groups
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho = (H + 2 * pad - dil * (Kh - 1) - 1) // stride + 1
    Wo = (W + 2 * pad - dil * (Kw - 1) - 1) // stride + 1
    out = np.zeros((N, K, Ho, Wo))
    for g in range(groups):
        channels, filters = slice(g * Cg, (g + 1) * Cg), slice(g * Kg, (g + 1) * Kg)
        for m, q in np.ndindex(Kh, Kw):
            rows = slice(m * dil, m * dil + stride * (Ho - 1) + 1, stride)
            columns = slice(q * dil, q * dil + stride * (Wo - 1) + 1, stride)
            out[:, filters] += np.einsum("nchw,kc->nkhw", xp[:, channels, rows, columns], w[filters, :, m, q])
    return out + np.asarray(b, dtype=float)[None, :, None, None]


def ref_grouped_conv_steps(x, w, b, stride, pad, dil, groups):
    """Each output's terms in the explained order: its group's channels, kernel row, kernel column; then + bias."""
    N, C, H, W = x.shape
    K, Cg, Kh, Kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho = (H + 2 * pad - dil * (Kh - 1) - 1) // stride + 1
    Wo = (W + 2 * pad - dil * (Kw - 1) - 1) // stride + 1
    steps = []
    for n, k, i, j in np.ndindex(N, K, Ho, Wo):
        first = (k // (K // groups)) * Cg
        terms, partial = [], 0.0
        for c, m, q in np.ndindex(Cg, Kh, Kw):
            xv, wv = xp[n, first + c, i * stride + m * dil, j * stride + q * dil], w[k, c, m, q]
            partial += xv * wv
            terms.append((xv, wv, xv * wv, partial))
        steps.append(([n, k, i, j], partial + b[k], terms))
    return steps


def ref_grouped_backward(x, w, g, stride, pad, dil, groups):
    """Every output's gradient sent back along its taps, to its own group's channels and filters only."""
    N, C, H, W = x.shape
    K, Cg, Kh, Kw = w.shape
    Kg = K // groups
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    gxp, gw = np.zeros_like(xp), np.zeros_like(w)
    for n, k, i, j in np.ndindex(*g.shape):
        channels = slice((k // Kg) * Cg, (k // Kg + 1) * Cg)
        for m, q in np.ndindex(Kh, Kw):
            r, c = i * stride + m * dil, j * stride + q * dil
            gxp[n, channels, r, c] += g[n, k, i, j] * w[k, :, m, q]
            gw[k, :, m, q] += g[n, k, i, j] * xp[n, channels, r, c]
    return gxp[:, :, pad:pad + H, pad:pad + W], gw, g.sum(axis=(0, 2, 3))


def draw_grouped(rng, depthwise):
    """(x_shape, f_shape, groups, stride, pad, dil): rank-3 or rank-4 input, a K x C/G x Kh x Kw bank that fits."""
    while True:
        groups = int(rng.integers(2, 5))
        per_group = 1 if depthwise else int(rng.integers(1, 3))
        filters = int(rng.integers(1, 3))
        C, K = groups * per_group, groups * filters
        H, W = int(rng.integers(1, 7)), int(rng.integers(1, 7))
        kh, kw, s, p, d = (int(v) for v in rng.integers([1, 1, 1, 0, 1], [4, 4, 3, 2, 3]))
        if d * (kh - 1) < H + 2 * p and d * (kw - 1) < W + 2 * p:
            x_shape = (C, H, W) if rng.random() < 0.5 else (2, C, H, W)
            return x_shape, (K, per_group, kh, kw), groups, s, p, d


def grouped_conv_case(R, rng, name, x_shape, f_shape, groups, stride, pad, dil):
    x, w = rand_values(rng, x_shape, bool(rng.random() < 0.5)), rand_values(rng, f_shape, False)
    X, K = canon_input(x), f_shape[0]
    b = rand_values(rng, (K,), False)
    with_bias = bool(rng.random() < 0.5)
    if not with_bias:
        b = np.zeros(K)
    out = ref_grouped_conv(X, w, b, stride, pad, dil, groups)
    keep = [x.ndim == 4, True, True, True]
    exp = out.reshape([e for e, k in zip(out.shape, keep) if k])
    steps = user_steps(ref_grouped_conv_steps(X, w, b, stride, pad, dil, groups), keep)
    weights = int(np.prod(f_shape))
    args = (["compute", "conv"] + opt("input", to_json_text(x)) + opt("filter", to_json_text(w))
            + (opt("bias", to_json_text(b)) if with_bias else []) + opt("stride", stride) + opt("padding", pad)
            + opt("dilation", dil) + opt("groups", groups))
    scale = scale_of(x) * scale_of(w) * w[0].size + scale_of(b)

    def check(obj):
        close(need(obj, "output"), exp, "output", scale)
        if list(need(obj, "output_shape")) != list(exp.shape):
            raise Mismatch(f"output_shape {obj['output_shape']} != expected {list(exp.shape)}")
        got_steps = need(obj, "steps")
        check_steps(got_steps, steps, scale)
        filters_per_group = K // groups
        for t, (step, (index, _, _)) in enumerate(zip(got_steps, steps)):
            if need(step, "group") != index[-3] // filters_per_group:
                raise Mismatch(f"steps[{t}].group = {step['group']}, expected {index[-3] // filters_per_group}")
        expected_counts = {"groups": groups, "parameters": weights + (K if with_bias else 0),
                           "dense_parameters": weights * groups + (K if with_bias else 0)}
        for key, value in expected_counts.items():
            if need(obj, key) != value:
                raise Mismatch(f"{key} = {obj[key]}, expected {value}")

    R.ok_case(f"{name} x{list(x_shape)} f{list(f_shape)} g{groups} s{stride} p{pad} d{dil}", args, check)


def grouped_backward_case(R, rng, name, x_shape, f_shape, groups, stride, pad, dil):
    x, w = rand_values(rng, x_shape, True), rand_values(rng, f_shape, False)
    X = canon_input(x)
    out = ref_grouped_conv(X, w, np.zeros(f_shape[0]), stride, pad, dil, groups)
    g_canon = rand_values(rng, out.shape, bool(rng.random() < 0.5))
    g = g_canon.reshape(out.shape if x.ndim == 4 else out.shape[1:])
    gx, gw, gb = ref_grouped_backward(X, w, g_canon, stride, pad, dil, groups)
    args = (["compute", "backward"] + opt("input", to_json_text(x)) + opt("filter", to_json_text(w))
            + opt("grad", to_json_text(g)) + opt("stride", stride) + opt("padding", pad) + opt("dilation", dil)
            + opt("groups", groups))
    scale = scale_of(x, w, g) ** 2 * max(w.size, g.size)

    def check(obj):
        close(need(obj, "output"), out.reshape(g.shape), "output", scale)
        close(need(obj, "grad_input"), gx.reshape(x.shape), "grad_input", scale)
        close(need(obj, "grad_weight"), gw, "grad_weight", scale)
        close(need(obj, "grad_bias"), gb, "grad_bias", scale)
        if need(obj, "groups") != groups:
            raise Mismatch(f"groups = {obj['groups']}, expected {groups}")

    R.ok_case(f"{name} x{list(x_shape)} f{list(f_shape)} g{groups} s{stride} p{pad} d{dil}", args, check)


def run_groups_suite(R):
    rng = np.random.default_rng(SEED + 3)
    for depthwise, word, count in ((False, "grouped", 14), (True, "depthwise", 12)):
        for t in range(count):
            grouped_conv_case(R, rng, f"conv-{word}#{t}", *draw_grouped(rng, depthwise))
        for t in range(count):
            grouped_backward_case(R, rng, f"backward-{word}#{t}", *draw_grouped(rng, depthwise))
    # One group is the dense layer: the same numbers with and without --groups 1.
    x, w = rand_values(rng, (3, 4, 4), False), rand_values(rng, (2, 3, 2, 2), False)
    out = ref_conv(canon_input(x), w, np.zeros(2), 1, 0)[0][0]
    R.ok_case("conv-grouped one group", ["compute", "conv"] + opt("input", to_json_text(x))
              + opt("filter", to_json_text(w)) + opt("groups", 1),
              lambda obj: close(need(obj, "output"), out, "output", scale_of(x) * scale_of(w) * w[0].size))
    volume, bank = "[[[1,2],[3,4]],[[5,6],[7,8]],[[1,1],[1,1]]]", "[[[[1]]],[[[2]]],[[[3]]]]"
    E = [
        ("groups 0", ["compute", "conv", "--input", volume, "--filter", bank, "--groups", "0"]),
        ("negative groups", ["compute", "conv", "--input", volume, "--filter", bank, "--groups=-3"]),
        ("groups not dividing the channels", ["compute", "conv", "--input", volume, "--filter", "[[[[1]]],[[[2]]]]",
                                              "--groups", "2"]),
        ("groups not dividing the filters", ["compute", "backward", "--input", "[[[1]],[[2]],[[3]],[[4]]]",
                                             "--filter", "[[[[1]],[[1]]],[[[2]],[[2]]],[[[3]],[[3]]]]",
                                             "--grad", "[[[1]],[[1]],[[1]]]", "--groups", "2"]),
        ("filter channels not C/G", ["compute", "conv", "--input", volume, "--filter",
                                     "[[[[1]],[[1]]],[[[2]],[[2]]],[[[3]],[[3]]]]", "--groups", "3"]),
        ("groups on a 2-D input", ["compute", "conv", "--input", "1 2; 3 4", "--filter", "1", "--groups", "2"]),
    ]
    for name, args in E:
        R.err_case(f"error: {name}", args)


# --------------------------------------------------------------------------------------------------
# Self-test of the reference (no binary needed)
# --------------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------------
# Vector operations: dense, softmax, cross-entropy (numpy and scipy.special only)
# --------------------------------------------------------------------------------------------------

def vector_arg(rng, v):
    """One sample (rank 1) in either syntax, a batch as JSON or friendly rows."""
    v = np.asarray(v, dtype=float)
    if v.ndim == 1 and rng.random() < 0.5:
        return " ".join(fmt_num(t) for t in v)
    return tensor_arg(rng, v)


def dense_case(R, rng, name, n, j, k, with_bias, with_grad):
    a = rand_values(rng, (j,) if n is None else (n, j), rng.random() < 0.5)
    w = rand_values(rng, (k, j), rng.random() < 0.5)
    b = rand_values(rng, (k,), True) if with_bias else np.zeros(k)
    args = ["compute", "dense"] + opt("input", vector_arg(rng, a)) + opt("weights", tensor_arg(rng, w))
    if with_bias:
        args += opt("bias", to_json_text(b))
    a2 = a.reshape(-1, j)
    out = a2 @ w.T + b
    g = rand_values(rng, out.shape, True)
    if with_grad:
        args += opt("grad", vector_arg(rng, g if n is not None else g[0]))
    steps = []
    for s in range(a2.shape[0]):
        for kk in range(k):
            partial, terms = 0.0, []
            for jj in range(j):
                partial += w[kk, jj] * a2[s, jj]
                terms.append((a2[s, jj], w[kk, jj], w[kk, jj] * a2[s, jj], partial))
            steps.append(([s, kk] if n is not None else [kk], partial + b[kk], terms))
    shape = out.shape if n is not None else (k,)
    scale = max(1.0, scale_of(a)) * max(1.0, scale_of(w)) * j + scale_of(b)

    def check(obj):
        close(need(obj, "output"), out.reshape(shape), "output", scale)
        if list(need(obj, "output_shape")) != list(shape):
            raise Mismatch(f"output_shape {obj['output_shape']} != {list(shape)}")
        check_steps(need(obj, "steps"), steps, scale)
        if with_grad:
            gs = max(1.0, scale_of(g)) * scale
            close(need(obj, "grad_input"), (g @ w).reshape(a.shape), "grad_input", gs)
            close(need(obj, "grad_weight"), g.T @ a2, "grad_weight", gs)
            close(need(obj, "grad_bias"), g.sum(axis=0), "grad_bias", gs)

    R.ok_case(name, args, check)


def softmax_reference(z):
    """scipy's softmax and log-softmax (each subtracts the maximum its own way)."""
    from scipy.special import log_softmax, softmax
    return softmax(z, axis=-1), log_softmax(z, axis=-1)


def softmax_case(R, rng, name, n, k, offset, with_grad):
    z = rand_values(rng, (k,) if n is None else (n, k), True) + offset
    args = ["compute", "softmax"] + opt("input", vector_arg(rng, z))
    p, _ = softmax_reference(z)
    z2, p2 = z.reshape(-1, k), p.reshape(-1, k)
    m = z2.max(axis=1)
    e = np.exp(z2 - m[:, None])
    g = rand_values(rng, z.shape, True)
    if with_grad:
        args += opt("grad", vector_arg(rng, g))
    g2 = g.reshape(-1, k)
    # ∂L/∂z = Jᵀg with J = diag(p) − p pᵀ, sample by sample.
    grad = np.stack([(np.diag(pp) - np.outer(pp, pp)).T @ gg for pp, gg in zip(p2, g2)])

    def check(obj):
        close(need(obj, "output"), p, "output", 1.0)
        close(need(obj, "maximum"), m if n is not None else m[0], "maximum", scale_of(z))
        close(need(obj, "exponentials"), e.reshape(z.shape), "exponentials", 1.0)
        close(need(obj, "sum"), e.sum(axis=1) if n is not None else e.sum(), "sum", 1.0)
        if with_grad:
            close(need(obj, "grad_input"), grad.reshape(z.shape), "grad_input", max(1.0, scale_of(g)))

    R.ok_case(name, args, check)


def cross_entropy_case(R, rng, name, n, k, offset, one_hot):
    z = rand_values(rng, (k,) if n is None else (n, k), True) + offset
    rows = 1 if n is None else n
    if one_hot:
        y = np.eye(k)[rng.integers(0, k, size=rows)]
    else:
        y = rng.integers(0, 4, size=(rows, k)).astype(float) + 1
        y = y / y.sum(axis=1, keepdims=True)
        y = np.round(y, 3)
        y[:, -1] = np.round(1 - y[:, :-1].sum(axis=1), 3)  # decimals that sum to 1
        y = np.maximum(y, 0.0)
    y = y.reshape(z.shape)
    args = ["compute", "cross-entropy"] + opt("input", vector_arg(rng, z)) + opt("target", vector_arg(rng, y))
    p, logp = softmax_reference(z)
    loss = -(y * logp).sum(axis=-1)

    def check(obj):
        close(need(obj, "probabilities"), p, "probabilities", 1.0)
        close(need(obj, "loss"), loss, "loss", max(1.0, scale_of(loss)))
        close(need(obj, "grad_input"), p - y, "grad_input", 1.0)

    R.ok_case(name, args, check)


def run_vector_suite(R):
    rng = np.random.default_rng(SEED + 17)
    for t in range(40):
        n = None if t % 2 == 0 else int(rng.integers(2, 4))
        j, k = int(rng.integers(1, 7)), int(rng.integers(1, 6))
        dense_case(R, rng, f"dense {t} n{n} j{j} k{k}", n, j, k, rng.random() < 0.6, rng.random() < 0.6)
    for t in range(40):
        n = None if t % 2 == 0 else int(rng.integers(2, 4))
        offset = [0.0, 1000.0, -1000.0, 700.0][t % 4]  # e^z alone would overflow or underflow
        softmax_case(R, rng, f"softmax {t} n{n} offset{offset}", n, int(rng.integers(1, 11)), offset,
                     rng.random() < 0.5)
    for t in range(40):
        n = None if t % 2 == 0 else int(rng.integers(2, 4))
        offset = [0.0, 1000.0, -800.0][t % 3]
        cross_entropy_case(R, rng, f"cross-entropy {t} n{n}", n, int(rng.integers(2, 11)), offset, t % 4 != 3)
    R.err_case("dense weights of the wrong width", ["compute", "dense", "--input", "1 2 3", "--weights", "1 2; 3 4"])
    R.err_case("dense rank-3 input", ["compute", "dense", "--input", "[[[1]]]", "--weights", "1"])
    R.err_case("dense bias count", ["compute", "dense", "--input", "1 2", "--weights", "1 2", "--bias", "1 2"])
    R.err_case("dense grad shape", ["compute", "dense", "--input", "1 2", "--weights", "1 2", "--grad", "1 2"])
    R.err_case("softmax rank 3", ["compute", "softmax", "--input", "[[[1,2]]]"])
    R.err_case("softmax grad shape", ["compute", "softmax", "--input", "1 2", "--grad", "1 2 3"])
    R.err_case("cross-entropy target not summing to 1", ["compute", "cross-entropy", "--input", "1 2",
                                                         "--target", "0.5 0"])
    R.err_case("cross-entropy negative target", ["compute", "cross-entropy", "--input", "1 2", "--target=-1 2"])
    R.err_case("cross-entropy target shape", ["compute", "cross-entropy", "--input", "1 2", "--target", "0 0 1"])


def selftest():
    rng = np.random.default_rng(7)
    fails = 0
    for _ in range(300):
        H, W = int(rng.integers(1, 9)), int(rng.integers(1, 9))
        pad, s = int(rng.integers(0, 3)), int(rng.integers(1, 4))
        kh, kw = fitting_kernel(rng, H, W, pad)
        x = rng.normal(size=(H, W))
        w = rng.normal(size=(kh, kw))
        out, _ = ref_conv(canon_input(x), canon_filter(w), [0.5], s, pad)
        sc = signal.correlate2d(np.pad(x, pad), w, mode="valid")[::s, ::s] + 0.5
        fails += not np.allclose(out[0, 0], sc)
        # backward vs scipy: grad_w = correlate(padded X, dilated G), grad_x = full conv(dilated G, w)
        g = rng.normal(size=out.shape[2:])
        gx, gw, gb = ref_backward(canon_input(x), canon_filter(w), g[None, None], s, pad)
        Hp, Wp = H + 2 * pad, W + 2 * pad
        gd = np.zeros(((g.shape[0] - 1) * s + 1, (g.shape[1] - 1) * s + 1))
        gd[::s, ::s] = g
        xp = np.pad(x, pad)[:gd.shape[0] + kh - 1, :gd.shape[1] + kw - 1]
        gw_ref = signal.correlate2d(xp, gd, mode="valid")
        gxp = np.zeros((Hp, Wp))
        full = signal.convolve2d(gd, w, mode="full")
        gxp[:full.shape[0], :full.shape[1]] = full
        fails += not np.allclose(gw[0, 0], gw_ref)
        fails += not np.allclose(gx[0, 0], gxp[pad:pad + H, pad:pad + W])
        fails += not np.isclose(gb[0], g.sum())
    # multi-channel / multi-filter forward vs sum of per-channel scipy correlations;
    # backward vs the adjoint identity <conv(x), g> = <x, grad_x> = <w, grad_w>
    for _ in range(100):
        N, C, K = int(rng.integers(1, 3)), int(rng.integers(1, 4)), int(rng.integers(1, 4))
        H, W = int(rng.integers(1, 7)), int(rng.integers(1, 7))
        pad, s = int(rng.integers(0, 3)), int(rng.integers(1, 4))
        kh, kw = fitting_kernel(rng, H, W, pad, 4)
        x, w, b = rng.normal(size=(N, C, H, W)), rng.normal(size=(K, C, kh, kw)), rng.normal(size=K)
        out, _ = ref_conv(x, w, b, s, pad)
        for n in range(N):
            for k in range(K):
                acc = sum(signal.correlate2d(np.pad(x[n, c], pad), w[k, c], mode="valid") for c in range(C))
                fails += not np.allclose(out[n, k], acc[::s, ::s] + b[k])
        g = rng.normal(size=out.shape)
        gx, gw, gb = ref_backward(x, w, g, s, pad)
        lin = np.sum((out - b[None, :, None, None]) * g)
        fails += not np.isclose(lin, np.sum(x * gx))
        fails += not np.isclose(lin, np.sum(w * gw))
    # pooling vs a vectorised version (max with -inf padding, avg with zero padding)
    from numpy.lib.stride_tricks import sliding_window_view as swv
    for _ in range(200):
        H, W = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        f = int(rng.integers(1, min(H, W) + 1))
        p, s = int(rng.integers(0, f // 2 + 1)), int(rng.integers(1, 4))
        x = rng.integers(0, 3, size=(H, W)).astype(float)
        for mode in ("max", "avg"):
            out, gx = ref_pool(x, mode, f, s, p, np.ones(((H + 2 * p - f) // s + 1, (W + 2 * p - f) // s + 1)))
            xp = np.pad(x, p, constant_values=(-np.inf if mode == "max" else 0.0))
            win = swv(xp, (f, f))[::s, ::s]
            vec = win.max(axis=(2, 3)) if mode == "max" else win.sum(axis=(2, 3)) / (f * f)
            fails += not np.allclose(out, vec)
            if mode == "max":  # each window sends its 1 to exactly one real cell
                fails += not np.isclose(gx.sum(), out.size)
    # full-conv identity: correlation of padded G with rot180(F)
    for _ in range(50):
        g, f = rng.normal(size=(int(rng.integers(1, 6)), int(rng.integers(1, 6)))), \
            rng.normal(size=(int(rng.integers(1, 4)), int(rng.integers(1, 4))))
        gp = np.pad(g, ((f.shape[0] - 1,) * 2, (f.shape[1] - 1,) * 2))
        fails += not np.allclose(signal.correlate2d(gp, np.rot90(f, 2), "valid"), signal.convolve2d(g, f, "full"))
    # dilated conv vs scipy with a hole-filled kernel; transposed conv as the adjoint of the strided conv
    for _ in range(100):
        H, W = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        kh, kw, s, pad, d = (int(v) for v in rng.integers([1, 1, 1, 0, 1], [4, 4, 4, 3, 4]))
        if d * (kh - 1) >= H + 2 * pad or d * (kw - 1) >= W + 2 * pad:
            continue
        x, w = rng.normal(size=(1, 1, H, W)), rng.normal(size=(1, 1, kh, kw))
        holes = np.zeros((d * (kh - 1) + 1, d * (kw - 1) + 1))
        holes[::d, ::d] = w[0, 0]
        out, _ = ref_dilated_conv_steps(x, w, [0.0], s, pad, d)
        fails += not np.allclose(out[0, 0], signal.correlate2d(np.pad(x[0, 0], pad), holes, "valid")[::s, ::s])
        g = rng.normal(size=out.shape)
        a = (H + 2 * pad - d * (kh - 1) - 1) % s
        if a == (W + 2 * pad - d * (kw - 1) - 1) % s:
            t = ref_conv_transpose(g, w, [0.0], s, pad, a, d)
            fails += t.shape != x.shape or not np.isclose(np.sum(t * x), np.sum(out * g))
    # grouped: one group is the dense reference; G groups are the dense layer with a block-diagonal filter bank
    for _ in range(60):
        groups, per_group, filters = (int(v) for v in rng.integers([1, 1, 1], [4, 3, 3]))
        H, W = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        kh, kw, s, pad = (int(v) for v in rng.integers([1, 1, 1, 0], [3, 3, 3, 2]))
        C, K = groups * per_group, groups * filters
        x, w, b = rng.normal(size=(2, C, H, W)), rng.normal(size=(K, per_group, kh, kw)), rng.normal(size=K)
        dense = np.zeros((K, C, kh, kw))
        for k in range(K):
            first = (k // filters) * per_group
            dense[k, first:first + per_group] = w[k]
        out = ref_grouped_conv(x, w, b, s, pad, 1, groups)
        fails += not np.allclose(out, ref_conv(x, dense, b, s, pad)[0])
        if groups == 1:
            fails += not np.allclose(out, ref_conv(x, w, b, s, pad)[0])
        steps = ref_grouped_conv_steps(x, w, b, s, pad, 1, groups)
        fails += not np.allclose([value for _, value, _ in steps], out.ravel())
        g = rng.normal(size=out.shape)
        gx, gw, gb = ref_grouped_backward(x, w, g, s, pad, 1, groups)
        dgx, dgw, dgb = ref_backward(x, dense, g, s, pad)
        fails += not (np.allclose(gx, dgx) and np.allclose(gb, dgb))
        fails += not all(np.allclose(gw[k], dgw[k, (k // filters) * per_group:(k // filters + 1) * per_group])
                         for k in range(K))
    # 1-D: a signal is a one-row image; numpy's correlate agrees
    for _ in range(50):
        x, w = rng.normal(size=int(rng.integers(3, 9))), rng.normal(size=int(rng.integers(1, 3)))
        out, _ = ref_dilated_conv_steps(x.reshape(1, 1, 1, -1), w.reshape(1, 1, 1, -1), [0.0], 1, 0, 1)
        fails += not np.allclose(out.ravel(), np.correlate(x, w, "valid"))
    print(f"selftest: {'ok' if fails == 0 else f'{fails} reference mismatches'}")
    return fails == 0


# The parts, each with its own random seed: the test runs them side by side (`--part NAME`).
PARTS = {
    "values": run_suite,
    "geometry": run_geometry_suite,
    "fixed-geometry": run_fixed_geometry_suite,
    "groups": run_groups_suite,
    "vector": run_vector_suite,
}


def main():
    argv = sys.argv[1:]
    verbose = "-v" in argv
    only = argv[argv.index("-k") + 1] if "-k" in argv[:-1] else None
    if "--selftest" in sys.argv[1:]:
        sys.exit(0 if selftest() else 1)
    binary = binary_path()
    R = Runner(binary, verbose, only)
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        print(f"error: no executable at {binary} (set CNN_TUTOR_BIN or build first)")
        print("crosscheck: 0 passed, 1 failed")
        sys.exit(1)
    part = argv[argv.index("--part") + 1] if "--part" in argv[:-1] else None
    if part is not None and part not in PARTS:
        print(f"error: no part {part!r}; the parts are {', '.join(PARTS)}")
        print("crosscheck: 0 passed, 1 failed")
        sys.exit(1)
    for name, run in PARTS.items():
        if part in (None, name):
            run(R)
    print(f"crosscheck: {R.passed} passed, {R.failed} failed")
    sys.exit(1 if R.failed else 0)


if __name__ == "__main__":
    main()
