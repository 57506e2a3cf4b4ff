"""Format-2 import of PyTorch (torch.fx) and ONNX models, against torch in float64.

Every test exports a tiny model with random weights (fixed seeds), evaluates the exported JSON
exactly with the Fraction evaluator relucert.graph_ref (which shares no code with the importers)
at random points, and compares with the model itself run by torch in float64 (weights converted
to double: the same values): agreement within 1e-9 relative (the export is exact; torch rounds).
ONNX graphs are built with onnx.helper, the truth then being the same computation written with
torch.nn.functional, and with torch.onnx.export (offline)."""
import copy
import io
import json
import math
import os
from fractions import Fraction

import pytest

import relucert
from relucert import graph_ref

torch = pytest.importorskip("torch", reason="python3-torch is not installed: torch import not tested")
nn = torch.nn
F = torch.nn.functional


def close(got, want, tol=1e-9):
    scale = max([1.0] + [abs(w) for w in want])
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert abs(float(g) - w) <= tol * scale, (float(g), w)


def points(shape, k, seed):
    g = torch.Generator().manual_seed(seed)
    return [(torch.rand([1] + list(shape), generator=g, dtype=torch.float64) * 4 - 2) for _ in range(k)]


def roundtrip(d):
    """Through JSON text, as a file would be read."""
    return graph_ref.loads(json.dumps(d))


def randomize_bn(model, seed):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            m.running_mean.copy_(torch.rand(m.num_features, generator=g) * 2 - 1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.rand(m.num_features, generator=g) - 0.5)
    return model


def check_torch(model, shape, seed=0, k=3):
    model = randomize_bn(model, seed).eval()
    d, rep = relucert.from_torch(model, shape, report=True)
    assert rep["exact"] and d["format"] == "relucert-graph" and d["version"] == 2
    net = roundtrip(d)
    ref = copy.deepcopy(model).double().eval()
    for x in points(shape, k, seed + 100):
        with torch.no_grad():
            want = ref(x).reshape(-1).tolist()
        close(graph_ref.evaluate(net, x.reshape(-1).tolist()), want)
    return d


class Residual(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc1, self.bn, self.fc2 = nn.Linear(d, d), nn.BatchNorm1d(d), nn.Linear(d, d)

    def forward(self, x):
        return x + self.fc2(torch.relu(self.bn(self.fc1(x))))


class Arith(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 4)
        self.register_buffer("c", torch.tensor([0.5, -1.0, 2.0, 0.25]))

    def forward(self, x):
        y = self.fc(x)
        z = torch.add(y, y * 3, alpha=0.5) - 1.5
        z = z / 4 + self.c - (2 - y) * self.c
        return torch.cat([z, -y, torch.abs(y), y.clamp(-0.5, 0.5), F.leaky_relu(y, 0.2),
                          F.hardtanh(y), F.relu6(3 * y), torch.sub(y, z)], dim=1) / self.c.sum()


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(2, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.c2 = nn.Conv2d(4, 4, 3, stride=2, padding=1, dilation=1, groups=2)
        self.pool = nn.MaxPool2d(2, stride=1, padding=1)
        self.avg = nn.AvgPool2d(2, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4 + 4 * 2 * 2, 3)

    def forward(self, x):
        h = F.leaky_relu(self.bn(self.c1(x)), 0.1)
        h = torch.relu(self.c2(h))
        a = self.gap(self.pool(h)).flatten(1)
        b = self.avg(h).view(x.size(0), -1)
        return self.fc(torch.cat((a, b), 1))


class Conv1dNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Conv1d(2, 3, 3, dilation=2, padding=2)
        self.bn = nn.BatchNorm1d(3)
        self.mp = nn.MaxPool1d(2)
        self.ap = nn.AvgPool1d(3, stride=1, padding=1)
        self.fc = nn.Linear(9, 2)

    def forward(self, x):
        h = self.ap(self.mp(torch.relu(self.bn(self.c(x)))))
        return self.fc(torch.reshape(h, (-1, 9)))


CASES = [
    ("linear_relu", lambda: nn.Sequential(nn.Linear(2, 5), nn.ReLU(), nn.Linear(5, 3)), (2,)),
    ("residual_bn", lambda: nn.Sequential(nn.Linear(2, 4), Residual(4), Residual(4), nn.Linear(4, 3)), (2,)),
    ("activations", lambda: nn.Sequential(nn.Linear(3, 6), nn.LeakyReLU(0.05), nn.Linear(6, 6), nn.Hardtanh(-0.3, 0.7),
                                          nn.Linear(6, 6), nn.ReLU6(), nn.Identity(), nn.Dropout(0.5),
                                          nn.Linear(6, 2)), (3,)),
    ("arith", Arith, (3,)),
    ("conv2d", ConvNet, (2, 5, 5)),
    ("conv1d", Conv1dNet, (2, 7)),
    ("flatten_adaptive", lambda: nn.Sequential(nn.Conv2d(1, 2, 2), nn.AdaptiveAvgPool2d(2), nn.Flatten(),
                                               nn.Linear(8, 2)), (1, 5, 5)),
    ("hardsigmoid", lambda: nn.Sequential(nn.Linear(2, 4), nn.Hardsigmoid(), nn.Linear(4, 2)), (2,)),
    ("bn1d_channels", lambda: nn.Sequential(nn.Conv1d(1, 2, 2), nn.BatchNorm1d(2), nn.Flatten(), nn.Linear(6, 1)),
     (1, 4)),
]


@pytest.mark.parametrize("name,make,shape", CASES, ids=[c[0] for c in CASES])
def test_torch_ops(name, make, shape):
    torch.manual_seed(len(name))
    d = check_torch(make(), shape, seed=len(name))
    # exact means dyadic: every weight's denominator is a power of two (batch norm folded in float64 too)
    for n in d["nodes"]:
        for w in _numbers(n.get("weights", [])):
            assert Fraction(w).denominator & (Fraction(w).denominator - 1) == 0


def _numbers(v):
    if isinstance(v, list):
        for u in v:
            yield from _numbers(u)
    else:
        yield v


def test_torch_residual_structure():
    torch.manual_seed(0)
    d = relucert.from_torch(nn.Sequential(nn.Linear(2, 4), Residual(4)).eval(), (2,))
    adds = [n for n in d["nodes"] if n["op"] == "add"]
    assert len(adds) == 1 and len(adds[0]["inputs"]) == 2   # x + F(x): one add of two tensors
    assert "batch_norm folded in float64" in d["meta"]["batch_norm"]


def test_torch_batch_norm_exact_when_square():
    bn = nn.BatchNorm1d(3, eps=0.0)
    bn.running_var.copy_(torch.tensor([0.25, 4.0, 2.25]))
    bn.running_mean.copy_(torch.tensor([0.5, -1.0, 0.125]))
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([1.0, 3.0, -0.5]))
        bn.bias.copy_(torch.tensor([0.0, 0.75, 1.0]))
    d = relucert.from_torch(nn.Sequential(bn).eval(), (3,))
    node = d["nodes"][0]
    assert node["op"] == "batch_norm" and "batch_norm" not in d["meta"]
    assert [Fraction(s) for s in node["scale"]] == [2, Fraction(3, 2), Fraction(-1, 3)]
    assert [Fraction(s) for s in node["shift"]] == [-1, Fraction(9, 4), Fraction(25, 24)]


def test_torch_rounding_reports_exact_error():
    torch.manual_seed(3)
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
    Q = 50
    d, rep = relucert.from_torch(model, (2,), max_denominator=Q, report=True)
    exact = [Fraction(v) for p in model.parameters() for v in p.detach().double().reshape(-1).tolist()]
    worst = max(abs(q - q.limit_denominator(Q)) for q in exact)
    assert rep["max_error"] == worst and Fraction(d["meta"]["max_rounding_error"]) == worst
    assert 0 < worst <= Fraction(1, 2 * Q)
    assert all(Fraction(w).denominator <= Q for n in d["nodes"] for k in ("weights", "biases")
               for w in _numbers(n.get(k, [])))


def test_torch_path_and_fx_not_sequential(tmp_path):
    torch.manual_seed(0)
    p = tmp_path / "net.json"
    d = relucert.from_torch(Residual(2).eval(), (2,), path=str(p))
    assert graph_ref.load(str(p))["nodes"] == roundtrip(d)["nodes"]


# ----------------------------------------------------------------------------- refusals
def test_torch_refuses_nonlinear_by_name():
    m = nn.Sequential(nn.Linear(2, 3), nn.Sigmoid(), nn.Linear(3, 1))
    with pytest.raises(relucert.InputError, match='node "_1": Sigmoid is not piecewise linear'):
        relucert.from_torch(m, (2,))

    class T(nn.Module):
        def forward(self, x):
            return torch.tanh(x) + 1
    with pytest.raises(relucert.InputError, match='node "tanh": tanh is not piecewise linear'):
        relucert.from_torch(T(), (2,))

    class Mid(nn.Module):
        def forward(self, x):
            return torch.softmax(x, dim=1) * 2
    with pytest.raises(relucert.InputError, match='node "softmax": softmax is not piecewise linear'):
        relucert.from_torch(Mid(), (2,))

    class Prod(nn.Module):
        def forward(self, x):
            return x * x
    with pytest.raises(relucert.InputError, match="not piecewise linear"):
        relucert.from_torch(Prod(), (2,))


def test_torch_unsupported_is_unsupported():
    with pytest.raises(relucert.UnsupportedError, match="GRU is not supported"):
        relucert.from_torch(nn.Sequential(nn.GRU(2, 2)), (3, 2))

    class Exp(nn.Module):   # "expand" is not "exp": unsupported (exit 3), not refused as nonlinear
        def forward(self, x):
            return x.expand(2, 3)
    with pytest.raises(relucert.UnsupportedError, match='node "expand": expand is not supported'):
        relucert.from_torch(Exp(), (3,))


def test_torch_final_softmax_dropped():
    torch.manual_seed(5)
    m = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3), nn.LogSoftmax(dim=1)).eval()
    d, rep = relucert.from_torch(m, (2,), report=True)
    assert len(rep["warnings"]) == 1 and "final softmax dropped" in rep["warnings"][0]
    assert d["meta"]["warnings"] == rep["warnings"]
    net = roundtrip(d)
    for x in points((2,), 3, 9):
        logits = graph_ref.evaluate(net, x.reshape(-1).tolist())
        with torch.no_grad():
            want = m.double()[:3](x).reshape(-1).tolist()
            probs = m.double()(x).reshape(-1).tolist()
        close(logits, want)
        assert max(range(3), key=lambda i: logits[i]) == max(range(3), key=lambda i: probs[i])


# ----------------------------------------------------------------------------- ONNX
onnx = pytest.importorskip("onnx", reason="python3-onnx is not installed: ONNX import not tested")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
import numpy as np  # noqa: E402


def rnd(seed, *shape):
    return np.random.RandomState(seed).uniform(-1, 1, size=shape).astype(np.float32)


def onnx_model(nodes, in_shape, out_shape, inits, opset=13):
    g = helper.make_graph(nodes, "t", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1] + list(in_shape))],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, out_shape)],
                          [numpy_helper.from_array(v, k) for k, v in inits.items()])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="test")
    onnx.checker.check_model(m)
    return m


def T(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


def check_onnx(model, in_shape, fn, seed=0, k=3, tol=1e-9):
    d, rep = relucert.graph_from_onnx(model, report=True)
    assert rep["exact"]
    net = roundtrip(d)
    for x in points(in_shape, k, seed + 50):
        close(graph_ref.evaluate(net, x.reshape(-1).tolist()), fn(x).reshape(-1).tolist(), tol)
    return d


W34, B4 = rnd(1, 3, 4), rnd(2, 4)
CW, CB = rnd(3, 4, 2, 3, 3), rnd(4, 4)
ONNX_CASES = [
    ("Gemm", [helper.make_node("Gemm", ["x", "W", "b"], ["y"], alpha=0.5, beta=2.0, transB=1)], (4,),
     {"W": W34, "b": rnd(5, 3)}, lambda x: 0.5 * x @ T(W34).T + 2.0 * T(rnd(5, 3))),
    ("MatMul_Add", [helper.make_node("MatMul", ["x", "W"], ["h"]), helper.make_node("Add", ["h", "b"], ["y"])], (3,),
     {"W": W34, "b": B4}, lambda x: x @ T(W34) + T(B4)),
    ("Sub_Mul_Div", [helper.make_node("Sub", ["c", "x"], ["h"]), helper.make_node("Mul", ["h", "c"], ["h2"]),
                     helper.make_node("Div", ["h2", "s"], ["h3"]), helper.make_node("Sub", ["h3", "x"], ["y"])], (4,),
     {"c": B4, "s": np.array(3.0, np.float32)}, lambda x: (T(B4) - x) * T(B4) / 3.0 - x),
    ("activations", [helper.make_node("Relu", ["x"], ["a"]), helper.make_node("LeakyRelu", ["x"], ["b"], alpha=0.3),
                     helper.make_node("Abs", ["x"], ["c"]), helper.make_node("Clip", ["x", "lo", "hi"], ["d"]),
                     helper.make_node("Identity", ["d"], ["e"]),
                     helper.make_node("Concat", ["a", "b", "c", "e"], ["y"], axis=1)], (3,),
     {"lo": np.array(-0.5, np.float32), "hi": np.array(0.25, np.float32)},
     lambda x: torch.cat([F.relu(x), F.leaky_relu(x, float(np.float32(0.3))), x.abs(), x.clamp(-0.5, 0.25)], 1)),
    ("Conv_BN_pools", [helper.make_node("Conv", ["x", "W", "B"], ["c"], pads=[1, 1, 1, 1], strides=[1, 1]),
                       helper.make_node("BatchNormalization", ["c", "g", "be", "mu", "var"], ["bn"], epsilon=1e-3),
                       helper.make_node("MaxPool", ["bn"], ["mp"], kernel_shape=[2, 2], strides=[1, 1]),
                       helper.make_node("AveragePool", ["mp"], ["ap"], kernel_shape=[2, 2], pads=[1, 1, 1, 1],
                                        count_include_pad=1),
                       helper.make_node("GlobalAveragePool", ["ap"], ["gp"]),
                       helper.make_node("Flatten", ["gp"], ["y"])], (2, 4, 4),
     {"W": CW, "B": CB, "g": rnd(6, 4) + 1.5, "be": rnd(7, 4), "mu": rnd(8, 4), "var": rnd(9, 4) + 1.5},
     lambda x: F.avg_pool2d(F.max_pool2d(F.batch_norm(F.conv2d(x, T(CW), T(CB), padding=1), T(rnd(8, 4)),
                                                      T(rnd(9, 4) + 1.5), T(rnd(6, 4) + 1.5), T(rnd(7, 4)),
                                                      eps=float(np.float32(1e-3))), 2, 1), 2, padding=1,
                            count_include_pad=True).mean((2, 3))),
    ("Reshape_Flatten", [helper.make_node("Reshape", ["x", "shape"], ["r"]),
                         helper.make_node("Conv", ["r", "W1"], ["c"], group=2),
                         helper.make_node("Flatten", ["c"], ["y"], axis=1)], (8,),
     {"shape": np.array([1, 2, 4], np.int64), "W1": rnd(10, 2, 1, 2)},
     lambda x: F.conv1d(x.reshape(1, 2, 4), T(rnd(10, 2, 1, 2)), groups=2).flatten(1)),
]

ONNX_CASES.append(
    ("misc", [helper.make_node("Unsqueeze", ["x", "ax"], ["u"]),            # [1, 6] -> [1, 1, 6]
              helper.make_node("Pad", ["u", "pads"], ["pd"]),               # zeros: [1, 1, 8]
              helper.make_node("MaxPool", ["pd"], ["mp"], kernel_shape=[3], strides=[1], pads=[1, 1]),
              helper.make_node("Squeeze", ["mp", "ax"], ["sq"]),             # [1, 8]
              helper.make_node("Dropout", ["sq"], ["dr"]),
              helper.make_node("PRelu", ["dr", "slope"], ["pr"]),
              helper.make_node("HardSigmoid", ["pr"], ["hs"], alpha=0.25, beta=0.5),
              helper.make_node("Neg", ["sq"], ["ng"]),
              helper.make_node("Sum", ["hs", "ng", "sq"], ["y"])], (6,),
     {"ax": np.array([1], np.int64), "pads": np.array([0, 0, 1, 0, 0, 1], np.int64),
      "slope": np.array([0.125], np.float32)},
     lambda x: (lambda sq: torch.clamp(0.25 * F.leaky_relu(sq, 0.125) + 0.5, 0, 1) - sq + sq)(
         F.max_pool1d(F.pad(x[:, None, :], (1, 1)), 3, 1, padding=1)[:, 0, :])))

ONNX_CASES.append(
    ("Pad2d_AveragePool", [helper.make_node("Pad", ["x", "pads"], ["p"]),
                           helper.make_node("AveragePool", ["p"], ["y"], kernel_shape=[2, 3], strides=[1, 2])],
     (2, 3, 4), {"pads": np.array([0, 0, 1, 2, 0, 0, 1, 2], np.int64)},
     lambda x: F.avg_pool2d(F.pad(x, (2, 2, 1, 1)), (2, 3), (1, 2))))


@pytest.mark.parametrize("name,nodes,shape,inits,fn", ONNX_CASES, ids=[c[0] for c in ONNX_CASES])
def test_onnx_helper_ops(name, nodes, shape, inits, fn):
    out = list(fn(torch.zeros([1] + list(shape), dtype=torch.float64)).shape)
    check_onnx(onnx_model(nodes, shape, out, inits), shape, fn)


def test_onnx_clip_opset6_attributes():
    m = onnx_model([helper.make_node("Clip", ["x"], ["y"], min=-0.25, max=0.5)], (3,), [1, 3], {}, opset=6)
    check_onnx(m, (3,), lambda x: x.clamp(-0.25, 0.5))


def export_onnx(model, shape):
    f = io.BytesIO()
    torch.onnx.export(model, torch.zeros([1] + list(shape)), f, opset_version=13)
    return onnx.load_from_string(f.getvalue())


TORCH_ONNX = [c for c in CASES if c[0] in ("linear_relu", "residual_bn", "activations", "arith", "conv2d", "conv1d",
                                           "flatten_adaptive")]


@pytest.mark.parametrize("name,make,shape", TORCH_ONNX, ids=[c[0] for c in TORCH_ONNX])
def test_onnx_from_torch_export(name, make, shape):
    torch.manual_seed(len(name))
    model = randomize_bn(make(), len(name)).eval()
    m = export_onnx(model, shape)
    ref = copy.deepcopy(model).double().eval()
    for mod in ref.modules():   # ONNX attributes are float32: the file's epsilon, slopes are those
        if isinstance(mod, (nn.BatchNorm1d, nn.BatchNorm2d)):
            mod.eps = float(np.float32(mod.eps))
        if isinstance(mod, nn.LeakyReLU):
            mod.negative_slope = float(np.float32(mod.negative_slope))
    # torch.onnx.export fuses Conv + BatchNorm into the Conv's weights, rounded to float32: the file
    # then holds a (slightly) different function than the model, and only float32 accuracy is due
    fused = any(n.op_type == "Conv" for n in m.graph.node) and any(
        isinstance(mod, (nn.BatchNorm1d, nn.BatchNorm2d)) for mod in model.modules())
    d = check_onnx(m, shape, lambda x: ref(x).detach(), seed=len(name), tol=1e-6 if fused else 1e-9)
    # and the fx export of the same module computes the same function, exactly where the ONNX file
    # holds the same numbers (no batch norm eps, leaky slope or clamp bound rounded to float32)
    fx = roundtrip(relucert.from_torch(model, shape))
    if name in ("linear_relu", "flatten_adaptive"):
        for x in points(shape, 2, 7):
            assert graph_ref.evaluate(roundtrip(d), x.reshape(-1).tolist()) == graph_ref.evaluate(fx, x.reshape(-1).tolist())


def test_onnx_refusals():
    m = onnx_model([helper.make_node("Relu", ["x"], ["a"]), helper.make_node("Sigmoid", ["a"], ["s"], name="sig"),
                    helper.make_node("Relu", ["s"], ["y"])], (2,), [1, 2], {})
    with pytest.raises(relucert.InputError, match='ONNX node "sig": Sigmoid is not piecewise linear'):
        relucert.graph_from_onnx(m)
    m = onnx_model([helper.make_node("Mul", ["x", "x"], ["y"], name="sq")], (2,), [1, 2], {})
    with pytest.raises(relucert.InputError, match='ONNX node "sq": a product'):
        relucert.graph_from_onnx(m)
    m = onnx_model([helper.make_node("Transpose", ["x"], ["y"], perm=[0, 2, 1], name="tr")], (2, 3), [1, 3, 2], {})
    with pytest.raises(relucert.UnsupportedError, match='ONNX node "tr": operator Transpose'):
        relucert.graph_from_onnx(m)


def test_onnx_final_softmax_dropped():
    m = onnx_model([helper.make_node("Gemm", ["x", "W"], ["h"]), helper.make_node("Softmax", ["h"], ["y"], axis=1)],
                   (3,), [1, 4], {"W": W34})
    d, rep = relucert.graph_from_onnx(m, report=True)
    assert len(rep["warnings"]) == 1 and "final Softmax dropped" in rep["warnings"][0]
    close(graph_ref.evaluate(roundtrip(d), [1, 2, 3]), (T([[1, 2, 3]]) @ T(W34)).reshape(-1).tolist())
    assert not math.isnan(float(rep["max_error"]))


# ----------------------------------------------------------------------------- the C reader
def rational_points(dim, k, seed):
    r = np.random.RandomState(seed)
    return [[Fraction(int(r.randint(-40, 41)), int(r.randint(1, 13))) for _ in range(dim)] for _ in range(k)]


def exported_networks():
    for name, make, shape in CASES:
        torch.manual_seed(len(name))
        yield "torch-" + name, relucert.from_torch(randomize_bn(make(), len(name)).eval(), shape)
    for name, nodes, shape, inits, fn in ONNX_CASES:
        out = list(fn(torch.zeros([1] + list(shape), dtype=torch.float64)).shape)
        yield "onnx-" + name, relucert.graph_from_onnx(onnx_model(nodes, shape, out, inits))
    torch.manual_seed(2)
    yield "torch-rounded", relucert.from_torch(randomize_bn(CASES[1][1](), 2).eval(), (2,), max_denominator=97)
    yield "onnx-tiny-rounded", relucert.graph_from_onnx(os.path.join(os.path.dirname(__file__), "data", "tiny.onnx"),
                                                        max_denominator=10)


def test_cli_eval_equals_fraction_evaluator(cli, tmp_path):
    """`relucert eval NET --at x` (the C reader, its lowering and its evaluator) on every exported
    network equals the Fraction evaluator exactly, and so does the binding's Network.eval (through
    the lowering, or the graph itself when a max over more than two entries has none)."""
    import subprocess
    for name, d in exported_networks():
        path = tmp_path / (name + ".json")
        path.write_text(json.dumps(d))
        net = roundtrip(d)
        dim = math.prod(d["input"]["shape"])
        bound = relucert.Network.from_json(json.dumps(d))   # a max of > 2 entries: evaluated without lowering
        for x in rational_points(dim, 2, len(name)):
            want = graph_ref.evaluate(net, x)
            at = ",".join(str(v) for v in x)
            p = subprocess.run([cli, "eval", str(path), "--at", at, "--json"], capture_output=True, text=True,
                               timeout=120)
            assert p.returncode == 0, (name, p.stderr)
            got = [Fraction(v) for v in json.loads(p.stdout)["output"]]
            assert got == want, (name, x)
            assert bound.eval(x)["output"] == want, name
