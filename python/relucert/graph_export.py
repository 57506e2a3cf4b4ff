"""Building network files of format version 2 (doc/FORMAT.md) from a framework's model.

Shared by the ONNX importer (onnx_import) and the torch.fx importer (fx_import): exact numbers,
optional rounding with the exact error, node names, pruning, meta. Every float32/float64 value is a
dyadic rational and is written exactly ("p/q" or an integer) unless max_denominator is given; then
each number becomes its best rational approximation with denominator <= Q (continued fractions)
and the largest exact error |w - w_Q| is reported with where it occurred."""
import json
import math
from fractions import Fraction

from .errors import InputError

# Operations the format cannot express because they are not piecewise linear: refused by name
# (exit 2); a final softmax is dropped instead (the argmax is unchanged).
NONLINEAR = ("sigmoid", "tanh", "softmax", "log_softmax", "gelu", "elu", "selu", "celu", "silu", "mish",
             "softplus", "softsign", "exp", "log", "sqrt", "pow", "hardswish", "logsigmoid", "tanhshrink",
             "reciprocal", "erf", "sin", "cos")


def exact(x, where="value"):
    """The exact rational of an int, float (its binary value) or Fraction."""
    if isinstance(x, bool):
        raise InputError("%s: expected a number, got a boolean" % where)
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise InputError("%s: not finite (%r)" % (where, x))
        return Fraction(x)
    if hasattr(x, "item"):   # numpy / torch scalars
        return exact(x.item(), where)
    raise InputError("%s: expected a number, got %s" % (where, type(x).__name__))


def to_lists(t):
    """torch tensor / numpy array / nested list -> nested lists of Python numbers, exactly
    (float16/bfloat16/float32 values are float64 values)."""
    if hasattr(t, "detach"):
        t = t.detach().cpu()
        if t.is_floating_point():
            t = t.double()
        return t.tolist()
    if hasattr(t, "tolist"):
        if getattr(t, "dtype", None) is not None and t.dtype.kind == "f":
            t = t.astype("float64")
        return t.tolist()
    return t


def text(q):
    return q.numerator if q.denominator == 1 else "%d/%d" % (q.numerator, q.denominator)


class GraphBuilder:
    def __init__(self, max_denominator=None):
        if max_denominator is not None and (isinstance(max_denominator, bool) or not isinstance(max_denominator, int)
                                            or max_denominator < 1):
            raise InputError("max_denominator must be a positive integer, got %r" % (max_denominator,))
        self.Q = max_denominator
        self.nodes = []
        self.names = set()
        self.max_error = Fraction(0)
        self.max_where = None
        self.entries = 0
        self.notes = []
        self.warnings = []
        self.folded = []   # batch_norm nodes whose scale was rounded to float64

    def number(self, x, where):
        """The value written for x: exact, or rounded to denominator <= Q (error tracked)."""
        q = exact(x, where)
        self.entries += 1
        if self.Q is None:
            return q
        r = q.limit_denominator(self.Q)
        e = abs(q - r)
        if e > self.max_error or self.max_where is None:
            if e > self.max_error:
                self.max_error = e
            if e > 0 or self.max_where is None:
                self.max_where = where
        return r

    def tensor(self, t, where):
        """Nested lists of written values (see number) for a tensor."""
        def walk(v, idx):
            if isinstance(v, list):
                return [walk(u, idx + [i]) for i, u in enumerate(v)]
            return self.number(v, "%s[%s]" % (where, ",".join(map(str, idx))) if idx else where)
        return walk(to_lists(t), [])

    def fresh(self, base):
        base = str(base) or "node"
        name, k = base, 1
        while name in self.names:
            k += 1
            name = "%s_%d" % (base, k)
        self.names.add(name)
        return name

    def node(self, name, op, inputs, **params):
        """Append a node; returns its (unique) name."""
        name = self.fresh(name)
        d = {"name": name, "op": op, "inputs": list(inputs)}
        for k, v in params.items():
            if v is not None:
                d[k] = v
        self.nodes.append(d)
        return name

    def warn(self, msg):
        self.warnings.append(msg)

    def finish(self, input_name, input_shape, outputs, source, name=None, meta=None):
        """The network dict (JSON-ready: numbers are ints or "p/q" strings) and the report."""
        used, stack = set(), list(outputs)
        by = {n["name"]: n for n in self.nodes}
        while stack:
            v = stack.pop()
            if v in used or v not in by:
                continue
            used.add(v)
            stack.extend(by[v]["inputs"])
        if any(o == input_name for o in outputs):   # an output that is the input: the format wants a node
            outputs = list(outputs)
            ident = self.node("output_identity", "identity", [input_name])
            used.add(ident)
            by[ident] = self.nodes[-1]
            outputs = [ident if o == input_name else o for o in outputs]
        nodes = [_ready(n) for n in self.nodes if n["name"] in used]
        m = {"source": source,
             "conversion": "exact (dyadic)" if self.Q is None else
             "rounded: best rational with denominator <= %d" % self.Q,
             "max_rounding_error": text(self.max_error)}
        if self.Q is not None and self.max_where is not None:
            m["max_rounding_error_at"] = self.max_where
        if self.folded:
            m["batch_norm"] = ("batch_norm folded in float64: scale = gamma / sqrt(var + epsilon) computed in "
                               "float64 and taken as its exact dyadic value, shift = beta - scale * mean exactly; "
                               "nodes: " + ", ".join(self.folded))
        if self.warnings:
            m["warnings"] = list(self.warnings)
        m.update(meta or {})
        net = {"format": "relucert-graph", "version": 2}
        if name:
            net["name"] = name
        net.update({"input": {"name": input_name, "shape": list(input_shape)}, "nodes": nodes,
                    "outputs": list(outputs), "meta": m})
        report = {"exact": self.Q is None or self.max_error == 0, "max_denominator": self.Q,
                  "max_error": self.max_error, "max_error_at": self.max_where, "entries": self.entries,
                  "warnings": list(self.warnings)}
        return net, report


def _ready(v):
    if isinstance(v, dict):
        return {k: _ready(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_ready(x) for x in v]
    if isinstance(v, Fraction):
        return text(v)
    return v


def batch_norm_params(b, nm, gamma, beta, mean, var, eps):
    """(scale, shift) as Fractions from float parameter lists, exactly when every var + eps is the
    square of a rational, otherwise scale in float64 (as the framework computes it) taken exactly."""
    g = [exact(v) for v in gamma]
    be = [exact(v) for v in beta]
    mu = [exact(v) for v in mean]
    va = [exact(v) for v in var]
    e = exact(eps)
    scale, shift, folded = [], [], False
    for c in range(len(g)):
        s2 = va[c] + e
        if s2 <= 0:
            raise InputError('node "%s": var + epsilon <= 0 in channel %d' % (nm, c))
        rn, rd = math.isqrt(s2.numerator), math.isqrt(s2.denominator)
        if rn * rn == s2.numerator and rd * rd == s2.denominator:
            sc = g[c] / Fraction(rn, rd)
        else:
            sc = Fraction(float(gamma[c]) / math.sqrt(float(var[c]) + float(eps)))
            folded = True
        scale.append(sc)
        shift.append(be[c] - sc * mu[c])
    if folded:
        b.folded.append(nm)
    return ([b.number(v, 'node "%s" scale[%d]' % (nm, i)) for i, v in enumerate(scale)],
            [b.number(v, 'node "%s" shift[%d]' % (nm, i)) for i, v in enumerate(shift)])


def write(net, path):
    """Write a network dict as JSON (one line per node: diffable, deterministic)."""
    with open(path, "w") as f:
        f.write(dumps(net))


def dumps(net):
    head = {k: v for k, v in net.items() if k not in ("nodes", "outputs", "classes", "meta")}
    parts = [json.dumps(head)[:-1]]
    parts.append(', "nodes": [\n  ' + ",\n  ".join(json.dumps(n) for n in net["nodes"]) + "],\n")
    parts.append(' "outputs": %s' % json.dumps(net["outputs"]))
    for k in ("classes", "meta"):
        if k in net:
            parts.append(', "%s": %s' % (k, json.dumps(net[k])))
    return "".join(parts) + "}\n"
