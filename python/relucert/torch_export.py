"""PyTorch models to the network format, exactly.

A float32 or float64 number is a dyadic rational m 2^e, so every weight has an
exact rational value: float.as_integer_ratio gives it (a float32 entry becomes
a Python float without rounding, since float32 values are float64 values).
With max_denominator=Q each weight is instead replaced by its best rational
approximation with denominator <= Q (continued fractions,
Fraction.limit_denominator), and the exact rounding error |w - w_Q| of every
entry is reported together with the maximum. torch itself is imported only
when a model is given (state dicts of plain lists also work)."""
from fractions import Fraction

from .core import Network, number_text
from .errors import InputError


def _exact(x):
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            raise InputError("the model has a weight that is not finite (%r)" % x, 3)
        n, d = x.as_integer_ratio()
        return Fraction(n, d)
    raise InputError("expected a float weight, got %s" % type(x).__name__, 3)


def _tolist(t):
    """Tensor (any float dtype) or nested list -> nested list of Python numbers, exactly."""
    if hasattr(t, "detach"):
        t = t.detach().cpu()
        if t.is_floating_point() and t.element_size() > 8:
            raise InputError("unsupported tensor dtype %s" % t.dtype, 3)
        if t.is_floating_point():
            t = t.double()   # exact: float16/bfloat16/float32 values are float64 values
        return t.tolist()
    if hasattr(t, "tolist"):   # numpy arrays: float32/float64 entries become Python floats exactly
        return t.tolist()
    return t


def _layers_of_sequential(model):
    try:
        import torch.nn as nn
    except ImportError:  # pragma: no cover
        raise InputError("torch is not installed", 3)
    mods = [m for m in model.children()] if isinstance(model, nn.Sequential) else None
    if mods is None:
        raise InputError("expected an nn.Sequential of Linear and ReLU (or a state dict), got %s"
                         % type(model).__name__, 3)
    mods = [m for m in mods if not isinstance(m, (nn.Identity, nn.Flatten))]
    layers = []
    expect_linear = True
    for i, m in enumerate(mods):
        if expect_linear:
            if not isinstance(m, nn.Linear):
                raise InputError("module %d: expected nn.Linear, got %s (the network must be Linear, ReLU, "
                                 "Linear, ..., Linear)" % (i, type(m).__name__), 3)
            layers.append((m.weight, m.bias))
        elif not isinstance(m, nn.ReLU):
            raise InputError("module %d: expected nn.ReLU after a Linear layer, got %s" % (i, type(m).__name__), 3)
        expect_linear = not expect_linear
    if not layers:
        raise InputError("the model has no Linear layer", 3)
    if expect_linear:
        raise InputError("the model ends with ReLU: the last layer must be Linear (the affine output)", 3)
    return layers


def _layers_of_state_dict(sd):
    groups, order = {}, []
    for key, value in sd.items():
        prefix, _, kind = key.rpartition(".")
        if kind not in ("weight", "bias"):
            raise InputError("state dict key %r: expected NAME.weight or NAME.bias" % key, 3)
        if prefix not in groups:
            groups[prefix] = {}
            order.append(prefix)
        groups[prefix][kind] = value
    layers = []
    for p in order:
        if "weight" not in groups[p]:
            raise InputError("state dict: %s.bias without %s.weight" % (p, p), 3)
        layers.append((groups[p]["weight"], groups[p].get("bias")))
    if not layers:
        raise InputError("empty state dict", 3)
    return layers


def network_dict(model, max_denominator=None, name=None):
    """(network dict with Fraction entries, report). report: exact (bool), max_error (Fraction),
    errors (per layer {"weights": matrix, "biases": vector} of exact |w - w_Q|), entries."""
    if max_denominator is not None:
        if isinstance(max_denominator, bool) or not isinstance(max_denominator, int) or max_denominator < 1:
            raise InputError("max_denominator must be a positive integer, got %r" % (max_denominator,), 3)
    if isinstance(model, dict):
        layers = _layers_of_state_dict(model)
        source = "state dict"
    else:
        layers = _layers_of_sequential(model)
        source = "nn.Sequential"
    out_layers, err_layers = [], []
    max_err = Fraction(0)
    entries = 0
    prev = None

    def conv(x):
        nonlocal max_err, entries
        q = _exact(x)
        entries += 1
        if max_denominator is None:
            return q, Fraction(0)
        r = q.limit_denominator(max_denominator)
        e = abs(q - r)
        if e > max_err:
            max_err = e
        return r, e

    for li, (W, b) in enumerate(layers):
        W = _tolist(W)
        if not isinstance(W, list) or not W or not all(isinstance(r, list) and r for r in W):
            raise InputError("layer %d: weight must be a non-empty matrix" % (li + 1), 3)
        cols = len(W[0])
        if any(len(r) != cols for r in W):
            raise InputError("layer %d: ragged weight matrix" % (li + 1), 3)
        if prev is None:
            input_dim = cols
        elif cols != prev:
            raise InputError("layer %d: weight has %d columns but the previous layer has %d outputs"
                             % (li + 1, cols, prev), 3)
        b = [0.0] * len(W) if b is None else _tolist(b)
        if len(b) != len(W):
            raise InputError("layer %d: bias has %d entries but weight has %d rows" % (li + 1, len(b), len(W)), 3)
        wq = [[conv(x) for x in row] for row in W]
        bq = [conv(x) for x in b]
        out_layers.append({"weights": [[v for v, _ in row] for row in wq], "biases": [v for v, _ in bq]})
        err_layers.append({"weights": [[e for _, e in row] for row in wq], "biases": [e for _, e in bq]})
        prev = len(W)
    net = {"input_dim": input_dim, "layers": out_layers}
    if name:
        net["name"] = name
    net["meta"] = {"source": "torch " + source,
                   "conversion": "exact (dyadic)" if max_denominator is None else
                   "rounded: best rational with denominator <= %d" % max_denominator,
                   "max_rounding_error": number_text(max_err)}
    report = {"exact": max_denominator is None or max_err == 0, "max_denominator": max_denominator,
              "max_error": max_err, "errors": err_layers, "entries": entries}
    return net, report


def _json_ready(v):
    if isinstance(v, dict):
        return {k: _json_ready(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_json_ready(x) for x in v]
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else "%d/%d" % (v.numerator, v.denominator)
    return v


def from_torch(model, input_shape=None, max_denominator=None, name=None, report=False, path=None):
    """A PyTorch model, exactly (every float weight is its dyadic rational; with max_denominator=Q
    rounded by continued fractions, report=True also returns the exact errors).

    With input_shape (the shape of one sample, no batch axis: (2,), (3, 32, 32)): any module
    torch.fx can trace (relucert.fx_import), returned as the format-2 network dict, also written
    to `path` when given. Without it: an nn.Sequential of Linear/ReLU or its state dict, returned
    as a relucert.Network (format 1), as before."""
    if input_shape is not None:
        from .fx_import import graph_from_torch
        from .graph_export import write
        d, rep = graph_from_torch(model, input_shape, max_denominator, name, report=True)
        if path is not None:
            write(d, path)
        return (d, rep) if report else d
    d, rep = network_dict(model, max_denominator, name)
    net = Network.from_json(_json_ready(d))
    if path is not None:
        with open(path, "w") as f:
            f.write(net.to_json())
    return (net, rep) if report else net


def rationalize(x, max_denominator=None):
    """The exact rational of a float (or its best approximation with denominator <= Q)."""
    q = _exact(x)
    return q if max_denominator is None else q.limit_denominator(max_denominator)
