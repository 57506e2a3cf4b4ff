#!/usr/bin/env python3
"""Tamper generator for relucert certificates (in the spirit of VIPR's viprincomp).

    tests/tamper.py CHECKER CERT NET [--kind NAME] [--max N] [--arrangement]

Runs CHECKER on CERT NET (it must verify) and keeps its report (stdout): what the
checker claims to have proved. Then it makes every single-field mutation of the
certificate it can -- drop, duplicate, swap adjacent elements of every array, drop every
object key, change every number by +-1, by +1/7 and in sign, set it to 0, flip a
character of every string -- and runs the checker on each. Every mutation is classed by
the field it changes:

  claim     a field of what the certificate asserts (counts, patterns, inequalities and
            their sources, adjacency, face lattices' tight rows and facets, cells, matrices,
            Smith diagonals, Betti numbers, hyperplanes, flats, the class, the network, the
            domain): it must be rejected (exit 1, one line on stderr, empty stdout);
  evidence  a field that proves the claim without being part of it (interior points,
            witnesses, multipliers, faces' and cells' points, Smith transforms, version
            text): it may be accepted, but then the report must equal the original's;
  rewrite   a swap inside a list whose order means nothing (adjacency, redundant entries,
            multipliers, facets, matrix entries): it must be accepted with the same report.

Then value-preserving rewrites, each of which the checker must accept with the same
report: every exact value written as an equal fraction (v -> "2v/2", "p/q" ->
"2p/2q"), the Farkas multipliers of one constraint scaled by 2, a face's point (a
point of a cone) scaled by 3.

Prints one table row per certificate: kind | claim mutations | rejected | evidence
mutations | rejected | accepted, same report | rewrites | accepted. Exit status 1 when a
claim mutation was accepted, an evidence mutation changed the report or a rewrite was
rejected; 2 on usage errors or a certificate that does not verify.
Certificates must hold integers and strings only (relucert writes no JSON floats).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from fractions import Fraction

# fields read as exact numbers (not indices, not counts): rewriting them as equal
# fractions must change nothing
VALUE_PATHS = [
    r"(complex\.)?network\.layers\.\d+\.(weights\.\d+\.\d+|biases\.\d+)",
    r"(complex\.)?domain\.(A\.\d+\.\d+|b\.\d+)",
    r"(complex\.)?regions\.\d+\.(interior_point\.\d+|inequalities\.(A\.\d+\.\d+|b\.\d+)|witnesses\.\d+\.\d+"
    r"|redundant\.\d+\.multipliers\.\d+\.1|faces\.\d+\.point\.\d+|affine\.(W\.\d+\.\d+|c\.\d+))",
    r"(complex\.)?counts\.mean_facets",
    r"cells\.\d+\.\d+\.\d+", r"threshold",
    r"flats\.\d+\.point\.\d+",
    r"(lambda|a|scale|kernel_vector)(\.\d+)?", r"(A|A_inv)\.\d+\.\d+",
    r"inertia\.\d+\.sigma",
]
VALUE_RE = re.compile("^(" + "|".join(VALUE_PATHS) + ")$")

# evidence: fields that prove the claim without being part of it (points, multipliers,
# transforms, version text). Changing them may leave a valid certificate of the same claim;
# every other field is part of the claim, and changing it must be rejected.
EVIDENCE_PATHS = [
    r"(complex\.)?regions\.\d+\.(interior_point|witnesses|faces\.\d+\.point)(\.\d+){0,2}",
    r"(complex\.)?regions\.\d+\.redundant\.\d+\.multipliers(\.\d+(\.\d)?)?",
    r"(complex\.)?regions\.\d+\.faces",            # order of the faces (swap only: see classify)
    r"cells\.\d+\.\d+(\.\d+)?", r"smith\.\d+\.(U|U_inv|V|V_inv)(\..*)?",
    r"flats\.\d+\.point(\.\d+)?",
    r"(lambda|a|A|A_inv|scale|permutation|kernel_vector)(\..*)?",
    r"(complex\.)?version", r"(complex\.)?domain\.description",
    # a partial (--near) certificate's record of how it was explored: what was asked, not
    # what is proved (the checker claims nothing about it and does not print it)
    r"exploration(\..*)?",
    r"(vector|order|inertia)(\..*)?",
    # the network's annotations: against a version-1 file they are not part of the function
    # (not compared, not printed); against a graph file meta.lowered_from.units is proved
    # region by region, and then a change is rejected (tests/t-cli-graph.sh)
    r"(complex\.)?network\.meta(\..*)?",
]
EVIDENCE_RE = re.compile("^(" + "|".join(EVIDENCE_PATHS) + ")$")
# lists whose order means nothing: swapping two elements is a rewrite (must be accepted)
SETLIKE_RE = re.compile(r"^((complex\.)?(adjacency|regions\.\d+\.redundant|regions\.\d+\.redundant\.\d+\.multipliers"
                        r"|regions\.\d+\.faces\.\d+\.facets)|boundaries\.\d+\.matrix\.entries"
                        r"|smith\.\d+\.(U|U_inv|V|V_inv)\.entries|inertia)$")


def classify(op, name):
    """claim, evidence or rewrite, for a mutation op at path name."""
    if op == "swap" and SETLIKE_RE.match(name):
        return "rewrite"
    if (name.endswith(".faces") or name == "flats") and op != "swap":
        return "claim"
    if name == "flats":
        return "evidence"   # the order of flats of one codimension is presentation
    return "evidence" if EVIDENCE_RE.match(name) else "claim"


def _path(name):
    return tuple(int(x) if x.isdigit() else x for x in name.split("."))


def same_halfspace(cert, m, name):
    """A value change inside a row of A x <= b that leaves the row a positive multiple of
    itself (e.g. -1 to -2 in a row [-1, 0 | 0]) describes the same half-space: the claim is
    unchanged (evidence such as multipliers built on the row may no longer fit)."""
    mt = re.match(r"^(.*\.inequalities)\.(?:A\.(\d+)\.\d+|b\.(\d+))$", name)
    if not mt:
        return False
    i = int(mt.group(2) or mt.group(3))

    def row(c):
        q = get(c, _path(mt.group(1)))
        return [as_fraction(x) for x in q["A"][i]] + [as_fraction(q["b"][i])]
    r0, r1 = row(cert), row(m)
    k = next((j for j, x in enumerate(r0) if x != 0), None)
    if k is None or r1[k] == 0 or (r1[k] > 0) != (r0[k] > 0):
        return False
    t = r1[k] / r0[k]
    return all(b == t * a for a, b in zip(r0, r1))


def walk(v, path=()):
    """Every (path, value) of the tree, parents before children."""
    yield path, v
    if isinstance(v, dict):
        for k, x in v.items():
            yield from walk(x, path + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from walk(x, path + (i,))


def get(root, path):
    for p in path:
        root = root[p]
    return root


def replaced(root, path, new):
    """A copy of root with the value at path replaced by new (None: deleted)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(root, dict):
        out = dict(root)
        if rest or new is not None:
            out[head] = replaced(root[head], rest, new)
        else:
            del out[head]
        return out
    out = list(root)
    if rest or new is not None:
        out[head] = replaced(root[head], rest, new)
    else:
        del out[head]
    return out


def as_fraction(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, str) and re.fullmatch(r"-?\d+(/\d+)?", v):
        return Fraction(v)
    return None


def frac_str(q):
    return str(q.numerator) if q.denominator == 1 else "%d/%d" % (q.numerator, q.denominator)


def mutations(cert):
    """(description, mutated certificate) for every single-field mutation."""
    for path, v in walk(cert):
        name = ".".join(map(str, path)) or "(root)"
        if isinstance(v, list):
            for i in range(len(v)):
                yield "drop", name, "drop " + name + "." + str(i), replaced(cert, path, v[:i] + v[i + 1:])
                yield "duplicate", name, "duplicate " + name + "." + str(i), replaced(cert, path, v[:i + 1] + v[i:])
            for i in range(len(v) - 1):
                if v[i] != v[i + 1]:
                    w = list(v)
                    w[i], w[i + 1] = w[i + 1], w[i]
                    yield "swap", name, "swap " + name + "." + str(i), replaced(cert, path, w)
        elif isinstance(v, dict):
            for k in v:
                sub = (name + "." + k) if path else k
                yield "drop key", sub, "drop key " + sub, replaced(cert, path + (k,), None)
        else:
            q = as_fraction(v)
            if q is not None:
                keep_int = isinstance(v, int)
                for what, w in (("+1", q + 1), ("-1", q - 1), ("+1/7", q + Fraction(1, 7)), ("negate", -q),
                                ("zero", Fraction(0))):
                    if w == q:
                        continue
                    nv = int(w) if keep_int and w.denominator == 1 else frac_str(w)
                    yield "value", name, what + " " + name, replaced(cert, path, nv)
            elif isinstance(v, str):
                for pos in sorted({0, len(v) - 1}) if v else []:
                    c = v[pos]
                    alt = {"0": "1", "1": "0", "+": "-", "-": "+"}.get(c, "x" if c != "x" else "y")
                    yield "value", name, "flip %s[%d]" % (name, pos), replaced(cert, path, v[:pos] + alt + v[pos + 1:])
            elif isinstance(v, bool):
                yield "value", name, "negate " + name, replaced(cert, path, not v)


def rewrites(cert):
    """Value-preserving rewrites (description, certificate)."""
    for path, v in walk(cert):
        name = ".".join(map(str, path))
        q = as_fraction(v)
        if q is not None and VALUE_RE.match(name):
            yield "equal fraction " + name, replaced(cert, path, "%d/%d" % (2 * q.numerator, 2 * q.denominator))
        if path and path[-1] == "multipliers" and isinstance(v, list) and v:
            w = [[e[0], frac_str(2 * as_fraction(e[1]))] for e in v]
            yield "multipliers x2 " + name, replaced(cert, path, w)
        if path and path[-1] == "point" and len(path) >= 2 and path[-3] == "faces":
            yield "face point x3 " + name, replaced(cert, path, [frac_str(3 * as_fraction(e)) for e in v])


def run(checker, flags, cert_path, net):
    p = subprocess.run([checker] + flags + [cert_path, net], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main(argv):
    args, kind, maxn, flags = [], None, 0, []
    i = 1
    while i < len(argv):
        if argv[i] == "--kind" and i + 1 < len(argv):
            kind = argv[i + 1]
            i += 2
        elif argv[i] == "--max" and i + 1 < len(argv):
            maxn = int(argv[i + 1])
            i += 2
        elif argv[i] == "--arrangement":
            flags.append("--arrangement")
            i += 1
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 3:
        sys.stderr.write("usage: tamper.py CHECKER CERT NET [--kind NAME] [--max N] [--arrangement]\n")
        return 2
    checker, cert_file, net = args
    with open(cert_file) as fp:
        text = fp.read()
    cert = json.loads(text, parse_float=lambda s: sys.exit("tamper.py: a JSON float in the certificate: " + s))
    kind = kind or cert.get("certificate", "?")
    fd, tmp = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        with open(tmp, "w") as fp:
            json.dump(cert, fp)
        rc, report, err = run(checker, flags, tmp, net)
        if rc != 0:
            sys.stderr.write("tamper.py: the genuine certificate does not verify: " + err)
            return 2
        muts = list(mutations(cert))
        if maxn and len(muts) > maxn:   # a deterministic subsample, evenly spread
            muts = [muts[(k * len(muts)) // maxn] for k in range(maxn)]
        c = {k: 0 for k in ("claim", "claim_rej", "ev", "ev_rej", "ev_same", "rw", "rw_ok")}
        bad = []
        for op, name, what, m in muts:
            with open(tmp, "w") as fp:
                json.dump(m, fp)
            rc, out, err = run(checker, flags, tmp, net)
            rejected = rc == 1 and out == "" and err.count("\n") == 1
            same = rc == 0 and out == report
            # the same half-space: the claim stands, the evidence built on the row may break
            cls = "evidence" if op == "value" and same_halfspace(cert, m, name) else classify(op, name)
            if cls == "claim":
                c["claim"] += 1
                c["claim_rej"] += rejected
                ok = rejected
            elif cls == "evidence":
                c["ev"] += 1
                c["ev_rej"] += rejected
                c["ev_same"] += same
                ok = rejected or same
                if same and os.environ.get("TAMPER_LIST"):
                    sys.stderr.write("claim-preserving: " + what + "\n")
            else:
                c["rw"] += 1
                c["rw_ok"] += same
                ok = same
            if not ok:
                bad.append("%s (%s): exit %d, %s" % (what, cls, rc, (err or out).strip().splitlines()[:1]))
        for what, m in rewrites(cert):
            with open(tmp, "w") as fp:
                json.dump(m, fp)
            rc, out, err = run(checker, flags, tmp, net)
            c["rw"] += 1
            if rc == 0 and out == report:
                c["rw_ok"] += 1
            else:
                bad.append("rewrite %s: exit %d, %s" % (what, rc, err.strip()))
    finally:
        os.unlink(tmp)
    print("| %s | %d | %d | %d | %d | %d | %d | %d |" % (kind, c["claim"], c["claim_rej"], c["ev"], c["ev_rej"],
                                                         c["ev_same"], c["rw"], c["rw_ok"]))
    for b in bad[:20]:
        sys.stderr.write("tamper.py: " + b + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
