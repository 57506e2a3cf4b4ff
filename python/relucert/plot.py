"""Figures in notebooks with matplotlib (Debian: python3-matplotlib), drawn from exact data.

    import relucert, relucert.plot
    net = relucert.load("data/default.json")
    ax = relucert.plot.regions(net, box=(-1, 1), color="value", title="default network")
    ax.relucert_range            # (min, max) of the output over the domain: exact Fractions
    relucert.plot.graph(relucert.load("data/wedge/nets/hat1d-lambda10.json"), box=(0, 9))

Every polygon is a region's exact vertices in counter-clockwise order (Region.polygon()); the
decision boundary {f = T} is cut from each region's exact affine map; the colour range is the
exact minimum and maximum over all region vertices. Floats appear only when handing
coordinates to matplotlib. matplotlib is imported on first use: without it, a clear
RelucertError says what to install."""
import json
from fractions import Fraction

from .errors import RelucertError, InputError


def _mpl():
    try:
        import matplotlib
        import matplotlib.pyplot as plt
        from matplotlib.collections import PolyCollection, LineCollection
        from matplotlib import colors, cm
    except ImportError as e:
        raise RelucertError("relucert.plot needs matplotlib (Debian: apt-get install python3-matplotlib): %s" % e,
                            3) from None
    matplotlib.rcParams["svg.hashsalt"] = "relucert"   # same SVG ids on every run
    return plt, PolyCollection, LineCollection, colors, cm


def _pattern_rgb(pattern):
    """A pale colour from the pattern (FNV-1a, as the CLI's figures)."""
    h = 1469598103934665603
    for ch in str(pattern):
        if ch in "01":
            h = ((h ^ (ch == "1")) * 1099511628211) % (1 << 64)
    h = ((h ^ (h >> 30)) * 0xbf58476d1ce4e5b9) % (1 << 64)
    h = ((h ^ (h >> 27)) * 0x94d049bb133111eb) % (1 << 64)
    h ^= h >> 31
    return tuple(0.55 + 0.4 * ((h >> (16 * i)) & 0xFFFF) / 65535.0 for i in range(3))


def _value(r, x, output):
    return sum(Fraction(w) * Fraction(v) for w, v in zip(r.W[output], x)) + Fraction(r.c[output])


def boundary_segments(region, threshold=0, output=0):
    """The piece of {f = T} in a bounded 2D region as a pair of exact points (or None):
    f is affine on the region, so the piece is cut from the polygon's edges exactly."""
    T = Fraction(threshold)
    P = region.polygon()
    g = [_value(region, p, output) - T for p in P]
    if all(v == 0 for v in g):
        return None
    pts = []
    for i, p in enumerate(P):
        q, gp, gq = P[(i + 1) % len(P)], g[i], g[(i + 1) % len(P)]
        if gp == 0:
            pts.append(p)
        elif gp * gq < 0:
            t = gp / (gp - gq)
            pts.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return (pts[0], pts[1]) if len(pts) == 2 else None


def _data(data):
    if data is None:
        return None
    if isinstance(data, str):
        with open(data) as f:
            data = json.load(f)
    return [[Fraction(str(v)) for v in row] for row in data["X"]], [Fraction(str(v)) for v in data["y"]]


def _scatter(ax, data, dim):
    X, y = data
    palette = ["#d91a1a", "#1a4dd9", "#1a9933", "#f29900", "#8c33b3", "#333333"]
    if dim == 1:
        ax.scatter([float(r[0]) for r in X], [float(v) for v in y], s=22, c="#333333", edgecolors="k",
                   zorder=4, label="data (%d)" % len(X))
        return
    for k, lab in enumerate(sorted(set(y))):
        pts = [r for r, v in zip(X, y) if v == lab]
        ax.scatter([float(p[0]) for p in pts], [float(p[1]) for p in pts], s=22, c=palette[k % 6],
                   edgecolors="k", zorder=4, label="y = %s" % lab)


def regions(net, box=None, domain=None, ax=None, color="pattern", boundary=True, threshold=0, output=0,
            data=None, title=None, xlabel="x1", ylabel="x2", colorbar=True, legend=True):
    """A region map of a network with 2 inputs on a bounded domain (box=(lo, hi) or a domain):
    regions filled by pattern or by the output's value at their interior point (color="value",
    with a colour bar over the exact range), the boundary {f = T} in black, data points
    ({"X", "y"} or a file) coloured by label. Returns the matplotlib Axes; ax.relucert_range is
    the exact (min, max) of the output over the domain, ax.relucert_regions the region count."""
    if net.input_dim != 2:
        raise InputError("relucert.plot.regions draws networks with 2 inputs (use graph() for 1)", 3)
    if color not in ("pattern", "value"):
        raise InputError("color: expected \"pattern\" or \"value\"", 3)
    plt, PolyCollection, LineCollection, colors, cm = _mpl()
    if ax is None:
        ax = plt.figure(figsize=(5.5, 4.5)).add_subplot()
    regs = list(net.regions(domain=domain, box=box))
    polys = [r.polygon() for r in regs]
    vals = [_value(r, v, output) for r in regs for v in r.vertices]
    lo, hi = min(vals), max(vals)
    if color == "value":
        norm = colors.Normalize(float(lo), float(hi))
        fill = [cm.viridis(norm(float(_value(r, r.interior_point, output)))) for r in regs]
    else:
        fill = [_pattern_rgb(r.pattern) for r in regs]
    ax.add_collection(PolyCollection([[(float(x), float(y)) for x, y in P] for P in polys], facecolors=fill,
                                     edgecolors="0.35", linewidths=0.5))
    if boundary:
        segs = [s for s in (boundary_segments(r, threshold, output) for r in regs) if s is not None]
        ax.add_collection(LineCollection([[(float(x), float(y)) for x, y in s] for s in segs], colors="k",
                                         linewidths=2, label="f = %s" % Fraction(threshold)))
    if data is not None:
        _scatter(ax, _data(data), 2)
    xs = [v[0] for P in polys for v in P]
    ys = [v[1] for P in polys for v in P]
    ax.set_xlim(float(min(xs)), float(max(xs)))
    ax.set_ylim(float(min(ys)), float(max(ys)))
    ax.set_aspect("equal")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if color == "value" and colorbar:
        ax.figure.colorbar(cm.ScalarMappable(norm=norm, cmap=cm.viridis), ax=ax, label="f")
    if legend and (boundary or data is not None):
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    ax.relucert_range = (lo, hi)
    ax.relucert_regions = len(regs)
    return ax


def graph(net, box, ax=None, output=0, data=None, title=None, xlabel="x", ylabel="f(x)"):
    """The graph of a network with 1 input over the interval box=(lo, hi): the polyline through
    its exact breakpoints (the region endpoints), breakpoints marked. Returns the Axes;
    ax.relucert_breakpoints is the exact list of interior breakpoints."""
    if net.input_dim != 1:
        raise InputError("relucert.plot.graph draws networks with 1 input", 3)
    plt = _mpl()[0]
    if ax is None:
        ax = plt.figure(figsize=(5.5, 3.5)).add_subplot()
    xs = sorted({v[0] for r in net.regions(box=box) for v in r.vertices})
    fs = [net([x])[output] for x in xs]
    ax.plot([float(x) for x in xs], [float(f) for f in fs], "-", color="#1a3399", label="f")
    ax.plot([float(x) for x in xs[1:-1]], [float(f) for f in fs[1:-1]], "o", mfc="w", mec="k",
            label="breakpoint", zorder=3)
    if data is not None:
        _scatter(ax, _data(data), 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(fontsize=8)
    ax.relucert_breakpoints = xs[1:-1]
    return ax


def savefig(ax_or_fig, path):
    """Saves with fixed metadata (no date), so the same figure gives the same SVG/PDF bytes."""
    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    meta = {"Date": None} if str(path).endswith((".svg", ".pdf")) else {}
    if str(path).endswith(".pdf"):
        meta["CreationDate"] = meta.pop("Date")
    fig.savefig(path, metadata=meta, bbox_inches="tight")
