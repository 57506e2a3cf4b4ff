#!/usr/bin/env python3
"""Consistent forgeries of a homology certificate (tests/t-cli-cert-homology.sh).

    tests/forge_homology.py IN OUT FORGERY

FORGERY changes one entry of a boundary matrix d_k where that keeps d o d = 0, then
recomputes every Smith form with its transforms (U, U_inv, V, V_inv), the Betti numbers,
the torsion and the Euler characteristic of the forged chain complex, so that the forgery
passes every check of relucert-check but the incidence check (checker/incidence.c):

  drop-edge-entry  drop one of the two vertices of an edge that is a facet of no 2-cell
  flip-edge-sign   the same edge's entries made equal (d_1 e = v + w)
  flip-slab-sign   a k-cell (k >= 2) whose two facets have no facets (a flat times a
                   segment) and that is a facet of no (k+1)-cell: one entry's sign flipped

Prints the forged claims, e.g. "betti [0, 0, 0] torsion [[2], [], []]". Exit 1 when the
certificate has no place for the forgery. Smith forms by the textbook elimination (pivot of
least absolute value, row and column reduction, divisibility fix), independent of relucert's.
"""
import json
import sys


def identity(n):
    return [[int(i == j) for j in range(n)] for i in range(n)]


def smith(A, r, c):
    """U, U_inv, V, V_inv, diagonal with U A V = diag (A is changed into the diagonal)."""
    U, Ui, V, Vi = identity(r), identity(r), identity(c), identity(c)

    def row_add(i, j, q):          # row i += q row j
        for M in (A, U):
            M[i] = [a + q * b for a, b in zip(M[i], M[j])]
        for row in Ui:             # U_inv: column j -= q column i
            row[j] -= q * row[i]

    def row_swap(i, j):
        A[i], A[j] = A[j], A[i]
        U[i], U[j] = U[j], U[i]
        for row in Ui:
            row[i], row[j] = row[j], row[i]

    def col_add(i, j, q):          # column i += q column j
        for M in (A, V):
            for row in M:
                row[i] += q * row[j]
        Vi[j] = [a - q * b for a, b in zip(Vi[j], Vi[i])]   # V_inv: row j -= q row i

    def col_swap(i, j):
        for M in (A, V):
            for row in M:
                row[i], row[j] = row[j], row[i]
        Vi[i], Vi[j] = Vi[j], Vi[i]

    diag = []
    for t in range(min(r, c)):
        nz = [(abs(A[i][j]), i, j) for i in range(t, r) for j in range(t, c) if A[i][j]]
        if not nz:
            break
        _, i, j = min(nz)
        row_swap(t, i)
        col_swap(t, j)
        while True:
            for i in range(t + 1, r):
                row_add(i, t, -(A[i][t] // A[t][t]))
            for j in range(t + 1, c):
                col_add(j, t, -(A[t][j] // A[t][t]))
            rest = [(abs(A[i][t]), i, t) for i in range(t + 1, r) if A[i][t]] + \
                   [(abs(A[t][j]), t, j) for j in range(t + 1, c) if A[t][j]]
            if rest:
                _, i, j = min(rest)
                row_swap(t, i)
                col_swap(t, j)
                continue
            bad = [i for i in range(t + 1, r) for j in range(t + 1, c) if A[i][j] % A[t][t]]
            if not bad:
                break
            row_add(t, bad[0], 1)
        if A[t][t] < 0:
            for M in (A, U):
                M[t] = [-a for a in M[t]]
            for row in Ui:
                row[t] = -row[t]
        diag.append(A[t][t])
    return U, Ui, V, Vi, diag


def sparse(M, r, c):
    return {"size": [r, c], "entries": [[i, j, M[i][j]] for j in range(c) for i in range(r) if M[i][j]]}


def dense(mat):
    r, c = mat["size"]
    M = [[0] * c for _ in range(r)]
    for i, j, v in mat["entries"]:
        M[i][j] = v
    return M, r, c


def forge(cert, kind):
    d = {b["dim"]: dense(b["matrix"]) for b in cert["boundaries"]}
    top = len(cert["cells"]) - 1

    def column(k, j):
        M, r, _ = d[k]
        return [i for i in range(r) if M[i][j]]

    def is_maximal(k, j):          # a facet of no (k+1)-cell: changing its column keeps d o d = 0
        return k == top or not any(d[k + 1][0][j])

    for k in range(1, top + 1):
        if (kind == "flip-slab-sign") != (k >= 2):
            continue
        M, r, c = d[k]
        for j in range(c):
            rows = column(k, j)
            if len(rows) != 2 or not is_maximal(k, j):
                continue
            if k >= 2 and (column(k - 1, rows[0]) or column(k - 1, rows[1])):
                continue
            if kind == "drop-edge-entry":
                M[rows[0]][j] = 0
            elif kind == "flip-edge-sign":
                M[rows[0]][j] = M[rows[1]][j]
            else:
                M[rows[0]][j] = -M[rows[0]][j]
            return d
    sys.exit("forge_homology.py: no place for %s in this certificate" % kind)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    cert = json.load(open(sys.argv[1]))
    d = forge(cert, sys.argv[3])
    top = len(cert["cells"]) - 1
    num = [len(x) for x in cert["cells"]]
    rank, tors = [0] * (top + 2), [[] for _ in range(top + 1)]
    for b, s in zip(cert["boundaries"], cert["smith"]):
        k = b["dim"]
        M, r, c = d[k]
        b["matrix"] = sparse(M, r, c)
        A = [row[:] for row in M]
        U, Ui, V, Vi, diag = smith(A, r, c)
        # U d V = diag, U U_inv = I, V V_inv = I: the checker verifies it again
        UdV = [[sum(U[i][a] * M[a][b] * V[b][j] for a in range(r) for b in range(c)) for j in range(c)]
               for i in range(r)]
        assert all(UdV[i][j] == (diag[i] if i == j and i < len(diag) else 0) for i in range(r) for j in range(c))
        s.update({"diagonal": diag, "U": sparse(U, r, r), "U_inv": sparse(Ui, r, r),
                  "V": sparse(V, c, c), "V_inv": sparse(Vi, c, c)})
        rank[k] = len(diag)
        tors[k - 1] = [x for x in diag if x > 1]
    cert["betti"] = [num[k] - rank[k] - rank[k + 1] for k in range(top + 1)]
    cert["torsion"] = tors
    cert["euler"] = sum((-1) ** k * b for k, b in enumerate(cert["betti"]))
    json.dump(cert, open(sys.argv[2], "w"))
    print("betti %s torsion %s" % (cert["betti"], cert["torsion"]))


if __name__ == "__main__":
    main()
