/* The lasso path by exact homotopy (Efron, Hastie, Johnstone, Tibshirani,
   "Least angle regression", 2004, with the lasso modification; Osborne,
   Presnell, Turlach 2000; the general, possibly non-unique case: Tibshirani,
   "The lasso problem and uniqueness", 2013). Between breakpoints the solution
   c(lambda) and the correlations r(lambda) = A^T (y - A c) are affine in
   lambda; a segment ends at the largest lambda below the current one where an
   inactive |r_j| reaches lambda or an active c_j reaches 0. All of these are
   rationals, computed exactly. The direction at a breakpoint is not taken
   from G_S^{-1} s (which needs one event at a time and a nonsingular active
   Gram matrix) but from a small convex QP over the equicorrelation set,
   solved exactly as an LCP: simultaneous events and non-unique solutions are
   handled alike. Each segment is certified by the KKT conditions at both of
   its ends before it is stored. */
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
_path_push(wedge_path_t P, const fmpq_t lambda, const fmpq * c, const signed char * seg)
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
    P->ties[P->len] = 0;               /* set when the path moves on from here */
    P->len++;
}

/* The direction of the path below a breakpoint (research: Tibshirani 2013,
   section 3; Efron et al. 2004). With c the solution at lam, E = {j : |r_j| =
   lam}, s = sgn(r) on E, N = {j in E : c_j != 0}, Z = E \ N, the solution at
   lam - t (t small) is c + t d where d (supported on E) solves the convex QP
       min 1/2 ||A_E d||^2 - s . d   subject to  s_j d_j >= 0 for j in Z:
   its KKT conditions are exactly the lasso's at lam - t to first order
   ((A^T A d)_j = s_j where j stays or becomes active, s_j (A^T A d)_j >= 1
   where j in Z stays at 0). With d_j = s_j z_j on Z and d_j = s_j (z+ - z-)
   on N it is the LCP (M = D^T G_E D, q = -D^T s_E, M PSD), solved by Lemke. */
static int
_direction(fmpq * d, const fmpq_mat_t A, const fmpq * c, const fmpq * r, const fmpq_t lam,
           slong * zcount, slong max_pivots)
{
    slong n = A->r, p = A->c, ne = 0, m = 0;
    slong * E = flint_malloc(FLINT_MAX(p, 1) * sizeof(slong));
    fmpq_t a;
    fmpq_init(a);
    for (slong j = 0; j < p; j++)
    {
        fmpq_zero(d + j);
        fmpq_abs(a, r + j);
        if (fmpq_equal(a, lam))
            E[ne++] = j;
    }
    *zcount = 0;
    for (slong k = 0; k < ne; k++)
    {
        int nz = !fmpq_is_zero(c + E[k]);
        m += nz ? 2 : 1;
        *zcount += !nz;
    }
    /* D: ne x m, column v maps z_v to d_{E[k]} with coefficient +-s */
    slong * row = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    int * coef = flint_malloc(FLINT_MAX(m, 1) * sizeof(int));
    for (slong k = 0, v = 0; k < ne; k++)
    {
        int s = fmpq_sgn(r + E[k]);
        row[v] = k; coef[v++] = s;
        if (!fmpq_is_zero(c + E[k]))
        {
            row[v] = k; coef[v++] = -s;
        }
    }
    fmpq_mat_t G, M;
    fmpq_mat_init(G, ne, ne);
    fmpq_mat_init(M, m, m);
    for (slong k = 0; k < ne; k++)
        for (slong l = k; l < ne; l++)
        {
            for (slong i = 0; i < n; i++)
                fmpq_addmul(fmpq_mat_entry(G, k, l), fmpq_mat_entry(A, i, E[k]), fmpq_mat_entry(A, i, E[l]));
            fmpq_set(fmpq_mat_entry(G, l, k), fmpq_mat_entry(G, k, l));
        }
    fmpq * q = _fmpq_vec_init(FLINT_MAX(m, 1)), * z = _fmpq_vec_init(FLINT_MAX(m, 1));
    for (slong u = 0; u < m; u++)
    {
        for (slong v = 0; v < m; v++)
        {
            fmpq_set(fmpq_mat_entry(M, u, v), fmpq_mat_entry(G, row[u], row[v]));
            if (coef[u] * coef[v] < 0)
                fmpq_neg(fmpq_mat_entry(M, u, v), fmpq_mat_entry(M, u, v));
        }
        /* q_u = -coef_u s_{row u} : -1 when coef_u = s, +1 otherwise */
        fmpq_set_si(q + u, coef[u] == fmpq_sgn(r + E[row[u]]) ? -1 : 1, 1);
    }
    int ok = wedge_lcp_lemke(z, M, q, max_pivots);
    if (ok)
        for (slong u = 0; u < m; u++)
        {
            if (coef[u] > 0) fmpq_add(d + E[row[u]], d + E[row[u]], z + u);
            else fmpq_sub(d + E[row[u]], d + E[row[u]], z + u);
        }
    _fmpq_vec_clear(q, FLINT_MAX(m, 1)); _fmpq_vec_clear(z, FLINT_MAX(m, 1));
    fmpq_mat_clear(G); fmpq_mat_clear(M);
    flint_free(row); flint_free(coef); flint_free(E);
    fmpq_clear(a);
    return ok;
}

/* The largest step t in (0, tmax] along c + t d (lambda = lam - t) before an
   active coefficient reaches 0 or an inactive correlation reaches +-lambda;
   h = A^T A d, sign = the active set on the segment. */
static void
_step(fmpq_t tstar, const fmpq * c, const fmpq * d, const fmpq * r, const fmpq * h, const signed char * sign,
      slong p, const fmpq_t lam, const fmpq_t tmax)
{
    fmpq_t t, num, den;
    fmpq_init(t); fmpq_init(num); fmpq_init(den);
    fmpq_set(tstar, tmax);
    for (slong j = 0; j < p; j++)
    {
        if (sign[j])
        {
            if (fmpq_is_zero(d + j))
                continue;
            fmpq_div(t, c + j, d + j);                   /* c_j + t d_j = 0 */
            fmpq_neg(t, t);
            if (fmpq_sgn(t) > 0 && fmpq_cmp(t, tstar) < 0)
                fmpq_set(tstar, t);
            continue;
        }
        for (int s = -1; s <= 1; s += 2)                /* r_j - t h_j = s (lam - t) */
        {
            fmpq_set_si(den, s, 1);
            fmpq_sub(den, den, h + j);
            if (fmpq_is_zero(den))
                continue;
            fmpq_mul_si(num, lam, s);
            fmpq_sub(num, num, r + j);
            fmpq_div(t, num, den);
            if (fmpq_sgn(t) > 0 && fmpq_cmp(t, tstar) < 0)
                fmpq_set(tstar, t);
        }
    }
    fmpq_clear(t); fmpq_clear(num); fmpq_clear(den);
}

/* h = A^T A d */
static void
_gram_times(fmpq * h, const fmpq_mat_t A, const fmpq * d)
{
    slong n = A->r, p = A->c;
    fmpq * u = _fmpq_vec_init(n);
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < p; j++)
            if (!fmpq_is_zero(d + j))
                fmpq_addmul(u + i, fmpq_mat_entry(A, i, j), d + j);
    for (slong j = 0; j < p; j++)
    {
        fmpq_zero(h + j);
        for (slong i = 0; i < n; i++)
            fmpq_addmul(h + j, fmpq_mat_entry(A, i, j), u + i);
    }
    _fmpq_vec_clear(u, n);
}

int
wedge_lasso_path(wedge_path_t P, const fmpq_mat_t A, const fmpq * y, const fmpq_t lambda_end,
                 slong max_steps, rc_error_t err)
{
    slong p = A->c, n = A->r, pp = FLINT_MAX(p, 1);
    int status = RELU_OK;
    fmpq * c = _fmpq_vec_init(pp), * r = _fmpq_vec_init(pp), * d = _fmpq_vec_init(pp);
    fmpq * h = _fmpq_vec_init(pp), * c1 = _fmpq_vec_init(pp);
    signed char * sg = flint_calloc(pp, 1);
    fmpq_t lam, next, tmax, tstar, t;
    fmpq_init(lam); fmpq_init(next); fmpq_init(tmax); fmpq_init(tstar); fmpq_init(t);
    wedge_path_clear(P);
    wedge_path_init(P, p);
    for (slong j = 0; j < p; j++)                      /* lambda_max = ||A^T y||_inf */
    {
        fmpq_zero(t);
        for (slong i = 0; i < n; i++)
            fmpq_addmul(t, fmpq_mat_entry(A, i, j), y + i);
        fmpq_abs(t, t);
        if (fmpq_cmp(t, lam) > 0)
            fmpq_set(lam, t);
    }
    _path_push(P, lam, c, NULL);
    while (status == RELU_OK && fmpq_cmp(lam, lambda_end) > 0)
    {
        slong zc;
        for (slong j = 0; j < p; j++)
            fmpq_set(c + j, P->coef + (P->len - 1) * p + j);
        wedge_lasso_correlations(r, A, y, c);
        if (!_direction(d, A, c, r, lam, &zc, WEDGE_PATH_MAX_PIVOTS))
        {
            char * s = num_get_str(lam);
            status = rc_error_set(err, RELU_E_UNSUPPORTED, "lasso path: at lambda = %s Lemke's method finds no "
                                  "direction (ray termination or more than %d pivots): path stops there",
                                  s, WEDGE_PATH_MAX_PIVOTS);
            flint_free(s);
            break;
        }
        P->ties[P->len - 1] = zc;
        for (slong j = 0; j < p; j++)
        {
            fmpq_abs(t, r + j);
            sg[j] = (fmpq_equal(t, lam) && (!fmpq_is_zero(c + j) || !fmpq_is_zero(d + j))) ? fmpq_sgn(r + j) : 0;
        }
        _gram_times(h, A, d);
        fmpq_sub(tmax, lam, lambda_end);
        _step(tstar, c, d, r, h, sg, p, lam, tmax);
        fmpq_sub(next, lam, tstar);
        for (slong j = 0; j < p; j++)
        {
            fmpq_mul(t, tstar, d + j);
            fmpq_add(c1 + j, c + j, t);
        }
        /* certify the segment: KKT with its active set at both ends */
        if (!wedge_lasso_kkt_check_signed(NULL, A, y, c, lam, sg)
            || !wedge_lasso_kkt_check_signed(NULL, A, y, c1, next, sg))
        {
            char * s = num_get_str(lam);
            status = rc_error_set(err, RELU_E_INTERNAL, "lasso path: the segment below lambda = %s fails its KKT "
                                  "certificate", s);
            flint_free(s);
            break;
        }
        _path_push(P, next, c1, sg);
        fmpq_set(lam, next);
        if (P->len > max_steps && fmpq_cmp(lam, lambda_end) > 0)
            status = rc_error_set(err, RELU_E_LIMIT, "lasso path: more than %ld breakpoints (--max-steps)", (long) max_steps);
    }
    P->complete = (status == RELU_OK);
    fmpq_clear(lam); fmpq_clear(next); fmpq_clear(tmax); fmpq_clear(tstar); fmpq_clear(t);
    _fmpq_vec_clear(c, pp); _fmpq_vec_clear(r, pp); _fmpq_vec_clear(d, pp);
    _fmpq_vec_clear(h, pp); _fmpq_vec_clear(c1, pp);
    flint_free(sg);
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
