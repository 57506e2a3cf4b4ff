#!/usr/bin/python3
"""The slice evaluates exactly like the original on its plane.

    /usr/bin/python3 data/mnist-toy/check_slice.py RELUCERT NET.json POINTS.json SLICE.json [--count N]

At N random rational plane points t (fixed seed; numerators in [-60, 60], denominators in [1, 40],
and the three points t = 0, e_1, e_2 themselves), x = p0 + t1 (p1 - p0) + t2 (p2 - p0) is computed
in Python Fractions (sharing no code with relucert) and `relucert eval NET --at x` is compared
with `relucert eval SLICE --at t`: the output (every entry) and the activation pattern must be
the same exact values. Prints one JSON line; exit 1 on any difference."""
import json
import random
import subprocess
import sys
from fractions import Fraction


def q(v):
    return Fraction(v) if isinstance(v, str) else Fraction(v)


def text(v):
    return str(v.numerator) if v.denominator == 1 else "%d/%d" % (v.numerator, v.denominator)


def ev(relucert, net, at):
    p = subprocess.run([relucert, "eval", net, "--at", ",".join(text(v) for v in at), "--json"],
                       capture_output=True, text=True, check=True)
    d = json.loads(p.stdout)
    return [Fraction(v) for v in d["output"]], d["pattern"]


def main(argv):
    relucert, net, points, sl = argv[:4]
    count = int(argv[argv.index("--count") + 1]) if "--count" in argv else 20
    P = [[q(v) for v in p] for p in json.load(open(points))["X"]]
    rng = random.Random(17)
    ts = [[0, 0], [1, 0], [0, 1]] + [[Fraction(rng.randint(-60, 60), rng.randint(1, 40)) for _ in range(2)]
                                     for _ in range(count)]
    bad = []
    for t in ts:
        t = [Fraction(v) for v in t]
        x = [P[0][j] + t[0] * (P[1][j] - P[0][j]) + t[1] * (P[2][j] - P[0][j]) for j in range(len(P[0]))]
        a, b = ev(relucert, net, x), ev(relucert, sl, t)
        if a != b:
            bad.append([text(v) for v in t])
    print(json.dumps({"plane_points": len(ts), "equal": len(ts) - len(bad), "differ": bad}))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
