#!/usr/bin/env python3
"""relucert's regions analysis timed inside one process, as bench/sage/sage_regions.py times
Sage: the network is read first, then the best of 3 runs of the library call that
`relucert regions NET --box LO,HI --json` makes (Network.complex: the search, the f-vector,
the facet histogram and the counts) is timed with time.perf_counter. Process start and file
reading are left out on both sides, which is what "like for like" means in bench/run.sh.

usage: RELUCERT_LIB=src/.libs/librelucert.so PYTHONPATH=python bench/inproc.py NET LO HI
prints one JSON line: seconds, regions, fvector"""
import json
import sys
import time
from fractions import Fraction

import relucert


def main():
    net = relucert.load(sys.argv[1])
    lo, hi = Fraction(sys.argv[2]), Fraction(sys.argv[3])
    best, s = None, None
    for _ in range(3):
        t0 = time.perf_counter()
        s = net.complex(box=(lo, hi))
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
    print(json.dumps({"seconds": round(best, 6), "regions": s["regions"], "fvector": s["fvector"]}))


main()
