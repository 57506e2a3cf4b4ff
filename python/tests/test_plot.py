"""relucert.plot and Region.polygon() (issue 21). Independent truths: the counter-clockwise
order against a second algorithm (gift wrapping with exact cross products), region areas
summing exactly to the box's area, the colour range against the CLI's `plot --json` and
against each region's affine map at its vertices, boundary endpoints on {f = T} by exact
evaluation, 1D breakpoints of a hand-made function, identical SVG bytes on two saves, and a
clear error when matplotlib is missing."""
import json
import os
import subprocess
import sys
from fractions import Fraction as Q

import pytest

import relucert
from conftest import TESTDATA
from test_bindings import run_cli

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
NETS = [os.path.join(TESTDATA, "sage", "case005.json"), os.path.join(ROOT, "data", "default.json"),
        os.path.join(ROOT, "data", "topology", "nets", "moons-epoch500.json")]


def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def gift_wrap(points):
    """Jarvis march from the lowest-then-leftmost point: counter-clockwise hull (exact)."""
    pts = sorted(set(points), key=lambda p: (p[1], p[0]))
    hull, p = [], pts[0]
    while True:
        hull.append(p)
        q = pts[0] if pts[0] != p else pts[1]
        for r in pts:
            if r != p and cross(p, q, r) < 0:
                q = r
        p = q
        if p == hull[0]:
            return hull


def rotate_to(seq, first):
    i = seq.index(first)
    return seq[i:] + seq[:i]


@pytest.mark.parametrize("path", NETS)
def test_polygon_ccw_exact(path):
    net = relucert.load(path)
    area = Q(0)
    for r in net.regions(box=(-1, 1)):
        P = r.polygon()
        assert all(isinstance(c, Q) for p in P for c in p)
        assert sorted(P) == sorted(tuple(v) for v in r.vertices)
        n = len(P)
        assert n >= 3
        # strictly convex, counter-clockwise: every turn is a left turn
        assert all(cross(P[i], P[(i + 1) % n], P[(i + 2) % n]) > 0 for i in range(n))
        assert rotate_to(P, gift_wrap(P)[0]) == gift_wrap(P)
        area += sum(P[i][0] * P[(i + 1) % n][1] - P[(i + 1) % n][0] * P[i][1] for i in range(n)) / 2
    assert area == 4     # the regions tile [-1, 1]^2


def test_polygon_errors():
    net = relucert.load(NETS[0])
    r = next(r for r in net.regions() if not r.bounded)   # over R^2
    with pytest.raises(relucert.InputError):
        r.polygon()
    one = relucert.Network.from_json({"input_dim": 1, "layers": [{"weights": [[1]], "biases": [0]},
                                                                 {"weights": [[1]], "biases": [0]}]})
    with pytest.raises(relucert.InputError):
        next(iter(one.regions(box=(-1, 1)))).polygon()


def test_ccw_polygon_orders_any_start():
    sq = [(1, 1), (-1, -1), (1, -1), (-1, 1)]
    assert relucert.core.ccw_polygon(sq) == [(1, 1), (-1, 1), (-1, -1), (1, -1)]


plot = pytest.importorskip("matplotlib") and __import__("relucert.plot").plot


@pytest.fixture(autouse=True)
def _agg():
    import matplotlib
    matplotlib.use("Agg")
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


def test_regions_value_range_exact(cli, tmp_path):
    net = relucert.load(NETS[1])
    ax = plot.regions(net, box=(-1, 1), color="value", title="t")
    lo, hi = ax.relucert_range
    vals = [sum(Q(w) * Q(x) for w, x in zip(r.W[0], v)) + Q(r.c[0]) for r in net.regions(box=(-1, 1))
            for v in r.vertices]
    assert (lo, hi) == (min(vals), max(vals))
    rc, out, err = run_cli(cli, "plot", NETS[1], "--box", "-1,1", "--color", "value", "--out",
                           str(tmp_path / "f.svg"), "--json")
    assert rc == 0, err
    d = json.loads(out)
    assert (Q(d["value_min"]), Q(d["value_max"])) == (lo, hi)
    assert ax.relucert_regions == d["regions"][0]
    assert len(ax.collections[0].get_paths()) == d["regions"][0]
    assert ax.get_title() == "t" and ax.get_xlabel() == "x1" and ax.get_ylabel() == "x2"
    assert len(ax.figure.axes) == 2       # the colour bar


def test_boundary_segments_on_level_set():
    net = relucert.load(NETS[0])
    T = Q(1, 3)
    seen = 0
    for r in net.regions(box=(-1, 1)):
        s = plot.boundary_segments(r, T)
        if s is None:
            continue
        seen += 1
        for p in s:
            assert net(list(p))[0] == T
            assert r.contains(p)
    assert seen > 0


def test_graph_breakpoints():
    g = relucert.Network.from_json({"input_dim": 1, "layers": [{"weights": [[1], [1]], "biases": [0, -1]},
                                                               {"weights": [[1, -2]], "biases": [0]}]})
    ax = plot.graph(g, box=(-1, 3), title="g")
    assert ax.relucert_breakpoints == [0, 1]
    x, y = ax.lines[0].get_data()
    assert list(x) == [-1, 0, 1, 3] and list(y) == [0, 0, 1, -1]


def test_data_and_determinism(tmp_path):
    net = relucert.load(NETS[1])
    data = {"X": [[0, 0], ["1/2", "1/2"], [-1, 1]], "y": [1, -1, 1]}
    for name in ("a.svg", "b.svg"):
        ax = plot.regions(net, box=(-1, 1), data=data)
        plot.savefig(ax, str(tmp_path / name))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["f = 0", "y = -1", "y = 1"]
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_missing_matplotlib_is_a_clear_error():
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "import relucert, relucert.plot\n"
            "net = relucert.load(%r)\n"
            "try:\n    relucert.plot.regions(net, box=(-1, 1))\n"
            "except relucert.RelucertError as e:\n    print('ERR', e)\n" % NETS[0])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
    assert out.returncode == 0, out.stderr
    assert "ERR relucert.plot needs matplotlib (Debian: apt-get install python3-matplotlib)" in out.stdout


def test_reprs():
    net = relucert.load(NETS[0])
    assert repr(net).startswith("Network(input_dim=2, widths=")
    assert "<table>" in net._repr_html_() and "hidden neurons" in net._repr_html_()
    it = net.regions(box=(-1, 1))
    assert "streaming" in repr(it) and "box" in it._repr_html_()
    list(it)
    assert "done" in repr(it)
    r = next(iter(net.regions(box=(-1, 1))))
    assert "pattern" in r._repr_html_()
    P = relucert.Polytope.load(os.path.join(TESTDATA, "polytopes", "cube3.json"))
    assert "f-vector" in P._repr_html_() and repr(P).startswith("Polytope(dim=3")
