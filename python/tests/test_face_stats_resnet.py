"""data/face-stats-resnet (issue 16 item 5): the committed study against independent truth.

- the tables parse, and every mean is sum k h_k / sum h_k of its own histogram (exactly), every
  family's pooled mean and mean of means follow from its networks, table.csv = table.json =
  results.jsonl, and the files are those SHA256SUMS lists;
- 2D, box [-1,1]^2: the regions and facet histograms of plain and residual networks (seed 1, at
  initialisation and trained) recomputed here from scratch: the networks evaluated by their
  definition in Fractions (format 1 layers; format 2 dense/relu/add nodes), the square cut
  neuron by neuron, layer by layer, into convex polygons (a neuron's pre-activation is affine on
  a piece cut by all earlier layers, so its values at the vertices decide the cut), facets = the
  polygon's edges;
- 3D and 2D: a residual network rewritten as a plain network without shortcuts (the residual
  stream carried by units relu(h + M) that are positive on the whole box, M from interval
  bounds computed here) has, by `relucert regions`, the study's regions and histogram;
- a tiny run of study.py (torch): the exact import agrees with torch in float64."""
import csv
import hashlib
import json
import os
import subprocess
import sys
from fractions import Fraction

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "..", "..", "data", "face-stats-resnet")


def relu(v):
    return v if v > 0 else Fraction(0)


def _q(v):
    return Fraction(v)


def committed_row(d, arch, state, domain, seed):
    with open(os.path.join(DIR, "table.csv")) as f:
        for r in csv.DictReader(f):
            if (r["dim"], r["architecture"], r["state"], r["domain"], r["seed"]) == (str(d), arch, state, domain, str(seed)):
                return r
    raise KeyError((d, arch, state, domain, seed))


def histogram_of(text):
    return {int(k): int(v) for k, v in (e.split(":") for e in text.split())}


def network_line(d, arch, state, seed):
    with open(os.path.join(DIR, "nets", "d%d-%s-%s.jsonl" % (d, arch, state))) as f:
        return json.loads([line for line in f if line.strip()][seed - 1])


# --- the tables --------------------------------------------------------------------------------

def test_tables_parse_and_means_follow_from_histograms():
    with open(os.path.join(DIR, "table.csv")) as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(DIR, "table.json")) as f:
        tj = json.load(f)
    with open(os.path.join(DIR, "results.jsonl")) as f:
        results = [json.loads(line) for line in f if line.strip()]
    # 3 dimensions x 2 architectures x 2 domains x (5 initial + 3 trained networks)
    assert len(rows) == 3 * 2 * 2 * 8 and len(tj["families"]) == 3 * 2 * 2 * 2
    assert [{k: str(v) for k, v in r.items()} for r in tj["networks"]] == rows
    i = 0
    for res, fam in zip(results, tj["families"]):
        assert (res["dim"], res["architecture"], res["state"], res["where"]) == \
               (fam["dim"], fam["architecture"], fam["state"], fam["domain"])
        means, pooled = [], {}
        for n in res["networks"]:
            r = rows[i]
            i += 1
            h = histogram_of(r["facet_histogram"])
            assert h == {int(k): v for k, v in n["facet_histogram"].items()}
            assert int(r["regions"]) == sum(h.values()) == n["regions"]
            mean = Fraction(sum(k * v for k, v in h.items()), sum(h.values()))
            assert Fraction(r["mean_facets"]) == mean and str(mean) == r["mean_facets"]
            assert Fraction(r["mean_facets_approx"]) <= mean < Fraction(r["mean_facets_approx"]) + Fraction(1, 10 ** 4)
            assert r["within_bound"] == ("true" if mean <= 2 * int(r["dim"]) else "false")
            means.append(mean)
            for k, v in h.items():
                pooled[k] = pooled.get(k, 0) + v
        assert Fraction(fam["mean_of_means"]) == sum(means) / len(means)
        assert Fraction(fam["pooled_mean_facets"]) == Fraction(sum(k * v for k, v in pooled.items()), sum(pooled.values()))
        assert fam["violations"] == [k + 1 for k, m in enumerate(means) if m > 2 * fam["dim"]]
    assert i == len(rows)


def test_files_are_those_of_sha256sums():
    with open(os.path.join(DIR, "SHA256SUMS")) as f:
        listed = [line.split() for line in f if line.strip()]
    assert len(listed) >= 17
    for digest, name in listed:
        with open(os.path.join(DIR, name), "rb") as g:
            assert hashlib.sha256(g.read()).hexdigest() == digest, name


# --- networks by their definition ----------------------------------------------------------------

def preactivations(net, x):
    """every hidden pre-activation at x, one list per ReLU layer (format 1 without shortcuts, or a
    format-2 graph of dense, relu and add nodes), evaluated by the definition in Fractions"""
    x = [Fraction(v) for v in x]
    if net.get("format") != "relucert-graph":
        assert all("shortcuts" not in L for L in net["layers"])
        out, h = [], x
        for L in net["layers"][:-1]:
            z = [_q(b) + sum(_q(w) * a for w, a in zip(row, h)) for row, b in zip(L["weights"], L["biases"])]
            out.append(z)
            h = [relu(v) for v in z]
        return out
    val, out = {net["input"]["name"]: x}, []
    for nd in net["nodes"]:
        ins = [val[i] for i in nd["inputs"]]
        if nd["op"] == "dense":
            val[nd["name"]] = [_q(b) + sum(_q(w) * a for w, a in zip(row, ins[0]))
                               for row, b in zip(nd["weights"], nd["biases"])]
        elif nd["op"] == "relu":
            out.append(ins[0])
            val[nd["name"]] = [relu(v) for v in ins[0]]
        elif nd["op"] == "add":
            val[nd["name"]] = [a + b for a, b in zip(*ins)]
        else:
            raise AssertionError("unexpected op " + nd["op"])
    return out


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _clean(poly):
    """the polygon's corners: repeated and collinear vertices dropped"""
    changed = True
    while changed and len(poly) >= 3:
        changed = False
        for i in range(len(poly)):
            a, b, c = poly[i - 1], poly[i], poly[(i + 1) % len(poly)]
            if a == b or _cross(a, b, c) == 0:
                poly = poly[:i] + poly[i + 1:]
                changed = True
                break
    return poly


def regions_2d(net, lo, hi, cutting=None):
    """the activation regions in the square [lo, hi]^2: (count, facet histogram); `cutting`, a
    dict, gets per layer the number of neurons that cut some piece in two"""
    cache = {}

    def pre(p):
        if p not in cache:
            cache[p] = preactivations(net, p)
        return cache[p]

    lo, hi = Fraction(lo), Fraction(hi)
    pieces = [[(lo, lo), (hi, lo), (hi, hi), (lo, hi)]]
    for layer in range(len(pre(pieces[0][0]))):
        for j in range(len(pre(pieces[0][0])[layer])):
            nxt, cuts = [], False
            for P in pieces:
                f = [pre(v)[layer][j] for v in P]
                if all(v >= 0 for v in f) or all(v <= 0 for v in f):
                    nxt.append(P)
                    continue
                sides = ([], [])
                for i in range(len(P)):
                    a, b, fa, fb = P[i], P[(i + 1) % len(P)], f[i], f[(i + 1) % len(P)]
                    if fa >= 0:
                        sides[0].append(a)
                    if fa <= 0:
                        sides[1].append(a)
                    if fa * fb < 0:
                        t = fa / (fa - fb)
                        c = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
                        sides[0].append(c)
                        sides[1].append(c)
                parts = [Q for Q in map(_clean, sides) if len(Q) >= 3]
                cuts = cuts or len(parts) == 2
                nxt += parts
            pieces = nxt
            if cutting is not None:
                cutting[layer] = cutting.get(layer, 0) + cuts
    hist = {}
    for P in pieces:
        hist[len(P)] = hist.get(len(P), 0) + 1
    return len(pieces), hist


def test_regions_2d_polygon_cutting_selfcheck(cli, tmp_path):
    # the lines x = 0, y = 0, x + y = 1/2 in [-1, 1]^2, counted by hand: the quadrant x, y < 0 is a
    # square; the line cuts each of the other three quadrants into a triangle and a pentagon
    net = {"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1], [1, 1]], "biases": [0, 0, "-1/2"]},
                                      {"weights": [[1, 1, 1]], "biases": [0]}]}
    assert regions_2d(net, -1, 1) == (7, {3: 3, 4: 1, 5: 3})
    # the same lines seen through a second layer that is constant on the square (no cut) and one
    # that cuts along x = 1/2 (relu(x) - 1/2 = 0): 8 regions, the pentagon of x, y > 0 cut in two
    net["layers"][1:] = [{"weights": [[0, 0, 0], [1, 0, 0]], "biases": [5, "-1/2"]}, {"weights": [[1, 1]], "biases": [0]}]
    assert regions_2d(net, -1, 1) == (9, {3: 3, 4: 5, 5: 1})
    (tmp_path / "n.json").write_text(json.dumps(net))
    s = json.loads(subprocess.run([cli, "regions", str(tmp_path / "n.json"), "--box", "-1,1", "--json"],
                                  capture_output=True, text=True, check=True).stdout)
    assert (s["regions"], s["facet_histogram"], s["mean_facets"]) == (9, {"3": 3, "4": 5, "5": 1}, "34/9")


@pytest.mark.parametrize("arch,state,seeds", [("plain", "init", 5), ("residual", "init", 5), ("plain", "trained", 3),
                                              ("residual", "trained", 3)])
def test_2d_regions_recomputed_from_scratch(arch, state, seeds):
    for seed in range(1, seeds + 1):
        r = committed_row(2, arch, state, "box [-1,1]^d", seed)
        cutting = {}
        n, h = regions_2d(network_line(2, arch, state, seed), -1, 1, cutting)
        assert n == int(r["regions"]) and h == histogram_of(r["facet_histogram"]), (seed, n, h, r)
        # at initialisation the study lists the neurons whose hyperplane cuts the box, per layer
        assert r["neurons_cutting_box"] == ("" if state == "trained" else " ".join(str(cutting[k]) for k in range(3)))


# --- a residual network as a plain one ------------------------------------------------------------

def residual_as_plain(g, bound):
    """the format-2 residual network (blocks h + V relu(W h + b) + c, then a dense head) on a box
    where every |x_i| <= bound, as a format-1 network without shortcuts: hidden layer k holds the
    block's units r_k = relu(W_k h_{k-1} + b_k) and d units p_k = relu(h_{k-1} + M_k), which equal
    h_{k-1} + M_k on the whole box (M_k exceeds an interval bound of |h_{k-1}|: never zero there,
    no cut), so h_k = V_k r_k + p_k + c_k - M_k is an affine map of the layer's outputs."""
    nodes = {nd["name"]: nd for nd in g["nodes"]}
    d = g["input"]["shape"][0]
    blocks = []
    for nd in g["nodes"]:
        if nd["op"] == "add":
            a, b = nd["inputs"]
            fc2, rl = nodes[b], nodes[nodes[b]["inputs"][0]]
            fc1 = nodes[rl["inputs"][0]]
            assert fc2["op"] == "dense" and rl["op"] == "relu" and fc1["op"] == "dense" and fc1["inputs"] == [a]
            blocks.append([[[_q(w) for w in row] for row in L["weights"]] for L in (fc1, fc2)] +
                          [[_q(v) for v in L["biases"]] for L in (fc1, fc2)])
    head = nodes[g["outputs"][0]]
    assert head["op"] == "dense" and len(blocks) == len([nd for nd in g["nodes"] if nd["op"] == "relu"])
    # h = A u + a in terms of the current layer's inputs u (first: u = x)
    A = [[Fraction(int(i == k)) for k in range(d)] for i in range(d)]
    a = [Fraction(0)] * d
    B = Fraction(bound)                  # |h_i| <= B on the box
    layers = []
    for W, V, b, c in blocks:
        M = int(B) + 1
        rows = [[sum(w[i] * A[i][k] for i in range(d)) for k in range(len(A[0]))] for w in W]
        bias = [bj + sum(w[i] * a[i] for i in range(d)) for w, bj in zip(W, b)]
        layers.append({"weights": rows + [list(r) for r in A], "biases": bias + [ai + M for ai in a]})
        R = max(sum(abs(w) for w in row) * B + abs(bj) for row, bj in zip(W, b))      # |r_j| <= R
        B = B + max(sum(abs(v) for v in row) * R + abs(ci) for row, ci in zip(V, c))
        n = len(b)
        A = [[V[i][j] for j in range(n)] + [Fraction(int(i == k)) for k in range(d)] for i in range(d)]
        a = [ci - M for ci in c]
    C, c0 = [[_q(w) for w in row] for row in head["weights"]], [_q(v) for v in head["biases"]]
    layers.append({"weights": [[sum(w[i] * A[i][k] for i in range(d)) for k in range(len(A[0]))] for w in C],
                   "biases": [cj + sum(w[i] * a[i] for i in range(d)) for w, cj in zip(C, c0)]})
    txt = lambda v: str(v) if v.denominator != 1 else v.numerator   # noqa: E731
    return {"input_dim": d, "layers": [{"weights": [[txt(w) for w in row] for row in L["weights"]],
                                        "biases": [txt(v) for v in L["biases"]]} for L in layers]}


def graph_output(g, x):
    """the output of a format-2 graph of dense/relu/add nodes at x, by the definition"""
    val = {g["input"]["name"]: [Fraction(v) for v in x]}
    for nd in g["nodes"]:
        ins = [val[i] for i in nd["inputs"]]
        if nd["op"] == "dense":
            val[nd["name"]] = [_q(b) + sum(_q(w) * v for w, v in zip(row, ins[0])) for row, b in zip(nd["weights"], nd["biases"])]
        elif nd["op"] == "relu":
            val[nd["name"]] = [relu(v) for v in ins[0]]
        else:
            val[nd["name"]] = [u + v for u, v in zip(*ins)]
    return val[g["outputs"][0]]


def plain_output(net, x):
    h = [Fraction(v) for v in x]
    for k, L in enumerate(net["layers"]):
        z = [_q(b) + sum(_q(w) * v for w, v in zip(row, h)) for row, b in zip(L["weights"], L["biases"])]
        h = z if k + 1 == len(net["layers"]) else [relu(v) for v in z]
    return h


@pytest.mark.parametrize("d,state", [(2, "init"), (2, "trained"), (3, "init"), (3, "trained"), (4, "init"), (4, "trained")])
def test_residual_equals_its_plain_expansion(cli, tmp_path, d, state):
    import random
    g = network_line(d, "residual", state, 1)
    plain = residual_as_plain(g, 1)
    rng = random.Random(d)
    for _ in range(20):     # the same function on the box, and every p unit positive there
        x = [Fraction(rng.randint(-64, 64), 64) for _ in range(d)]
        assert plain_output(plain, x) == graph_output(g, x)
        assert all(v > 0 for z in preactivations(plain, x) for v in z[-d:])
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(plain))
    p = subprocess.run([cli, "regions", str(path), "--box", "-1,1", "--json"], capture_output=True, text=True, check=True)
    s = json.loads(p.stdout)
    r = committed_row(d, "residual", state, "box [-1,1]^d", 1)
    assert s["regions"] == int(r["regions"]) and s["mean_facets"] == r["mean_facets"]
    assert {int(k): v for k, v in s["facet_histogram"].items()} == histogram_of(r["facet_histogram"])


def test_tiny_study_run(tmp_path):
    pytest.importorskip("torch", reason="python3-torch is not installed: the training step not run")
    p = subprocess.run([sys.executable, os.path.join(DIR, "study.py"), "nets", str(tmp_path), "--steps", "3",
                        "--init-seeds", "2", "--trained-seeds", "1", "--dims", "2"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert len(s["runs"]) == 2 and all(r["max_abs_exact_minus_torch_float64"] <= 1e-9 for r in s["runs"])
    for arch in ("plain", "residual"):
        for state, count in (("init", 2), ("trained", 1)):
            with open(tmp_path / "nets" / ("d2-%s-%s.jsonl" % (arch, state))) as f:
                lines = [json.loads(line) for line in f]
            assert len(lines) == count
    # the initial network of seed 1 is the committed one (same seed, same torch build)
    with open(tmp_path / "nets" / "d2-residual-init.jsonl") as f:
        assert json.loads(f.readline()) == network_line(2, "residual", "init", 1)
