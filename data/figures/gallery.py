#!/usr/bin/env python3
"""The gallery's matplotlib figures (data/figures/generate.sh), drawn from relucert's exact
JSON; floats only to draw. Deterministic: fixed SVG hash salt, no dates in the metadata, the
DejaVu Sans font, so two runs give the same bytes (with the same matplotlib).
  gallery.py hist STATS.json TITLE OUT...          facet histogram (relucert stats --json)
  gallery.py barcode PERSISTENCE.json TITLE OUT... barcode (relucert persistence --json)
  gallery.py polar PRIMAL.json DUAL.json TITLE OUT... a neural polytope and its polar dual"""
import json
import math
import sys
from fractions import Fraction

import matplotlib
matplotlib.use("Agg")
matplotlib.rcParams.update({"svg.hashsalt": "relucert", "font.family": "DejaVu Sans", "font.size": 10})
import matplotlib.pyplot as plt

sys.path.insert(0, __file__.rsplit("/", 3)[0] + "/python")
from relucert.core import ccw_polygon   # exact counter-clockwise order (no library needed)


def save(fig, outs):
    for out in outs:
        meta = {"Date": None} if out.endswith(".svg") else {}
        fig.savefig(out, metadata=meta, bbox_inches="tight", dpi=100)


def hist(path, title, outs):
    d = json.load(open(path))
    h = {int(k): v for k, v in d["family"]["facet_histogram"].items()}
    ks = sorted(h)
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.bar(ks, [h[k] for k in ks], color="#4c72b0", edgecolor="k", linewidth=0.6)
    mean = Fraction(d["family"]["pooled_mean_facets"])
    ax.axvline(float(mean), color="#c44e52", linestyle="--", label="mean %s = %.4g (exact)" % (mean, float(mean)))
    ax.axvline(2 * d["dim"], color="k", linestyle=":", label="bound 2d = %d" % (2 * d["dim"]))
    ax.set_xlabel("facets of a region")
    ax.set_ylabel("regions")
    ax.set_xticks(ks)
    ax.set_title(title)
    ax.legend(fontsize=8)
    save(fig, outs)


def barcode(path, title, outs):
    d = json.load(open(path))
    bars = d["bars"]
    crit = [Fraction(c) for c in d["critical_values"]]
    lo, hi = float(min(crit)), float(max(crit))
    fig, ax = plt.subplots(figsize=(5, 0.6 + 0.28 * len(bars)))
    colours = ["#4c72b0", "#dd8452", "#55a868"]
    for i, b in enumerate(bars):
        birth = float(Fraction(b["birth"]))
        death = hi + 0.08 * (hi - lo) if b["death"] is None else float(Fraction(b["death"]))
        ax.plot([birth, death], [i, i], color=colours[b["dim"] % 3], linewidth=4, solid_capstyle="butt",
                label="H%d" % b["dim"] if b["dim"] not in [x["dim"] for x in bars[:i]] else None)
        if b["death"] is None:
            ax.annotate("", xy=(death, i), xytext=(death - 1e-9, i), arrowprops={"arrowstyle": "->"})
    ax.set_yticks([])
    ax.set_ylim(-0.8, len(bars) - 0.2)
    ax.set_xlabel("threshold t of the sublevel set {f <= t}")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    save(fig, outs)


def polar(primal, dual, title, outs):
    fig, axs = plt.subplots(1, 2, figsize=(7.4, 3.8), constrained_layout=True)
    for ax, path, name in ((axs[0], primal, "{N <= 1}"), (axs[1], dual, "polar dual")):
        V = ccw_polygon(json.load(open(path))["vertices"])
        xy = [(float(x), float(y)) for x, y in V]
        ax.fill([p[0] for p in xy], [p[1] for p in xy], color="#a6c8e8", edgecolor="k", linewidth=1)
        ax.plot([p[0] for p in xy], [p[1] for p in xy], "ko", markersize=3)
        t = [i / 100 * 6.283185307179586 for i in range(101)]
        ax.plot([math.cos(s) for s in t], [math.sin(s) for s in t], color="#c44e52", linestyle="--", linewidth=0.8,
                label="unit circle")
        ax.set_aspect("equal")
        ax.set_title("%s: %d vertices" % (name, len(V)))
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
    axs[0].legend(fontsize=8, loc="lower left")
    fig.suptitle(title)
    save(fig, outs)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "hist":
        hist(args[0], args[1], args[2:])
    elif cmd == "barcode":
        barcode(args[0], args[1], args[2:])
    elif cmd == "polar":
        polar(args[0], args[1], args[2], args[3:])
    else:
        sys.exit("usage: gallery.py hist|barcode|polar ...")
