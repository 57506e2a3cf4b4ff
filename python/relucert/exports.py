"""Exports of regions and polytopes to the tools users continue in.

- Sage: a .sage (plain Python syntax) script rebuilding every polyhedron as
  Polyhedron(ieqs=..., eqns=..., base_ring=QQ) from the exact inequalities and
  checking, in Sage, that its vertices are the ones relucert computed.
- polymake: JSON in polymake's format, "polytope::Polytope<Rational>" with
  INEQUALITIES (and EQUATIONS) as homogeneous rows [b, -A] of rationals
  written as strings (exact). One polyhedron gives one object; several give a
  JSON array of such objects.
- OFF: a mesh for viewers. Regions of a 2-dimensional input as polygons in the
  plane z = 0 (vertices shared between regions), or the boundary of a
  3-dimensional polytope. OFF holds decimal coordinates: a coordinate is
  written exactly when its denominator is 2^a 5^b and rounded to 17
  significant digits otherwise; the header says how many were rounded.
  Unbounded regions cannot be meshed (give a bounded domain).

Inputs: Region objects (from Network.regions), Polytope objects, or dicts
{"A": .., "b": .., "vertices": ..} with exact numbers."""
import json
from decimal import Decimal, localcontext
from fractions import Fraction

from .core import Polytope, Region
from .errors import InputError, UnsupportedError


def _hrep(p):
    """(A, b, eqA, eqb, vertices, rays, n, label) of a Region, Polytope or dict."""
    if isinstance(p, Region):
        return p.A, p.b, [], [], p.vertices, p.rays, len(p.interior_point), "pattern " + p.pattern
    if isinstance(p, Polytope):
        d = p.info
        eq = d.get("equations") or {"A": [], "b": []}
        return (d["inequalities"]["A"], d["inequalities"]["b"], eq["A"], eq["b"], d["vertices"], d["rays"],
                d["ambient_dim"], d.get("type") or "polytope")
    if isinstance(p, dict) and "A" in p and "b" in p:
        A = [[Fraction(x) for x in r] for r in p["A"]]
        return (A, [Fraction(x) for x in p["b"]], [], [], p.get("vertices"), p.get("rays", []),
                len(A[0]) if A else p.get("n"), p.get("label", ""))
    raise InputError("expected a Region, a Polytope or a dict with A and b, got %s" % type(p).__name__, 3)


def _q(x):
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else "QQ('%d/%d')" % (x.numerator, x.denominator)


def _row(b, a, neg):
    return "[" + ", ".join([_q(b)] + [_q(-v if neg else v) for v in a]) + "]"


def to_sage(items, title="relucert export"):
    """A Sage script: polyhedra = [Polyhedron(...), ...] over QQ, each checked against relucert's vertices."""
    items = list(items)
    lines = ["# %s: %d polyhedra, exact over QQ" % (title, len(items)),
             "# Run: sage this_file.sage   (or load(\"this_file.sage\") in a Sage session)",
             "# Each polyhedron is rebuilt from its irredundant inequalities A x <= b",
             "# (ieqs rows [b, -A]: b - A x >= 0) and checked against the vertices relucert found.",
             "polyhedra = []", "labels = []", "expected_vertices = []", ""]
    for p in items:
        A, b, eA, eb, V, R, n, label = _hrep(p)
        ieqs = [_row(bi, a, True) for a, bi in zip(A, b)]
        if not ieqs and not eA:
            ieqs = ["[" + ", ".join(["1"] + ["0"] * n) + "]"]   # 1 >= 0: all of R^n
        eqns = [_row(-bi, a, False) for a, bi in zip(eA, eb)]   # a.x - b = 0
        lines.append("labels.append(%r)" % label)
        lines.append("polyhedra.append(Polyhedron(ieqs=[%s], eqns=[%s], base_ring=QQ))"
                     % (", ".join(ieqs), ", ".join(eqns)))
        lines.append("expected_vertices.append([%s])" % ", ".join("[" + ", ".join(_q(x) for x in v) + "]"
                                                                   for v in (V or [])))
    lines += ["",
              "for _P, _V, _l in zip(polyhedra, expected_vertices, labels):",
              "    assert sorted(map(list, _P.vertices_list())) == sorted(map(list, _V)), _l",
              "print('relucert export: %d polyhedra rebuilt over QQ, vertices agree' % len(polyhedra))", ""]
    return "\n".join(lines)


def _pm(x):
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else "%d/%d" % (x.numerator, x.denominator)


def _polymake_object(p, version="4.0"):
    A, b, eA, eb, V, R, n, label = _hrep(p)
    obj = {"_ns": {"polymake": ["https://polymake.org", version]},
           "_type": "polytope::Polytope<Rational>",
           "_info": {"description": "relucert export: " + label}}
    rows = [[_pm(bi)] + [_pm(-v) for v in a] for a, bi in zip(A, b)]
    if not rows and not eA:
        rows = [["1"] + ["0"] * n]
    obj["INEQUALITIES"] = rows
    if eA:
        obj["EQUATIONS"] = [[_pm(-bi)] + [_pm(v) for v in a] for a, bi in zip(eA, eb)]
    return obj


def to_polymake(items, version="4.0"):
    """polymake JSON: one Polytope<Rational> object, or an Array<Polytope<Rational>> for several."""
    items = [items] if isinstance(items, (Region, Polytope, dict)) else list(items)
    objs = [_polymake_object(p, version) for p in items]
    if len(objs) == 1:
        return json.dumps(objs[0], indent=1)
    # several: polymake's own serialisation of Array<Polytope<Rational>> (as save_data writes
    # it), so load_data() in polymake returns the array; the namespace is stated once
    ns = objs[0].pop("_ns")
    for o in objs[1:]:
        del o["_ns"]
    return json.dumps({"_type": "common::Array<polytope::Polytope<Rational>>", "data": objs,
                       "_ns": ns}, indent=1)


# ---------------------------------------------------------------- OFF
def _decimal(x):
    """(text, exact): exact decimal when the denominator is 2^a 5^b, else 17 significant digits."""
    x = Fraction(x)
    d = x.denominator
    a = b = 0
    while d % 2 == 0:
        d //= 2
        a += 1
    while d % 5 == 0:
        d //= 5
        b += 1
    if d == 1:
        k = max(a, b)
        s = str(abs(x.numerator) * (x.denominator and (10 ** k // x.denominator)))
        if k:
            s = s.rjust(k + 1, "0")
            s = s[:-k] + "." + s[-k:]
        return ("-" if x < 0 else "") + s, True
    with localcontext() as ctx:
        ctx.prec = 17
        return format(Decimal(x.numerator) / Decimal(x.denominator), "g"), False


def _cyclic(points, center):
    """Exact counter-clockwise order of 2D points around an interior center."""
    cx, cy = center

    def half(p):
        dx, dy = p[0] - cx, p[1] - cy
        return 0 if (dy > 0 or (dy == 0 and dx > 0)) else 1

    import functools

    def cmp(p, q):
        hp, hq = half(p), half(q)
        if hp != hq:
            return hp - hq
        cross = (p[0] - cx) * (q[1] - cy) - (p[1] - cy) * (q[0] - cx)
        return -1 if cross > 0 else (1 if cross < 0 else 0)

    return sorted(points, key=functools.cmp_to_key(cmp))


def to_off(items):
    """OFF text: 2D regions as polygons (z = 0), or 3D polytopes by their facets."""
    items = list(items) if not isinstance(items, (Region, Polytope, dict)) else [items]
    if not items:
        raise InputError("nothing to export", 3)
    verts, index, faces = [], {}, []

    def vid(v):
        v = tuple(Fraction(x) for x in v)
        if v not in index:
            index[v] = len(verts)
            verts.append(v)
        return index[v]

    edges = set()
    for p in items:
        A, b, eA, eb, V, R, n, label = _hrep(p)
        if R or V is None or (isinstance(p, Polytope) and p.info.get("lineality")):
            raise UnsupportedError("OFF holds bounded polyhedra only (%s is unbounded): give a bounded domain"
                                   % label, 4)
        V = [tuple(Fraction(x) for x in v) for v in V]
        if n == 2:
            c = (sum(v[0] for v in V) / len(V), sum(v[1] for v in V) / len(V))
            cyc = _cyclic(V, c)
            ids = [vid(v + (Fraction(0),)) for v in cyc]
            faces.append(ids)
        elif n == 3:
            if eA:
                raise UnsupportedError("OFF export of a 3D polytope needs full dimension", 4)
            c = tuple(sum(v[k] for v in V) / len(V) for k in range(3))
            for a, bi in zip(A, b):
                on = [v for v in V if sum(x * y for x, y in zip(a, v)) == bi]
                # project onto the two coordinates other than the largest |normal| entry
                drop = max(range(3), key=lambda k: abs(a[k]))
                keep = [k for k in range(3) if k != drop]
                fc = tuple(sum(v[k] for v in on) / len(on) for k in range(3))
                proj = {(v[keep[0]], v[keep[1]]): v for v in on}
                cyc = [proj[q] for q in _cyclic(list(proj), (fc[keep[0]], fc[keep[1]]))]
                # orient outwards: the normal a points out of {a.x <= b}
                e1 = [cyc[1][k] - cyc[0][k] for k in range(3)]
                e2 = [cyc[2][k] - cyc[0][k] for k in range(3)]
                nrm = (e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0])
                if sum(x * y for x, y in zip(nrm, a)) < 0:
                    cyc.reverse()
                faces.append([vid(v) for v in cyc])
        else:
            raise UnsupportedError("OFF export needs 2-dimensional regions or 3-dimensional polytopes, got dimension %d"
                                   % n, 4)
    for f in faces:
        for i in range(len(f)):
            e = (f[i], f[(i + 1) % len(f)])
            edges.add((min(e), max(e)))
    rounded = 0
    vlines = []
    for v in verts:
        parts = []
        for x in v:
            s, exact = _decimal(x)
            rounded += not exact
            parts.append(s)
        vlines.append(" ".join(parts))
    out = ["OFF",
           "# relucert export: exact vertices written as decimals; %d coordinate%s not exactly representable "
           "%s rounded to 17 significant digits (OFF is a mesh format for viewing)"
           % (rounded, "" if rounded == 1 else "s", "was" if rounded == 1 else "were"),
           "%d %d %d" % (len(verts), len(faces), len(edges))]
    out += vlines
    out += ["%d %s" % (len(f), " ".join(map(str, f))) for f in faces]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- whole complexes
def _complex_points(regions):
    """Distinct vertices and rays of the regions (exact), and per region the indices of its
    points: POINTS of polymake (homogeneous: 1 for a vertex, 0 for a ray) in first-seen order."""
    regions = list(regions)
    if not regions:
        raise InputError("a polyhedral complex needs at least one region", 3)
    index, points, cells = {}, [], []
    for r in regions:
        if not isinstance(r, Region):
            raise InputError("expected Region objects (from Network.regions), got %s" % type(r).__name__, 3)
        if r.lineality:
            raise UnsupportedError("region %d has a lineality space: give a domain whose regions are "
                                   "pointed (a box, or a polytope)" % r.index, 4)
        cell = []
        for h, vs in ((1, r.vertices), (0, r.rays)):
            for v in vs:
                key = (h,) + tuple(Fraction(x) for x in v)
                if key not in index:
                    index[key] = len(points)
                    points.append(key)
                cell.append(index[key])
        cells.append(sorted(cell))
    return regions, points, cells


def to_polymake_complex(regions, version="4.0"):
    """The complex of the regions as polymake JSON, fan::PolyhedralComplex<Rational>: POINTS
    (homogeneous rows [1, v] for vertices, [0, r] for rays, exact rationals as strings) and
    INPUT_POLYTOPES (per region the indices of its points). load_data() in polymake gives the
    complex; its F_VECTOR is the f-vector relucert reports."""
    regions, points, cells = _complex_points(regions)
    obj = {"_ns": {"polymake": ["https://polymake.org", version]},
           "_type": "fan::PolyhedralComplex<Rational>",
           "_info": {"description": "relucert export: %d regions" % len(regions)},
           "POINTS": [[_pm(x) for x in p] for p in points],
           "INPUT_POLYTOPES": cells}
    return json.dumps(obj, indent=1)


def to_sage_complex(regions, fvector=None, title="relucert export"):
    """A Sage script building the complex of the regions as a PolyhedralComplex of exact
    polyhedra (vertices and rays over QQ); with fvector (relucert's [f_0, ..., f_n]) the script
    asserts that Sage counts the same cells in every dimension."""
    regions, points, cells = _complex_points(regions)

    def vec(p):
        return "[" + ", ".join(_q(x) for x in p[1:]) + "]"

    lines = ["# %s: the polyhedral complex of %d regions, exact over QQ" % (title, len(regions)),
             "# Run: sage this_file.sage   (or load(\"this_file.sage\") in a Sage session)",
             "from sage.geometry.polyhedral_complex import PolyhedralComplex",
             "cells = []"]
    for r, c in zip(regions, cells):
        vs = [vec(points[i]) for i in c if points[i][0] == 1]
        rs = [vec(points[i]) for i in c if points[i][0] == 0]
        lines.append("cells.append(Polyhedron(vertices=[%s], rays=[%s], base_ring=QQ))  # pattern %s"
                     % (", ".join(vs), ", ".join(rs), r.pattern))
    lines += ["complex = PolyhedralComplex(cells)",
              "counts = [len(complex.cells().get(k, [])) for k in range(complex.dimension() + 1)]"]
    if fvector is not None:
        lines += ["assert counts == %r, (counts, %r)" % (list(fvector), list(fvector)),
                  "print('relucert export: the complex of %d regions rebuilt in Sage, f-vector %s agrees')"
                  % (len(regions), " ".join(str(x) for x in fvector))]
    else:
        lines.append("print('relucert export: the complex rebuilt in Sage, f-vector', counts)")
    return "\n".join(lines) + "\n"
