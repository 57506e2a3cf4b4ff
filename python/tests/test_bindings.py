"""Every binding against the library's own ground truth (Sage fixtures, the CLI)."""
import glob
import json
import math
import os
import subprocess
from fractions import Fraction

import pytest

import relucert
from conftest import TESTDATA

CASES = sorted(p for p in glob.glob(os.path.join(TESTDATA, "sage", "case*.json")) if not p.endswith(".truth.json"))


def truth(path):
    with open(path[:-5] + ".truth.json") as f:
        return json.load(f)


def run_cli(cli, *args):
    # the CLI links its own sanitizer runtime; a preloaded libasan (sanitizer builds) would also
    # instrument the libtool wrapper's sed, whose leaks LeakSanitizer then reports on stderr
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    p = subprocess.run([cli] + list(args), capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr


# ---------------------------------------------------------------- networks
def test_load_roundtrip(data):
    net = relucert.load(CASES[0])
    again = relucert.Network.from_json(net.to_json())
    assert again.to_json() == net.to_json()
    assert net.input_dim == truth(CASES[0])["input_dim"]
    assert net.widths[:-1] == truth(CASES[0])["widths"]
    assert all(isinstance(w, Fraction) for L in net.layers for row in L["weights"] for w in row)


def test_graph_loads_lowered(data):
    # a graph (format version 2) is read through the same reader: the residual example equals the
    # network with a shortcut written by hand (tests/data/graph/residual-hand.json)
    g = relucert.load(os.path.join(TESTDATA, "..", "..", "data", "graph-residual.json"))
    hand = relucert.load(data("graph", "residual-hand.json"))
    assert g.eval(["1", "2"])["output"] == [8, -6, 15]
    assert g.complex(box=(-2, 2))["fvector"] == hand.complex(box=(-2, 2))["fvector"]


MAX_GRAPH = {"format": "relucert-graph", "version": 2, "input": {"name": "x", "shape": [1, 3, 3]}, "nodes": [
    {"name": "c", "op": "conv", "inputs": ["x"], "weights": [[[[1, "-1/2"], [2, 0]]], [[[0, 1], ["1/3", -1]]]],
     "biases": [0, "1/4"], "padding": 1},
    {"name": "mp", "op": "max_pool", "inputs": ["c"], "kernel": 3, "stride": 2, "padding": 1},
    {"name": "f", "op": "flatten", "inputs": ["mp"]},
    {"name": "r", "op": "relu", "inputs": ["f"]},
    {"name": "m", "op": "max", "inputs": ["r"], "groups": [[0, 1, 2, 3], [4, 4, 5], [6]]},
    {"name": "out", "op": "dense", "inputs": ["m"], "weights": [[1, -2, 3], [0, 1, "1/5"]], "biases": [1, 0]}],
    "outputs": ["out", "m"]}


def test_max_groups(data):
    """A max over more than two entries is lowered to a max group (one neuron per member, the
    argmax one-hot): the network evaluates as the Fraction evaluator relucert.graph_ref at random
    points, its pattern is one-hot per group, it writes (max_groups) and reads back the same
    network, its regions are those of the max, and an analysis that does not handle groups yet
    refuses it saying so."""
    from relucert import graph_ref
    import random
    rnd = random.Random(16)
    for net, ref in ((relucert.load(data("plnet", "max3_region.json")),
                      graph_ref.load(data("plnet", "max3_region.json"))),
                     (relucert.Network.from_json(MAX_GRAPH), graph_ref.loads(json.dumps(MAX_GRAPH)))):
        n = net.input_dim
        assert n == math.prod(ref["input"]["shape"])
        back = relucert.Network.from_json(net.to_json())
        assert '"max_groups"' in net.to_json() and back.to_json() == net.to_json()
        for _ in range(20):
            x = [Fraction(rnd.randint(-30, 30), rnd.randint(1, 7)) for _ in range(n)]
            got = net.eval(x)
            assert got["output"] == graph_ref.evaluate(ref, x) == back.eval(x)["output"]
            assert net(x) == got["output"]
        with pytest.raises(relucert.UnsupportedError, match="max over more than two entries"):
            net.boundary(box=(-1, 1))
    net = relucert.load(data("plnet", "max3_region.json"))
    assert net.eval([1, 3, 2])["pattern"] == "010"
    c = net.complex(box=(-1, 1))
    assert (c["regions"], c["fvector"]) == (3, [8, 16, 12, 3])

def test_from_dict_exact_numbers():
    net = relucert.Network.from_json({"input_dim": 2, "layers": [
        {"weights": [[1, "-1/2"], ["0.1", Fraction(1, 3)]], "biases": [0.5, "1e-3"]},
        {"weights": [[1, -1]], "biases": [2 ** 70]}]})
    assert net.layers[0]["weights"][1][0] == Fraction(1, 10)   # "0.1" is exactly 1/10
    assert net.layers[0]["biases"] == [Fraction(1, 2), Fraction(1, 1000)]
    assert net.layers[1]["biases"][0] == 2 ** 70                # no 64-bit saturation
    f = net.eval(["1/3", 7])
    # hidden: relu(1/3 - 7/2 + 1/2) = 0, relu(1/30 + 7/3 + 1/1000); output 0 - that + 2^70
    h2 = Fraction(1, 30) + Fraction(7, 3) + Fraction(1, 1000)
    assert f["output"] == [2 ** 70 - h2]
    assert f["pattern"] == "01"
    assert f["signs"] == [-1, 1]
    assert net([Fraction(1, 3), 7]) == f["output"]


def test_eval_affine_map_matches():
    net = relucert.load(CASES[1])
    x = [Fraction(1, 7)] * net.input_dim
    e = net.eval(x)
    W, c = e["affine"]["W"], e["affine"]["c"]
    assert [sum(w * v for w, v in zip(row, x)) + ci for row, ci in zip(W, c)] == e["output"]


# ---------------------------------------------------------------- regions and the complex
@pytest.mark.parametrize("path", CASES[:6])
def test_complex_matches_sage(path):
    t = truth(path)
    net = relucert.load(path)
    s = net.complex(box=(-1, 1))
    assert s["regions"] == t["box_regions"]
    assert s["fvector"] == t["box_bounded_fvector"]
    assert s["partial"] is False
    assert isinstance(s["mean_facets"], Fraction)


def test_regions_stream_and_agree_with_cli(cli):
    path = CASES[2]
    net = relucert.load(path)
    it = net.regions(box=("-1", "1"))
    first = next(it)
    # streaming: only one region has been produced (and counted) so far
    assert it.summary()["regions"] == 1 and it.summary()["partial"] is True
    rest = list(it)
    regions = [first] + rest
    s = it.summary()
    rc, out, err = run_cli(cli, "regions", path, "--box", "-1,1", "--json", "--list", "--quiet")
    assert rc == 0, err
    ref = json.loads(out)
    for k in ("regions", "bounded_regions", "fvector", "facet_histogram", "euler", "interior_regions"):
        assert s[k] == ref[k], k
    assert s["mean_facets"] == Fraction(ref["mean_facets"])
    assert [r.pattern for r in regions] == [r["pattern"] for r in ref["region_list"]]
    for r, q in zip(regions, ref["region_list"]):
        assert r.vertices == [[Fraction(x) for x in v] for v in q["vertices"]]
        assert r.W == [[Fraction(x) for x in row] for row in q["affine"]["W"]]
        assert r.fvector == q["fvector"]
    # every region: its interior point is inside, and the network's output there is its affine map
    for r in regions:
        assert r.contains(r.interior_point)
        y = net(r.interior_point)
        assert y == [sum(w * v for w, v in zip(row, r.interior_point)) + c for row, c in zip(r.W, r.c)]
        assert net.eval(r.interior_point)["pattern"] == r.pattern


def test_regions_domains(data):
    net = relucert.load(CASES[0])
    n = net.input_dim
    A = [[1 if j == i else 0 for j in range(n)] for i in range(n)] + [[-1 if j == i else 0 for j in range(n)]
                                                                     for i in range(n)]
    by_poly = net.complex(domain={"A": A, "b": [1] * (2 * n)})
    by_box = net.complex(box=(-1, 1))
    assert by_poly["fvector"] == by_box["fvector"]
    whole = net.complex(whole=True)
    assert whole["domain"] == "R^%d" % n
    with pytest.raises(relucert.InputError, match="at most one"):
        net.complex(box=(-1, 1), whole=True)


def test_regions_early_close():
    net = relucert.load(CASES[3])
    with net.regions(box=(-1, 1)) as it:
        next(it)
    with pytest.raises(relucert.InputError):
        it.summary()
    assert list(it) == []


# ---------------------------------------------------------------- analyses
@pytest.mark.parametrize("path", [p for p in CASES if "R_regions" in truth(p)][:4])
def test_arrangement_matches_sage(path):
    t = truth(path)
    a = relucert.load(path).arrangement()
    assert a["regions"] == t["R_regions"]
    assert a["relatively_bounded_regions"] == t["R_bounded_regions"]
    assert a["methods_agree"] is True


@pytest.mark.parametrize("path", [p for p in CASES if "superlevel_betti" in truth(p)][:4])
def test_homology_matches_sage(path):
    t = truth(path)
    h = relucert.load(path).homology(superlevel=0, box=(-1, 1))
    n = len(t["superlevel_betti"])
    assert h["betti"][:n] == t["superlevel_betti"]
    assert sum(len(x) for x in h["torsion"]) == t["superlevel_torsion"]


def test_homology_needs_one_set():
    net = relucert.load(CASES[0])
    with pytest.raises(relucert.InputError):
        net.homology(box=(-1, 1))
    with pytest.raises(relucert.InputError):
        net.homology(superlevel=0, level=0, box=(-1, 1))


def test_arrangement_of_deep_net_is_unsupported():
    deep = relucert.Network.from_json({"input_dim": 1, "layers": [
        {"weights": [[1]], "biases": [0]}, {"weights": [[1]], "biases": [0]}, {"weights": [[1]], "biases": [0]}]})
    with pytest.raises(relucert.UnsupportedError):
        deep.arrangement()


def test_boundary_class_and_cli(cli, tmp_path):
    # one hidden layer of width 2 on R^2: f = relu(x) + relu(y) - 1 is class 2 (both weights positive,
    # c0 - T = -1): 2^2 - 2^0 = 3 pieces
    d = {"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                                    {"weights": [[1, 1]], "biases": [-1]}]}
    net = relucert.Network.from_json(d)
    b = net.boundary(threshold=0)
    assert b["class"] == 2 and b["class_pieces"] == 3 and b["pieces"] == 3
    p = tmp_path / "net.json"
    net.save(str(p))
    rc, out, err = run_cli(cli, "boundary", str(p), "--json")
    ref = json.loads(out)
    # one analysis and one writer behind both: the same keys, the same values
    assert list(b) == list(ref)
    for k in ("class", "pieces", "fvector", "class_fvector", "cells", "cells_below", "cells_above", "components"):
        assert b[k] == ref[k], k
    assert b["faces_checked"] is False and b["version"] == relucert.version()
    assert b["certificate"]["A"] == [[Fraction(x) for x in r] for r in ref["certificate"]["A"]]
    # degenerate: c0 equal to the threshold
    assert net.boundary(threshold=-1)["class"] is None
    assert net.boundary(threshold=-1)["degenerate"] == "c0 = threshold"
    assert net.boundary(threshold=-1)["degenerate_reasons"] == ["c0 = threshold"]
    assert net.boundary(threshold=-1)["rank"] == 2
    # inside a box the homology of the boundary comes too
    assert "betti" in net.boundary(threshold=0, box=(-2, 2))


def test_polytope_and_polar(data, cli):
    path = data("polytopes", "cube3.json")
    Q = relucert.Polytope.load(path)
    assert Q.fvector == [8, 12, 6, 1]
    D = Q.polar()
    assert D["fvector"] == [6, 12, 8, 1] and D["verified"] is True
    rc, out, err = run_cli(cli, "polar", path, "--json")
    ref = json.loads(out)
    assert D["vertices"] == [[Fraction(x) for x in v] for v in ref["vertices"]]
    assert D["center"] == [0, 0, 0]
    # one computation, one writer: the CLI's JSON and Python's are the same document
    assert D == relucert.core._exact_tree(ref)
    rc, out, err = run_cli(cli, "polytope", path, "--json")
    assert rc == 0 and Q.info == relucert.core._exact_tree(json.loads(out))
    H = relucert.Polytope.from_vertices([[0, 0], [1, 0], [0, 1]])
    assert H.fvector == [3, 3, 1]
    P = H.polar(center=["1/4", "1/4"])
    assert P["center"] == [Fraction(1, 4)] * 2 and P["fvector"] == [3, 3, 1]
    assert H.polar(center="auto")["center_source"] == "vertex centroid"
    with pytest.raises(relucert.InputError, match="not an interior point"):
        H.polar()
    h = relucert.Polytope.from_hrep([[1, 0], [-1, 0], [0, 1], [0, -1]], [1, 1, 1, 1])
    assert h.vertices == sorted(h.vertices) and len(h.vertices) == 4


# ---------------------------------------------------------------- errors: never a crash
def bad_files():
    out = []
    with open(os.path.join(TESTDATA, "bad", "EXPECT")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, sub = line.rstrip("\n").split("\t", 1)
            out.append((name, sub))
    return out


@pytest.mark.parametrize("name,sub", bad_files())
def test_bad_network_files_raise(name, sub, cli):
    path = os.path.join(TESTDATA, "bad", name)
    with pytest.raises(relucert.RelucertError) as e:
        relucert.load(path)
    assert sub in str(e.value)
    assert isinstance(e.value, (relucert.ParseError, relucert.InputError, relucert.UnsupportedError))
    # the same message as the CLI
    rc, out, err = run_cli(cli, "regions", path)
    assert rc != 0 and err.strip() == "relucert regions: " + str(e.value)
    # and from bytes in memory (no path prefix there, same substring)
    with open(path, "rb") as f:
        text = f.read()
    with pytest.raises(relucert.RelucertError) as e2:
        relucert.Network.from_json(text)
    assert e2.value.code == e.value.code


def test_missing_file_is_file_error():
    with pytest.raises(relucert.FileError) as e:
        relucert.load("/nonexistent/net.json")
    assert isinstance(e.value, OSError) and "/nonexistent/net.json" in str(e.value)


@pytest.mark.parametrize("name", ["badnum.json", "empty.json", "flat.json", "infeasible.json", "unknownkey.json",
                                  "wrongdim.json"])
def test_bad_domain_files_raise(name, data, cli, tmp_path):
    net = relucert.Network.from_json({"input_dim": 2, "layers": [{"weights": [[1, 1]], "biases": [0]},
                                                                  {"weights": [[1]], "biases": [0]}]})
    with pytest.raises(relucert.RelucertError) as e:
        net.complex(domain=data("domains", name))
    netfile = tmp_path / "net.json"
    net.save(str(netfile))
    rc, out, err = run_cli(cli, "regions", str(netfile), "--domain", data("domains", name))
    assert rc != 0 and err.strip() == "relucert regions: " + str(e.value)


def test_bad_arguments_raise_not_crash():
    net = relucert.load(CASES[0])
    n = net.input_dim
    for bad in ([0] * (n + 1), [0] * (n - 1), ["x"] * n, [float("nan")] * n, [float("inf")] * n, [True] * n,
                "0,0,0", 5, None, [None] * n, ["1/0"] * n):
        with pytest.raises(relucert.RelucertError):
            net.eval(bad)
    for box in ((1, -1), (0, 0), ("a", 1), (1,), 3, (float("nan"), 1)):
        with pytest.raises(relucert.RelucertError):
            net.complex(box=box)
    with pytest.raises(relucert.InputError, match="dimension"):
        net.complex(domain=relucert.Domain.box(-1, 1, n + 1))
    for T in ("x", None, float("inf"), "1/0", [1]):
        with pytest.raises(relucert.RelucertError):
            net.homology(superlevel=T, box=(-1, 1))
    for out in (1, -1, "0", 2 ** 80, 1.0):
        with pytest.raises(relucert.RelucertError):
            net.boundary(threshold=0, output=out)
    with pytest.raises(relucert.InputError):
        net.homology(superlevel=0, output=3, box=(-1, 1))
    with pytest.raises(relucert.RelucertError):
        relucert.Network.from_json("{\"input_dim\": 1, \"layers\": [\0]}")
    with pytest.raises(relucert.RelucertError):
        relucert.Network.from_json(b"\xff\xfe")
    with pytest.raises(relucert.RelucertError):
        relucert.Polytope.from_json("[]")
    with pytest.raises(relucert.RelucertError):
        relucert.Polytope.load("/nonexistent.json")
    with pytest.raises(relucert.RelucertError):
        relucert.Domain(2, "sphere")
    with pytest.raises(relucert.RelucertError):
        relucert.Domain(0, "whole")
    # a zero denominator in a domain polytope given in memory
    with pytest.raises(relucert.InputError, match="zero denominator"):
        net.complex(domain={"A": [[1] * n], "b": ["1/0"]})


@pytest.mark.parametrize("name", sorted(os.listdir(os.path.join(TESTDATA, "polytopes", "bad")))
                         if os.path.isdir(os.path.join(TESTDATA, "polytopes", "bad")) else [])
def test_bad_polytope_files_raise(name, data):
    with pytest.raises(relucert.RelucertError) as e:
        relucert.Polytope.load(data("polytopes", "bad", name))
    assert str(e.value)


def test_exception_hierarchy():
    assert issubclass(relucert.ParseError, ValueError)
    assert issubclass(relucert.InputError, ValueError)
    for c in (relucert.FileError, relucert.ParseError, relucert.InputError, relucert.UnsupportedError,
              relucert.InternalError, relucert.LimitError):
        assert issubclass(c, relucert.RelucertError)


# ------------------------------------------- CLI and binding: one writer each
def test_eval_json_is_the_cli_json(cli):
    # api_net_eval and `relucert eval --json` print with the same library writer: equal objects
    from relucert._lib import lib
    from relucert.core import _call, _cstr, _take_string
    compared = 0
    for path in CASES[:6]:
        net = relucert.load(path)
        point = ",".join(["1/3", "-1/2", "0", "2/7"][:net.input_dim]) if net.input_dim <= 4 else None
        if point is None:
            continue
        compared += 1
        raw = json.loads(_take_string(_call(lib.api_net_eval, net._h, _cstr(point))))
        rc, out, err = run_cli(cli, "eval", path, "--at", point, "--json")
        assert rc == 0, err
        assert raw == json.loads(out)
        e = net.eval(point.split(","))
        assert e["signs"] == [{"-": -1, "0": 0, "+": 1}[c] for c in raw["signs"]]
        assert [str(v) for v in e["input"]] == [str(Fraction(v)) for v in point.split(",")]
    assert compared >= 3


@pytest.mark.parametrize("path", [p for p in CASES if "R_regions" in truth(p)][:2])
def test_arrangement_json_is_the_cli_json(cli, path):
    rc, out, err = run_cli(cli, "arrangement", path, "--json")
    assert rc == 0, err
    assert relucert.load(path).arrangement() == json.loads(out)
