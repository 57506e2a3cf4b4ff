"""CLI and Python give identical JSON for every analysis the Python API exposes (issue 15):
both call the same library function and the same writer, so the parsed documents must be
equal, key order included."""
import json
import os

import pytest

import relucert
from relucert import core
from relucert._lib import ffi, lib
from conftest import TESTDATA
from test_bindings import run_cli

NETS = ["case002.json", "case005.json", "case001.json", "case015.json"]
POLYTOPES = ["cube3.json", "hexagon-v.json", "octahedron-offset.json", "permutahedron4.json"]


def cli_json(cli, *args):
    rc, out, err = run_cli(cli, *args)
    assert rc == 0, err
    return json.loads(out, object_pairs_hook=list)


def py_json(text):
    return json.loads(text, object_pairs_hook=list)


def raw(fn, *args):
    return py_json(core._take_string(core._call(fn, *args)))


def net_path(name):
    return os.path.join(TESTDATA, "sage", name)


@pytest.mark.parametrize("name", NETS)
def test_eval(cli, name):
    net = relucert.load(net_path(name))
    x = ",".join(["1/3", "-1/2", "2", "0"][: net.input_dim])
    assert raw(lib.api_net_eval, net._h, x.encode()) == cli_json(cli, "eval", net_path(name), "--at", x, "--json")


@pytest.mark.parametrize("name", NETS)
@pytest.mark.parametrize("domain", [("box", "-1,1"), ("whole", None)])
def test_regions_summary(cli, name, domain):
    net = relucert.load(net_path(name))
    D = relucert.Domain(net.input_dim, domain[0], domain[1])
    it = core._call(lib.api_regions_new, net._h, D._h)
    it = ffi.gc(it, lib.api_regions_free)
    rec = ffi.new("char **")
    while core._call(lib.api_regions_next, it, rec):
        core._take_string(rec[0])
    args = ["--box", domain[1]] if domain[0] == "box" else ["--whole"]
    assert raw(lib.api_regions_summary, it) == cli_json(cli, "regions", net_path(name), *args, "--json", "--quiet")


@pytest.mark.parametrize("name", NETS)
@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_complex_jobs(cli, name, jobs):
    """Network.complex(jobs=N) is `regions --json --jobs N`, and the same for every N."""
    net = relucert.load(net_path(name))
    D = relucert.Domain(net.input_dim, "box", "-1,1")
    got = raw(lib.api_complex_json, net._h, D._h, jobs, 0, 0.0)
    args = ["--jobs", str(jobs)] if jobs > 1 else []
    assert got == cli_json(cli, "regions", net_path(name), "--box", "-1,1", *args, "--json", "--quiet")
    one = raw(lib.api_complex_json, net._h, D._h, 1, 0, 0.0)
    assert got == one
    c = net.complex(box=(-1, 1), jobs=jobs)
    assert c["regions"] == dict(one)["regions"] and c["partial"] is False


def test_complex_limits(cli):
    net = relucert.load(net_path("case015.json"))
    full = net.complex(box=(-1, 1))
    assert full["regions"] > 3
    part = net.complex(box=(-1, 1), max_regions=3)
    assert part["partial"] is True and part["regions"] == 3
    part2 = net.complex(box=(-1, 1), max_regions=3, jobs=2)
    assert part2["partial"] is True and part2["regions"] == 3
    for bad in [dict(jobs=0), dict(jobs=2000), dict(jobs=1.5), dict(max_regions=0), dict(time_limit=-1),
                dict(time_limit="x")]:
        with pytest.raises(relucert.RelucertError):
            net.complex(box=(-1, 1), **bad)


@pytest.mark.parametrize("name", ["case005.json", "case008.json", "case011.json"])
def test_arrangement(cli, name):
    net = relucert.load(net_path(name))
    assert raw(lib.api_arrangement_json, net._h) == cli_json(cli, "arrangement", net_path(name), "--json")


@pytest.mark.parametrize("name", NETS)
@pytest.mark.parametrize("st", [("superlevel", "0"), ("sublevel", "1/3"), ("level", "0")])
def test_homology(cli, name, st):
    net = relucert.load(net_path(name))
    D = relucert.Domain.box(-1, 1, net.input_dim)
    got = raw(lib.api_homology_json, net._h, D._h, st[0].encode(), st[1].encode(), 0)
    assert got == cli_json(cli, "homology", net_path(name), "--box", "-1,1", "--" + st[0], st[1], "--json")


@pytest.mark.parametrize("name", ["case005.json", "case006.json", "case002.json"])
@pytest.mark.parametrize("T", ["0", "1/4"])
def test_boundary(cli, name, T):
    net = relucert.load(net_path(name))
    D = relucert.Domain.box(-1, 1, net.input_dim)
    got = raw(lib.api_boundary_json, net._h, D._h, T.encode(), 0)
    assert got == cli_json(cli, "boundary", net_path(name), "--threshold", T, "--box", "-1,1", "--json")


@pytest.mark.parametrize("name", POLYTOPES)
def test_polytope(cli, name):
    path = os.path.join(TESTDATA, "polytopes", name)
    Q = relucert.Polytope.load(path)
    assert py_json(core._take_string(lib.api_polytope_json(Q._h))) == cli_json(cli, "polytope", path, "--json")


@pytest.mark.parametrize("name", ["cube3.json", "octahedron-offset.json"])
@pytest.mark.parametrize("center", [None, "auto"])
def test_polar(cli, name, center):
    path = os.path.join(TESTDATA, "polytopes", name)
    Q = relucert.Polytope.load(path)
    c = ffi.NULL if center is None else center.encode()
    args = [] if center is None else ["--center", center]
    try:
        got = raw(lib.api_polar_json, Q._h, c)
    except relucert.RelucertError as e:
        rc, out, err = run_cli(cli, "polar", path, *args, "--json")
        # the same refusal (the CLI names its option --center where Python names the argument)
        assert rc != 0 and str(e).split(":")[0] in err
        return
    assert got == cli_json(cli, "polar", path, *args, "--json")


@pytest.mark.parametrize("name", ["classifier.json", "rings.json", "cones.json"])
@pytest.mark.parametrize("domain", [("box", "-1,1"), ("whole", None)])
@pytest.mark.parametrize("listed", [False, True])
def test_decision(cli, name, domain, listed):
    path = os.path.join(TESTDATA, "decision", name)
    net = relucert.load(path)
    D = relucert.Domain(net.input_dim, domain[0], domain[1])
    got = raw(lib.api_decision_json, net._h, D._h, 1 if listed else 0)
    args = ["--box", domain[1]] if domain[0] == "box" else ["--whole"]
    assert got == cli_json(cli, "decision", path, *args, "--json", *(["--list"] if listed else []))


# ---- the network writer, slices and the graph evaluator (issue 15: every analysis the API exposes)
REPO = os.path.join(TESTDATA, "..", "..")


@pytest.mark.parametrize("path", [os.path.join(REPO, "data", "graph-residual.json"), net_path("case005.json"),
                                  os.path.join(REPO, "data", "resnet-demo", "resnet.json")])
def test_network_json(cli, path):
    """Network.to_json() is `relucert lower NET` (the canonical version-1 file)."""
    net = relucert.load(path)
    assert py_json(net.to_json()) == cli_json(cli, "lower", path)


def test_slice(cli):
    net_file = os.path.join(REPO, "data", "slice", "net12.json")
    pts_file = os.path.join(REPO, "data", "slice", "three-points.json")
    with open(pts_file) as f:
        pts = json.load(f)
    pts = pts["X"] if isinstance(pts, dict) and "X" in pts else pts.get("points", pts) if isinstance(pts, dict) else pts
    s = relucert.load(net_file).slice(points=pts)
    assert py_json(s.to_json()) == cli_json(cli, "slice", net_file, "--points", pts_file)


@pytest.mark.parametrize("x", ["1,3,2", "-1/2,0,7/3", "0,0,0"])
def test_graph_eval(cli, x):
    """A max over three entries (a max group): eval, pattern and affine map as the CLI's."""
    path = os.path.join(TESTDATA, "plnet", "max3_region.json")
    net = relucert.load(path)
    got = raw(lib.api_net_eval, net._h, x.encode())
    assert got == cli_json(cli, "eval", path, "--at", x, "--json")
