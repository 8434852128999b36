/// The Python each exported script starts with: one function per lesson operation, each taking the operands as
/// the lesson wrote them and returning its results by the names the tutor gives them (display shapes), then
/// `report`, which prints them and checks them against the tutor's values, and `summarize`, the verdict.
/// Both libraries define the same functions, so a script differs only here.
enum ScriptPrelude {
    /// numpy alone: every operation from its definition, kernel tap by kernel tap.
    static let numpy = #"""
import numpy as np


def tensor(values):
    return np.array(values, dtype=float)


def canonical(t):
    """A tensor as N x C x H x W (a filter bank as K x C x Kh x Kw), and which of the four axes the lesson wrote."""
    t = np.asarray(t, dtype=float)
    return t.reshape((1,) * (4 - t.ndim) + t.shape), [axis >= 4 - t.ndim for axis in range(4)]


def shown(t4, written):
    """A canonical tensor with only the axes the lesson wrote."""
    return t4.reshape([extent for extent, keep in zip(t4.shape, written) if keep])


def rot180(t4):
    return t4[:, :, ::-1, ::-1]


def shift(x, rows, columns):
    """The last two axes moved by (rows, columns), zeros filling in; a 1-D signal is left as it is."""
    x = np.asarray(x, dtype=float)
    if x.ndim < 2:
        return x
    height, width = x.shape[-2:]
    moved = np.zeros_like(x)
    target = (slice(max(rows, 0), height + min(rows, 0)), slice(max(columns, 0), width + min(columns, 0)))
    source = (slice(max(-rows, 0), height + min(-rows, 0)), slice(max(-columns, 0), width + min(-columns, 0)))
    moved[(..., *target)] = x[(..., *source)]
    return moved


def channel(t, number):
    """Channel `number` (from 1) of a C x H x W tensor as an H x W grid, of an N x C x H x W batch as N x 1 x H x W."""
    t = np.asarray(t, dtype=float)
    return t[number - 1] if t.ndim == 3 else t[:, number - 1:number]


def geometry(x, stride, padding, dilation):
    """(rows, columns) pairs of stride, padding and dilation; a 1-D signal slides along its length only."""
    pair = lambda value: value if isinstance(value, tuple) else (value, value)
    if np.ndim(x) == 1:
        return (1, pair(stride)[1]), (0, pair(padding)[1]), (1, pair(dilation)[1])
    return pair(stride), pair(padding), pair(dilation)


def pad(x4, rows, columns, fill=0.0):
    return np.pad(x4, ((0, 0), (0, 0), (rows, rows), (columns, columns)), constant_values=fill)


def taps(kernel, stride, dilation, outputs):
    """For each kernel offset, the slice of the padded input it meets at every output position."""
    return [(m, slice(m * dilation, m * dilation + stride * (outputs - 1) + 1, stride)) for m in range(kernel)]


def output_extent(padded, kernel, stride, dilation):
    return (padded - dilation * (kernel - 1) - 1) // stride + 1


def group_slices(x4, w4, groups):
    """For each of the groups, its input channels and its filters: filter group g sees channel group g only."""
    per_group, filters = w4.shape[1], w4.shape[0] // groups
    return [(slice(g * per_group, (g + 1) * per_group), slice(g * filters, (g + 1) * filters)) for g in range(groups)]


def correlate(x4, w4, stride, padding, dilation, groups=1):
    """Cross-correlation of N x C x H x W with K x C/G x Kh x Kw: each kernel tap adds a strided slice, weighted."""
    (sr, sc), (pr, pc), (dr, dc) = stride, padding, dilation
    xp = pad(x4, pr, pc)
    kh, kw = w4.shape[2:]
    oh, ow = output_extent(xp.shape[2], kh, sr, dr), output_extent(xp.shape[3], kw, sc, dc)
    out = np.zeros((x4.shape[0], w4.shape[0], oh, ow))
    for channels, filters in group_slices(x4, w4, groups):
        for m, rows in taps(kh, sr, dr, oh):
            for q, columns in taps(kw, sc, dc, ow):
                out[:, filters] += np.einsum("nchw,kc->nkhw", xp[:, channels, rows, columns], w4[filters, :, m, q])
    return out


def layer(input, filter, bias, stride, padding, dilation, flip=False, groups=1):
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    out = correlate(x4, rot180(w4) if flip else w4, *geometry(input, stride, padding, dilation), groups)
    if bias is not None:
        out = out + np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    # The output shows N when the input had it, K when the filter bank had it, H unless the input was 1-D.
    return out, [x_axes[0], w_axes[0], x_axes[2], True], shown(rot180(w4), w_axes)


def parameter_counts(filter, bias, groups):
    """A grouped layer's weights (and biases), and the same layer's with one group."""
    weights, biases = np.size(filter), 0 if bias is None else len(bias)
    return {"parameters": weights + biases, "dense_parameters": weights * groups + biases}


def conv(input, filter, bias=None, stride=1, padding=0, dilation=1, relu=False, groups=1):
    out, axes, rotated = layer(input, filter, bias, stride, padding, dilation, groups=groups)
    results = {"output": shown(out, axes), "rotated_filter": rotated}
    if groups > 1:
        results.update(parameter_counts(filter, bias, groups))
    if relu:
        results["pre_activation"] = results["output"]
        results["output"] = np.maximum(results["output"], 0.0)
    return results


def convolve(input, filter, mode="valid"):
    """True convolution: the kernel turned by 180 degrees; "full" pads by the kernel size less one."""
    kh, kw = np.shape(filter)[-2:] if np.ndim(filter) >= 2 else (1, np.shape(filter)[-1])
    padding = (kh - 1, kw - 1) if mode == "full" else 0
    out, axes, rotated = layer(input, filter, None, 1, padding, 1, flip=True)
    return {"output": shown(out, axes), "rotated_filter": rotated}


def full_conv(grad, filter):
    return convolve(grad, filter, "full")


def rotate(filter):
    f4, axes = canonical(filter)
    return {"output": shown(rot180(f4), axes)}


def dilate(grad, stride):
    """stride - 1 zeros between neighbouring entries of the gradient."""
    g4, axes = canonical(grad)
    height, width = g4.shape[2:]
    spread = np.zeros(g4.shape[:2] + ((height - 1) * stride + 1, (width - 1) * stride + 1))
    spread[:, :, ::stride, ::stride] = g4
    return {"output": shown(spread, axes)}


def conv_backward(input, filter, grad, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """The chain rule tap by tap: dL/dF sums dL/dO times the input slice; dL/dX scatters dL/dO times the weight;
    each within its group."""
    out, axes, _ = layer(input, filter, bias, stride, padding, dilation, groups=groups)
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    (sr, sc), (pr, pc), (dr, dc) = geometry(input, stride, padding, dilation)
    g4 = np.asarray(grad, dtype=float).reshape(out.shape)
    xp = pad(x4, pr, pc)
    grad_padded, grad_weight = np.zeros_like(xp), np.zeros_like(w4)
    for channels, filters in group_slices(x4, w4, groups):
        g_group, x_group = g4[:, filters], xp[:, channels]
        for m, rows in taps(w4.shape[2], sr, dr, out.shape[2]):
            for q, columns in taps(w4.shape[3], sc, dc, out.shape[3]):
                grad_weight[filters, :, m, q] = np.einsum("nkhw,nchw->kc", g_group, x_group[:, :, rows, columns])
                grad_padded[:, channels, rows, columns] += np.einsum("nkhw,kc->nchw", g_group, w4[filters, :, m, q])
    grad_input = grad_padded[:, :, pr:pr + x4.shape[2], pc:pc + x4.shape[3]]
    return {"output": shown(out, axes), "grad_input": shown(grad_input, x_axes),
            "grad_weight": shown(grad_weight, w_axes), "grad_bias": g4.sum(axis=(0, 2, 3))}


def transposed(input, filter, bias=None, stride=1, padding=0, output_padding=0, dilation=1, form="gather"):
    """conv_transpose2d from its definition: each input value adds a copy of its filters (C_in x C_out x Kh x Kw)
    scaled by itself, taps D apart, copies S apart; P is cut from every side and A added at the far end.
    The zero-insertion form also gives the spread input and the filter it convolves with, turned by 180 degrees."""
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    (sr, sc), (pr, pc), (dr, dc) = geometry(input, stride, padding, dilation)
    _, (ar, ac), _ = geometry(input, 1, output_padding, 1)
    (n, _, h, w), (kh, kw) = x4.shape, w4.shape[2:]
    full = np.zeros((n, w4.shape[1], (h - 1) * sr + dr * (kh - 1) + 1 + ar, (w - 1) * sc + dc * (kw - 1) + 1 + ac))
    for m in range(kh):
        for q in range(kw):
            rows, columns = slice(m * dr, m * dr + (h - 1) * sr + 1, sr), slice(q * dc, q * dc + (w - 1) * sc + 1, sc)
            full[:, :, rows, columns] += np.einsum("nchw,ck->nkhw", x4, w4[:, :, m, q])
    out = full[:, :, pr:full.shape[2] - pr, pc:full.shape[3] - pc]
    if bias is not None:
        out = out + np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    results = {"output": shown(out, [x_axes[0], w_axes[0], x_axes[2], True])}
    if form == "zero-insertion":
        border = (dr * (kh - 1) - pr, dc * (kw - 1) - pc)
        results["spread"] = shown(zero_insert(x4, (sr, sc), border, (ar, ac)), x_axes)
        results["rotated_filter"] = shown(rot180(w4.transpose(1, 0, 2, 3)), w_axes)
    return results


def zero_insert(x4, stride, border, extra):
    """S - 1 zeros between neighbouring values, `border` zeros before and after (a negative border cuts cells away),
    `extra` more after."""
    (sr, sc), (br, bc), (ar, ac) = stride, border, extra
    n, c, h, w = x4.shape
    z = np.zeros((n, c, (h - 1) * sr + 1 + 2 * br + ar, (w - 1) * sc + 1 + 2 * bc + ac))
    rows, columns = np.arange(h) * sr + br, np.arange(w) * sc + bc
    kept_rows, kept_columns = (rows >= 0) & (rows < z.shape[2]), (columns >= 0) & (columns < z.shape[3])
    z[:, :, rows[kept_rows][:, None], columns[kept_columns][None, :]] = x4[:, :, kept_rows][:, :, :, kept_columns]
    return z


def windows(input, size, stride, padding):
    """(rows, columns) of window size, stride and padding; a 1-D signal pools along its length only."""
    stride = size if stride is None else stride
    if np.ndim(input) == 1:
        return (1, size), (1, stride), (0, padding)
    return (size, size), (stride, stride), (padding, padding)


def pool_forward(input, mode, size, stride, padding):
    """Padded cells never win a max (-inf); an average counts them as zeros and divides by the whole window."""
    x4, axes = canonical(input)
    (kr, kc), (sr, sc), (pr, pc) = windows(input, size, stride, padding)
    xp = pad(x4, pr, pc, -np.inf if mode == "max" else 0.0)
    oh, ow = (xp.shape[2] - kr) // sr + 1, (xp.shape[3] - kc) // sc + 1
    out = np.zeros(x4.shape[:2] + (oh, ow))
    for i in range(oh):
        for j in range(ow):
            window = xp[:, :, i * sr:i * sr + kr, j * sc:j * sc + kc]
            out[:, :, i, j] = window.max(axis=(2, 3)) if mode == "max" else window.sum(axis=(2, 3)) / (kr * kc)
    return x4, axes, xp, out


def pool(input, mode, size, stride=None, padding=0):
    _, axes, _, out = pool_forward(input, mode, size, stride, padding)
    return {"output": shown(out, axes)}


def pool_backward(input, grad, mode, size, stride=None, padding=0):
    """Max: each gradient to its window's first maximum (row-major). Average: shared by the window's cells."""
    x4, axes, xp, out = pool_forward(input, mode, size, stride, padding)
    (kr, kc), (sr, sc), (pr, pc) = windows(input, size, stride, padding)
    g4 = np.asarray(grad, dtype=float).reshape(out.shape)
    grad_padded = np.zeros_like(xp)
    for n in range(out.shape[0]):
        for c in range(out.shape[1]):
            for i in range(out.shape[2]):
                for j in range(out.shape[3]):
                    if mode == "max":
                        row, column = divmod(int(np.argmax(xp[n, c, i * sr:i * sr + kr, j * sc:j * sc + kc])), kc)
                        grad_padded[n, c, i * sr + row, j * sc + column] += g4[n, c, i, j]
                    else:
                        grad_padded[n, c, i * sr:i * sr + kr, j * sc:j * sc + kc] += g4[n, c, i, j] / (kr * kc)
    grad_input = grad_padded[:, :, pr:pr + x4.shape[2], pc:pc + x4.shape[3]]
    return {"output": shown(out, axes), "grad_input": shown(grad_input, axes)}


def pool_channels(input, mode, group=None):
    """At every position, the maximum (or mean) of each run of `group` channels (None: all of them)."""
    x4, axes = canonical(input)
    n, c, h, w = x4.shape
    group = c if group is None else group
    grouped = x4.reshape(n, c // group, group, h, w)
    return {"output": shown(grouped.max(axis=2) if mode == "max" else grouped.mean(axis=2), axes)}


def relu(input):
    return {"output": np.maximum(np.asarray(input, dtype=float), 0.0)}


def relu_backward(input, grad):
    """The gradient passes where the pre-activation is positive."""
    x = np.asarray(input, dtype=float)
    passed = np.where(x > 0, np.asarray(grad, dtype=float).reshape(x.shape), 0.0)
    return {"output": np.maximum(x, 0.0), "grad_input": passed}


def size(input_size, filter_size, stride=1, padding=0, dilation=1):
    return {"output": (input_size + 2 * padding - dilation * (filter_size - 1) - 1) // stride + 1}


def efficiency(input_size, kernel_size):
    """Numbers stored and operations (multiplies and adds) of a convolution, a dense and a sparse matrix."""
    (h, w), (kh, kw) = input_size, kernel_size
    oh, ow = h - kh + 1, w - kw + 1
    outputs, inputs, kernel = oh * ow, h * w, kh * kw
    return {"output_height": oh, "output_width": ow,
            "conv_stored": kernel, "conv_ops": outputs * (2 * kernel - 1),
            "dense_stored": outputs * inputs, "dense_ops": outputs * (2 * inputs - 1),
            "sparse_stored": kernel * outputs, "sparse_ops": outputs * (2 * kernel - 1)}


def im2col(input, filter, stride=1, padding=0):
    """Each output position's input patch as a column; the filters as rows; one matrix product."""
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    (sr, sc), (pr, pc), _ = geometry(input, stride, padding, 1)
    xp = pad(x4, pr, pc)
    channels, kh, kw = w4.shape[1:]
    oh, ow = output_extent(xp.shape[2], kh, sr, 1), output_extent(xp.shape[3], kw, sc, 1)

    def patches(item):
        return np.array([[xp[item, c, i * sr + m, j * sc + q] for i in range(oh) for j in range(ow)]
                         for c in range(channels) for m in range(kh) for q in range(kw)])

    product = np.stack([w4.reshape(w4.shape[0], -1) @ patches(n) for n in range(x4.shape[0])])
    out = product.reshape(x4.shape[0], w4.shape[0], oh, ow)
    return {"patches": patches(0), "output": shown(out, [x_axes[0], w_axes[0], x_axes[2], True])}


def unshared_conv(input, filter, stride=1, tiles=None):
    """Windows as in a convolution, no padding, but output (i, j) uses filter i*W'+j of its own, or with `tiles`
    filter (i mod t)*t + (j mod t) (j mod t for a 1-D signal); and the weights each kind of layer stores."""
    x4, x_axes = canonical(input)
    signal = np.ndim(input) == 1
    bank = np.asarray(filter, dtype=float)
    kh, kw = (1, bank.shape[-1]) if signal else bank.shape[-2:]
    w4 = bank.reshape(bank.shape[0], -1, kh, kw)
    (sr, sc), _, _ = geometry(input, stride, 0, 1)
    n, c, h, w = x4.shape
    oh, ow = output_extent(h, kh, sr, 1), output_extent(w, kw, sc, 1)
    out = np.zeros((n, 1, oh, ow))
    for i in range(oh):
        for j in range(ow):
            index = i * ow + j if tiles is None else (j % tiles if signal else (i % tiles) * tiles + j % tiles)
            window = x4[:, :, i * sr:i * sr + kh, j * sc:j * sc + kw]
            out[:, 0, i, j] = np.einsum("nchw,chw->n", window, w4[index])
    return {"output": shown(out, [x_axes[0], False, x_axes[2], True]), "parameters": w4.size,
            "conv_parameters": c * kh * kw, "dense_parameters": oh * ow * c * h * w}


# The tutor's value of every result, checked as the step reports it: the script's value agrees when
# |script - tutor| <= ABSOLUTE + RELATIVE * |tutor| (relative 1e-9 plus absolute 1e-12), NaN agreeing with NaN.
RELATIVE, ABSOLUTE = 1e-9, 1e-12
# One (label, the tutor's value count, how many of them differ) per result the tutor computed.
checks = []


def values_of(value):
    return np.atleast_1d(np.asarray(value, dtype=float))


def shape_text(values):
    return "x".join(str(extent) for extent in values.shape)


def report(steps, results, tutor):
    """Prints each result as `<steps> <name> <shape>: <values>`, then compares it with the tutor's value."""
    for name in sorted(results):
        values = values_of(results[name])
        print(f"{steps} {name} {shape_text(values)}: " + " ".join(repr(float(v)) for v in values.ravel()))
    for name in sorted(tutor):
        expected = values_of(tutor[name])
        differing, how = compare(results.get(name), expected)
        checks.append((f"{steps} {name}: {how}", expected.size, differing))


def compare(computed, expected):
    """How many of the tutor's values `computed` does not reproduce, and what differs."""
    if computed is None:
        return expected.size, "not computed by the script"
    computed = values_of(computed)
    if computed.shape != expected.shape:
        return expected.size, f"shape {shape_text(computed)}, the tutor's {shape_text(expected)}"
    apart = ~np.isclose(computed, expected, rtol=RELATIVE, atol=ABSOLUTE, equal_nan=True)
    if not apart.any():
        return 0, ""
    first = tuple(int(i) for i in np.argwhere(apart)[0])
    return int(apart.sum()), (f"{int(apart.sum())} of {expected.size} values differ; at {list(first)} (from 0) "
                              f"the script has {float(computed[first])!r}, the tutor {float(expected[first])!r}")


def summarize():
    """The verdict on every value the tutor computed; exit status 1 when any differs."""
    total, differing = sum(check[1] for check in checks), sum(check[2] for check in checks)
    for label, _, count in checks:
        if count:
            print(label)
    if differing:
        print(f"{differing} of {total} values differ from the tutor")
        raise SystemExit(1)
    print(f"all {total} values agree with the tutor")
"""# + numpyNetwork

    /// torch.nn.functional: conv2d, conv_transpose2d, max_pool2d/3d, avg_pool2d/3d, unfold, and autograd for gradients.
    static let pytorch = #"""
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def tensor(values):
    return torch.tensor(values, dtype=torch.float64)


def canonical(t):
    """A tensor as N x C x H x W (a filter bank as K x C x Kh x Kw), and which of the four axes the lesson wrote."""
    t = torch.as_tensor(t, dtype=torch.float64)
    return t.reshape((1,) * (4 - t.dim()) + tuple(t.shape)), [axis >= 4 - t.dim() for axis in range(4)]


def shown(t4, written):
    """A canonical tensor with only the axes the lesson wrote."""
    return t4.reshape([extent for extent, keep in zip(t4.shape, written) if keep])


def rot180(t4):
    return torch.flip(t4, dims=(-2, -1))


def shift(x, rows, columns):
    """The last two axes moved by (rows, columns), zeros filling in; a 1-D signal is left as it is."""
    x = torch.as_tensor(x, dtype=torch.float64)
    if x.dim() < 2:
        return x
    height, width = x.shape[-2:]
    padded = F.pad(x.reshape(-1, 1, height, width), (abs(columns),) * 2 + (abs(rows),) * 2)
    top, left = abs(rows) - rows, abs(columns) - columns
    return padded[:, :, top:top + height, left:left + width].reshape(x.shape)


def channel(t, number):
    """Channel `number` (from 1) of a C x H x W tensor as an H x W grid, of an N x C x H x W batch as N x 1 x H x W."""
    t = torch.as_tensor(t, dtype=torch.float64)
    return t[number - 1] if t.dim() == 3 else t[:, number - 1:number]


def geometry(x, stride, padding, dilation):
    """(rows, columns) pairs of stride, padding and dilation; a 1-D signal slides along its length only."""
    pair = lambda value: value if isinstance(value, tuple) else (value, value)
    if torch.as_tensor(x).dim() == 1:
        return (1, pair(stride)[1]), (0, pair(padding)[1]), (1, pair(dilation)[1])
    return pair(stride), pair(padding), pair(dilation)


def output_axes(x_axes, w_axes):
    # The output shows N when the input had it, K when the filter bank had it, H unless the input was 1-D.
    return [x_axes[0], w_axes[0], x_axes[2], True]


def conv(input, filter, bias=None, stride=1, padding=0, dilation=1, relu=False, groups=1):
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    s, p, d = geometry(input, stride, padding, dilation)
    out = F.conv2d(x4, w4, None if bias is None else tensor(bias), stride=s, padding=p, dilation=d, groups=groups)
    results = {"output": shown(out, output_axes(x_axes, w_axes)), "rotated_filter": shown(rot180(w4), w_axes)}
    if groups > 1:
        biases = 0 if bias is None else len(bias)
        results.update({"parameters": w4.numel() + biases, "dense_parameters": w4.numel() * groups + biases})
    if relu:
        results["pre_activation"] = results["output"]
        results["output"] = F.relu(results["output"])
    return results


def convolve(input, filter, mode="valid"):
    """True convolution. "valid": conv2d with the kernel turned by 180 degrees. "full": conv_transpose2d, which
    scatters every input value as a scaled copy of the kernel (its in/out channel axes are the bank's, swapped)."""
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    if mode == "full":
        out = F.conv_transpose2d(x4, w4.transpose(0, 1))
    else:
        out = F.conv2d(x4, rot180(w4))
    return {"output": shown(out, output_axes(x_axes, w_axes)), "rotated_filter": shown(rot180(w4), w_axes)}


def full_conv(grad, filter):
    return convolve(grad, filter, "full")


def rotate(filter):
    f4, axes = canonical(filter)
    return {"output": shown(rot180(f4), axes)}


def dilate(grad, stride):
    """stride - 1 zeros between neighbouring entries: a transposed convolution with a 1 x 1 kernel of 1."""
    g4, axes = canonical(grad)
    n, c, height, width = g4.shape
    spread = F.conv_transpose2d(g4.reshape(n * c, 1, height, width), torch.ones(1, 1, 1, 1), stride=stride)
    return {"output": shown(spread.reshape(n, c, *spread.shape[2:]), axes)}


def conv_backward(input, filter, grad, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """All three gradients by autograd: backward() from the output with dL/dO as its gradient."""
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    x4, w4 = x4.clone().requires_grad_(True), w4.clone().requires_grad_(True)
    b = (torch.zeros(w4.shape[0]) if bias is None else tensor(bias)).requires_grad_(True)
    s, p, d = geometry(input, stride, padding, dilation)
    out = F.conv2d(x4, w4, b, stride=s, padding=p, dilation=d, groups=groups)
    out.backward(torch.as_tensor(grad, dtype=torch.float64).reshape(out.shape))
    return {"output": shown(out.detach(), output_axes(x_axes, w_axes)), "grad_input": shown(x4.grad, x_axes),
            "grad_weight": shown(w4.grad, w_axes), "grad_bias": b.grad}


def transposed(input, filter, bias=None, stride=1, padding=0, output_padding=0, dilation=1, form="gather"):
    """F.conv_transpose2d; the zero-insertion form also gives the spread input (a 1 x 1 transposed convolution of
    stride S inserts the zeros, F.pad adds D*(K-1) - P around, cutting when negative) and the flipped filter."""
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    s, p, d = geometry(input, stride, padding, dilation)
    _, a, _ = geometry(input, 1, output_padding, 1)
    out = F.conv_transpose2d(x4, w4, None if bias is None else tensor(bias), stride=s, padding=p,
                             output_padding=a, dilation=d)
    results = {"output": shown(out, output_axes(x_axes, w_axes))}
    if form == "zero-insertion":
        n, c, h, w = x4.shape
        spread = F.conv_transpose2d(x4.reshape(n * c, 1, h, w), torch.ones(1, 1, 1, 1), stride=s)
        rows, columns = d[0] * (w4.shape[2] - 1) - p[0], d[1] * (w4.shape[3] - 1) - p[1]
        spread = F.pad(spread, (columns, columns + a[1], rows, rows + a[0]))
        results["spread"] = shown(spread.reshape(n, c, *spread.shape[2:]), x_axes)
        results["rotated_filter"] = shown(rot180(w4.transpose(0, 1)), w_axes)
    return results


def windows(input, size, stride, padding):
    """(rows, columns) of window size, stride and padding; a 1-D signal pools along its length only."""
    stride = size if stride is None else stride
    if torch.as_tensor(input).dim() == 1:
        return (1, size), (1, stride), (0, padding)
    return (size, size), (stride, stride), (padding, padding)


def pooled(x4, mode, size, stride, padding, input):
    """max_pool2d pads with -inf; avg_pool2d counts padded cells as zeros and divides by the whole window."""
    k, s, p = windows(input, size, stride, padding)
    if mode == "max":
        return F.max_pool2d(x4, kernel_size=k, stride=s, padding=p)
    return F.avg_pool2d(x4, kernel_size=k, stride=s, padding=p, count_include_pad=True)


def pool(input, mode, size, stride=None, padding=0):
    x4, axes = canonical(input)
    return {"output": shown(pooled(x4, mode, size, stride, padding, input), axes)}


def pool_backward(input, grad, mode, size, stride=None, padding=0):
    x4, axes = canonical(input)
    x4 = x4.clone().requires_grad_(True)
    out = pooled(x4, mode, size, stride, padding, input)
    out.backward(torch.as_tensor(grad, dtype=torch.float64).reshape(out.shape))
    return {"output": shown(out.detach(), axes), "grad_input": shown(x4.grad, axes)}


def pool_channels(input, mode, group=None):
    """Channels as a depth axis: max_pool3d or avg_pool3d with a window of `group` channels by 1 x 1."""
    x4, axes = canonical(input)
    window = (x4.shape[1] if group is None else group, 1, 1)
    pool3d = F.max_pool3d if mode == "max" else F.avg_pool3d
    return {"output": shown(pool3d(x4.unsqueeze(1), kernel_size=window).squeeze(1), axes)}


def relu(input):
    return {"output": F.relu(torch.as_tensor(input, dtype=torch.float64))}


def relu_backward(input, grad):
    x = torch.as_tensor(input, dtype=torch.float64).clone().requires_grad_(True)
    out = F.relu(x)
    out.backward(torch.as_tensor(grad, dtype=torch.float64).reshape(x.shape))
    return {"output": out.detach(), "grad_input": x.grad}


def size(input_size, filter_size, stride=1, padding=0, dilation=1):
    """The length conv1d's output has."""
    out = F.conv1d(torch.zeros(1, 1, input_size), torch.zeros(1, 1, filter_size), stride=stride, padding=padding,
                   dilation=dilation)
    return {"output": out.shape[-1]}


def efficiency(input_size, kernel_size):
    """Numbers stored and operations (multiplies and adds) of a convolution, a dense and a sparse matrix."""
    (h, w), (kh, kw) = input_size, kernel_size
    oh, ow = F.conv2d(torch.zeros(1, 1, h, w), torch.zeros(1, 1, kh, kw)).shape[2:]
    outputs, inputs, kernel = oh * ow, h * w, kh * kw
    return {"output_height": oh, "output_width": ow,
            "conv_stored": kernel, "conv_ops": outputs * (2 * kernel - 1),
            "dense_stored": outputs * inputs, "dense_ops": outputs * (2 * inputs - 1),
            "sparse_stored": kernel * outputs, "sparse_ops": outputs * (2 * kernel - 1)}


def im2col(input, filter, stride=1, padding=0):
    """F.unfold gathers each output position's patch as a column; the filters as rows; one matrix product."""
    x4, x_axes = canonical(input)
    w4, w_axes = canonical(filter)
    s, p, _ = geometry(input, stride, padding, 1)
    columns = F.unfold(x4, kernel_size=tuple(w4.shape[2:]), stride=s, padding=p)
    height = (x4.shape[2] + 2 * p[0] - w4.shape[2]) // s[0] + 1
    product = w4.reshape(w4.shape[0], -1) @ columns
    out = product.reshape(x4.shape[0], w4.shape[0], height, -1)
    return {"patches": columns[0], "output": shown(out, output_axes(x_axes, w_axes))}


def unshared_conv(input, filter, stride=1, tiles=None):
    """F.unfold gathers each position's window as a column; each column meets the filter of its position (its own,
    or with `tiles` filter (i mod t)*t + (j mod t), j mod t for a 1-D signal); and the weights each layer stores."""
    x4, x_axes = canonical(input)
    signal = torch.as_tensor(input).dim() == 1
    bank = torch.as_tensor(filter, dtype=torch.float64)
    kh, kw = (1, bank.shape[-1]) if signal else tuple(bank.shape[-2:])
    s, _, _ = geometry(input, stride, 0, 1)
    columns = F.unfold(x4, kernel_size=(kh, kw), stride=s)
    (n, c, h, w), oh, ow = x4.shape, (x4.shape[2] - kh) // s[0] + 1, (x4.shape[3] - kw) // s[1] + 1
    i, j = torch.arange(oh).repeat_interleave(ow), torch.arange(ow).repeat(oh)
    index = i * ow + j if tiles is None else (j % tiles if signal else (i % tiles) * tiles + j % tiles)
    out = torch.einsum("ncl,lc->nl", columns, bank.reshape(bank.shape[0], -1)[index]).reshape(n, 1, oh, ow)
    return {"output": shown(out, [x_axes[0], False, x_axes[2], True]), "parameters": bank.numel(),
            "conv_parameters": c * kh * kw, "dense_parameters": oh * ow * c * h * w}


# The tutor's value of every result, checked as the step reports it: the script's value agrees when
# |script - tutor| <= ABSOLUTE + RELATIVE * |tutor| (relative 1e-9 plus absolute 1e-12), NaN agreeing with NaN.
RELATIVE, ABSOLUTE = 1e-9, 1e-12
# One (label, the tutor's value count, how many of them differ) per result the tutor computed.
checks = []


def values_of(value):
    return torch.atleast_1d(torch.as_tensor(value, dtype=torch.float64)).detach()


def shape_text(values):
    return "x".join(str(extent) for extent in values.shape)


def report(steps, results, tutor):
    """Prints each result as `<steps> <name> <shape>: <values>`, then compares it with the tutor's value."""
    for name in sorted(results):
        values = values_of(results[name])
        print(f"{steps} {name} {shape_text(values)}: " + " ".join(repr(float(v)) for v in values.reshape(-1).tolist()))
    for name in sorted(tutor):
        expected = values_of(tutor[name])
        differing, how = compare(results.get(name), expected)
        checks.append((f"{steps} {name}: {how}", expected.numel(), differing))


def compare(computed, expected):
    """How many of the tutor's values `computed` does not reproduce, and what differs."""
    if computed is None:
        return expected.numel(), "not computed by the script"
    computed = values_of(computed)
    if computed.shape != expected.shape:
        return expected.numel(), f"shape {shape_text(computed)}, the tutor's {shape_text(expected)}"
    apart = ~torch.isclose(computed, expected, rtol=RELATIVE, atol=ABSOLUTE, equal_nan=True)
    if not apart.any():
        return 0, ""
    first = tuple(int(i) for i in torch.nonzero(apart)[0].tolist())
    return int(apart.sum()), (f"{int(apart.sum())} of {expected.numel()} values differ; at {list(first)} (from 0) "
                              f"the script has {float(computed[first])!r}, the tutor {float(expected[first])!r}")


def summarize():
    """The verdict on every value the tutor computed; exit status 1 when any differs."""
    total, differing = sum(check[1] for check in checks), sum(check[2] for check in checks)
    for label, _, count in checks:
        if count:
            print(label)
    if differing:
        print(f"{differing} of {total} values differ from the tutor")
        raise SystemExit(1)
    print(f"all {total} values agree with the tutor")
"""# + pytorchNetwork
}
