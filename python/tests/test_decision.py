"""Decision regions (relucert decision, Network.decision) against an independent truth: the
pure-Fraction evaluator relucert.graph_ref (no library code) at exact rational sample points,
the pieces' exact areas (shoelace over their vertices, in Fractions) adding up to the square's,
and closed answers for hand-made classifiers."""
import os
import random
from fractions import Fraction

import pytest

import relucert
from relucert import graph_ref
from conftest import TESTDATA

NETS = ["classifier.json", "rings.json", "cones.json"]


def path(name):
    return os.path.join(TESTDATA, "decision", name)


def argmax(y):
    w = 0
    for i in range(1, len(y)):
        if y[i] > y[w]:
            w = i
    return w


def side(piece, x):
    """-1 outside, 0 on the boundary, 1 inside (A x <= b, exact)."""
    A, b = piece["inequalities"]["A"], piece["inequalities"]["b"]
    res = 1
    for row, rhs in zip(A, b):
        v = Fraction(rhs) - sum(Fraction(a) * xi for a, xi in zip(row, x))
        if v < 0:
            return -1
        if v == 0:
            res = 0
    return res


def area(vertices):
    pts = [tuple(Fraction(c) for c in v) for v in vertices]
    ox = sum(p[0] for p in pts) / len(pts)
    oy = sum(p[1] for p in pts) / len(pts)

    def key(p):
        # exact angular order: half plane, then the slope as a Fraction
        dx, dy = p[0] - ox, p[1] - oy
        upper = dy > 0 or (dy == 0 and dx > 0)
        return (0 if upper else 1, -dx / (abs(dx) + abs(dy)) if upper else dx / (abs(dx) + abs(dy)))
    pts.sort(key=key)
    s = sum(pts[i][0] * pts[(i + 1) % len(pts)][1] - pts[(i + 1) % len(pts)][0] * pts[i][1]
            for i in range(len(pts)))
    return s / 2


@pytest.mark.parametrize("name", NETS)
def test_samples_and_areas(name):
    import json
    spec = json.load(open(path(name)))
    D = relucert.load(path(name)).decision(box=(-1, 1), list=True)
    pieces = D["piece_list"]
    assert len(pieces) == D["pieces"] == sum(c["pieces"] for c in D["per_class"])
    assert sum(area(p["vertices"]) for p in pieces) == 4
    rng = random.Random(16)
    samples = [(Fraction(i, 8), Fraction(j, 8)) for i in range(-8, 9) for j in range(-8, 9)]
    samples += [(Fraction(rng.randint(-997, 997), 997), Fraction(rng.randint(-997, 997), 997)) for _ in range(200)]
    for x in samples:
        c = argmax(graph_ref.evaluate(spec, list(x)))
        where = [(side(p, x), p["class"]) for p in pieces]
        assert any(s >= 0 for s, _ in where), x
        assert all(k == c for s, k in where if s == 1), (x, c, where)
        if D["per_class"][c]["closure"]["lower_dimensional_cells"] == 0:
            assert any(s >= 0 and k == c for s, k in where), (x, c)


def test_labels_and_closed_answers():
    D = relucert.load(path("rings.json")).decision(box=(-1, 1))
    assert [c["label"] for c in D["per_class"]] == ["inner", "ring", "outer"]
    # |x1| + |x2| < 1/2, between 1/2 and 3/4, beyond: a disk, an annulus, the square minus a diamond
    assert [c["closure"]["betti"] for c in D["per_class"]] == [[1, 0, 0], [1, 1, 0], [1, 1, 0]]
    assert D["boundary"]["fvector"] == [8, 8] and D["boundary"]["euler"] == 0
    W = relucert.load(path("rings.json")).decision(whole=True)
    # over R^2: reduced homology of X+; the outer class compactifies to a disk
    assert [c["closure"]["betti"] for c in W["per_class"]] == [[1, 0, 0], [1, 1, 0], [0, 0, 0]]
    assert [c["bounded"] for c in W["per_class"]] == [True, True, False]
    C = relucert.load(path("cones.json")).decision(whole=True)
    assert C["boundary"]["fvector"] == [1, 3] and C["pieces"] == 3
    assert all(c["closure"]["betti"] == [0, 0, 0] and not c["bounded"] for c in C["per_class"])


def test_one_output_is_refused():
    net = relucert.load(os.path.join(TESTDATA, "..", "..", "data", "default.json"))
    with pytest.raises(relucert.InputError):
        net.decision(box=(-1, 1))
