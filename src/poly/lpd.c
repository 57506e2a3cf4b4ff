/* A small dense simplex in doubles (poly/lp.h: poly_lp_min_d): a proposal
   generator for the exact code, never an answer. Primal simplex on a Tucker
   tableau started at a strictly feasible point x0: the basic variables are
   the slacks s = b - A x (kept >= 0) and, once they enter, the free
   coordinates (never leave); Bland's rule and an iteration cap make it stop. */
#include <math.h>
#include <string.h>
#include "poly/lp.h"

#define LPD_EPS 1e-9

typedef struct
{
    slong m, n, w;         /* rows, free variables, row width n + 1 */
    double * T;            /* (m + 1) x (n + 1): column n is the constant; row m the objective */
    slong * basic;         /* var in row i: 0..n-1 free, n + i slack i */
    slong * nonbasic;      /* var in column k */
}
lpd_struct;

static void
_lpd_pivot(lpd_struct * L, slong r, slong k)
{
    slong w = L->w;
    double * R = L->T + r * w, p = R[k];
    for (slong j = 0; j < w; j++)
        R[j] = (j == k) ? 1.0 / p : -R[j] / p;
    for (slong i = 0; i <= L->m; i++)
    {
        if (i == r)
            continue;
        double * Ti = L->T + i * w, f = Ti[k];
        if (f == 0.0)
            continue;
        for (slong j = 0; j < w; j++)
            Ti[j] = (j == k) ? f * R[k] : Ti[j] + f * R[j];
    }
    slong t = L->basic[r];
    L->basic[r] = L->nonbasic[k];
    L->nonbasic[k] = t;
}

/* One step: 1 pivoted, 0 optimal, -1 unbounded. */
static int
_lpd_step(lpd_struct * L)
{
    slong w = L->w, n = L->n, m = L->m, k = -1, r = -1;
    const double * obj = L->T + m * w;
    double dir = 0, best = 0;
    for (slong j = 0; j < n; j++)   /* Bland: the smallest variable index that improves */
    {
        slong v = L->nonbasic[j];
        int free_var = v < n;
        if ((free_var && fabs(obj[j]) > LPD_EPS) || (!free_var && obj[j] < -LPD_EPS))
            if (k < 0 || v < L->nonbasic[k])
                k = j;
    }
    if (k < 0)
        return 0;
    dir = obj[k] < 0 ? 1.0 : -1.0;
    for (slong i = 0; i < m; i++)
    {
        if (L->basic[i] < n)
            continue;
        double rate = L->T[i * w + k] * dir;
        if (rate >= -LPD_EPS)
            continue;
        double lim = FLINT_MAX(L->T[i * w + n], 0.0) / -rate;
        if (r < 0 || lim < best - 1e-12 || (lim <= best + 1e-12 && L->basic[i] < L->basic[r]))
        {
            r = i;
            best = lim;
        }
    }
    if (r < 0)
        return -1;
    _lpd_pivot(L, r, k);
    return 1;
}

int
poly_lp_min_d(double * x, double * opt, const double * A, const double * b, slong m, slong n, const double * obj,
              const double * x0)
{
    lpd_struct L;
    L.m = m;
    L.n = n;
    L.w = n + 1;
    L.T = flint_malloc((m + 1) * L.w * sizeof(double));
    L.basic = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    L.nonbasic = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    /* z = x - x0: s_i = (b_i - A_i x0) - A_i z; objective obj.x0 + obj.z */
    for (slong i = 0; i < m; i++)
    {
        double s = b[i];
        for (slong k = 0; k < n; k++)
        {
            s -= A[i * n + k] * x0[k];
            L.T[i * L.w + k] = -A[i * n + k];
        }
        L.T[i * L.w + n] = s;
        L.basic[i] = n + i;
    }
    double f = 0;
    for (slong k = 0; k < n; k++)
    {
        L.T[m * L.w + k] = obj[k];
        f += obj[k] * x0[k];
        L.nonbasic[k] = k;
    }
    L.T[m * L.w + n] = f;
    int st = 1;
    for (slong it = 0; it < 20 * (m + n) + 100 && st == 1; it++)
        st = _lpd_step(&L);
    if (st == 0)
    {
        for (slong k = 0; k < n; k++)
            x[k] = x0[k];
        for (slong i = 0; i < m; i++)
            if (L.basic[i] < n)
                x[L.basic[i]] = x0[L.basic[i]] + L.T[i * L.w + n];
        *opt = L.T[m * L.w + n];
    }
    flint_free(L.T);
    flint_free(L.basic);
    flint_free(L.nonbasic);
    return st == 0;
}
