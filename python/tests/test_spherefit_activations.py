"""relucert sphere-fit --activation leaky|abs|hardtanh against an independent computation: the
fitted graph (--out) rewritten by hand, in Fractions, as a plain ReLU network without shortcuts
(leaky z = relu(z) - a relu(-z), |z| = relu(z) + relu(-z), hardtanh z = relu(z + 1) - relu(z - 1) - 1:
two neurons per unit, not the library's lowering), checked equal to the graph by the Fraction
evaluator relucert.graph_ref at random points, and its level set {N <= 1} computed by `relucert
levelset`: the same regions, pieces, convexity and, when a polytope, the same f-vector, type and
|v|^2 range as sphere-fit reports. Smooth activations: the float level set is labelled floating
point in the JSON and the figure, its sample count is recomputed from the float weights, and a
good fit of |x| gives a boundary near the unit circle."""
import json
import math
import os
import random
import subprocess
from fractions import Fraction

import pytest

from conftest import CLI
from relucert import graph_ref


@pytest.fixture
def cli():
    if not os.path.exists(CLI):
        pytest.skip("relucert not built")
    return CLI


def run(*args):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, (args, p.stderr)
    return p.stdout


def relu_equivalent(g):
    """The graph dense -> unit -> ... -> dense as a version-1 ReLU network: hidden layer j has
    neurons u = (z, -z) (leaky, abs) or (z + 1, z - 1) (clamp to [-1, 1]), and the unit's value is
    h = M relu(u) + c with M = [I, -a I], [I, I] or [I, -I] and c = 0 or -1."""
    nodes = {n["name"]: n for n in g["nodes"]}
    dense = [n for n in g["nodes"] if n["op"] == "dense"]
    unit = [n for n in g["nodes"] if n["op"] != "dense"][0]
    op = unit["op"]
    assert all(n["op"] == op for n in g["nodes"] if n["op"] != "dense")
    assert op != "clamp" or (Fraction(unit["min"]), Fraction(unit["max"])) == (-1, 1)
    a = Fraction(unit.get("slope", 0))
    layers, M, c = [], None, None    # M, c: the previous unit layer's value from its neurons
    for j, d in enumerate(dense):
        W = [[Fraction(w) for w in row] for row in d["weights"]]
        b = [Fraction(v) for v in d["biases"]]
        if M is not None:   # z = W (M relu(u) + c) + b
            b = [bi + sum(wk * ck for wk, ck in zip(row, c)) for row, bi in zip(W, b)]
            W = [[sum(row[k] * M[k][m] for k in range(len(row))) for m in range(len(M[0]))] for row in W]
        if j + 1 == len(dense):
            layers.append({"weights": W, "biases": b})
            break
        r = len(W)
        if op == "clamp":
            layers.append({"weights": W + W, "biases": [v + 1 for v in b] + [v - 1 for v in b]})
        else:
            layers.append({"weights": W + [[-w for w in row] for row in W], "biases": b + [-v for v in b]})
        second = {"leaky_relu": -a, "abs": Fraction(1), "clamp": Fraction(-1)}[op]
        M = [[Fraction(int(m == k)) + (second if m == k + r else 0) for m in range(2 * r)] for k in range(r)]
        c = [Fraction(-1 if op == "clamp" else 0)] * r
    txt = lambda v: [txt(x) for x in v] if isinstance(v, list) else str(v)
    return {"input_dim": g["input"]["shape"][0], "layers": [{k: txt(v) for k, v in L.items()} for L in layers]}


CASES = [("leaky", "1/5", 1, True), ("leaky", "-1/2", 2, False), ("abs", None, 1, True),
         ("abs", None, 2, False), ("hardtanh", None, 1, False)]


@pytest.mark.parametrize("act,slope,layers,convex", CASES)
def test_pl_activation_against_relu_equivalent(cli, tmp_path, act, slope, layers, convex):
    gpath, epath = tmp_path / "g.json", tmp_path / "e.json"
    args = ["sphere-fit", "--dim", 2, "--units", 5, "--layers", layers, "--seed", 3, "--epochs", 400,
            "--activation", act, "--out", gpath, "--json"] + (["--slope", slope] if slope else []) \
        + (["--convex"] if convex else [])
    rep = json.loads(run(cli, *args))
    g = json.load(open(gpath))
    assert rep["network"] == g and rep["activation"] == act and (slope is None or rep["slope"] == slope)
    want_op = {"leaky": "leaky_relu", "abs": "abs", "hardtanh": "clamp"}[act]
    assert [n["op"] for n in g["nodes"]].count(want_op) == layers
    assert slope is None or all(n["slope"] == slope for n in g["nodes"] if n["op"] == "leaky_relu")
    eq = relu_equivalent(g)
    ref_g, ref_e = graph_ref.loads(json.dumps(g)), graph_ref.loads(json.dumps(eq))
    r = random.Random(7)
    for _ in range(20):
        x = [Fraction(r.randint(-40, 40), r.randint(1, 9)) for _ in range(2)]
        assert graph_ref.evaluate(ref_g, x) == graph_ref.evaluate(ref_e, x)
    epath.write_text(json.dumps(eq))
    lv = json.loads(run(cli, "levelset", epath, "--sublevel", 1, "--whole", "--json"))
    for k in ("regions", "pieces", "convex", "bounded", "empty"):
        assert rep[k] == lv[k], k
    assert (rep["polytope"] is not None) == (lv.get("polytope") is not None and lv["convex"] and lv["bounded"])
    if rep["polytope"] is not None:
        P = lv["polytope"]
        r2 = [sum(Fraction(c) ** 2 for c in v) for v in P["vertices"]]
        assert rep["polytope"]["fvector"] == P["fvector"] and rep["polytope"]["type"] == P["type"]
        assert Fraction(rep["polytope"]["radius2_min"]) == min(r2)
        assert Fraction(rep["polytope"]["radius2_max"]) == max(r2)
    if layers == 1:
        assert not rep["zonotope"]["applies"] and "relu" in rep["zonotope"]["reason"]


def float_eval(fnet, x):
    act = {"sigmoid": lambda z: 1 / (1 + math.exp(-z)), "tanh": math.tanh,
           "softplus": lambda z: math.log1p(math.exp(z)) if z < 30 else z,
           "gelu": lambda z: 0.5 * z * (1 + math.erf(z / math.sqrt(2)))}[fnet["activation"]]
    L = fnet["layers"]
    a = list(x)
    for j, layer in enumerate(L):
        z = [float(b) + sum(float(w) * v for w, v in zip(row, a)) for row, b in zip(layer["weights"], layer["biases"])]
        a = z if j + 1 == len(L) else [act(v) for v in z]
    return a[0]


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "softplus", "gelu"])
def test_smooth_activation_is_floating_point(cli, tmp_path, act):
    fig = tmp_path / "f.svg"
    rep = json.loads(run(cli, "sphere-fit", "--dim", 2, "--units", 8, "--layers", 1, "--seed", 1, "--activation", act,
                         "--json", "--plot", fig))
    F = rep["float_levelset"]
    assert rep["exact"] is False and rep["network"] is None and F["floating_point"] is True
    assert "polytope" not in rep and "regions" not in rep
    svg = fig.read_text()
    assert "floating point (smooth analogue)" in svg and "not exact" in svg
    # the sample count, recomputed from the float weights on the same grid (ties at N = 1 may differ)
    G, box = F["grid"], float(F["box"])
    h = 2 * box / G
    inside = sum(float_eval(rep["float_network"], [-box + (i + 0.5) * h, -box + (j + 0.5) * h]) <= 1
                 for i in range(G) for j in range(G))
    assert abs(inside - F["inside_samples"]) <= 2
    # a fit of |x| this good (float MSE < 0.01) bounds {N <= 1} near the unit disc
    assert float(rep["loss"]) < 0.01
    assert abs(float(F["area"]) - math.pi) < 0.5 and 0.8 < float(F["radius_min"]) <= float(F["radius_max"]) < 1.25
    assert not F["touches_box"]


def test_refusals(cli):
    for args, msg in ((["--activation", "gelu", "--dim", 3], "2 dimensions only"),
                      (["--activation", "hardtanh", "--convex"], "do not keep N convex"),
                      (["--activation", "leaky", "--slope", 2, "--convex"], "do not keep N convex"),
                      (["--activation", "tanh", "--out", "/dev/null"], "no exact network"),
                      (["--activation", "swish"], "unknown activation")):
        full = ["sphere-fit", "--units", 3, "--layers", 1, "--seed", 1, "--epochs", 5] + args
        if "--dim" not in args:
            full += ["--dim", 2]
        p = subprocess.run([cli] + [str(a) for a in full], capture_output=True, text=True, timeout=60)
        assert p.returncode == 2 and msg in p.stderr, (args, p.stderr)
