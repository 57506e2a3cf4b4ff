/* Basis pursuit (minimum-l1 interpolation) as two exact LPs, primal and dual,
   solved by cddlib (GMP) and certified here by LP duality in fmpq. */
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

/* min sum(c+ + c-) s.t. A c+ - A c- = y, c+- >= 0 */
static int
_primal(fmpq * c, poly_lp_status * st, const fmpq_mat_t A, const fmpq * y, rc_error_t err)
{
    slong n = A->r, p = A->c;
    fmpq_mat_t M;
    fmpq_mat_init(M, n + 2 * p, 2 * p);
    fmpq * b = _fmpq_vec_init(n + 2 * p), * obj = _fmpq_vec_init(2 * p), * x = _fmpq_vec_init(2 * p);
    fmpq_t opt;
    fmpq_init(opt);
    for (slong i = 0; i < n; i++)
    {
        fmpq_set(b + i, y + i);
        for (slong j = 0; j < p; j++)
        {
            fmpq_set(fmpq_mat_entry(M, i, j), fmpq_mat_entry(A, i, j));
            fmpq_neg(fmpq_mat_entry(M, i, p + j), fmpq_mat_entry(A, i, j));
        }
    }
    for (slong k = 0; k < 2 * p; k++)
    {
        fmpq_set_si(fmpq_mat_entry(M, n + k, k), -1, 1);    /* -x_k <= 0 */
        fmpq_one(obj + k);
    }
    int rc = poly_lp_solve(x, opt, st, M, b, n, obj, 0, err);
    if (rc == RELU_OK && *st == POLY_LP_OPTIMAL)
        for (slong j = 0; j < p; j++)
            fmpq_sub(c + j, x + j, x + p + j);
    fmpq_clear(opt);
    _fmpq_vec_clear(b, n + 2 * p); _fmpq_vec_clear(obj, 2 * p); _fmpq_vec_clear(x, 2 * p);
    fmpq_mat_clear(M);
    return rc;
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
    fmpq * cc = _fmpq_vec_init(FLINT_MAX(p, 1)), * uu = _fmpq_vec_init(n);
    int rc = _primal(cc, &sp, A, y, err);
    _ranks(&ra, &ray, A, y);
    *feasible = (ra == ray);
    if (rc == RELU_OK && (sp == POLY_LP_OPTIMAL) != *feasible)
        rc = rc_error_set(err, RELU_E_INTERNAL, "cddlib calls the interpolation problem %s, exact ranks (%ld, %ld) say %s",
                          sp == POLY_LP_OPTIMAL ? "feasible" : "infeasible", (long) ra, (long) ray,
                          *feasible ? "feasible" : "infeasible");
    if (rc == RELU_OK && *feasible)
    {
        rc = _dual(uu, &sd, A, y, err);
        if (rc == RELU_OK && sd != POLY_LP_OPTIMAL)
            rc = rc_error_set(err, RELU_E_INTERNAL, "cddlib finds no optimal dual solution for a feasible basis pursuit");
        if (rc == RELU_OK && !wedge_bp_certify(A, y, cc, uu))
            rc = rc_error_set(err, RELU_E_INTERNAL, "basis pursuit: the LP solutions fail the exact duality check");
        if (rc == RELU_OK)
        {
            for (slong j = 0; j < p; j++) fmpq_set(c + j, cc + j);
            for (slong i = 0; i < n; i++) fmpq_set(u + i, uu + i);
        }
    }
    _fmpq_vec_clear(cc, FLINT_MAX(p, 1));
    _fmpq_vec_clear(uu, n);
    return rc;
}
