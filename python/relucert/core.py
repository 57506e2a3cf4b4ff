"""Networks, domains, regions, analyses and polytopes over librelucert.

Every number that comes back is a fractions.Fraction (exact); numbers going
in may be int, Fraction, str ("p/q", decimals: read exactly, 0.1 = 1/10) or
float (its exact binary value; NaN and infinities are refused)."""
import functools
import html
import json
import math
from fractions import Fraction

from ._lib import ffi, lib, lock
from .errors import InputError, UnsupportedError, error_from

# keys whose values (numbers, lists of numbers, matrices) are exact rationals
_RATIONAL_KEYS = frozenset(("interior_point", "vertices", "rays", "lineality", "A", "b", "W", "c",
                            "center", "mean_facets", "threshold", "a", "scale"))


def _parse_int(t):
    """int of decimal text of any length (int() refuses more than 4300 digits since Python 3.11)."""
    if len(t) < 4000:
        return int(t)
    neg = t.startswith("-")
    d = t[1:] if neg else t
    k = len(d) // 2
    v = _parse_int(d[:-k]) * 10 ** k + _parse_int(d[-k:])
    return -v if neg else v


def _loads(text):
    """JSON from the library; integers of any length (Python's json refuses > 4300 digits)."""
    return json.loads(text, parse_int=_parse_int)


def _fraction(t):
    if isinstance(t, int):
        return Fraction(t)
    if len(t) < 4000:
        return Fraction(t)
    p, _, q = t.partition("/")
    return Fraction(_parse_int(p), _parse_int(q) if q else 1)


def _fractions(v):
    if isinstance(v, list):
        return [_fractions(x) for x in v]
    if isinstance(v, dict):
        return {k: _fractions(x) for k, x in v.items()}
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, str)):
        return _fraction(v)
    raise TypeError("unexpected non-exact value %r from librelucert" % (v,))


def _exact_tree(v, key=None):
    """JSON from the library -> Python, rationals under _RATIONAL_KEYS as Fractions."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k in _RATIONAL_KEYS:
                out[k] = _fractions(x) if k != "A" or not isinstance(x, dict) else _exact_tree(x)
            else:
                out[k] = _exact_tree(x, k)
        return out
    if isinstance(v, list):
        return [_exact_tree(x) for x in v]
    return v


def _int_text(n):
    """Decimal text of an int of any size (str() refuses more than 4300 digits since Python 3.11)."""
    if -10 ** 1000 < n < 10 ** 1000:
        return str(n)
    if n < 0:
        return "-" + _int_text(-n)
    # split in halves of k digits: n = hi * 10^k + lo
    k = max(1, int(n.bit_length() * 0.30102999566398) // 2)
    hi, lo = divmod(n, 10 ** k)
    return _int_text(hi) + _int_text(lo).rjust(k, "0")


def _fraction_text(num, den):
    return _int_text(num) if den == 1 else _int_text(num) + "/" + _int_text(den)


def number_text(x):
    """Exact text of a number for the library: int, Fraction, float (its exact binary value),
    str ("p/q", decimals), and number types of other packages (numpy, Sage's Integer and
    Rational, decimal.Decimal, anything with __index__)."""
    if isinstance(x, bool):
        raise InputError("expected a number, got a boolean", 3)
    if isinstance(x, int):
        return _int_text(x)
    if isinstance(x, Fraction):
        return _fraction_text(x.numerator, x.denominator)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise InputError("expected a finite number, got %r" % x, 3)
        return number_text(Fraction(x))
    if isinstance(x, str):
        return x
    # Sage's Integer and Rational: numerator() and denominator() are methods there
    num, den = getattr(x, "numerator", None), getattr(x, "denominator", None)
    if callable(num) and callable(den):
        try:
            return _fraction_text(int(num()), int(den()))
        except (TypeError, ValueError, ArithmeticError):
            pass
    if type(x).__name__ == "bool_":   # numpy's boolean: not a number, as bool is not
        raise InputError("expected a number, got a boolean", 3)
    try:
        if hasattr(x, "__index__"):
            return _int_text(x.__index__())
        ratio = getattr(x, "as_integer_ratio", None)
        if callable(ratio):   # numpy's float16, float32, longdouble: their exact binary value
            p, q = ratio()
            return _fraction_text(int(p), int(q))
        return number_text(Fraction(x))   # torch scalars, decimal.Decimal ...
    except (TypeError, ValueError, ArithmeticError) as e:
        raise InputError("expected a number (int, Fraction, float or str), got %s%s"
                         % (type(x).__name__, " (%s)" % e if str(e) else ""), 3)


def _list_text(xs):
    if isinstance(xs, (str, bytes)):
        raise InputError("expected a sequence of numbers, got a string", 3)
    try:
        items = list(xs)
    except TypeError:
        raise InputError("expected a sequence of numbers, got %s" % type(xs).__name__, 3)
    return ",".join(number_text(x) for x in items)


def _jsonable(v):
    """Python structures with Fractions/floats -> JSON with exact numbers."""
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (bool, str)) or v is None:
        return v
    if isinstance(v, int):
        return v if -10 ** 1000 < v < 10 ** 1000 else _int_text(v)   # huge: quoted, still exact
    return number_text(v)


def _cstr(s):
    if s is None:
        return ffi.NULL
    if isinstance(s, str):
        s = s.encode("utf-8")
    if b"\0" in s:
        raise InputError("text contains a NUL byte", 3)
    return s


def _call(fn, *args):
    """Calls fn(*args, err); raises the matching exception on failure. Returns the raw result."""
    err = ffi.new("rc_error_struct *")
    with lock:
        r = fn(*args, err)
    if err.code != 0:
        raise error_from(err.code, ffi.string(err.msg).decode("utf-8", "replace"))
    return r


def _take_string(p):
    if p == ffi.NULL:
        return None
    try:
        return ffi.string(p).decode("utf-8")
    finally:
        lib.api_string_free(p)


def _call_json(fn, *args):
    return _exact_tree(_loads(_take_string(_call(fn, *args))))


# the largest dimension a domain may have (as in the library: API_MAX_DIM in src/api/api.h)
MAX_DIM = 4096

# ---------------------------------------------------------------- domains
class Domain:
    """A full-dimensional polyhedron {x : A x <= b} in R^n (or all of R^n)."""

    def __init__(self, n, kind, arg=None):
        if isinstance(n, bool) or not hasattr(n, "__index__"):
            raise InputError("domain dimension must be an integer, got %s" % type(n).__name__, 3)
        n = n.__index__()
        if not 1 <= n <= MAX_DIM:
            raise InputError("domain dimension must be from 1 to %d, got %s" % (MAX_DIM, _int_text(n)), 3)
        self.n = n
        self._kind = kind
        h = _call(lib.api_domain_new, n, _cstr(kind), _cstr(arg))
        self._h = ffi.gc(h, lib.api_domain_free)

    @classmethod
    def box(cls, lo, hi, n):
        """The cube [lo, hi]^n."""
        return cls(n, "box", number_text(lo) + "," + number_text(hi))

    @classmethod
    def whole(cls, n):
        return cls(n, "whole")

    @classmethod
    def file(cls, path, n):
        return cls(n, "file", str(path))

    @classmethod
    def polyhedron(cls, A, b):
        """{x : A x <= b} (rows of A: n numbers each)."""
        try:
            rows = [list(r) for r in A]
            b = list(b)
        except TypeError:
            raise InputError("A must be a sequence of rows and b a sequence of numbers", 3)
        if not rows:
            raise InputError("A has no rows (for all of R^n use Domain.whole)", 3)
        return cls(len(rows[0]), "json", json.dumps({"A": _jsonable(rows), "b": _jsonable(b)}))


def _domain(n, domain=None, box=None, whole=False):
    given = (domain is not None) + (box is not None) + bool(whole)
    if given > 1:
        raise InputError("give at most one of domain, box, whole", 3)
    if isinstance(domain, Domain):
        if domain.n != n:
            raise InputError("the domain has dimension %d but the network's input dimension is %d" % (domain.n, n), 3)
        return domain
    if domain is not None:
        if isinstance(domain, dict):
            missing = [k for k in ("A", "b") if k not in domain]
            if missing:
                raise InputError("domain: a dict {\"A\": [[...]], \"b\": [...]} needs the key %s" % missing[0], 3)
            return Domain.polyhedron(domain["A"], domain["b"])
        return Domain.file(domain, n)
    if box is not None:
        try:
            lo, hi = box
        except (TypeError, ValueError):
            raise InputError("box must be a pair (lo, hi)", 3)
        return Domain.box(lo, hi, n)
    return Domain.whole(n)


# ---------------------------------------------------------------- regions
def _half(v):
    """0 for directions in [0, pi) counter-clockwise from (1, 0), 1 for [pi, 2 pi)."""
    return 0 if v[1] > 0 or (v[1] == 0 and v[0] > 0) else 1


def ccw_polygon(points):
    """Points in convex position (exact numbers) in counter-clockwise order around their exact
    centroid: compared by half-plane, then by the sign of the exact cross product."""
    pts = [(Fraction(p[0]), Fraction(p[1])) for p in points]
    if len(pts) < 3:
        return pts
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)

    def cmp(p, q):
        u, v = (p[0] - cx, p[1] - cy), (q[0] - cx, q[1] - cy)
        hu, hv = _half(u), _half(v)
        if hu != hv:
            return hu - hv
        cross = u[0] * v[1] - u[1] * v[0]
        return -1 if cross > 0 else (1 if cross < 0 else 0)
    return sorted(pts, key=functools.cmp_to_key(cmp))


def _html_table(title, rows):
    cells = "".join("<tr><td>%s</td><td>%s</td></tr>" % (html.escape(str(k)), html.escape(str(v)))
                    for k, v in rows)
    return "<b>%s</b><table>%s</table>" % (html.escape(title), cells)


class Region:
    """One activation region: exact rationals throughout (Fractions)."""
    __slots__ = ("index", "pattern", "interior_point", "A", "b", "sources", "vertices", "rays",
                 "lineality", "bounded", "W", "c", "facets", "fvector", "data")

    def __init__(self, d):
        self.data = d
        self.index = d["index"]
        self.pattern = d["pattern"]
        self.interior_point = d["interior_point"]
        self.A = d["inequalities"]["A"]
        self.b = d["inequalities"]["b"]
        self.sources = d["inequalities"]["sources"]
        self.vertices = d["vertices"]
        self.rays = d["rays"]
        self.lineality = d.get("lineality", [])
        self.bounded = d["bounded"]
        self.W = d["affine"]["W"]
        self.c = d["affine"]["c"]
        self.facets = d["facets"]
        self.fvector = d.get("fvector")

    def contains(self, x):
        """x in the closed region (exact)."""
        x = [Fraction(v) for v in x]
        return all(sum(a * v for a, v in zip(row, x)) <= bi for row, bi in zip(self.A, self.b))

    def polygon(self):
        """The vertices of a bounded region of a 2D network in counter-clockwise order, exact:
        sorted by angle around the exact centroid of the vertices, every comparison an exact
        cross product of Fractions (no floats, no atan2). The first vertex is the first one
        counter-clockwise from the direction (1, 0) seen from the centroid."""
        if len(self.interior_point) != 2:
            raise InputError("Region.polygon() is for networks with 2 inputs (this region is in R^%d)"
                             % len(self.interior_point), 3)
        if not self.bounded:
            raise InputError("Region.polygon(): region %d is unbounded (give a bounded domain, e.g. box=(-1, 1))"
                             % self.index, 3)
        return ccw_polygon(self.vertices)

    def _repr_html_(self):
        return ("<b>Region</b> %d: pattern <code>%s</code>, %d facets, %d vertices%s"
                % (self.index, html.escape(str(self.pattern)), self.facets, len(self.vertices),
                   "" if self.bounded else ", unbounded"))

    def __repr__(self):
        return "Region(index=%d, pattern=%r, facets=%d, vertices=%d%s)" % (
            self.index, self.pattern, self.facets, len(self.vertices), "" if self.bounded else ", unbounded")


class Regions:
    """Streaming iterator over the regions (lexicographic order of the patterns).

    The C side keeps only the depth-first stack (one pending piece per hidden
    neuron), so memory stays bounded however many regions there are.
    summary() gives the complex (f-vector, counts, facet histogram) of the
    regions seen so far: complete (and checked) once the iteration is over."""

    def __init__(self, net, domain):
        self._net = net
        self._domain = domain
        h = _call(lib.api_regions_new, net._h, domain._h)
        self._h = ffi.gc(h, lib.api_regions_free)
        self.done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._h is None or self.done:
            raise StopIteration
        rec = ffi.new("char **")
        got = _call(lib.api_regions_next, self._h, rec)
        if got == 0:
            self.done = True
            raise StopIteration
        return Region(_exact_tree(_loads(_take_string(rec[0]))))

    def summary(self):
        if self._h is None:
            raise InputError("the region iterator is closed", 3)
        return _call_json(lib.api_regions_summary, self._h)

    def close(self):
        if self._h is not None:
            ffi.release(self._h)
            self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        state = "closed" if self._h is None else ("done" if self.done else "streaming")
        return "Regions(network input_dim=%d widths=%r, domain=%s, %s)" % (
            self._net.input_dim, self._net.widths, self._domain._kind, state)

    def _repr_html_(self):
        return _html_table("Regions", [("network", repr(self._net)), ("domain", self._domain._kind),
                                       ("state", "done" if self.done else "streaming")])


# ---------------------------------------------------------------- networks
def _layer_of(L):
    """A layer of the canonical JSON as Fractions; "shortcuts" (doc/FORMAT.md) only when it has some:
    [{"from": "input" or a hidden layer (0-based), "weights": rows}], sorted by source."""
    layer = {"weights": _fractions(L["weights"]), "biases": _fractions(L["biases"])}
    if "shortcuts" in L:
        layer["shortcuts"] = [{"from": s["from"], "weights": _fractions(s["weights"])} for s in L["shortcuts"]]
    return layer


def _read_network(fn, *args):
    """fn(*args, &graph, err) (api_net_read_*_graph): a Network; for a graph whose lowering is refused
    (a max over more than two entries) a Network that can only be evaluated, as `relucert eval` does."""
    graph = ffi.new("void **")
    try:
        return Network(_call(fn, *args, graph))
    except UnsupportedError as e:
        if graph[0] == ffi.NULL:
            raise
        return Network(None, graph=graph[0], why=e)


class Network:
    """A ReLU network with exact rational weights (the network JSON format). A graph (format 2) is
    read through its lowering; one without a lowering (a max over more than two entries) can only be
    evaluated: eval() and calls work, every analysis raises the lowering's UnsupportedError."""

    def __init__(self, handle, graph=None, why=None):
        self._why = why
        if handle is None:
            self._g = ffi.gc(graph, lib.api_graph_free)
            self._net = None
            self.input_dim = lib.api_graph_input_dim(self._g)
            self.layers = self.widths = self.name = None
            return
        self._g = None
        self._net = ffi.gc(handle, lib.api_net_free)
        d = _loads(_take_string(lib.api_net_json(self._net)))
        self.input_dim = d["input_dim"]
        self.layers = [_layer_of(L) for L in d["layers"]]
        self.widths = [len(L["biases"]) for L in d["layers"]]
        self.name = d.get("name")

    @property
    def _h(self):
        """The lowered network's handle (every analysis goes through it)."""
        if self._net is None:
            raise UnsupportedError(self._why.message, self._why.code)
        return self._net

    @classmethod
    def load(cls, path):
        return _read_network(lib.api_net_read_file_graph, _cstr(str(path)))

    @classmethod
    def from_json(cls, text):
        """From JSON text (str/bytes) or a dict (numbers: int, Fraction, float, str)."""
        if isinstance(text, dict):
            text = json.dumps(_jsonable(text))
        b = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        return _read_network(lib.api_net_read_string_graph, b, len(b))

    def to_json(self):
        """Canonical JSON text (integers, "p/q")."""
        return _take_string(lib.api_net_json(self._h))

    def save(self, path):
        with open(path, "w") as f:
            f.write(self.to_json() + "\n")

    @property
    def hidden_neurons(self):
        self._h   # a graph without a lowering has no neurons
        return sum(self.widths[:-1])

    def eval(self, x):
        """Exact evaluation: `relucert eval --json`'s object {"input", "output": [Fraction], "pattern": "01..",
        "signs": [-1, 0, 1 per hidden neuron], "on_boundary", "zero_neurons", "affine": {W, c}}; signs, a
        string "-0+" in the JSON, become integers here. A graph without a lowering: {"input", "output"}
        only (its units have no neurons), computed by the library's graph evaluator as `relucert eval`."""
        if self._net is None:   # a graph without a lowering: input and output only (plnet_eval)
            d = _loads(_take_string(_call(lib.api_graph_eval, self._g, _cstr(_list_text(x)))))
            return {"input": _fractions(d["input"]), "output": _fractions(d["output"])}
        d = _loads(_take_string(_call(lib.api_net_eval, self._h, _cstr(_list_text(x)))))
        d["input"] = _fractions(d["input"])
        d["output"] = _fractions(d["output"])
        d["signs"] = [{"-": -1, "0": 0, "+": 1}[c] for c in d["signs"]]
        d["affine"] = _exact_tree(d["affine"])
        return d

    def __call__(self, x):
        return self.eval(x)["output"]

    def slice(self, points=None, origin=None, directions=None):
        """The network restricted to an affine subspace, as a new Network (`relucert slice`): through
        points p0..pk (affinely independent), t -> net(p0 + sum t_i (p_i - p0)); or with origin and
        directions d1..dk (linearly independent), t -> net(origin + sum t_i d_i). Exact numbers."""
        if (points is None) == (directions is None) or (points is not None and origin is not None):
            raise InputError("slice: give points, or origin and directions", 3)
        if directions is not None and origin is None:
            raise InputError("slice: directions need an origin", 3)
        rows = points if points is not None else directions
        text = ";".join(_list_text(r) for r in rows)
        o = ffi.NULL if origin is None else _cstr(_list_text(origin))
        return Network(_call(lib.api_net_slice, self._h, _cstr(text), o))

    def regions(self, domain=None, box=None, whole=False):
        """Streaming iterator of Region objects; domain: Domain, {"A", "b"} or a file; box: (lo, hi)."""
        return Regions(self, _domain(self.input_dim, domain, box, whole))

    def complex(self, domain=None, box=None, whole=False, jobs=1, max_regions=None, time_limit=None):
        """The polyhedral complex of the regions: {"regions", "fvector", "bounded_regions", ...},
        the JSON of `relucert regions NET --json` (jobs worker processes; a max_regions or
        time_limit limit gives the counts so far with "partial": True)."""
        D = _domain(self.input_dim, domain, box, whole)
        jobs = _count("jobs", jobs, 1, 1024)
        k = 0 if max_regions is None else _count("max_regions", max_regions, 1, 1 << 62)
        t = 0.0 if time_limit is None else _seconds("time_limit", time_limit)
        return _call_json(lib.api_complex_json, self._h, D._h, jobs, k, t)

    def fvector(self, domain=None, box=None, whole=False):
        return self.complex(domain, box, whole)["fvector"]

    def arrangement(self):
        """Hyperplane arrangement of a one-hidden-layer network (enumeration and Zaslavsky agree)."""
        return _call_json(lib.api_arrangement_json, self._h)

    def homology(self, superlevel=None, sublevel=None, level=None, output=0, domain=None, box=None,
                 whole=False):
        """Integral homology of {f >= T}, {f <= T} or {f = T} (exactly one of them)."""
        sets = [(k, v) for k, v in (("superlevel", superlevel), ("sublevel", sublevel), ("level", level))
                if v is not None]
        if len(sets) != 1:
            raise InputError("give exactly one of superlevel=T, sublevel=T, level=T", 3)
        D = _domain(self.input_dim, domain, box, whole)
        return _call_json(lib.api_homology_json, self._h, D._h, _cstr(sets[0][0]),
                          _cstr(number_text(sets[0][1])), _index(output))

    def boundary(self, threshold=0, output=0, domain=None, box=None, whole=False):
        """The decision boundary {f = T}: pieces, f-vector, components, and the class for one
        hidden layer of width n (verified), or class None with the degenerate reason."""
        D = _domain(self.input_dim, domain, box, whole)
        return _call_json(lib.api_boundary_json, self._h, D._h, _cstr(number_text(threshold)), _index(output))

    def decision(self, domain=None, box=None, whole=False, list=False):
        """Decision regions {argmax f = c} (ties to the lowest index) of a network with several
        outputs: pieces, components, homology of each class's closure, the decision boundary
        (relucert decision --json; list=True adds every piece)."""
        D = _domain(self.input_dim, domain, box, whole)
        return _call_json(lib.api_decision_json, self._h, D._h, 1 if list else 0)

    def __repr__(self):
        if self._net is None:
            return "Network(input_dim=%d, a graph without a lowering: eval only)" % self.input_dim
        return "Network(input_dim=%d, widths=%r%s)" % (self.input_dim, self.widths,
                                                       ", name=%r" % self.name if self.name else "")

    def _repr_html_(self):
        if self._net is None:
            return _html_table("Network (graph without a lowering: eval only)", [("inputs", self.input_dim)])
        return _html_table("Network" + (" " + self.name if self.name else ""),
                           [("inputs", self.input_dim), ("layer widths", self.widths),
                            ("hidden neurons", self.hidden_neurons), ("outputs", self.widths[-1])])


def _count(name, v, lo, hi):
    if isinstance(v, bool) or not hasattr(v, "__index__"):
        raise InputError("%s must be an integer, got %s" % (name, type(v).__name__), 3)
    v = v.__index__()
    if v < lo or v > hi:
        raise InputError("%s: expected an integer from %d to %d, got %s" % (name, lo, hi, _int_text(v)), 3)
    return v


def _seconds(name, v):
    if isinstance(v, bool):
        raise InputError("%s must be a number of seconds, got bool" % name, 3)
    try:
        t = float(v)
    except (TypeError, ValueError, OverflowError):
        raise InputError("%s must be a number of seconds, got %s" % (name, type(v).__name__), 3) from None
    if not (1e-3 <= t <= 1e9):
        raise InputError("%s: expected from 0.001 to 1e9 seconds, got %r" % (name, v), 3)
    return t


def _index(i):
    if isinstance(i, bool) or not hasattr(i, "__index__"):
        raise InputError("output must be an integer index, got %s" % type(i).__name__, 3)
    i = i.__index__()
    if i < 0 or i >= 1 << 62:
        raise InputError("output: expected a non-negative output index, got %s" % _int_text(i), 3)
    return i


def load(path):
    """Network.load(path)."""
    return Network.load(path)


# ---------------------------------------------------------------- polytopes
class Polytope:
    """A polyhedron from its H form {"A", "b"} or V form {"vertices"} (the conversion checked exactly, polytope_verify)."""

    def __init__(self, handle):
        self._h = ffi.gc(handle, lib.api_polytope_free)
        self.info = _exact_tree(_loads(_take_string(lib.api_polytope_json(self._h))))
        self.dim = self.info["dim"]
        self.fvector = self.info["fvector"]
        self.vertices = self.info["vertices"]
        self.type = self.info.get("type")

    @classmethod
    def load(cls, path):
        return cls(_call(lib.api_polytope_new, b"file", _cstr(str(path))))

    @classmethod
    def from_json(cls, text):
        if isinstance(text, dict):
            text = json.dumps(_jsonable(text))
        return cls(_call(lib.api_polytope_new, b"json", _cstr(text)))

    @classmethod
    def from_hrep(cls, A, b):
        return cls.from_json({"A": [list(r) for r in A], "b": list(b)})

    @classmethod
    def from_vertices(cls, V):
        return cls.from_json({"vertices": [list(v) for v in V]})

    def polar(self, center=None):
        """The polar dual about center (a point, "auto" for the vertex centroid, None: the origin),
        with the face correspondence verified: {"vertices", "inequalities", "fvector", "center", ...}."""
        c = None if center is None else ("auto" if center == "auto" else _list_text(center))
        return _call_json(lib.api_polar_json, self._h, _cstr(c))

    def __repr__(self):
        return "Polytope(dim=%d, fvector=%r, type=%r)" % (self.dim, self.fvector, self.type)

    def _repr_html_(self):
        return _html_table("Polytope", [("dimension", self.dim), ("f-vector", self.fvector),
                                        ("vertices", len(self.vertices)), ("type", self.type)])


def version():
    return ffi.string(lib.api_version()).decode()
