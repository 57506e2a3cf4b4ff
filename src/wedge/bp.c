/* Basis pursuit (minimum-l1 interpolation) as two exact LPs, the dual and the
   primal restricted by complementary slackness, solved by cddlib (GMP) and
   certified here by LP duality in fmpq. Feasibility (y in the column span) is
   decided first by exact ranks. */
#include "wedge/convex.h"
#include "poly/lp.h"

/* rank of A, and of [A | y] */
static void
_ranks(slong * ra, slong * ray, const fmpq_mat_t A, const fmpq * y)
{
    slong n = A->r, p = A->c;
    fmpq_mat_t B, R;
    fmpq_mat_init(B, n, p + 1);
    fmpq_mat_init(R, n, p + 1);
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < p; j++)
            fmpq_set(fmpq_mat_entry(B, i, j), fmpq_mat_entry(A, i, j));
    *ra = (p == 0) ? 0 : fmpq_mat_rref(R, B);     /* last column zero: rank of A */
    for (slong i = 0; i < n; i++)
        fmpq_set(fmpq_mat_entry(B, i, p), y + i);
    *ray = fmpq_mat_rref(R, B);
    fmpq_mat_clear(B);
    fmpq_mat_clear(R);
}

/* The primal restricted by complementary slackness: columns j with sg[j] != 0
   only, sg[j] c_j >= 0, A c = y, minimising sum sg[j] c_j. For sg from an
   optimal dual u (sg[j] = A_j^T u where that is +-1) every feasible point is
   optimal: sum sg_j c_j = u^T A c = y . u. */
static int
_primal(fmpq * c, poly_lp_status * st, const fmpq_mat_t A, const fmpq * y, const signed char * sg,
        rc_error_t err)
{
    slong n = A->r, p = A->c, m = 0;
    slong * T = flint_malloc(FLINT_MAX(p, 1) * sizeof(slong));
    for (slong j = 0; j < p; j++)
        if (sg[j])
            T[m++] = j;
    fmpq_mat_t M;
    fmpq_mat_init(M, n + m, m);
    fmpq * b = _fmpq_vec_init(n + m), * obj = _fmpq_vec_init(FLINT_MAX(m, 1)), * x = _fmpq_vec_init(FLINT_MAX(m, 1));
    fmpq_t opt;
    fmpq_init(opt);
    for (slong i = 0; i < n; i++)
    {
        fmpq_set(b + i, y + i);
        for (slong k = 0; k < m; k++)
            fmpq_set(fmpq_mat_entry(M, i, k), fmpq_mat_entry(A, i, T[k]));
    }
    for (slong k = 0; k < m; k++)
    {
        fmpq_set_si(fmpq_mat_entry(M, n + k, k), -sg[T[k]], 1);    /* -s_k c_k <= 0 */
        fmpq_set_si(obj + k, sg[T[k]], 1);
    }
    int rc = poly_lp_solve(x, opt, st, M, b, n, obj, 0, err);
    if (rc == RELU_OK && *st == POLY_LP_OPTIMAL)
    {
        for (slong j = 0; j < p; j++)
            fmpq_zero(c + j);
        for (slong k = 0; k < m; k++)
            fmpq_set(c + T[k], x + k);
    }
    fmpq_clear(opt);
    _fmpq_vec_clear(b, n + m); _fmpq_vec_clear(obj, FLINT_MAX(m, 1)); _fmpq_vec_clear(x, FLINT_MAX(m, 1));
    fmpq_mat_clear(M);
    flint_free(T);
    return rc;
}

/* sg[j] = A_j^T u when that is +-1, else 0 */
static void
_tight(signed char * sg, const fmpq_mat_t A, const fmpq * u)
{
    fmpq_t t;
    fmpq_init(t);
    for (slong j = 0; j < A->c; j++)
    {
        fmpq_zero(t);
        for (slong i = 0; i < A->r; i++)
            fmpq_addmul(t, fmpq_mat_entry(A, i, j), u + i);
        sg[j] = fmpq_is_one(t) ? 1 : (fmpq_equal_si(t, -1) ? -1 : 0);
    }
    fmpq_clear(t);
}

/* max y . u s.t. -1 <= A^T u <= 1 */
static int
_dual(fmpq * u, poly_lp_status * st, const fmpq_mat_t A, const fmpq * y, rc_error_t err)
{
    slong n = A->r, p = A->c;
    fmpq_mat_t M;
    fmpq_mat_init(M, 2 * p, n);
    fmpq * b = _fmpq_vec_init(2 * p);
    fmpq_t opt;
    fmpq_init(opt);
    for (slong j = 0; j < p; j++)
    {
        for (slong i = 0; i < n; i++)
        {
            fmpq_set(fmpq_mat_entry(M, j, i), fmpq_mat_entry(A, i, j));
            fmpq_neg(fmpq_mat_entry(M, p + j, i), fmpq_mat_entry(A, i, j));
        }
        fmpq_one(b + j);
        fmpq_one(b + p + j);
    }
    int rc = poly_lp_solve(u, opt, st, M, b, 0, y, 1, err);
    fmpq_clear(opt);
    _fmpq_vec_clear(b, 2 * p);
    fmpq_mat_clear(M);
    return rc;
}

int
wedge_basis_pursuit(fmpq * c, fmpq * u, int * feasible, const fmpq_mat_t A, const fmpq * y,
                    rc_error_t err)
{
    slong n = A->r, p = A->c, ra, ray;
    poly_lp_status sp, sd;
    int rc = RELU_OK;
    _ranks(&ra, &ray, A, y);
    *feasible = (ra == ray);
    if (!*feasible)
        return RELU_OK;
    /* The dual (n variables) first, then the primal on the columns it makes
       tight: two small LPs instead of one with 2p variables. */
    fmpq * cc = _fmpq_vec_init(FLINT_MAX(p, 1)), * uu = _fmpq_vec_init(n);
    signed char * sg = flint_calloc(FLINT_MAX(p, 1), 1);
    rc = _dual(uu, &sd, A, y, err);
    if (rc == RELU_OK && sd != POLY_LP_OPTIMAL)
        rc = rc_error_set(err, RELU_E_INTERNAL, "cddlib finds no optimal dual solution for a feasible basis pursuit");
    if (rc == RELU_OK)
    {
        _tight(sg, A, uu);
        rc = _primal(cc, &sp, A, y, sg, err);
        if (rc == RELU_OK && sp != POLY_LP_OPTIMAL)
            rc = rc_error_set(err, RELU_E_INTERNAL, "basis pursuit: no primal solution on the columns tight for the "
                              "dual optimum (complementary slackness fails)");
    }
    if (rc == RELU_OK && !wedge_bp_certify(A, y, cc, uu))
        rc = rc_error_set(err, RELU_E_INTERNAL, "basis pursuit: the LP solutions fail the exact duality check");
    if (rc == RELU_OK)
    {
        for (slong j = 0; j < p; j++) fmpq_set(c + j, cc + j);
        for (slong i = 0; i < n; i++) fmpq_set(u + i, uu + i);
    }
    flint_free(sg);
    _fmpq_vec_clear(cc, FLINT_MAX(p, 1));
    _fmpq_vec_clear(uu, n);
    return rc;
}
