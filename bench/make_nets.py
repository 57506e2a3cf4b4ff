#!/usr/bin/env python3
"""Writes the benchmark networks in bench/nets/ (deterministic; committed, so
the benchmark itself needs no Python). Weights: small integers ("int"),
small rationals ("rat"), wide rationals ("wide").
The large networks in bench/nets/large/ come from relucert itself:
  relucert random --dim 2 --widths 450 --kind wide --seed 3 > bench/nets/large/2d-w450-wide.json
  relucert random --dim 3 --widths 182 --kind wide --seed 5 > bench/nets/large/3d-w182-wide.json"""
import json, random
from fractions import Fraction

def num(f):
    f = Fraction(f)
    return f.numerator if f.denominator == 1 else f"{f.numerator}/{f.denominator}"

def draw(rng, kind):
    if kind == "int":
        return rng.randint(-5, 5)
    if kind == "rat":
        return Fraction(rng.randint(-9, 9), rng.randint(1, 6))
    return Fraction(rng.randint(-999, 999), rng.randint(1, 99))

def net(name, widths, kind, seed):
    rng = random.Random(seed)
    layers = []
    for j in range(1, len(widths)):
        layers.append({"weights": [[num(draw(rng, kind)) for _ in range(widths[j - 1])] for _ in range(widths[j])],
                       "biases": [num(draw(rng, kind) / 2) for _ in range(widths[j])]})
    doc = {"input_dim": widths[0], "layers": layers, "name": name}
    with open(f"bench/nets/{name}.json", "w") as fp:
        fp.write(json.dumps(doc) + "\n")

net("2d-w32-int", [2, 32, 1], "int", 1)
net("2d-16x16-rat", [2, 16, 16, 1], "rat", 2)
net("2d-12x12x12-wide", [2, 12, 12, 12, 1], "wide", 3)
net("3d-w24-int", [3, 24, 1], "int", 4)
net("3d-12x12-rat", [3, 12, 12, 1], "rat", 5)
net("4d-w16-rat", [4, 16, 1], "rat", 6)
net("4d-8x8-int", [4, 8, 8, 1], "int", 7)
net("2d-w100-int", [2, 100, 1], "int", 8)
net("3d-8x8x8-int", [3, 8, 8, 8, 1], "int", 9)
net("3d-w40-wide", [3, 40, 1], "wide", 10)
net("4d-w24-int", [4, 24, 1], "int", 11)
net("4d-12x12-rat", [4, 12, 12, 1], "rat", 12)

# --- issue 9: 6D, four hidden layers, degenerate and near-degenerate networks
net("6d-w12-int", [6, 12, 1], "int", 13)
net("6d-8x8-rat", [6, 8, 8, 1], "rat", 14)
net("2d-8x8x8x8-rat", [2, 8, 8, 8, 8, 1], "rat", 15)
net("3d-6x6x6x6-int", [3, 6, 6, 6, 6, 1], "int", 16)
net("4d-6x6x6x6-wide", [4, 6, 6, 6, 6, 1], "wide", 17)
net("2d-w200-wide", [2, 200, 1], "wide", 18)
net("3d-w60-rat", [3, 60, 1], "rat", 19)

def write(name, n, layers):
    doc = {"input_dim": n, "layers": [{"weights": [[num(v) for v in row] for row in W], "biases": [num(v) for v in b]}
                                      for (W, b) in layers], "name": name}
    with open(f"bench/nets/{name}.json", "w") as fp:
        fp.write(json.dumps(doc) + "\n")

def degenerate(name, widths, seed):
    """Weights and biases in {-2, ..., 2}, every neuron repeated or negated once:
    parallel, coincident and concurrent hyperplanes, neurons that vanish
    identically on pieces of the deeper layers."""
    rng = random.Random(seed)
    layers = []
    for j in range(1, len(widths)):
        W, b = [], []
        while len(W) < widths[j]:
            row, bias = [rng.randint(-2, 2) for _ in range(widths[j - 1])], rng.randint(-2, 2)
            W.append(row); b.append(bias)
            if len(W) < widths[j]:
                s = rng.choice([1, -1])
                W.append([s * v for v in row]); b.append(s * bias)
        layers.append((W, b))
    write(name, widths[0], layers)

degenerate("2d-degenerate-60", [2, 60, 1], 20)
degenerate("3d-degenerate-16x16", [3, 16, 16, 1], 21)

def slivers(name, groups, delta, seed):
    """Near-degenerate, wide rationals: groups of three lines in the plane, two
    through a point p and the third through p + (delta, delta). Exactly, each
    group has a triangle of size ~delta (one more region); in floating point
    below the tolerance the three lines look concurrent."""
    rng = random.Random(seed)
    W, b = [], []
    for g in range(groups):
        p = (Fraction(rng.randint(-900, 900), 1000) + Fraction(1, 3 * 7 ** 3), Fraction(rng.randint(-900, 900), 1000))
        for k in range(3):
            a = (Fraction(rng.randint(-999, 999), rng.randint(1, 99)), Fraction(rng.randint(-999, 999), rng.randint(1, 99)))
            q = p if k < 2 else (p[0] + delta, p[1] + delta)
            W.append([a[0], a[1]]); b.append(-(a[0] * q[0] + a[1] * q[1]))
    write(name, 2, [(W, b), ([[Fraction(rng.randint(-9, 9), 7) for _ in W]], [Fraction(1, 2)])])

slivers("2d-slivers-1e-12", 12, Fraction(1, 10 ** 12), 22)
slivers("2d-slivers-1e-6", 12, Fraction(1, 10 ** 6), 23)
