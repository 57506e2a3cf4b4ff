/* Sparse Smith normal form, with optional sparse transforms.

   Boundary matrices are sparse with entries +-1, and almost all of their rank
   comes from unit pivots. A unit pivot (r, p) is eliminated in two steps that
   keep everything sparse: column operations clear row r (col j -= a col p:
   fill only in A's columns, V's columns and Vi's row p), then row operations
   clear column p (row i -= a row r): as row r is now zero but for the pivot,
   this only removes A's entry (i, p), and acts on U's rows and Ui's column r.
   Pivots are chosen by the Markowitz count to keep the fill small. What is
   left without unit pivots is small and goes to smith_dense; its transforms
   are composed into the sparse ones, and a final permutation puts the
   diagonal first: s_1 | s_2 | ... */
#include <flint/fmpz_vec.h>
#include "smith/smith.h"

typedef struct
{
    svec_struct * A, * U, * Ui, * V, * Vi;   /* U == NULL: no transforms */
    slong m, n;
    slong ** occ, * nocc, * aocc;          /* per row: the columns that hold it */
    char * rdead, * cdead;
    slong * prow, * pcol, npiv;            /* pivots in the order found */
    slong * bhead, * bnext, * bprev, * blen;  /* live columns in buckets by length (linked lists) */
}
sparse_ctx;

static void
_bucket_insert(sparse_ctx * S, slong j)
{
    slong L = S->A[j].len;
    S->blen[j] = L;
    S->bprev[j] = -1;
    S->bnext[j] = S->bhead[L];
    if (S->bhead[L] >= 0)
        S->bprev[S->bhead[L]] = j;
    S->bhead[L] = j;
}

static void
_bucket_remove(sparse_ctx * S, slong j)
{
    if (S->bprev[j] >= 0)
        S->bnext[S->bprev[j]] = S->bnext[j];
    else
        S->bhead[S->blen[j]] = S->bnext[j];
    if (S->bnext[j] >= 0)
        S->bprev[S->bnext[j]] = S->bprev[j];
}

/* after column j changed */
static void
_bucket_update(sparse_ctx * S, slong j)
{
    if (S->A[j].len != S->blen[j])
    {
        _bucket_remove(S, j);
        _bucket_insert(S, j);
    }
}

static void
_ctx_init(sparse_ctx * S, svec_struct * A, svec_struct * U, svec_struct * Ui, svec_struct * V, svec_struct * Vi,
          slong m, slong n)
{
    *S = (sparse_ctx) { A, U, Ui, V, Vi, m, n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL };
    S->occ = flint_calloc(FLINT_MAX(m, 1), sizeof(slong *));
    S->nocc = flint_calloc(FLINT_MAX(m, 1), sizeof(slong));
    S->aocc = flint_calloc(FLINT_MAX(m, 1), sizeof(slong));
    S->rdead = flint_calloc(FLINT_MAX(m, 1), 1);
    S->cdead = flint_calloc(FLINT_MAX(n, 1), 1);
    S->prow = flint_malloc(FLINT_MAX(FLINT_MIN(m, n), 1) * sizeof(slong));
    S->pcol = flint_malloc(FLINT_MAX(FLINT_MIN(m, n), 1) * sizeof(slong));
    S->bhead = flint_malloc((m + 1) * sizeof(slong));
    S->bnext = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    S->bprev = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    S->blen = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    for (slong L = 0; L <= m; L++)
        S->bhead[L] = -1;
    for (slong j = n - 1; j >= 0; j--)   /* each bucket in index order */
        _bucket_insert(S, j);
    for (slong i = 0; U != NULL && i < m; i++)
    {
        svec_set_unit(U + i, i);
        svec_set_unit(Ui + i, i);
    }
    for (slong j = 0; U != NULL && j < n; j++)
    {
        svec_set_unit(V + j, j);
        svec_set_unit(Vi + j, j);
    }
    for (slong j = 0; j < n; j++)
        for (slong e = 0; e < A[j].len; e++)
        {
            slong row = A[j].idx[e];
            if (S->nocc[row] == S->aocc[row])
            {
                S->aocc[row] = FLINT_MAX(4, 2 * S->aocc[row]);
                S->occ[row] = flint_realloc(S->occ[row], S->aocc[row] * sizeof(slong));
            }
            S->occ[row][S->nocc[row]++] = j;
        }
}

static void
_ctx_clear(sparse_ctx * S)
{
    for (slong i = 0; i < S->m; i++)
        flint_free(S->occ[i]);
    flint_free(S->occ);
    flint_free(S->nocc);
    flint_free(S->aocc);
    flint_free(S->rdead);
    flint_free(S->cdead);
    flint_free(S->prow);
    flint_free(S->pcol);
    flint_free(S->bhead);
    flint_free(S->bnext);
    flint_free(S->bprev);
    flint_free(S->blen);
}

/* A unit entry (r, p) of small Markowitz count (len(col) - 1)(len(row) - 1),
   searched as sparse LU codes do: columns by increasing length, stopping at a
   count 0 or after SMITH_SEARCH_COLUMNS columns that hold a unit. A search of
   every live column for the least count made the elimination quadratic (36%
   of `homology` on 16,000 edges). Any unit pivot gives the same Smith form. */
#define SMITH_SEARCH_COLUMNS 4

static int
_unit_pivot_find(slong * r, slong * p, const sparse_ctx * S)
{
    slong best = WORD_MAX, seen = 0;
    *p = -1;
    for (slong L = 1; L <= S->m && best > 0 && seen < SMITH_SEARCH_COLUMNS; L++)
        for (slong j = S->bhead[L]; j >= 0 && best > 0 && seen < SMITH_SEARCH_COLUMNS; j = S->bnext[j])
        {
            int unit = 0;
            for (slong e = 0; e < S->A[j].len; e++)
                if (fmpz_is_pm1(S->A[j].val + e))
                {
                    slong score = (S->A[j].len - 1) * (S->nocc[S->A[j].idx[e]] - 1);
                    unit = 1;
                    if (score < best)
                        best = score, *p = j, *r = S->A[j].idx[e];
                }
            seen += unit;
        }
    return *p >= 0;
}

/* Columns: clear row r outside p (occ may hold stale or repeated columns). */
static void
_unit_pivot_clear_row(sparse_ctx * S, slong r, slong p, int u, fmpz_t q)
{
    slong cnt = S->nocc[r];
    slong * js = flint_malloc(FLINT_MAX(cnt, 1) * sizeof(slong));
    for (slong t = 0; t < cnt; t++)
        js[t] = S->occ[r][t];
    for (slong t = 0; t < cnt; t++)
    {
        slong j = js[t];
        fmpz * a;
        if (j == p || S->cdead[j] || (a = svec_find(S->A + j, r)) == NULL)
            continue;
        fmpz_mul_si(q, a, -u);                       /* col j += q col p */
        svec_axpy(S->A + j, q, S->A + p, S->occ, S->nocc, S->aocc, j);
        _bucket_update(S, j);
        if (S->U == NULL)
            continue;
        svec_axpy(S->V + j, q, S->V + p, NULL, NULL, NULL, 0);
        fmpz_neg(q, q);                               /* Vi row p -= q Vi row j */
        svec_axpy(S->Vi + p, q, S->Vi + j, NULL, NULL, NULL, 0);
    }
    flint_free(js);
}

/* Rows: clear column p outside r; row r is (0..u..0), so A only loses (i, p). */
static void
_unit_pivot_clear_col(sparse_ctx * S, slong r, slong p, int u, fmpz_t q)
{
    for (slong e = 0; S->U != NULL && e < S->A[p].len; e++)
    {
        slong i = S->A[p].idx[e];
        if (i == r)
            continue;
        fmpz_mul_si(q, S->A[p].val + e, -u);          /* row i += q row r */
        svec_axpy(S->U + i, q, S->U + r, NULL, NULL, NULL, 0);
        fmpz_neg(q, q);                               /* Ui col r -= q Ui col i */
        svec_axpy(S->Ui + r, q, S->Ui + i, NULL, NULL, NULL, 0);
    }
    svec_set_unit(S->A + p, r);
    if (u < 0 && S->U != NULL)
    {
        svec_neg(S->U + r);
        svec_neg(S->Ui + r);
    }
}

static void
_unit_pivots_eliminate(sparse_ctx * S)
{
    slong r, p;
    fmpz_t q;
    fmpz_init(q);
    while (_unit_pivot_find(&r, &p, S))
    {
        int u = fmpz_sgn(svec_find(S->A + p, r));
        _unit_pivot_clear_row(S, r, p, u, q);
        _unit_pivot_clear_col(S, r, p, u, q);
        S->nocc[r] = 0;
        S->rdead[r] = S->cdead[p] = 1;
        _bucket_remove(S, p);
        S->prow[S->npiv] = r;
        S->pcol[S->npiv] = p;
        S->npiv++;
    }
    fmpz_clear(q);
}

/* M[set[a]] <- sum_l T[a][l] M[set[l]] (T[l][a] when by_col), for a < len. */
static void
_transform_compose(svec_struct * M, const slong * set, slong len, const fmpz_mat_t T, int by_col)
{
    svec_struct * old = flint_malloc(FLINT_MAX(len, 1) * sizeof(svec_struct));
    for (slong l = 0; l < len; l++)
    {
        old[l] = M[set[l]];
        svec_init(M + set[l]);
    }
    for (slong a = 0; a < len; a++)
        for (slong l = 0; l < len; l++)
            svec_axpy(M + set[a], by_col ? fmpz_mat_entry(T, l, a) : fmpz_mat_entry(T, a, l), old + l,
                      NULL, NULL, NULL, 0);
    for (slong l = 0; l < len; l++)
        svec_clear(old + l);
    flint_free(old);
}

/* The block B (rows R, columns C of what is left) in dense Smith form; its
   transforms composed into the sparse ones. Returns its rank. */
static slong
_dense_block(fmpz * diag, sparse_ctx * S, const slong * R, slong nr, const slong * C, slong nc, const slong * rpos)
{
    fmpz_mat_t B, Ub, Ubi, Vb, Vbi;
    fmpz_mat_init(B, nr, nc);
    for (slong c = 0; c < nc; c++)
        for (slong e = 0; e < S->A[C[c]].len; e++)
            fmpz_set(fmpz_mat_entry(B, rpos[S->A[C[c]].idx[e]], c), S->A[C[c]].val + e);
    int tr = S->U != NULL;
    if (tr)
    {
        fmpz_mat_init(Ub, nr, nr);
        fmpz_mat_init(Ubi, nr, nr);
        fmpz_mat_init(Vb, nc, nc);
        fmpz_mat_init(Vbi, nc, nc);
    }
    slong rb = smith_dense(B, tr ? Ub : NULL, tr ? Ubi : NULL, tr ? Vb : NULL, tr ? Vbi : NULL);
    if (tr)
    {
        _transform_compose(S->U, R, nr, Ub, 0);
        _transform_compose(S->Ui, R, nr, Ubi, 1);
        _transform_compose(S->V, C, nc, Vb, 1);
        _transform_compose(S->Vi, C, nc, Vbi, 0);
        fmpz_mat_clear(Ub);
        fmpz_mat_clear(Ubi);
        fmpz_mat_clear(Vb);
        fmpz_mat_clear(Vbi);
    }
    for (slong t = 0; t < rb; t++)
    {
        fmpz_set(diag + S->npiv + t, fmpz_mat_entry(B, t, t));
        S->prow[S->npiv + t] = R[t];
        S->pcol[S->npiv + t] = C[t];
    }
    fmpz_mat_clear(B);
    return rb;
}

/* What is left without unit pivots: dense. Returns its rank, or -1 (err) when too large. */
static slong
_dense_rest(fmpz * diag, sparse_ctx * S, slong max_dense, rc_error_t err)
{
    slong * R = flint_malloc(FLINT_MAX(S->m, 1) * sizeof(slong)), * C = flint_malloc(FLINT_MAX(S->n, 1) * sizeof(slong));
    slong * rpos = flint_malloc(FLINT_MAX(S->m, 1) * sizeof(slong));
    slong nr = 0, nc = 0, rb = 0;
    for (slong i = 0; i < S->m; i++)
        rpos[i] = -1;
    for (slong j = 0; j < S->n; j++)
        if (!S->cdead[j] && S->A[j].len > 0)
        {
            C[nc++] = j;
            for (slong e = 0; e < S->A[j].len; e++)
                if (rpos[S->A[j].idx[e]] < 0)
                {
                    rpos[S->A[j].idx[e]] = nr;
                    R[nr++] = S->A[j].idx[e];
                }
        }
    if (nr > 0 && nc > 0 && nr * nc > max_dense)
        rb = -1, rc_error_set(err, RELU_E_UNSUPPORTED,
            "homology certificate: a %ld x %ld block without unit pivots is left; the dense Smith transforms "
            "are limited to %ld entries", (long) nr, (long) nc, (long) max_dense);
    else if (nr > 0 && nc > 0)
        rb = _dense_block(diag, S, R, nr, C, nc, rpos);
    flint_free(R);
    flint_free(C);
    flint_free(rpos);
    return rb;
}

/* Pivot t to position (t, t) of M (len vectors), the others after them in order. */
static void
_transform_permute(svec_struct * M, slong len, const slong * piv, slong rank)
{
    char * used = flint_calloc(FLINT_MAX(len, 1), 1);
    svec_struct * perm = flint_malloc(FLINT_MAX(len, 1) * sizeof(svec_struct));
    slong t = 0;
    for (; t < rank; t++)
    {
        perm[t] = M[piv[t]];
        used[piv[t]] = 1;
    }
    for (slong i = 0; i < len; i++)
        if (!used[i])
            perm[t++] = M[i];
    for (slong i = 0; i < len; i++)
        M[i] = perm[i];
    flint_free(perm);
    flint_free(used);
}

slong
smith_sparse(fmpz * diag, svec_struct * U, svec_struct * Ui, svec_struct * V, svec_struct * Vi,
             svec_struct * A, slong m, slong n, slong max_dense, rc_error_t err)
{
    sparse_ctx S;
    _ctx_init(&S, A, U, Ui, V, Vi, m, n);
    _unit_pivots_eliminate(&S);
    slong units = S.npiv, rb = _dense_rest(diag, &S, max_dense, err), rank = -1;
    for (slong t = 0; t < units; t++)
        fmpz_one(diag + t);
    if (rb >= 0)
    {
        rank = units + rb;
        if (U != NULL)
        {
            _transform_permute(U, m, S.prow, rank);
            _transform_permute(Ui, m, S.prow, rank);
            _transform_permute(V, n, S.pcol, rank);
            _transform_permute(Vi, n, S.pcol, rank);
        }
    }
    _ctx_clear(&S);
    return rank;
}
