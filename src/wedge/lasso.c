/* The lasso path by exact homotopy (Efron, Hastie, Johnstone, Tibshirani,
   "Least angle regression", 2004, with the lasso modification; Osborne,
   Presnell, Turlach 2000). On a segment with active set S and signs s the
   solution is c_S(lambda) = G^{-1} (A_S^T y - lambda s) = a - lambda b with
   G = A_S^T A_S, and the correlations r(lambda) = A^T (y - A c) = p + lambda q
   are affine too; the segment ends at the largest lambda below the current
   one where an inactive |r_j| reaches lambda or an active c_j reaches 0. All
   of these are rationals, computed exactly. Degenerate breakpoints (several
   events at once) are resolved by trying the possible continuations and
   keeping one that the KKT conditions certify on the whole segment. */
#include <string.h>
#include "wedge/convex.h"
#include "num/num.h"

void
wedge_path_init(wedge_path_t P, slong p)
{
    memset(P, 0, sizeof(wedge_path_struct));
    P->p = p;
}

void
wedge_path_clear(wedge_path_t P)
{
    if (P->alloc)
    {
        _fmpq_vec_clear(P->lambda, P->alloc);
        _fmpq_vec_clear(P->coef, P->alloc * P->p);
    }
    flint_free(P->sign);
    flint_free(P->ties);
    memset(P, 0, sizeof(wedge_path_struct));
}

/* appends a breakpoint; the segment above it (if any) gets the signs seg */
static void
_path_push(wedge_path_t P, const fmpq_t lambda, const fmpq * c, const signed char * seg, slong ties)
{
    slong p = P->p;
    if (P->len == P->alloc)
    {
        slong na = FLINT_MAX(8, 2 * P->alloc);
        fmpq * l2 = _fmpq_vec_init(na), * c2 = _fmpq_vec_init(na * p);
        for (slong k = 0; k < P->len; k++)
            fmpq_swap(l2 + k, P->lambda + k);
        for (slong k = 0; k < P->len * p; k++)
            fmpq_swap(c2 + k, P->coef + k);
        if (P->alloc)
        {
            _fmpq_vec_clear(P->lambda, P->alloc);
            _fmpq_vec_clear(P->coef, P->alloc * p);
        }
        P->lambda = l2;
        P->coef = c2;
        P->sign = flint_realloc(P->sign, na * FLINT_MAX(p, 1));
        P->ties = flint_realloc(P->ties, na * sizeof(slong));
        P->alloc = na;
    }
    fmpq_set(P->lambda + P->len, lambda);
    for (slong j = 0; j < p; j++)
        fmpq_set(P->coef + P->len * p + j, c + j);
    if (P->len > 0)
        memcpy(P->sign + (P->len - 1) * p, seg, p);
    P->ties[P->len] = ties;
    P->len++;
}

/* The affine pieces for the active set sign: c = a - lambda b, r = pr + lambda qr.
   Returns 0 when the active Gram matrix is singular. */
static int
_segment(fmpq * a, fmpq * b, fmpq * pr, fmpq * qr, const fmpq_mat_t A, const fmpq * Aty,
         const signed char * sign)
{
    slong n = A->r, p = A->c, k = 0;
    slong * S = flint_malloc(FLINT_MAX(p, 1) * sizeof(slong));
    for (slong j = 0; j < p; j++)
        if (sign[j])
            S[k++] = j;
    fmpq_mat_t G, B, X;
    fmpq_mat_init(G, k, k);
    fmpq_mat_init(B, k, 2);
    fmpq_mat_init(X, k, 2);
    for (slong s = 0; s < k; s++)
    {
        for (slong t = 0; t < k; t++)
            for (slong i = 0; i < n; i++)
                fmpq_addmul(fmpq_mat_entry(G, s, t), fmpq_mat_entry(A, i, S[s]), fmpq_mat_entry(A, i, S[t]));
        fmpq_set(fmpq_mat_entry(B, s, 0), Aty + S[s]);
        fmpq_set_si(fmpq_mat_entry(B, s, 1), sign[S[s]], 1);
    }
    int ok = (k == 0) || fmpq_mat_solve_fraction_free(X, G, B);
    if (ok)
    {
        fmpq * u = _fmpq_vec_init(n), * w = _fmpq_vec_init(n);
        for (slong j = 0; j < p; j++)
        {
            fmpq_zero(a + j);
            fmpq_zero(b + j);
        }
        for (slong s = 0; s < k; s++)
        {
            fmpq_set(a + S[s], fmpq_mat_entry(X, s, 0));
            fmpq_set(b + S[s], fmpq_mat_entry(X, s, 1));
            for (slong i = 0; i < n; i++)
            {
                fmpq_addmul(u + i, fmpq_mat_entry(A, i, S[s]), a + S[s]);
                fmpq_addmul(w + i, fmpq_mat_entry(A, i, S[s]), b + S[s]);
            }
        }
        for (slong j = 0; j < p; j++)
        {
            fmpq_set(pr + j, Aty + j);
            fmpq_zero(qr + j);
            for (slong i = 0; i < n; i++)
            {
                fmpq_submul(pr + j, fmpq_mat_entry(A, i, j), u + i);
                fmpq_addmul(qr + j, fmpq_mat_entry(A, i, j), w + i);
            }
        }
        _fmpq_vec_clear(u, n);
        _fmpq_vec_clear(w, n);
    }
    fmpq_mat_clear(G); fmpq_mat_clear(B); fmpq_mat_clear(X);
    flint_free(S);
    return ok;
}

/* candidate t: keep it in next if lo < t < hi and t > next */
static void
_consider(fmpq_t next, const fmpq_t t, const fmpq_t hi)
{
    if (fmpq_cmp(t, hi) < 0 && fmpq_cmp(t, next) > 0)
        fmpq_set(next, t);
}

/* The end of the segment starting at lam going down, no lower than lam_end. */
static void
_next_breakpoint(fmpq_t next, const fmpq * a, const fmpq * b, const fmpq * pr, const fmpq * qr,
                 const signed char * sign, slong p, const fmpq_t lam, const fmpq_t lam_end)
{
    fmpq_t t, den;
    fmpq_init(t); fmpq_init(den);
    fmpq_set(next, lam_end);
    for (slong j = 0; j < p; j++)
    {
        if (sign[j])
        {
            if (!fmpq_is_zero(b + j))                /* c_j = a_j - lambda b_j = 0 */
            {
                fmpq_div(t, a + j, b + j);
                _consider(next, t, lam);
            }
            continue;
        }
        for (int s = -1; s <= 1; s += 2)            /* pr + lambda qr = s lambda */
        {
            fmpq_set_si(den, s, 1);
            fmpq_sub(den, den, qr + j);
            if (fmpq_is_zero(den))
                continue;
            fmpq_div(t, pr + j, den);
            _consider(next, t, lam);
        }
    }
    fmpq_clear(t); fmpq_clear(den);
}

/* c = a - lambda b */
static void
_coef_at(fmpq * c, const fmpq * a, const fmpq * b, const fmpq_t lambda, slong p)
{
    for (slong j = 0; j < p; j++)
    {
        fmpq_mul(c + j, lambda, b + j);
        fmpq_sub(c + j, a + j, c + j);
    }
}

static int
_popcount(ulong m)
{
    int c = 0;
    for (; m; m &= m - 1) c++;
    return c;
}

typedef struct
{
    const fmpq_mat_struct * A;
    const fmpq * y, * Aty;
    slong p;
    fmpq * a, * b, * pr, * qr, * c0, * c1;
    signed char * sg;
}
_work;

/* Tries the continuation with signs sg from (lam, ck); on success c1 holds
   the solution at next. */
static int
_try(_work * w, fmpq_t next, const fmpq_t lam, const fmpq * ck, const fmpq_t lam_end)
{
    slong p = w->p;
    if (!_segment(w->a, w->b, w->pr, w->qr, w->A, w->Aty, w->sg))
        return 0;
    _next_breakpoint(next, w->a, w->b, w->pr, w->qr, w->sg, p, lam, lam_end);
    _coef_at(w->c0, w->a, w->b, lam, p);
    _coef_at(w->c1, w->a, w->b, next, p);
    for (slong j = 0; j < p; j++)      /* the path is continuous */
        if (!fmpq_equal(w->c0 + j, ck + j))
            return 0;
    return wedge_lasso_kkt_check_signed(NULL, w->A, w->y, w->c0, lam, w->sg)
        && wedge_lasso_kkt_check_signed(NULL, w->A, w->y, w->c1, next, w->sg);
}

int
wedge_lasso_path(wedge_path_t P, const fmpq_mat_t A, const fmpq * y, const fmpq_t lambda_end,
                 slong max_steps, rc_error_t err)
{
    slong p = A->c, n = A->r;
    int status = RELU_OK;
    fmpq * zero = _fmpq_vec_init(FLINT_MAX(p, 1)), * r = _fmpq_vec_init(FLINT_MAX(p, 1));
    fmpq * Aty = _fmpq_vec_init(FLINT_MAX(p, 1));
    fmpq * ck = _fmpq_vec_init(FLINT_MAX(p, 1));
    signed char * cur = flint_calloc(FLINT_MAX(p, 1), 1);
    slong * ev = flint_malloc(FLINT_MAX(p, 1) * sizeof(slong));
    fmpq_t lam, next, best, t;
    fmpq_init(lam); fmpq_init(next); fmpq_init(best); fmpq_init(t);
    _work w = { A, y, Aty, p, _fmpq_vec_init(FLINT_MAX(p, 1)), _fmpq_vec_init(FLINT_MAX(p, 1)),
                _fmpq_vec_init(FLINT_MAX(p, 1)), _fmpq_vec_init(FLINT_MAX(p, 1)), _fmpq_vec_init(FLINT_MAX(p, 1)),
                _fmpq_vec_init(FLINT_MAX(p, 1)), flint_calloc(FLINT_MAX(p, 1), 1) };
    wedge_path_clear(P);
    wedge_path_init(P, p);
    for (slong j = 0; j < p; j++)
    {
        for (slong i = 0; i < n; i++)
            fmpq_addmul(Aty + j, fmpq_mat_entry(A, i, j), y + i);
        fmpq_abs(t, Aty + j);
        if (fmpq_cmp(t, lam) > 0)
            fmpq_set(lam, t);
    }
    _path_push(P, lam, zero, NULL, 0);          /* lambda_max: c = 0 */
    while (status == RELU_OK && fmpq_cmp(lam, lambda_end) > 0)
    {
        slong ne = 0;
        for (slong j = 0; j < p; j++)
            fmpq_set(ck + j, P->coef + (P->len - 1) * p + j);
        wedge_lasso_correlations(r, A, y, ck);
        for (slong j = 0; j < p; j++)           /* events at lam */
        {
            fmpq_abs(t, r + j);
            if (cur[j] ? fmpq_is_zero(ck + j) : fmpq_equal(t, lam))
                ev[ne++] = j;
        }
        P->ties[P->len - 1] = ne;
        if (ne > WEDGE_PATH_MAX_TIES)
        {
            char * s = num_get_str(lam);
            status = rc_error_set(err, RELU_E_UNSUPPORTED, "lasso path: %ld coordinates change at once at lambda = %s "
                                  "(more than %d): path stops there", (long) ne, s, WEDGE_PATH_MAX_TIES);
            flint_free(s);
            break;
        }
        int found = 0;
        for (int pc = (int) ne; pc >= 0 && !found; pc--)
            for (ulong m = 0; m < (UWORD(1) << ne) && !found; m++)
            {
                if (_popcount(m) != pc)
                    continue;
                memcpy(w.sg, cur, p);
                for (slong e = 0; e < ne; e++)
                    if (m & (UWORD(1) << e))
                        w.sg[ev[e]] = cur[ev[e]] ? 0 : (signed char) fmpq_sgn(r + ev[e]);
                found = _try(&w, next, lam, ck, lambda_end);
            }
        if (!found)
        {
            char * s = num_get_str(lam);
            status = rc_error_set(err, RELU_E_UNSUPPORTED, "lasso path: at lambda = %s no continuation among the 2^%ld "
                                  "ways of toggling the coordinates hitting an event has a nonsingular active Gram "
                                  "matrix and certified KKT conditions (solution not unique?): path stops there",
                                  s, (long) ne);
            flint_free(s);
            break;
        }
        memcpy(cur, w.sg, p);
        _path_push(P, next, w.c1, cur, 0);
        fmpq_set(lam, next);
        if (P->len > max_steps && fmpq_cmp(lam, lambda_end) > 0)
            status = rc_error_set(err, RELU_E_LIMIT, "lasso path: more than %ld breakpoints (--max-steps)", (long) max_steps);
    }
    P->complete = (status == RELU_OK);
    fmpq_clear(lam); fmpq_clear(next); fmpq_clear(best); fmpq_clear(t);
    _fmpq_vec_clear(zero, FLINT_MAX(p, 1)); _fmpq_vec_clear(r, FLINT_MAX(p, 1));
    _fmpq_vec_clear(Aty, FLINT_MAX(p, 1)); _fmpq_vec_clear(ck, FLINT_MAX(p, 1));
    _fmpq_vec_clear(w.a, FLINT_MAX(p, 1)); _fmpq_vec_clear(w.b, FLINT_MAX(p, 1));
    _fmpq_vec_clear(w.pr, FLINT_MAX(p, 1)); _fmpq_vec_clear(w.qr, FLINT_MAX(p, 1));
    _fmpq_vec_clear(w.c0, FLINT_MAX(p, 1)); _fmpq_vec_clear(w.c1, FLINT_MAX(p, 1));
    flint_free(w.sg);
    flint_free(cur);
    flint_free(ev);
    return status;
}

slong
wedge_path_eval(fmpq * c, const wedge_path_t P, const fmpq_t lambda)
{
    slong p = P->p;
    if (P->len == 0 || fmpq_cmp(lambda, P->lambda) >= 0)
    {
        for (slong j = 0; j < p; j++)
            fmpq_zero(c + j);
        return -1;
    }
    slong k = 0;
    while (k + 1 < P->len && fmpq_cmp(lambda, P->lambda + k + 1) < 0)
        k++;
    if (k + 1 >= P->len)
        return -2;                       /* below the computed path */
    /* c = c_k + (lambda - l_k) / (l_{k+1} - l_k) (c_{k+1} - c_k) */
    fmpq_t s, d;
    fmpq_init(s); fmpq_init(d);
    fmpq_sub(s, lambda, P->lambda + k);
    fmpq_sub(d, P->lambda + k + 1, P->lambda + k);
    fmpq_div(s, s, d);
    for (slong j = 0; j < p; j++)
    {
        fmpq_sub(d, P->coef + (k + 1) * p + j, P->coef + k * p + j);
        fmpq_mul(d, d, s);
        fmpq_add(c + j, P->coef + k * p + j, d);
    }
    fmpq_clear(s); fmpq_clear(d);
    return k;
}
