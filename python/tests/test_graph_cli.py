"""relucert-export onnx / torch FILE.py:FACTORY on the command line, and the Fraction evaluator
relucert.graph_ref itself against values computed by hand."""
import json
import os
import subprocess
import sys
from fractions import Fraction

import pytest

from relucert import graph_ref

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORT = os.path.join(HERE, "..", "relucert-export")

MODEL_PY = '''
import torch
nn = torch.nn


class Res(nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.out = nn.Linear(2, 3), nn.Linear(3, 2), nn.Linear(2, 3)

    def forward(self, x):
        return torch.softmax(self.out(x + self.b(torch.relu(self.a(x)))), dim=-1)


def make():
    torch.manual_seed(0)
    return Res().eval()


def with_shape():
    return make(), (2,)


def sigmoid():
    return nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1)), (2,)


def gru():
    return nn.Sequential(nn.GRU(2, 2)), (3, 2)
'''


def run_process(*args, **kw):
    return subprocess.run([sys.executable, EXPORT] + [str(a) for a in args], capture_output=True, text=True,
                          timeout=120, **kw)


class Result:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run(*args):
    """relucert-export's main() in this process (importing torch once per process is the slow part);
    test_cli_refusals runs the real script too."""
    import contextlib
    import importlib.machinery
    import importlib.util
    import io
    loader = importlib.machinery.SourceFileLoader("relucert_export_script", EXPORT)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            mod.main([str(a) for a in args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    return Result(code, out.getvalue(), err.getvalue())


# ----------------------------------------------------------------------------- graph_ref by hand
def test_ref_format_example():
    net = graph_ref.loads(json.dumps({
        "format": "relucert-graph", "version": 2, "input": {"name": "x", "shape": [2]},
        "nodes": [{"name": "fc1", "op": "dense", "inputs": ["x"], "weights": [[1, 2], [3, "1/2"]], "biases": [0, 1]},
                  {"name": "act1", "op": "relu", "inputs": ["fc1"]},
                  {"name": "fc2", "op": "dense", "inputs": ["act1"], "weights": [[1, -1], [0, 1]]},
                  {"name": "res", "op": "add", "inputs": ["x", "fc2"]},
                  {"name": "out", "op": "dense", "inputs": ["res"], "weights": [[1, 1], [1, -1], [0, 2]],
                   "biases": [0, 0, 1]}],
        "outputs": ["out"]}))
    # x = (1, -1): fc1 = (-1, 7/2), act1 = (0, 7/2), fc2 = (-7/2, 7/2), res = (-5/2, 5/2)
    assert graph_ref.evaluate(net, [1, -1]) == [0, -5, 6]
    # fc1 = (1/10, 13/10) = act1, fc2 = (-6/5, 13/10), res = (-11/10, 13/10)
    assert graph_ref.evaluate(net, ["0.1", 0]) == [Fraction(1, 5), Fraction(-12, 5), Fraction(18, 5)]


def g(nodes, shape, outputs):
    return {"format": "relucert-graph", "version": 2, "input": {"name": "x", "shape": shape}, "nodes": nodes,
            "outputs": outputs}


def test_ref_pooling_and_units():
    x = [1, -2, 3, -4, 5, -6]   # [1, 2, 3]: one channel, 2 x 3
    net = g([{"name": "mp", "op": "max_pool", "inputs": ["x"], "kernel": 2, "stride": 2, "padding": 1},
             {"name": "ap", "op": "avg_pool", "inputs": ["x"], "kernel": [1, 2], "stride": 1, "padding": [0, 1]},
             {"name": "sp", "op": "sum_pool", "inputs": ["x"], "kernel": [2, 3]},
             {"name": "gp", "op": "global_avg_pool", "inputs": ["x"]},
             {"name": "cl", "op": "clamp", "inputs": ["x"], "min": -3, "max": None},
             {"name": "lr", "op": "leaky_relu", "inputs": ["x"], "slope": "1/2"},
             {"name": "ab", "op": "abs", "inputs": ["x"]},
             {"name": "mx", "op": "max", "inputs": ["x"], "groups": [[1, 3], [0, 5, 4]]},
             {"name": "mu", "op": "mul", "inputs": ["x"], "factor": [[[1, 0, 2], [0, "1/2", 1]]]},
             {"name": "ad", "op": "add", "inputs": ["x", "lr"], "coefficients": [2, -1], "constant": 1}],
          [1, 2, 3], ["mp", "ap", "sp", "gp", "cl", "lr", "ab", "mx", "mu", "ad"])
    v = graph_ref.evaluate_nodes(g_loaded(net), x)
    # padded entries never win: windows {1}, {-2, 3}, {-4}, {5, -6}
    assert v["mp"] == ([1, 2, 2], [1, 3, -4, 5])
    # padding zeros count in the average (1 x 2 windows over rows padded to 0 1 -2 3 0, 0 -4 5 -6 0)
    assert v["ap"][0] == [1, 2, 4] and v["ap"][1] == [Fraction(1, 2), Fraction(-1, 2), Fraction(1, 2), Fraction(3, 2),
                                                         -2, Fraction(1, 2), Fraction(-1, 2), -3]
    assert v["sp"] == ([1, 1, 1], [-3])
    assert v["gp"] == ([1], [Fraction(-1, 2)])
    assert v["cl"][1] == [1, -2, 3, -3, 5, -3]
    assert v["lr"][1] == [1, -1, 3, -2, 5, -3]
    assert v["ab"][1] == [1, 2, 3, 4, 5, 6]
    assert v["mx"] == ([2], [-2, 5])
    assert v["mu"][1] == [1, 0, 6, 0, Fraction(5, 2), -6]
    assert v["ad"][1] == [2 * a - b + 1 for a, b in zip(x, [1, -1, 3, -2, 5, -3])]


def g_loaded(net):
    return graph_ref.loads(json.dumps(net))


def test_ref_conv_bn_concat_reshape():
    # 1D conv by hand: weights [1, 1, 2] = (1, -1), padding 1: (x0, x1-x0, x2-x1, -x2) ... shifted
    net = g([{"name": "c", "op": "conv", "inputs": ["x"], "weights": [[[1, -1]]], "biases": ["1/2"], "padding": 1},
             {"name": "bn", "op": "batch_norm", "inputs": ["c"], "gamma": [2], "beta": [1], "mean": [1],
              "var": ["3/4"], "epsilon": "1/4"},
             {"name": "cat", "op": "concat", "inputs": ["c", "bn"], "axis": 0},
             {"name": "r", "op": "reshape", "inputs": ["cat"], "shape": [-1, 2]},
             {"name": "f", "op": "flatten", "inputs": ["r"]}], [1, 3], ["r", "f"])
    v = graph_ref.evaluate_nodes(g_loaded(net), [1, 2, 4])
    # out[i] = x[i-1] - x[i] + 1/2 with zeros outside: (-1, -1, -2, 4) + 1/2
    assert v["c"] == ([1, 4], [Fraction(-1, 2), Fraction(-1, 2), Fraction(-3, 2), Fraction(9, 2)])
    assert v["bn"][1] == [2 * (c - 1) + 1 for c in v["c"][1]]   # sqrt(3/4 + 1/4) = 1
    assert v["r"][0] == [4, 2] and v["f"][0] == [8] and v["f"][1] == v["c"][1] + v["bn"][1]
    bad = g([{"name": "bn", "op": "batch_norm", "inputs": ["x"], "gamma": [1], "beta": [0], "mean": [0],
              "var": [2], "epsilon": 0}], [1, 1], ["bn"])
    with pytest.raises(graph_ref.GraphError, match="not the square of a rational"):
        graph_ref.evaluate(g_loaded(bad), [1])


def test_ref_v1_shortcuts():
    net = {"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, -1]},
                                      {"weights": [[1, 1]], "biases": [0],
                                       "shortcuts": [{"from": "input", "weights": [[1, -1]]}]}]}
    assert graph_ref.evaluate(net, [3, 5]) == [3 + 4 + 3 - 5]


# ----------------------------------------------------------------------------- the CLI
torch = pytest.importorskip("torch", reason="python3-torch is not installed: relucert-export torch not tested")


@pytest.fixture
def model_py(tmp_path):
    p = tmp_path / "model.py"
    p.write_text(MODEL_PY)
    return str(p)


def test_cli_torch_factory(model_py, tmp_path):
    out = tmp_path / "net.json"
    p = run("torch", model_py + ":make", "--input-shape", "2", "-o", out)
    assert p.returncode == 0, p.stderr
    assert "warning:" in p.stderr and "final softmax dropped" in p.stderr
    net = graph_ref.load(str(out))
    assert net["format"] == "relucert-graph" and [n["op"] for n in net["nodes"]] == \
        ["dense", "relu", "dense", "add", "dense"]
    # deterministic bytes; the factory's own shape gives the same file
    out2 = tmp_path / "net2.json"
    assert run("torch", model_py + ":with_shape", "-o", out2).returncode == 0
    assert out.read_bytes() == out2.read_bytes()
    sys.path.insert(0, str(tmp_path))
    try:
        import model as user_model
    finally:
        sys.path.pop(0)
        sys.modules.pop("model", None)
    m = user_model.make().double()
    x = torch.tensor([[0.25, -1.5]], dtype=torch.float64)
    with torch.no_grad():
        logits = m.out(x + m.b(torch.relu(m.a(x)))).reshape(-1).tolist()
    got = graph_ref.evaluate(net, x.reshape(-1).tolist())
    assert all(abs(float(a) - b) <= 1e-12 for a, b in zip(got, logits))


def test_cli_torch_pt_with_shape(model_py, tmp_path):
    sys.path.insert(0, str(tmp_path))   # the pickled module's class lives in model.py
    try:
        import model as user_model
        pt = tmp_path / "m.pt"
        torch.save(user_model.make(), str(pt))
        p = run("torch", pt, "--input-shape", "2")
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout)["version"] == 2
        p = run("torch", pt)   # not a Sequential, no shape: told what to do
        assert p.returncode == 2 and "--input-shape" in p.stderr
    finally:
        sys.path.pop(0)
        sys.modules.pop("model", None)


def test_cli_refusals(model_py):
    p = run_process("torch", model_py + ":sigmoid")   # the real script: exit codes of a process
    assert p.returncode == 2 and p.stderr.startswith("relucert-export: ")
    assert 'node "_1": Sigmoid is not piecewise linear' in p.stderr and len(p.stderr.splitlines()) == 1
    p = run("torch", model_py + ":gru")
    assert p.returncode == 3 and "GRU is not supported" in p.stderr
    p = run("torch", model_py + ":make")
    assert p.returncode == 2 and "--input-shape" in p.stderr
    p = run("torch", model_py + ":nothere", "--input-shape", "2")
    assert p.returncode == 2 and "no function nothere" in p.stderr
    p = run("torch", model_py + ":make", "--input-shape", "2,x")
    assert p.returncode == 2 and "--input-shape" in p.stderr


def test_cli_onnx(model_py, tmp_path):
    pytest.importorskip("onnx", reason="python3-onnx is not installed")
    sys.path.insert(0, str(tmp_path))
    try:
        import model as user_model
    finally:
        sys.path.pop(0)
        sys.modules.pop("model", None)
    f = tmp_path / "m.onnx"
    torch.onnx.export(user_model.make(), torch.zeros(1, 2), str(f))
    p = run("onnx", f, "--max-denominator", 64)
    assert p.returncode == 0, p.stderr
    net = json.loads(p.stdout)
    assert "final Softmax dropped" in p.stderr and "rounded to denominators <= 64" in p.stderr
    err = Fraction(net["meta"]["max_rounding_error"])
    assert 0 < err <= Fraction(1, 128) and "max |w - w_Q| = %s" % net["meta"]["max_rounding_error"] in p.stderr
    assert all(Fraction(w).denominator <= 64 for n in net["nodes"] for row in n.get("weights", []) for w in row)
    from onnx import TensorProto, helper
    g = helper.make_graph([helper.make_node("Relu", ["x"], ["a"], name="r"),
                           helper.make_node("Tanh", ["a"], ["y"], name="squash")], "t",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])])
    bad = tmp_path / "tanh.onnx"
    bad.write_bytes(helper.make_model(g).SerializeToString())
    p = run("onnx", bad, "-o", tmp_path / "never.json")
    assert p.returncode == 2 and 'ONNX node "squash": Tanh is not piecewise linear' in p.stderr
    assert not (tmp_path / "never.json").exists()
    p = run("onnx", tmp_path / "missing.onnx")
    assert p.returncode == 2 and "missing.onnx" in p.stderr
    p = run("onnx", f, "--max-denominator", 0)
    assert p.returncode == 2


def test_readme_export_commands(tmp_path):
    """The README's relucert-export lines run as written (from a scratch directory that sees python/)."""
    src = os.path.join(HERE, "..", "..")
    with open(os.path.join(src, "README.md")) as f:
        lines = [ln[4:].rstrip("\n") for ln in f if ln.startswith("    PYTHONPATH=python python/relucert-export ")]
    assert len(lines) >= 3
    os.symlink(os.path.abspath(os.path.join(src, "python")), str(tmp_path / "python"))
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    for i, ln in enumerate(lines):
        if i == 0:   # as written, through the shell; the others in this process (torch imported once)
            p = subprocess.run(["sh", "-c", ln], cwd=str(tmp_path), capture_output=True, text=True, timeout=300,
                               env=env)
        else:
            args = ln.split()[2:]
            cwd = os.getcwd()
            os.chdir(str(tmp_path))
            try:
                p = run(*args)
            finally:
                os.chdir(cwd)
        assert p.returncode == 0, (ln, p.stderr)
        out = ln.split(" -o ")[1].split()[0]
        net = graph_ref.load(str(tmp_path / out))
        assert net["version"] == 2 and graph_ref.evaluate(net, [0, 0])


def test_help_examples_run(tmp_path):
    """relucert-export --help's examples (from the source root), output files redirected to tmp_path."""
    h = run("--help")
    assert h.returncode == 0
    ex = h.stdout.split("\nexamples:\n")[1].split("\n\n")[0]
    lines = [ln.strip() for ln in ex.splitlines() if ln.strip().startswith("relucert-export ")]
    assert len(lines) == 2
    cwd = os.getcwd()
    os.chdir(os.path.join(HERE, "..", ".."))
    try:
        for ln in lines:
            args = [a.replace("/tmp/", str(tmp_path) + "/") for a in ln.split()[1:]]
            p = run(*args)
            assert p.returncode == 0, (ln, p.stderr)
            assert graph_ref.load(args[args.index("-o") + 1])["version"] == 2
    finally:
        os.chdir(cwd)
