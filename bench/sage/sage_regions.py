#!/usr/bin/env sage -python
"""The activation regions of a ReLU network inside the box [lo,hi]^n with
SageMath Polyhedron objects over QQ, layer by layer (bench only; the baseline
relucert is compared with in bench/run.sh).

Pieces are refined neuron by neuron, layer by layer, as a Sage user would:
the neuron's pre-activation is affine on a piece (its coefficients follow the
piece's activation pattern); its exact sign on the vertices and rays decides
whether it cuts the piece, and a cutting neuron gives the two intersections
P & {z >= 0}, P & {z <= 0} (Polyhedron.intersection, H-representation
updated by the backend). After each layer the pieces' affine maps are updated.

The f-vector of the complex: every face of every region (Polyhedron.faces),
identified across regions by its vertex set (exact rationals; the box makes
every face a polytope). Same conventions as relucert: boundary faces of the
domain count, f_n = regions.

usage: sage -python bench/sage/sage_regions.py NET.json LO HI
prints one JSON line: regions, fvector, bounded_regions, seconds (decomposition), seconds_faces, backend"""
import json, sys, time
from fractions import Fraction
from sage.all import QQ, Polyhedron, vector, matrix

def q(v):
    f = Fraction(v) if not isinstance(v, float) else Fraction(repr(v))
    return QQ(f.numerator) / QQ(f.denominator)

def main():
    doc = json.load(open(sys.argv[1]))
    lo, hi = q(sys.argv[2]), q(sys.argv[3])
    n = doc["input_dim"]
    layers = [(matrix(QQ, [[q(v) for v in row] for row in L["weights"]]), vector(QQ, [q(v) for v in L["biases"]]))
              for L in doc["layers"]]
    t0 = time.perf_counter()
    ieqs = []
    for i in range(n):
        e = [0] * (n + 1); e[0] = -lo; e[1 + i] = 1; ieqs.append(e)      # x_i - lo >= 0
        e = [0] * (n + 1); e[0] = hi; e[1 + i] = -1; ieqs.append(e)      # hi - x_i >= 0
    box = Polyhedron(ieqs=ieqs, base_ring=QQ)
    # a piece: (polyhedron, M, c) with the previous layer's output = M x + c on it
    pieces = [(box, matrix.identity(QQ, n), vector(QQ, [0] * n))]
    for (W, b) in layers[:-1]:
        # pre-activations of this layer on each piece, fixed during the layer
        cur = [(P, W * M, W * c + b, []) for (P, M, c) in pieces]
        for k in range(W.nrows()):
            nxt = []
            for (P, A, a0, act) in cur:
                row, c0 = A.row(k), a0[k]
                lin = any(row * l.vector() != 0 for l in P.lines())
                vals = [row * v.vector() + c0 for v in P.vertices()] + [row * r.vector() for r in P.rays()]
                pos = lin or any(x > 0 for x in vals)
                neg = lin or any(x < 0 for x in vals)
                if pos and neg:
                    Pn = P.intersection(Polyhedron(ieqs=[[-c0] + list(-row)], base_ring=QQ))
                    Pp = P.intersection(Polyhedron(ieqs=[[c0] + list(row)], base_ring=QQ))
                    nxt.append((Pn, A, a0, act + [0]))
                    nxt.append((Pp, A, a0, act + [1]))
                else:
                    nxt.append((P, A, a0, act + [1 if pos else 0]))
            cur = nxt
        pieces = []
        for (P, A, a0, act) in cur:
            D = matrix.diagonal(QQ, act)
            pieces.append((P, D * A, D * a0))
    t1 = time.perf_counter()
    faces = [set() for _ in range(n + 1)]
    bounded = 0
    for (P, M, c) in pieces:
        assert P.dim() == n
        bounded += P.is_compact()
        for d in range(n + 1):
            for F in P.faces(d):
                faces[d].add(frozenset(tuple(v) for v in F.vertices()))
    t2 = time.perf_counter()
    print(json.dumps({"regions": len(pieces), "fvector": [len(f) for f in faces], "bounded_regions": int(bounded),
                      "seconds": round(t1 - t0, 6), "seconds_faces": round(t2 - t1, 6),
                      "backend": pieces[0][0].backend() if pieces else None}))

main()
