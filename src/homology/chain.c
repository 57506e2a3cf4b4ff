/* Chain complexes with sparse boundaries and their integral homology. */
#include <stdlib.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "homology/homology.h"

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

/* ---- Smith normal form ------------------------------------------------------ */

/* Dense Smith form of a small matrix by elementary operations (FLINT 2.9's
   fmpz_mat_snf can hang on singular non-square input, so we do not call it).
   Appends |d_i| > 1 to tors and returns the rank. */
static slong
_dense_smith(fmpz_mat_t A, fmpz ** tors, slong * ntors)
{
    slong m = A->r, n = A->c, t = 0;
    fmpz_t q;
    fmpz_init(q);
    for (t = 0; t < FLINT_MIN(m, n); t++)
    {
        /* pivot: smallest nonzero absolute value in the lower-right block */
        slong pi = -1, pj = -1;
        for (slong i = t; i < m; i++)
            for (slong j = t; j < n; j++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, j)) &&
                    (pi < 0 || fmpz_cmpabs(fmpz_mat_entry(A, i, j), fmpz_mat_entry(A, pi, pj)) < 0))
                    pi = i, pj = j;
        if (pi < 0)
            break;
        fmpz_mat_swap_rows(A, NULL, t, pi);
        for (slong i = 0; i < m; i++)
            fmpz_swap(fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, i, pj));
        for (;;)
        {
            int clean = 1;
            const fmpz * p = fmpz_mat_entry(A, t, t);
            for (slong i = t + 1; i < m; i++)
            {
                fmpz_fdiv_q(q, fmpz_mat_entry(A, i, t), p);
                for (slong j = t; j < n; j++)
                    fmpz_submul(fmpz_mat_entry(A, i, j), q, fmpz_mat_entry(A, t, j));
                clean &= fmpz_is_zero(fmpz_mat_entry(A, i, t));
            }
            for (slong j = t + 1; j < n; j++)
            {
                fmpz_fdiv_q(q, fmpz_mat_entry(A, t, j), p);
                for (slong i = t; i < m; i++)
                    fmpz_submul(fmpz_mat_entry(A, i, j), q, fmpz_mat_entry(A, i, t));
                clean &= fmpz_is_zero(fmpz_mat_entry(A, t, j));
            }
            if (clean)
            {
                /* the pivot must divide the rest; if not, add that row and go on */
                slong bad = -1;
                for (slong i = t + 1; i < m && bad < 0; i++)
                    for (slong j = t + 1; j < n && bad < 0; j++)
                        if (!fmpz_divisible(fmpz_mat_entry(A, i, j), p))
                            bad = i;
                if (bad < 0)
                    break;
                for (slong j = t; j < n; j++)
                    fmpz_add(fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, bad, j));
                continue;
            }
            /* a remainder appeared: move the smallest entry of row/column t to the pivot */
            slong bi = t, bj = t;
            for (slong i = t; i < m; i++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, t)) &&
                    fmpz_cmpabs(fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, bi, bj)) < 0)
                    bi = i, bj = t;
            for (slong j = t; j < n; j++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, t, j)) &&
                    fmpz_cmpabs(fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, bi, bj)) < 0)
                    bi = t, bj = j;
            fmpz_mat_swap_rows(A, NULL, t, bi);
            for (slong i = 0; i < m; i++)
                fmpz_swap(fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, i, bj));
        }
    }
    for (slong i = 0; i < t; i++)
        if (!fmpz_is_pm1(fmpz_mat_entry(A, i, i)))
        {
            *tors = flint_realloc(*tors, (*ntors + 1) * sizeof(fmpz));
            fmpz_init(*tors + *ntors);
            fmpz_abs(*tors + *ntors, fmpz_mat_entry(A, i, i));
            (*ntors)++;
        }
    fmpz_clear(q);
    return t;
}

/* Sparse column of (row, value) pairs sorted by row. */
typedef struct { slong len, alloc; slong * r; fmpz * v; } scol;

static void
_scol_axpy(scol * c, const fmpz_t a, const scol * p, slong ** occ, slong * nocc, slong * aocc, slong self)
{
    /* c = c - a * p, merging sorted rows */
    slong len = c->len + p->len, i = 0, j = 0, k = 0;
    slong * r = flint_malloc(FLINT_MAX(len, 1) * sizeof(slong));
    fmpz * v = _fmpz_vec_init(FLINT_MAX(len, 1));
    while (i < c->len || j < p->len)
    {
        if (j == p->len || (i < c->len && c->r[i] < p->r[j]))
        {
            r[k] = c->r[i];
            fmpz_set(v + k, c->v + i);
            i++;
        }
        else
        {
            slong row = p->r[j];
            if (i < c->len && c->r[i] == row)
                fmpz_set(v + k, c->v + i++);
            else
            {
                fmpz_zero(v + k);
                /* a new row in this column: record the occurrence */
                if (nocc[row] == aocc[row])
                {
                    aocc[row] = FLINT_MAX(4, 2 * aocc[row]);
                    occ[row] = flint_realloc(occ[row], aocc[row] * sizeof(slong));
                }
                occ[row][nocc[row]++] = self;
            }
            fmpz_submul(v + k, a, p->v + j);
            r[k] = row;
            j++;
        }
        if (!fmpz_is_zero(v + k))
            k++;
    }
    _fmpz_vec_clear(c->v, FLINT_MAX(c->alloc, 1));
    flint_free(c->r);
    c->r = r;
    c->v = v;
    c->len = k;
    c->alloc = FLINT_MAX(len, 1);
}

static slong
_scol_find(const scol * c, slong row)
{
    slong lo = 0, hi = c->len - 1;
    while (lo <= hi)
    {
        slong mid = (lo + hi) / 2;
        if (c->r[mid] == row) return mid;
        if (c->r[mid] < row) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}

/* Rank and torsion (invariant factors > 1) of the boundary d_k : C_k -> C_{k-1}. */
static slong
_boundary_smith(const chain_complex_t K, slong k, fmpz ** tors, slong * ntors)
{
    slong m = K->num[k - 1], n = K->num[k], rank = 0;
    scol * col = flint_malloc(FLINT_MAX(n, 1) * sizeof(scol));
    slong ** occ = flint_calloc(FLINT_MAX(m, 1), sizeof(slong *));
    slong * nocc = flint_calloc(FLINT_MAX(m, 1), sizeof(slong));
    slong * aocc = flint_calloc(FLINT_MAX(m, 1), sizeof(slong));
    char * dead = flint_calloc(FLINT_MAX(n, 1), 1);
    fmpz_t a;
    fmpz_init(a);

    for (slong j = 0; j < n; j++)
    {
        slong len = K->start[k][j + 1] - K->start[k][j];
        scol * c = col + j;
        c->len = 0;
        c->alloc = FLINT_MAX(len, 1);
        c->r = flint_malloc(c->alloc * sizeof(slong));
        c->v = _fmpz_vec_init(c->alloc);
        /* insertion in row order (boundaries are short) */
        for (slong e = K->start[k][j]; e < K->start[k][j + 1]; e++)
        {
            slong row = K->row[k][e], pos = c->len;
            while (pos > 0 && c->r[pos - 1] > row)
            {
                c->r[pos] = c->r[pos - 1];
                fmpz_swap(c->v + pos, c->v + pos - 1);
                pos--;
            }
            c->r[pos] = row;
            fmpz_set_si(c->v + pos, K->coef[k][e]);
            c->len++;
            if (nocc[row] == aocc[row])
            {
                aocc[row] = FLINT_MAX(4, 2 * aocc[row]);
                occ[row] = flint_realloc(occ[row], aocc[row] * sizeof(slong));
            }
            occ[row][nocc[row]++] = j;
        }
    }

    /* eliminate unit pivots: column ops clear the pivot's row, then row and column go */
    for (;;)
    {
        slong pj = -1, pr = -1, best = WORD_MAX;
        for (slong j = 0; j < n && best > 0; j++)
        {
            if (dead[j])
                continue;
            for (slong e = 0; e < col[j].len; e++)
                if (fmpz_is_pm1(col[j].v + e))
                {
                    slong score = (col[j].len - 1) * (nocc[col[j].r[e]] - 1);
                    if (score < best)
                        best = score, pj = j, pr = col[j].r[e];
                }
        }
        if (pj < 0)
            break;
        scol * p = col + pj;
        slong pe = _scol_find(p, pr);
        int u = fmpz_sgn(p->v + pe);
        dead[pj] = 1;
        /* copy the occurrence list: axpy may append to it */
        slong cnt = nocc[pr];
        slong * js = flint_malloc(FLINT_MAX(cnt, 1) * sizeof(slong));
        for (slong t = 0; t < cnt; t++)
            js[t] = occ[pr][t];
        for (slong t = 0; t < cnt; t++)
        {
            slong j = js[t];
            if (dead[j] || (t > 0 && js[t - 1] == j))
                continue;
            slong e = _scol_find(col + j, pr);
            if (e < 0)
                continue;
            fmpz_mul_si(a, col[j].v + e, u);     /* a / u with u = +-1 */
            _scol_axpy(col + j, a, p, occ, nocc, aocc, j);
        }
        flint_free(js);
        nocc[pr] = 0;
        rank++;
    }

    /* what is left: dense */
    slong * rmap = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    slong dr = 0, dc = 0;
    for (slong i = 0; i < m; i++)
        rmap[i] = -1;
    for (slong j = 0; j < n; j++)
        if (!dead[j] && col[j].len > 0)
        {
            dc++;
            for (slong e = 0; e < col[j].len; e++)
                if (rmap[col[j].r[e]] < 0)
                    rmap[col[j].r[e]] = dr++;
        }
    if (dr > 0 && dc > 0)
    {
        fmpz_mat_t A;
        fmpz_mat_init(A, dr, dc);
        for (slong j = 0, c = 0; j < n; j++)
            if (!dead[j] && col[j].len > 0)
            {
                for (slong e = 0; e < col[j].len; e++)
                    fmpz_set(fmpz_mat_entry(A, rmap[col[j].r[e]], c), col[j].v + e);
                c++;
            }
        rank += _dense_smith(A, tors, ntors);
        fmpz_mat_clear(A);
    }

    for (slong j = 0; j < n; j++)
    {
        flint_free(col[j].r);
        _fmpz_vec_clear(col[j].v, col[j].alloc);
    }
    for (slong i = 0; i < m; i++)
        flint_free(occ[i]);
    flint_free(col);
    flint_free(occ);
    flint_free(nocc);
    flint_free(aocc);
    flint_free(dead);
    flint_free(rmap);
    fmpz_clear(a);
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
