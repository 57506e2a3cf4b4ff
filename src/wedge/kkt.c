/* Certificates for the convex training problems, checked exactly. These
   functions know nothing about how a solution was found (path, LP, brute
   force): they take the data and a candidate and decide. */
#include "wedge/convex.h"

void
wedge_lasso_correlations(fmpq * r, const fmpq_mat_t A, const fmpq * y, const fmpq * c)
{
    slong n = A->r, p = A->c;
    fmpq * res = _fmpq_vec_init(n);
    for (slong i = 0; i < n; i++)
    {
        fmpq_set(res + i, y + i);
        for (slong j = 0; j < p; j++)
            if (!fmpq_is_zero(c + j))
                fmpq_submul(res + i, fmpq_mat_entry(A, i, j), c + j);
    }
    for (slong j = 0; j < p; j++)
    {
        fmpq_zero(r + j);
        for (slong i = 0; i < n; i++)
            fmpq_addmul(r + j, fmpq_mat_entry(A, i, j), res + i);
    }
    _fmpq_vec_clear(res, n);
}

void
wedge_lasso_objective(fmpq_t obj, fmpq_t loss, fmpq_t l1, const fmpq_mat_t A, const fmpq * y,
                      const fmpq * c, const fmpq_t lambda)
{
    slong n = A->r, p = A->c;
    fmpq_t e, s, a;
    fmpq_init(e); fmpq_init(s); fmpq_init(a);
    for (slong i = 0; i < n; i++)
    {
        fmpq_neg(e, y + i);
        for (slong j = 0; j < p; j++)
            if (!fmpq_is_zero(c + j))
                fmpq_addmul(e, fmpq_mat_entry(A, i, j), c + j);
        fmpq_addmul(s, e, e);
    }
    fmpq_div_2exp(loss, s, 1);
    fmpq_zero(a);
    for (slong j = 0; j < p; j++)
    {
        fmpq_abs(e, c + j);
        fmpq_add(a, a, e);
    }
    fmpq_set(l1, a);
    fmpq_mul(obj, lambda, a);
    fmpq_add(obj, obj, loss);
    fmpq_clear(e); fmpq_clear(s); fmpq_clear(a);
}

/* |r| <= lambda */
static int
_within(const fmpq_t r, const fmpq_t lambda)
{
    fmpq_t a;
    fmpq_init(a);
    fmpq_abs(a, r);
    int ok = fmpq_cmp(a, lambda) <= 0;
    fmpq_clear(a);
    return ok;
}

/* r = lambda * s for s = +-1 */
static int
_on_bound(const fmpq_t r, const fmpq_t lambda, int s)
{
    fmpq_t t;
    fmpq_init(t);
    if (s > 0) fmpq_set(t, lambda); else fmpq_neg(t, lambda);
    int ok = fmpq_equal(r, t);
    fmpq_clear(t);
    return ok;
}

int
wedge_lasso_kkt_check(slong * bad, const fmpq_mat_t A, const fmpq * y, const fmpq * c,
                      const fmpq_t lambda)
{
    slong p = A->c;
    fmpq * r = _fmpq_vec_init(p);
    int ok = fmpq_sgn(lambda) >= 0;
    wedge_lasso_correlations(r, A, y, c);
    if (bad) *bad = -1;
    for (slong j = 0; j < p && ok; j++)
    {
        ok = fmpq_is_zero(c + j) ? _within(r + j, lambda) : _on_bound(r + j, lambda, fmpq_sgn(c + j));
        if (!ok && bad) *bad = j;
    }
    _fmpq_vec_clear(r, p);
    return ok;
}

int
wedge_lasso_kkt_check_signed(slong * bad, const fmpq_mat_t A, const fmpq * y, const fmpq * c,
                             const fmpq_t lambda, const signed char * sign)
{
    slong p = A->c;
    fmpq * r = _fmpq_vec_init(p);
    int ok = fmpq_sgn(lambda) >= 0;
    wedge_lasso_correlations(r, A, y, c);
    if (bad) *bad = -1;
    for (slong j = 0; j < p && ok; j++)
    {
        if (sign[j] == 0)
            ok = fmpq_is_zero(c + j) && _within(r + j, lambda);
        else
            ok = _on_bound(r + j, lambda, sign[j]) && fmpq_sgn(c + j) * sign[j] >= 0;
        if (!ok && bad) *bad = j;
    }
    _fmpq_vec_clear(r, p);
    return ok;
}

int
wedge_bp_certify(const fmpq_mat_t A, const fmpq * y, const fmpq * c, const fmpq * u)
{
    slong n = A->r, p = A->c;
    fmpq_t t, primal, dual;
    fmpq_init(t); fmpq_init(primal); fmpq_init(dual);
    int ok = 1;
    for (slong i = 0; i < n && ok; i++)             /* A c = y */
    {
        fmpq_zero(t);
        for (slong j = 0; j < p; j++)
            fmpq_addmul(t, fmpq_mat_entry(A, i, j), c + j);
        ok = fmpq_equal(t, y + i);
    }
    for (slong j = 0; j < p && ok; j++)             /* |A_j^T u| <= 1 */
    {
        fmpq_zero(t);
        for (slong i = 0; i < n; i++)
            fmpq_addmul(t, fmpq_mat_entry(A, i, j), u + i);
        fmpq_abs(t, t);
        ok = fmpz_cmp(fmpq_numref(t), fmpq_denref(t)) <= 0;
    }
    for (slong j = 0; j < p; j++)                   /* ||c||_1 = y . u */
    {
        fmpq_abs(t, c + j);
        fmpq_add(primal, primal, t);
    }
    for (slong i = 0; i < n; i++)
        fmpq_addmul(dual, y + i, u + i);
    ok = ok && fmpq_equal(primal, dual);
    fmpq_clear(t); fmpq_clear(primal); fmpq_clear(dual);
    return ok;
}

int
wedge_lasso_unique(slong * size, const fmpq_mat_t A, const fmpq * y, const fmpq * c, const fmpq_t lambda)
{
    slong n = A->r, p = A->c, m = 0;
    fmpq * r = _fmpq_vec_init(FLINT_MAX(p, 1));
    slong * E = flint_malloc(FLINT_MAX(p, 1) * sizeof(slong));
    fmpq_t a;
    fmpq_init(a);
    wedge_lasso_correlations(r, A, y, c);
    for (slong j = 0; j < p; j++)
    {
        fmpq_abs(a, r + j);
        if (fmpq_equal(a, lambda))
            E[m++] = j;
    }
    *size = m;
    int unique = 1;
    if (m > n)
        unique = 0;
    else if (m > 0)
    {
        fmpq_mat_t B, R;
        fmpq_mat_init(B, n, m);
        fmpq_mat_init(R, n, m);
        for (slong i = 0; i < n; i++)
            for (slong k = 0; k < m; k++)
                fmpq_set(fmpq_mat_entry(B, i, k), fmpq_mat_entry(A, i, E[k]));
        unique = fmpq_mat_rref(R, B) == m;
        fmpq_mat_clear(B);
        fmpq_mat_clear(R);
    }
    fmpq_clear(a);
    flint_free(E);
    _fmpq_vec_clear(r, FLINT_MAX(p, 1));
    return unique;
}
