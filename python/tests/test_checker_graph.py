"""relucert-check's own graph evaluator (checker/graph.c, `relucert-check --eval`) against the
Fraction evaluator relucert.graph_ref (pure Python, sharing no code with it) at random rational
points, on every operation of network format 2; and certificates of graph networks covering every
piecewise-linear unit checked against the graph file itself (accepted), and against it after one
weight of the lowered network was changed (rejected)."""
import json
import os
import random
import subprocess
from fractions import Fraction

import pytest

from conftest import BUILDDIR, CLI
from relucert import graph_ref

CHECK = os.path.join(BUILDDIR, "checker", "relucert-check")


@pytest.fixture
def checker():
    if not os.path.exists(CHECK):
        pytest.skip("relucert-check not built at %s" % CHECK)
    return CHECK


def q(r):
    return "%d/%d" % (r.randint(-9, 9), r.randint(1, 4))


def tensor(r, *shape):
    if not shape:
        return q(r)
    return [tensor(r, *shape[1:]) for _ in range(shape[0])]


def graph(shape, nodes, outputs):
    return {"format": "relucert-graph", "version": 2, "input": {"name": "x", "shape": shape}, "nodes": nodes,
            "outputs": outputs}


def op_graphs(r):
    """(name, graph): every op, 1D/2D variants, defaults and non-defaults of their parameters."""
    T = lambda *s: tensor(r, *s)
    yield "dense-relu-leaky-abs", graph([3], [
        {"name": "d", "op": "dense", "inputs": ["x"], "weights": T(4, 3), "biases": T(4)},
        {"name": "r", "op": "relu", "inputs": ["d"]},
        {"name": "l", "op": "leaky_relu", "inputs": ["d"], "slope": "-1/3"},
        {"name": "a", "op": "abs", "inputs": ["d"]},
        {"name": "nb", "op": "dense", "inputs": ["a"], "weights": T(2, 4)}], ["r", "l", "nb"])
    yield "clamp", graph([2, 2], [
        {"name": "c1", "op": "clamp", "inputs": ["x"], "min": "-1/2", "max": 1},
        {"name": "c2", "op": "clamp", "inputs": ["x"], "min": None, "max": "1/3"},
        {"name": "c3", "op": "clamp", "inputs": ["x"], "min": 0}], ["c1", "c2", "c3"])
    yield "conv1d", graph([2, 6], [
        {"name": "c", "op": "conv", "inputs": ["x"], "weights": T(3, 2, 3), "biases": T(3), "stride": 2,
         "padding": 1},
        {"name": "cd", "op": "conv", "inputs": ["x"], "weights": T(2, 1, 2), "dilation": 2, "groups": 2}],
        ["c", "cd"])
    yield "conv2d", graph([2, 4, 5], [
        {"name": "c", "op": "conv", "inputs": ["x"], "weights": T(2, 2, 3, 2), "biases": T(2),
         "stride": [1, 2], "padding": [1, 0]},
        {"name": "g", "op": "conv", "inputs": ["x"], "weights": T(4, 1, 2, 2), "groups": 2, "dilation": [2, 1]}],
        ["c", "g"])
    yield "pools1d", graph([2, 5], [
        {"name": "mp", "op": "max_pool", "inputs": ["x"], "kernel": 2, "padding": 1},
        {"name": "ap", "op": "avg_pool", "inputs": ["x"], "kernel": 3, "stride": 1, "padding": 1},
        {"name": "sp", "op": "sum_pool", "inputs": ["x"], "kernel": 2},
        {"name": "gp", "op": "global_avg_pool", "inputs": ["x"]}], ["mp", "ap", "sp", "gp"])
    yield "pools2d", graph([2, 3, 4], [
        {"name": "mp", "op": "max_pool", "inputs": ["x"], "kernel": [2, 3], "stride": [1, 2], "padding": [1, 1]},
        {"name": "ap", "op": "avg_pool", "inputs": ["x"], "kernel": 2, "padding": [1, 0]},
        {"name": "sp", "op": "sum_pool", "inputs": ["x"], "kernel": [3, 1]},
        {"name": "gp", "op": "global_avg_pool", "inputs": ["x"]}], ["mp", "ap", "sp", "gp"])
    yield "batch_norm", graph([2, 3], [
        {"name": "b1", "op": "batch_norm", "inputs": ["x"], "scale": T(2), "shift": T(2)},
        {"name": "b2", "op": "batch_norm", "inputs": ["x"], "gamma": T(2), "beta": T(2), "mean": T(2),
         "var": ["3/4", 2], "epsilon": "1/4"},
        {"name": "f", "op": "flatten", "inputs": ["x"]},
        {"name": "b3", "op": "batch_norm", "inputs": ["f"], "scale": T(6), "shift": T(6)}], ["b1", "b2", "b3"])
    yield "add-mul", graph([2, 2], [
        {"name": "m1", "op": "mul", "inputs": ["x"], "factor": "-3/2"},
        {"name": "m2", "op": "mul", "inputs": ["x"], "factor": T(2, 2)},
        {"name": "a1", "op": "add", "inputs": ["x", "m1", "m2"]},
        {"name": "a2", "op": "add", "inputs": ["m1", "x"], "coefficients": [2, "-1/3"], "constant": "5/7"},
        {"name": "a3", "op": "add", "inputs": ["m2"], "constant": T(2, 2)}], ["a1", "a2", "a3"])
    yield "concat-reshape", graph([2, 3], [
        {"name": "c0", "op": "concat", "inputs": ["x", "x"]},
        {"name": "c1", "op": "concat", "inputs": ["x", "c0"], "axis": 0},
        {"name": "c2", "op": "concat", "inputs": ["x", "x"], "axis": -1},
        {"name": "r", "op": "reshape", "inputs": ["c2"], "shape": [3, -1, 2]},
        {"name": "c3", "op": "concat", "inputs": ["r", "r"], "axis": 1},
        {"name": "i", "op": "identity", "inputs": ["c3"]},
        {"name": "f", "op": "flatten", "inputs": ["i"]}], ["c1", "f"])
    yield "max", graph([5], [
        {"name": "m", "op": "max", "inputs": ["x"], "groups": [[0, 4], [1, 2, 3], [2], [3, 3], [4, 0, 1, 2, 3]]}],
        ["m"])
    yield "residual-mix", graph([1, 4], [
        {"name": "c", "op": "conv", "inputs": ["x"], "weights": T(2, 1, 2), "padding": 1},
        {"name": "b", "op": "batch_norm", "inputs": ["c"], "scale": T(2), "shift": T(2)},
        {"name": "l", "op": "leaky_relu", "inputs": ["b"], "slope": "1/5"},
        {"name": "p", "op": "max_pool", "inputs": ["l"], "kernel": 2, "stride": 2, "padding": 1},
        {"name": "f", "op": "flatten", "inputs": ["p"]},
        {"name": "d", "op": "dense", "inputs": ["f"], "weights": T(4, 6), "biases": T(4)},
        {"name": "fx", "op": "flatten", "inputs": ["x"]},
        {"name": "s", "op": "add", "inputs": ["fx", "d"], "coefficients": [1, "1/2"]},
        {"name": "h", "op": "clamp", "inputs": ["s"], "min": -1, "max": 1},
        {"name": "o", "op": "dense", "inputs": ["h"], "weights": T(3, 4)}], ["o"])


def check_eval(checker, path, x):
    p = subprocess.run([checker, "--eval", path, ",".join(str(v) for v in x)], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    return [Fraction(v) for v in json.loads(p.stdout)]


def test_checker_eval_equals_fraction_evaluator(checker, tmp_path):
    r = random.Random(16)
    ops = set()
    for name, g in op_graphs(r):
        path = str(tmp_path / (name + ".json"))
        with open(path, "w") as f:
            json.dump(g, f)
        ref = graph_ref.load(path)
        ops |= {nd["op"] for nd in g["nodes"]}
        n = 1
        for s in g["input"]["shape"]:
            n *= s
        for _ in range(4):
            x = [Fraction(r.randint(-20, 20), r.randint(1, 6)) for _ in range(n)]
            assert check_eval(checker, path, x) == graph_ref.evaluate(ref, x), (name, x)
    every = {"dense", "conv", "avg_pool", "sum_pool", "global_avg_pool", "batch_norm", "add", "mul", "concat",
             "flatten", "reshape", "identity", "relu", "leaky_relu", "abs", "clamp", "max", "max_pool"}
    assert ops == every


def test_checker_eval_refuses_bad_graphs(checker, tmp_path):
    bad = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "plnet")
    for f in ("cycle.json", "unknown_op.json", "softmax.json", "dense_columns.json", "unused.json",
              "bn_not_square.json", "leaky_slope_one.json", "ragged.json"):
        p = subprocess.run([checker, "--eval", os.path.join(bad, f), "1,1"], capture_output=True, text=True,
                           timeout=60)
        assert p.returncode == 1 and p.stderr.count("\n") == 1 and p.stderr.startswith("relucert-check: "), (f, p)


def lowerable(r):
    """Small 2D graphs with every piecewise-linear unit that has a lowering (max of two, max_pool
    windows of at most two entries): their certificates are checked against the graph."""
    T = lambda *s: tensor(r, *s)
    yield "units", graph([2], [
        {"name": "d", "op": "dense", "inputs": ["x"], "weights": T(4, 2), "biases": T(4)},
        {"name": "l", "op": "leaky_relu", "inputs": ["d"], "slope": "1/4"},
        {"name": "a", "op": "abs", "inputs": ["d"]},
        {"name": "c", "op": "clamp", "inputs": ["d"], "min": -1, "max": "1/2"},
        {"name": "s", "op": "add", "inputs": ["l", "a", "c"], "coefficients": [1, "-1/2", 2]},
        {"name": "m", "op": "max", "inputs": ["s"], "groups": [[0, 1], [2], [3, 1]]},
        {"name": "o", "op": "dense", "inputs": ["m"], "weights": T(2, 3)}], ["o", "m"])
    yield "conv-pool", graph([2], [
        {"name": "r", "op": "reshape", "inputs": ["x"], "shape": [1, 2]},
        {"name": "c", "op": "conv", "inputs": ["r"], "weights": T(2, 1, 2), "biases": T(2), "padding": 1},
        {"name": "b", "op": "batch_norm", "inputs": ["c"], "scale": T(2), "shift": T(2)},
        {"name": "h", "op": "relu", "inputs": ["b"]},
        {"name": "p", "op": "max_pool", "inputs": ["h"], "kernel": 2},
        {"name": "f", "op": "flatten", "inputs": ["p"]},
        {"name": "fx", "op": "flatten", "inputs": ["x"]},
        {"name": "k", "op": "concat", "inputs": ["f", "fx"]},
        {"name": "o", "op": "dense", "inputs": ["k"], "weights": T(2, 4)}], ["o"])


def run(*args):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)


def test_graph_certificates_checked_against_the_graph(checker, tmp_path):
    if not os.path.exists(CLI):
        pytest.skip("relucert not built")
    r = random.Random(5)
    for name, g in lowerable(r):
        gp, lp, cp = (str(tmp_path / (name + s)) for s in (".json", "-low.json", "-cert.json"))
        with open(gp, "w") as f:
            json.dump(g, f)
        p = run(CLI, "regions", gp, "--box", "-2,2", "--quiet", "--certificate", cp)
        assert p.returncode == 0, p.stderr
        p = run(checker, "--box", "-2,2", cp, gp)
        assert p.returncode == 0 and "is a graph of %d nodes" % len(g["nodes"]) in p.stdout, (name, p.stderr)
        # one weight of the lowered network changed, the certificate genuine for that network
        assert run(CLI, "lower", gp, "--out", lp).returncode == 0
        low = json.load(open(lp))
        low["layers"][0]["weights"][0][0] = str(Fraction(low["layers"][0]["weights"][0][0]) + Fraction(1, 7))
        with open(lp, "w") as f:
            json.dump(low, f)
        p = run(CLI, "regions", lp, "--box", "-2,2", "--quiet", "--certificate", cp)
        assert p.returncode == 0, p.stderr
        assert run(checker, "--quiet", cp, lp).returncode == 0        # about the tampered network: true
        p = run(checker, "--quiet", cp, gp)                             # about the graph: false
        assert p.returncode == 1 and "is not the lowering of the graph" in p.stderr, (name, p.stderr)
