#!/usr/bin/python3
"""A toy image task of 28 x 28 images (no download), a 784-16-16-3 ReLU network trained on it in float
with torch, and the network imported exactly (relucert.from_torch: every float32 weight is its
dyadic rational), with the same architecture at initialisation (before training: the random-weights
variant).

    /usr/bin/python3 data/mnist-toy/train.py OUTDIR [--steps N] [--per-class M]

The images (fixed seed, torch's CPU generator, quantised to k/255 like MNIST's bytes):
  class 0 "ring":       a circle outline, centre jittered by up to 3 pixels, radius 6..10
  class 1 "vertical":   a vertical stroke of length 14..22, slightly slanted, anywhere across
  class 2 "horizontal": the same stroke transposed
with strokes about 2 pixels thick, soft edges and N(0, 0.05^2) pixel noise, clipped to [0, 1].
Training: Adam (lr 0.01), full batch, cross entropy, torch.manual_seed(0), one thread,
torch.use_deterministic_algorithms(True): the same weights on every run of the same torch build
and CPU. Writes OUTDIR/net.json (trained), OUTDIR/net-init.json (the initialisation),
OUTDIR/points.json (the first test image of each class, exactly: {"X": [[k/255, ...]], "y"}),
OUTDIR/images.png (the three points and the midpoint of the triangle) and prints a JSON summary:
accuracies, loss, and the largest |exact output - torch float64 output| at the three points
(the import is exact, so only the float64 evaluation's rounding remains)."""
import argparse
import json
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

import relucert  # noqa: E402

SIDE = 28
CLASSES = ["ring", "vertical", "horizontal"]


def images(n_per_class, g):
    """n_per_class images of each class, interleaved (class i at index i mod 3), as uint8."""
    ys, xs = torch.meshgrid(torch.arange(SIDE, dtype=torch.float32), torch.arange(SIDE, dtype=torch.float32),
                            indexing="ij")
    out, labels = [], []
    for _ in range(n_per_class):
        for c in range(3):
            u = torch.rand(6, generator=g)
            if c == 0:
                cx, cy = 13.5 + 6 * (u[0] - 0.5), 13.5 + 6 * (u[1] - 0.5)
                r = 6 + 4 * u[2]
                d = (((xs - cx) ** 2 + (ys - cy) ** 2).sqrt() - r).abs()
            else:
                pos, mid = 6 + 16 * u[0], 13.5 + 4 * (u[1] - 0.5)
                half, slant = 7 + 4 * u[2], 0.3 * (u[3] - 0.5)
                a, b = (xs, ys) if c == 1 else (ys, xs)     # a across the stroke, b along it
                along = b - mid
                d = (a - pos - slant * along).abs() + torch.relu(along.abs() - half)
            th = 0.8 + 0.6 * u[4]
            img = torch.clamp(1.5 - (d - th) / 1.0, 0, 1) * (0.8 + 0.2 * u[5])
            img = torch.clamp(img + 0.05 * torch.randn(SIDE, SIDE, generator=g), 0, 1)
            out.append(torch.round(255 * img).to(torch.uint8))
            labels.append(c)
    return torch.stack(out), torch.tensor(labels)


def model():
    return nn.Sequential(nn.Linear(SIDE * SIDE, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))


def accuracy(m, X, y):
    with torch.no_grad():
        return float((m(X).argmax(1) == y).float().mean())


def write_images(path, pts):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    mid = (pts[0].double() + pts[1].double() + pts[2].double()) / 3
    fig, ax = plt.subplots(1, 4, figsize=(6.4, 1.9))
    for k, (img, title) in enumerate([(pts[0], "p0: ring"), (pts[1], "p1: vertical"),
                                      (pts[2], "p2: horizontal"), (mid, "(p0+p1+p2)/3")]):
        ax[k].imshow(img.double().reshape(SIDE, SIDE).numpy(), cmap="gray_r", vmin=0, vmax=255,
                     interpolation="nearest")
        ax[k].set_title(title, fontsize=9)
        ax[k].set_xticks([])
        ax[k].set_yticks([])
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--per-class", type=int, default=300, help="training images per class (test: 100)")
    ap.add_argument("--no-figure", action="store_true")
    a = ap.parse_args(argv)
    os.makedirs(a.outdir, exist_ok=True)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    g = torch.Generator().manual_seed(2026)
    Xtr8, ytr = images(a.per_class, g)
    Xte8, yte = images(100, g)
    Xtr, Xte = Xtr8.reshape(-1, SIDE * SIDE).float() / 255, Xte8.reshape(-1, SIDE * SIDE).float() / 255
    torch.manual_seed(0)
    m = model()
    init = relucert.from_torch(m, name="mnist-toy 784-16-16-3 at initialisation (torch default init, seed 0)")
    opt = torch.optim.Adam(m.parameters(), lr=0.01)
    for _ in range(a.steps):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(m(Xtr), ytr)
        loss.backward()
        opt.step()
    net = relucert.from_torch(m, name="mnist-toy 784-16-16-3 trained (%d Adam steps)" % a.steps)
    with open(os.path.join(a.outdir, "net.json"), "w") as f:
        f.write(net.to_json())
    with open(os.path.join(a.outdir, "net-init.json"), "w") as f:
        f.write(init.to_json())
    # the first test image of each class, exactly (bytes / 255)
    idx = [int((yte == c).nonzero()[0]) for c in range(3)]
    pts = [Xte8[i].reshape(-1) for i in idx]
    X = [[str(Fraction(int(v), 255)) for v in p.tolist()] for p in pts]
    with open(os.path.join(a.outdir, "points.json"), "w") as f:
        json.dump({"X": X, "y": [0, 1, 2], "classes": CLASSES}, f, separators=(",", ":"))
        f.write("\n")
    if not a.no_figure:
        write_images(os.path.join(a.outdir, "images.png"), pts)
    # the exact network at the points against the float model in float64
    m64 = model()
    m64.load_state_dict(m.state_dict())
    m64 = m64.double()
    worst = 0.0
    for p in X:
        exact = net([Fraction(v) for v in p])
        with torch.no_grad():
            f64 = m64(torch.tensor([float(Fraction(v)) for v in p], dtype=torch.float64)[None])[0].tolist()
        worst = max(worst, max(abs(float(e) - w) for e, w in zip(exact, f64)))
    summary = {"steps": a.steps, "train_images": len(ytr), "test_images": len(yte),
               "final_loss": round(float(loss), 6), "train_accuracy": round(accuracy(m, Xtr, ytr), 4),
               "test_accuracy": round(accuracy(m, Xte, yte), 4),
               "init_test_accuracy": round(accuracy(_reload(init), Xte, yte), 4),
               "points_test_index": idx, "max_abs_exact_minus_torch_float64": worst}
    print(json.dumps(summary))
    return 0 if worst <= 1e-9 else 1


def _reload(net):
    """the exact network back in torch (float64: its weights are exact there), for the accuracy at init"""
    d = json.loads(net.to_json())
    m = model().double()
    lin = [mod for mod in m if isinstance(mod, nn.Linear)]
    with torch.no_grad():
        for mod, L in zip(lin, d["layers"]):
            mod.weight.copy_(torch.tensor([[float(Fraction(v)) for v in r] for r in L["weights"]], dtype=torch.float64))
            mod.bias.copy_(torch.tensor([float(Fraction(v)) for v in L["biases"]], dtype=torch.float64))
    return lambda X: m(X.double())


if __name__ == "__main__":
    sys.exit(main())
