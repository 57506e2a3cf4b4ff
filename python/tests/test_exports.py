"""Exports to Sage, polymake and OFF: exact numbers, counts against the f-vectors.

The Sage script is always checked for syntax and run when `sage` is on PATH (else the test is
reported as skipped with the reason); polymake loads the JSON when it is on PATH."""
import ast
import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction

import pytest

import relucert
from conftest import TESTDATA

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORT = os.path.join(HERE, "..", "relucert-export")
NET2 = {"input_dim": 2, "layers": [
    {"weights": [[1, "1/3"], [-1, 2], ["1/2", -1], [0, 1]], "biases": ["1/7", 0, "-1/5", "1/10"]},
    {"weights": [[1, -1, 1, 0], [0, 1, 1, -1]], "biases": [0, "1/3"]},
    {"weights": [[1, 1]], "biases": [0]}]}


@pytest.fixture(scope="module")
def net2():
    return relucert.Network.from_json(NET2)


def _run_sage(sage, path, timeout):
    """Run a script in Sage. Sage does not load librelucert: a sanitizer build's preloaded ASan
    runtime is kept out of it (under ASan, cysignals cannot install its signal handlers)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
    try:
        return subprocess.run([sage, str(path)], capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("sage did not finish within %d s" % timeout)


def test_sage_script(net2, tmp_path, capsys):
    regions = list(net2.regions(box=(-1, 1)))
    script = relucert.to_sage(regions)
    ast.parse(script)       # syntactically Python (and so Sage)
    assert script.count("Polyhedron(") == len(regions)
    assert "QQ('1/7')" in script or "QQ(" in script
    path = tmp_path / "regions.sage"
    path.write_text(script)
    sage = shutil.which("sage")
    if sage is None or os.environ.get("RELUCERT_SKIP_SAGE"):
        # the checks above passed, but the script was not run: report a skip, not a pass
        pytest.skip("script checked for syntax only, not run: %s" %
                    ("sage is not on PATH" if sage is None else "RELUCERT_SKIP_SAGE is set"))
    p = _run_sage(sage, path, 600)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "%d polyhedra rebuilt over QQ, vertices agree" % len(regions) in p.stdout
    with capsys.disabled():
        print("\n[exports] Sage ran the script: " + p.stdout.strip().splitlines()[-1])


def test_sage_polytope_with_equations(data):
    Q = relucert.Polytope.load(data("polytopes", "segment-implicit.json")) \
        if os.path.exists(data("polytopes", "segment-implicit.json")) else None
    if Q is None:
        pytest.skip("no fixture segment-implicit.json")
    s = relucert.to_sage([Q])
    ast.parse(s)
    if Q.info.get("equations"):
        assert "eqns=[[" in s


def test_polymake_json(net2, tmp_path):
    regions = list(net2.regions(box=(-1, 1)))
    text = relucert.to_polymake(regions)
    doc = json.loads(text)
    assert doc["_type"] == "common::Array<polytope::Polytope<Rational>>"
    objs = doc["data"]
    assert len(objs) == len(regions)
    for o, r in zip(objs, regions):
        assert o["_type"] == "polytope::Polytope<Rational>"
        rows = o["INEQUALITIES"]
        assert len(rows) == len(r.A)
        for row, a, b in zip(rows, r.A, r.b):
            assert all(isinstance(v, str) for v in row)
            assert [Fraction(v) for v in row] == [b] + [-x for x in a]
        # every vertex satisfies every inequality, with equality on the facets through it
        for v in r.vertices:
            vals = [Fraction(row[0]) + sum(Fraction(c) * x for c, x in zip(row[1:], v)) for row in rows]
            assert min(vals) == 0
    # jq reads it too (when installed)
    jq = shutil.which("jq")
    if jq:
        p = subprocess.run([jq, "-r", ".data[0].INEQUALITIES[0][0]"], input=text, capture_output=True, text=True)
        assert p.returncode == 0 and Fraction(p.stdout.strip()) == regions[0].b[0]
    single = json.loads(relucert.to_polymake(relucert.Polytope.load(os.path.join(TESTDATA, "polytopes",
                                                                                  "cube3.json"))))
    assert single["_type"] == "polytope::Polytope<Rational>" and len(single["INEQUALITIES"]) == 6


POLYMAKE_SCRIPT = """use application "polytope";
my $a = load_data("%s");
foreach my $p (@$a) { print "fvector ", join(" ", @{$p->F_VECTOR}), "\\n"; }
my $c = load("%s");
print "cube ", join(" ", @{$c->F_VECTOR}), "\\n";
"""


def test_polymake_loads(net2, tmp_path):
    """polymake itself reads the export: every region's f-vector equals relucert's."""
    polymake = shutil.which("polymake")
    if polymake is None:
        pytest.skip("polymake is not on PATH (Debian package polymake): export not loaded")
    regions = list(net2.regions(box=(-1, 1)))
    arr, cube = tmp_path / "regions.json", tmp_path / "cube.json"
    arr.write_text(relucert.to_polymake(regions))
    cube.write_text(relucert.to_polymake(relucert.Polytope.load(os.path.join(TESTDATA, "polytopes",
                                                                              "cube3.json"))))
    script = tmp_path / "load.pl"
    script.write_text(POLYMAKE_SCRIPT % (arr, cube))
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
    env["HOME"] = str(tmp_path)         # polymake writes its settings under $HOME
    p = subprocess.run([polymake, "--script", str(script)], capture_output=True, text=True,
                       timeout=600, env=env)
    assert p.returncode == 0, p.stdout + p.stderr
    got = [list(map(int, l.split()[1:])) for l in p.stdout.splitlines() if l.startswith("fvector ")]
    assert got == [[len(r.vertices), r.facets] for r in regions]
    assert "cube 8 12 6" in p.stdout


def parse_off(text):
    lines = [l for l in text.splitlines() if l and not l.startswith("#")]
    assert lines[0] == "OFF"
    nv, nf, ne = map(int, lines[1].split())
    verts = [list(map(float, l.split())) for l in lines[2:2 + nv]]
    faces = [list(map(int, l.split()))[1:] for l in lines[2 + nv:2 + nv + nf]]
    return nv, nf, ne, verts, faces


def test_off_2d_counts_match_fvector(net2):
    regions = list(net2.regions(box=(-1, 1)))
    s = net2.complex(box=(-1, 1))
    nv, nf, ne, verts, faces = parse_off(relucert.to_off(regions))
    assert (nv, ne, nf) == tuple(s["fvector"])
    # polygons: counter-clockwise (positive shoelace area), areas sum to the box's 4
    total = 0.0
    for f in faces:
        a = sum(verts[f[i]][0] * verts[f[(i + 1) % len(f)]][1] - verts[f[(i + 1) % len(f)]][0] * verts[f[i]][1]
                for i in range(len(f))) / 2
        assert a > 0
        total += a
    assert abs(total - 4) < 1e-9


def test_off_3d_polytope(data):
    for name in ("cube3.json", "octahedron-offset.json", "permutahedron4.json", "frustum.json"):
        path = data("polytopes", name)
        if not os.path.exists(path):
            continue
        Q = relucert.Polytope.load(path)
        if Q.info["ambient_dim"] != 3 or Q.dim != 3:
            continue
        text = relucert.to_off([Q])
        nv, nf, ne, verts, faces = parse_off(text)
        assert [nv, ne, nf] == Q.fvector[:3], name
        assert nv - ne + nf == 2


def test_off_decimals_and_rounding():
    from relucert.exports import _decimal
    assert _decimal(Fraction(1, 8)) == ("0.125", True)
    assert _decimal(Fraction(-3, 20)) == ("-0.15", True)
    assert _decimal(Fraction(5)) == ("5", True)
    s, exact = _decimal(Fraction(1, 3))
    assert not exact and s.startswith("0.3333333333333333")
    T = relucert.Polytope.from_vertices([[0, 0], [1, 0], [0, "1/3"]])
    text = relucert.to_off([T])
    assert "1 coordinate not exactly representable was rounded" in text


def test_off_refuses_unbounded(net2):
    with pytest.raises(relucert.UnsupportedError, match="bounded"):
        relucert.to_off(list(net2.regions(whole=True)))
    with pytest.raises(relucert.InputError):
        relucert.to_sage([object()])


def test_export_script_formats(tmp_path, data):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(HERE, "..") + os.pathsep + env.get("PYTHONPATH", "")
    netf = tmp_path / "net.json"
    netf.write_text(json.dumps(NET2))
    for fmt in ("sage", "polymake", "off"):
        out = tmp_path / ("x." + fmt)
        p = subprocess.run([sys.executable, EXPORT, "regions", str(netf), "--box", "-1,1", "--format", fmt, "-o",
                            str(out)], capture_output=True, text=True, env=env)
        assert p.returncode == 0, p.stderr
        assert out.stat().st_size > 0
    p = subprocess.run([sys.executable, EXPORT, "polytope", data("polytopes", "cube3.json"), "--format", "off"],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 0 and p.stdout.startswith("OFF")
    p = subprocess.run([sys.executable, EXPORT, "regions", str(netf), "--whole", "--format", "off"],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 3 and "bounded" in p.stderr
    p = subprocess.run([sys.executable, EXPORT, "regions", os.path.join(TESTDATA, "bad", "truncated.json"),
                        "--box", "-1,1", "--format", "sage"], capture_output=True, text=True, env=env)
    assert p.returncode == 2 and p.stderr.startswith("relucert-export: ")


POLYMAKE_COMPLEX_SCRIPT = """use application "fan";
my $c = load_data("%s");
print "fvector ", join(" ", @{$c->F_VECTOR}), "\\n";
print "maximal ", $c->N_MAXIMAL_POLYTOPES, "\\n";
"""


def test_polymake_complex_structure(net2):
    """The complex export: every region's vertices are its POINTS, shared vertices stored once."""
    regions = list(net2.regions(box=(-1, 1)))
    obj = json.loads(relucert.to_polymake_complex(regions))
    assert obj["_type"] == "fan::PolyhedralComplex<Rational>"
    pts = [tuple(Fraction(x) for x in p) for p in obj["POINTS"]]
    assert len(set(pts)) == len(pts)                                  # each point once
    assert len(pts) == net2.complex(box=(-1, 1))["fvector"][0]        # = the complex's vertices
    for r, cell in zip(regions, obj["INPUT_POLYTOPES"]):
        assert sorted(pts[i][1:] for i in cell) == sorted(tuple(Fraction(x) for x in v) for v in r.vertices)
        assert all(pts[i][0] == 1 for i in cell)                     # bounded: vertices only


def test_polymake_complex_loads(net2, tmp_path):
    """polymake reads the complex and counts the f-vector relucert reports."""
    polymake = shutil.which("polymake")
    if polymake is None:
        pytest.skip("polymake is not on PATH (Debian package polymake): export not loaded")
    regions = list(net2.regions(box=(-1, 1)))
    f = tmp_path / "complex.json"
    f.write_text(relucert.to_polymake_complex(regions))
    script = tmp_path / "load.pl"
    script.write_text(POLYMAKE_COMPLEX_SCRIPT % f)
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
    env["HOME"] = str(tmp_path)
    p = subprocess.run([polymake, "--script", str(script)], capture_output=True, text=True, timeout=600, env=env)
    assert p.returncode == 0, p.stdout + p.stderr
    fv = [int(x) for l in p.stdout.splitlines() if l.startswith("fvector ") for x in l.split()[1:]]
    assert fv == net2.complex(box=(-1, 1))["fvector"]
    assert "maximal %d" % len(regions) in p.stdout


def test_sage_complex_script(net2, tmp_path):
    """The Sage complex script: valid Python, one Polyhedron per region with exactly its vertices,
    and the f-vector assertion; run in Sage when sage is on PATH."""
    regions = list(net2.regions(box=(-1, 1)))
    fv = net2.complex(box=(-1, 1))["fvector"]
    script = relucert.to_sage_complex(regions, fvector=fv)
    tree = ast.parse(script)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Polyhedron"]
    assert len(calls) == len(regions)

    def value(node):     # _q writes integers and QQ('p/q')
        if isinstance(node, ast.Call):
            return Fraction(node.args[0].value)
        if isinstance(node, ast.UnaryOp):
            return -value(node.operand)
        return Fraction(node.value)
    for call, r in zip(calls, regions):
        kw = {k.arg: k.value for k in call.keywords}
        got = sorted(tuple(value(x) for x in v.elts) for v in kw["vertices"].elts)
        assert got == sorted(tuple(Fraction(x) for x in v) for v in r.vertices)
    assert "assert counts == %r" % fv in script
    sage = shutil.which("sage")
    if sage is None:
        pytest.skip("sage is not on PATH: the complex script was checked, not run")
    f = tmp_path / "complex.sage"
    f.write_text(script)
    p = _run_sage(sage, f, 900)
    assert p.returncode == 0 and "agrees" in p.stdout, p.stdout + p.stderr


def test_complex_refuses_lineality(net2):
    one = relucert.Network.from_json({"input_dim": 2, "layers": [{"weights": [[1, 0]], "biases": [0]},
                                                                 {"weights": [[1]], "biases": [0]}]})
    with pytest.raises(relucert.UnsupportedError):
        relucert.to_polymake_complex(list(one.regions(whole=True)))
    with pytest.raises(relucert.InputError):
        relucert.to_sage_complex([])
