/* Lemke's complementary pivoting algorithm in exact rationals (Lemke 1965;
   Cottle, Pang, Stone, "The Linear Complementarity Problem", 4.4): find
   z >= 0 with w = M z + q >= 0 and z . w = 0. For M positive semidefinite
   (the KKT system of a convex QP) Lemke's method finds a solution whenever
   one exists; ties in the ratio test are broken lexicographically, which
   rules out cycling. */
#include "wedge/convex.h"

typedef struct
{
    slong m, cols;       /* columns: w_0..w_{m-1}, z_0..z_{m-1}, z0 (artificial), rhs */
    fmpq * T;            /* m x cols, row-major */
    slong * basis;
}
_tableau;

#define TE(t, i, j) ((t)->T + (i) * (t)->cols + (j))

static void
_pivot(_tableau * t, slong r, slong col)
{
    fmpq_t piv, f;
    fmpq_init(piv); fmpq_init(f);
    fmpq_set(piv, TE(t, r, col));
    for (slong j = 0; j < t->cols; j++)
        fmpq_div(TE(t, r, j), TE(t, r, j), piv);
    for (slong i = 0; i < t->m; i++)
    {
        if (i == r || fmpq_is_zero(TE(t, i, col)))
            continue;
        fmpq_set(f, TE(t, i, col));
        for (slong j = 0; j < t->cols; j++)
            fmpq_submul(TE(t, i, j), f, TE(t, r, j));
    }
    t->basis[r] = col;
    fmpq_clear(piv); fmpq_clear(f);
}

/* lexicographic comparison of (rhs, B^{-1} row) / T[i, col] for rows a, b */
static int
_lex_cmp(const _tableau * t, slong a, slong b, slong col)
{
    slong m = t->m, rhs = t->cols - 1;
    fmpq_t x, y;
    fmpq_init(x); fmpq_init(y);
    int c = 0;
    for (slong k = -1; k < m && c == 0; k++)
    {
        slong j = (k < 0) ? rhs : k;
        fmpq_div(x, TE(t, a, j), TE(t, a, col));
        fmpq_div(y, TE(t, b, j), TE(t, b, col));
        c = fmpq_cmp(x, y);
    }
    fmpq_clear(x); fmpq_clear(y);
    return c;
}

/* the leaving row for entering column col (-1: ray termination); z0's row
   wins a tie in the first component */
static slong
_ratio_test(const _tableau * t, slong col)
{
    slong best = -1, m = t->m, z0 = 2 * m;
    for (slong i = 0; i < m; i++)
        if (fmpq_sgn(TE(t, i, col)) > 0 && (best < 0 || _lex_cmp(t, i, best, col) < 0))
            best = i;
    if (best >= 0)
        for (slong i = 0; i < m; i++)
            if (t->basis[i] == z0 && fmpq_sgn(TE(t, i, col)) > 0)
            {
                fmpq_t x, y;
                fmpq_init(x); fmpq_init(y);
                fmpq_div(x, TE(t, i, t->cols - 1), TE(t, i, col));
                fmpq_div(y, TE(t, best, t->cols - 1), TE(t, best, col));
                if (fmpq_equal(x, y))
                    best = i;
                fmpq_clear(x); fmpq_clear(y);
            }
    return best;
}

int
wedge_lcp_lemke(fmpq * z, const fmpq_mat_t M, const fmpq * q, slong max_pivots)
{
    slong m = M->r;
    _tableau t;
    t.m = m;
    t.cols = 2 * m + 2;
    t.T = _fmpq_vec_init(m * t.cols);
    t.basis = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    int ok = 0, trivial = 1;
    for (slong i = 0; i < m; i++)
    {
        fmpq_one(TE(&t, i, i));                          /* w - M z - e z0 = q */
        for (slong j = 0; j < m; j++)
            fmpq_neg(TE(&t, i, m + j), fmpq_mat_entry(M, i, j));
        fmpq_set_si(TE(&t, i, 2 * m), -1, 1);
        fmpq_set(TE(&t, i, 2 * m + 1), q + i);
        t.basis[i] = i;
        trivial &= fmpq_sgn(q + i) >= 0;
        fmpq_zero(z + i);
    }
    if (trivial)
        ok = 1;
    else
    {
        /* z0 enters; the row of the most negative q leaves (lexicographically) */
        slong r = -1;
        for (slong i = 0; i < m; i++)
        {
            if (fmpq_sgn(q + i) >= 0)
                continue;
            if (r < 0 || fmpq_cmp(q + i, q + r) < 0 || (fmpq_equal(q + i, q + r) && i > r))
                r = i;
        }
        _pivot(&t, r, 2 * m);
        slong entering = m + r;                          /* the complement of w_r */
        for (slong it = 0; it < max_pivots; it++)
        {
            slong row = _ratio_test(&t, entering);
            if (row < 0)
                break;                                   /* ray termination */
            slong leaving = t.basis[row];
            _pivot(&t, row, entering);
            if (leaving == 2 * m)
            {
                ok = 1;
                break;
            }
            entering = leaving < m ? leaving + m : leaving - m;
        }
        if (ok)
            for (slong i = 0; i < m; i++)
                if (t.basis[i] >= m && t.basis[i] < 2 * m)
                    fmpq_set(z + t.basis[i] - m, TE(&t, i, 2 * m + 1));
    }
    _fmpq_vec_clear(t.T, m * t.cols);
    flint_free(t.basis);
    return ok;
}
