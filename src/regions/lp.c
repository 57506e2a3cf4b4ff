/* The H-representation region engine (regions.h): the depth-first traversal
   of regions/enumerate.c with pieces kept as a stack of inequality rows and an
   exact interior point, splits decided by exact LPs, irredundant facets by
   ray shooting and LPs. Every LP answer that the result depends on as a
   witness (a point on the far side of a hyperplane) is re-checked exactly
   here; answers of the form "no such point" are cddlib's exact optimality
   (its GMP build verifies the optimal basis in rational arithmetic). */
#include <flint/fmpz_vec.h>
#include <flint/fmpz_mat.h>
#include "regions/regions.h"
#include "poly/lp.h"
#include "regions/lp_internal.h"

/* ---- exact LPs over the rows -------------------------------------------------- */

/* Copies rows (c, a), except row `skip`, into A x <= b form: -a.x <= c. */
static slong
_lp_fill(fmpq_mat_t A, fmpq * b, const fmpz * rows, slong m, slong skip, slong n, slong extra)
{
    slong d = n + 1, r = 0;
    for (slong i = 0; i < m; i++)
    {
        if (i == skip)
            continue;
        const fmpz * row = rows + i * d;
        fmpq_set_fmpz(b + r, row);
        for (slong k = 0; k < n; k++)
        {
            fmpq_set_fmpz(fmpq_mat_entry(A, r, k), row + 1 + k);
            fmpq_neg(fmpq_mat_entry(A, r, k), fmpq_mat_entry(A, r, k));
        }
        for (slong k = n; k < n + extra; k++)
            fmpq_one(fmpq_mat_entry(A, r, k));   /* the Chebyshev slack: -a.x + t <= c */
        r++;
    }
    return r;
}

/* c + a.x for a row at a rational point */
void
_regions_row_at(fmpq_t v, const fmpz * row, const fmpq * x, slong n)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_set_fmpz(v, row);
    for (slong k = 0; k < n; k++)
        if (!fmpz_is_zero(row + 1 + k))
        {
            fmpq_mul_fmpz(t, x + k, row + 1 + k);
            fmpq_add(v, v, t);
        }
    fmpq_clear(t);
}

/* Minimum (maximize = 0) or maximum of g over {rows >= 0, except `skip`}
   cut by g >= -1 (resp. g <= 1), which keeps the LP bounded without changing
   the sign of the optimum. x gets an optimal point, val = g(x); both
   re-checked exactly (x satisfies every row). */
int
_regions_lp_opt(fmpq * x, fmpq_t val, const fmpz * rows, slong m, slong skip, const fmpz * g, int maximize, slong n,
        rc_error_t err)
{
    slong cnt = m - (skip >= 0 && skip < m) + 1;
    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(cnt), * obj = _fmpq_vec_init(n);
    fmpq_t opt, v;
    fmpq_init(opt);
    fmpq_init(v);
    fmpq_mat_init(A, cnt, n);
    slong r = _lp_fill(A, b, rows, m, skip, n, 0);
    /* min: g >= -1 <=> -a.x <= c + 1;  max: g <= 1 <=> a.x <= 1 - c */
    fmpq_set_fmpz(b + r, g);
    if (maximize)
        fmpq_neg(b + r, b + r);
    fmpq_add_si(b + r, b + r, 1);
    for (slong k = 0; k < n; k++)
    {
        fmpq_set_fmpz(obj + k, g + 1 + k);
        if (maximize)
            fmpq_set(fmpq_mat_entry(A, r, k), obj + k);
        else
            fmpq_neg(fmpq_mat_entry(A, r, k), obj + k);
    }
    poly_lp_status st = POLY_LP_INFEASIBLE;
    int rc = poly_lp_solve(x, opt, &st, A, b, 0, obj, maximize, err);
    if (rc == RELU_OK && st != POLY_LP_OPTIMAL)
        rc = rc_error_set(err, RELU_E_INTERNAL, "internal error: a bounded LP over a nonempty piece reported status %d",
                          (int) st);
    for (slong i = 0; i < m && rc == RELU_OK; i++)
    {
        if (i == skip)
            continue;
        _regions_row_at(v, rows + i * (n + 1), x, n);
        if (fmpq_sgn(v) < 0)
            rc = rc_error_set(err, RELU_E_INTERNAL, "internal error: cddlib's LP point violates a constraint");
    }
    if (rc == RELU_OK)
        _regions_row_at(val, g, x, n);
    fmpq_mat_clear(A);
    _fmpq_vec_clear(b, cnt);
    _fmpq_vec_clear(obj, n);
    fmpq_clear(opt);
    fmpq_clear(v);
    return rc;
}

/* max t subject to rows >= t, t <= 1: *t > 0 iff {rows > 0} is nonempty (then x
   is an interior point). Every row is re-checked exactly at x. */
int
_regions_lp_center(fmpq * x, fmpq_t t, const fmpz * rows, slong m, slong n, rc_error_t err)
{
    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(m + 1), * obj = _fmpq_vec_init(n + 1), * y = _fmpq_vec_init(n + 1);
    fmpq_t opt, v;
    fmpq_init(opt);
    fmpq_init(v);
    fmpq_mat_init(A, m + 1, n + 1);
    _lp_fill(A, b, rows, m, -1, n, 1);
    fmpq_one(fmpq_mat_entry(A, m, n));
    fmpq_one(b + m);
    fmpq_one(obj + n);
    poly_lp_status st = POLY_LP_INFEASIBLE;
    int rc = poly_lp_solve(y, opt, &st, A, b, 0, obj, 1, err);
    if (rc == RELU_OK && st == POLY_LP_INFEASIBLE)
        fmpq_set_si(t, -1, 1);   /* cannot happen with the slack t free, but say "empty" */
    else if (rc == RELU_OK && st != POLY_LP_OPTIMAL)
        rc = rc_error_set(err, RELU_E_INTERNAL, "internal error: the centre LP is unbounded");
    else if (rc == RELU_OK)
    {
        fmpq_set(t, y + n);
        _regions_qvec_set(x, y, n);
        for (slong i = 0; i < m && rc == RELU_OK && fmpq_sgn(t) > 0; i++)
        {
            _regions_row_at(v, rows + i * (n + 1), x, n);
            if (fmpq_sgn(v) <= 0)
                rc = rc_error_set(err, RELU_E_INTERNAL, "internal error: cddlib's centre is not interior");
        }
    }
    fmpq_mat_clear(A);
    _fmpq_vec_clear(b, m + 1);
    _fmpq_vec_clear(obj, n + 1);
    _fmpq_vec_clear(y, n + 1);
    fmpq_clear(opt);
    fmpq_clear(v);
    return rc;
}

/* Rows whose normals positively span their own span (y >= 1, sum y_j a_j = 0):
   the region has no rays modulo its lineality. */
int
_regions_lp_relatively_bounded(int * relb, const fmpz * rows, slong m, slong n, rc_error_t err)
{
    if (m == 0)
    {
        *relb = 1;   /* R^n: all lineality */
        return RELU_OK;
    }
    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(n + m), * obj = _fmpq_vec_init(m), * y = _fmpq_vec_init(m);
    fmpq_t opt;
    fmpq_init(opt);
    fmpq_mat_init(A, n + m, m);
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < m; j++)
            fmpq_set_fmpz(fmpq_mat_entry(A, i, j), rows + j * (n + 1) + 1 + i);
    for (slong j = 0; j < m; j++)
    {
        fmpq_set_si(fmpq_mat_entry(A, n + j, j), -1, 1);
        fmpq_set_si(b + n + j, -1, 1);
    }
    poly_lp_status st = POLY_LP_INFEASIBLE;
    int rc = poly_lp_solve(y, opt, &st, A, b, n, obj, 0, err);
    *relb = (st == POLY_LP_OPTIMAL);
    fmpq_mat_clear(A);
    _fmpq_vec_clear(b, n + m);
    _fmpq_vec_clear(obj, m);
    _fmpq_vec_clear(y, m);
    fmpq_clear(opt);
    return rc;
}

slong
_regions_rows_rank(const fmpz * rows, slong m, slong n)
{
    if (m == 0)
        return 0;
    fmpz_mat_t M;
    fmpz_mat_init(M, m, n);
    for (slong j = 0; j < m; j++)
        _fmpz_vec_set(M->rows[j], rows + j * (n + 1) + 1, n);
    slong r = fmpz_mat_rank(M);
    fmpz_mat_clear(M);
    return r;
}

/* ---- domains ------------------------------------------------------------------- */

void
regions_hdomain_init(regions_hdomain_t D, slong n)
{
    D->n = n;
    D->m = 0;
    D->rows = NULL;
    D->src = NULL;
    D->point = _fmpq_vec_init(FLINT_MAX(n, 1));
    D->bounded = (n == 0);
}

void
regions_hdomain_clear(regions_hdomain_t D)
{
    if (D->rows != NULL)
        _fmpz_vec_clear(D->rows, D->m * (D->n + 1));
    flint_free(D->src);
    _fmpq_vec_clear(D->point, FLINT_MAX(D->n, 1));
}

static void
_hdomain_reset(regions_hdomain_t D, slong m)
{
    if (D->rows != NULL)
        _fmpz_vec_clear(D->rows, D->m * (D->n + 1));
    flint_free(D->src);
    D->m = m;
    D->rows = _fmpz_vec_init(FLINT_MAX(m, 1) * (D->n + 1));
    D->src = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
}

void
regions_hdomain_set_box(regions_hdomain_t D, const fmpq_t lo, const fmpq_t hi)
{
    slong n = D->n, d = n + 1;
    _hdomain_reset(D, 2 * n);
    for (slong i = 0; i < n; i++)
    {
        /* the rows of poly_set_box, in its order */
        fmpz * g = D->rows + 2 * i * d;
        fmpz_neg(g, fmpq_numref(lo));
        fmpz_set(g + 1 + i, fmpq_denref(lo));
        poly_vec_make_primitive(g, d);
        D->src[2 * i] = POLY_SRC_DOMAIN(2 * i);
        g += d;
        fmpz_set(g, fmpq_numref(hi));
        fmpz_neg(g + 1 + i, fmpq_denref(hi));
        poly_vec_make_primitive(g, d);
        D->src[2 * i + 1] = POLY_SRC_DOMAIN(2 * i + 1);
        fmpq_add(D->point + i, lo, hi);
        fmpq_div_2exp(D->point + i, D->point + i, 1);
    }
    D->bounded = 1;
}

void
regions_hdomain_set_poly(regions_hdomain_t D, const poly_t P)
{
    slong d = D->n + 1;
    _hdomain_reset(D, P->ncons - 1);
    for (slong j = 1; j < P->ncons; j++)
    {
        _fmpz_vec_set(D->rows + (j - 1) * d, poly_con(P, j), d);
        D->src[j - 1] = P->src[j];
    }
    poly_interior_point(D->point, P);
    D->bounded = poly_is_bounded(P);
}

int
regions_hdomain_set_halfspaces(regions_hdomain_t D, const fmpq_mat_t A, const fmpq * b, rc_error_t err)
{
    slong n = D->n, d = n + 1, m = A->r;
    fmpq * row = _fmpq_vec_init(d);
    fmpq_t t;
    fmpq_init(t);
    _hdomain_reset(D, m);
    for (slong k = 0; k < m; k++)
    {
        fmpq_set(row, b + k);
        for (slong i = 0; i < n; i++)
            fmpq_neg(row + 1 + i, fmpq_mat_entry(A, k, i));
        poly_vec_from_fmpq(D->rows + k * d, row, d);
        D->src[k] = POLY_SRC_DOMAIN(k);
    }
    int rc = _regions_lp_center(D->point, t, D->rows, m, n, err);
    if (rc == RELU_OK && fmpq_sgn(t) <= 0)
        rc = rc_error_set(err, RELU_E_INPUT, "the domain is empty or not full-dimensional");
    int relb = 0;
    if (rc == RELU_OK)
        rc = _regions_lp_relatively_bounded(&relb, D->rows, m, n, err);
    D->bounded = relb && _regions_rows_rank(D->rows, m, n) == n;
    _fmpq_vec_clear(row, d);
    fmpq_clear(t);
    return rc;
}
