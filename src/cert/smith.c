/* Smith normal forms with transforms, for homology certificates: dense
   (cert_smith_transform) and sparse (cert_smith_sparse).

   Boundary matrices are sparse with entries +-1, and almost all of their rank
   comes from unit pivots. A unit pivot (r, p) is eliminated in two steps that
   keep everything sparse: column operations clear row r (col j -= a col p:
   fill only in A's columns, V's columns and Vi's row p), then row operations
   clear column p (row i -= a row r): as row r is now zero but for the pivot,
   this only removes A's entry (i, p), and acts on U's rows and Ui's column r.
   Pivots are chosen by the Markowitz count (as in src/homology/chain.c) to
   keep the fill small. What is left without unit pivots is small and goes to
   the dense cert_smith_transform; its transforms are composed into the sparse
   ones, and a final permutation puts the diagonal first: s_1 | s_2 | ... */
#include <stdlib.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "cert/cert.h"

/* ---- dense, with transforms ------------------------------------------------- */
/* A is reduced in place to D = U A0 V; every elementary operation is applied to
   U and V and, inverted, to Ui = U^-1 and Vi = V^-1. */
typedef struct
{
    fmpz_mat_struct * A, * U, * Ui, * V, * Vi;
}
smith_ctx;

/* row i += q row j (i != j): U' = E U, U'^-1 = U^-1 E^-1 (column j -= q column i) */
static void
_row_addmul(smith_ctx * S, slong i, slong j, const fmpz_t q)
{
    for (slong c = 0; c < S->A->c; c++)
        fmpz_addmul(fmpz_mat_entry(S->A, i, c), q, fmpz_mat_entry(S->A, j, c));
    for (slong c = 0; c < S->U->c; c++)
        fmpz_addmul(fmpz_mat_entry(S->U, i, c), q, fmpz_mat_entry(S->U, j, c));
    for (slong r = 0; r < S->Ui->r; r++)
        fmpz_submul(fmpz_mat_entry(S->Ui, r, j), q, fmpz_mat_entry(S->Ui, r, i));
}

/* column j += q column i (i != j): V' = V F, V'^-1 = F^-1 V^-1 (row i -= q row j) */
static void
_col_addmul(smith_ctx * S, slong j, slong i, const fmpz_t q)
{
    for (slong r = 0; r < S->A->r; r++)
        fmpz_addmul(fmpz_mat_entry(S->A, r, j), q, fmpz_mat_entry(S->A, r, i));
    for (slong r = 0; r < S->V->r; r++)
        fmpz_addmul(fmpz_mat_entry(S->V, r, j), q, fmpz_mat_entry(S->V, r, i));
    for (slong c = 0; c < S->Vi->c; c++)
        fmpz_submul(fmpz_mat_entry(S->Vi, i, c), q, fmpz_mat_entry(S->Vi, j, c));
}

static void
_swap_cols(fmpz_mat_t M, slong i, slong j)
{
    for (slong r = 0; r < M->r; r++)
        fmpz_swap(fmpz_mat_entry(M, r, i), fmpz_mat_entry(M, r, j));
}

static void
_row_swap(smith_ctx * S, slong i, slong j)
{
    if (i == j)
        return;
    fmpz_mat_swap_rows(S->A, NULL, i, j);
    fmpz_mat_swap_rows(S->U, NULL, i, j);
    _swap_cols(S->Ui, i, j);
}

static void
_col_swap(smith_ctx * S, slong i, slong j)
{
    if (i == j)
        return;
    _swap_cols(S->A, i, j);
    _swap_cols(S->V, i, j);
    fmpz_mat_swap_rows(S->Vi, NULL, i, j);
}

/* row i *= -1: its own inverse, on U's row and U^-1's column */
static void
_row_neg(smith_ctx * S, slong i)
{
    for (slong c = 0; c < S->A->c; c++)
        fmpz_neg(fmpz_mat_entry(S->A, i, c), fmpz_mat_entry(S->A, i, c));
    for (slong c = 0; c < S->U->c; c++)
        fmpz_neg(fmpz_mat_entry(S->U, i, c), fmpz_mat_entry(S->U, i, c));
    for (slong r = 0; r < S->Ui->r; r++)
        fmpz_neg(fmpz_mat_entry(S->Ui, r, i), fmpz_mat_entry(S->Ui, r, i));
}

/* Reduces S->A (U, Ui, V, Vi start as identities) to Smith form: s_1 | s_2 |
   ... | s_r > 0 on the diagonal, zero elsewhere. Returns r. The pivot is the
   entry of least absolute value (a unit, for the boundary matrices met here,
   ends the search at once); a pivot that does not divide the rest of the block
   takes in the row that holds the remainder, so its absolute value decreases. */
slong
cert_smith_transform(fmpz_mat_t A, fmpz_mat_t U, fmpz_mat_t Ui, fmpz_mat_t V, fmpz_mat_t Vi)
{
    smith_ctx S = { A, U, Ui, V, Vi };
    slong m = A->r, n = A->c, t;
    fmpz_t q;
    fmpz_init(q);
    fmpz_mat_one(U);
    fmpz_mat_one(Ui);
    fmpz_mat_one(V);
    fmpz_mat_one(Vi);
    for (t = 0; t < FLINT_MIN(m, n); t++)
    {
        slong pi = -1, pj = -1;
        for (slong j = t; j < n && !(pi >= 0 && fmpz_is_pm1(fmpz_mat_entry(A, pi, pj))); j++)
            for (slong i = t; i < m; i++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, j)) &&
                    (pi < 0 || fmpz_cmpabs(fmpz_mat_entry(A, i, j), fmpz_mat_entry(A, pi, pj)) < 0))
                {
                    pi = i, pj = j;
                    if (fmpz_is_pm1(fmpz_mat_entry(A, i, j)))
                        break;
                }
        if (pi < 0)
            break;
        _row_swap(&S, t, pi);
        _col_swap(&S, t, pj);
        for (;;)
        {
            int clean = 1;
            for (slong i = t + 1; i < m; i++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, t)))
                {
                    fmpz_fdiv_q(q, fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, t, t));
                    fmpz_neg(q, q);
                    _row_addmul(&S, i, t, q);
                    clean &= fmpz_is_zero(fmpz_mat_entry(A, i, t));
                }
            for (slong j = t + 1; j < n; j++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, t, j)))
                {
                    fmpz_fdiv_q(q, fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, t, t));
                    fmpz_neg(q, q);
                    _col_addmul(&S, j, t, q);
                    clean &= fmpz_is_zero(fmpz_mat_entry(A, t, j));
                }
            if (clean)
            {
                slong bad = -1;
                for (slong i = t + 1; i < m && bad < 0; i++)
                    for (slong j = t + 1; j < n && bad < 0; j++)
                        if (!fmpz_divisible(fmpz_mat_entry(A, i, j), fmpz_mat_entry(A, t, t)))
                            bad = i;
                if (bad < 0)
                    break;
                fmpz_one(q);
                _row_addmul(&S, t, bad, q);
                continue;
            }
            /* a remainder is left in row or column t: make the smallest one the pivot */
            slong bi = t, bj = t;
            for (slong i = t + 1; i < m; i++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, t)) &&
                    fmpz_cmpabs(fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, bi, bj)) < 0)
                    bi = i, bj = t;
            for (slong j = t + 1; j < n; j++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, t, j)) &&
                    fmpz_cmpabs(fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, bi, bj)) < 0)
                    bi = t, bj = j;
            _row_swap(&S, t, bi);
            _col_swap(&S, t, bj);
        }
        if (fmpz_sgn(fmpz_mat_entry(A, t, t)) < 0)
            _row_neg(&S, t);
    }
    fmpz_clear(q);
    return t;
}

/* ---- sparse vectors and the sparse form --------------------------------------- */
void
svec_init(svec_t x)
{
    x->len = x->alloc = 0;
    x->idx = NULL;
    x->val = NULL;
}

void
svec_clear(svec_t x)
{
    if (x->alloc > 0)
        _fmpz_vec_clear(x->val, x->alloc);
    flint_free(x->idx);
    svec_init(x);
}

/* entry at index i (NULL if zero) */
static fmpz *
_svec_find(const svec_struct * x, slong i)
{
    slong lo = 0, hi = x->len - 1;
    while (lo <= hi)
    {
        slong mid = (lo + hi) / 2;
        if (x->idx[mid] == i)
            return x->val + mid;
        if (x->idx[mid] < i) lo = mid + 1; else hi = mid - 1;
    }
    return NULL;
}

/* x += q y (indices sorted). For A's columns, each index new to x is
   appended to occ[index] (the columns holding a row), tagged with self. */
static void
_svec_axpy(svec_struct * x, const fmpz_t q, const svec_struct * y, slong ** occ, slong * nocc, slong * aocc,
           slong self)
{
    if (y->len == 0 || fmpz_is_zero(q))
        return;
    slong cap = x->len + y->len, i = 0, j = 0, k = 0;
    slong * idx = flint_malloc(cap * sizeof(slong));
    fmpz * val = _fmpz_vec_init(cap);
    while (i < x->len || j < y->len)
    {
        if (j == y->len || (i < x->len && x->idx[i] < y->idx[j]))
        {
            idx[k] = x->idx[i];
            fmpz_swap(val + k, x->val + i);
            i++;
        }
        else
        {
            idx[k] = y->idx[j];
            if (i < x->len && x->idx[i] == y->idx[j])
                fmpz_swap(val + k, x->val + i++);
            else if (occ != NULL)
            {
                slong row = y->idx[j];
                if (nocc[row] == aocc[row])
                {
                    aocc[row] = FLINT_MAX(4, 2 * aocc[row]);
                    occ[row] = flint_realloc(occ[row], aocc[row] * sizeof(slong));
                }
                occ[row][nocc[row]++] = self;
            }
            fmpz_addmul(val + k, q, y->val + j);
            j++;
        }
        if (!fmpz_is_zero(val + k))
            k++;
    }
    if (x->alloc > 0)
        _fmpz_vec_clear(x->val, x->alloc);
    flint_free(x->idx);
    x->idx = idx;
    x->val = val;
    x->len = k;
    x->alloc = cap;
}

static void
_svec_set_unit(svec_struct * x, slong i)
{
    svec_clear(x);
    x->idx = flint_malloc(sizeof(slong));
    x->val = _fmpz_vec_init(1);
    x->alloc = x->len = 1;
    x->idx[0] = i;
    fmpz_one(x->val);
}

static void
_svec_neg(svec_struct * x)
{
    _fmpz_vec_neg(x->val, x->val, x->len);
}

/* x <- sum_l M[a][l] y[l] (row a of M, or column a when by_col) over the vectors y[l] */
static void
_svec_combine(svec_struct * x, const fmpz_mat_t M, slong a, int by_col, svec_struct * const * y, slong len)
{
    svec_t acc;
    svec_init(acc);
    for (slong l = 0; l < len; l++)
        _svec_axpy(acc, by_col ? fmpz_mat_entry(M, l, a) : fmpz_mat_entry(M, a, l), y[l], NULL, NULL, NULL, 0);
    svec_swap(x, acc);
    svec_clear(acc);
}

void
svec_swap(svec_t x, svec_t y)
{
    svec_struct t = *x;
    *x = *y;
    *y = t;
}

slong
cert_smith_sparse(fmpz * diag, svec_struct * U, svec_struct * Ui, svec_struct * V, svec_struct * Vi,
                  svec_struct * A, slong m, slong n, slong max_dense, rc_error_t err)
{
    /* U: rows, Ui: columns, V: columns, Vi: rows, A: columns; all start as I (A as given) */
    for (slong i = 0; i < m; i++)
    {
        _svec_set_unit(U + i, i);
        _svec_set_unit(Ui + i, i);
    }
    for (slong j = 0; j < n; j++)
    {
        _svec_set_unit(V + j, j);
        _svec_set_unit(Vi + j, j);
    }
    slong ** occ = flint_calloc(FLINT_MAX(m, 1), sizeof(slong *));
    slong * nocc = flint_calloc(FLINT_MAX(m, 1), sizeof(slong));
    slong * aocc = flint_calloc(FLINT_MAX(m, 1), sizeof(slong));
    char * rdead = flint_calloc(FLINT_MAX(m, 1), 1), * cdead = flint_calloc(FLINT_MAX(n, 1), 1);
    slong * prow = flint_malloc(FLINT_MAX(FLINT_MIN(m, n), 1) * sizeof(slong));
    slong * pcol = flint_malloc(FLINT_MAX(FLINT_MIN(m, n), 1) * sizeof(slong));
    slong units = 0, rank = 0, status = RELU_OK;
    fmpz_t q;
    fmpz_init(q);
    for (slong j = 0; j < n; j++)
        for (slong e = 0; e < A[j].len; e++)
        {
            slong row = A[j].idx[e];
            if (nocc[row] == aocc[row])
            {
                aocc[row] = FLINT_MAX(4, 2 * aocc[row]);
                occ[row] = flint_realloc(occ[row], aocc[row] * sizeof(slong));
            }
            occ[row][nocc[row]++] = j;
        }

    for (;;)
    {
        slong p = -1, r = -1, best = WORD_MAX;
        for (slong j = 0; j < n && best > 0; j++)
        {
            if (cdead[j])
                continue;
            for (slong e = 0; e < A[j].len; e++)
                if (fmpz_is_pm1(A[j].val + e))
                {
                    slong score = (A[j].len - 1) * (nocc[A[j].idx[e]] - 1);
                    if (score < best)
                        best = score, p = j, r = A[j].idx[e];
                }
        }
        if (p < 0)
            break;
        int u = fmpz_sgn(_svec_find(A + p, r));
        /* 1. columns: clear row r outside p (occ may hold stale or repeated columns) */
        slong cnt = nocc[r];
        slong * js = flint_malloc(FLINT_MAX(cnt, 1) * sizeof(slong));
        for (slong t = 0; t < cnt; t++)
            js[t] = occ[r][t];
        for (slong t = 0; t < cnt; t++)
        {
            slong j = js[t];
            fmpz * a;
            if (j == p || cdead[j] || (a = _svec_find(A + j, r)) == NULL)
                continue;
            fmpz_mul_si(q, a, -u);                       /* col j += q col p */
            _svec_axpy(A + j, q, A + p, occ, nocc, aocc, j);
            _svec_axpy(V + j, q, V + p, NULL, NULL, NULL, 0);
            fmpz_neg(q, q);                               /* Vi row p -= q Vi row j */
            _svec_axpy(Vi + p, q, Vi + j, NULL, NULL, NULL, 0);
        }
        flint_free(js);
        /* 2. rows: clear column p outside r; row r is (0..u..0), so A only loses (i, p) */
        for (slong e = 0; e < A[p].len; e++)
        {
            slong i = A[p].idx[e];
            if (i == r)
                continue;
            fmpz_mul_si(q, A[p].val + e, -u);            /* row i += q row r */
            _svec_axpy(U + i, q, U + r, NULL, NULL, NULL, 0);
            fmpz_neg(q, q);                               /* Ui col r -= q Ui col i */
            _svec_axpy(Ui + r, q, Ui + i, NULL, NULL, NULL, 0);
        }
        _svec_set_unit(A + p, r);
        if (u < 0)
        {
            _svec_neg(U + r);
            _svec_neg(Ui + r);
        }
        nocc[r] = 0;
        rdead[r] = cdead[p] = 1;
        prow[units] = r;
        pcol[units] = p;
        units++;
    }
    rank = units;

    /* the rest: dense, its transforms composed into the sparse ones */
    slong * R = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong)), * C = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    slong * rpos = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    slong nr = 0, nc = 0;
    for (slong i = 0; i < m; i++)
        rpos[i] = -1;
    for (slong j = 0; j < n; j++)
        if (!cdead[j] && A[j].len > 0)
        {
            C[nc++] = j;
            for (slong e = 0; e < A[j].len; e++)
                if (rpos[A[j].idx[e]] < 0)
                {
                    rpos[A[j].idx[e]] = nr;
                    R[nr++] = A[j].idx[e];
                }
        }
    slong rb = 0;
    if (nr > 0 && nc > 0 && nr * nc > max_dense)
        status = rc_error_set(err, RELU_E_UNSUPPORTED,
            "homology certificate: a %ld x %ld block without unit pivots is left; the dense Smith transforms "
            "are limited to %ld entries", (long) nr, (long) nc, (long) max_dense);
    else if (nr > 0 && nc > 0)
    {
        fmpz_mat_t B, Ub, Ubi, Vb, Vbi;
        fmpz_mat_init(B, nr, nc);
        fmpz_mat_init(Ub, nr, nr);
        fmpz_mat_init(Ubi, nr, nr);
        fmpz_mat_init(Vb, nc, nc);
        fmpz_mat_init(Vbi, nc, nc);
        for (slong c = 0; c < nc; c++)
            for (slong e = 0; e < A[C[c]].len; e++)
                fmpz_set(fmpz_mat_entry(B, rpos[A[C[c]].idx[e]], c), A[C[c]].val + e);
        rb = cert_smith_transform(B, Ub, Ubi, Vb, Vbi);
        svec_struct * old = flint_malloc(FLINT_MAX(nr, nc) * sizeof(svec_struct));
        svec_struct ** ptr = flint_malloc(FLINT_MAX(nr, nc) * sizeof(svec_struct *));
        /* U rows R[a] <- sum_l Ub[a][l] U rows R[l]; Ui cols R[a] <- sum_l Ubi[l][a] Ui cols R[l] */
        for (int which = 0; which < 4; which++)
        {
            slong len = which < 2 ? nr : nc;
            const slong * set = which < 2 ? R : C;
            svec_struct * M = which == 0 ? U : which == 1 ? Ui : which == 2 ? V : Vi;
            const fmpz_mat_struct * T = which == 0 ? Ub : which == 1 ? Ubi : which == 2 ? Vb : Vbi;
            int by_col = which == 1 || which == 2;
            for (slong l = 0; l < len; l++)
            {
                old[l] = M[set[l]];
                svec_init(M + set[l]);
                ptr[l] = old + l;
            }
            for (slong a = 0; a < len; a++)
                _svec_combine(M + set[a], T, a, by_col, ptr, len);
            for (slong l = 0; l < len; l++)
                svec_clear(old + l);
        }
        for (slong t = 0; t < rb; t++)
        {
            fmpz_set(diag + units + t, fmpz_mat_entry(B, t, t));
            prow[units + t] = R[t];
            pcol[units + t] = C[t];
        }
        flint_free(old);
        flint_free(ptr);
        fmpz_mat_clear(B);
        fmpz_mat_clear(Ub);
        fmpz_mat_clear(Ubi);
        fmpz_mat_clear(Vb);
        fmpz_mat_clear(Vbi);
    }
    rank = units + rb;
    for (slong t = 0; t < units; t++)
        fmpz_one(diag + t);

    /* permutation: pivot t to position (t, t), the other rows and columns after them in order */
    if (status == RELU_OK)
    {
        for (int which = 0; which < 4; which++)
        {
            slong len = which < 2 ? m : n;
            const slong * piv = which < 2 ? prow : pcol;
            svec_struct * M = which == 0 ? U : which == 1 ? Ui : which == 2 ? V : Vi;
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
    }
    fmpz_clear(q);
    for (slong i = 0; i < m; i++)
        flint_free(occ[i]);
    flint_free(occ);
    flint_free(nocc);
    flint_free(aocc);
    flint_free(rdead);
    flint_free(cdead);
    flint_free(prow);
    flint_free(pcol);
    flint_free(R);
    flint_free(C);
    flint_free(rpos);
    return status == RELU_OK ? rank : -1;
}
