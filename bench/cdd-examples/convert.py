#!/usr/bin/env python3
"""Convert cddlib's example files (src/examples-*/*.ine|.ext, copied from
github.com/cddlib/cddlib) into relucert's polytope JSON and into exact
rational cdd files that cddlib and lrs read, so all three tools see the same
numbers ("real" entries such as 0.61803398874989485 are taken as the exact
decimal, as relucert does).

usage: convert.py OUTDIR      writes OUTDIR/NAME.json and OUTDIR/NAME.ine|.ext

cdd format: an H row "b a_1 .. a_n" means b + a.x >= 0, i.e. (-a).x <= b;
rows listed on a "linearity k i_1 .. i_k" line are equations. A V row
"1 x_1 .. x_n" is a vertex, "0 r_1 .. r_n" a ray; linearity rows are
lineality directions (for V rows starting with 0)."""
import json
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(path):
    kind, lin, rows, header = None, set(), [], None
    with open(path) as fp:
        lines = fp.read().splitlines()
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        i += 1
        if s.startswith("H-rep"):
            kind = "H"
        elif s.startswith("V-rep"):
            kind = "V"
        elif s.startswith("linearity"):
            t = s.split()
            lin = {int(x) - 1 for x in t[2:2 + int(t[1])]}
        elif s == "begin":
            m, d, _ = lines[i].split()[:3]
            i += 1
            m, d = int(m), int(d)
            toks = []
            while len(toks) < m * d:
                toks += lines[i].split()
                i += 1
            rows = [[Fraction(x) for x in toks[r * d:(r + 1) * d]] for r in range(m)]
            header = (m, d)
    if kind is None or header is None:
        raise SystemExit(f"{path}: no H-/V-representation block")
    return kind, lin, rows


def q(x):
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def write_cdd(path, kind, lin, rows):
    with open(path, "w") as fp:
        fp.write(("H" if kind == "H" else "V") + "-representation\n")
        if lin:
            fp.write("linearity %d %s\n" % (len(lin), " ".join(str(k + 1) for k in sorted(lin))))
        fp.write("begin\n%d %d rational\n" % (len(rows), len(rows[0]) if rows else 1))
        for r in rows:
            fp.write(" ".join(q(x) for x in r) + "\n")
        fp.write("end\n")


def to_json(name, kind, lin, rows):
    if kind == "H":
        A, b = [], []
        for k, r in enumerate(rows):
            A.append([q(-x) for x in r[1:]])
            b.append(q(r[0]))
            if k in lin:
                A.append([q(x) for x in r[1:]])
                b.append(q(-r[0]))
        return {"name": name, "A": A, "b": b}
    verts = [[q(x / r[0]) for x in r[1:]] for r in rows if r[0] != 0]
    rays = [[q(x) for x in r[1:]] for k, r in enumerate(rows) if r[0] == 0 and k not in lin]
    lins = [[q(x) for x in r[1:]] for k, r in enumerate(rows) if r[0] == 0 and k in lin]
    out = {"name": name, "vertices": verts}
    if rays:
        out["rays"] = rays
    if lins:
        out["lineality"] = lins
    return out


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    src = os.path.join(HERE, "src")
    for d in sorted(os.listdir(src)):
        for f in sorted(os.listdir(os.path.join(src, d))):
            kind, lin, rows = parse(os.path.join(src, d, f))
            base, ext = os.path.splitext(f)
            name = d.replace("examples-", "") + "-" + base
            if kind == "V" and not any(r[0] != 0 for r in rows):
                continue    # a cone without a vertex: not a polyhedron file for relucert
            write_cdd(os.path.join(outdir, name + ext), kind, lin, rows)
            with open(os.path.join(outdir, name + ".json"), "w") as fp:
                json.dump(to_json(name, kind, lin, rows), fp)
                fp.write("\n")


if __name__ == "__main__":
    main()
