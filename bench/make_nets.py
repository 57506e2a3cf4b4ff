#!/usr/bin/env python3
"""Writes the benchmark networks in bench/nets/ (deterministic; committed, so
the benchmark itself needs no Python). Weights: small integers ("int"),
small rationals ("rat"), wide rationals ("wide")."""
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
