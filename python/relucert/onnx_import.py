"""ONNX models to network files of format version 2, exactly (doc/FORMAT.md, README).

    relucert.graph_from_onnx("model.onnx")   # -> the network dict (JSON-ready)

The graph's one non-initializer input has a batch axis first (any size; read as 1). Tensors that
do not depend on the input (initializers, Constant, and the shape arithmetic torch.onnx.export
writes: Shape, Gather, Unsqueeze, Concat, ...) are folded at import time in numpy; every other node
becomes one or two nodes of the format. Weights are exact dyadic rationals (or rounded, see
graph_export). Operators that are not piecewise linear are refused with the node's name; a final
Softmax/LogSoftmax is dropped with a warning (the argmax is unchanged)."""
from fractions import Fraction

from .errors import InputError, UnsupportedError
from .graph_export import GraphBuilder, batch_norm_params, exact

NONLINEAR_ONNX = {"Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Exp", "Log", "Gelu", "Elu", "Selu", "Celu", "Softplus",
                  "Softsign", "HardSwish", "Pow", "Sqrt", "Reciprocal", "Erf", "Sin", "Cos", "Tan", "Mish", "Atan",
                  "Asin", "Acos", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh"}


class Var:
    """A tensor that depends on the input: its node name and shape without the batch axis."""
    def __init__(self, name, shape):
        self.name, self.shape = name, list(shape)


def graph_from_onnx(model, max_denominator=None, name=None, report=False):
    """Network dict (format 2) of an ONNX model (a path or onnx.ModelProto); report=True also
    returns {"exact", "max_error", "max_error_at", "entries", "warnings"}."""
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError:
        raise UnsupportedError("onnx is not installed (Debian: python3-onnx)")
    if not hasattr(model, "graph"):
        try:
            model = onnx.load(str(model))
        except Exception as e:   # noqa: BLE001 - any unreadable file is bad input
            raise InputError("%s: cannot read as ONNX: %s" % (model, e))
    imp = _Importer(model, numpy_helper, GraphBuilder(max_denominator))
    net, rep = imp.run(name)
    return (net, rep) if report else net


def _attrs(node):
    from onnx import helper
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


class _Importer:
    def __init__(self, model, numpy_helper, builder):
        import numpy as np
        self.np = np
        self.model = model
        self.g = model.graph
        self.b = builder
        self.env = {}
        for t in self.g.initializer:
            self.env[t.name] = numpy_helper.to_array(t)
        self.nh = numpy_helper
        self.opset = max([o.version for o in model.opset_import if o.domain in ("", "ai.onnx")] or [13])

    def run(self, name):
        g = self.g
        inputs = [i for i in g.input if i.name not in self.env]
        if len(inputs) != 1:
            raise UnsupportedError("ONNX graph: expected one input (besides initializers), got %d" % len(inputs))
        inp = inputs[0]
        dims = inp.type.tensor_type.shape.dim
        if len(dims) < 2:
            raise UnsupportedError('ONNX input "%s": expected a batch axis first and at least one more axis, '
                                   'got rank %d' % (inp.name, len(dims)))
        shape = []
        for d in dims[1:]:
            if not d.HasField("dim_value") or d.dim_value < 1:
                raise UnsupportedError('ONNX input "%s": every axis but the batch axis needs a fixed size' % inp.name)
            shape.append(d.dim_value)
        self.input_name = self.b.fresh(inp.name or "x")
        self.env[inp.name] = Var(self.input_name, shape)
        self.users = {}
        for n in g.node:
            for i in n.input:
                self.users.setdefault(i, []).append(n)
        self.graph_outputs = {o.name for o in g.output}
        for k, n in enumerate(g.node):
            self.label = n.name or (n.output[0] if n.output else "%s_%d" % (n.op_type, k))
            self.node(n)
        outs = []
        for o in g.output:
            v = self.env.get(o.name)
            if not isinstance(v, Var):
                raise UnsupportedError('ONNX output "%s" does not depend on the input' % o.name)
            outs.append(v.name)
        return self.b.finish(self.input_name, shape, outs, "onnx (opset %d)" % self.opset, name=name,
                             meta={"producer": self.model.producer_name or "unknown"})

    # ------------------------------------------------------------------ helpers
    def err(self, msg):
        return InputError('ONNX node "%s": %s' % (self.label, msg))

    def unsup(self, msg):
        return UnsupportedError('ONNX node "%s": %s' % (self.label, msg))

    def get(self, name):
        if name not in self.env:
            raise self.err('input "%s" is not defined' % name)
        return self.env[name]

    def const(self, name, what):
        v = self.get(name)
        if isinstance(v, Var):
            raise self.unsup("%s must be a constant (an initializer), not computed from the input" % what)
        return v

    def var(self, name):
        v = self.get(name)
        if not isinstance(v, Var):
            raise self.err('input "%s" is expected to depend on the graph input' % name)
        return v

    def emit(self, n, op, inputs, oshape, **params):
        nm = self.b.node(n.output[0], op, [v.name for v in inputs], **params)
        self.env[n.output[0]] = Var(nm, oshape)

    def alias(self, n, v):
        self.env[n.output[0]] = v

    def spatial(self, a, nsp):
        """strides, symmetric pads, dilations of a Conv or pool."""
        if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", b"VALID", "NOTSET", "VALID"):
            raise self.unsup("auto_pad %s is not supported (export with explicit pads)" % a["auto_pad"])
        strides = list(a.get("strides", [1] * nsp))
        pads = list(a.get("pads", [0] * (2 * nsp)))
        if pads[:nsp] != pads[nsp:]:
            raise self.unsup("asymmetric pads %s are not supported" % pads)
        dil = list(a.get("dilations", [1] * nsp))
        return strides, pads[:nsp], dil

    @staticmethod
    def one(v):
        return v[0] if len(set(v)) == 1 else v

    def scalar_or(self, arr, shape, what):
        """A constant broadcast against a tensor of shape [1] + shape: a Fraction (scalar) or nested list."""
        np = self.np
        a = np.asarray(arr)
        if a.size == 1:
            return exact(a.reshape(-1)[0].item(), what)
        try:
            full = np.broadcast_to(a, [1] + list(shape)) if a.ndim <= len(shape) + 1 else None
        except ValueError:
            full = None
        if full is None:
            raise self.unsup("%s of shape %s does not broadcast to the input's %s" % (what, list(a.shape), shape))
        return full.reshape(list(shape)).tolist()

    # ------------------------------------------------------------------ dispatch
    def node(self, n):
        op = n.op_type
        a = _attrs(n)
        ins = [i for i in n.input]
        present = [i for i in ins if i != ""]
        if op == "Constant":
            self.env[n.output[0]] = self.nh.to_array(a["value"]) if "value" in a else self._const_attr(a)
            return
        if all(not isinstance(self.get(i), Var) for i in present) and op not in ("Dropout",):
            self.fold(n, op, a, ins)
            return
        if op == "Shape":
            v = self.var(ins[0])
            self.env[n.output[0]] = self.np.array([1] + v.shape, dtype=self.np.int64)
            return
        if op in NONLINEAR_ONNX:
            if op in ("Softmax", "LogSoftmax") and self.final(n):
                v = self.var(ins[0])
                if len(v.shape) != 1:
                    raise self.unsup("a final %s over a tensor of shape %s cannot be dropped" % (op, v.shape))
                self.b.warn('ONNX node "%s": final %s dropped (monotone: the argmax is unchanged; the '
                            'outputs are its input, the logits)' % (self.label, op))
                self.alias(n, v)
                return
            raise self.err("%s is not piecewise linear: the network format cannot represent it" % op)
        f = getattr(self, "op_" + op, None)
        if f is None:
            raise self.unsup("operator %s is not supported" % op)
        f(n, a, ins)

    def final(self, n):
        """Is n's output a graph output used by no other node?"""
        o = n.output[0]
        return o in self.graph_outputs and not self.users.get(o)

    def _const_attr(self, a):
        np = self.np
        for k, dt in (("value_float", np.float32), ("value_int", np.int64)):
            if k in a:
                return np.array(a[k], dtype=dt)
        for k, dt in (("value_floats", np.float32), ("value_ints", np.int64)):
            if k in a:
                return np.array(list(a[k]), dtype=dt)
        raise self.unsup("Constant without value")

    def fold(self, n, op, a, ins):
        """A node on constants only: computed now, in numpy (shape arithmetic, transposed weights)."""
        np = self.np
        x = [self.get(i) if i else None for i in ins]
        try:
            if op in ("Identity", "Cast"):
                r = x[0] if op == "Identity" else x[0].astype(_np_dtype(np, a["to"]))
            elif op in ("Add", "Sub", "Mul", "Div"):
                r = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply,
                     "Div": np.divide if x[0].dtype.kind == "f" else np.floor_divide}[op](x[0], x[1])
            elif op == "Neg":
                r = -x[0]
            elif op == "Gather":
                r = np.take(x[0], x[1], axis=a.get("axis", 0))
            elif op == "Unsqueeze":
                axes = a["axes"] if "axes" in a else x[1].tolist()
                r = x[0]
                for ax in sorted(ax % (r.ndim + len(axes)) for ax in axes):
                    r = np.expand_dims(r, ax)
            elif op == "Squeeze":
                axes = a.get("axes") if len(x) < 2 or x[1] is None else x[1].tolist()
                r = np.squeeze(x[0], axis=tuple(axes) if axes else None)
            elif op == "Concat":
                r = np.concatenate(x, axis=a["axis"])
            elif op == "Reshape":
                r = x[0].reshape(self.reshape_target(list(x[0].shape), x[1].tolist(), a))
            elif op == "Transpose":
                r = np.transpose(x[0], a.get("perm"))
            elif op == "Flatten":
                ax = a.get("axis", 1)
                r = x[0].reshape(int(np.prod(x[0].shape[:ax])), -1)
            elif op == "ConstantOfShape":
                v = self.nh.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
                r = np.full(x[0].tolist(), v.reshape(-1)[0], dtype=v.dtype)
            elif op == "Slice":
                r = self._slice(x, a)
            elif op in ("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd"):
                axes = a.get("axes") if len(x) < 2 or x[1] is None else x[1].tolist()
                f = {"ReduceSum": np.sum, "ReduceMean": np.mean, "ReduceMax": np.max, "ReduceMin": np.min,
                     "ReduceProd": np.prod}[op]
                r = f(x[0], axis=tuple(axes) if axes else None, keepdims=bool(a.get("keepdims", 1)))
            elif op == "Range":
                r = np.arange(x[0].item(), x[1].item(), x[2].item(), dtype=x[0].dtype)
            else:
                raise self.unsup("operator %s on constants is not supported" % op)
        except (ValueError, IndexError, KeyError, TypeError) as e:
            raise self.err("cannot fold %s: %s" % (op, e))
        self.env[n.output[0]] = np.asarray(r)

    def _slice(self, x, a):
        if self.opset < 10:
            starts, ends, axes = a["starts"], a["ends"], a.get("axes")
            steps = None
        else:
            starts, ends = x[1].tolist(), x[2].tolist()
            axes = x[3].tolist() if len(x) > 3 and x[3] is not None else None
            steps = x[4].tolist() if len(x) > 4 and x[4] is not None else None
        axes = axes or list(range(len(starts)))
        steps = steps or [1] * len(starts)
        sl = [slice(None)] * x[0].ndim
        for s, e, ax, st in zip(starts, ends, axes, steps):
            sl[ax] = slice(s, e, st)
        return x[0][tuple(sl)]

    def reshape_target(self, full, target, a):
        out = []
        for i, t in enumerate(target):
            out.append(full[i] if t == 0 and not a.get("allowzero", 0) else int(t))
        return out

    # ------------------------------------------------------------------ operators on the input
    def dense(self, n, x, Wt, bias):
        """Wt: exact [m][n] rows (Fractions); bias: list of exact or None."""
        W = [[self.b.number(w, 'node "%s" weights[%d,%d]' % (n.output[0], i, j)) for j, w in enumerate(row)]
             for i, row in enumerate(Wt)]
        bb = None if bias is None else [self.b.number(v, 'node "%s" biases[%d]' % (n.output[0], i))
                                        for i, v in enumerate(bias)]
        self.emit(n, "dense", [x], [len(W)], weights=W, biases=bb)

    def op_Gemm(self, n, a, ins):
        np = self.np
        x = self.var(ins[0])
        if a.get("transA", 0):
            raise self.unsup("transA=1 is not supported")
        B = self.const(ins[1], "B")
        if B.ndim != 2:
            raise self.err("B: expected a matrix")
        B = B.T if a.get("transB", 0) else B   # [n, m]
        if len(x.shape) != 1 or x.shape[0] != B.shape[0]:
            raise self.err("A of shape %s does not match B's %d rows" % ([1] + x.shape, B.shape[0]))
        alpha, beta = exact(float(a.get("alpha", 1.0))), exact(float(a.get("beta", 1.0)))
        m = B.shape[1]
        Wt = [[alpha * exact(B[i, j].item()) for i in range(B.shape[0])] for j in range(m)]
        bias = None
        if len(ins) > 2 and ins[2]:
            C = np.broadcast_to(self.const(ins[2], "C"), (1, m)).reshape(-1)
            bias = [beta * exact(v.item()) for v in C]
        self.dense(n, x, Wt, bias)

    def op_MatMul(self, n, a, ins):
        x = self.var(ins[0])
        B = self.const(ins[1], "B (the right factor)")
        if B.ndim != 2 or len(x.shape) != 1 or x.shape[0] != B.shape[0]:
            raise self.unsup("only a vector times a constant matrix is supported (A %s, B %s)"
                             % ([1] + x.shape, list(B.shape)))
        self.dense(n, x, [[exact(B[i, j].item()) for i in range(B.shape[0])] for j in range(B.shape[1])], None)

    def binary(self, ins):
        v = [self.get(i) for i in ins]
        return v, [isinstance(u, Var) for u in v]

    def op_Add(self, n, a, ins, sign=1):
        v, isv = self.binary(ins)
        if all(isv):
            if v[0].shape != v[1].shape:
                raise self.unsup("broadcasting between %s and %s is not supported" % (v[0].shape, v[1].shape))
            co = None if sign == 1 else [1, -1]
            self.emit(n, "add", v, v[0].shape, coefficients=co)
            return
        k = 0 if isv[0] else 1
        x = v[k]
        c = self.scalar_or(v[1 - k], x.shape, "the constant")
        c = self.numbers(n, c, "constant")
        if sign == 1:
            self.emit(n, "add", [x], x.shape, constant=c)
        elif k == 0:   # x - c
            self.emit(n, "add", [x], x.shape, constant=_neg(c))
        else:          # c - x
            self.emit(n, "add", [x], x.shape, coefficients=[-1], constant=c)

    def op_Sub(self, n, a, ins):
        self.op_Add(n, a, ins, sign=-1)

    def op_Sum(self, n, a, ins):
        v = [self.var(i) for i in ins]
        if any(u.shape != v[0].shape for u in v):
            raise self.unsup("broadcasting in Sum is not supported")
        self.emit(n, "add", v, v[0].shape)

    def numbers(self, n, c, what):
        if isinstance(c, list):
            return self.b.tensor(c, 'node "%s" %s' % (n.output[0], what))
        return self.b.number(c, 'node "%s" %s' % (n.output[0], what))

    def op_Mul(self, n, a, ins, div=False):
        v, isv = self.binary(ins)
        if all(isv):
            raise self.err("a product of two tensors that depend on the input is not piecewise linear")
        k = 0 if isv[0] else 1
        if div and k == 1:
            raise self.err("dividing by a tensor that depends on the input is not piecewise linear")
        x = v[k]
        f = self.scalar_or(v[1 - k], x.shape, "the factor")
        if div:
            f = _map(f, lambda q: _inv(exact(q), self))
        self.emit(n, "mul", [x], x.shape, factor=self.numbers(n, f, "factor"))

    def op_Div(self, n, a, ins):
        self.op_Mul(n, a, ins, div=True)

    def op_Neg(self, n, a, ins):
        x = self.var(ins[0])
        self.emit(n, "mul", [x], x.shape, factor=-1)

    def op_Relu(self, n, a, ins):
        x = self.var(ins[0])
        self.emit(n, "relu", [x], x.shape)

    def op_Abs(self, n, a, ins):
        x = self.var(ins[0])
        self.emit(n, "abs", [x], x.shape)

    def op_LeakyRelu(self, n, a, ins):
        x = self.var(ins[0])
        slope = self.b.number(float(self.np.float32(a.get("alpha", 0.01))), 'node "%s" slope' % n.output[0])
        if slope == 1:
            self.alias(n, x)
            return
        self.emit(n, "leaky_relu", [x], x.shape, slope=slope)

    def op_PRelu(self, n, a, ins):
        x = self.var(ins[0])
        s = self.const(ins[1], "slope").reshape(-1)
        if len(set(s.tolist())) != 1:
            raise self.unsup("PRelu with per-channel slopes is not supported (one slope only)")
        self.emit(n, "leaky_relu", [x], x.shape, slope=self.b.number(s[0].item(), 'node "%s" slope' % n.output[0]))

    def op_Clip(self, n, a, ins):
        x = self.var(ins[0])
        if self.opset < 11:
            lo, hi = a.get("min"), a.get("max")
        else:
            lo = self.const(ins[1], "min").item() if len(ins) > 1 and ins[1] else None
            hi = self.const(ins[2], "max").item() if len(ins) > 2 and ins[2] else None
        lo = None if lo is None else self.b.number(lo, 'node "%s" min' % n.output[0])
        hi = None if hi is None else self.b.number(hi, 'node "%s" max' % n.output[0])
        if lo is not None and hi is not None and lo >= hi:
            raise self.unsup("Clip with min >= max")
        if lo is None and hi is None:
            self.alias(n, x)
            return
        self.emit(n, "clamp", [x], x.shape, min=lo, max=hi)

    def op_HardSigmoid(self, n, a, ins):
        x = self.var(ins[0])
        al = self.b.number(float(self.np.float32(a.get("alpha", 0.2))), 'node "%s" alpha' % n.output[0])
        be = self.b.number(float(self.np.float32(a.get("beta", 0.5))), 'node "%s" beta' % n.output[0])
        lin = self.b.node(n.output[0] + "_affine", "add", [x.name], coefficients=[al], constant=be)
        nm = self.b.node(n.output[0], "clamp", [lin], min=0, max=1)
        self.env[n.output[0]] = Var(nm, x.shape)

    def op_Identity(self, n, a, ins):
        self.alias(n, self.var(ins[0]))

    def op_Dropout(self, n, a, ins):
        if a.get("training_mode", 0) or (len(ins) > 2 and ins[2] and bool(self.const(ins[2], "training_mode"))):
            raise self.unsup("Dropout in training mode")
        self.alias(n, self.var(ins[0]))

    def op_Flatten(self, n, a, ins):
        x = self.var(ins[0])
        ax = a.get("axis", 1)
        if ax < 0:
            ax += len(x.shape) + 1
        if ax > 1:
            raise self.unsup("Flatten with axis %d merges the batch axis into the data (axis 0 or 1 only)" % ax)
        self.emit(n, "flatten", [x], [_prod(x.shape)])

    def reshape_to(self, n, x, full):
        if not full or full[0] != 1:
            raise self.unsup("reshape to %s changes the batch axis" % full)
        if full[1:] == x.shape:
            self.alias(n, x)
        elif len(full) == 2:
            self.emit(n, "flatten", [x], full[1:])
        else:
            self.emit(n, "reshape", [x], full[1:], shape=full[1:])

    def op_Reshape(self, n, a, ins):
        x = self.var(ins[0])
        t = self.reshape_target([1] + x.shape, self.const(ins[1], "shape").tolist(), a)
        full = list(self.np.empty([1] + x.shape).reshape(t).shape)
        self.reshape_to(n, x, full)

    def op_Squeeze(self, n, a, ins):
        x = self.var(ins[0])
        axes = a.get("axes") if len(ins) < 2 or not ins[1] else self.const(ins[1], "axes").tolist()
        full = list(self.np.squeeze(self.np.empty([1] + x.shape), axis=tuple(axes) if axes else None).shape)
        if axes is None or 0 in [ax % (len(x.shape) + 1) for ax in axes]:
            raise self.unsup("Squeeze of the batch axis")
        self.reshape_to(n, x, full)

    def op_Unsqueeze(self, n, a, ins):
        x = self.var(ins[0])
        axes = a["axes"] if "axes" in a else self.const(ins[1], "axes").tolist()
        r = self.np.empty([1] + x.shape)
        for ax in sorted(ax % (r.ndim + len(axes)) for ax in axes):
            r = self.np.expand_dims(r, ax)
        self.reshape_to(n, x, list(r.shape))

    def op_Concat(self, n, a, ins):
        v = [self.get(i) for i in ins]
        if not all(isinstance(u, Var) for u in v):
            raise self.unsup("Concat of a constant with a tensor that depends on the input")
        ax = a["axis"]
        r = len(v[0].shape) + 1
        ax = ax + r if ax < 0 else ax
        if ax == 0:
            raise self.unsup("Concat along the batch axis")
        sh = list(v[0].shape)
        sh[ax - 1] = sum(u.shape[ax - 1] for u in v)
        self.emit(n, "concat", v, sh, axis=ax - 1)

    def op_Conv(self, n, a, ins):
        x = self.var(ins[0])
        W = self.const(ins[1], "W")
        nsp = W.ndim - 2
        if nsp not in (1, 2) or len(x.shape) != nsp + 1:
            raise self.unsup("Conv with weights of %d axes on an input of shape %s (1D and 2D only)" % (W.ndim, x.shape))
        s, p, d = self.spatial(a, nsp)
        g = a.get("group", 1)
        sp = x.shape[1:]
        k = list(W.shape[2:])
        osp = [(sp[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i in range(nsp)]
        nm = n.output[0]
        bias = None
        if len(ins) > 2 and ins[2]:
            bias = self.b.tensor(self.const(ins[2], "B"), 'node "%s" biases' % nm)
        self.emit(n, "conv", [x], [W.shape[0]] + osp, weights=self.b.tensor(W, 'node "%s" weights' % nm),
                  biases=bias, stride=self.one(s), padding=self.one(p), dilation=self.one(d), groups=g)

    def op_Pad(self, n, a, ins):
        """Zero padding of the spatial axes: a 1x1 depthwise conv with weight 1 and that padding
        (the format has no pad operation; this one is exact)."""
        x = self.var(ins[0])
        mode = a.get("mode", b"constant")
        if mode not in (b"constant", "constant"):
            raise self.unsup("Pad mode %s (constant zeros only)" % mode)
        pads = a["pads"] if "pads" in a else self.const(ins[1], "pads").tolist()
        value = a.get("value", 0.0) if self.opset < 11 else (
            self.const(ins[2], "constant_value").item() if len(ins) > 2 and ins[2] else 0.0)
        r = len(x.shape) + 1
        if value != 0 or len(pads) != 2 * r or pads[:r] != pads[r:] or any(pads[:2]) or min(pads) < 0:
            raise self.unsup("Pad %s with value %s: symmetric zero padding of the spatial axes only" % (pads, value))
        p = pads[2:r]
        C = x.shape[0]
        nsp = len(x.shape) - 1
        if nsp not in (1, 2):
            raise self.unsup("Pad of a tensor of shape %s" % x.shape)
        w = [[[1]] if nsp == 1 else [[[1]]] for _ in range(C)]   # [C, 1, 1] or [C, 1, 1, 1]
        self.emit(n, "conv", [x], [C] + [x.shape[1 + i] + 2 * p[i] for i in range(nsp)], weights=w,
                  padding=self.one(p), groups=C)

    def pool(self, n, a, ins, op):
        x = self.var(ins[0])
        k = list(a["kernel_shape"])
        nsp = len(k)
        if len(x.shape) != nsp + 1:
            raise self.err("kernel_shape %s for an input of shape %s" % (k, x.shape))
        if a.get("ceil_mode", 0):
            raise self.unsup("ceil_mode=1 is not supported")
        s, p, d = self.spatial(a, nsp)
        if any(v != 1 for v in d):
            raise self.unsup("dilated pooling is not supported")
        if op == "avg_pool" and any(p) and not a.get("count_include_pad", 0):
            raise self.unsup("AveragePool with padding and count_include_pad=0 is not supported "
                             "(the format counts padded zeros in the average)")
        if op == "max_pool" and len(n.output) > 1 and n.output[1]:
            raise self.unsup("MaxPool's Indices output is not supported")
        osp = [(x.shape[1 + i] + 2 * p[i] - k[i]) // s[i] + 1 for i in range(nsp)]
        self.emit(n, op, [x], [x.shape[0]] + osp, kernel=self.one(k), stride=self.one(s),
                  padding=self.one(p) if any(p) else None)

    def op_MaxPool(self, n, a, ins):
        self.pool(n, a, ins, "max_pool")

    def op_AveragePool(self, n, a, ins):
        self.pool(n, a, ins, "avg_pool")

    def op_GlobalAveragePool(self, n, a, ins):
        x = self.var(ins[0])
        if len(x.shape) < 2:
            raise self.err("GlobalAveragePool needs [N, C, ...], got %s" % ([1] + x.shape))
        nm = self.b.node(n.output[0] + "_pool", "global_avg_pool", [x.name])
        shape = [x.shape[0]] + [1] * (len(x.shape) - 1)   # ONNX keeps the spatial axes, of size 1
        nm = self.b.node(n.output[0], "reshape", [nm], shape=shape)
        self.env[n.output[0]] = Var(nm, shape)

    def op_BatchNormalization(self, n, a, ins):
        x = self.var(ins[0])
        if a.get("training_mode", 0) or len([o for o in n.output if o]) > 1:
            raise self.unsup("BatchNormalization in training mode")
        gamma, beta, mean, var = (self.const(ins[i], w).reshape(-1).tolist()
                                  for i, w in ((1, "scale"), (2, "B"), (3, "mean"), (4, "var")))
        if len(gamma) != x.shape[0]:
            raise self.err("%d channels of parameters for an input of %d channels" % (len(gamma), x.shape[0]))
        eps = float(self.np.float32(a.get("epsilon", 1e-5)))
        scale, shift = batch_norm_params(self.b, n.output[0], gamma, beta, mean, var, eps)
        self.emit(n, "batch_norm", [x], x.shape, scale=scale, shift=shift)


def _prod(s):
    p = 1
    for d in s:
        p *= d
    return p


def _map(v, f):
    return [_map(u, f) for u in v] if isinstance(v, list) else f(v)


def _neg(c):
    return _map(c, lambda q: -q)


def _inv(q, imp):
    if q == 0:
        raise imp.err("division by zero")
    return Fraction(1) / q


def _np_dtype(np, to):
    from onnx import mapping
    return mapping.TENSOR_TYPE_TO_NP_TYPE[to]
