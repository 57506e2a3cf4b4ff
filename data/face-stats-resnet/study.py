#!/usr/bin/python3
"""The shortcut-network study (issue 16 item 5): plain ReLU networks against residual networks of
the same widths and depth, at initialisation and after training, in 2, 3 and 4 dimensions.

    /usr/bin/python3 data/face-stats-resnet/study.py nets OUTDIR [--steps N] [--init-seeds K] [--trained-seeds K] [--dims 2,3,4]
    /usr/bin/python3 data/face-stats-resnet/study.py report OUTDIR

Architectures (torch, CPU, one thread), hidden widths WIDTH x DEPTH in both:
  plain:    x -> relu(W1 x + b1) -> relu(W2 . + b2) -> relu(W3 . + b3) -> c . + c0  (nn.Sequential)
  residual: h0 = x, h_k = h_{k-1} + V_k relu(W_k h_{k-1} + b_k) (k = 1..DEPTH; W_k is WIDTH x d,
            V_k is d x WIDTH: the residual stream is the input space R^d), output c . h_DEPTH + c0
Both use torch's default initialisation (nn.Linear: uniform +-1/sqrt(fan_in)), seeded by
torch.manual_seed(seed) before the model is built. "trained": the network of seed s after STEPS
full-batch Adam steps (lr 0.01, binary cross entropy on one logit) on a toy task in [-1, 1]^d:
the label is 1 inside the ball |x| < r_d of half the cube's volume, 0 outside (1024 uniform
training points, 1024 test points, their own fixed generator seed per d).
Every network is imported exactly (relucert.from_torch: each float32 weight is its dyadic
rational): plain ones as format 1, residual ones as format-2 graphs (dense, relu, add nodes,
through torch.fx), one JSON Lines file per (d, architecture, state) under OUTDIR/nets/, which
`relucert stats --networks` reads (generate.sh). The exact networks are checked against the
float model run in float64 at the test points (largest difference in train.json).

`report` reads OUTDIR/results.jsonl (the stats outputs, one per family and domain, labelled)
and OUTDIR/cutting.jsonl (per network at initialisation, in the box, which hidden neurons take both signs among the
region patterns, i.e. whose bent hyperplane cuts the box) and writes table.csv (one row per network and domain), table.json (the rows and the family
summaries), table.md and facets.svg (the facet histograms, matplotlib with fixed hash salt and
no date: the same bytes on every run)."""
import argparse
import csv
import io
import json
import math
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))

WIDTH, DEPTH, STEPS = 8, 3, 400
ARCHS = ("plain", "residual")
STATES = ("init", "trained")


def family_name(d, arch, state):
    return "d%d-%s-%s" % (d, arch, state)


def radius(d):
    """r with vol(ball_r) = 2^d / 2: half of the cube [-1, 1]^d is inside the ball"""
    return (2 ** (d - 1) * math.gamma(d / 2 + 1) / math.pi ** (d / 2)) ** (1 / d)


# --- networks and training (torch is imported only here) ---------------------------------------

def _models():
    import torch.nn as nn
    import torch

    class Block(nn.Module):
        def __init__(self, d, n):
            super().__init__()
            self.fc1, self.fc2 = nn.Linear(d, n), nn.Linear(n, d)

        def forward(self, x):
            return x + self.fc2(torch.relu(self.fc1(x)))

    class ResNet(nn.Module):
        def __init__(self, d, n, depth):
            super().__init__()
            self.blocks = nn.Sequential(*[Block(d, n) for _ in range(depth)])
            self.head = nn.Linear(d, 1)

        def forward(self, x):
            return self.head(self.blocks(x))

    def plain(d, n, depth):
        mods, w = [], d
        for _ in range(depth):
            mods += [nn.Linear(w, n), nn.ReLU()]
            w = n
        return nn.Sequential(*mods, nn.Linear(w, 1))

    return {"plain": plain, "residual": ResNet}


def task(d, n, seed):
    import torch
    g = torch.Generator().manual_seed(seed)
    X = torch.rand(n, d, generator=g) * 2 - 1
    y = ((X * X).sum(1) < radius(d) ** 2).float()
    return X, y


def _export(model, arch, d, name):
    """(JSON line of the exact network, relucert.Network of it)"""
    import relucert
    if arch == "plain":
        net = relucert.from_torch(model, name=name)
        return net.to_json(), net
    g = relucert.from_torch(model, (d,), name=name)
    text = json.dumps(g, separators=(",", ":"))
    return text, relucert.Network.from_json(text)


def _exact_vs_float64(model, net, X):
    """largest |exact output - torch float64 output| over the points X (rationals: the float32 values)"""
    import copy
    import torch
    m64 = copy.deepcopy(model).double()
    worst = 0.0
    with torch.no_grad():
        f64 = m64(X.double())[:, 0].tolist()
    for x, f in zip(X.tolist(), f64):
        exact = net([Fraction(v) for v in x])[0]
        worst = max(worst, abs(float(exact) - f))
    return worst


def make_nets(outdir, steps, init_seeds, trained_seeds, dims):
    import torch
    import torch.nn as nn
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    build = _models()
    os.makedirs(os.path.join(outdir, "nets"), exist_ok=True)
    summary = {"width": WIDTH, "depth": DEPTH, "steps": steps, "optimizer": "Adam lr 0.01, full batch",
               "loss": "binary cross entropy with logits", "train_points": 1024, "test_points": 1024,
               "torch": torch.__version__, "runs": []}
    for d in dims:
        Xtr, ytr = task(d, 1024, 100 + d)
        Xte, yte = task(d, 1024, 200 + d)
        for arch in ARCHS:
            lines = {s: [] for s in STATES}
            for seed in range(1, max(init_seeds, trained_seeds) + 1):
                torch.manual_seed(seed)
                m = build[arch](d, WIDTH, DEPTH)
                if seed <= init_seeds:
                    text, net = _export(m, arch, d, "%s %d-%s (x %d), seed %d, at initialisation"
                                        % (arch, d, WIDTH, DEPTH, seed))
                    lines["init"].append(text)
                if seed > trained_seeds:
                    continue
                with torch.no_grad():
                    acc0 = float(((m(Xte)[:, 0] > 0).float() == yte).float().mean())
                opt = torch.optim.Adam(m.parameters(), lr=0.01)
                for _ in range(steps):
                    opt.zero_grad()
                    loss = nn.functional.binary_cross_entropy_with_logits(m(Xtr)[:, 0], ytr)
                    loss.backward()
                    opt.step()
                with torch.no_grad():
                    acc = float(((m(Xte)[:, 0] > 0).float() == yte).float().mean())
                text, net = _export(m, arch, d, "%s %d-%s (x %d), seed %d, trained (%d Adam steps)"
                                    % (arch, d, WIDTH, DEPTH, seed, steps))
                lines["trained"].append(text)
                summary["runs"].append({"dim": d, "architecture": arch, "seed": seed,
                                        "final_loss": round(float(loss), 6), "test_accuracy": round(acc, 4),
                                        "init_test_accuracy": round(acc0, 4),
                                        "max_abs_exact_minus_torch_float64": _exact_vs_float64(m, net, Xte[:64])})
            for s in STATES:
                with open(os.path.join(outdir, "nets", family_name(d, arch, s) + ".jsonl"), "w") as f:
                    f.write("".join(t + "\n" for t in lines[s]))
    print(json.dumps(summary, indent=1))
    return 0 if all(r["max_abs_exact_minus_torch_float64"] <= 1e-9 for r in summary["runs"]) else 1


# --- the report (no torch) ---------------------------------------------------------------------

def approx(q, digits=4):
    """q truncated to `digits` decimals, as text (exact: computed from the Fraction)"""
    q = Fraction(q)
    s = "-" if q < 0 else ""
    q = abs(q)
    i = q.numerator // q.denominator
    frac = (q - i) * 10 ** digits
    return "%s%d.%0*d" % (s, i, digits, frac.numerator // frac.denominator)


def histogram_mean(h):
    """sum k h_k / sum h_k, exactly"""
    return Fraction(sum(int(k) * v for k, v in h.items()), sum(h.values()))


def cutting_per_layer(cut):
    """{(family, seed): [neurons of layer 1 that cut the box, of layer 2, ...]} (WIDTH per layer)"""
    out = {}
    for c in cut:
        assert len(c["cutting"]) == WIDTH * DEPTH
        out[(c["family"], c["seed"])] = ([sum(c["cutting"][i * WIDTH:(i + 1) * WIDTH]) for i in range(DEPTH)], c["regions"])
    return out


def rows_of(results, cut):
    rows, fams = [], []
    cuts = cutting_per_layer(cut)
    for r in results:
        d, arch, state, domain = r["dim"], r["architecture"], r["state"], r["where"]
        box = domain.startswith("box")
        per = []
        for k, n in enumerate(r["networks"]):
            h = n["facet_histogram"]
            assert histogram_mean(h) == Fraction(n["mean_facets"]) and sum(h.values()) == n["regions"]
            layers, regions = cuts.get((family_name(d, arch, state), k + 1), ("", None))
            if box and state == "init":
                assert regions == n["regions"]      # regions --list and stats count the same regions
                per.append(layers)
            rows.append({"dim": d, "architecture": arch, "state": state, "domain": domain, "seed": k + 1,
                         "regions": n["regions"], "mean_facets": n["mean_facets"],
                         "mean_facets_approx": approx(n["mean_facets"]), "bound_2d": 2 * d,
                         "within_bound": "true" if n["within_bound"] else "false",
                         "facet_histogram": " ".join("%s:%d" % (f, v) for f, v in
                                                     sorted(h.items(), key=lambda e: int(e[0]))),
                         "neurons_cutting_box": " ".join(map(str, layers)) if per and box else ""})
        fam = r["family"]
        fams.append({"dim": d, "architecture": arch, "state": state, "domain": domain,
                     "networks": fam["networks"], "regions": [n["regions"] for n in r["networks"]],
                     "mean_of_means": fam["mean_of_means"], "min": fam["min"], "max": fam["max"],
                     "pooled_mean_facets": fam["pooled_mean_facets"], "facet_histogram": fam["facet_histogram"],
                     "bound_2d": r["bound"], "violations": r["violations"]})
        if per:
            fams[-1]["neurons_cutting_box_per_layer"] = per
    return rows, fams


def write_csv(path, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    with open(path, "w") as f:
        f.write(buf.getvalue())


def table_md(fams, train):
    acc = {}
    for r in train["runs"]:
        acc.setdefault((r["dim"], r["architecture"]), []).append(r["test_accuracy"])
    out = ["| d | network | state | domain | nets | regions per network | mean of means (exact) | ~ "
           "| min .. max | pooled mean | bound 2d | above 2d | neurons cutting the box, per layer |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for f in fams:
        out.append("| %d | %s | %s | %s | %d | %s | %s | %s | %s .. %s | %s | %d | %s | %s |" % (
            f["dim"], f["architecture"], f["state"], f["domain"], f["networks"],
            ", ".join(map(str, f["regions"])), f["mean_of_means"], approx(f["mean_of_means"]),
            approx(f["min"]), approx(f["max"]), approx(f["pooled_mean_facets"]), f["bound_2d"],
            "none" if not f["violations"] else "seeds " + ",".join(map(str, f["violations"])),
            ", ".join("/".join(map(str, c)) for c in f.get("neurons_cutting_box_per_layer", []))))
    out += ["", "| d | network | test accuracy after training (per seed) | at initialisation |", "|---|---|---|---|"]
    for r0 in train["runs"]:
        if r0["seed"] == 1:
            d, a = r0["dim"], r0["architecture"]
            init = [r["init_test_accuracy"] for r in train["runs"] if (r["dim"], r["architecture"]) == (d, a)]
            out.append("| %d | %s | %s | %s |" % (d, a, ", ".join(map(str, acc[(d, a)])), ", ".join(map(str, init))))
    return "\n".join(out) + "\n"


def facets_figure(path, fams):
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "relucert-face-stats-resnet"
    import matplotlib.pyplot as plt
    dims = sorted({f["dim"] for f in fams})
    domains = ["box [-1,1]^d", "R^d"]
    style = {("plain", "init"): ("#9ab3d5", "plain, init"), ("residual", "init"): ("#f0b27a", "residual, init"),
             ("plain", "trained"): ("#1f4e99", "plain, trained"), ("residual", "trained"): ("#c0392b", "residual, trained")}
    fig, axes = plt.subplots(len(domains), len(dims), figsize=(3.6 * len(dims), 5.6), squeeze=False)
    for i, dom in enumerate(domains):
        for j, d in enumerate(dims):
            ax = axes[i][j]
            sel = [f for f in fams if f["dim"] == d and f["domain"] == dom]
            ks = sorted({int(k) for f in sel for k in f["facet_histogram"]})
            wbar = 0.8 / max(1, len(sel))
            for m, f in enumerate(sel):
                h, tot = f["facet_histogram"], sum(f["facet_histogram"].values())
                col, lab = style[(f["architecture"], f["state"])]
                ax.bar([k - 0.4 + wbar * (m + 0.5) for k in ks], [h.get(str(k), 0) / tot for k in ks], wbar,
                       color=col, label=lab + " (mean %s)" % approx(f["pooled_mean_facets"], 2))
            ax.axvline(2 * d, color="k", linestyle="--", linewidth=1)
            ax.text(2 * d + 0.15, ax.get_ylim()[1] * 0.93, "2d", fontsize=8)
            ax.set_title("d = %d, %s" % (d, dom.replace("^d", "^%d" % d)), fontsize=9)
            ax.set_xlabel("facets of a region", fontsize=8)
            if j == 0:
                ax.set_ylabel("fraction of regions", fontsize=8)
            ax.tick_params(labelsize=7)
            ax.legend(fontsize=6, framealpha=0.9)
    fig.suptitle("Facet histograms (pooled over seeds), plain vs residual, %d x %d hidden units"
                 % (WIDTH, DEPTH), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


def report(outdir):
    with open(os.path.join(outdir, "results.jsonl")) as f:
        results = [json.loads(line) for line in f if line.strip()]
    with open(os.path.join(outdir, "train.json")) as f:
        train = json.load(f)
    with open(os.path.join(outdir, "cutting.jsonl")) as f:
        cut = [json.loads(line) for line in f if line.strip()]
    rows, fams = rows_of(results, cut)
    write_csv(os.path.join(outdir, "table.csv"), rows)
    with open(os.path.join(outdir, "table.json"), "w") as f:
        json.dump({"width": WIDTH, "depth": DEPTH, "networks": rows, "families": fams}, f, indent=1)
        f.write("\n")
    with open(os.path.join(outdir, "table.md"), "w") as f:
        f.write(table_md(fams, train))
    facets_figure(os.path.join(outdir, "facets.svg"), fams)
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("nets", "report"))
    ap.add_argument("outdir")
    ap.add_argument("--steps", type=int, default=STEPS)
    ap.add_argument("--init-seeds", type=int, default=5)
    ap.add_argument("--trained-seeds", type=int, default=3)
    ap.add_argument("--dims", default="2,3,4")
    a = ap.parse_args(argv)
    if a.what == "nets":
        return make_nets(a.outdir, a.steps, a.init_seeds, a.trained_seeds, [int(v) for v in a.dims.split(",")])
    return report(a.outdir)


if __name__ == "__main__":
    sys.exit(main())
