"""Every bad argument raises a RelucertError subclass (issue 18), and numbers of other
packages are accepted exactly: Sage's Integer and Rational (numerator()/denominator() are
methods there; stand-ins below, Sage itself is not a dependency), anything with __index__,
and integers of any size (Python refuses str()/int() beyond 4300 digits by default)."""
import json
import os
from fractions import Fraction

import pytest

import relucert
from conftest import TESTDATA

NET = os.path.join(TESTDATA, "sage", "case002.json")


class SageInteger:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def numerator(self):
        return self

    def denominator(self):
        return SageInteger(1)


class SageRational:
    def __init__(self, p, q):
        self.p, self.q = p, q

    def numerator(self):
        return SageInteger(self.p)

    def denominator(self):
        return SageInteger(self.q)


@pytest.fixture
def net():
    return relucert.load(NET)


def test_sage_numbers_are_exact(net):
    assert net.eval([SageRational(1, 3), SageInteger(2)])["output"] == net.eval([Fraction(1, 3), 2])["output"]
    assert net.complex(box=(SageInteger(-1), SageRational(1, 2)))["regions"] == \
        net.complex(box=(-1, Fraction(1, 2)))["regions"]
    assert net.homology(superlevel=SageRational(1, 4), box=(-1, 1), output=SageInteger(0)) == \
        net.homology(superlevel=Fraction(1, 4), box=(-1, 1))


def test_huge_integers_round_trip(net):
    big = 10 ** 5000 + 7
    y = net.eval([big, 1])["output"][0]
    # the exact output is affine in the first input on its region: check against a second point
    y2 = net.eval([big + 1, 1])["output"][0]
    y3 = net.eval([big + 2, 1])["output"][0]
    assert isinstance(y, Fraction) and y3 - y2 == y2 - y
    P = relucert.Polytope.from_vertices([[10 ** 10000, 0], [0, 1], [1, 1]])
    assert P.fvector == [3, 3, 1]
    assert max(v[0] for v in P.vertices) == 10 ** 10000


def test_numpy_and_decimal_numbers_are_exact(net):
    np = pytest.importorskip("numpy")
    import decimal
    want = net.eval([Fraction(1, 2), Fraction(1, 4)])
    for pt in ([np.float32(0.5), np.float16(0.25)], [np.float64(0.5), np.int64(0) + Fraction(1, 4)],
               np.array([0.5, 0.25], dtype=np.float32), [decimal.Decimal("0.5"), decimal.Decimal("0.25")]):
        assert net.eval(pt) == want
    third = np.longdouble(1) / 3          # x87 extended precision: its exact binary value, not a double's
    p, q = third.as_integer_ratio()
    assert net.eval([third, 0])["input"][0] == Fraction(int(p), int(q))
    assert net.eval([np.uint64(2 ** 64 - 1), np.int8(-3)])["input"] == [2 ** 64 - 1, -3]
    assert net.complex(box=(np.int32(-1), np.float32(0.5)))["regions"] == net.complex(box=(-1, Fraction(1, 2)))["regions"]


def _numpy_bad_calls():
    try:
        import numpy as np
    except ImportError:
        return []
    return [
        lambda n: n.eval([np.bool_(True), 1]),               # a boolean is not a number
        lambda n: n.eval(np.array([[1, 2]])),                 # rows, not numbers
        lambda n: n.eval([np.float32("nan"), 1]),
        lambda n: n.eval([np.longdouble("inf"), 0]),
        lambda n: n.complex(box=(np.float64("-inf"), 1)),
    ]


@pytest.mark.parametrize("call", _numpy_bad_calls())
def test_bad_numpy_arguments_raise_relucert_errors(net, call):
    with pytest.raises(relucert.RelucertError) as e:
        call(net)
    assert str(e.value)


@pytest.mark.parametrize("call", [
    lambda n: n.eval([1]),                                   # too short: never truncated or padded
    lambda n: n.eval([1, 2, 3]),                             # too long
    lambda n: n.eval(["x", 1]),
    lambda n: n.eval([float("nan"), 1]),
    lambda n: n.eval([object(), 1]),
    lambda n: n.eval("1,2"),
    lambda n: n.complex(domain={"A": [[1, 0]]}),             # a dict without "b"
    lambda n: n.complex(domain={"A": [[1, 0], [1]], "b": [1, 1]}),
    lambda n: n.complex(domain=relucert.Domain.box(-1, 1, 3)),
    lambda n: n.complex(box=(1, -1)),
    lambda n: n.complex(box=5),
    lambda n: n.homology(superlevel=0, sublevel=0),
    lambda n: n.homology(superlevel=object()),
    lambda n: n.homology(superlevel=0, box=(-1, 1), output=10 ** 30),
    lambda n: n.homology(superlevel=0, box=(-1, 1), output=-1),
    lambda n: n.boundary(threshold="1/0"),
    lambda n: relucert.Domain.whole(10 ** 12),               # would abort the interpreter when allocated
    lambda n: relucert.Domain.box(-1, 1, 2 ** 62),
    lambda n: relucert.Domain.whole(0),
    lambda n: relucert.Domain.whole("3"),
    lambda n: relucert.Domain.polyhedron(5, [1]),
    lambda n: relucert.Network.from_json({"layers": []}),
    lambda n: relucert.Network.from_json("{"),
    lambda n: relucert.Network.from_json(b"\xff\xfe"),
    lambda n: relucert.load("/nonexistent/net.json"),
    lambda n: relucert.load("/tmp"),
    lambda n: relucert.load("/dev/zero"),                    # endless: a clear error, no allocation abort
    lambda n: relucert.Polytope.load(os.path.join(TESTDATA, "polytopes", "cube3.json")).polar(center=[0, 0]),
])
def test_bad_arguments_raise_relucert_errors(net, call):
    with pytest.raises(relucert.RelucertError) as e:
        call(net)
    assert str(e.value)


def test_high_dimensions_are_refused_not_allocated(tmp_path):
    n = 200000   # R^n would be (n + 1)^2 numbers: refused (issue 18), never an interpreter abort
    net = relucert.Network.from_json(json.dumps(
        {"input_dim": n, "layers": [{"weights": [[0] * (n - 1) + [1]], "biases": [0]}, {"weights": [[1]], "biases": [0]}]}))
    assert net.eval([0] * n)["output"] == [0]          # evaluation is linear in n: allowed
    for call in (lambda: net.complex(), lambda: net.arrangement(), lambda: net.homology(sublevel=0),
                 lambda: net.boundary(), lambda: relucert.Polytope.from_vertices([[0] * n]),
                 lambda: relucert.Domain.whole(5000)):
        with pytest.raises(relucert.RelucertError) as e:
            call()
        assert "dimension" in str(e.value)
