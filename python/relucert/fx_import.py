"""PyTorch modules to network files of format version 2 through torch.fx, exactly.

    relucert.from_torch(model, (2,))          # -> the network dict (JSON-ready)
    relucert.from_torch(model, (1, 28, 28), path="net.json")

The module is traced symbolically (torch.fx.symbolic_trace: any forward() without data-dependent
control flow, residual blocks x + F(x) included), in eval mode on a copy, and the shapes come from
running the traced graph on a batch of two zeros (ShapeProp): a reshape that keeps the batch axis
of size 2 is one that does not mix samples. Weights are exact dyadic rationals (or rounded, see
graph_export); BatchNorm is folded into scale/shift (float64 scale when the square root is not
rational, said in meta). Not piecewise-linear operations are refused with the node's name; a final
softmax/log_softmax is dropped with a warning (the argmax is unchanged)."""
import copy
import operator
from fractions import Fraction

from .errors import InputError, UnsupportedError
from .graph_export import NONLINEAR, GraphBuilder, batch_norm_params, exact


class Var:
    def __init__(self, name, shape):
        self.name, self.shape = name, list(shape)


class Const:
    def __init__(self, value):
        self.value = value


class Other:
    """A value that is not a tensor (x.size(0), x.shape): only shape arithmetic may use it."""


def graph_from_torch(model, input_shape, max_denominator=None, name=None, report=False):
    try:
        import torch
        import torch.fx
        from torch.fx.passes.shape_prop import ShapeProp
    except ImportError:
        raise UnsupportedError("torch is not installed (Debian: python3-torch)")
    if isinstance(input_shape, int):
        input_shape = [input_shape]
    shape = list(input_shape)
    if not shape or any(isinstance(d, bool) or not isinstance(d, int) or d < 1 for d in shape):
        raise InputError("input shape: expected positive integers (no batch axis), got %r" % (input_shape,))
    if not isinstance(model, torch.nn.Module):
        raise InputError("expected a torch.nn.Module, got %s" % type(model).__name__)
    try:
        m = copy.deepcopy(model)
    except Exception:   # noqa: BLE001 - not copyable: trace the original, restoring its mode
        m = model
    was = model.training
    try:
        m.eval()
        try:
            gm = torch.fx.symbolic_trace(m)
        except Exception as e:   # noqa: BLE001 - tracing runs user code
            raise UnsupportedError("torch.fx cannot trace %s: %s" % (type(model).__name__, str(e).split("\n")[0]))
        p = next(iter(gm.parameters()), None)
        dtype = p.dtype if p is not None and p.is_floating_point() else torch.float32
        try:
            with torch.no_grad():
                ShapeProp(gm).propagate(torch.zeros([2] + shape, dtype=dtype))
        except Exception as e:   # noqa: BLE001
            raise InputError("%s on an input of shape %s: %s" % (type(model).__name__, shape, str(e).split("\n")[0]))
        imp = _Tracer(torch, gm, GraphBuilder(max_denominator))
        net, rep = imp.run(shape, name, type(model).__name__)
    finally:
        model.train(was)
    return (net, rep) if report else net


def _meta_shape(node):
    tm = node.meta.get("tensor_meta")
    return None if tm is None or not hasattr(tm, "shape") else list(tm.shape)


class _Tracer:
    def __init__(self, torch, gm, builder):
        import torch.nn.functional as F
        self.torch, self.F, self.gm, self.b = torch, F, gm, builder
        nn = torch.nn
        self.modules = [
            (nn.Linear, self.m_linear), ((nn.Conv1d, nn.Conv2d), self.m_conv),
            ((nn.BatchNorm1d, nn.BatchNorm2d), self.m_bn), (nn.ReLU, self.m_relu),
            (nn.LeakyReLU, self.m_leaky), (nn.Hardtanh, self.m_hardtanh),   # ReLU6 is a Hardtanh
            ((nn.Identity, nn.Dropout, nn.Dropout1d if hasattr(nn, "Dropout1d") else nn.Dropout, nn.Dropout2d),
             self.m_identity),
            (nn.Flatten, self.m_reshape), ((nn.MaxPool1d, nn.MaxPool2d), self.m_maxpool),
            ((nn.AvgPool1d, nn.AvgPool2d), self.m_avgpool),
            ((nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d), self.m_adaptive),
            ((nn.Softmax, nn.LogSoftmax), self.m_softmax), (nn.Hardsigmoid, self.m_hardsigmoid)]
        self.functions = {
            operator.add: "add", torch.add: "add", operator.iadd: "add", operator.sub: "sub", torch.sub: "sub",
            operator.isub: "sub", operator.mul: "mul", torch.mul: "mul", operator.truediv: "div", torch.div: "div",
            operator.neg: "neg", torch.neg: "neg", torch.relu: "relu", F.relu: "relu", F.relu6: "relu6",
            F.hardtanh: "hardtanh", F.leaky_relu: "leaky_relu", torch.clamp: "clamp", torch.clip: "clamp",
            torch.abs: "abs", torch.cat: "cat", torch.flatten: "reshape", torch.reshape: "reshape",
            torch.squeeze: "reshape", torch.unsqueeze: "reshape", F.softmax: "softmax", torch.softmax: "softmax",
            F.log_softmax: "softmax", torch.log_softmax: "softmax", operator.getitem: "getitem",
            getattr: "getattr"}
        if hasattr(torch, "concat"):
            self.functions[torch.concat] = "cat"
        self.methods = {"add": "add", "add_": "add", "sub": "sub", "mul": "mul", "div": "div", "neg": "neg",
                        "relu": "relu", "clamp": "clamp", "clip": "clamp", "abs": "abs", "view": "reshape",
                        "reshape": "reshape", "flatten": "reshape", "squeeze": "reshape", "unsqueeze": "reshape",
                        "contiguous": "identity", "softmax": "softmax", "log_softmax": "softmax", "size": "other",
                        "dim": "other"}

    def run(self, shape, name, cls):
        env = self.env = {}
        outputs, input_name = None, None
        for n in self.gm.graph.nodes:
            self.n = n
            if n.op == "placeholder":
                if input_name is not None:
                    raise UnsupportedError('node "%s": a second input (one input tensor only)' % n.name)
                input_name = self.b.fresh(n.name)
                env[n] = Var(input_name, shape)
            elif n.op == "get_attr":
                obj = self.gm
                for part in n.target.split("."):
                    obj = getattr(obj, part)
                env[n] = Const(obj)
            elif n.op == "call_module":
                mod = self.gm.get_submodule(n.target)
                for types, f in self.modules:
                    if isinstance(mod, types):
                        f(n, mod)
                        break
                else:
                    self.refuse(type(mod).__name__)
            elif n.op in ("call_function", "call_method"):
                key = self.functions.get(n.target) if n.op == "call_function" else self.methods.get(n.target)
                if key is None:
                    self.refuse(getattr(n.target, "__name__", str(n.target)))
                getattr(self, "f_" + key)(n)
            elif n.op == "output":
                outs = n.args[0] if isinstance(n.args[0], (tuple, list)) else [n.args[0]]
                outputs = []
                for o in outs:
                    v = env.get(o)
                    if not isinstance(v, Var):
                        raise UnsupportedError("an output of %s does not depend on the input" % cls)
                    outputs.append(v.name)
        return self.b.finish(input_name, shape, outputs, "torch.fx (%s)" % cls, name=name,
                             meta={"torch": self.torch.__version__})

    # ------------------------------------------------------------------ helpers
    def refuse(self, what):
        low = what.lower().replace("_", "")   # Sigmoid, sigmoid, sigmoid_, LogSoftmax, log_softmax, ...
        if low in {k.replace("_", "") for k in NONLINEAR} or low in ("softmin", "rsqrt", "log1p", "expm1", "square"):
            raise InputError('node "%s": %s is not piecewise linear: the network format cannot represent it'
                             % (self.n.name, what))
        raise UnsupportedError('node "%s": %s is not supported' % (self.n.name, what))

    def err(self, msg):
        return InputError('node "%s": %s' % (self.n.name, msg))

    def unsup(self, msg):
        return UnsupportedError('node "%s": %s' % (self.n.name, msg))

    def var(self, a):
        v = self.env.get(a) if hasattr(a, "op") else None
        if not isinstance(v, Var):
            raise self.unsup("expected a tensor computed from the input, got %r" % (a,))
        return v

    def value(self, a):
        """Var, Const or Other of an argument (literals are constants)."""
        if hasattr(a, "op"):
            return self.env[a]
        return Const(a)

    def out_shape(self):
        s = _meta_shape(self.n)
        if s is None or not s or s[0] != 2:
            raise self.unsup("the result does not keep the batch axis (shape %s with a batch of 2)" % s)
        return s[1:]

    def emit(self, op, inputs, shape=None, **params):
        nm = self.b.node(self.n.name, op, [v.name for v in inputs], **params)
        self.env[self.n] = Var(nm, self.out_shape() if shape is None else shape)

    def alias(self, v):
        self.env[self.n] = v

    def where(self, what):
        return 'node "%s" %s' % (self.n.name, what)

    def arg(self, i, key, default=None):
        n = self.n
        if key in n.kwargs:
            return n.kwargs[key]
        return n.args[i] if len(n.args) > i else default

    def const_like(self, c, shape, what, f=None):
        """A constant operand against a tensor of shape `shape`: a written number or nested list
        (of f(exact value) when f is given)."""
        torch = self.torch
        f = f or (lambda q: q)
        v = c.value
        if not hasattr(v, "shape"):
            return self.b.number(f(exact(v, self.where(what))), self.where(what))
        t = torch.as_tensor(v).detach().double()
        if t.numel() == 1:
            return self.b.number(f(exact(t.reshape(-1)[0].item())), self.where(what))
        if t.dim() == len(shape) + 1:
            if t.shape[0] != 1:
                raise self.unsup("%s varies along the batch axis" % what)
            t = t[0]
        try:
            t = torch.broadcast_to(t, shape)
        except RuntimeError:
            raise self.unsup("%s of shape %s does not broadcast to %s" % (what, list(t.shape), shape))
        return self.b.tensor(_map(t.tolist(), lambda x: f(exact(x))), self.where(what))

    def spatial_one(self, v):
        v = list(v) if isinstance(v, (tuple, list)) else [v]
        return v[0] if len(set(v)) == 1 else v

    # ------------------------------------------------------------------ modules
    def m_linear(self, n, m):
        x = self.var(n.args[0])
        if len(x.shape) != 1:
            raise self.unsup("nn.Linear on a tensor of shape %s (flatten it first)" % x.shape)
        self.emit("dense", [x], weights=self.b.tensor(m.weight, self.where("weights")),
                  biases=None if m.bias is None else self.b.tensor(m.bias, self.where("biases")))

    def m_conv(self, n, m):
        x = self.var(n.args[0])
        nsp = m.weight.dim() - 2
        if m.padding_mode != "zeros":
            raise self.unsup("padding_mode %s (zeros only)" % m.padding_mode)
        pad = m.padding
        if isinstance(pad, str):
            if pad == "valid":
                pad = [0] * nsp
            else:   # "same": symmetric when every d (k - 1) is even, as torch pads then
                tot = [m.dilation[i] * (m.kernel_size[i] - 1) for i in range(nsp)]
                if any(t % 2 for t in tot):
                    raise self.unsup('padding="same" with an asymmetric padding')
                pad = [t // 2 for t in tot]
        self.emit("conv", [x], weights=self.b.tensor(m.weight, self.where("weights")),
                  biases=None if m.bias is None else self.b.tensor(m.bias, self.where("biases")),
                  stride=self.spatial_one(m.stride), padding=self.spatial_one(pad),
                  dilation=self.spatial_one(m.dilation), groups=m.groups)

    def m_bn(self, n, m):
        x = self.var(n.args[0])
        if m.running_mean is None or m.running_var is None:
            raise self.unsup("BatchNorm without running statistics (track_running_stats=False)")
        C = m.num_features
        gamma = m.weight.detach().double().tolist() if m.affine else [1.0] * C
        beta = m.bias.detach().double().tolist() if m.affine else [0.0] * C
        scale, shift = batch_norm_params(self.b, n.name, gamma, beta, m.running_mean.double().tolist(),
                                         m.running_var.double().tolist(), float(m.eps))
        self.emit("batch_norm", [x], scale=scale, shift=shift)

    def m_relu(self, n, m):
        self.emit("relu", [self.var(n.args[0])])

    def leaky(self, x, slope):
        s = self.b.number(float(slope), self.where("slope"))
        if s == 1:
            self.alias(x)
        else:
            self.emit("leaky_relu", [x], slope=s)

    def m_leaky(self, n, m):
        self.leaky(self.var(n.args[0]), m.negative_slope)

    def clamp(self, x, lo, hi):
        lo = None if lo is None else self.b.number(float(lo), self.where("min"))
        hi = None if hi is None else self.b.number(float(hi), self.where("max"))
        if lo is None and hi is None:
            self.alias(x)
            return
        if lo is not None and hi is not None and lo >= hi:
            raise self.unsup("clamp with min >= max")
        self.emit("clamp", [x], min=lo, max=hi)

    def m_hardtanh(self, n, m):
        self.clamp(self.var(n.args[0]), m.min_val, m.max_val)

    def m_hardsigmoid(self, n, m):
        """relu6(x + 3) / 6 = clamp(x / 6 + 1/2, 0, 1)."""
        x = self.var(n.args[0])
        lin = self.b.node(n.name + "_affine", "add", [x.name], coefficients=[Fraction(1, 6)], constant=Fraction(1, 2))
        self.env[n] = Var(self.b.node(n.name, "clamp", [lin], min=0, max=1), x.shape)

    def m_identity(self, n, m):
        self.alias(self.var(n.args[0]))

    def m_reshape(self, n, m):
        self.f_reshape(n)

    def m_maxpool(self, n, m):
        x = self.var(n.args[0])
        if m.ceil_mode or m.return_indices or any(d != 1 for d in _list(m.dilation)):
            raise self.unsup("max pooling with ceil_mode, return_indices or dilation")
        self.emit("max_pool", [x], kernel=self.spatial_one(m.kernel_size), stride=self.spatial_one(m.stride),
                  padding=self.spatial_one(m.padding) if any(_list(m.padding)) else None)

    def m_avgpool(self, n, m):
        x = self.var(n.args[0])
        if m.ceil_mode or getattr(m, "divisor_override", None) is not None:
            raise self.unsup("average pooling with ceil_mode or divisor_override")
        if any(_list(m.padding)) and not m.count_include_pad:
            raise self.unsup("average pooling with padding and count_include_pad=False")
        self.emit("avg_pool", [x], kernel=self.spatial_one(m.kernel_size), stride=self.spatial_one(m.stride),
                  padding=self.spatial_one(m.padding) if any(_list(m.padding)) else None)

    def m_adaptive(self, n, m):
        x = self.var(n.args[0])
        out = self.out_shape()
        sp, osp = x.shape[1:], out[1:]
        if all(o == 1 for o in osp):
            g = self.b.node(n.name if out == x.shape[:1] else n.name + "_pool", "global_avg_pool", [x.name])
            if out == x.shape[:1]:
                self.env[n] = Var(g, out)
            else:
                self.env[n] = Var(self.b.node(n.name, "reshape", [g], shape=out), out)
        elif all(s % o == 0 for s, o in zip(sp, osp)):
            k = [s // o for s, o in zip(sp, osp)]
            self.emit("avg_pool", [x], kernel=self.spatial_one(k))
        else:
            raise self.unsup("adaptive average pooling from %s to %s (windows of different sizes)" % (sp, osp))

    def m_softmax(self, n, m):
        self.f_softmax(n)

    # ------------------------------------------------------------------ functions and methods
    def f_add(self, n, sign=1):
        a, b = self.value(n.args[0]), self.value(n.args[1])
        alpha = n.kwargs.get("alpha", 1)
        if isinstance(a, Other) or isinstance(b, Other):
            raise self.unsup("arithmetic on sizes mixed with tensors")
        if isinstance(a, Var) and isinstance(b, Var):
            if a.shape != b.shape:
                raise self.unsup("broadcasting between %s and %s" % (a.shape, b.shape))
            co = None
            if sign != 1 or alpha != 1:
                co = [1, self.b.number(sign * exact(float(alpha)) if not isinstance(alpha, int) else sign * alpha,
                                       self.where("coefficients"))]
            self.emit("add", [a, b], coefficients=co)
            return
        if not isinstance(a, Var) and not isinstance(b, Var):
            raise self.unsup("arithmetic on constants only")
        if alpha != 1:
            raise self.unsup("alpha with a constant operand")
        x, c = (a, b) if isinstance(a, Var) else (b, a)
        if self.out_shape() != x.shape:
            raise self.unsup("the constant broadcasts the result to %s" % self.out_shape())
        cv = self.const_like(c, x.shape, "constant")
        if sign == 1:
            self.emit("add", [x], constant=cv)
        elif x is a:
            self.emit("add", [x], constant=_map(cv, lambda q: -q))
        else:
            self.emit("add", [x], coefficients=[-1], constant=cv)

    def f_sub(self, n):
        self.f_add(n, sign=-1)

    def f_mul(self, n, div=False):
        a, b = self.value(n.args[0]), self.value(n.args[1])
        if isinstance(a, Var) and isinstance(b, Var):
            raise self.err("a product of two tensors that depend on the input is not piecewise linear")
        if div and isinstance(b, Var):
            raise self.err("dividing by a tensor that depends on the input is not piecewise linear")
        if div and n.kwargs.get("rounding_mode") is not None:
            raise self.err("division with rounding is not piecewise linear (not continuous)")
        if not isinstance(a, Var) and not isinstance(b, Var):
            raise self.unsup("arithmetic on constants or sizes only")
        x, c = (a, b) if isinstance(a, Var) else (b, a)
        if isinstance(c, Other):
            raise self.unsup("arithmetic on sizes mixed with tensors")
        if self.out_shape() != x.shape:
            raise self.unsup("the factor broadcasts the result to %s" % self.out_shape())
        inv = None
        if div:
            vals = self.torch.as_tensor(c.value).detach().double()
            if (vals == 0).any():
                raise self.err("division by zero")
            inv = lambda q: 1 / q   # noqa: E731 - exact: x / c is x * (1/c) in the rationals
        self.emit("mul", [x], factor=self.const_like(c, x.shape, "factor", inv))

    def f_div(self, n):
        self.f_mul(n, div=True)

    def f_neg(self, n):
        self.emit("mul", [self.var(n.args[0])], factor=-1)

    def f_relu(self, n):
        self.emit("relu", [self.var(n.args[0])])

    def f_relu6(self, n):
        self.clamp(self.var(n.args[0]), 0, 6)

    def f_hardtanh(self, n):
        self.clamp(self.var(n.args[0]), self.arg(1, "min_val", -1.0), self.arg(2, "max_val", 1.0))

    def f_leaky_relu(self, n):
        self.leaky(self.var(n.args[0]), self.arg(1, "negative_slope", 0.01))

    def f_clamp(self, n):
        lo, hi = self.arg(1, "min"), self.arg(2, "max")
        if hasattr(lo, "op") or hasattr(hi, "op") or hasattr(lo, "shape") or hasattr(hi, "shape"):
            raise self.unsup("clamp with tensor bounds")
        self.clamp(self.var(n.args[0]), lo, hi)

    def f_abs(self, n):
        self.emit("abs", [self.var(n.args[0])])

    def f_cat(self, n):
        ts = [self.var(t) for t in self.arg(0, "tensors")]
        dim = self.arg(1, "dim", 0)
        r = len(ts[0].shape) + 1
        dim = dim + r if dim < 0 else dim
        if dim == 0:
            raise self.unsup("concatenation along the batch axis")
        self.emit("concat", ts, axis=dim - 1)

    def f_reshape(self, n):
        x = self.var(n.args[0])
        out = self.out_shape()
        if out == x.shape:
            self.alias(x)
        elif len(out) == 1:
            self.emit("flatten", [x])
        else:
            self.emit("reshape", [x], shape=out)

    def f_identity(self, n):
        self.alias(self.var(n.args[0]))

    def f_softmax(self, n):
        x = self.var(n.args[0])
        users = list(n.users)
        if len(users) == 1 and users[0].op == "output" and len(x.shape) == 1:
            self.b.warn('node "%s": final softmax dropped (monotone: the argmax is unchanged; the outputs are '
                        'its input, the logits)' % n.name)
            self.alias(x)
            return
        raise self.err("softmax is not piecewise linear: the network format cannot represent it (only a final "
                       "softmax over the output vector is dropped)")

    def f_other(self, n):
        self.env[n] = Other()

    def f_getattr(self, n):
        self.env[n] = Other()

    def f_getitem(self, n):
        if isinstance(self.env.get(n.args[0]), Other):
            self.env[n] = Other()
            return
        raise self.unsup("indexing or slicing a tensor is not supported")


def _list(v):
    return list(v) if isinstance(v, (tuple, list)) else [v]


def _map(v, f):
    return [_map(u, f) for u in v] if isinstance(v, list) else f(v)
