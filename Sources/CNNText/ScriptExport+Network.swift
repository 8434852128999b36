import CNNCore
import CNNLessons
import CNNNetwork
import CNNSafeText

/// The calls of the network operations. Labels are written from 0, as Python counts classes.
extension ScriptCall {
    static let networkBuilders: [Operation.Name: Builder] = [
        .flatten: { operation, x in
            guard case .flatten(let f) = operation else { return nil }
            return ScriptCall(function: "flatten", arguments: [("input", x.value(f.input))])
        },
        .dense: { operation, x in
            guard case .dense(let f) = operation else { return nil }
            return ScriptCall(function: "dense", arguments: [
                ("input", x.value(f.input)), ("weights", x.value(f.weights)), ("bias", x.list(f.bias)),
            ])
        },
        .denseBackward: { operation, x in
            guard case .denseBackward(let f) = operation else { return nil }
            return ScriptCall(function: "dense_backward", arguments: [
                ("input", x.value(f.input)), ("weights", x.value(f.weights)), ("grad", x.value(f.grad)),
                ("bias", x.list(f.bias)),
            ])
        },
        .softmax: { operation, x in
            guard case .softmax(let f) = operation else { return nil }
            return ScriptCall(function: "softmax", arguments: [("input", x.value(f.input))])
        },
        .crossEntropy: { operation, x in
            guard case .crossEntropy(let f) = operation else { return nil }
            return ScriptCall(function: "cross_entropy",
                              arguments: [("input", x.value(f.input)), ("label", "\(f.label)")])
        },
        .softmaxCrossEntropyBackward: { operation, x in
            guard case .softmaxCrossEntropyBackward(let f) = operation else { return nil }
            return ScriptCall(function: "softmax_cross_entropy_backward",
                              arguments: [("input", x.value(f.input)), ("label", "\(f.label)")])
        },
        .sgdStep: { operation, x in
            guard case .sgdStep(let f) = operation else { return nil }
            return ScriptCall(function: "sgd_step", arguments: [
                ("input", x.value(f.input)), ("label", "\(f.label)"), ("network", network(f.network)),
                ("learning_rate", ScriptOperands.number(f.learningRate)),
                ("layer", PythonText.stringLiteral(f.layer.rawValue)),
            ])
        },
        .evaluate: { operation, x in
            guard case .evaluate(let f) = operation else { return nil }
            let images = Digits.heldOut
            let pixels = try! Tensor(shape: [images.count, DigitImage.side, DigitImage.side],
                                     values: images.flatMap(\.scaledPixels))
            let (rows, columns) = x.computation.shift ?? (0, 0)
            return ScriptCall(function: "evaluate", arguments: [
                ("network", f.network == .bundled ? network(BundledNetwork.weights)
                    : network(BundledNetwork.denseFirst)),
                ("images", "shift(tensor(\(ScriptOperands.literal(pixels))), \(rows), \(columns))"),
                ("labels", "[" + images.map { String($0.label) }.joined(separator: ", ") + "]"),
            ])
        },
    ]

    /// Every parameter of a network as a dict of literals, named as its weights file names them.
    static func network<Network: DigitNetwork>(_ weights: Network) -> String {
        let entries = zip(Network.tensorShapes, weights.tensors).map { named, values in
            let literal = ScriptOperands.literal(try! Tensor(shape: named.shape, values: values))
            return "\"\(named.name)\": tensor(\(literal))"
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }
}

/// The prelude functions of the network operations, appended to each library's prelude.
extension ScriptPrelude {
    static let numpyNetwork = #"""


def flatten(input):
    """Each sample's maps as one vector, channel after channel, row by row; a batch (N x C x H x W) stays N rows."""
    x = np.asarray(input, dtype=float)
    return {"output": x.reshape(x.shape[0], -1) if x.ndim == 4 else x.reshape(-1)}


def vectors(a):
    """A dense layer's input: a vector or N rows as they are, C x H x W maps (N x C x H x W) flattened."""
    a = np.asarray(a, dtype=float)
    return a.reshape(-1) if a.ndim == 3 else (a.reshape(a.shape[0], -1) if a.ndim == 4 else a)


def dense(input, weights, bias=None):
    """z_k = sum over j of W_kj a_j, plus b_k: one vector, or each row of a batch."""
    z = vectors(input) @ np.asarray(weights, dtype=float).T
    return {"output": z if bias is None else z + np.asarray(bias, dtype=float)}


def dense_backward(input, weights, grad, bias=None):
    """For dL/dz = g: dL/dW sums g a^T over the samples, dL/db sums g, dL/da = g W."""
    a, w = np.asarray(input, dtype=float), np.asarray(weights, dtype=float)
    g = np.asarray(grad, dtype=float).reshape(-1, w.shape[0])
    a2 = a.reshape(-1, w.shape[1])
    return {"output": dense(input, weights, bias)["output"], "grad_weight": g.T @ a2, "grad_bias": g.sum(axis=0),
            "grad_input": (g @ w).reshape(a.shape)}


def softmax(input):
    """exp(z - max z) over its sum, sample by sample."""
    z = np.asarray(input, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return {"output": e / e.sum(axis=-1, keepdims=True)}


def cross_entropy(input, label):
    """L = -ln p_label as ln(sum exp(z - m)) - (z_label - m); `label` counts from 0."""
    z = np.asarray(input, dtype=float)
    m = z.max()
    return {"loss": np.log(np.exp(z - m).sum()) - (z[label] - m)}


def softmax_cross_entropy_backward(input, label):
    """dL/dz = p - y, y one-hot at `label` (from 0)."""
    p = softmax(input)["output"]
    return {"output": p, "grad_input": p - np.eye(len(p))[label]}


def network_pass(net, x, label):
    """The tutor's network (conv 3x3 x4, ReLU, max pool 2, dense 10, softmax) on one 8 x 8 image x: the loss,
    p_label and the gradient of every parameter, layer by layer."""
    f, fb = np.asarray(net["filters"], dtype=float)[:, 0], np.asarray(net["filter_bias"], dtype=float)
    w, wb = np.asarray(net["dense_weights"], dtype=float), np.asarray(net["dense_bias"], dtype=float)
    windows = np.stack([x[i:i + 3, j:j + 3] for i in range(6) for j in range(6)])
    o = np.einsum("pab,kab->kp", windows, f).reshape(4, 6, 6) + fb[:, None, None]
    blocks = np.maximum(o, 0).reshape(4, 3, 2, 3, 2).transpose(0, 1, 3, 2, 4).reshape(4, 3, 3, 4)
    first = blocks.argmax(axis=-1)  # each window's first maximum, row by row
    pooled = blocks.max(axis=-1).reshape(36)
    z = w @ pooled + wb
    p = softmax(z)["output"]
    gz = p - np.eye(10)[label]
    g_blocks = np.zeros_like(blocks)
    np.put_along_axis(g_blocks, first[..., None], (gz @ w).reshape(4, 3, 3)[..., None], axis=-1)
    g_o = g_blocks.reshape(4, 3, 3, 2, 2).transpose(0, 1, 3, 2, 4).reshape(4, 6, 6) * (o > 0)
    grads = {"filters": np.einsum("kp,pab->kab", g_o.reshape(4, 36), windows)[:, None],
             "filter_bias": g_o.sum(axis=(1, 2)), "dense_weights": np.outer(gz, pooled), "dense_bias": gz}
    return cross_entropy(z, label)["loss"], p[label], grads


def sgd_step(input, label, network, learning_rate, layer="dense"):
    """One step down the gradient of the image's loss, every parameter at once: the shown layer's gradients and new
    weights, and the loss and p_label before and after."""
    x = np.asarray(input, dtype=float)
    loss, probability, grads = network_pass(network, x, label)
    updated = {name: np.asarray(value, dtype=float) - learning_rate * grads[name] for name, value in network.items()}
    new_loss, new_probability, _ = network_pass(updated, x, label)
    weights, bias = ("filters", "filter_bias") if layer == "conv" else ("dense_weights", "dense_bias")
    return {"grad_weight": grads[weights], "new_weight": updated[weights], "grad_bias": grads[bias],
            "new_bias": updated[bias], "loss": loss, "new_loss": new_loss, "probability": probability,
            "new_probability": new_probability}


def network_scores(net, x):
    """The scores of images x (N x 8 x 8) through the CNN (with "filters") or its twin whose first layer is dense
    (with "first_weights"): ReLU, 2 x 2 max pooling and the dense layer to 10 scores after either."""
    n = x.shape[0]
    if "filters" in net:
        f = np.asarray(net["filters"], dtype=float)[:, 0]
        windows = np.stack([x[:, i:i + 3, j:j + 3] for i in range(6) for j in range(6)], axis=1)
        o = np.einsum("npab,kab->nkp", windows, f) + np.asarray(net["filter_bias"], dtype=float)[None, :, None]
    else:
        o = x.reshape(n, 64) @ np.asarray(net["first_weights"], dtype=float).T + np.asarray(net["first_bias"])
    pooled = np.maximum(o, 0).reshape(n, 4, 3, 2, 3, 2).max(axis=(3, 5)).reshape(n, 36)
    return pooled @ np.asarray(net["dense_weights"], dtype=float).T + np.asarray(net["dense_bias"], dtype=float)


def evaluate(network, images, labels):
    """The network on every image: its parameter count, the right answers (in all and by digit), the mean loss."""
    z = network_scores(network, np.asarray(images, dtype=float))
    labels = np.asarray(labels)
    right = z.argmax(axis=1) == labels
    m = z.max(axis=1)
    losses = np.log(np.exp(z - m[:, None]).sum(axis=1)) - (z[np.arange(len(labels)), labels] - m)
    return {"parameters": sum(np.size(value) for value in network.values()), "correct": right.sum(),
            "count": len(labels), "accuracy": right.mean(), "loss": losses.mean(),
            "right_by_digit": [right[labels == digit].sum() for digit in range(10)]}
"""#

    static let pytorchNetwork = #"""


def flatten(input):
    """torch.flatten: each sample's maps as one vector; a batch (N x C x H x W) stays N rows."""
    x = torch.as_tensor(input, dtype=torch.float64)
    return {"output": torch.flatten(x, start_dim=1) if x.dim() == 4 else torch.flatten(x)}


def vectors(a):
    """A dense layer's input: a vector or N rows as they are, C x H x W maps (N x C x H x W) flattened."""
    return torch.flatten(a) if a.dim() == 3 else (torch.flatten(a, start_dim=1) if a.dim() == 4 else a)


def dense(input, weights, bias=None):
    """F.linear: input @ weights^T + bias."""
    a, w = torch.as_tensor(input, dtype=torch.float64), torch.as_tensor(weights, dtype=torch.float64)
    return {"output": F.linear(vectors(a), w, None if bias is None else tensor(bias))}


def dense_backward(input, weights, grad, bias=None):
    """All three gradients by autograd: backward() from F.linear's output with dL/dz as its gradient."""
    a = torch.as_tensor(input, dtype=torch.float64).clone().requires_grad_(True)
    w = torch.as_tensor(weights, dtype=torch.float64).clone().requires_grad_(True)
    b = (torch.zeros(w.shape[0]) if bias is None else tensor(bias)).requires_grad_(True)
    z = F.linear(vectors(a), w, b)
    z.backward(torch.as_tensor(grad, dtype=torch.float64).reshape(z.shape))
    return {"output": z.detach(), "grad_weight": w.grad, "grad_bias": b.grad, "grad_input": a.grad}


def softmax(input):
    return {"output": F.softmax(torch.as_tensor(input, dtype=torch.float64), dim=-1)}


def cross_entropy(input, label):
    """F.cross_entropy on one sample's scores; `label` counts from 0."""
    z = torch.as_tensor(input, dtype=torch.float64)
    return {"loss": F.cross_entropy(z.unsqueeze(0), torch.tensor([label]))}


def softmax_cross_entropy_backward(input, label):
    """Autograd through F.cross_entropy: dL/dz."""
    z = torch.as_tensor(input, dtype=torch.float64).clone().requires_grad_(True)
    F.cross_entropy(z.unsqueeze(0), torch.tensor([label])).backward()
    return {"output": F.softmax(z.detach(), dim=-1), "grad_input": z.grad}


def network_loss(net, x, label):
    """The tutor's network on one 8 x 8 image: conv2d, relu, max_pool2d, linear, cross_entropy; the loss and
    p_label."""
    o = F.conv2d(x.reshape(1, 1, 8, 8), net["filters"], net["filter_bias"])
    z = F.linear(F.max_pool2d(F.relu(o), 2).reshape(1, -1), net["dense_weights"], net["dense_bias"])
    return F.cross_entropy(z, torch.tensor([label])), F.softmax(z, dim=-1)[0, label]


def sgd_step(input, label, network, learning_rate, layer="dense"):
    """Autograd's gradients of the image's loss, one step down them for every parameter, the loss again."""
    net = {name: torch.as_tensor(value, dtype=torch.float64).clone().requires_grad_(True)
           for name, value in network.items()}
    x = torch.as_tensor(input, dtype=torch.float64)
    loss, probability = network_loss(net, x, label)
    loss.backward()
    updated = {name: (value - learning_rate * value.grad).detach() for name, value in net.items()}
    new_loss, new_probability = network_loss(updated, x, label)
    weights, bias = ("filters", "filter_bias") if layer == "conv" else ("dense_weights", "dense_bias")
    return {"grad_weight": net[weights].grad, "new_weight": updated[weights], "grad_bias": net[bias].grad,
            "new_bias": updated[bias], "loss": loss.detach(), "new_loss": new_loss,
            "probability": probability.detach(), "new_probability": new_probability}


def network_scores(net, x):
    """The scores of images x (N x 8 x 8): conv2d (with "filters") or linear (with "first_weights"), then relu,
    max_pool2d and linear."""
    n = x.shape[0]
    if "filters" in net:
        o = F.conv2d(x.reshape(n, 1, 8, 8), net["filters"], net["filter_bias"])
    else:
        o = F.linear(x.reshape(n, 64), net["first_weights"], net["first_bias"]).reshape(n, 4, 6, 6)
    return F.linear(F.max_pool2d(F.relu(o), 2).reshape(n, -1), net["dense_weights"], net["dense_bias"])


def evaluate(network, images, labels):
    """The network on every image: its parameter count, the right answers (in all and by digit), the mean loss."""
    net = {name: torch.as_tensor(value, dtype=torch.float64) for name, value in network.items()}
    z = network_scores(net, torch.as_tensor(images, dtype=torch.float64))
    labels = torch.tensor(labels)
    right = z.argmax(dim=1) == labels
    return {"parameters": sum(value.numel() for value in net.values()), "correct": right.sum(),
            "count": len(labels), "accuracy": right.double().mean(),
            "loss": F.cross_entropy(z, labels),
            "right_by_digit": [right[labels == digit].sum() for digit in range(10)]}
"""#
}
