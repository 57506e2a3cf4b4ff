/* The exact cross-check of a conversion without linear programs.

   In homogeneous coordinates (h, x) the generators are g = (den, p) for a
   vertex p/den, (0, r) for a ray and (0, l) for a lineality vector; a facet
   A_j x <= b_j is the row c_j = (b_j, -A_j), an equation the row
   (e_k, -E_k). The checks, all in integers:
   - every generator satisfies every inequality (c_j.g >= 0), every
     equation with equality, every lineality vector both with equality: the
     generated set lies in the H-polyhedron; the zero pattern of c_j.g is
     the incidence that the types and lattices are read from;
   - the generators span dim + 1 dimensions and the equations n - dim;
   - the generators tight on a facet (with the lineality) span dim
     dimensions: the facet is a facet of the generated set, not a redundant
     or implicit row;
   - the rows tight at a vertex (with the equations), at a ray also the row
     h >= 0, have rank n - nl: every vertex and ray spans (with the
     lineality) a minimal face of the homogenised H-cone, so it is extreme;
   - for polytopes, the face lattice of the incidence has f_0 = nv, f_{dim-1} = m
     and satisfies Euler's relation sum (-1)^k f_k = 1 (a missing facet of a
     simplicial polytope leaves its ridges in one facet only and breaks it; one
     missing at a simple vertex breaks the rank test).
   Two different algorithms (the cuts of polytope.c; this check) agree, at a
   cost of a few small ranks per row instead of cddlib's LP per row. */
#include "polytope/polytope.h"
#include "poly/poly.h"

static int
_fail(rc_error_t err, const char * what, slong i)
{
    return rc_error_set(err, RELU_E_INTERNAL, "polytope check: %s %ld", what, (long) i);
}

/* rank of the rows of M (r rows of d) selected by sel (NULL: all) */
static slong
_rank(const fmpz * M, slong r, slong d, const char * sel)
{
    slong k = 0;
    for (slong i = 0; i < r; i++)
        k += sel == NULL || sel[i];
    if (k == 0)
        return 0;
    fmpz_mat_t T;
    fmpz_mat_init(T, k, d);
    k = 0;
    for (slong i = 0; i < r; i++)
        if (sel == NULL || sel[i])
        {
            _fmpz_vec_set(T->rows[k], M + i * d, d);
            k++;
        }
    slong rk = fmpz_mat_rank(T);
    fmpz_mat_clear(T);
    return rk;
}

int
polytope_verify(const polytope_t Q, rc_error_t err)
{
    slong n = Q->n, d = n + 1, G = Q->nv + Q->nr, nl = Q->nl, m = Q->m, neq = Q->neq;
    slong nrow = m + neq + 1;          /* facets, equations, h >= 0 */
    if (Q->dim < 0)
        return RELU_OK;                /* emptiness was confirmed by an LP in polytope_set_hrep */
    fmpz * gen = _fmpz_vec_init(FLINT_MAX(G + nl, 1) * d);
    fmpz * row = _fmpz_vec_init(nrow * d);
    fmpq * q = _fmpq_vec_init(d);
    fmpz_t s;
    fmpz_init(s);
    char * sel = flint_calloc(FLINT_MAX(G + nl, nrow), 1);
    int status = RELU_OK;
    for (slong i = 0; i < Q->nv; i++)
    {
        fmpq_one(q);
        for (slong k = 0; k < n; k++)
            fmpq_set(q + k + 1, Q->vert + i * n + k);
        poly_vec_from_fmpq(gen + i * d, q, d);
    }
    for (slong i = 0; i < Q->nr; i++)
        _fmpz_vec_set(gen + (Q->nv + i) * d + 1, Q->ray + i * n, n);
    for (slong i = 0; i < nl; i++)
        _fmpz_vec_set(gen + (G + i) * d + 1, Q->lin + i * n, n);
    for (slong j = 0; j < m; j++)
    {
        fmpz_set(row + j * d, Q->b + j);
        _fmpz_vec_neg(row + j * d + 1, Q->A + j * n, n);
    }
    for (slong k = 0; k < neq; k++)
    {
        fmpz_set(row + (m + k) * d, Q->eqb + k);
        _fmpz_vec_neg(row + (m + k) * d + 1, Q->eqA + k * n, n);
    }
    fmpz_one(row + (m + neq) * d);
    /* containment and the incidence */
    for (slong i = 0; i < G + nl && status == RELU_OK; i++)
        for (slong j = 0; j < m + neq && status == RELU_OK; j++)
        {
            _fmpz_vec_dot(s, gen + i * d, row + j * d, d);
            if (fmpz_sgn(s) < 0 || (j >= m && !fmpz_is_zero(s)) || (i >= G && !fmpz_is_zero(s)))
                status = _fail(err, "a generator violates inequality or equation", j);
            else if (i < G && j < m && fmpz_is_zero(s) != polytope_incident(Q, i, j))
                status = _fail(err, "wrong incidence of generator", i);
        }
    if (status == RELU_OK && _rank(gen, G + nl, d, NULL) != Q->dim + 1)
        status = _fail(err, "the generators do not span the dimension", Q->dim);
    if (status == RELU_OK && _rank(row + m * d, neq, d, NULL) != neq)
        status = _fail(err, "dependent equations", neq);
    for (slong j = 0; j < m && status == RELU_OK; j++)
    {
        for (slong i = 0; i < G + nl; i++)
            sel[i] = i >= G || polytope_incident(Q, i, j);
        if (_rank(gen, G + nl, d, sel) != Q->dim)
            status = _fail(err, "not a facet of the generated set: inequality", j);
    }
    for (slong i = 0; i < G && status == RELU_OK; i++)
    {
        for (slong j = 0; j < nrow; j++)
            sel[j] = j >= m || polytope_incident(Q, i, j);
        sel[m + neq] = i >= Q->nv;
        if (_rank(row, nrow, d, sel) != n - nl)
            status = _fail(err, "not extreme in the inequalities: generator", i);
    }
    if (status == RELU_OK && polytope_is_bounded(Q) && Q->dim >= 1)
    {
        slong * f = flint_malloc((Q->dim + 1) * sizeof(slong)), e = 0;
        polytope_fvector(f, Q);
        for (slong k = 0; k <= Q->dim; k++)
            e += (k % 2 ? -1 : 1) * f[k];
        if (f[0] != Q->nv || f[Q->dim - 1] != m || e != 1)
            status = _fail(err, "the face lattice fails Euler's relation, dimension", Q->dim);
        flint_free(f);
    }
    flint_free(sel);
    fmpz_clear(s);
    _fmpq_vec_clear(q, d);
    _fmpz_vec_clear(row, nrow * d);
    _fmpz_vec_clear(gen, FLINT_MAX(G + nl, 1) * d);
    return status;
}
