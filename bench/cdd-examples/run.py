#!/usr/bin/env python3
"""Runs relucert polytope, cddlib (scdd_gmp) and lrs on every converted file of
convert.py in one run; prints per-file wall times, relucert/lrs, and whether
the counts (vertices, rays, lineality, facets, equations) agree.

usage: run.py RELUCERT DIR   (TIMEOUT=seconds per relucert run, default 60)"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


TIMEOUT = float(os.environ.get("TIMEOUT", "60"))


def timed(cmd, cwd=None):
    t = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return TIMEOUT, None
    return time.perf_counter() - t, p


def cdd_counts(text, kind):
    """(vertices, rays, lineality) of a V block or (facets, equations) of an H block."""
    # lrs restarts with wider arithmetic on overflow and prints the block again: the last one counts
    text = text[text.rfind("-representation"):]
    lin = set()
    m = re.search(r"^\s*linearity\s+(\d+)((?:\s+\d+)*)", text, re.M)
    if m:
        lin = {int(x) for x in m.group(2).split()}
    rows = []
    inside = False
    for line in text.splitlines():
        s = line.strip()
        if s == "begin":
            inside = True
            continue
        if s == "end":
            break
        if inside and s and not s.startswith("*") and not re.match(r"^\s*\S+\s+\d+\s+(rational|integer|real)", line):
            rows.append(s.split())
    if not lin:
        rows = list(dict.fromkeys(tuple(r) for r in rows))    # lrs may repeat a ray (once per basis)
    if kind == "V":
        v = sum(1 for k, r in enumerate(rows, 1) if r[0] != "0" and k not in lin)
        r_ = sum(1 for k, r in enumerate(rows, 1) if r[0] == "0" and k not in lin)
        return (v, r_, len(lin))
    return (len(rows) - len(lin), len(lin))


def main():
    relucert, d = sys.argv[1], sys.argv[2]
    names = sorted(f[:-5] for f in os.listdir(d) if f.endswith(".json"))
    work = tempfile.mkdtemp()
    tot = [0.0, 0.0, 0.0]
    bad = 0
    print("%-22s %9s %9s %9s %7s  %-5s %s" % ("file", "relucert", "scdd_gmp", "lrs", "ratio", "agree", "relucert: dim f-vector type"))
    for name in names:
        src = os.path.join(d, name + (".ine" if name.startswith("ine") else ".ext"))
        inkind = "H" if src.endswith(".ine") else "V"
        t_r, p = timed([relucert, "polytope", "--json", os.path.join(d, name + ".json")])
        if p is None:
            print("%-22s relucert timed out (%gs)" % (name, TIMEOUT))
            bad += 1
            continue
        if p.returncode != 0:
            print("%-22s relucert failed (%d): %s" % (name, p.returncode, p.stderr.strip()))
            bad += 1
            continue
        j = json.loads(p.stdout)
        nv, nr = len(j["vertices"]), len(j["rays"])
        nl = len(j.get("lineality", []))
        nf = len(j["inequalities"]["b"]) if j.get("inequalities") else 0
        ne = len(j["equations"]["b"]) if j.get("equations") else 0
        f = shutil.copy(src, work)
        t_c, pc = timed(["scdd_gmp", os.path.basename(f)], cwd=work)
        outc = os.path.splitext(f)[0] + (".ext" if inkind == "H" else ".ine")
        cdd = "timeout"
        if pc is not None:
            with open(outc) as fp:
                cdd = cdd_counts(fp.read(), "V" if inkind == "H" else "H")
        t_l, pl = timed(["lrs", f])
        lrs = "timeout" if pl is None else cdd_counts(pl.stdout, "V" if inkind == "H" else "H")
        mine = (nv, nr, nl) if inkind == "H" else (nf, ne)
        agree = mine == cdd == lrs or (mine == cdd and lrs == "timeout") or (mine == lrs and cdd == "timeout")
        if not agree and inkind == "H" and mine == lrs and cdd == (0,) + mine[1:] and nl > 0:
            agree = True    # a linear space: cddlib writes no point (the origin is implied), lrs and relucert one
        bad += not agree
        for k, t in enumerate((t_r, t_c, t_l)):
            tot[k] += t
        print("%-22s %8.3fs %8.3fs %8.3fs %7.1f  %-5s %d %s %s" % (
            name, t_r, t_c, t_l, t_r / max(t_l, 1e-9), "yes" if agree else "NO",
            j["dim"], j["fvector"], j.get("type")))
        if not agree:
            print("    relucert %s  cddlib %s  lrs %s" % (mine, cdd, lrs))
    print("%-22s %8.3fs %8.3fs %8.3fs %7.1f  %s" % ("total", tot[0], tot[1], tot[2], tot[0] / max(tot[2], 1e-9),
                                                  "all agree" if bad == 0 else "%d disagree" % bad))
    shutil.rmtree(work)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
