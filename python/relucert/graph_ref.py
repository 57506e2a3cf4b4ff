"""An exact reference evaluator for network files (doc/FORMAT.md), in fractions.Fraction.

Version 2 graphs (every operation of the format) and version 1 networks (shortcuts included).
Pure Python, sharing no code with the C reader nor with the exporters (relucert.graph_export,
relucert.onnx_import, relucert.fx_import): the tests compare both against it.

    net = graph_ref.load("net.json")        # numbers kept exact: JSON decimals read as decimals
    graph_ref.evaluate(net, ["1/3", 0.5])   # [Fraction, ...]: the output vector

Tensors are (shape, flat row-major list of Fractions), shapes without a batch axis."""
import json
import math
from fractions import Fraction

__all__ = ["load", "loads", "evaluate", "evaluate_nodes", "num", "GraphError"]


class GraphError(ValueError):
    """The network is not a valid network of the format (message names the node and field)."""


def num(v, where="number"):
    """Exact value of a format number: int, "p/q", a decimal (str or a float read as its shortest
    decimal text), or a Fraction."""
    if isinstance(v, bool) or v is None:
        raise GraphError("%s: expected a number, got %r" % (where, v))
    if isinstance(v, (int, Fraction)):
        return Fraction(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise GraphError("%s: not finite" % where)
        return Fraction(repr(v))
    if isinstance(v, str):
        try:
            q = Fraction(v.strip())
        except (ValueError, ZeroDivisionError):
            raise GraphError("%s: expected a number, got %r" % (where, v))
        return q
    raise GraphError("%s: expected a number, got %s" % (where, type(v).__name__))


def loads(text):
    return json.loads(text, parse_float=Fraction)


def load(path):
    with open(path) as f:
        return loads(f.read())


def _prod(s):
    p = 1
    for d in s:
        p *= d
    return p


def _nested(v, where):
    """Nested lists -> (shape, flat list of Fractions); a scalar has shape ()."""
    if not isinstance(v, list):
        return (), [num(v, where)]
    if not v:
        raise GraphError("%s: empty list" % where)
    parts = [_nested(x, where) for x in v]
    s = parts[0][0]
    if any(p[0] != s for p in parts):
        raise GraphError("%s: ragged" % where)
    return (len(v),) + s, [x for p in parts for x in p[1]]


def _tensor(node, key, shape=None):
    if key not in node:
        raise GraphError('node "%s": %s: missing' % (node["name"], key))
    s, flat = _nested(node[key], 'node "%s": %s' % (node["name"], key))
    if shape is not None and tuple(s) != tuple(shape):
        raise GraphError('node "%s": %s: expected shape %s, got %s' % (node["name"], key, list(shape), list(s)))
    return s, flat


def _spatial(node, key, nsp, default):
    v = node.get(key, default)
    if isinstance(v, int) and not isinstance(v, bool):
        return [v] * nsp
    if isinstance(v, list) and len(v) == nsp and all(isinstance(x, int) for x in v):
        return list(v)
    raise GraphError('node "%s": %s: expected an integer or %d integers' % (node["name"], key, nsp))


def _strides(shape):
    st, acc = [], 1
    for d in reversed(shape):
        st.append(acc)
        acc *= d
    return list(reversed(st))


def _windows(node, shape, kernel_default_required=True):
    """Pooling windows: (out shape, per output entry the list of flat input indices or None (padding))."""
    nsp = len(shape) - 1
    if nsp < 1:
        raise GraphError('node "%s": pooling needs [C, ...] input, got %s' % (node["name"], list(shape)))
    k = _spatial(node, "kernel", nsp, None)
    s = _spatial(node, "stride", nsp, k)
    p = _spatial(node, "padding", nsp, 0)
    sp = shape[1:]
    osp = [(sp[i] + 2 * p[i] - k[i]) // s[i] + 1 for i in range(nsp)]
    if any(o < 1 for o in osp):
        raise GraphError('node "%s": window larger than the padded input' % node["name"])
    st = _strides(shape)
    wins = []
    for c in range(shape[0]):
        for opos in _grid(osp):
            w = []
            for kpos in _grid(k):
                idx = [opos[i] * s[i] - p[i] + kpos[i] for i in range(nsp)]
                if all(0 <= idx[i] < sp[i] for i in range(nsp)):
                    w.append(c * st[0] + sum(idx[i] * st[i + 1] for i in range(nsp)))
                else:
                    w.append(None)
            wins.append(w)
    return [shape[0]] + osp, wins


def _grid(dims):
    if not dims:
        yield []
        return
    for i in range(dims[0]):
        for rest in _grid(dims[1:]):
            yield [i] + rest


def _conv(node, shape, x):
    W_shape, W = _tensor(node, "weights")
    nsp = len(W_shape) - 2
    if nsp not in (1, 2) or len(shape) != nsp + 1:
        raise GraphError('node "%s": weights: %d axes for an input of shape %s' % (node["name"], len(W_shape), shape))
    cout, cin_g, k = W_shape[0], W_shape[1], list(W_shape[2:])
    g = node.get("groups", 1)
    if shape[0] != cin_g * g or cout % g:
        raise GraphError('node "%s": channels do not match groups' % node["name"])
    b = _tensor(node, "biases", (cout,))[1] if "biases" in node else [Fraction(0)] * cout
    s = _spatial(node, "stride", nsp, 1)
    p = _spatial(node, "padding", nsp, 0)
    d = _spatial(node, "dilation", nsp, 1)
    sp = shape[1:]
    osp = [(sp[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i in range(nsp)]
    st, wst = _strides(shape), _strides(W_shape)
    out = []
    per = cout // g
    for o in range(cout):
        grp = o // per
        for opos in _grid(osp):
            acc = b[o]
            for c in range(cin_g):
                ci = grp * cin_g + c
                for kpos in _grid(k):
                    idx = [opos[i] * s[i] - p[i] + kpos[i] * d[i] for i in range(nsp)]
                    if all(0 <= idx[i] < sp[i] for i in range(nsp)):
                        xi = ci * st[0] + sum(idx[i] * st[i + 1] for i in range(nsp))
                        wi = o * wst[0] + c * wst[1] + sum(kpos[i] * wst[i + 2] for i in range(nsp))
                        acc += W[wi] * x[xi]
            out.append(acc)
    return [cout] + osp, out


def _sqrt_exact(q):
    if q <= 0:
        return None
    n, d = math.isqrt(q.numerator), math.isqrt(q.denominator)
    return Fraction(n, d) if n * n == q.numerator and d * d == q.denominator else None


def _batch_norm(node, shape, x):
    C = shape[0]
    if "scale" in node:
        scale = _tensor(node, "scale", (C,))[1]
        shift = _tensor(node, "shift", (C,))[1]
    else:
        gamma = _tensor(node, "gamma", (C,))[1]
        beta = _tensor(node, "beta", (C,))[1]
        mean = _tensor(node, "mean", (C,))[1]
        var = _tensor(node, "var", (C,))[1]
        eps = num(node.get("epsilon", 0), 'node "%s": epsilon' % node["name"])
        scale, shift = [], []
        for c in range(C):
            r = _sqrt_exact(var[c] + eps)
            if r is None:
                raise GraphError('node "%s": var + epsilon is not the square of a rational' % node["name"])
            scale.append(gamma[c] / r)
            shift.append(beta[c] - gamma[c] / r * mean[c])
    per = _prod(shape[1:])
    return list(shape), [scale[i // per] * v + shift[i // per] for i, v in enumerate(x)]


def _reshape(node, shape):
    target = node.get("shape")
    if not isinstance(target, list) or not target:
        raise GraphError('node "%s": shape: expected a list' % node["name"])
    n = _prod(shape)
    if target.count(-1) > 1:
        raise GraphError('node "%s": shape: more than one -1' % node["name"])
    if -1 in target:
        rest = _prod([t for t in target if t != -1])
        if rest == 0 or n % rest:
            raise GraphError('node "%s": shape: cannot infer -1' % node["name"])
        target = [n // rest if t == -1 else t for t in target]
    if _prod(target) != n or any(t < 1 for t in target):
        raise GraphError('node "%s": shape %s does not hold %d entries' % (node["name"], target, n))
    return target


def _concat(node, ins):
    axis = node.get("axis", 0)
    shapes = [s for s, _ in ins]
    r = len(shapes[0])
    if axis < 0:
        axis += r
    if not 0 <= axis < r or any(len(s) != r or s[:axis] != shapes[0][:axis] or s[axis + 1:] != shapes[0][axis + 1:]
                                for s in shapes):
        raise GraphError('node "%s": concat shapes %s on axis %d' % (node["name"], shapes, axis))
    outer = _prod(shapes[0][:axis])
    out = []
    for o in range(outer):
        for s, v in ins:
            blk = _prod(s[axis:])
            out.extend(v[o * blk:(o + 1) * blk])
    sh = list(shapes[0])
    sh[axis] = sum(s[axis] for s in shapes)
    return sh, out


def _pieces(node, shape, x):
    op, nm = node["op"], node["name"]
    if op == "relu":
        return list(shape), [max(v, Fraction(0)) for v in x]
    if op == "abs":
        return list(shape), [abs(v) for v in x]
    if op == "leaky_relu":
        a = num(node.get("slope"), 'node "%s": slope' % nm)
        return list(shape), [v if v >= 0 else a * v for v in x]
    if op == "clamp":
        lo = None if node.get("min") is None else num(node["min"], 'node "%s": min' % nm)
        hi = None if node.get("max") is None else num(node["max"], 'node "%s": max' % nm)
        out = []
        for v in x:
            if lo is not None and v < lo:
                v = lo
            if hi is not None and v > hi:
                v = hi
            out.append(v)
        return list(shape), out
    if op == "max":
        groups = node.get("groups")
        if not isinstance(groups, list) or not groups:
            raise GraphError('node "%s": groups: expected a list of index lists' % nm)
        return [len(groups)], [max(x[i] for i in g) for g in groups]
    if op == "max_pool":
        osh, wins = _windows(node, shape)
        return osh, [max(x[i] for i in w if i is not None) for w in wins]
    return None


def _affine(node, shape, ins):
    op, nm = node["op"], node["name"]
    x = ins[0][1]
    if op == "dense":
        ws, W = _tensor(node, "weights")
        if len(ws) != 2 or ws[1] != len(x):
            raise GraphError('node "%s": weights: expected [out, %d], got %s' % (nm, len(x), list(ws)))
        b = _tensor(node, "biases", (ws[0],))[1] if node.get("biases") is not None else [Fraction(0)] * ws[0]
        n = ws[1]
        return [ws[0]], [sum(W[i * n + j] * x[j] for j in range(n)) + b[i] for i in range(ws[0])]
    if op == "conv":
        return _conv(node, shape, x)
    if op in ("avg_pool", "sum_pool"):
        osh, wins = _windows(node, shape)
        out = [sum(x[i] for i in w if i is not None) for w in wins]
        if op == "avg_pool":
            out = [Fraction(v) / len(wins[0]) for v in out]   # an int sum / int would be a float
        return osh, out
    if op == "global_avg_pool":
        per = _prod(shape[1:])
        return [shape[0]], [Fraction(sum(x[c * per:(c + 1) * per])) / per for c in range(shape[0])]
    if op == "batch_norm":
        return _batch_norm(node, shape, x)
    if op == "add":
        if any(s != ins[0][0] for s, _ in ins):
            raise GraphError('node "%s": inputs of different shapes %s' % (nm, [s for s, _ in ins]))
        co = [num(c, 'node "%s": coefficients' % nm) for c in node.get("coefficients", [1] * len(ins))]
        if len(co) != len(ins):
            raise GraphError('node "%s": coefficients: expected %d' % (nm, len(ins)))
        c = node.get("constant", 0)
        cs, cf = _nested(c, 'node "%s": constant' % nm)
        if cs == ():
            cf = cf * len(x)
        elif list(cs) != list(shape):
            raise GraphError('node "%s": constant: expected shape %s' % (nm, list(shape)))
        return list(shape), [sum(co[k] * ins[k][1][i] for k in range(len(ins))) + cf[i] for i in range(len(x))]
    if op == "mul":
        fs, ff = _nested(node.get("factor"), 'node "%s": factor' % nm)
        if fs == ():
            ff = ff * len(x)
        elif list(fs) != list(shape):
            raise GraphError('node "%s": factor: expected shape %s' % (nm, list(shape)))
        return list(shape), [a * b for a, b in zip(ff, x)]
    if op == "concat":
        return _concat(node, ins)
    if op == "flatten":
        return [len(x)], list(x)
    if op == "reshape":
        return _reshape(node, shape), list(x)
    if op == "identity":
        return list(shape), list(x)
    raise GraphError('node "%s": unknown op "%s"' % (nm, op))


def evaluate_nodes(net, x):
    """Every node's value: {name: (shape, flat list)} (the input included)."""
    if net.get("format") != "relucert-graph" or net.get("version") != 2:
        raise GraphError("not a version 2 graph")
    inp = net["input"]
    shape = list(inp["shape"])
    x = [num(v, "input") for v in x]
    if len(x) != _prod(shape):
        raise GraphError("input: expected %d entries, got %d" % (_prod(shape), len(x)))
    nodes = {n["name"]: n for n in net["nodes"]}
    vals = {inp["name"]: (shape, x)}
    busy = set()

    def value(name):
        if name in vals:
            return vals[name]
        if name not in nodes:
            raise GraphError('unknown node "%s"' % name)
        if name in busy:
            raise GraphError('node "%s": cycle' % name)
        busy.add(name)
        node = nodes[name]
        ins = [value(i) for i in node["inputs"]]
        if not ins:
            raise GraphError('node "%s": no inputs' % name)
        if node["op"] != "concat" and node["op"] != "add" and len(ins) != 1:
            raise GraphError('node "%s": expected one input' % name)
        r = _pieces(node, ins[0][0], ins[0][1]) if len(ins) == 1 else None
        if r is None:
            r = _affine(node, ins[0][0], ins)
        busy.discard(name)
        vals[name] = (list(r[0]), r[1])
        return vals[name]

    for o in net["outputs"]:
        value(o)
    return vals


def _evaluate_v1(net, x):
    h = [[num(v, "input") for v in x]]   # h[0] = x, h[i + 1] = layer i's output
    L = net["layers"]
    for j, layer in enumerate(L):
        W = [[num(w) for w in row] for row in layer["weights"]]
        b = [num(v) for v in layer.get("biases", [0] * len(W))]
        z = [sum(w * v for w, v in zip(row, h[-1])) + bi for row, bi in zip(W, b)]
        for sc in layer.get("shortcuts", []):
            src = h[0] if sc["from"] == "input" else h[sc["from"] + 1]
            z = [zi + sum(num(w) * v for w, v in zip(row, src)) for zi, row in zip(z, sc["weights"])]
        h.append(z if j == len(L) - 1 else [max(v, 0) for v in z])
    return h[-1]


def evaluate(net, x):
    """The output vector (Fractions) at x (a flat list of numbers)."""
    out = _evaluate_v1(net, x) if "layers" in net else [v for o in net["outputs"] for v in evaluate_nodes(net, x)[o][1]]
    if not all(isinstance(v, Fraction) for v in out):   # a float anywhere would be a bug here, not a value
        raise AssertionError("graph_ref: inexact output %r" % (out,))
    return out
