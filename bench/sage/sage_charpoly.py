#!/usr/bin/env sage -python
"""Sage's characteristic polynomial of a one-hidden-layer network's hyperplane
arrangement (bench only; compared with relucert charpoly in bench/charpoly.sh).

The hyperplanes w.x + b = 0 of the first layer, duplicates and zero rows
dropped as a Sage user would (HyperplaneArrangements merges equal hyperplanes
itself), then HyperplaneArrangementElement.characteristic_polynomial(), which
Sage computes by deletion-restriction on the intersection structure.

usage: sage -python bench/sage/sage_charpoly.py NET.json
prints one JSON line: characteristic_polynomial (highest degree first), regions, seconds"""
import json, sys, time
from fractions import Fraction
from sage.all import QQ, HyperplaneArrangements

def q(v):
    f = Fraction(v) if not isinstance(v, float) else Fraction(repr(v))
    return QQ(f.numerator) / QQ(f.denominator)

def main():
    doc = json.load(open(sys.argv[1]))
    n = doc["input_dim"]
    L = doc["layers"][0]
    rows = []
    for w, b in zip(L["weights"], L["biases"]):
        a = [q(x) for x in w]
        if any(x != 0 for x in a):
            rows.append([q(b)] + a)
    t0 = time.perf_counter()
    H = HyperplaneArrangements(QQ, tuple("x%d" % i for i in range(n)))
    A = H(*[[r[1:], r[0]] for r in rows])
    chi = A.characteristic_polynomial()
    secs = time.perf_counter() - t0
    coeffs = [int(c) for c in reversed(chi.list())]
    regions = abs(int(chi(-1)))
    print(json.dumps({"characteristic_polynomial": coeffs, "regions": regions, "seconds": round(secs, 3)}))

main()
