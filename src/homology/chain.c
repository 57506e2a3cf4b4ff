/* Chain complexes with sparse boundaries and their integral homology. */
#include <stdlib.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "homology/homology.h"
#include "smith/smith.h"

void
chain_complex_init(chain_complex_t K, slong top)
{
    K->top = top;
    K->num = flint_calloc(top + 1, sizeof(slong));
    K->start = flint_malloc((top + 1) * sizeof(slong *));
    K->row = flint_malloc((top + 1) * sizeof(slong *));
    K->coef = flint_malloc((top + 1) * sizeof(slong *));
    K->alloc = flint_calloc(top + 1, sizeof(slong));
    for (slong k = 0; k <= top; k++)
    {
        K->start[k] = flint_calloc(1, sizeof(slong));
        K->row[k] = NULL;
        K->coef[k] = NULL;
    }
}

void
chain_complex_clear(chain_complex_t K)
{
    for (slong k = 0; k <= K->top; k++)
    {
        flint_free(K->start[k]);
        flint_free(K->row[k]);
        flint_free(K->coef[k]);
    }
    flint_free(K->num);
    flint_free(K->start);
    flint_free(K->row);
    flint_free(K->coef);
    flint_free(K->alloc);
}

slong
chain_complex_add_cell(chain_complex_t K, slong k, slong len, const slong * rows, const slong * coef)
{
    slong i = K->num[k], end = K->start[k][i];
    K->start[k] = flint_realloc(K->start[k], (i + 2) * sizeof(slong));
    if (end + len > K->alloc[k])
    {
        K->alloc[k] = FLINT_MAX(end + len, 2 * K->alloc[k]);
        K->row[k] = flint_realloc(K->row[k], K->alloc[k] * sizeof(slong));
        K->coef[k] = flint_realloc(K->coef[k], K->alloc[k] * sizeof(slong));
    }
    for (slong j = 0; j < len; j++)
    {
        K->row[k][end + j] = rows[j];
        K->coef[k][end + j] = coef[j];
    }
    K->start[k][i + 1] = end + len;
    K->num[k]++;
    return i;
}

int
chain_complex_is_complex(const chain_complex_t K)
{
    int ok = 1;
    for (slong k = 2; k <= K->top && ok; k++)
    {
        slong * acc = flint_calloc(FLINT_MAX(K->num[k - 2], 1), sizeof(slong));
        for (slong i = 0; i < K->num[k] && ok; i++)
        {
            for (slong e = K->start[k][i]; e < K->start[k][i + 1]; e++)
            {
                slong g = K->row[k][e], c = K->coef[k][e];
                for (slong f = K->start[k - 1][g]; f < K->start[k - 1][g + 1]; f++)
                    acc[K->row[k - 1][f]] += c * K->coef[k - 1][f];
            }
            for (slong e = K->start[k][i]; e < K->start[k][i + 1]; e++)
            {
                slong g = K->row[k][e];
                for (slong f = K->start[k - 1][g]; f < K->start[k - 1][g + 1]; f++)
                {
                    ok &= (acc[K->row[k - 1][f]] == 0);
                    acc[K->row[k - 1][f]] = 0;
                }
            }
        }
        flint_free(acc);
    }
    return ok;
}

/* ---- Smith normal form (src/smith) ---------------------------------------------- */

/* Column j of d_k as a sparse vector: rows sorted, repeated rows summed, zeros dropped. */
static void
_boundary_column(svec_t c, const chain_complex_t K, slong k, slong j)
{
    slong len = K->start[k][j + 1] - K->start[k][j], t = 0;
    c->alloc = FLINT_MAX(len, 1);
    c->idx = flint_malloc(c->alloc * sizeof(slong));
    c->val = _fmpz_vec_init(c->alloc);
    c->len = 0;
    /* insertion in row order (boundaries are short) */
    for (slong e = K->start[k][j]; e < K->start[k][j + 1]; e++)
    {
        slong row = K->row[k][e], pos = c->len;
        while (pos > 0 && c->idx[pos - 1] > row)
            pos--;
        if (pos > 0 && c->idx[pos - 1] == row)
        {
            fmpz_add_si(c->val + pos - 1, c->val + pos - 1, K->coef[k][e]);
            continue;
        }
        for (slong q = c->len; q > pos; q--)
        {
            c->idx[q] = c->idx[q - 1];
            fmpz_swap(c->val + q, c->val + q - 1);
        }
        c->idx[pos] = row;
        fmpz_set_si(c->val + pos, K->coef[k][e]);
        c->len++;
    }
    for (slong e = 0; e < c->len; e++)
        if (!fmpz_is_zero(c->val + e))
        {
            c->idx[t] = c->idx[e];
            fmpz_swap(c->val + t++, c->val + e);
        }
    c->len = t;
}

/* Rank and torsion (invariant factors > 1, in divisibility order) of d_k : C_k -> C_{k-1}. */
static slong
_boundary_smith(const chain_complex_t K, slong k, fmpz ** tors, slong * ntors)
{
    slong m = K->num[k - 1], n = K->num[k], d = FLINT_MAX(FLINT_MIN(m, n), 1);
    svec_struct * col = flint_malloc(FLINT_MAX(n, 1) * sizeof(svec_struct));
    fmpz * diag = _fmpz_vec_init(d);
    rc_error_t err;
    rc_error_init(err);
    for (slong j = 0; j < n; j++)
    {
        svec_init(col + j);
        _boundary_column(col + j, K, k, j);
    }
    slong rank = smith_sparse(diag, NULL, NULL, NULL, NULL, col, m, n, WORD_MAX, err);
    for (slong t = 0; t < rank; t++)
        if (!fmpz_is_one(diag + t))
        {
            *tors = flint_realloc(*tors, (*ntors + 1) * sizeof(fmpz));
            fmpz_init_set(*tors + *ntors, diag + t);
            (*ntors)++;
        }
    for (slong j = 0; j < n; j++)
        svec_clear(col + j);
    flint_free(col);
    _fmpz_vec_clear(diag, d);
    return rank;
}

void
homology_init(homology_t H)
{
    H->top = -1;
    H->betti = H->ntorsion = H->cells = NULL;
    H->torsion = NULL;
}

void
homology_clear(homology_t H)
{
    for (slong k = 0; k <= H->top; k++)
    {
        for (slong i = 0; i < H->ntorsion[k]; i++)
            fmpz_clear(H->torsion[k] + i);
        flint_free(H->torsion[k]);
    }
    flint_free(H->betti);
    flint_free(H->ntorsion);
    flint_free(H->torsion);
    flint_free(H->cells);
}

static int
_cmp_fmpz(const void * a, const void * b)
{
    return fmpz_cmp((const fmpz *) a, (const fmpz *) b);
}

void
homology_compute(homology_t H, const chain_complex_t K)
{
    slong top = K->top;
    slong * rank = flint_calloc(top + 2, sizeof(slong));
    homology_clear(H);
    H->top = top;
    H->betti = flint_calloc(top + 1, sizeof(slong));
    H->ntorsion = flint_calloc(top + 1, sizeof(slong));
    H->torsion = flint_calloc(top + 1, sizeof(fmpz *));
    H->cells = flint_calloc(top + 1, sizeof(slong));
    /* torsion of H_{k-1} = invariant factors > 1 of d_k */
    for (slong k = 1; k <= top; k++)
    {
        rank[k] = _boundary_smith(K, k, &H->torsion[k - 1], &H->ntorsion[k - 1]);
        if (H->ntorsion[k - 1] > 1)   /* qsort(NULL, 0, ...) is undefined */
            qsort(H->torsion[k - 1], H->ntorsion[k - 1], sizeof(fmpz), _cmp_fmpz);
    }
    for (slong k = 0; k <= top; k++)
    {
        H->cells[k] = K->num[k];
        H->betti[k] = K->num[k] - rank[k] - rank[k + 1];
    }
    flint_free(rank);
}

slong
homology_euler(const homology_t H)
{
    slong e = 0;
    for (slong k = 0; k <= H->top; k++)
        e += (k % 2 ? -1 : 1) * H->betti[k];
    return e;
}
