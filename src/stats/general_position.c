#include <flint/fmpz_mat.h>
#include <flint/fmpq_mat.h>
#include "stats/stats.h"

/* rank of the rows idx[0..k-1] of M, first c columns */
static slong
_rank_rows(const fmpz_mat_t M, const slong * idx, slong k, slong c)
{
    fmpz_mat_t S;
    fmpz_mat_init(S, k, c);
    for (slong i = 0; i < k; i++)
        for (slong j = 0; j < c; j++)
            fmpz_set(fmpz_mat_entry(S, i, j), fmpz_mat_entry(M, idx[i], j));
    slong r = fmpz_mat_rank(S);
    fmpz_mat_clear(S);
    return r;
}

/* every k-subset of the n rows has rank k in the first c columns */
static int
_all_subsets_full_rank(const fmpz_mat_t M, slong n, slong k, slong c)
{
    if (k > n || k == 0)
        return 1;
    slong * idx = flint_malloc(k * sizeof(slong));
    for (slong i = 0; i < k; i++)
        idx[i] = i;
    int ok = 1;
    for (;;)
    {
        if (_rank_rows(M, idx, k, c) < k)
        {
            ok = 0;
            break;
        }
        slong i = k - 1;
        while (i >= 0 && idx[i] == n - k + i)
            i--;
        if (i < 0)
            break;
        idx[i]++;
        for (slong j = i + 1; j < k; j++)
            idx[j] = idx[j - 1] + 1;
    }
    flint_free(idx);
    return ok;
}

int
stats_general_position(const net_t net)
{
    if (net->nlayers != 2)
        return -1;
    const net_layer_struct * L = net->layers + 0;
    slong n = L->W->r, d = L->W->c;
    /* rows (w_i, b_i) scaled to integers: ranks do not change */
    fmpz_mat_t M;
    fmpz_mat_init(M, n, d + 1);
    fmpz_t den, t;
    fmpz_init(den);
    fmpz_init(t);
    for (slong i = 0; i < n; i++)
    {
        fmpz_one(den);
        for (slong j = 0; j <= d; j++)
        {
            const fmpq * x = j < d ? fmpq_mat_entry(L->W, i, j) : L->b + i;
            fmpz_lcm(den, den, fmpq_denref(x));
        }
        for (slong j = 0; j <= d; j++)
        {
            const fmpq * x = j < d ? fmpq_mat_entry(L->W, i, j) : L->b + i;
            fmpz_divexact(t, den, fmpq_denref(x));
            fmpz_mul(fmpz_mat_entry(M, i, j), t, fmpq_numref(x));
        }
    }
    /* any min(n, d) normals independent (then every smaller set is too), and any
       d + 1 hyperplanes without a common point: their d normals span R^d, so the
       system is inconsistent exactly when the augmented rows have rank d + 1 */
    int ok = _all_subsets_full_rank(M, n, FLINT_MIN(n, d), d) && _all_subsets_full_rank(M, n, d + 1, d + 1);
    fmpz_clear(den);
    fmpz_clear(t);
    fmpz_mat_clear(M);
    return ok;
}

void
stats_general_position_formula(fmpz_t regions, fmpq_t mean, slong d, slong n)
{
    /* N_d = sum_{i<=d} C(n,i); N_{d-1} = n sum_{i<=d-1} C(n-1,i) */
    fmpz_t c, cells;
    fmpz_init(c);
    fmpz_init(cells);
    fmpz_zero(regions);
    for (slong i = 0; i <= d && i <= n; i++)
    {
        fmpz_bin_uiui(c, n, i);
        fmpz_add(regions, regions, c);
    }
    for (slong i = 0; i <= d - 1 && i <= n - 1; i++)
    {
        fmpz_bin_uiui(c, n - 1, i);
        fmpz_add(cells, cells, c);
    }
    fmpz_mul_si(cells, cells, 2 * n);
    if (n == 0)
        fmpq_zero(mean);
    else
        fmpq_set_fmpz_frac(mean, cells, regions);
    fmpz_clear(c);
    fmpz_clear(cells);
}
