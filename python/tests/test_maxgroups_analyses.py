"""Analyses of networks with a max over three or more entries (max groups) against independent
truths. The independent one is the "tree expansion": max(a_1, ..., a_k) written as nested 2-way
maxes (max(max(a_1, a_2), a_3), ...), graph nodes that the old, separately tested ReLU lowering
handles. It is the same function with more regions (it also cuts along a_i = a_j where neither is
the maximum), so everything that depends only on the function must agree exactly: outputs at
random points, the homology of sub-, super- and level sets, persistence bars, the decision
regions' topology per class, the Euler characteristic of the decision boundary. Region counts
must not grow (grouped <= tree). On the grouped network itself: the dual graph has a vertex per
region and its edges join regions whose patterns differ inside one unit; `--jobs 2` prints what
`--jobs 1` prints; batch records are the single commands' JSON; plot and float-count run."""
import json
import os
import random
import subprocess
from fractions import Fraction

import pytest

from conftest import CLI
from relucert import graph_ref


@pytest.fixture(scope="module")
def cli():
    if not os.path.exists(CLI):
        pytest.skip("relucert not built")
    return CLI


def q(r, lo=-9, hi=9, den=4):
    return "%d/%d" % (r.randint(lo, hi), r.randint(1, den))


def dense(r, rows, cols):
    return [[q(r) for _ in range(cols)] for _ in range(rows)], [q(r) for _ in range(rows)]


def graphs(r, n, groups, outputs, residual=False):
    """(grouped, tree): the same random function of x in R^n, with the maxes over `groups` (index
    lists into a dense layer of K entries) as max groups and as nested 2-way maxes."""
    K = 1 + max(max(g) for g in groups)
    W, b = dense(r, K, n)
    V, c = dense(r, outputs, len(groups) + (n if residual else 0))
    head = [{"name": "d", "op": "dense", "inputs": ["x"], "weights": W, "biases": b}]

    def tail(m):
        ins = [m]
        if residual:
            ins = ["k"]
            extra = [{"name": "k", "op": "concat", "inputs": [m, "x"]}]
        else:
            extra = []
        return extra + [{"name": "o", "op": "dense", "inputs": ins, "weights": V, "biases": c}]

    grouped = head + [{"name": "m", "op": "max", "inputs": ["d"], "groups": groups}] + tail("m")
    tree, tops = list(head), []
    for gi, g in enumerate(groups):
        # s_1 = max(a_g0, a_g1); s_j = max(s_{j-1}, a_gj) through concat [s_{j-1}, d]
        prev = "t%d_1" % gi
        tree.append({"name": prev, "op": "max", "inputs": ["d"], "groups": [[g[0], g[1]]]})
        for j in range(2, len(g)):
            cat, nxt = "c%d_%d" % (gi, j), "t%d_%d" % (gi, j)
            tree.append({"name": cat, "op": "concat", "inputs": [prev, "d"]})
            tree.append({"name": nxt, "op": "max", "inputs": [cat], "groups": [[0, 1 + g[j]]]})
            prev = nxt
        tops.append(prev)
    tree.append({"name": "m", "op": "concat", "inputs": tops})
    tree += tail("m")

    def doc(nodes):
        return {"format": "relucert-graph", "version": 2, "input": {"name": "x", "shape": [n]}, "nodes": nodes,
                "outputs": ["o"]}
    return doc(grouped), doc(tree)


CASES = [  # (seed, n, groups, outputs, residual)
    (1, 1, [[0, 1, 2], [3, 4, 5, 6]], 1, False),
    (2, 2, [[0, 1, 2], [3, 4, 5, 6]], 2, False),
    (3, 2, [[0, 2, 4, 1]], 2, True),
    (4, 2, [[0, 1, 2], [1, 3, 4]], 3, False),
    (5, 3, [[0, 1, 2, 3]], 2, True),
]


def run(*args):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, (args, p.stderr)
    return p


def js(*args):
    return json.loads(run(*args).stdout)


@pytest.fixture(scope="module")
def nets(cli, tmp_path_factory):
    d = tmp_path_factory.mktemp("maxgroups")
    out = []
    for seed, n, groups, m, res in CASES:
        g, t = graphs(random.Random(seed), n, groups, m, res)
        gp, tp = str(d / ("g%d.json" % seed)), str(d / ("t%d.json" % seed))
        for path, doc in ((gp, g), (tp, t)):
            with open(path, "w") as f:
                json.dump(doc, f)
        low = json.loads(run(cli, "lower", gp).stdout)
        assert any("max_groups" in L for L in low["layers"]), seed      # really grouped
        assert not any("max_groups" in L for L in json.loads(run(cli, "lower", tp).stdout)["layers"]), seed
        out.append((seed, n, m, gp, tp))
    return out


def test_tree_expansion_is_the_same_function(nets):
    r = random.Random(7)
    for seed, n, m, gp, tp in nets:
        G, T = graph_ref.load(gp), graph_ref.load(tp)
        for _ in range(20):
            x = [Fraction(r.randint(-30, 30), r.randint(1, 7)) for _ in range(n)]
            assert graph_ref.evaluate(G, x) == graph_ref.evaluate(T, x), (seed, x)


def test_eval_equals_the_fraction_evaluator(cli, nets):
    r = random.Random(8)
    for seed, n, m, gp, tp in nets:
        G = graph_ref.load(gp)
        pts = [[Fraction(r.randint(-30, 30), r.randint(1, 7)) for _ in range(n)] for _ in range(6)]
        for x in pts:
            got = js(cli, "eval", gp, "--at", ",".join(map(str, x)), "--json")["output"]
            assert [Fraction(v) for v in got] == graph_ref.evaluate(G, x), (seed, x)


def thresholds(r, gp, n):
    """a few thresholds: random ones and output values at random rational points"""
    G = graph_ref.load(gp)
    ts = [Fraction(r.randint(-20, 20), r.randint(1, 3)) for _ in range(2)]
    ts += [graph_ref.evaluate(G, [Fraction(r.randint(-8, 8), 4) for _ in range(n)])[0] for _ in range(2)]
    return ts


def test_regions_and_homology_against_the_tree(cli, nets):
    r = random.Random(9)
    for seed, n, m, gp, tp in nets:
        box = "-2,2"
        rg, rt = js(cli, "regions", gp, "--box", box, "--json"), js(cli, "regions", tp, "--box", box, "--json")
        assert 1 <= rg["regions"] <= rt["regions"], seed
        assert rg["euler"] == rt["euler"] == 1, seed
        for T in thresholds(r, gp, n):
            for s in ("--sublevel", "--superlevel", "--level"):
                hg = js(cli, "homology", gp, "--box", box, s, str(T), "--output", "0", "--json")
                ht = js(cli, "homology", tp, "--box", box, s, str(T), "--output", "0", "--json")
                for key in ("betti", "torsion", "euler", "empty"):
                    assert hg[key] == ht[key], (seed, s, T, key, hg, ht)


def test_persistence_against_the_tree(cli, nets):
    for seed, n, m, gp, tp in nets:
        for field in ("2", "Q"):
            bg = js(cli, "persistence", gp, "--box", "-2,2", "--output", "0", "--field", field, "--json")["bars"]
            bt = js(cli, "persistence", tp, "--box", "-2,2", "--output", "0", "--field", field, "--json")["bars"]
            key = lambda b: (b["dim"], Fraction(b["birth"]), b["death"] is None, Fraction(b["death"] or 0))
            assert sorted(bg, key=key) == sorted(bt, key=key), (seed, field)
            assert bg, seed      # at least the essential bar of H_0


def test_decision_regions_against_the_tree(cli, nets):
    for seed, n, m, gp, tp in nets:
        if m < 2:
            continue
        dg, dt = js(cli, "decision", gp, "--box", "-2,2", "--json"), js(cli, "decision", tp, "--box", "-2,2", "--json")
        assert dg["boundary"]["euler"] == dt["boundary"]["euler"] and dg["boundary"]["empty"] == dt["boundary"]["empty"]
        assert len(dg["per_class"]) == len(dt["per_class"]) == m
        for a, b in zip(dg["per_class"], dt["per_class"]):
            for key in ("components", "bounded_components", "empty"):
                assert a[key] == b[key], (seed, key, a, b)
            for key in ("betti", "torsion", "euler"):
                assert a["closure"][key] == b["closure"][key], (seed, key)
            assert a["pieces"] <= b["pieces"], seed


def _pattern_units(cli, gp):
    """per hidden neuron of the lowering, the unit it belongs to (a max group is one unit)"""
    low = json.loads(run(cli, "lower", gp).stdout)
    unit, k = [], 0
    for L in low["layers"][:-1]:
        width, first = len(L["weights"]), k
        group = {}
        for a, s in L.get("max_groups", []):
            for j in range(a, a + s):
                group[j] = ("g", first + a)
        for j in range(width):
            unit.append(group.get(j, ("n", first + j)))
        k += width
    return unit


def test_dualgraph_of_grouped_networks(cli, nets):
    """nodes = regions; edges = the facets on no domain row, each shared by two regions (the
    regions form a polyhedral complex), counted from the regions' own inequality lists; every
    edge joins regions whose patterns differ inside one unit (a ReLU's bit, or a group's argmax)"""
    for seed, n, m, gp, tp in nets:
        regs = js(cli, "regions", gp, "--box", "-2,2", "--json", "--list")["region_list"]
        pats = [R["pattern"] for R in regs]
        inner = sum(1 for R in regs for src in R["inequalities"]["sources"] if not str(src).startswith("domain"))
        one = run(cli, "dualgraph", gp, "--box", "-2,2", "--json", "--list-edges").stdout
        assert one == run(cli, "dualgraph", gp, "--box", "-2,2", "--json", "--list-edges").stdout, seed
        D = json.loads(one)
        assert D["nodes"] == len(regs) and 2 * D["edges"] == inner, (seed, D["edges"], inner)
        assert sum(D["degrees"]) == 2 * D["edges"], seed
        unit = _pattern_units(cli, gp)
        for a, b, w in D["edge_list"]:
            diff = {unit[k] for k in range(len(unit)) if pats[a][k] != pats[b][k]}
            assert len(diff) == 1, (seed, a, b, pats[a], pats[b])
            u = diff.pop()
            if u[0] == "g":     # the argmax moved: exactly two members changed
                assert sum(pats[a][k] != pats[b][k] for k in range(len(unit)) if unit[k] == u) == 2


def test_jobs_and_batch_give_the_same_answers(cli, nets, tmp_path):
    seed, n, m, gp, tp = nets[1]
    for cmd in (["regions", gp, "--box", "-2,2", "--json"],
                ["regions", gp, "--box", "-2,2", "--json", "--list"]):
        assert run(cli, *cmd).stdout == run(cli, *cmd, "--jobs", "2").stdout, cmd
    man, out = tmp_path / "m.jsonl", tmp_path / "o.jsonl"
    man.write_text(json.dumps({"network": gp, "analyses": ["regions", "homology", "persistence", "decision"],
                               "box": [-2, 2], "threshold": "0", "output": 0}) + "\n")
    run(cli, "batch", man, "--out", out, "--quiet")
    rec = json.loads(out.read_text().splitlines()[0])
    assert rec["regions"] == js(cli, "regions", gp, "--box", "-2,2", "--json")
    assert rec["homology"]["betti"] == js(cli, "homology", gp, "--box", "-2,2", "--superlevel", "0", "--output",
                                          "0", "--json")["betti"]
    assert rec["persistence"]["bars"] == js(cli, "persistence", gp, "--box", "-2,2", "--output", "0", "--json")["bars"]
    assert rec["decision"]["per_class"] == js(cli, "decision", gp, "--box", "-2,2", "--json")["per_class"]


def test_plot_and_float_count_of_grouped_networks(cli, nets, tmp_path):
    seed, n, m, gp, tp = nets[1]
    png = tmp_path / "g.png"
    run(cli, "plot", gp, "--box", "-2,2", "--out", png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 1000
    fc = js(cli, "float-count", gp, "--box", "-2,2", "--grid", "40", "--json")
    regions = js(cli, "regions", gp, "--box", "-2,2", "--json")["regions"]
    assert fc["regions"] == regions
    assert fc["exact_patterns_on_grid"] <= regions and fc["points"] == 1600
