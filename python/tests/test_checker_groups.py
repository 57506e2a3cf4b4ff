"""Certificates of networks with a max over three or more entries (max groups, doc/FORMAT.md):
regions, homology and dual graph certificates of random graphs with such maxes (dense, max_pool
windows of 3, two layers of groups, identical members) are checked by relucert-check against the
graph file and against the lowered file; forgeries are rejected: the lowering with its groups
turned into ReLUs (a genuine certificate of that other network), a region's argmax moved to
another member, two members on, a region left out, the groups of the certificate's network
changed. relucert-check's point evaluator of groups is compared with relucert.graph_ref."""
import copy
import json
import os
import random
import subprocess
from fractions import Fraction

import pytest

from conftest import BUILDDIR, CLI
from relucert import graph_ref
from test_checker_graph import graph, tensor as T

CHECK = os.path.join(BUILDDIR, "checker", "relucert-check")


@pytest.fixture
def tools():
    if not os.path.exists(CHECK) or not os.path.exists(CLI):
        pytest.skip("relucert or relucert-check not built")


def grouped(r):
    """(name, graph, box): graphs whose lowering has max groups."""
    yield "dense-max3-max4", graph([2], [
        {"name": "d", "op": "dense", "inputs": ["x"], "weights": T(r, 7, 2), "biases": T(r, 7)},
        {"name": "m", "op": "max", "inputs": ["d"], "groups": [[0, 1, 2], [3, 4, 5, 6]]},
        {"name": "o", "op": "dense", "inputs": ["m"], "weights": T(r, 2, 2)}], ["o"]), "-2,2"
    w = T(r, 4, 2)
    w[2] = list(w[0])          # members 0 and 2 of the first group identical: a tie everywhere
    yield "identical-members", graph([2], [
        {"name": "d", "op": "dense", "inputs": ["x"], "weights": w, "biases": ["1/2", 0, "1/2", -1]},
        {"name": "m", "op": "max", "inputs": ["d"], "groups": [[0, 1, 2], [3, 1]]},
        {"name": "o", "op": "dense", "inputs": ["m"], "weights": T(r, 1, 2)}], ["o"]), "-2,2"
    yield "two-layers", graph([2], [
        {"name": "d1", "op": "dense", "inputs": ["x"], "weights": T(r, 6, 2), "biases": T(r, 6)},
        {"name": "m1", "op": "max", "inputs": ["d1"], "groups": [[0, 1, 2], [3, 4, 5]]},
        {"name": "d2", "op": "dense", "inputs": ["m1"], "weights": T(r, 3, 2), "biases": T(r, 3)},
        {"name": "m2", "op": "max", "inputs": ["d2"], "groups": [[0, 1, 2]]},
        {"name": "fx", "op": "flatten", "inputs": ["x"]},
        {"name": "k", "op": "concat", "inputs": ["m2", "fx"]},
        {"name": "o", "op": "dense", "inputs": ["k"], "weights": T(r, 2, 3)}], ["o"]), "-2,2"
    yield "maxpool3", graph([3], [
        {"name": "r", "op": "reshape", "inputs": ["x"], "shape": [1, 3]},
        {"name": "c", "op": "conv", "inputs": ["r"], "weights": T(r, 2, 1, 2), "biases": T(r, 2), "padding": 1},
        {"name": "p", "op": "max_pool", "inputs": ["c"], "kernel": 3, "stride": 2},
        {"name": "f", "op": "flatten", "inputs": ["p"]},
        {"name": "h", "op": "relu", "inputs": ["f"]},
        {"name": "o", "op": "dense", "inputs": ["h"], "weights": T(r, 1, 2)}], ["o"]), "-1,1"


def run(*args):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f)


def ok(p):
    assert p.returncode == 0, p.stderr
    return p


def rejected(p, why):
    assert p.returncode == 1 and p.stderr.count("\n") == 1 and why in p.stderr, p.stderr


@pytest.fixture(scope="module")
def certified(tmp_path_factory):
    if not os.path.exists(CHECK) or not os.path.exists(CLI):
        pytest.skip("relucert or relucert-check not built")
    d = tmp_path_factory.mktemp("groups")
    out = []
    for name, g, box in grouped(random.Random(28)):
        gp, lp, cp = (str(d / (name + s)) for s in (".json", "-low.json", "-cert.json"))
        write(gp, g)
        ok(run(CLI, "lower", gp, "--out", lp))
        assert any("max_groups" in L for L in json.load(open(lp))["layers"]), name
        ok(run(CLI, "regions", gp, "--box", box, "--quiet", "--certificate", cp))
        out.append((name, g, box, gp, lp, cp))
    return out


def test_regions_certificates_of_max_groups_verified(certified):
    for name, g, box, gp, lp, cp in certified:
        p = ok(run(CHECK, "--json", "--box", box, cp, gp))
        rep = json.loads(p.stdout)
        regions = json.loads(ok(run(CLI, "regions", gp, "--box", box, "--json")).stdout)
        assert rep["verified"] and rep["regions"] == regions["regions"], name
        assert rep["fvector"] == regions["fvector"], name
        ok(run(CHECK, "--quiet", cp, lp))     # the lowering as a version-1 file: the same claim
        cert = json.load(open(cp))
        # every region's pattern has exactly one member on in each group
        groups = [(L0, s) for L in cert["network"]["layers"] for L0, s in L.get("max_groups", [])]
        assert groups, name


def test_homology_and_dualgraph_certificates_of_max_groups(certified, tmp_path):
    for name, g, box, gp, lp, cp in certified:
        last = str(len(json.load(open(lp))["layers"][-1]["weights"]) - 1)
        for s in ("--sublevel", "--superlevel", "--level"):
            hc = str(tmp_path / (name + s + ".cert"))
            h = json.loads(ok(run(CLI, "homology", gp, "--box", box, s, "1/3", "--output", last, "--json",
                                  "--certificate", hc)).stdout)
            rep = json.loads(ok(run(CHECK, "--json", hc, gp)).stdout)
            assert rep["verified"], (name, s)
            cert = json.load(open(hc))
            assert cert["betti"] == h["betti"], (name, s)
        dc = str(tmp_path / (name + "-dual.cert"))
        ok(run(CLI, "dualgraph", gp, "--box", box, "--quiet", "--certificate", dc))
        assert json.loads(ok(run(CHECK, "--json", dc, gp)).stdout)["verified"], name


def _group_ranges(cert):
    """(first neuron, size) of every max group of the certificate's network"""
    out, first = [], 0
    for L in cert["network"]["layers"][:-1]:
        out += [(first + a, s) for a, s in L.get("max_groups", [])]
        first += len(L["weights"])
    return out


def test_forged_max_group_certificates_rejected(certified, tmp_path):
    name, g, box, gp, lp, cp = certified[0]
    cert = json.load(open(cp))
    (g0, size), = _group_ranges(cert)[:1]

    # the argmax of region 0 moved to another member of its group
    bad = copy.deepcopy(cert)
    pat = list(bad["regions"][0]["pattern"])
    on = pat.index("1", g0, g0 + size)
    pat[on], pat[g0 + (on - g0 + 1) % size] = "0", "1"
    bad["regions"][0]["pattern"] = "".join(pat)
    write(tmp_path / "moved.json", bad)
    rejected(run(CHECK, tmp_path / "moved.json", gp), "region 0:")

    # two members on
    bad = copy.deepcopy(cert)
    pat = list(bad["regions"][0]["pattern"])
    pat[g0:g0 + size] = "1" * size
    bad["regions"][0]["pattern"] = "".join(pat)
    write(tmp_path / "two.json", bad)
    rejected(run(CHECK, tmp_path / "two.json", gp), "exactly one member on")

    # a region left out: its neighbours' facets lose their partner
    bad = copy.deepcopy(cert)
    del bad["regions"][-1]
    bad["adjacency"] = [a for a in bad["adjacency"] if len(bad["regions"]) not in (a[0], a[2])]
    bad["counts"]["regions"] -= 1
    write(tmp_path / "dropped.json", bad)
    assert run(CHECK, "--quiet", tmp_path / "dropped.json", gp).returncode == 1

    # the certificate's network with other groups: no longer the file's network
    bad = copy.deepcopy(cert)
    bad["network"]["layers"][0]["max_groups"] = [[0, 2], [3, 4]]
    write(tmp_path / "regrouped.json", bad)
    rejected(run(CHECK, tmp_path / "regrouped.json", lp), "differs")


def test_lowering_with_relus_instead_of_groups_rejected(certified, tmp_path):
    """The lowered file with its max groups dropped is another network (ReLUs where the groups
    were): its own certificate is genuine for it, but it is not the graph's lowering."""
    for name, g, box, gp, lp, cp in certified:
        low = json.load(open(lp))
        for L in low["layers"]:
            L.pop("max_groups", None)
        rp, rc = str(tmp_path / (name + "-relu.json")), str(tmp_path / (name + "-relu.cert"))
        write(rp, low)
        ok(run(CLI, "regions", rp, "--box", box, "--quiet", "--certificate", rc))
        ok(run(CHECK, "--quiet", rc, rp))
        rejected(run(CHECK, rc, gp), "max groups are not the graph's")


def test_checker_evaluates_groups_like_graph_ref(tools, tmp_path):
    r = random.Random(281)
    for name, g, box in grouped(r):
        gp, lp = str(tmp_path / (name + ".json")), str(tmp_path / (name + "-low.json"))
        write(gp, g)
        ok(run(CLI, "lower", gp, "--out", lp))
        ref = graph_ref.load(gp)
        n = 1
        for s in g["input"]["shape"]:
            n *= s
        pts = [[Fraction(r.randint(-20, 20), r.randint(1, 6)) for _ in range(n)] for _ in range(6)]
        pts.append([Fraction(0)] * n)     # ties between members wherever biases tie
        for x in pts:
            want = graph_ref.evaluate(ref, x)
            arg = ",".join(str(v) for v in x)
            for path in (gp, lp):
                got = [Fraction(v) for v in json.loads(ok(run(CHECK, "--eval", path, arg)).stdout)]
                assert got == want, (name, path, x)
